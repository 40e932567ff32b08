"""4.E: stock splits and reverse splits (SPEC §5, §9 carve-out cap reading, §11 invariants 1, 3).

Every expected figure is worked by hand with Fractions.  The FMV is $1.00 on
every date (the price history is not split-adjusted: the closes are what the
market printed).
"""

from __future__ import annotations

from fractions import Fraction

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from engine_helpers import CAP, COMMON, FACE, P0, D, new_ledger, snapshot, spec_first_issue
from warrant.ground.errors import FloatRefused, InvalidValue
from warrant.instrument.readings import Reading
from warrant.register.events import Exercise, Expiry, Grantee, Issuance, OptionGrant, StockSplit
from warrant.register.records import Outcome

FIRST_ISSUE = D(2002, 6, 3)
GRANT_DAY = D(2002, 7, 1)
SPLIT_DAY = D(2002, 9, 3)
LAPSE_DAY = D(2003, 1, 2)
GRANT_EXPIRES = D(2003, 7, 1)

#: SPEC §14's first step: 1.94 × (7,000,000 + 850,000) / (7,000,000 + 1,000,000)
P1 = P0 * Fraction(7_850_000, 8_000_000)


def outside_grant(**overrides):
    """SPEC §14: 500,000 options outside the plans at $0.50, $10,000 paid for them."""
    fields = dict(
        date=GRANT_DAY, id="g", shares=500_000, exercise_price="0.50",
        consideration=10_000, expires=GRANT_EXPIRES,
    )
    fields.update(overrides)
    return OptionGrant(**fields)


def plan_grant(shares=1_000_000, gid="p"):
    return OptionGrant(
        date=GRANT_DAY, id=gid, shares=shares, exercise_price="1.00", expires=GRANT_EXPIRES,
        plan=True, grantee=Grantee.EMPLOYEE,
    )


# -- a 3-for-2 split ---------------------------------------------------------------------


def test_4e_three_for_two_split_scales_price_shares_and_every_share_count():
    ledger = new_ledger()
    ledger.apply(outside_grant(exercise_price="1.20", consideration=0))  # at/above FMV: not deemed
    determination = ledger.apply(StockSplit(date=SPLIT_DAY, ratio="3/2"))
    assert determination.outcome is Outcome.ADJUSTED
    assert determination.clause == "4.E"
    # price × 2/3: 1.94 × 2/3 = 3.88/3 = 97/75
    assert ledger.price == Fraction(97, 75)
    assert ledger.price == Fraction("1.94") * 2 / 3
    # shares × 3/2: 100,000 × 3/2 = 150,000
    assert ledger.shares(FACE) == 150_000
    # 7,000,000 issued × 3/2 = 10,500,000
    assert ledger.outstanding.issued == 10_500_000
    assert ledger.outstanding.deemed == 0
    # the grant's 500,000 outstanding at 1.20 become 750,000 at 0.80
    grant = ledger.grants["g"]
    assert grant.outstanding == 750_000
    assert grant.exercise_price == Fraction("0.80")
    assert ledger.position.undeemed_options == 750_000
    # the adjustment record
    adjustment = ledger.adjustments[-1]
    assert adjustment.clause == "4.E"
    assert adjustment.date == SPLIT_DAY
    assert adjustment.price_before == P0
    assert adjustment.price_after == Fraction(97, 75)
    assert adjustment.issued_before == 7_000_000
    assert adjustment.issued_after == 10_500_000


def test_4e_split_scales_deemed_shares_too():
    ledger = new_ledger()
    ledger.apply(spec_first_issue(FIRST_ISSUE))
    ledger.apply(outside_grant())  # deemed issue of 500,000 (Effective Price 0.52 < 1.00)
    assert ledger.outstanding.deemed == 500_000
    ledger.apply(StockSplit(date=SPLIT_DAY, ratio="3/2"))
    assert ledger.outstanding.issued == 8_000_000 * Fraction(3, 2)
    assert ledger.outstanding.deemed == 750_000
    assert ledger.outstanding.basis == 12_750_000
    assert ledger.grants["g"].outstanding == 750_000
    assert ledger.grants["g"].exercise_price == Fraction("0.50") * 2 / 3


def test_4e_one_for_ten_reverse_split():
    ledger = new_ledger()
    ledger.apply(outside_grant(exercise_price="1.50", consideration=0))
    determination = ledger.apply(StockSplit(date=SPLIT_DAY, ratio="1/10"))
    assert determination.outcome is Outcome.ADJUSTED
    assert determination.clause == "4.E"
    # price × 10, shares ÷ 10
    assert ledger.price == Fraction("19.40")
    assert ledger.shares(FACE) == 10_000
    assert ledger.outstanding.issued == 700_000
    assert ledger.grants["g"].outstanding == 50_000
    assert ledger.grants["g"].exercise_price == 15


# -- the carve-out cap (SPEC §9 reading) ---------------------------------------------------


def test_4e_carve_out_cap_follows_the_split_under_the_default_reading():
    ledger = new_ledger()
    ledger.apply(plan_grant())
    assert ledger.carve_out.used == 1_000_000
    ledger.apply(StockSplit(date=SPLIT_DAY, ratio="3/2"))
    # 1,969,693 × 3/2 = 5,909,079/2 = 2,954,539.5
    assert ledger.carve_out.cap == Fraction(5_909_079, 2)
    assert ledger.carve_out.cap == CAP * Fraction(3, 2)
    assert ledger.carve_out.used == 1_500_000
    assert ledger.carve_out.remaining == Fraction(5_909_079, 2) - 1_500_000


def test_4e_carve_out_usage_per_grant_follows_the_split_open_or_closed():
    ledger = new_ledger()
    ledger.apply(plan_grant())
    ledger.apply(plan_grant(shares=200_000, gid="q"))
    ledger.apply(Exercise(date=D(2002, 8, 1), of="q", shares=200_000))  # closed before the split
    ledger.apply(StockSplit(date=SPLIT_DAY, ratio="3/2"))
    # 1,000,000 × 3/2 = 1,500,000 and 200,000 × 3/2 = 300,000
    assert dict(ledger.carve_out.by_grant) == {"p": 1_500_000, "q": 300_000}
    assert ledger.carve_out.used == 1_800_000


def test_4e_carve_out_cap_stays_fixed_when_the_reading_says_so():
    ledger = new_ledger(reading=Reading(carve_out_follows_splits=False))
    ledger.apply(plan_grant())
    ledger.apply(StockSplit(date=SPLIT_DAY, ratio="3/2"))
    assert ledger.carve_out.cap == 1_969_693
    # usage is share-denominated, so it follows the split anyway: 1,000,000 × 3/2
    assert ledger.carve_out.used == 1_500_000
    assert ledger.carve_out.remaining == 469_693


def test_4e_fixed_cap_means_a_later_plan_grant_overflows_sooner():
    """After a 3-for-2 split 1,000,000 granted shares use 1,500,000 of the room: under the
    fixed-cap reading 600,000 new plan shares overflow by 1,500,000 + 600,000 − 1,969,693
    = 130,307; under the default the cap is 2,954,539.5 and they fit."""
    new_grant = OptionGrant(
        date=D(2002, 10, 1), id="q", shares=600_000, exercise_price="0.50",
        expires=GRANT_EXPIRES, plan=True, grantee=Grantee.OFFICER,
    )
    fixed = new_ledger(reading=Reading(carve_out_follows_splits=False))
    fixed.apply(plan_grant())
    fixed.apply(StockSplit(date=SPLIT_DAY, ratio="3/2"))
    price_after_split = P0 * 2 / 3
    fixed.apply(new_grant)
    # overflow 130,307 at 0.50, nothing paid: B = 65,153.5; A = 10,500,000
    overflow = Fraction(130_307)
    assert fixed.price == price_after_split * (10_500_000 + overflow / 2) / (10_500_000 + overflow)
    assert fixed.outstanding.deemed == overflow

    following = new_ledger()
    following.apply(plan_grant())
    following.apply(StockSplit(date=SPLIT_DAY, ratio="3/2"))
    determination = following.apply(new_grant)
    assert determination.outcome is Outcome.EXCLUDED
    assert following.price == price_after_split


# -- a split between a deemed issue and its expiry -----------------------------------------


def test_4e_split_between_deemed_issue_and_expiry_lands_on_the_no_grant_path():
    """SPEC §14 second example with a 2-for-1 split before the rights expire."""
    ledger = new_ledger()
    ledger.apply(spec_first_issue(FIRST_ISSUE))
    ledger.apply(outside_grant())
    # P2 = 1.903625 × (8,000,000 + 260,000) / 8,500,000 = 6,289,577/3,400,000
    p2 = Fraction("1.903625") * Fraction(8_260_000, 8_500_000)
    assert p2 == Fraction(6_289_577, 3_400_000)
    assert ledger.price == p2
    ledger.apply(StockSplit(date=SPLIT_DAY, ratio=2))
    assert ledger.price == p2 / 2
    assert ledger.grants["g"].outstanding == 1_000_000
    assert ledger.outstanding.deemed == 1_000_000
    determination = ledger.apply(Expiry(date=LAPSE_DAY, of="g"))
    assert determination.outcome is Outcome.READJUSTED
    # no-grant path: 1.903625 after the first issue, then halved by the split
    assert Fraction("1.903625") == P1
    assert ledger.price == Fraction("1.903625") / 2
    assert ledger.shares(FACE) == Fraction(16_000_000, 157) * 2
    assert ledger.outstanding.deemed == 0
    assert ledger.outstanding.issued == 16_000_000


# -- same-day split and issue: file order ------------------------------------------------


def test_4e_split_and_issue_on_the_same_day_apply_in_file_order():
    day = SPLIT_DAY
    issue = Issuance(date=day, shares=1_000_000, cash=850_000)
    split = StockSplit(date=day, ratio=2)

    issue_first = new_ledger()
    issue_first.apply(issue)
    issue_first.apply(split)
    # A 7,000,000, B 850,000, C 1,000,000, then ÷ 2
    expected_issue_first = P0 * Fraction(7_850_000, 8_000_000) / 2
    assert expected_issue_first == Fraction("0.9518125")
    assert issue_first.price == expected_issue_first
    assert issue_first.outstanding.issued == 16_000_000

    split_first = new_ledger()
    split_first.apply(split)
    split_first.apply(issue)
    # ÷ 2 first; then A 14,000,000, B 850,000 (FMV still 1.00), C 1,000,000
    expected_split_first = P0 / 2 * Fraction(14_850_000, 15_000_000)
    assert expected_split_first == Fraction("0.96030")
    assert split_first.price == expected_split_first
    assert split_first.outstanding.issued == 15_000_000

    assert expected_issue_first != expected_split_first


# -- bad ratios ---------------------------------------------------------------------------


@pytest.mark.parametrize("ratio", [0, "0", -2, "-3/2", Fraction(-1, 10)], ids=repr)
def test_4e_zero_or_negative_ratio_refused(ratio):
    with pytest.raises(InvalidValue) as caught:
        StockSplit(date=SPLIT_DAY, ratio=ratio)
    assert caught.value.field == "ratio"


def test_4e_float_ratio_refused():
    with pytest.raises(FloatRefused) as caught:
        StockSplit(date=SPLIT_DAY, ratio=1.5)
    assert caught.value.field == "ratio"


@pytest.mark.parametrize("ratio", [1, "1", "2/2", Fraction(1)], ids=repr)
def test_4e_ratio_one_refused(ratio):
    with pytest.raises(InvalidValue) as caught:
        StockSplit(date=SPLIT_DAY, ratio=ratio)
    assert caught.value.field == "ratio"
    assert caught.value.clause == "4.E"


def test_4e_a_refused_split_leaves_the_ledger_as_it_was():
    ledger = new_ledger()
    ledger.apply(spec_first_issue(FIRST_ISSUE))
    before = snapshot(ledger)
    with pytest.raises(InvalidValue):
        ledger.apply(StockSplit(date=SPLIT_DAY, ratio=0))
    # a split dated before the last event is refused by the ledger itself
    with pytest.raises(InvalidValue):
        ledger.apply(StockSplit(date=D(2002, 5, 1), ratio=2))
    assert snapshot(ledger) == before


# -- properties ---------------------------------------------------------------------------

#: new shares per old share: p/q with 1 <= p, q <= 20 (2, 3/2, 1/10, 7/13, ...), never 1
RATIOS = st.builds(
    Fraction, st.integers(min_value=1, max_value=20), st.integers(min_value=1, max_value=20)
).filter(lambda ratio: ratio != 1)


@settings(max_examples=60, deadline=None)
@given(ratio=RATIOS, issue_first=st.booleans())
def test_4e_invariant_3_split_then_inverse_restores_price_and_shares(ratio, issue_first):
    ledger = new_ledger()
    if issue_first:
        ledger.apply(spec_first_issue(FIRST_ISSUE))
        ledger.apply(outside_grant())
    price, shares = ledger.price, ledger.shares(FACE)
    issued, deemed = ledger.outstanding.issued, ledger.outstanding.deemed
    ledger.apply(StockSplit(date=SPLIT_DAY, ratio=ratio))
    assert ledger.price == price / ratio
    ledger.apply(StockSplit(date=SPLIT_DAY, ratio=1 / ratio))
    assert ledger.price == price
    assert ledger.shares(FACE) == shares
    assert ledger.outstanding.issued == issued
    assert ledger.outstanding.deemed == deemed


@settings(max_examples=60, deadline=None)
@given(ratios=st.lists(RATIOS, min_size=1, max_size=5))
def test_4e_invariant_1_shares_times_price_unchanged_by_every_split(ratios):
    ledger = new_ledger()
    ledger.apply(outside_grant(exercise_price="1.25", consideration=0))
    aggregate = FACE * P0  # 194,000
    options_aggregate = Fraction(500_000) * Fraction("1.25")
    expected_price = P0
    for ratio in ratios:
        ledger.apply(StockSplit(date=SPLIT_DAY, ratio=ratio))
        expected_price /= ratio
        assert ledger.price == expected_price
        assert ledger.shares(FACE) * ledger.price == aggregate
        entry = ledger.adjustments[-1]
        shares_before = FACE * P0 / entry.price_before
        shares_after = FACE * P0 / entry.price_after
        assert shares_after == shares_before * ratio
        # every option's aggregate exercise price is kept too
        grant = ledger.grants["g"]
        assert grant.outstanding * grant.exercise_price == options_aggregate
    assert ledger.outstanding.issued == COMMON * _product(ratios)


def _product(values):
    result = Fraction(1)
    for value in values:
        result *= value
    return result
