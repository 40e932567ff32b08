"""4.C(5): what is not an Additional Share.

(i) shares issued on exercise of the Warrants; (ii) the equity financing of one
restructuring of the Credit Agreement at no less than 85% of fair market value;
(iii) the plan-option carve-out of 1,969,693 shares (SPEC §4.4, §9).

Expected figures are worked by hand with Fractions; the FMV is $1.00 on every
date unless a test builds its own prices.
"""

from __future__ import annotations

import datetime as dt
from fractions import Fraction

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from engine_helpers import CAP, COMMON, FACE, P0, D, flat_prices, new_ledger, price_history
from warrant.ground.errors import EventRejected
from warrant.instrument.readings import CarveOutCounting, Reading
from warrant.register.events import (
    Buyback,
    Cancellation,
    Exercise,
    Expiry,
    Issuance,
    OptionGrant,
    StockDividend,
)
from warrant.register.ledger import OPENING_PLAN_OPTIONS, Capitalization, Ledger
from warrant.register.records import Outcome

DAY = D(2002, 6, 3)
LATER = D(2002, 7, 1)
LATEST = D(2002, 8, 1)
EXPIRES = D(2006, 12, 31)

BOTH_COUNTINGS = pytest.mark.parametrize(
    "counting", list(CarveOutCounting), ids=[c.value for c in CarveOutCounting]
)


def plan_grant(gid, shares, price="0.50", *, day=DAY, consideration=0, grantee="employee"):
    return OptionGrant(
        date=day,
        id=gid,
        shares=shares,
        exercise_price=price,
        consideration=consideration,
        expires=EXPIRES,
        plan=True,
        grantee=grantee,
    )


# --- 4.C(5)(i): shares issued on exercise of the Warrants -------------------------------


def test_4c5i_warrant_exercise_shares_are_excluded():
    # FMV 3.00: the holder pays 1.94 a share, well below FMV — still no adjustment
    ledger = new_ledger(prices=price_history(base="3.00"))
    determination = ledger.apply(
        Issuance(date=DAY, shares=50_000, cash=50_000 * P0, warrant_exercise=True)
    )
    assert determination.outcome is Outcome.EXCLUDED
    assert determination.clause == "4.C(5)(i)"
    assert determination.adjustments == ()
    assert ledger.adjustments == ()
    assert ledger.price == P0
    assert ledger.shares(FACE) == FACE
    assert ledger.outstanding.issued == COMMON + 50_000  # counted as issued


def test_4c5i_warrant_exercise_shares_count_in_a_later_issues_a():
    ledger = new_ledger()
    ledger.apply(Issuance(date=DAY, shares=50_000, cash=97_000, warrant_exercise=True))
    ledger.apply(Issuance(date=LATER, shares=1_000_000, cash=850_000))
    # A = 7,000,000 + 50,000; B = 850,000; C = 1,000,000
    assert ledger.adjustments[0].outstanding_before == 7_050_000
    assert ledger.price == P0 * Fraction(7_050_000 + 850_000, 7_050_000 + 1_000_000)


def test_4c5_shares_bought_back_leave_a_but_do_not_move_the_price():
    ledger = new_ledger()
    determination = ledger.apply(Buyback(date=DAY, shares=1_000_000))
    assert determination.adjustments == ()
    assert ledger.price == P0
    assert ledger.outstanding.issued == 6_000_000
    ledger.apply(Issuance(date=LATER, shares=1_000_000, cash=850_000))
    # A = 7,000,000 − 1,000,000 = 6,000,000; B = 850,000; C = 1,000,000
    assert ledger.adjustments[0].outstanding_before == 6_000_000
    assert ledger.price == P0 * Fraction(6_850_000, 7_000_000)


# --- 4.C(5)(ii): the one restructuring financing ----------------------------------------


def test_4c5ii_restructuring_issue_at_or_above_the_floor_is_excluded():
    ledger = new_ledger()
    # 0.90 a share ≥ 0.85 × 1.00, though below the FMV of 1.00
    determination = ledger.apply(
        Issuance(date=DAY, shares=1_000_000, cash=900_000, restructuring="R1")
    )
    assert determination.outcome is Outcome.EXCLUDED
    assert determination.clause == "4.C(5)(ii)"
    assert ledger.price == P0
    assert ledger.adjustments == ()
    assert ledger.outstanding.issued == COMMON + 1_000_000


# FMV 1.30 on 2002-09-16 (closes 1.10..1.50 on 2002-09-09..13): floor = 0.85 × 1.30 = 1.105
FLOOR_DAY = D(2002, 9, 16)
FLOOR_PRICES_CLOSES = dict(
    zip(
        (D(2002, 9, 9), D(2002, 9, 10), D(2002, 9, 11), D(2002, 9, 12), D(2002, 9, 13)),
        ("1.10", "1.20", "1.30", "1.40", "1.50"),
        strict=True,
    )
)
FLOOR = Fraction(85, 100) * Fraction("1.30")


def test_4c5ii_exactly_at_the_floor_is_excluded():
    assert Fraction("1.105") == FLOOR
    ledger = new_ledger(prices=price_history(FLOOR_PRICES_CLOSES))
    # 1,000,000 shares for 1,105,000: exactly 1.105 a share
    determination = ledger.apply(
        Issuance(date=FLOOR_DAY, shares=1_000_000, cash=1_105_000, restructuring="R1")
    )
    assert determination.outcome is Outcome.EXCLUDED
    assert determination.clause == "4.C(5)(ii)"
    assert ledger.price == P0


def test_4c5ii_a_hair_below_the_floor_is_tested_under_4c1():
    ledger = new_ledger(prices=price_history(FLOOR_PRICES_CLOSES))
    # 1,104,990 / 1,000,000 = 1.10499 < 1.105
    determination = ledger.apply(
        Issuance(date=FLOOR_DAY, shares=1_000_000, cash=1_104_990, restructuring="R1")
    )
    assert determination.outcome is Outcome.ADJUSTED
    assert determination.clause == "4.C(1)"
    b = Fraction(1_104_990) / Fraction("1.30")
    assert ledger.price == P0 * (7_000_000 + b) / 8_000_000


def test_4c5ii_below_the_floor_is_tested_under_4c1_and_adjusts():
    ledger = new_ledger()
    determination = ledger.apply(
        Issuance(date=DAY, shares=1_000_000, cash=840_000, restructuring="R1")
    )
    assert determination.outcome is Outcome.ADJUSTED
    assert determination.clause == "4.C(1)"
    assert any(
        "floor 0.85" in reason and "4.C(5)(ii)" in reason for reason in determination.reasons
    )
    # A = 7,000,000; B = 840,000; C = 1,000,000
    assert ledger.price == P0 * Fraction(7_840_000, 8_000_000)


def test_4c5ii_a_tranche_below_the_floor_does_not_spoil_later_tranches_of_the_same_restructuring():
    ledger = new_ledger(prices=price_history(FLOOR_PRICES_CLOSES))
    # first tranche at 0.80 < 0.85 × 1.00: tested, and adjusts (A 7,000,000, B 800,000, C 1,000,000)
    first = ledger.apply(Issuance(date=DAY, shares=1_000_000, cash=800_000, restructuring="R1"))
    assert first.outcome is Outcome.ADJUSTED
    p1 = P0 * Fraction(7_800_000, 8_000_000)
    assert ledger.price == p1
    # second tranche of R1 at 1.20 ≥ the floor 1.105 (though below the FMV 1.30): excluded
    second = ledger.apply(
        Issuance(date=FLOOR_DAY, shares=1_000_000, cash=1_200_000, restructuring="R1")
    )
    assert second.outcome is Outcome.EXCLUDED
    assert second.clause == "4.C(5)(ii)"
    assert ledger.price == p1
    assert ledger.outstanding.issued == COMMON + 2_000_000


def test_4c5ii_second_tranche_of_the_same_restructuring_is_excluded():
    ledger = new_ledger()
    ledger.apply(Issuance(date=DAY, shares=1_000_000, cash=900_000, restructuring="R1"))
    determination = ledger.apply(
        Issuance(date=LATER, shares=500_000, cash=430_000, restructuring="R1")  # 0.86
    )
    assert determination.outcome is Outcome.EXCLUDED
    assert determination.clause == "4.C(5)(ii)"
    assert ledger.price == P0
    assert ledger.outstanding.issued == COMMON + 1_500_000


def test_4c5ii_second_restructuring_is_not_excluded():
    ledger = new_ledger()
    ledger.apply(Issuance(date=DAY, shares=1_000_000, cash=900_000, restructuring="R1"))
    determination = ledger.apply(
        Issuance(date=LATER, shares=500_000, cash=450_000, restructuring="R2")  # 0.90 ≥ floor
    )
    assert determination.outcome is Outcome.ADJUSTED
    assert determination.clause == "4.C(1)"
    assert any("second restructuring" in reason for reason in determination.reasons)
    # A = 7,000,000 + the R1 shares 1,000,000; B = 450,000; C = 500,000
    assert ledger.price == P0 * Fraction(8_000_000 + 450_000, 8_000_000 + 500_000)
    # and R1 still holds the exclusion afterwards
    third = ledger.apply(Issuance(date=LATEST, shares=100_000, cash=90_000, restructuring="R1"))
    assert third.outcome is Outcome.EXCLUDED


def test_4c5ii_floor_is_tested_on_the_gross_price_per_share_before_expenses():
    """The floor compares the price the shares were sold at (gross), not the net
    consideration of 4.C(2)(iv): sold at 0.90 with 0.10 a share of expenses, the
    net 0.80 is below 0.85 × FMV but the sale price 0.90 is not, so the shares are
    excluded.  (Were the floor tested on the net price they would adjust to
    1.94 × 7,800,000 / 8,000,000.)"""
    ledger = new_ledger()
    determination = ledger.apply(
        Issuance(date=DAY, shares=1_000_000, cash=900_000, expenses=100_000, restructuring="R1")
    )
    assert determination.outcome is Outcome.EXCLUDED
    assert ledger.price == P0
    assert ledger.price != P0 * Fraction(7_800_000, 8_000_000)


# --- 4.C(5)(iii): the plan-option carve-out ----------------------------------------------


@pytest.mark.parametrize("grantee", ["officer", "employee", "director"])
def test_4c5iii_plan_grant_that_fits_is_excluded_and_uses_room(grantee):
    ledger = new_ledger()
    # at 0.50, far below FMV 1.00: inside the carve-out it adjusts nothing
    determination = ledger.apply(plan_grant("p1", 100_000, grantee=grantee))
    assert determination.outcome is Outcome.EXCLUDED
    assert determination.clause == "4.C(5)(iii)"
    assert ledger.price == P0
    assert ledger.adjustments == ()
    carve_out = ledger.carve_out
    assert carve_out.cap == CAP
    assert carve_out.used == 100_000
    assert carve_out.remaining == CAP - 100_000  # 1,869,693
    assert carve_out.by_grant == (("p1", Fraction(100_000)),)
    assert ledger.outstanding.deemed == 0


def test_4c5iii_carve_out_use_grows_with_each_grant():
    ledger = new_ledger()
    ledger.apply(plan_grant("p1", 100_000))
    ledger.apply(plan_grant("p2", 250_000, day=LATER, grantee="director"))
    assert ledger.carve_out.used == 350_000
    assert ledger.carve_out.remaining == CAP - 350_000
    assert dict(ledger.carve_out.by_grant) == {"p1": 100_000, "p2": 250_000}


@pytest.mark.parametrize(
    ("plan", "grantee"),
    [(True, "consultant"), (True, "other"), (False, "employee"), (False, None)],
    ids=["plan-consultant", "plan-other", "outside-plans-employee", "outside-plans"],
)
def test_4c5iii_consultants_and_non_plan_grants_never_use_the_carve_out(plan, grantee):
    ledger = new_ledger()
    determination = ledger.apply(
        OptionGrant(
            date=DAY, id="g", shares=100_000, exercise_price="0.50", expires=EXPIRES,
            plan=plan, grantee=grantee,
        )
    )
    # tested under 4.C(3): C = 100,000, B = 100,000 × 0.50 = 50,000, A = 7,000,000
    assert determination.outcome is Outcome.ADJUSTED
    assert determination.clause == "4.C(3)"
    assert ledger.price == P0 * Fraction(7_050_000, 7_100_000)
    assert ledger.carve_out.used == 0
    assert ledger.carve_out.by_grant == ()
    assert ledger.outstanding.deemed == 100_000


@BOTH_COUNTINGS
def test_4c5iii_opening_plan_options_count_toward_the_cap(counting):
    ledger = new_ledger(plan_options=1_000_000, reading=Reading(carve_out_counting=counting))
    carve_out = ledger.carve_out
    assert carve_out.used == 1_000_000
    assert carve_out.remaining == CAP - 1_000_000  # 969,693
    assert carve_out.by_grant == ((OPENING_PLAN_OPTIONS, Fraction(1_000_000)),)
    # a grant of exactly the remaining room fits
    determination = ledger.apply(plan_grant("p", 969_693))
    assert determination.outcome is Outcome.EXCLUDED
    assert ledger.carve_out.remaining == 0
    assert ledger.price == P0


@BOTH_COUNTINGS
def test_4c5iii_grant_over_the_cap_is_split_and_the_overflow_deemed_issued(counting):
    # opening plan options 1,869,693 leave 100,000 of room
    ledger = new_ledger(plan_options=1_869_693, reading=Reading(carve_out_counting=counting))
    assert ledger.carve_out.remaining == 100_000
    determination = ledger.apply(plan_grant("p", 300_000, "0.50", consideration=3_000))
    # overflow = 300,000 − 100,000 = 200,000, deemed issued at the grant's terms:
    #   its share of the grant price 3,000 × 200,000 / 300,000 = 2,000
    #   plus the minimum exercise payments 200,000 × 0.50 = 100,000 → 102,000
    for_rights = Fraction(3_000) * 200_000 / 300_000
    minimum = 200_000 * Fraction("0.50")
    consideration = for_rights + minimum
    assert consideration == 102_000
    b = consideration / 1  # FMV 1.00
    expected = P0 * (7_000_000 + b) / (7_000_000 + 200_000)  # = 1.94 × 7,102,000 / 7,200,000
    assert determination.outcome is Outcome.ADJUSTED
    assert determination.clause == "4.C(3)"
    assert ledger.price == expected
    (adjustment,) = ledger.adjustments
    assert adjustment.clause == "4.C(3)"
    assert adjustment.additional_shares == 200_000  # C
    assert adjustment.bought_at_fmv == 102_000  # B
    assert adjustment.outstanding_before == 7_000_000  # A
    assert adjustment.consideration.for_rights == 2_000
    assert adjustment.consideration.minimum_exercise_payments == 100_000
    assert adjustment.consideration.total == 102_000
    assert adjustment.effective_price == Fraction("0.51")
    assert ledger.carve_out.used == CAP
    assert ledger.carve_out.remaining == 0
    assert dict(ledger.carve_out.by_grant)["p"] == 100_000
    assert ledger.outstanding.deemed == 200_000


def test_4c5iii_overflow_at_or_above_fmv_adjusts_nothing():
    ledger = new_ledger(plan_options=1_869_693)
    # exercise price 1.00 = FMV; overflow 200,000 for 200,000 × 1.00: Effective Price 1.00
    determination = ledger.apply(plan_grant("p", 300_000, "1.00"))
    assert determination.outcome is Outcome.NOT_BELOW_FMV
    assert determination.clause == "4.C(3)"
    assert ledger.price == P0
    assert ledger.adjustments == ()
    assert ledger.carve_out.used == CAP
    assert ledger.outstanding.deemed == 0


@pytest.mark.parametrize("lapse", [Cancellation, Expiry], ids=["cancellation", "expiry"])
def test_4c5iii_issued_or_issuable_lapsed_plan_options_free_room(lapse):
    ledger = new_ledger(
        plan_options=1_869_693,
        reading=Reading(carve_out_counting=CarveOutCounting.ISSUED_OR_ISSUABLE),
    )
    ledger.apply(lapse(date=DAY, of=OPENING_PLAN_OPTIONS, shares=200_000))
    # used 1,869,693 − 200,000 = 1,669,693: room 300,000
    assert ledger.carve_out.used == 1_669_693
    assert ledger.carve_out.remaining == 300_000
    determination = ledger.apply(plan_grant("new", 300_000, day=LATER))
    assert determination.outcome is Outcome.EXCLUDED
    assert ledger.price == P0
    assert ledger.carve_out.used == CAP
    assert ledger.adjustments == ()


@pytest.mark.parametrize("lapse", [Cancellation, Expiry], ids=["cancellation", "expiry"])
def test_4c5iii_cumulative_grants_lapsed_plan_options_free_nothing(lapse):
    ledger = new_ledger(
        plan_options=1_869_693,
        reading=Reading(carve_out_counting=CarveOutCounting.CUMULATIVE_GRANTS),
    )
    ledger.apply(lapse(date=DAY, of=OPENING_PLAN_OPTIONS, shares=200_000))
    assert ledger.carve_out.used == 1_869_693
    assert ledger.carve_out.remaining == 100_000
    determination = ledger.apply(plan_grant("new", 300_000, day=LATER))
    # 100,000 fit; 200,000 overflow at 0.50 with nothing paid for the grant:
    #   B = 200,000 × 0.50 = 100,000; C = 200,000; A = 7,000,000
    assert determination.outcome is Outcome.ADJUSTED
    assert ledger.price == P0 * Fraction(7_100_000, 7_200_000)
    assert ledger.carve_out.used == CAP


def test_4c5iii_exchange_in_miniature_depends_on_the_counting_reading():
    """SPEC §8 in miniature: cancel plan options, regrant the same number later at a
    price below FMV.  Issued-or-issuable: the regrant fits.  Cumulative grants: it
    all overflows (the cap is full) and is deemed issued."""
    prices = []
    for counting in CarveOutCounting:
        ledger = new_ledger(plan_options=CAP, reading=Reading(carve_out_counting=counting))
        ledger.apply(Cancellation(date=DAY, of=OPENING_PLAN_OPTIONS, shares=500_000))
        ledger.apply(plan_grant("regrant", 500_000, "0.50", day=D(2002, 12, 3)))
        prices.append((counting, ledger.price))
    assert dict(prices) == {
        CarveOutCounting.ISSUED_OR_ISSUABLE: P0,
        # A = 7,000,000; B = 500,000 × 0.50 = 250,000; C = 500,000
        CarveOutCounting.CUMULATIVE_GRANTS: P0 * Fraction(7_250_000, 7_500_000),
    }


@BOTH_COUNTINGS
def test_4c5iii_exercise_of_plan_options_keeps_their_room_used(counting):
    ledger = new_ledger(reading=Reading(carve_out_counting=counting))
    ledger.apply(plan_grant("p", 100_000))
    determination = ledger.apply(Exercise(date=LATER, of="p", shares=40_000))
    assert determination.adjustments == ()
    assert ledger.price == P0
    assert ledger.carve_out.used == 100_000  # 40,000 issued + 60,000 issuable
    assert ledger.outstanding.issued == COMMON + 40_000


@BOTH_COUNTINGS
def test_4c5iii_excluded_shares_never_exceed_the_cap_after_many_grants(counting):
    ledger = new_ledger(reading=Reading(carve_out_counting=counting))
    # 25 grants of 100,000 at FMV (so the overflow adjusts nothing): 2,500,000 > the cap
    for n in range(25):
        ledger.apply(plan_grant(f"p{n}", 100_000, "1.00", day=D(2002, 6, 3 + n)))
    carve_out = ledger.carve_out
    assert carve_out.used == CAP
    assert carve_out.remaining == 0
    usage = dict(carve_out.by_grant)
    assert sum(usage.values()) == CAP
    # grants p0..p18 fill 1,900,000; p19 takes the last 69,693; p20.. take nothing
    assert all(usage[f"p{n}"] == 100_000 for n in range(19))
    assert usage["p19"] == CAP - 1_900_000 == 69_693
    assert all(f"p{n}" not in usage for n in range(20, 25))
    assert ledger.price == P0


@settings(max_examples=40, deadline=None)
@given(
    counting=st.sampled_from(list(CarveOutCounting)),
    opening=st.integers(min_value=0, max_value=2_500_000),
    moves=st.lists(
        st.tuples(st.sampled_from(["grant", "cancel", "exercise"]), st.integers(1, 900_000)),
        max_size=12,
    ),
)
def test_4c5iii_carve_out_usage_never_exceeds_the_cap(counting, opening, moves):
    ledger = new_ledger(plan_options=opening, reading=Reading(carve_out_counting=counting))
    day = D(2002, 6, 3)
    live: list[str] = [OPENING_PLAN_OPTIONS] if opening else []
    for n, (kind, shares) in enumerate(moves):
        day = D(2002, 6 + n // 2, 3 + n % 2)
        if kind == "grant":
            ledger.apply(plan_grant(f"g{n}", shares, "1.00", day=day))
            live.append(f"g{n}")
            continue
        open_grants = [gid for gid in live if ledger.grants[gid].outstanding > 0]
        if not open_grants:
            continue
        gid = open_grants[shares % len(open_grants)]
        count = min(Fraction(shares), ledger.grants[gid].outstanding)
        if kind == "cancel":
            ledger.apply(Cancellation(date=day, of=gid, shares=count))
        elif gid != OPENING_PLAN_OPTIONS or ledger.grants[gid].other.outstanding == 0:
            ledger.apply(Exercise(date=day, of=gid, shares=count))
        carve_out = ledger.carve_out
        assert 0 <= carve_out.used <= CAP
    carve_out = ledger.carve_out
    assert 0 <= carve_out.used <= CAP
    assert sum(usage for _, usage in carve_out.by_grant) == carve_out.used
    # every grant was at FMV (or in the carve-out): nothing ever adjusted the price
    assert ledger.price == P0


def test_4c5iii_issued_or_issuable_room_stays_closed_while_plan_options_exceed_the_cap():
    """Under issued-or-issuable, usage is the shares issued on exercise of plan options plus
    the shares issuable under plan options outstanding now (SPEC §9).  Opening plan options
    1,869,693 + a plan grant of 300,000 = 2,169,693 issuable; cancelling 150,000 of the grant
    leaves 2,019,693 issuable, still over the cap of 1,969,693: no room may open, and a new
    plan grant must fall outside the carve-out."""
    ledger = new_ledger(plan_options=1_869_693)
    ledger.apply(plan_grant("p", 300_000, "1.00"))  # at FMV: the overflow adjusts nothing
    ledger.apply(Cancellation(date=LATER, of="p", shares=150_000))
    issuable = 1_869_693 + 300_000 - 150_000
    assert issuable > CAP
    assert ledger.carve_out.remaining == 0


def test_4c5iii_exercise_of_opening_options_within_the_cap_adjusts_nothing():
    ledger = new_ledger(plan_options=1_000_000)
    determination = ledger.apply(Exercise(date=DAY, of=OPENING_PLAN_OPTIONS, shares=400_000))
    assert determination.adjustments == ()
    assert ledger.price == P0
    assert ledger.outstanding.issued == COMMON + 400_000
    assert ledger.carve_out.used == 1_000_000  # 400,000 issued + 600,000 issuable


def test_4c5iii_exercise_of_opening_options_over_the_cap_is_tested_on_exercise():
    """Opening plan options beyond the cap were never deemed issued: their shares are
    Additional Shares tested under 4.C(1) on the day of exercise (SPEC §4.4)."""
    ledger = new_ledger(plan_options=2_069_693)  # 100,000 over the cap
    assert ledger.carve_out.used == CAP
    determination = ledger.apply(
        Exercise(
            date=DAY,
            of=OPENING_PLAN_OPTIONS,
            shares=2_069_693,
            consideration=Fraction(2_069_693, 2),
        )
    )
    assert determination.outcome is Outcome.ADJUSTED
    assert determination.clause == "4.C(1)"
    adjustment = ledger.adjustments[0]
    assert adjustment.additional_shares == 100_000  # C: the shares beyond the cap
    assert adjustment.bought_at_fmv == 50_000  # B: 100,000 × 0.50 / 1.00
    assert ledger.outstanding.issued == COMMON + 2_069_693


def test_4c5iii_exercise_of_opening_options_over_the_cap_uses_a_from_before_the_exercise():
    ledger = new_ledger(plan_options=2_069_693)
    ledger.apply(
        Exercise(
            date=DAY,
            of=OPENING_PLAN_OPTIONS,
            shares=2_069_693,
            consideration=Fraction(2_069_693, 2),
        )
    )
    # immediately before: 7,000,000 issued, nothing deemed; B 50,000; C 100,000
    assert ledger.adjustments[0].outstanding_before == 7_000_000
    assert ledger.price == P0 * Fraction(7_050_000, 7_100_000)


def flat_ledger(common: int = 7_000_000) -> Ledger:
    """A ledger with FMV $1.00 on every date and ``common`` shares at the Issue Date."""
    return Ledger(capitalization=Capitalization(common_outstanding=common), prices=flat_prices())


def big_plan_grant() -> OptionGrant:
    """2,000,000 plan options at $0.50 to employees: 1,969,693 fit the carve-out, 30,307 do not."""
    return OptionGrant(
        id="p", date=dt.date(2002, 6, 3), shares=2_000_000, exercise_price="0.50",
        expires=dt.date(2005, 6, 3), plan=True, grantee="employee",
    )


OVERFLOW = 2_000_000 - CAP  # 30,307 shares deemed issued at $0.50
DEEMED_PRICE = P0 * (7_000_000 + OVERFLOW * Fraction(1, 2)) / (7_000_000 + OVERFLOW)


def test_4c5iii_overflow_is_deemed_issued_at_grant() -> None:
    book = flat_ledger()
    book.apply(big_plan_grant())
    assert book.price == DEEMED_PRICE


@pytest.mark.parametrize("exercise_first", [True, False])
def test_4c5iii_exercise_then_lapse_or_lapse_then_exercise_give_the_same_price(
    exercise_first: bool,
) -> None:
    """1,000,000 exercised and 1,000,000 lapsed, in either order: only 1,000,000 plan shares were
    ever issued, all within the cap, so the over-cap deemed issue is readjusted away."""
    book = flat_ledger()
    book.apply(big_plan_grant())
    exercise = Exercise(date=dt.date(2003, 1, 2), of="p", shares=1_000_000)
    lapse = Cancellation(date=dt.date(2003, 1, 2), of="p", shares=1_000_000)
    for event in (exercise, lapse) if exercise_first else (lapse, exercise):
        book.apply(event)
    assert book.price == P0
    assert book.carve_out.used == 1_000_000  # issued on exercise; nothing issuable left
    assert book.outstanding.deemed == 0


def test_4c5iii_exercise_past_the_carve_out_part_issues_the_deemed_shares_for_good() -> None:
    """Exercising all 2,000,000 issues the over-cap shares: the deemed issue stands (4.C(3))."""
    book = flat_ledger()
    book.apply(big_plan_grant())
    book.apply(Exercise(date=dt.date(2003, 1, 2), of="p", shares=2_000_000))
    assert book.price == DEEMED_PRICE
    assert book.outstanding.issued == 9_000_000
    assert book.outstanding.deemed == 0


def test_4c5_a_buyback_cannot_retire_every_share() -> None:
    book = flat_ledger(common=1_000)
    with pytest.raises(EventRejected) as caught:
        book.apply(Buyback(date=dt.date(2002, 6, 3), shares=1_000))
    assert caught.value.field == "shares"
    assert book.outstanding.issued == 1_000
    book.apply(Buyback(date=dt.date(2002, 6, 3), shares=999))
    book.apply(StockDividend(date=dt.date(2002, 6, 4), shares=1))  # N = 1, D = 1: price halves
    assert book.price == P0 / 2
