"""4.D(1) proviso: an unpaid dividend is recomputed away from the whole register (SPEC §5),
the 4.C(5)(iii) carve-out cap included when it follows 4.D share changes (the default
reading).  Every figure is worked by hand with Fractions: 8,000,000 shares outstanding at
the Issue Date, the cap 1,969,693 (SPEC §1)."""

from __future__ import annotations

from fractions import Fraction as F

from engine_helpers import CAP, P0, D, new_ledger
from warrant.instrument.readings import Reading
from warrant.register.events import DividendUnpaid, StockDividend

COMMON = 8_000_000
R1, R2 = D(2002, 6, 3), D(2002, 9, 3)


def dividends(**reading: object):
    ledger = new_ledger(common=COMMON, reading=Reading(**reading))
    # 10% on 8,000,000: N = 8,000,000, D = 800,000.
    ledger.apply(StockDividend(date=R1, record_date=R1, shares=800_000, paid=True))
    # then 880,000 on N = 8,800,000 (which counts the first dividend's shares).
    ledger.apply(StockDividend(date=R2, record_date=R2, shares=880_000, paid=True))
    return ledger


def test_both_paid_the_cap_follows_both() -> None:
    ledger = dividends()
    assert ledger.carve_out.cap == CAP * F(8_800_000, 8_000_000) * F(9_680_000, 8_800_000)
    assert ledger.price == P0 * F(8_000_000, 8_800_000) * F(8_800_000, 9_680_000)


def test_the_first_unpaid_the_second_is_recomputed_on_n_without_it() -> None:
    """Without the first dividend the second's N is 8,000,000: price 1.94 × 8,000,000 /
    8,880,000 and the cap 1,969,693 × 8,880,000 / 8,000,000 (not × 9,680,000 / 8,800,000)."""
    ledger = dividends()
    ledger.apply(DividendUnpaid(date=D(2002, 10, 1), record_date=R1))
    assert ledger.price == P0 * F(8_000_000, 8_880_000)
    assert ledger.carve_out.cap == CAP * F(8_880_000, 8_000_000)
    assert ledger.outstanding.issued == 8_880_000


def test_the_second_unpaid_leaves_the_first() -> None:
    ledger = dividends()
    ledger.apply(DividendUnpaid(date=D(2002, 10, 1), record_date=R2))
    assert ledger.price == P0 * F(8_000_000, 8_800_000)
    assert ledger.carve_out.cap == CAP * F(8_800_000, 8_000_000)


def test_both_unpaid_in_turn_restore_the_cap() -> None:
    ledger = dividends()
    ledger.apply(DividendUnpaid(date=D(2002, 10, 1), record_date=R1))
    ledger.apply(DividendUnpaid(date=D(2002, 10, 2), record_date=R2))
    assert ledger.price == P0
    assert ledger.carve_out.cap == CAP


def test_a_fixed_cap_does_not_move() -> None:
    ledger = dividends(carve_out_follows_splits=False)
    ledger.apply(DividendUnpaid(date=D(2002, 10, 1), record_date=R1))
    assert ledger.carve_out.cap == CAP
    assert ledger.price == P0 * F(8_000_000, 8_880_000)
