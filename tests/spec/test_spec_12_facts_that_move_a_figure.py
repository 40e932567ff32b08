"""SPEC §12: two kinds of bad input that used to move a figure instead of being refused.

* A negative net consideration — expenses above what the Company received — would lower
  the price further than issuing the shares for nothing (4.C(2)(iv)).
* An exercise, expiry, cancellation, repricing or promise *of* a grant the register never
  held is bad input even after a 4.B reorganisation, when 4.C(7) would otherwise record it
  as needing a manual determination.
"""

from __future__ import annotations

import pytest

from engine_helpers import P0, D, new_ledger, snapshot
from warrant.ground.errors import InvalidValue, UnknownGrant
from warrant.register.events import (
    Cancellation,
    Exercise,
    Expiry,
    Issuance,
    OptionGrant,
    PromiseToGrant,
    Reorganization,
    Repricing,
)

DAY = D(2002, 6, 3)
MERGER_DAY = D(2002, 9, 3)
LATER = D(2002, 10, 1)


def test_expenses_above_the_proceeds_are_refused() -> None:
    with pytest.raises(InvalidValue) as refused:
        Issuance(date=DAY, shares=1, cash=2, expenses=4_454_763)
    assert refused.value.field == "expenses"
    assert refused.value.clause == "4.C(2)(iv)"
    assert "4454763" in str(refused.value) and "cash + property = 2" in str(refused.value)


def test_expenses_above_an_allocation_are_refused() -> None:
    """A unit's allocated part replaces cash and property: the expenses are set against it."""
    with pytest.raises(InvalidValue) as refused:
        Issuance(
            date=DAY, shares=10, cash=1_000, allocated=100, allocated_by="Board", expenses=101
        )
    assert refused.value.field == "expenses"
    assert "allocated = 100" in str(refused.value)


def test_expenses_equal_to_the_proceeds_are_shares_for_nothing() -> None:
    """Net consideration 0 is allowed: B = 0, so P' = P × A / (A + C), here
    1.94 × 7,000,000 / 8,000,000."""
    ledger = new_ledger()
    ledger.apply(Issuance(date=DAY, shares=1_000_000, cash=50_000, expenses=50_000))
    assert ledger.price == P0 * 7_000_000 / 8_000_000


@pytest.mark.parametrize(
    "event",
    [
        Exercise(date=LATER, of="ghost", shares=999_999_999),
        Expiry(date=LATER, of="ghost", shares=5),
        Cancellation(date=LATER, of="ghost"),
        Repricing(date=LATER, of="ghost", exercise_price="0.01"),
        PromiseToGrant(date=LATER, id="p", of="ghost", shares=5),
    ],
    ids=lambda event: event.TYPE,
)
def test_an_unknown_grant_is_refused_after_a_reorganisation(event: object) -> None:
    ledger = new_ledger()
    ledger.apply(
        OptionGrant(date=DAY, id="real", shares=100, exercise_price="0.50", expires=D(2004, 1, 1))
    )
    ledger.apply(Reorganization(date=MERGER_DAY, basket={"cash": 2}))
    before = snapshot(ledger)
    with pytest.raises(UnknownGrant) as refused:
        ledger.apply(event)  # type: ignore[arg-type]
    assert "'ghost'" in str(refused.value)
    assert refused.value.field == "of"
    assert "event[2]" in str(refused.value)
    assert snapshot(ledger) == before


def test_a_known_grant_after_a_reorganisation_is_still_a_manual_determination() -> None:
    ledger = new_ledger()
    ledger.apply(
        OptionGrant(date=DAY, id="real", shares=100, exercise_price="0.50", expires=D(2004, 1, 1))
    )
    ledger.apply(Reorganization(date=MERGER_DAY, basket={"cash": 2}))
    decided = ledger.apply(Exercise(date=LATER, of="real", shares=100))
    assert decided.clause == "4.C(7)"
