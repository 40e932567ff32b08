"""Fair Market Value of a share on a date (Section 1).

The Fair Market Value on a day D is the plain mean of the closing prices of the
five consecutive trading days *before* D — D itself never counts.  Each day's
closing price comes from the branch of Section 1 that applied on that day (see
:mod:`warrant.market.closing_prices`).  A day of the five without a usable price is an error
that names it: the window never slides back silently to an earlier day.

Section 4.C's "Current Fair Market Value" is this figure taken on the day the
Additional Shares are issued or deemed issued.
"""

from __future__ import annotations

from datetime import date
from fractions import Fraction

import attrs

from warrant.ground.dates import require_date
from warrant.ground.errors import InvalidValue, MissingPrices
from warrant.instrument.terms import ALPHA_2002
from warrant.market.closing_prices import ClosingPrice
from warrant.market.price_history import PriceHistory


@attrs.frozen
class FairMarketValue:
    """The FMV on ``on``: the exact mean, and the days and prices it rests on."""

    on: date
    value: Fraction
    closes: tuple[ClosingPrice, ...]

    @property
    def days(self) -> tuple[date, ...]:
        """The trading days averaged, oldest first."""
        return tuple(close.day for close in self.closes)

    @property
    def prices(self) -> tuple[Fraction, ...]:
        """Their closing prices, in the same order."""
        return tuple(close.price for close in self.closes)


def fair_market_value(
    prices: PriceHistory, on: date, *, window: int = ALPHA_2002.fmv_window
) -> FairMarketValue:
    """The Fair Market Value of one share on ``on`` (Section 1).

    ``window`` is the number of trading days averaged: a term of the instrument
    (``WarrantTerms.fmv_window``; five in the 2002 warrant, the default).

    Raises :class:`~warrant.ground.errors.MissingPrices` naming every day of the window
    that has no price, and :class:`~warrant.ground.errors.CalendarRangeError` when the
    window falls outside the calendar's years.
    """
    on = require_date(on, field="on", clause="Section 1")
    if isinstance(window, bool) or not isinstance(window, int) or window < 1:
        raise InvalidValue(f"must be a positive whole number, got {window!r}", field="window")
    days = prices.calendar.preceding_trading_days(on, window)
    missing = [day for day in days if day not in prices]
    if missing:
        listed = ", ".join(day.isoformat() for day in missing)
        raise MissingPrices(
            f"the Fair Market Value on {on.isoformat()} needs the closing prices of the "
            f"{window} trading days before it ({days[0].isoformat()} .. {days[-1].isoformat()}); "
            f"no price for {listed}",
            missing=missing,
            field="prices",
            clause="Section 1",
        )
    closes = tuple(prices[day].closing for day in days)
    total = sum((close.price for close in closes), Fraction(0))
    return FairMarketValue(on=on, value=total / window, closes=closes)
