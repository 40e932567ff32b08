"""4.E with 4.C(5)(iii): a split during an exchange's gap scales the promise to grant with
every other share count, and the room it holds with it.  Figures worked by hand.

Register: 1,900,000 plan options at the Issue Date; 1,000,000 of them are cancelled and
promised again on 2003-04-01; a 2-for-1 split on 2003-05-01, in the gap.
"""

from __future__ import annotations

from engine_helpers import CAP, D, new_ledger
from warrant.instrument.readings import Reading
from warrant.register.events import Cancellation, OptionGrant, PromiseToGrant, StockSplit
from warrant.register.ledger import OPENING_PLAN_OPTIONS

CANCEL, SPLIT, GAP, REGRANT = D(2003, 4, 1), D(2003, 5, 1), D(2003, 6, 2), D(2003, 10, 3)


def plan(gid: str, shares: int, day: D, *, fulfils: str | None = None) -> OptionGrant:
    return OptionGrant(
        id=gid, date=day, shares=shares, exercise_price="1.00", expires=D(2013, 1, 1),
        plan=True, grantee="employee", fulfils=fulfils,
    )


def split_in_the_gap(reading: Reading | None = None):  # type: ignore[no-untyped-def]
    ledger = new_ledger(plan_options=1_900_000, reading=reading)
    ledger.apply(Cancellation(date=CANCEL, of=OPENING_PLAN_OPTIONS, shares=1_000_000))
    ledger.apply(PromiseToGrant(date=CANCEL, id="p1", of=OPENING_PLAN_OPTIONS, shares=1_000_000))
    ledger.apply(StockSplit(date=SPLIT, ratio=2))
    return ledger


def test_4e_4c5iii_a_split_doubles_the_promise_and_the_room_it_holds():
    ledger = split_in_the_gap()
    (promise,) = ledger.position.promises
    assert (promise.id, promise.of, promise.date) == ("p1", OPENING_PLAN_OPTIONS, CANCEL)
    assert (promise.shares, promise.held) == (2_000_000, 2_000_000)
    carve = ledger.carve_out
    # cap 2 x 1,969,693 = 3,939,386; 900,000 x 2 options left + 2,000,000 held
    assert carve.cap == 2 * CAP
    assert (carve.used, carve.promised) == (3_800_000, 2_000_000)


def test_4e_4c5iii_a_gap_grant_after_the_split_finds_only_the_room_left():
    ledger = split_in_the_gap()
    ledger.apply(plan("hires", 500_000, GAP))
    hires = ledger.grants["hires"]
    # room 3,939,386 - 3,800,000 = 139,386; the rest is outside the carve-out
    assert (hires.excluded.granted, hires.other.granted) == (139_386, 360_614)


def test_4e_4c5iii_the_grant_honouring_the_promise_takes_its_doubled_room():
    ledger = split_in_the_gap()
    ledger.apply(plan("new", 2_000_000, REGRANT, fulfils="p1"))
    assert ledger.grants["new"].excluded.granted == 2_000_000
    assert ledger.position.promises == ()
    assert (ledger.carve_out.used, ledger.carve_out.promised) == (3_800_000, 0)


def test_4e_4c5iii_fixed_cap_a_doubled_promise_can_hold_room_past_the_cap():
    ledger = split_in_the_gap(Reading(carve_out_follows_splits=False))
    (promise,) = ledger.position.promises
    assert (promise.shares, promise.held) == (2_000_000, 2_000_000)
    carve = ledger.carve_out
    # 1,800,000 options + 2,000,000 held against a cap left at 1,969,693
    assert carve.cap == CAP
    assert (carve.used, carve.over_cap) == (CAP, 3_800_000 - CAP)
