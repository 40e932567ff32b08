"""4.C(8): a record date is the date of issue (SPEC §4.6).

A rights offer or a distribution of Convertible Securities to holders of record is
tested on its record date, at that date's FMV.  Every expected figure is worked by
hand with Fractions; the FMV is $1.00 on every date unless a test uses
``varied_prices()`` (FMV $1.30 on 2002-09-16).
"""

from __future__ import annotations

from fractions import Fraction

from engine_helpers import (
    P0,
    VARIED_DAY,
    VARIED_WINDOW,
    D,
    new_ledger,
    varied_prices,
)
from warrant.register.events import (
    ConvertibleIssuance,
    OptionGrant,
    OptionOnConvertible,
    Repricing,
    StockDividend,
)
from warrant.register.records import Outcome
from warrant.section4.c8_record_dates import RECORD_DATED, date_of_issue

GRANT_DAY = D(2002, 7, 1)
EXPIRES = D(2003, 7, 1)


#: FMV on VARIED_DAY under varied_prices(): (1.10 + 1.20 + 1.30 + 1.40 + 1.50) / 5
FMV_VARIED = Fraction("1.30")


def options(day=GRANT_DAY, *, gid="g", shares=500_000, price="0.50", consideration=10_000, **more):
    return OptionGrant(
        date=day, id=gid, shares=shares, exercise_price=price, consideration=consideration,
        expires=EXPIRES, **more,
    )


def convertible(**overrides):
    """1,000,000 shares on conversion; $200,000 still payable to convert; $500,000 received."""
    fields = dict(
        date=GRANT_DAY, id="cv", max_shares=1_000_000, min_conversion_payment=200_000,
        consideration=500_000, expires=EXPIRES,
    )
    fields.update(overrides)
    return ConvertibleIssuance(**fields)


OFFER_DAY = D(2002, 10, 1)  # FMV 1.00 under varied_prices(); the record date's is 1.30


def test_4c8_rights_offer_is_issued_on_its_record_date_at_that_date_fmv():
    ledger = new_ledger(prices=varied_prices())
    determination = ledger.apply(
        options(OFFER_DAY, gid="offer", price="1.10", consideration=0, record_date=VARIED_DAY)
    )
    # 1.10 < 1.30 (FMV of the record date) although not below 1.00 (FMV of the offer day)
    assert determination.outcome is Outcome.ADJUSTED
    assert determination.clause == "4.C(3)"
    assert determination.date == VARIED_DAY
    # A 7,000,000, B = 550,000 / 1.30 = 5,500,000/13, C 500,000
    assert ledger.price == P0 * (7_000_000 + Fraction(5_500_000, 13)) / 7_500_000
    adjustment = ledger.adjustments[-1]
    assert adjustment.date == VARIED_DAY
    assert adjustment.fmv.value == FMV_VARIED
    assert adjustment.fmv.days == VARIED_WINDOW
    assert ledger.price_on(VARIED_DAY) == ledger.price


def test_4c8_without_the_record_date_the_same_offer_is_not_below_fmv():
    ledger = new_ledger(prices=varied_prices())
    determination = ledger.apply(options(OFFER_DAY, gid="offer", price="1.10", consideration=0))
    assert determination.outcome is Outcome.NOT_BELOW_FMV
    assert ledger.price == P0


def test_4c8_convertibles_distributed_to_holders_of_record():
    ledger = new_ledger(prices=varied_prices())
    ledger.apply(convertible(date=OFFER_DAY, record_date=VARIED_DAY, consideration=0,
                             min_conversion_payment=1_000_000))
    # 1,000,000 for 1,000,000 shares: 1.00 < 1.30; B = 1,000,000 / 1.30 = 10,000,000/13
    assert ledger.price == P0 * (7_000_000 + Fraction(10_000_000, 13)) / 8_000_000
    assert ledger.adjustments[-1].date == VARIED_DAY


def test_4c8_date_of_issue_is_the_record_date_of_an_offer_to_holders_of_record():
    offer = options(OFFER_DAY, record_date=VARIED_DAY)
    assert date_of_issue(offer) == VARIED_DAY
    assert date_of_issue(options(OFFER_DAY)) == OFFER_DAY
    distributed = convertible(date=OFFER_DAY, record_date=VARIED_DAY)
    assert date_of_issue(distributed) == VARIED_DAY
    # the register orders events by the same day
    assert offer.effective_date == distributed.effective_date == VARIED_DAY


def test_4c8_reaches_rights_and_convertibles_not_stock_dividends():
    # A stock dividend counts from its record date by 4.D(1)'s own terms, not 4.C(8).
    assert set(RECORD_DATED) == {OptionGrant, ConvertibleIssuance, OptionOnConvertible}
    dividend = StockDividend(date=OFFER_DAY, shares=1, record_date=VARIED_DAY)
    assert date_of_issue(dividend) == OFFER_DAY
    assert date_of_issue(Repricing(date=OFFER_DAY, of="g", exercise_price="0.5")) == OFFER_DAY
