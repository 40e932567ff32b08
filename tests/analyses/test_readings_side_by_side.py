"""Every reading side by side (SPEC §9): the shortcut — replaying only readings that can
change the answer, resuming from the register's checkpoints — gives exactly what a
replay from the start gives under each of the 96 readings."""

from __future__ import annotations

import random
from fractions import Fraction

import attrs
from exchange_helpers import scenario
from hypothesis import given, settings
from hypothesis import strategies as st

from engine_helpers import D, price_history
from warrant.analyses.readings_side_by_side import readings_side_by_side
from warrant.analyses.replay import replay
from warrant.instrument.readings import Reading
from warrant.register.events import (
    Cancellation,
    Event,
    Exercise,
    Expiry,
    Issuance,
    OptionGrant,
    StockSplit,
)


def register(seed: int) -> list[Event]:
    """A small register touching every reading: plan and non-plan grants, deemed issues that
    lapse, exercises, cancellations, a split, a sale below FMV."""
    rng = random.Random(seed)
    events: list[Event] = []
    day = D(2002, 4, 1)
    for n in range(8):
        day = D(2002, 4 + n, 1 + rng.randrange(3))
        plan = rng.random() < 0.5
        price = rng.choice(["0.50", "2.00"])  # 0.50 is below the FMV of 1.00: deemed issued
        events.append(OptionGrant(
            id=f"g{n}", date=day, shares=rng.randrange(100_000, 900_000), exercise_price=price,
            expires=D(2006, 1, 1), plan=plan, grantee="employee" if plan else None,
        ))
    events.append(Issuance(date=D(2003, 1, 6), shares=500_000, cash="400000"))
    events.append(StockSplit(date=D(2003, 2, 3), ratio=Fraction(3, 2)))
    events.append(Exercise(date=D(2003, 3, 3), of="g0", shares=10_000))
    events.append(Cancellation(date=D(2003, 4, 1), of="g1", shares=50_000))
    for n in range(2, 8):
        events.append(Expiry(date=D(2003, 5, n + 1), of=f"g{n}"))
    return events


@settings(max_examples=4, deadline=None)
@given(seed=st.integers(0, 10_000))
def test_spec_9_side_by_side_equals_a_replay_under_each_reading(seed: int) -> None:
    case = scenario(register(seed), plan_options=1_200_000, prices=price_history())
    side = readings_side_by_side(case)
    assert sum(len(group.readings) for group in side.groups) == len(Reading.all())
    assert side.runs < len(Reading.all())
    for group in side.groups:
        for reading in group.readings:
            full = replay(attrs.evolve(case, reading=reading))
            assert group.outcome.exercise_price == full.exercise_price
            assert group.outcome.shares == full.shares
            assert group.outcome.adjustments == len(full.ledger.adjustments)


def test_spec_9_depends_on_names_only_fields_that_change_the_result() -> None:
    case = scenario(register(1), plan_options=1_200_000, prices=price_history())
    side = readings_side_by_side(case)
    assert "business_day" not in side.depends_on  # nothing here is an exercise
    outcome_by_reading = {r: g.outcome for g in side.groups for r in g.readings}
    for name in side.depends_on:
        assert any(
            outcome_by_reading[attrs.evolve(reading, **{name: other})] != outcome
            for reading, outcome in outcome_by_reading.items()
            for other in {getattr(r, name) for r in outcome_by_reading}
        )
    # the default's group comes first
    assert Reading() in side.groups[0].readings
