"""4.D(1) proviso: a dividend not paid undone as of its record date, and every later step
recomputed (SPEC §5).  Each test kills a change to a computed figure that the rest of the
suite let through (docs/mutation-testing.md).  The FMV is $1.00 on every date; every
expected figure is worked by hand with Fractions.
"""

from __future__ import annotations

import datetime as dt
from fractions import Fraction

import pytest

from engine_helpers import CAP, P0, D, flat_prices, new_ledger, spec_first_issue
from warrant.instrument.readings import Reading
from warrant.register.events import (
    DividendUnpaid,
    Exercise,
    Expiry,
    Issuance,
    OptionGrant,
    StockDividend,
    StockSplit,
)
from warrant.register.ledger import Capitalization, Ledger
from warrant.register.records import Outcome

RECORD_1 = D(2002, 6, 27)
RECORD_2 = D(2002, 6, 28)


def dividend(record_date, shares, *, paid=True):
    return StockDividend(date=record_date, record_date=record_date, shares=shares, paid=paid)


def clamped_grant_events():
    """A grant deemed issued below FMV whose readjustment leaves "no adjustment": the
    600,000 shares actually issued brought 300,000 on exercise plus 400,000 paid for the
    grant, 700,000 / 600,000 above the $1.00 FMV, so its step becomes factor 1."""
    return [
        OptionGrant(
            date=D(2002, 7, 1),
            id="g",
            shares=1_000_000,
            exercise_price="0.50",
            consideration=400_000,
            expires=D(2003, 7, 1),
        ),
        Exercise(date=D(2002, 7, 2), of="g", shares=600_000),
        Expiry(date=D(2002, 7, 3), of="g"),
    ]


def test_4d_4c3_a_step_readjusted_to_no_adjustment_stays_at_1_when_a_dividend_is_undone():
    ledger = new_ledger()
    ledger.apply(dividend(RECORD_1, 700_000))
    # N 7,000,000, D 700,000: 1.94 × 10/11
    assert ledger.price == P0 * Fraction(10, 11)
    for event in clamped_grant_events():
        ledger.apply(event)
    # the grant's step: A 7,700,000, B 900,000, C 1,000,000, then readjusted to factor 1
    assert ledger.adjustments[1].price_after == P0 * Fraction(10, 11) * Fraction(
        8_600_000, 8_700_000
    )
    assert ledger.price == P0 * Fraction(10, 11)
    ledger.apply(DividendUnpaid(date=D(2002, 7, 15), record_date=RECORD_1))
    # The dividend's step returns to 1 and the readjusted grant step stays at 1 (had it
    # been recomputed on A 7,000,000, B 700,000, C 600,000 it would lift the price
    # by 77/76, above the initial 1.94).
    assert ledger.price == P0
    assert ledger.outstanding.issued == 7_600_000


def test_4d_4c3_a_readjusted_step_stays_at_1_through_two_undone_dividends():
    ledger = new_ledger()
    ledger.apply(dividend(RECORD_1, 700_000))  # × 7,000,000 / 7,700,000
    ledger.apply(dividend(RECORD_2, 770_000))  # × 7,700,000 / 8,470,000
    assert ledger.price == P0 * Fraction(10, 11) * Fraction(10, 11)
    for event in clamped_grant_events():
        ledger.apply(event)
    assert ledger.price == P0 * Fraction(10, 11) * Fraction(10, 11)
    ledger.apply(DividendUnpaid(date=D(2002, 7, 15), record_date=RECORD_2))
    assert ledger.price == P0 * Fraction(10, 11)
    # the second undo recomputes the grant's step a second time: still factor 1
    ledger.apply(DividendUnpaid(date=D(2002, 7, 16), record_date=RECORD_1))
    assert ledger.price == P0
    assert ledger.outstanding.issued == 7_600_000


def test_4d_a_later_dividend_is_recomputed_on_n_without_the_unpaid_one():
    ledger = new_ledger()
    ledger.apply(dividend(RECORD_1, 700_000))
    ledger.apply(dividend(RECORD_2, 770_000))
    ledger.apply(DividendUnpaid(date=D(2002, 7, 15), record_date=RECORD_1))
    # The second dividend now fell on N = 7,000,000 with D = 770,000: × 7,000,000 / 7,770,000
    assert ledger.price == P0 * Fraction(7_000_000, 7_770_000)
    assert ledger.price == P0 * Fraction(100, 111)
    assert ledger.outstanding.issued == 7_770_000
    undo = ledger.adjustments[-1]
    assert undo.readjusts == 0
    assert undo.additional_shares == -700_000
    assert undo.issued_before == 8_470_000
    assert undo.issued_after == 7_770_000


def test_4d_4e_a_dividend_paid_between_two_splits_and_undone_after_them():
    ledger = new_ledger()
    ledger.apply(StockSplit(date=D(2002, 6, 3), ratio=2))  # 14,000,000 shares at 0.97
    ledger.apply(dividend(RECORD_1, 1_400_000))  # N 14,000,000, D 1,400,000: × 10/11
    ledger.apply(StockSplit(date=D(2002, 7, 1), ratio=2))  # 30,800,000 shares
    ledger.apply(Issuance(date=D(2002, 8, 1), shares=1_000_000, cash=500_000))
    # A 30,800,000, B 500,000, C 1,000,000
    assert ledger.price == P0 / 4 * Fraction(10, 11) * Fraction(31_300_000, 31_800_000)
    ledger.apply(DividendUnpaid(date=D(2002, 8, 15), record_date=RECORD_1))
    # The 1,400,000 dividend shares are 2,800,000 of today's shares (split 2 since the
    # dividend): issued 31,800,000 − 2,800,000.  The issue of 08-01 is recomputed on
    # A 30,800,000 − 2,800,000 = 28,000,000: × 28,500,000 / 29,000,000 = 57/58.
    assert ledger.outstanding.issued == 29_000_000
    assert ledger.price == P0 / 4 * Fraction(57, 58)
    undo = ledger.adjustments[-1]
    assert undo.additional_shares == -2_800_000
    assert undo.issued_before == 31_800_000
    assert undo.issued_after == 29_000_000


@pytest.mark.parametrize("follows", [True, False], ids=["cap-follows", "cap-fixed"])
def test_4d_an_unpaid_dividend_restores_the_cap_it_grew_and_never_shrinks_a_fixed_one(follows):
    ledger = new_ledger(reading=Reading(carve_out_follows_splits=follows))
    ledger.apply(dividend(RECORD_1, 700_000))
    grown = CAP * Fraction(11, 10) if follows else CAP
    assert ledger.position.carve_out_cap == grown
    ledger.apply(DividendUnpaid(date=D(2002, 7, 15), record_date=RECORD_1))
    assert ledger.position.carve_out_cap == CAP
    assert ledger.carve_out.cap == CAP


@pytest.mark.parametrize("follows", [True, False], ids=["cap-follows", "cap-fixed"])
def test_4d_a_dividend_declared_and_not_paid_leaves_the_cap_as_it_was(follows):
    ledger = new_ledger(reading=Reading(carve_out_follows_splits=follows))
    ledger.apply(dividend(RECORD_1, 700_000, paid=False))
    assert ledger.position.carve_out_cap == CAP
    assert ledger.price == P0


def test_4d_a_dividend_not_paid_numbers_its_adjustment_and_its_undoing_apart():
    ledger = new_ledger()
    ledger.apply(spec_first_issue())  # adjustment 0
    determination = ledger.apply(dividend(D(2002, 6, 28), 800_000, paid=False))
    assert determination.outcome is Outcome.READJUSTED
    assert determination.adjustments == (1, 2)
    assert [a.sequence for a in ledger.adjustments] == [0, 1, 2]
    made, undone = ledger.adjustments[1], ledger.adjustments[2]
    assert made.readjusts is None
    assert undone.readjusts == 1
    assert made.additional_shares == 800_000
    assert undone.additional_shares == -800_000
    # 1.903625 × 8,000,000 / 8,800,000, then back
    assert made.price_after == Fraction("1.903625") * Fraction(10, 11)
    assert undone.price_after == Fraction("1.903625")
    ledger.apply(Issuance(date=D(2002, 7, 1), shares=100_000, cash=50_000))
    assert ledger.adjustments[-1].sequence == 3


def test_4d_an_undoing_is_numbered_after_every_adjustment_before_it():
    ledger = new_ledger()
    ledger.apply(dividend(RECORD_1, 700_000))  # 0
    ledger.apply(Issuance(date=D(2002, 7, 1), shares=100_000, cash=50_000))  # 1
    determination = ledger.apply(DividendUnpaid(date=D(2002, 7, 15), record_date=RECORD_1))
    assert determination.adjustments == (2,)
    assert [a.sequence for a in ledger.adjustments] == [0, 1, 2]


def flat_ledger(common: int = 7_000_000) -> Ledger:
    """A ledger with FMV $1.00 on every date and ``common`` shares at the Issue Date."""
    return Ledger(capitalization=Capitalization(common_outstanding=common), prices=flat_prices())


def test_4d_two_unpaid_dividends_return_the_cap_exactly() -> None:
    """Dividends of 700,000 (on 7,000,000) and 770,000 (on 7,700,000) grow the cap by 11/10
    twice; undoing both must bring it back to 1,969,693 and the price to 1.94."""
    book = flat_ledger()
    book.apply(
        StockDividend(date=dt.date(2002, 6, 3), record_date=dt.date(2002, 6, 3), shares=700_000)
    )
    book.apply(
        StockDividend(date=dt.date(2002, 7, 1), record_date=dt.date(2002, 7, 1), shares=770_000)
    )
    assert book.carve_out.cap == CAP * Fraction(11, 10) * Fraction(11, 10)
    book.apply(DividendUnpaid(date=dt.date(2002, 8, 1), record_date=dt.date(2002, 6, 3)))
    book.apply(DividendUnpaid(date=dt.date(2002, 8, 1), record_date=dt.date(2002, 7, 1)))
    assert book.carve_out.cap == CAP
    assert book.price == P0
    assert book.outstanding.issued == 7_000_000
