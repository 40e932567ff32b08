"""4.D: stock dividend reasons, records, undone steps and refusals, word for word."""

from __future__ import annotations

from fractions import Fraction

import attrs
import pytest

from engine_helpers import D, new_ledger
from warrant.ground.errors import EventRejected
from warrant.register.events import DividendUnpaid, StockDividend
from warrant.register.records import EventRef, Outcome
from warrant.section4.d_stock_dividends import pay_stock_dividend

RECORD_DAY = D(2002, 9, 3)
PAY_DAY = D(2002, 9, 20)
UNPAID_DAY = D(2002, 9, 25)

#: 1.94 × 7,000,000 / (7,000,000 + 700,000) = 1.94 × 10 / 11 = 19.4 / 11 = 97/55
P_DIV = Fraction("1.94") * Fraction(7_000_000, 7_700_000)
NOTE = (
    "dividend of 700000 shares on 7000000 outstanding: Exercise Price 1.94 × 7000000 / "
    "7700000 = 97/55 (≈1.7636363636) (4.D(1))"
)
UNDO_NOTE = (
    "not paid on the date fixed: the adjustment is undone as of the record date; it will be "
    "made when the dividend is actually paid (4.D(1) proviso)"
)


def test_4d_hand_figure():
    assert Fraction(97, 55) == P_DIV


def test_4d_paid_dividend_reason_shows_n_plus_d():
    ledger = new_ledger()
    determination = ledger.apply(StockDividend(date=RECORD_DAY, shares=700_000))
    assert determination.outcome is Outcome.ADJUSTED
    assert determination.reasons == (NOTE,)
    assert ledger.price == P_DIV


def test_4d_declared_and_unpaid_dividend_is_undone_at_once():
    ledger = new_ledger()
    determination = ledger.apply(
        StockDividend(date=PAY_DAY, record_date=RECORD_DAY, shares=700_000, paid=False, id="sd")
    )
    assert determination.event == EventRef(index=0, type="stock-dividend", id="sd")
    assert determination.date == RECORD_DAY
    assert determination.outcome is Outcome.READJUSTED
    assert determination.reasons == (NOTE, UNDO_NOTE)
    (step,) = ledger._book().steps
    assert step.clamped is True
    assert step.factor == 1
    assert ledger.price == Fraction("1.94")


def test_4d1_proviso_unpaid_event_determination_and_record_name_the_event():
    ledger = new_ledger()
    ledger.apply(StockDividend(date=PAY_DAY, record_date=RECORD_DAY, shares=700_000))
    determination = ledger.apply(
        DividendUnpaid(date=UNPAID_DAY, record_date=RECORD_DAY, id="unpaid")
    )
    ref = EventRef(index=1, type="dividend-unpaid", id="unpaid")
    assert determination.event == ref
    assert determination.date == UNPAID_DAY
    assert determination.outcome is Outcome.READJUSTED
    assert determination.reasons == (
        "the stock dividend of record date 2002-09-03 was not paid on the date fixed: its "
        "adjustment is undone as of the record date and later adjustments recomputed; "
        "Exercise Price 97/55 (≈1.7636363636) → 1.94 (4.D(1) proviso)",
    )
    undo = ledger.adjustments[-1]
    assert undo.event == ref
    assert undo.date == UNPAID_DAY
    assert undo.readjusts == 0
    assert undo.price_after == Fraction("1.94")


def test_4d1_dividend_on_no_shares_outstanding_is_refused():
    book = new_ledger()._book()
    book.position = attrs.evolve(book.position, issued=Fraction(0))
    event = StockDividend(date=RECORD_DAY, shares=10)
    with pytest.raises(EventRejected) as refused:
        pay_stock_dividend(book, event, EventRef(index=0, type="stock-dividend"))
    assert refused.value.message == "no shares are outstanding to pay a dividend on"
    assert refused.value.field == "shares"
    assert refused.value.clause == "4.D(1)"
