"""4.F: only the adjustments that leave the price below par are flagged."""

from __future__ import annotations

from fractions import Fraction

import pytest

from engine_helpers import D, new_ledger
from warrant.register.events import StockDividend

RECORD_DAY = D(2002, 9, 3)
PAY_DAY = D(2002, 9, 20)


def test_4f_unpaid_dividend_flags_the_dividend_below_par_but_not_its_undoing():
    # 1.94 × 7,000,000 / (7,000,000 + 700,000,000) = 1.94 / 101 < 0.03; the undoing: back to 1.94
    ledger = new_ledger()
    ledger.apply(
        StockDividend(date=PAY_DAY, record_date=RECORD_DAY, shares=700_000_000, paid=False)
    )
    dividend, undo = ledger.adjustments
    assert dividend.price_after == Fraction("1.94") / 101
    assert dividend.below_par is True
    assert undo.price_after == Fraction("1.94")
    assert undo.below_par is False


@pytest.mark.parametrize(
    ("shares", "flagged"),
    # 3,000,000 shares; 1.94 × 3,000,000 / (3,000,000 + D) = 0.03 exactly when
    # 3,000,000 + D = 194,000,000, i.e. D = 191,000,000
    [(191_000_000, False), (191_000_001, True)],
    ids=["at-par", "just-below-par"],
)
def test_4f_price_at_par_is_not_below_it(shares, flagged):
    ledger = new_ledger(common=3_000_000)
    ledger.apply(StockDividend(date=RECORD_DAY, shares=shares))
    (adjustment,) = ledger.adjustments
    assert (adjustment.price_after == Fraction("0.03")) is not flagged
    assert adjustment.below_par is flagged
