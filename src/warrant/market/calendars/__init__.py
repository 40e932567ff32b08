"""Calendars: trading days for Fair Market Value, business days for exercise (Section 1).

* A *trading day* is a day the stock's market (the Nasdaq National Market,
  which kept the NYSE's holidays) was open.  Section 1's Fair Market Value is
  the mean closing price over the five consecutive trading days before a date;
  :class:`TradingCalendar` and :data:`DEFAULT_TRADING_CALENDAR` supply them.
* A *business day* is, by default, a day that is neither a weekend day nor a
  federal legal public holiday; :class:`BusinessDayCalendar` and
  :data:`DEFAULT_BUSINESS_DAYS` supply them.

Both defaults can be replaced by any object with the protocol's methods.
Nothing is computed at import: each calendar builds its tables on first use.
See ``docs/calendars.md`` for the rules and their sources.
"""

from __future__ import annotations

from datetime import date

from warrant.market.calendars.business import (
    DEFAULT_BUSINESS_DAYS,
    FEDERAL_LEGAL_HOLIDAYS,
    BusinessDayCalendar,
    FederalBusinessDays,
)
from warrant.market.calendars.rules import (
    Closure,
    DateRule,
    EasterOffset,
    Holiday,
    NthWeekday,
    Observance,
    OnDate,
    observed_holidays,
)
from warrant.market.calendars.trading import (
    DEFAULT_TRADING_CALENDAR,
    NYSE_SPECIAL_CLOSURES,
    NYSE_STYLE_HOLIDAYS,
    NasdaqTradingCalendar,
    RuleTradingCalendar,
    TradingCalendar,
)

__all__ = [
    "DEFAULT_BUSINESS_DAYS",
    "DEFAULT_TRADING_CALENDAR",
    "FEDERAL_LEGAL_HOLIDAYS",
    "NYSE_SPECIAL_CLOSURES",
    "NYSE_STYLE_HOLIDAYS",
    "BusinessDayCalendar",
    "Closure",
    "DateRule",
    "EasterOffset",
    "FederalBusinessDays",
    "Holiday",
    "NasdaqTradingCalendar",
    "NthWeekday",
    "Observance",
    "OnDate",
    "RuleTradingCalendar",
    "TradingCalendar",
    "federal_holidays",
    "is_business_day",
    "is_trading_day",
    "observed_holidays",
    "preceding_trading_days",
    "trading_days",
]


def trading_days(start: date, end: date) -> list[date]:
    """The trading days from ``start`` to ``end`` (both included) on the default calendar."""
    return DEFAULT_TRADING_CALENDAR.trading_days(start, end)


def is_trading_day(day: date) -> bool:
    """Whether the market was open on ``day``, on the default calendar (Section 1)."""
    return DEFAULT_TRADING_CALENDAR.is_trading_day(day)


def preceding_trading_days(day: date, count: int) -> tuple[date, ...]:
    """The ``count`` trading days strictly before ``day`` on the default calendar."""
    return DEFAULT_TRADING_CALENDAR.preceding_trading_days(day, count)


def is_business_day(day: date) -> bool:
    """Whether ``day`` is a business day under the default federal reading."""
    return DEFAULT_BUSINESS_DAYS.is_business_day(day)


def federal_holidays(year: int) -> dict[date, str]:
    """The federal legal public holidays observed in ``year``, by date."""
    return DEFAULT_BUSINESS_DAYS.federal_holidays(year)
