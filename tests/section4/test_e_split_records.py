"""4.E: what a split's adjustment record says (4.G's facts): the shares it added or took
away, and the counts before and after."""

from __future__ import annotations

from fractions import Fraction

import pytest

from engine_helpers import P0, D, new_ledger
from warrant.register.events import StockSplit


@pytest.mark.parametrize(
    "ratio, added",
    [(Fraction(3, 2), 3_500_000), (Fraction(1, 10), -6_300_000)],
    ids=["3-for-2", "1-for-10"],
)
def test_4e_a_split_record_states_the_shares_it_added(ratio, added):
    ledger = new_ledger()
    ledger.apply(StockSplit(date=D(2002, 6, 3), ratio=ratio))
    record = ledger.adjustments[-1]
    assert record.clause == "4.E"
    # 7,000,000 shares become 10,500,000 (3-for-2) or 700,000 (1-for-10)
    assert record.additional_shares == added
    assert record.issued_before == record.outstanding_before == 7_000_000
    assert record.issued_after == record.outstanding_after == 7_000_000 + added
    assert record.price_after == P0 / ratio
