"""Edge cases found in review, each named by its clause; numbers worked by hand.

FMV is a flat $1.00 throughout, so every Effective Price is compared with 1.
"""

from __future__ import annotations

import datetime as dt
from fractions import Fraction

import pytest

import warrant
from warrant.ground.errors import EventRejected
from warrant.market.closing_prices import Quote
from warrant.register.events import (
    Buyback,
    Cancellation,
    ConvertibleIssuance,
    DividendUnpaid,
    Exercise,
    Expiry,
    OptionGrant,
    Repricing,
    StockDividend,
)
from warrant.register.ledger import Capitalization, Ledger

P0 = Fraction("1.94")
CAP = Fraction(1_969_693)
FLAT = warrant.PriceHistory(
    Quote(day=day, close="1.00")
    for day in warrant.trading_days(dt.date(2002, 1, 2), dt.date(2007, 3, 2))
)


def ledger(common: int = 7_000_000) -> Ledger:
    return Ledger(capitalization=Capitalization(common_outstanding=common), prices=FLAT)


def big_plan_grant() -> OptionGrant:
    """2,000,000 plan options at $0.50 to employees: 1,969,693 fit the carve-out, 30,307 do not."""
    return OptionGrant(
        id="p", date=dt.date(2002, 6, 3), shares=2_000_000, exercise_price="0.50",
        expires=dt.date(2005, 6, 3), plan=True, grantee="employee",
    )


OVERFLOW = 2_000_000 - CAP  # 30,307 shares deemed issued at $0.50
DEEMED_PRICE = P0 * (7_000_000 + OVERFLOW * Fraction(1, 2)) / (7_000_000 + OVERFLOW)


def test_4c5iii_overflow_is_deemed_issued_at_grant() -> None:
    book = ledger()
    book.apply(big_plan_grant())
    assert book.price == DEEMED_PRICE


@pytest.mark.parametrize("exercise_first", [True, False])
def test_4c5iii_exercise_then_lapse_or_lapse_then_exercise_give_the_same_price(
    exercise_first: bool,
) -> None:
    """1,000,000 exercised and 1,000,000 lapsed, in either order: only 1,000,000 plan shares were
    ever issued, all within the cap, so the over-cap deemed issue is readjusted away."""
    book = ledger()
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
    book = ledger()
    book.apply(big_plan_grant())
    book.apply(Exercise(date=dt.date(2003, 1, 2), of="p", shares=2_000_000))
    assert book.price == DEEMED_PRICE
    assert book.outstanding.issued == 9_000_000
    assert book.outstanding.deemed == 0


def test_4c6_repricing_a_convertible_is_refused_not_misread() -> None:
    book = ledger()
    book.apply(
        ConvertibleIssuance(
            id="note", date=dt.date(2002, 6, 3), max_shares=1_000_000, consideration=1_000_000
        )
    )
    before = (book.price, len(book.determinations))
    with pytest.raises(EventRejected) as caught:
        book.apply(Repricing(date=dt.date(2002, 9, 3), of="note", exercise_price="0.50"))
    assert caught.value.clause == "4.C(6)"
    assert "event[1]" in str(caught.value)
    assert (book.price, len(book.determinations)) == before


def test_4d_two_unpaid_dividends_return_the_cap_exactly() -> None:
    """Dividends of 700,000 (on 7,000,000) and 770,000 (on 7,700,000) grow the cap by 11/10
    twice; undoing both must bring it back to 1,969,693 and the price to 1.94."""
    book = ledger()
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


def test_4c5_a_buyback_cannot_retire_every_share() -> None:
    book = ledger(common=1_000)
    with pytest.raises(EventRejected) as caught:
        book.apply(Buyback(date=dt.date(2002, 6, 3), shares=1_000))
    assert caught.value.field == "shares"
    assert book.outstanding.issued == 1_000
    book.apply(Buyback(date=dt.date(2002, 6, 3), shares=999))
    book.apply(StockDividend(date=dt.date(2002, 6, 4), shares=1))  # N = 1, D = 1: price halves
    assert book.price == P0 / 2


def test_4c3_expiry_after_full_lapse_under_final_expiry_reading() -> None:
    """Under final-expiry, a partial lapse waits; the last lapse readjusts everything."""
    book = Ledger(
        capitalization=Capitalization(common_outstanding=7_000_000),
        prices=FLAT,
        reading=warrant.Reading(readjust_on="final-expiry"),
    )
    book.apply(
        OptionGrant(
            id="o",
            date=dt.date(2002, 6, 3),
            shares=500_000,
            exercise_price="0.50",
            expires=dt.date(2004, 6, 1),
        )
    )
    deemed = P0 * (7_000_000 + 250_000) / 7_500_000
    book.apply(Expiry(date=dt.date(2003, 6, 2), of="o", shares=200_000))
    assert book.price == deemed  # waits for the last right
    book.apply(Expiry(date=dt.date(2004, 6, 1), of="o"))
    assert book.price == P0
