"""4.G: each adjustment record states who holds the 4.C(5)(iii) carve-out room after its
event, grant by grant, in the shares of that day.  Figures worked by hand below.

Register: 7,000,000 common, 1,000,000 plan options at the Issue Date (inside the
1,969,693 cap), every close $1.00, so every Fair Market Value is exactly 1.
"""

from __future__ import annotations

from fractions import Fraction as F

import pytest

from engine_helpers import CAP, D, new_ledger
from warrant.files.json_output import carve_out_json
from warrant.instrument.readings import CarveOutCounting, Reading
from warrant.register.events import Exercise, Issuance, OptionGrant, StockSplit
from warrant.register.ledger import OPENING_PLAN_OPTIONS, Ledger

OPENING = 1_000_000


def plan(gid: str, shares: int, day: D) -> OptionGrant:
    return OptionGrant(
        date=day, id=gid, shares=shares, exercise_price="0.50", expires=D(2005, 1, 3),
        plan=True, grantee="officer",
    )


def below_fmv(day: D) -> Issuance:
    # 100,000 shares for $50,000: $0.50 a share, below the FMV of $1.00
    return Issuance(date=day, shares=100_000, cash=50_000)


def register(reading: Reading | None = None) -> Ledger:
    ledger = new_ledger(plan_options=OPENING, reading=reading)
    ledger.apply(plan("P-1", 500_000, D(2002, 6, 3)))
    ledger.apply(below_fmv(D(2002, 6, 10)))
    return ledger


@pytest.mark.parametrize("counting", list(CarveOutCounting))
def test_4g_4c5iii_an_adjustment_names_each_grants_room_in_the_carve_out(counting):
    ledger = register(Reading(carve_out_counting=counting))
    (record,) = ledger.adjustments
    assert record.carve_out.by_grant == ((OPENING_PLAN_OPTIONS, 1_000_000), ("P-1", 500_000))
    assert record.carve_out.used == 1_500_000
    assert record.carve_out.remaining == CAP - 1_500_000


def test_4g_4c5iii_an_exercise_inside_the_carve_out_keeps_the_grants_room():
    ledger = register()
    ledger.apply(Exercise(date=D(2002, 6, 17), of="P-1", shares=100_000))
    ledger.apply(below_fmv(D(2002, 6, 24)))
    # 400,000 still outstanding + 100,000 exercised: the same 500,000 under both readings
    assert dict(ledger.adjustments[-1].carve_out.by_grant) == {
        OPENING_PLAN_OPTIONS: 1_000_000, "P-1": 500_000,
    }


def test_4g_4e_the_split_record_states_the_room_in_split_shares():
    ledger = register()
    ledger.apply(StockSplit(date=D(2002, 7, 1), ratio=2))
    split = ledger.adjustments[-1]
    assert split.clause.startswith("4.E")
    assert split.carve_out.by_grant == ((OPENING_PLAN_OPTIONS, 2_000_000), ("P-1", 1_000_000))
    # the cap follows the split under the default reading: 2 x 1,969,693
    assert split.carve_out.cap == 2 * CAP
    assert split.carve_out.used == 3_000_000
    # the record made before the split still states the shares of its own day
    assert dict(ledger.adjustments[0].carve_out.by_grant)["P-1"] == 500_000


def test_4g_4e_fixed_cap_the_room_per_grant_adds_up_to_used_and_over_cap():
    ledger = register(Reading(carve_out_follows_splits=False))
    ledger.apply(StockSplit(date=D(2002, 7, 1), ratio=2))
    split = ledger.adjustments[-1].carve_out
    assert dict(split.by_grant) == {OPENING_PLAN_OPTIONS: 2_000_000, "P-1": 1_000_000}
    assert split.cap == CAP
    assert split.used == CAP
    assert split.over_cap == 3_000_000 - CAP == 1_030_307
    assert sum(shares for _, shares in split.by_grant) == split.used + split.over_cap


def test_4g_a_later_grant_appears_only_in_later_records():
    ledger = register()
    ledger.apply(StockSplit(date=D(2002, 7, 1), ratio=2))
    ledger.apply(plan("P-2", 300_000, D(2002, 8, 1)))  # in split shares; room 939,386
    ledger.apply(below_fmv(D(2002, 8, 5)))
    first, split, last = ledger.adjustments
    assert "P-2" not in dict(first.carve_out.by_grant)
    assert "P-2" not in dict(split.carve_out.by_grant)
    assert last.carve_out.by_grant == (
        (OPENING_PLAN_OPTIONS, 2_000_000), ("P-1", 1_000_000), ("P-2", 300_000),
    )
    assert last.carve_out.used == 3_300_000
    assert ledger.carve_out.by_grant == last.carve_out.by_grant


def test_4g_an_issue_with_no_plan_options_names_no_grant():
    ledger = new_ledger()
    ledger.apply(below_fmv(D(2002, 6, 10)))
    (record,) = ledger.adjustments
    assert record.carve_out.by_grant == ()
    assert record.carve_out.used == 0


def test_4g_the_json_record_writes_each_grants_room_exactly():
    ledger = register()
    ledger.apply(plan("P-third", 1, D(2002, 6, 11)))
    ledger.apply(StockSplit(date=D(2002, 7, 1), ratio=F(3, 2)))
    carve_out = carve_out_json(ledger.adjustments[-1].carve_out)
    # 1,000,000 x 3/2, 500,000 x 3/2 and 1 x 3/2
    assert carve_out["by_grant"] == {
        OPENING_PLAN_OPTIONS: "1500000", "P-1": "750000", "P-third": "1.5",
    }
