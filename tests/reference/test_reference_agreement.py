"""The engine agrees with the reference model (tests/reference/model.py) — written from
SPEC.md and the warrant without reading the engine — on every figure after every event,
and on every refusal, over random registers with every event type and every reading.

Three drivers, bounded for CI (``benchmarks/reference_run.py`` runs the same comparison
for hours; docs/testing.md says what was run):

* a fixed sweep of seeded registers, the same every run;
* Hypothesis drawing registers, so a disagreement shrinks to a short register;
* a rule-based state machine that adds valid and invalid events one at a time and checks
  that a refusal leaves the ledger exactly as it was.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, initialize, invariant, rule

from reference.agreement import Agreement, compare
from reference.registers import (
    FIRST_DAY,
    LAST_DAY,
    RandomChooser,
    _Book,
    _event,
    hypothesis_chooser,
    register,
)

SWEEP = range(0, 150)


def test_a_fixed_sweep_of_registers_agrees() -> None:
    events = sum(compare(register(RandomChooser(seed))) for seed in SWEEP)
    assert events > 5 * len(SWEEP)  # the registers are not all refused at once


@settings(
    max_examples=60, deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(st.data())
def test_drawn_registers_agree(data: st.DataObject) -> None:
    compare(register(hypothesis_chooser(data)))


class RegisterMachine(RuleBasedStateMachine):
    """Events added one at a time — each type the generator knows, and outright invalid
    ones — on a register whose reading and capital are drawn first."""

    def __init__(self) -> None:
        super().__init__()
        self.agreement: Agreement | None = None
        self.book = _Book()
        self.day = FIRST_DAY
        self.common = 0
        self.refused = 0

    @initialize(data=st.data())
    def start(self, data: st.DataObject) -> None:
        head: dict[str, Any] = register(hypothesis_chooser(data), events=0)
        self.common = int(head["capitalization"]["common_outstanding"])
        if head["capitalization"]["plan_options_outstanding"]:
            self.book.grants["opening-plan-options"] = head["capitalization"][
                "plan_options_outstanding"
            ]
            self.book.plan_grants.add("opening-plan-options")
        self.agreement = Agreement(head)

    @rule(data=st.data(), gap=st.integers(0, 120))
    def add_event(self, data: st.DataObject, gap: int) -> None:
        assert self.agreement is not None
        self.day = min(self.day + dt.timedelta(days=gap), LAST_DAY)
        raw = _event(hypothesis_chooser(data), self.book, self.day, self.common)
        if raw is not None and not self.agreement.step(raw):
            self.refused += 1

    @rule(kind=st.sampled_from(["ghost", "too-many", "early", "negative", "float"]))
    def add_invalid_event(self, kind: str) -> None:
        """Bad input of SPEC §12: refused by both sides, at this position, changing nothing."""
        assert self.agreement is not None
        raw: dict[str, Any] = {"type": "exercise", "date": self.day, "of": "ghost", "shares": "1"}
        if kind == "too-many":
            target = next(iter(self.book.grants), "ghost")
            raw = {"type": "cancellation", "date": self.day, "of": target,
                   "shares": "1000000000000000"}
        elif kind == "early":
            raw = {"type": "buyback", "date": dt.date(2002, 3, 1), "shares": "1"}
        elif kind == "negative":
            raw = {"type": "issuance", "date": self.day, "shares": "10", "cash": "5",
                   "expenses": "6"}
        elif kind == "float":
            raw = {"type": "issuance", "date": self.day, "shares": "10", "cash": 1.5}
        assert not self.agreement.step(raw)

    @invariant()
    def adjustments_agree(self) -> None:
        if self.agreement is not None:
            self.agreement.finish()


RegisterMachine.TestCase.settings = settings(
    max_examples=40, stateful_step_count=20, deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
TestRegisterMachine = RegisterMachine.TestCase


@pytest.mark.parametrize(
    "seed", [207, 1182, 1509, 3269, 5598, 7415, 1001724, 1003589, 1013392, 3005930, 3007464]
)
def test_registers_that_once_disagreed_agree(seed: int) -> None:
    """Registers on which the two sides once parted, each traced to a defect or to a
    decision of one side that the other did not share (docs/testing.md lists them)."""
    compare(register(RandomChooser(seed)))
