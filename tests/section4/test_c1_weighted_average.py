"""4.C(1) and 4.C(2): the weighted-average adjustment and the consideration it rests on.

Every expected figure is worked by hand below with Fractions:
``P' = P × (A + B) / (A + C)`` with ``A`` the shares outstanding before,
``B`` = consideration ÷ Current FMV and ``C`` the Additional Shares; the shares
receivable become ``S × P / P'`` (SPEC §4.1).
"""

from __future__ import annotations

from fractions import Fraction

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from engine_helpers import (
    COMMON,
    FACE,
    P0,
    VARIED_CLOSES,
    VARIED_DAY,
    VARIED_WINDOW,
    D,
    new_ledger,
    spec_first_issue,
    varied_prices,
)
from warrant.ground.errors import InvalidValue
from warrant.register.events import Issuance
from warrant.register.records import Outcome

#: SPEC §14's issue day.  Its FMV window skips Memorial Day (2002-05-27).
DAY = D(2002, 6, 3)
DAY_WINDOW = (D(2002, 5, 24), D(2002, 5, 28), D(2002, 5, 29), D(2002, 5, 30), D(2002, 5, 31))

# the mean of VARIED_CLOSES: (1.10 + 1.20 + 1.30 + 1.40 + 1.50) / 5 = 6.50 / 5 = 1.30
VARIED_FMV = Fraction("6.50") / 5


# The SPEC §14 arithmetic, by hand:
#   consideration = 900,000 − 50,000 = 850,000; Effective Price = 850,000 / 1,000,000 = 0.85
#   B = 850,000 / 1.00 = 850,000; A = 7,000,000; C = 1,000,000
#   P' = 1.94 × (7,000,000 + 850,000) / (7,000,000 + 1,000,000) = 1.94 × 7,850,000 / 8,000,000
SPEC_P1 = P0 * Fraction(7_000_000 + 850_000, 7_000_000 + 1_000_000)


def test_4c1_spec_14_hand_arithmetic_is_what_the_spec_states():
    # 1.94 × 785 / 800 = 1522.9 / 800 = 1.903625 exactly; 100,000 × 1.94 / 1.903625 = 16,000,000/157
    assert Fraction("1.903625") == SPEC_P1
    assert Fraction(16_000_000, 157) == FACE * P0 / SPEC_P1


def test_4c1_spec_14_first_example_price_and_shares():
    ledger = new_ledger()
    determination = ledger.apply(spec_first_issue())
    assert determination.outcome is Outcome.ADJUSTED
    assert determination.clause == "4.C(1)"
    assert ledger.price == Fraction("1.903625")
    assert ledger.shares(FACE) == Fraction(16_000_000, 157)
    assert ledger.outstanding.issued == 8_000_000


def test_4c1_adjustment_record_carries_the_certificate_facts():
    ledger = new_ledger()
    determination = ledger.apply(spec_first_issue())
    (adjustment,) = ledger.adjustments
    assert determination.adjustments == (adjustment.sequence,)
    assert adjustment.clause == "4.C(1)"
    assert adjustment.date == DAY
    assert adjustment.event.index == 0
    assert adjustment.price_before == P0
    assert adjustment.price_after == Fraction("1.903625")
    assert adjustment.factor == Fraction(7_850_000, 8_000_000)
    # the Current FMV with its five days (the Monday before was Memorial Day)
    assert adjustment.fmv.on == DAY
    assert adjustment.fmv.value == 1
    assert adjustment.fmv.days == DAY_WINDOW
    assert adjustment.fmv.prices == (1, 1, 1, 1, 1)
    # the consideration, part by part (4.C(2)(i) and (iv))
    consideration = adjustment.consideration
    assert consideration.cash == 900_000
    assert consideration.expenses == 50_000
    assert consideration.property_value == 0
    assert consideration.allocated is None
    assert consideration.gross == 900_000
    assert consideration.total == 850_000
    # A, B, C
    assert adjustment.additional_shares == 1_000_000  # C
    assert adjustment.outstanding_before == 7_000_000  # A
    assert adjustment.outstanding_after == 8_000_000  # A + C
    assert adjustment.bought_at_fmv == 850_000  # B = 850,000 / 1.00
    assert adjustment.effective_price == Fraction("0.85")
    assert adjustment.readjustment is False
    assert adjustment.readjusts is None


def test_4c1_current_fmv_is_the_mean_of_the_five_trading_days_before_the_issue():
    ledger = new_ledger(prices=varied_prices())
    # 1,000,000 shares for $1,000,000: Effective Price 1.00 < FMV 1.30
    ledger.apply(Issuance(date=VARIED_DAY, shares=1_000_000, cash=1_000_000))
    (adjustment,) = ledger.adjustments
    assert adjustment.fmv.value == Fraction("1.30")
    assert adjustment.fmv.days == VARIED_WINDOW
    assert adjustment.fmv.prices == tuple(Fraction(close) for close in VARIED_CLOSES)
    # B = 1,000,000 / 1.30 = 10,000,000/13
    b = Fraction(1_000_000) / VARIED_FMV
    assert b == Fraction(10_000_000, 13)
    assert adjustment.bought_at_fmv == b
    assert ledger.price == P0 * (7_000_000 + b) / (7_000_000 + 1_000_000)


@pytest.mark.parametrize(
    "cash",
    [
        pytest.param(1_300_000, id="exactly-at-fmv"),  # 1,300,000 / 1,000,000 = 1.30 = FMV
        pytest.param(2_000_000, id="above-fmv"),
    ],
)
def test_4c1_issue_at_or_above_fmv_changes_no_price_but_counts_the_shares(cash):
    ledger = new_ledger(prices=varied_prices())
    determination = ledger.apply(Issuance(date=VARIED_DAY, shares=1_000_000, cash=cash))
    assert determination.outcome is Outcome.NOT_BELOW_FMV
    assert determination.adjustments == ()
    assert ledger.adjustments == ()
    assert ledger.price == P0
    assert ledger.shares(FACE) == FACE
    assert ledger.outstanding.issued == COMMON + 1_000_000


def test_4c1_issue_one_cent_below_fmv_adjusts():
    ledger = new_ledger(prices=varied_prices())
    # Effective Price 1.29 < 1.30: B = 1,290,000 / 1.30 = 12,900,000/13
    ledger.apply(Issuance(date=VARIED_DAY, shares=1_000_000, cash=1_290_000))
    b = Fraction(1_290_000) / Fraction("1.30")
    assert ledger.price == P0 * (7_000_000 + b) / 8_000_000
    assert ledger.price < P0


def test_4c1_a_later_issue_counts_shares_issued_at_fmv_in_its_a():
    ledger = new_ledger(prices=varied_prices())
    ledger.apply(Issuance(date=VARIED_DAY, shares=1_000_000, cash=1_300_000))  # at FMV
    ledger.apply(spec_first_issue(D(2002, 10, 1)))  # FMV 1.00 again
    # A = 7,000,000 + 1,000,000 = 8,000,000; B = 850,000; C = 1,000,000
    assert ledger.adjustments[0].outstanding_before == 8_000_000
    assert ledger.price == P0 * Fraction(8_000_000 + 850_000, 8_000_000 + 1_000_000)


def test_4c2iv_expenses_can_take_an_issue_at_fmv_below_it():
    ledger = new_ledger()
    # $1,000,000 gross at FMV 1.00, less $10,000 expenses: 990,000 / 1,000,000 = 0.99 < 1.00
    ledger.apply(Issuance(date=DAY, shares=1_000_000, cash=1_000_000, expenses=10_000))
    assert ledger.adjustments[0].bought_at_fmv == 990_000
    assert ledger.price == P0 * Fraction(7_990_000, 8_000_000)


def test_4c2ii_property_counts_at_the_boards_value():
    ledger = new_ledger()
    ledger.apply(
        Issuance(
            date=DAY,
            shares=1_000_000,
            cash=400_000,
            property=500_000,
            property_valued_by="Board of Directors",
            property_valued_on=D(2002, 5, 31),
            expenses=50_000,
        )
    )
    # 400,000 + 500,000 − 50,000 = 850,000: the SPEC §14 figure again
    assert ledger.price == Fraction("1.903625")
    consideration = ledger.adjustments[0].consideration
    assert consideration.cash == 400_000
    assert consideration.property_value == 500_000
    assert consideration.property_valued_by == "Board of Directors"
    assert consideration.property_valued_on == D(2002, 5, 31)
    assert consideration.expenses == 50_000
    assert consideration.total == 850_000


@pytest.mark.parametrize(
    ("extra", "missing"),
    [
        ({"property_valued_on": D(2002, 5, 31)}, "property_valued_by"),
        ({"property_valued_by": "Board of Directors"}, "property_valued_on"),
        ({}, "property_valued_by"),
    ],
)
def test_4c2ii_property_without_who_and_when_is_refused(extra, missing):
    with pytest.raises(InvalidValue) as caught:
        Issuance(date=DAY, shares=1_000_000, property=500_000, **extra)
    assert caught.value.field == missing
    assert caught.value.clause == "4.C(2)(ii)"
    assert "4.C(2)(ii)" in str(caught.value)


def test_4c2iii_a_units_allocated_portion_replaces_cash_and_property():
    ledger = new_ledger()
    # A unit of 1,000,000 shares plus warrants sold for $1,500,000 cash; the Board allocates
    # $900,000 to the shares; $50,000 expenses: consideration 900,000 − 50,000 = 850,000.
    ledger.apply(
        Issuance(
            date=DAY,
            shares=1_000_000,
            cash=1_500_000,
            allocated=900_000,
            allocated_by="Board of Directors",
            expenses=50_000,
        )
    )
    assert ledger.price == Fraction("1.903625")
    consideration = ledger.adjustments[0].consideration
    assert consideration.allocated == 900_000
    assert consideration.allocated_by == "Board of Directors"
    assert consideration.total == 850_000
    assert ledger.adjustments[0].bought_at_fmv == 850_000


@pytest.mark.parametrize(
    ("extra", "missing"),
    [({"allocated": 900_000}, "allocated_by"), ({"allocated_by": "Board"}, "allocated")],
)
def test_4c2iii_an_allocation_needs_the_board(extra, missing):
    with pytest.raises(InvalidValue) as caught:
        Issuance(date=DAY, shares=1_000_000, cash=1_500_000, **extra)
    assert caught.value.field == missing
    assert caught.value.clause == "4.C(2)(iii)"


def test_4c1_price_on_before_on_and_after_the_adjustment_date():
    ledger = new_ledger()
    ledger.apply(spec_first_issue())
    assert ledger.price_on(D(2002, 6, 2)) == P0
    assert ledger.price_on(D(2002, 3, 4)) == P0
    assert ledger.price_on(DAY) == Fraction("1.903625")
    assert ledger.price_on(D(2004, 1, 1)) == Fraction("1.903625")
    assert ledger.shares_on(D(2002, 6, 2), FACE) == FACE
    assert ledger.shares_on(DAY, FACE) == Fraction(16_000_000, 157)


@pytest.mark.parametrize("face", [1, 100_000, 250_000, Fraction(7, 3)])
def test_4c1a_aggregate_exercise_price_is_unchanged(face):
    ledger = new_ledger()
    ledger.apply(spec_first_issue())
    assert ledger.shares(face) * ledger.price == face * P0
    assert ledger.shares(face) == face * P0 / Fraction("1.903625")


def test_4c1_two_successive_adjustments_compound():
    ledger = new_ledger(prices=varied_prices())
    ledger.apply(spec_first_issue())  # 2002-06-03, FMV 1.00 → P1 = 1.903625
    # 2002-09-16, FMV 1.30: 500,000 shares for $520,000 (Effective Price 1.04 < 1.30)
    ledger.apply(Issuance(date=VARIED_DAY, shares=500_000, cash=520_000))
    p1 = Fraction("1.903625")
    a2 = Fraction(7_000_000 + 1_000_000)  # A grew by the first issue's shares
    b2 = Fraction(520_000) / Fraction("1.30")  # = 400,000
    assert b2 == 400_000
    p2 = p1 * (a2 + b2) / (a2 + 500_000)  # = 1.903625 × 8,400,000 / 8,500,000
    assert p2 == Fraction("1.903625") * Fraction(84, 85)
    assert ledger.price == p2
    second = ledger.adjustments[1]
    assert second.price_before == p1
    assert second.outstanding_before == 8_000_000
    assert second.outstanding_after == 8_500_000
    assert second.bought_at_fmv == 400_000
    assert ledger.shares(FACE) == FACE * P0 / p2
    assert ledger.price_on(D(2002, 9, 13)) == p1
    assert ledger.price_on(VARIED_DAY) == p2


@settings(max_examples=60, deadline=None)
@given(
    shares=st.integers(min_value=1, max_value=5_000_000),
    cents_each=st.integers(min_value=0, max_value=300),
    expenses=st.integers(min_value=0, max_value=10_000),
)
def test_4c1_formula_by_hand_for_any_issue(shares, cents_each, expenses):
    gross = Fraction(shares * cents_each, 100)
    if expenses > gross:
        expenses = 0
    ledger = new_ledger()
    ledger.apply(Issuance(date=DAY, shares=shares, cash=gross, expenses=expenses))
    net = gross - expenses
    # FMV is 1.00: B = net / 1.00; no adjustment when net / shares ≥ 1.00
    b = net / 1
    expected = P0 if net / shares >= 1 else P0 * (COMMON + b) / (COMMON + shares)
    assert ledger.price == expected
    assert ledger.price <= P0  # 4.C never raises the price
    assert ledger.shares(FACE) * ledger.price == FACE * P0
    assert ledger.outstanding.issued == COMMON + shares
