"""4.C(5)(iii) and promises to grant: the room a promise holds during an exchange's gap.

A promise issued for cancelled plan options keeps their carve-out room (up to the shares
promised) under the default reading, so a plan grant made meanwhile cannot take it; the
grant that honours the promise releases it.  Figures are worked by hand.
"""

from __future__ import annotations

import pytest

from engine_helpers import CAP, D, new_ledger, snapshot
from warrant.ground.errors import InvalidValue, UnknownGrant
from warrant.instrument.readings import CarveOutCounting, Reading
from warrant.register.events import Cancellation, OptionGrant, PromiseToGrant
from warrant.register.ledger import OPENING_PLAN_OPTIONS

CANCEL, GAP, REGRANT = D(2003, 4, 1), D(2003, 6, 2), D(2003, 10, 3)


def plan(gid: str, shares: int, day: D, *, fulfils: str | None = None) -> OptionGrant:
    return OptionGrant(
        id=gid,
        date=day,
        shares=shares,
        exercise_price="2.00",
        expires=D(2013, 1, 1),
        plan=True,
        grantee="employee",
        fulfils=fulfils,
    )


def exchange_gap(reading: Reading | None = None):  # type: ignore[no-untyped-def]
    ledger = new_ledger(plan_options=1_900_000, reading=reading)
    ledger.apply(Cancellation(date=CANCEL, of=OPENING_PLAN_OPTIONS, shares=1_000_000))
    ledger.apply(PromiseToGrant(date=CANCEL, id="p1", of=OPENING_PLAN_OPTIONS, shares=1_000_000))
    return ledger


def test_c5iii_promise_holds_the_room_the_cancelled_options_held() -> None:
    ledger = exchange_gap()
    carve = ledger.carve_out
    assert (carve.used, carve.promised) == (900_000 + 1_000_000, 1_000_000)
    assert carve.remaining == CAP - 1_900_000
    ledger.apply(plan("hires", 500_000, GAP))
    hires = ledger.grants["hires"]
    # only 1,969,693 - 1,900,000 = 69,693 of room is free: the rest is over the cap
    assert (hires.excluded.granted, hires.other.granted) == (69_693, 430_307)
    ledger.apply(plan("new", 1_000_000, REGRANT, fulfils="p1"))
    assert ledger.grants["new"].excluded.granted == 1_000_000
    assert ledger.carve_out.promised == 0
    assert ledger.carve_out.used == CAP


def test_c5iii_gap_grant_fits_only_when_promises_hold_no_room() -> None:
    ledger = exchange_gap(Reading(promised_grants_hold_room=False))
    assert ledger.carve_out.promised == 0
    ledger.apply(plan("hires", 500_000, GAP))
    assert ledger.grants["hires"].excluded.granted == 500_000
    ledger.apply(plan("new", 1_000_000, REGRANT, fulfils="p1"))
    new = ledger.grants["new"]
    # room 1,969,693 - 900,000 - 500,000 = 569,693; the rest overflows
    assert (new.excluded.granted, new.other.granted) == (569_693, 430_307)


def test_c5iii_cumulative_counting_frees_nothing_so_a_promise_holds_nothing() -> None:
    ledger = exchange_gap(Reading(carve_out_counting=CarveOutCounting.CUMULATIVE_GRANTS))
    carve = ledger.carve_out
    assert (carve.used, carve.promised) == (1_900_000, 0)
    assert "promised_grants_hold_room" not in ledger.consulted


def test_c5iii_promise_holds_no_more_than_was_freed() -> None:
    ledger = new_ledger(plan_options=100_000)
    ledger.apply(Cancellation(date=CANCEL, of=OPENING_PLAN_OPTIONS, shares=40_000))
    ledger.apply(PromiseToGrant(date=CANCEL, id="p1", of=OPENING_PLAN_OPTIONS, shares=50_000))
    assert ledger.carve_out.promised == 40_000  # 50,000 promised, 40,000 freed
    ledger.apply(PromiseToGrant(date=CANCEL, id="p2", of=OPENING_PLAN_OPTIONS, shares=10_000))
    assert ledger.carve_out.promised == 40_000  # nothing freed is left to hold


def test_c5iii_ledger_records_the_reading_fields_its_rules_read() -> None:
    ledger = exchange_gap()
    assert set(ledger.consulted) == {"carve_out_counting", "promised_grants_hold_room"}
    assert ledger.consulted["carve_out_counting"] == 0  # first read by the cancellation


def test_c5iii_honouring_an_unknown_promise_is_refused_and_changes_nothing() -> None:
    ledger = exchange_gap()
    before = snapshot(ledger)
    with pytest.raises(UnknownGrant) as caught:
        ledger.apply(plan("new", 1_000, REGRANT, fulfils="p9"))
    assert caught.value.field == "fulfils" and caught.value.clause == "4.C(5)(iii)"
    assert snapshot(ledger) == before


def test_c5iii_a_promise_needs_an_id_and_a_known_grant() -> None:
    with pytest.raises(InvalidValue) as caught:
        PromiseToGrant(date=CANCEL, of=OPENING_PLAN_OPTIONS, shares=1)
    assert caught.value.field == "id"
    ledger = exchange_gap()
    before = snapshot(ledger)
    with pytest.raises(UnknownGrant):
        ledger.apply(PromiseToGrant(date=CANCEL, id="p2", of="nope", shares=1))
    with pytest.raises(InvalidValue):
        ledger.apply(PromiseToGrant(date=CANCEL, id="p1", of=OPENING_PLAN_OPTIONS, shares=1))
    assert snapshot(ledger) == before
