"""Builders for the holder's-side tests (Sections 1, 3, 11).

Nothing here computes an expected figure: the tests work them by hand with
Fractions.  These helpers build ledgers with a series of warrants and take
snapshots of everything observable, so a refused event can be shown to leave
the register exactly as it was.
"""

from __future__ import annotations

from fractions import Fraction

from engine_helpers import COMMON, flat_prices, snapshot
from warrant.instrument.readings import Reading
from warrant.market.price_history import PriceHistory
from warrant.register.ledger import Capitalization, Ledger
from warrant.register.series import SeriesWarrant


def series_ledger(
    *warrants: tuple[str, str | None, int | str | Fraction],
    prices: PriceHistory | None = None,
    reading: Reading | None = None,
    common: int = COMMON,
) -> Ledger:
    """A ledger whose series is ``(id, holder, face_shares)`` for each warrant given."""
    return Ledger(
        capitalization=Capitalization(common_outstanding=common),
        prices=prices if prices is not None else flat_prices(),
        reading=reading,
        series=[SeriesWarrant(id=i, holder=h, face_shares=f) for i, h, f in warrants],
    )


def full_snapshot(ledger: Ledger) -> dict[str, object]:
    """:func:`engine_helpers.snapshot` plus the series and the exercises."""
    found = snapshot(ledger)
    found["series"] = ledger.series
    found["exercises"] = ledger.exercises
    found["surrendered"] = ledger.position.series.surrendered
    return found
