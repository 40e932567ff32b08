"""warrant: the anti-dilution adjustments of the 2002 lender warrant, computed exactly.

The public names below are the library's contract; everything else may move.
"""

from warrant.calendars import (
    DEFAULT_BUSINESS_DAYS,
    DEFAULT_TRADING_CALENDAR,
    BusinessDayCalendar,
    TradingCalendar,
    is_business_day,
    trading_days,
)
from warrant.errors import (
    CalendarRangeError,
    FloatRefused,
    InvalidNumber,
    InvalidValue,
    MissingPrices,
    NaiveDatetime,
    NotATradingDay,
    PriceDataError,
    UnknownPreset,
    WarrantError,
)
from warrant.exact import exact_str, round_half_up, to_fraction
from warrant.fmv import FairMarketValue, fair_market_value
from warrant.price_history import PriceHistory
from warrant.prices import BoardDetermination, ClosingPrice, ClosingRule, DealerQuote, Quote, Venue
from warrant.terms import ALPHA_2002, PRESETS, WarrantTerms, preset

__all__ = [
    "ALPHA_2002",
    "DEFAULT_BUSINESS_DAYS",
    "DEFAULT_TRADING_CALENDAR",
    "PRESETS",
    "BoardDetermination",
    "BusinessDayCalendar",
    "CalendarRangeError",
    "ClosingPrice",
    "ClosingRule",
    "DealerQuote",
    "FairMarketValue",
    "FloatRefused",
    "InvalidNumber",
    "InvalidValue",
    "MissingPrices",
    "NaiveDatetime",
    "NotATradingDay",
    "PriceDataError",
    "PriceHistory",
    "Quote",
    "TradingCalendar",
    "UnknownPreset",
    "Venue",
    "WarrantError",
    "WarrantTerms",
    "exact_str",
    "fair_market_value",
    "is_business_day",
    "preset",
    "round_half_up",
    "to_fraction",
    "trading_days",
]
