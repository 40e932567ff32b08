"""Section 1: the warrant is exercisable only on a business day.

The warrant takes "business day" from the Credit Agreement without defining it,
so which days count is the ``business_day`` reading (SPEC §9): by default the
federal one (not a Saturday, Sunday or observed federal legal holiday), or the
trading days of the stock's market.
"""

from __future__ import annotations

import datetime as dt

import attrs

from warrant.ground.errors import NotABusinessDay
from warrant.instrument.readings import BusinessDayBasis, Reading
from warrant.market.calendars import DEFAULT_BUSINESS_DAYS, BusinessDayCalendar, TradingCalendar


@attrs.frozen
class TradingDaysAsBusinessDays:
    """A trading calendar read as the business days of Section 1 (the ``trading`` reading)."""

    trading: TradingCalendar

    def is_business_day(self, day: dt.date) -> bool:
        return self.trading.is_trading_day(day)


def exercise_business_days(reading: Reading, trading: TradingCalendar) -> BusinessDayCalendar:
    """The business days of Section 1 under ``reading``; ``trading`` is the stock's market."""
    if reading.business_day is BusinessDayBasis.TRADING:
        return TradingDaysAsBusinessDays(trading)
    return DEFAULT_BUSINESS_DAYS


def is_business_day_under(basis: object, day: dt.date, trading: TradingCalendar) -> bool:
    """Whether ``day`` is a business day of Section 1 under the ``business_day`` value
    ``basis`` (``trading`` is the stock's market)."""
    if basis is BusinessDayBasis.TRADING:
        return trading.is_trading_day(day)
    return DEFAULT_BUSINESS_DAYS.is_business_day(day)


def require_business_day(day: dt.date, reading: Reading, trading: TradingCalendar) -> None:
    """Refuse an exercise received on a day that is not a business day under ``reading``."""
    if not exercise_business_days(reading, trading).is_business_day(day):
        raise NotABusinessDay(
            f"received on {day.isoformat()} ({day.strftime('%A')}), not a business day under "
            f"the business_day reading ({reading.business_day.value}): the warrant is "
            "exercisable only on a business day",
            field="date", clause="Section 1",
        )
