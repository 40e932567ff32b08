"""4.C(5)(ii) and (iii): what the record says of a restructuring financing, a promise to
grant and the grant that honours it — the reasons in full, the clause, the outcome, and the
room a promise holds.

Every expected figure is worked by hand with Fractions; the FMV is $1.00 on every date
unless a test builds its own prices.
"""

from __future__ import annotations

from fractions import Fraction

import pytest

from engine_helpers import CAP, ISSUE_DATE, P0, D, new_ledger, price_history
from warrant.ground.errors import EventRejected, UnknownGrant
from warrant.instrument.readings import CarveOutCounting, Reading
from warrant.register.events import (
    Cancellation,
    Issuance,
    OptionGrant,
    PromiseToGrant,
    StockSplit,
)
from warrant.register.ledger import OPENING_PLAN_OPTIONS
from warrant.register.records import EventRef, Outcome

DAY, LATER, LATEST = D(2002, 6, 3), D(2002, 7, 1), D(2002, 8, 1)
CANCEL, GAP, REGRANT = D(2003, 4, 1), D(2003, 6, 2), D(2003, 10, 3)

ISSUE_DAY_REASON = (
    "the restructuring exclusion covers shares issued after the Issue Date, not on it: "
    "these are Additional Shares (4.C(5)(ii))"
)


def plan(gid: str, shares: int, day: D, *, fulfils: str | None = None) -> OptionGrant:
    return OptionGrant(
        id=gid, date=day, shares=shares, exercise_price="2.00", expires=D(2013, 1, 1),
        plan=True, grantee="employee", fulfils=fulfils,
    )


# --- 4.C(5)(ii): the restructuring financing ---------------------------------------------


def test_4c5ii_a_restructuring_issue_on_the_issue_date_is_not_excluded() -> None:
    ledger = new_ledger()
    # 0.90 a share ≥ the floor 0.85, but issued on the Issue Date itself
    determination = ledger.apply(
        Issuance(date=ISSUE_DATE, shares=1_000_000, cash=900_000, restructuring="R1")
    )
    assert determination.outcome is Outcome.ADJUSTED
    assert determination.clause == "4.C(1)"
    assert determination.reasons[0] == ISSUE_DAY_REASON
    # A = 7,000,000; B = 900,000; C = 1,000,000
    assert ledger.price == P0 * Fraction(7_900_000, 8_000_000)
    # nothing claimed the one-time exclusion: a later restructuring may still have it
    assert ledger.position.restructuring is None
    later = ledger.apply(Issuance(date=DAY, shares=500_000, cash=450_000, restructuring="R2"))
    assert later.outcome is Outcome.EXCLUDED
    assert ledger.position.restructuring == "R2"


def test_4c5ii_the_excluded_financing_gives_its_price_and_floor() -> None:
    ledger = new_ledger()
    determination = ledger.apply(
        Issuance(date=DAY, shares=1_000_000, cash=900_000, restructuring="R1")
    )
    assert determination.reasons == (
        "equity financing of restructuring 'R1' sold at 0.9 per share, at least 85% of the "
        "fair market value 1 (floor 0.85): not Additional Shares (4.C(5)(ii))",
    )
    assert ledger.position.restructuring == "R1"


# FMV 1.30 on 2002-09-16 (closes 1.10 .. 1.50 on 2002-09-09 .. 13): floor 0.85 × 1.30 = 1.105
FLOOR_DAY = D(2002, 9, 16)
FLOOR_CLOSES = dict(
    zip(
        (D(2002, 9, 9), D(2002, 9, 10), D(2002, 9, 11), D(2002, 9, 12), D(2002, 9, 13)),
        ("1.10", "1.20", "1.30", "1.40", "1.50"),
        strict=True,
    )
)


def test_4c5ii_below_the_floor_the_record_gives_the_price_the_percentage_and_the_floor() -> None:
    ledger = new_ledger(prices=price_history(FLOOR_CLOSES))
    # 1,104,990 / 1,000,000 = 1.10499 < 0.85 × 1.30 = 1.105
    determination = ledger.apply(
        Issuance(date=FLOOR_DAY, shares=1_000_000, cash=1_104_990, restructuring="R1")
    )
    assert determination.clause == "4.C(1)"
    assert determination.reasons[0] == (
        "sold at 1.10499 per share, below 85% of the fair market value 1.3 (floor 1.105): "
        "not excluded (4.C(5)(ii))"
    )
    # the first to name a restructuring claims it, even below the floor
    assert ledger.position.restructuring == "R1"


def test_4c5ii_a_second_restructuring_leaves_the_exclusion_with_the_first() -> None:
    ledger = new_ledger()
    ledger.apply(Issuance(date=DAY, shares=1_000_000, cash=900_000, restructuring="R1"))
    determination = ledger.apply(
        Issuance(date=LATER, shares=500_000, cash=450_000, restructuring="R2")
    )
    assert determination.reasons[0] == (
        "restructuring 'R2' is a second restructuring: the one-time exclusion belongs to 'R1', "
        "so these are Additional Shares (4.C(5)(ii))"
    )
    assert ledger.position.restructuring == "R1"
    third = ledger.apply(Issuance(date=LATEST, shares=100_000, cash=90_000, restructuring="R3"))
    assert third.outcome is Outcome.ADJUSTED
    assert third.reasons[0].startswith("restructuring 'R3' is a second restructuring")


# --- 4.C(5)(iii): promises to grant ------------------------------------------------------


def cancelled_opening(reading: Reading | None = None):  # type: ignore[no-untyped-def]
    ledger = new_ledger(plan_options=1_900_000, reading=reading)
    ledger.apply(Cancellation(date=CANCEL, of=OPENING_PLAN_OPTIONS, shares=1_000_000))
    return ledger


def test_4c5iii_the_promise_is_recorded_with_its_date_clause_outcome_and_reasons() -> None:
    ledger = cancelled_opening()
    determination = ledger.apply(
        PromiseToGrant(date=GAP, id="p1", of=OPENING_PLAN_OPTIONS, shares=600_000)
    )
    assert determination.event == EventRef(index=1, type="promise-to-grant", id="p1")
    assert determination.date == GAP
    assert determination.clause == "4.C(5)(iii)"
    assert determination.outcome is Outcome.NO_FURTHER_ADJUSTMENT
    assert determination.adjustments == ()
    # 600,000 promised of the 1,000,000 freed: it holds the 600,000, not all that was freed
    assert determination.reasons == (
        "promise to grant 600000 shares for options of grant 'opening-plan-options': nothing is "
        "issued or issuable until the grant is made (4.C(5)(iii))",
        "it holds 600000 shares of carve-out room for the promised grant "
        "(reading: promised_grants_hold_room)",
    )
    (promise,) = ledger.position.promises
    assert (promise.id, promise.of, promise.date) == ("p1", OPENING_PLAN_OPTIONS, GAP)
    assert (promise.shares, promise.held) == (600_000, 600_000)
    assert ledger.carve_out.promised == 600_000


def test_4c5iii_a_promise_holds_no_more_than_the_room_left_under_the_cap() -> None:
    ledger = cancelled_opening()
    # room after the cancellation: 1,969,693 − 900,000 = 1,069,693; a new hire takes
    # 1,000,000 of it, leaving 69,693 — all a promise of 1,000,000 can hold
    ledger.apply(plan("hires", 1_000_000, CANCEL))
    assert ledger.carve_out.remaining == CAP - 1_900_000
    determination = ledger.apply(
        PromiseToGrant(date=GAP, id="p1", of=OPENING_PLAN_OPTIONS, shares=1_000_000)
    )
    assert ledger.carve_out.promised == 69_693
    assert determination.reasons[1] == (
        "it holds 69693 shares of carve-out room for the promised grant "
        "(reading: promised_grants_hold_room)"
    )


def test_4c5iii_room_freed_by_a_grant_made_after_a_split_is_counted_in_todays_shares() -> None:
    ledger = new_ledger()
    ledger.apply(StockSplit(date=D(2002, 5, 1), ratio=2))
    # granted after the split: 100,000 shares, 100,000 of them in the carve-out
    ledger.apply(plan("g", 100_000, DAY))
    ledger.apply(Cancellation(date=LATER, of="g", shares=40_000))
    # 40,000 freed (no split since the grant): a promise of 50,000 holds only those 40,000
    ledger.apply(PromiseToGrant(date=LATER, id="p1", of="g", shares=50_000))
    assert ledger.carve_out.promised == 40_000
    (promise,) = ledger.position.promises
    assert promise.held == 40_000


def test_4c5iii_under_cumulative_counting_the_promise_says_it_holds_nothing() -> None:
    ledger = cancelled_opening(Reading(carve_out_counting=CarveOutCounting.CUMULATIVE_GRANTS))
    determination = ledger.apply(
        PromiseToGrant(date=GAP, id="p1", of=OPENING_PLAN_OPTIONS, shares=1_000_000)
    )
    assert determination.reasons[1:] == (
        "the cancelled options freed no carve-out room, so there is none to hold "
        "(reading: cumulative-grants)",
    )
    assert ledger.position.promises[0].held == 0


def test_4c5iii_when_promises_hold_no_room_the_record_says_so() -> None:
    ledger = cancelled_opening(Reading(promised_grants_hold_room=False))
    determination = ledger.apply(
        PromiseToGrant(date=GAP, id="p1", of=OPENING_PLAN_OPTIONS, shares=1_000_000)
    )
    assert determination.reasons[1:] == (
        "the promise holds no carve-out room (reading: promised_grants_hold_room = false)",
    )
    assert ledger.position.promises[0].held == 0


def test_4c5iii_a_promise_for_an_unknown_grant_is_refused_under_4c5iii() -> None:
    ledger = cancelled_opening()
    with pytest.raises(UnknownGrant) as caught:
        ledger.apply(PromiseToGrant(date=GAP, id="p1", of="nope", shares=1))
    assert caught.value.field == "of"
    assert caught.value.clause == "4.C(5)(iii)"
    assert str(caught.value) == (
        "event[1] (promise-to-grant 'p1'): field 'of': no grant with id 'nope' in the register "
        "[4.C(5)(iii)]"
    )


def test_4c5iii_a_second_promise_with_the_same_id_is_refused() -> None:
    ledger = cancelled_opening()
    ledger.apply(PromiseToGrant(date=GAP, id="p1", of=OPENING_PLAN_OPTIONS, shares=1))
    with pytest.raises(EventRejected) as caught:
        ledger.apply(PromiseToGrant(date=GAP, id="p1", of=OPENING_PLAN_OPTIONS, shares=1))
    assert caught.value.field == "id"
    assert caught.value.clause == "4.C(5)(iii)"
    assert str(caught.value) == (
        "event[2] (promise-to-grant 'p1'): field 'id': a promise with id 'p1' is already in "
        "the register [4.C(5)(iii)]"
    )


def test_4c5iii_the_grant_that_honours_a_promise_names_it_and_the_room_it_held() -> None:
    ledger = cancelled_opening()
    ledger.apply(PromiseToGrant(date=GAP, id="p1", of=OPENING_PLAN_OPTIONS, shares=600_000))
    determination = ledger.apply(plan("new", 600_000, REGRANT, fulfils="p1"))
    assert determination.reasons[0] == (
        "honours promise 'p1', which held 600000 shares of carve-out room for it (4.C(5)(iii))"
    )
    assert ledger.position.promises == ()
