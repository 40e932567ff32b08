"""Every reading side by side (SPEC §9): the shortcut — replaying only readings that can
change the answer, resuming from the register's checkpoints — gives exactly what a
replay from the start gives under each of the 96 readings."""

from __future__ import annotations

import random
from decimal import Decimal
from fractions import Fraction

import attrs
import pytest
from exchange_helpers import scenario
from hypothesis import given, settings
from hypothesis import strategies as st

from engine_helpers import D, price_history
from warrant.analyses.readings_side_by_side import readings_side_by_side, replay_side_by_side
from warrant.analyses.replay import replay
from warrant.case.scenario import PriceSource, Scenario
from warrant.files.exchange_output import readings_text, readings_to_json
from warrant.ground.errors import WarrantError
from warrant.instrument.readings import BusinessDayBasis, Reading
from warrant.register.events import (
    Cancellation,
    Event,
    Exercise,
    Expiry,
    Issuance,
    OptionGrant,
    StockSplit,
)
from warrant.register.holder_events import WarrantExercise
from warrant.register.ledger import Capitalization, Ledger
from warrant.register.series import SeriesWarrant


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


# -- a register one reading refuses ------------------------------------------------------

GOOD_FRIDAY = D(2003, 4, 18)  # a federal business day; the market was closed


def refused_under_trading() -> Scenario:
    """W-1 exercised in cash on Good Friday 2003, then a sale below the FMV of 2.50: the
    default (federal) business day takes the exercise; the trading-day reading refuses it."""
    return Scenario(
        series=(SeriesWarrant(id="W-1", holder="Bank A", face_shares=Fraction(100_000)),),
        capitalization=Capitalization(common_outstanding=7_000_000),
        price_source=PriceSource(),
        prices=price_history(base="2.50", start=D(2002, 1, 2), end=D(2007, 3, 2)),
        events=(
            WarrantExercise(date=GOOD_FRIDAY, warrant="W-1", shares=100, cash="194"),
            Issuance(date=D(2003, 6, 2), shares=1_000_000, cash="1000000"),
        ),
    )


def test_spec_9_a_reading_that_refuses_an_event_is_reported_not_raised() -> None:
    case = refused_under_trading()
    side = readings_side_by_side(case)
    trading = [r for r in Reading.all() if r.business_day is BusinessDayBasis.TRADING]
    # the 48 trading-day readings are refused at the exercise (event 0), each named
    assert len(side.refused) == 1
    (group,) = side.refused
    assert set(group.readings) == set(trading)
    assert group.refusal.event == 0
    assert "event[0] (warrant-exercise" in group.refusal.error
    assert "not a business day under the business_day reading (trading)" in group.refusal.error
    # the other 48 are answered, and agree with a replay of each
    answered = [r for g in side.groups for r in g.readings]
    assert len(answered) + len(group.readings) == len(Reading.all())
    for g in side.groups:
        for reading in g.readings:
            full = replay(attrs.evolve(case, reading=reading))
            assert g.outcome.exercise_price == full.exercise_price
    # the default's figure by hand: 1.94 × (A + 1,000,000 / 2.50) / (A + 1,000,000), where
    # A counts the 100 shares the exercise issued (every basis: no options, nothing deemed)
    a = Fraction(7_000_100)
    assert side.groups[0].outcome.exercise_price == Fraction(194, 100) * (a + 400_000) / (
        a + 1_000_000
    )
    assert "business_day" in side.depends_on
    for reading in trading:  # a run from the start under each refuses at the same event
        with pytest.raises(WarrantError, match=r"event\[0\]"):
            replay(attrs.evolve(case, reading=reading))


def test_spec_9_readings_json_and_text_list_the_refused_readings() -> None:
    side = readings_side_by_side(refused_under_trading())
    data = readings_to_json(side)
    (refused,) = data["refused"]
    assert refused["event"] == 0
    assert len(refused["readings"]) == 48
    assert all(r["business_day"] == "trading" for r in refused["readings"])
    assert sum(len(r["readings"]) for r in data["results"]) == 48
    text = readings_text(side)
    assert "(96 readings," in text
    assert "Refused under 48 reading(s): event[0] (warrant-exercise" in text


def test_spec_9_a_refusal_under_another_reading_names_that_reading() -> None:
    case = refused_under_trading()
    events = case.events

    def build(reading: Reading) -> Ledger:
        return Ledger(
            capitalization=case.capitalization, prices=case.prices, reading=reading,
            checkpoints=True, series=case.warrants,
        )

    with pytest.raises(WarrantError, match=r"under the reading business_day=trading"):
        replay_side_by_side(build, events, lambda ledger: ledger.price)


def test_verify_counts_a_reading_that_refuses_an_event_as_not_reproducing() -> None:
    from warrant.analyses.verify import verify
    from warrant.files.certificate_files import loads_certificate

    case = refused_under_trading()
    a = Fraction(7_000_100)
    price = Fraction(194, 100) * (a + 400_000) / (a + 1_000_000)
    stated = loads_certificate(
        f"[certificate]\nadjustment = 0\n[certificate.figures]\n"
        f'price_after = "{Decimal(price.numerator) / Decimal(price.denominator):.4f}"\n'
    )
    result = verify(case, stated)
    trading = {r for r in Reading.all() if r.business_day is BusinessDayBasis.TRADING}
    assert Reading() in result.reproduced_by
    assert not trading & set(result.reproduced_by)
    wrong = loads_certificate(
        '[certificate]\nadjustment = 0\n[certificate.figures]\nprice_after = "9.9999"\n'
    )
    assert verify(case, wrong).reproduced_by == ()  # searched every reading, no error


def test_spec_9_a_refusal_under_the_scenarios_own_reading_is_raised_as_a_replay_raises() -> None:
    # Under its own reading the register has no figures in force to set the others beside:
    # readings refuses it as replay does (the command line exits 2 with the same line).
    trading = Reading(business_day=BusinessDayBasis.TRADING)
    case = attrs.evolve(refused_under_trading(), reading=trading)
    with pytest.raises(WarrantError) as by_replay:
        replay(case)
    with pytest.raises(WarrantError) as by_readings:
        readings_side_by_side(case)
    assert str(by_readings.value) == str(by_replay.value)
    assert type(by_readings.value) is type(by_replay.value)
