"""4.E under the fixed-cap reading (``carve_out_follows_splits = false``) with 4.C(5)(iii).

The carve-out excludes *up to* 1,969,693 plan shares.  A split doubles the plan
shares that count toward it but, under this reading, not the cap: the part over
the cap is no longer excluded.  A subdivision is not an issue of Additional Shares
(4.C(1) leaves 4.E aside), so nothing is deemed issued at the split; shares later
issued beyond the cap are Additional Shares, whose test is a manual determination.
The carve-out never reports more excluded than the cap (SPEC §11 invariant 8).
Figures by hand.
"""

from __future__ import annotations

import datetime as dt
from fractions import Fraction

from hypothesis import given
from hypothesis import strategies as st

from engine_helpers import CAP, new_ledger
from warrant.files.json_output import carve_out_json
from warrant.instrument.readings import Reading
from warrant.register.events import Exercise, OptionGrant, StockSplit
from warrant.register.ledger import OPENING_PLAN_OPTIONS
from warrant.register.records import Outcome

F = Fraction
D = dt.date
FIXED = Reading(carve_out_follows_splits=False)


def test_4E_fixed_cap_split_reports_the_over_cap_part_and_never_more_than_the_cap() -> None:
    ledger = new_ledger(plan_options=1_500_000, reading=FIXED)
    ledger.apply(StockSplit(date=D(2002, 6, 3), ratio=2))
    carve = ledger.carve_out
    # 1,500,000 options become 3,000,000; the cap stays 1,969,693.
    assert carve.cap == 1_969_693
    assert carve.used == 1_969_693
    assert carve.over_cap == 3_000_000 - 1_969_693 == 1_030_307
    assert carve.remaining == 0
    data = carve_out_json(carve)
    assert data["used"] == "1969693"
    assert data["over_cap"] == "1030307"
    determination = ledger.determinations[-1]
    assert any("1030307 over the fixed cap" in reason for reason in determination.reasons)
    assert any("nothing is deemed issued" in reason for reason in determination.reasons)
    # the split itself adjusts only as 4.E does: 1.94 / 2
    assert ledger.price == F("0.97")


def test_4E_cap_that_follows_the_split_has_nothing_over_it() -> None:
    ledger = new_ledger(plan_options=1_500_000, reading=Reading())
    ledger.apply(StockSplit(date=D(2002, 6, 3), ratio=2))
    carve = ledger.carve_out
    assert carve.cap == 2 * 1_969_693
    assert carve.used == 3_000_000
    assert carve.over_cap == 0


def test_4C5iii_exercise_while_over_the_fixed_cap_is_a_manual_determination() -> None:
    ledger = new_ledger(plan_options=1_500_000, reading=FIXED)
    ledger.apply(StockSplit(date=D(2002, 6, 3), ratio=2))
    determination = ledger.apply(
        Exercise(date=D(2002, 6, 10), of=OPENING_PLAN_OPTIONS, shares=100, consideration=50)
    )
    assert determination.outcome is Outcome.MANUAL_DETERMINATION
    assert "over its fixed cap" in determination.reasons[0]
    assert ledger.price == F("0.97")  # the library does not guess the test's result


def test_4C5iii_a_grant_after_the_cap_is_exceeded_has_no_room() -> None:
    ledger = new_ledger(plan_options=1_500_000, reading=FIXED)
    ledger.apply(StockSplit(date=D(2002, 6, 3), ratio=2))
    ledger.apply(
        OptionGrant(
            date=D(2002, 6, 10), id="new", shares=1000, exercise_price="0.50",
            expires=D(2006, 1, 1), plan=True, grantee="employee",
        )
    )
    # no room: all 1,000 are deemed issued under 4.C(3) at $0.50 against FMV $1.00,
    # on A = 7,000,000 × 2 issued: P' = 0.97 × (14,000,000 + 500) / 14,001,000
    assert ledger.price == F("0.97") * (14_000_000 + 500) / 14_001_000
    assert ledger.carve_out.used == CAP


@given(
    opening=st.integers(0, 1_969_693),
    ratio=st.fractions(min_value=F(1, 10), max_value=10).filter(lambda r: r != 1),
    follows=st.booleans(),
)
def test_spec_11_8_carve_out_excludes_no_more_than_its_cap_after_a_split(
    opening: int, ratio: Fraction, follows: bool
) -> None:
    ledger = new_ledger(plan_options=opening, reading=Reading(carve_out_follows_splits=follows))
    ledger.apply(StockSplit(date=D(2002, 6, 3), ratio=ratio))
    carve = ledger.carve_out
    cap = CAP * ratio if follows else CAP
    counted = opening * ratio
    assert carve.cap == cap
    assert carve.used == min(counted, cap) <= carve.cap
    assert carve.over_cap == max(counted - cap, 0)
    assert carve.used + carve.over_cap == counted
    assert sum((usage for _, usage in carve.by_grant), F(0)) == counted
