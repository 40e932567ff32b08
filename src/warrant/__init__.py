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
from warrant.events import (
    Buyback,
    Cancellation,
    ConvertibleIssuance,
    Distribution,
    DividendUnpaid,
    Event,
    Exercise,
    Expiry,
    Grantee,
    Issuance,
    OptionGrant,
    OptionOnConvertible,
    OtherSecuritiesIssuance,
    Reorganization,
    Repricing,
    StockDividend,
    StockSplit,
)
from warrant.exact import exact_str, round_half_up, to_fraction
from warrant.fmv import FairMarketValue, fair_market_value
from warrant.ledger import OPENING_PLAN_OPTIONS, Capitalization, Ledger
from warrant.price_history import PriceHistory
from warrant.prices import BoardDetermination, ClosingPrice, ClosingRule, DealerQuote, Quote, Venue
from warrant.readings import Reading
from warrant.records import Adjustment, Determination, Outcome
from warrant.terms import ALPHA_2002, PRESETS, WarrantTerms, preset

# Scenario files pull in cattrs; load them only when asked for.
_LAZY = {
    "load_scenario": "warrant.scenario",
    "loads_scenario": "warrant.scenario",
    "save_scenario": "warrant.scenario",
    "Scenario": "warrant.scenario",
    "replay": "warrant.replay",
    "Replay": "warrant.replay",
}


def __getattr__(name: str) -> object:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'warrant' has no attribute {name!r}")
    import importlib

    return getattr(importlib.import_module(module), name)

__all__ = [
    "ALPHA_2002",
    "DEFAULT_BUSINESS_DAYS",
    "DEFAULT_TRADING_CALENDAR",
    "OPENING_PLAN_OPTIONS",
    "PRESETS",
    "Adjustment",
    "BoardDetermination",
    "BusinessDayCalendar",
    "Buyback",
    "CalendarRangeError",
    "Cancellation",
    "Capitalization",
    "ClosingPrice",
    "ClosingRule",
    "ConvertibleIssuance",
    "DealerQuote",
    "Determination",
    "Distribution",
    "DividendUnpaid",
    "Event",
    "Exercise",
    "Expiry",
    "FairMarketValue",
    "FloatRefused",
    "Grantee",
    "InvalidNumber",
    "InvalidValue",
    "Issuance",
    "Ledger",
    "MissingPrices",
    "NaiveDatetime",
    "NotATradingDay",
    "OptionGrant",
    "OptionOnConvertible",
    "OtherSecuritiesIssuance",
    "Outcome",
    "PriceDataError",
    "PriceHistory",
    "Quote",
    "Reading",
    "Reorganization",
    "Replay",
    "Repricing",
    "Scenario",
    "StockDividend",
    "StockSplit",
    "TradingCalendar",
    "UnknownPreset",
    "Venue",
    "WarrantError",
    "WarrantTerms",
    "exact_str",
    "fair_market_value",
    "is_business_day",
    "load_scenario",
    "loads_scenario",
    "preset",
    "replay",
    "round_half_up",
    "save_scenario",
    "to_fraction",
    "trading_days",
]
