"""4.D(1) proviso: undoing two of three stock dividends one after the other, the note on each
undo, and the refusal when no dividend is in force.  The FMV is $1.00 on every date;
figures are worked by hand with Fractions.
"""

from __future__ import annotations

from fractions import Fraction

import pytest

from engine_helpers import P0, D, new_ledger, snapshot
from warrant.ground.errors import EventRejected
from warrant.register.events import Buyback, DividendUnpaid, StockDividend

RECORD_1, RECORD_2, RECORD_3 = D(2002, 6, 27), D(2002, 6, 28), D(2002, 7, 1)


def test_4d1_undoing_two_dividends_in_turn_recomputes_the_last_on_what_remains() -> None:
    ledger = new_ledger()
    for record, shares in ((RECORD_1, 700_000), (RECORD_2, 350_000), (RECORD_3, 100_000)):
        ledger.apply(StockDividend(date=record, record_date=record, shares=shares))
    # 7,000,000/7,700,000 × 7,700,000/8,050,000 × 8,050,000/8,150,000 = 7,000,000/8,150,000
    assert ledger.price == P0 * Fraction(7_000_000, 8_150_000)
    first = ledger.apply(DividendUnpaid(date=D(2002, 7, 10), record_date=RECORD_1))
    # without the first: 7,000,000/7,350,000 × 7,350,000/7,450,000
    after_first = P0 * Fraction(7_000_000, 7_450_000)
    assert after_first == Fraction(1358, 745)
    assert ledger.price == after_first
    note = (
        "the stock dividend of record date 2002-06-27 was not paid on the date fixed: its "
        "adjustment is undone as of the record date and later adjustments recomputed; "
        "Exercise Price 1358/815 (≈1.6662576687) → 1358/745 (≈1.8228187919) (4.D(1) proviso)"
    )
    assert first.reasons == (note,)
    assert ledger.adjustments[-1].note == note
    ledger.apply(DividendUnpaid(date=D(2002, 7, 11), record_date=RECORD_2))
    # only the third remains, on N = 7,000,000: 7,000,000/7,100,000
    assert ledger.price == P0 * Fraction(7_000_000, 7_100_000)
    assert ledger.outstanding.issued == 7_100_000


def test_4d1_a_dividend_unpaid_with_no_dividend_at_all_is_refused() -> None:
    ledger = new_ledger()
    with pytest.raises(EventRejected) as caught:
        ledger.apply(DividendUnpaid(date=D(2002, 7, 1), record_date=RECORD_1))
    assert caught.value.field == "record_date"
    assert caught.value.clause == "4.D(1)"
    assert str(caught.value) == (
        "event[0] (dividend-unpaid): field 'record_date': no stock dividend with record date "
        "2002-06-27 is in force to undo [4.D(1)]"
    )
    assert ledger.determinations == ()


def test_4d1_undoing_a_dividend_whose_shares_were_since_bought_back_is_refused() -> None:
    ledger = new_ledger()
    ledger.apply(StockDividend(date=RECORD_1, record_date=RECORD_1, shares=7_000_000))
    # 14,000,000 issued; 7,000,000 bought back: undoing the 7,000,000 would leave none
    ledger.apply(Buyback(date=RECORD_2, shares=7_000_000))
    before = snapshot(ledger)
    with pytest.raises(EventRejected) as caught:
        ledger.apply(DividendUnpaid(date=RECORD_3, record_date=RECORD_1))
    assert caught.value.field == "record_date"
    assert caught.value.clause == "4.D(1)"
    assert str(caught.value) == (
        "event[2] (dividend-unpaid): field 'record_date': cannot undo the stock dividend of "
        "record date 2002-06-27: removing its 7000000 shares from the 7000000 issued and "
        "outstanding would leave none, and some must remain [4.D(1)]"
    )
    assert snapshot(ledger) == before


def test_4d1_undoing_a_dividend_that_leaves_some_shares_is_made() -> None:
    ledger = new_ledger()
    ledger.apply(StockDividend(date=RECORD_1, record_date=RECORD_1, shares=7_000_000))
    ledger.apply(Buyback(date=RECORD_2, shares=6_999_999))
    ledger.apply(DividendUnpaid(date=RECORD_3, record_date=RECORD_1))
    # 14,000,000 − 6,999,999 − 7,000,000 = 1 share remains; the price is back at 1.94
    assert ledger.outstanding.issued == 1
    assert ledger.price == P0
