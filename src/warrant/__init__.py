"""warrant: the anti-dilution adjustments of the 2002 lender warrant, computed exactly.

The public names below are the library's contract; everything else may move.
"""

from warrant.ground.errors import (
    AmbiguousAdjustment,
    CalendarRangeError,
    CertificateError,
    DuplicateRule,
    EventRejected,
    ExerciseRefused,
    FloatRefused,
    InvalidNumber,
    InvalidValue,
    MissingPrices,
    NaiveDatetime,
    NoSuchAdjustment,
    NotABusinessDay,
    NotATradingDay,
    NothingToIssue,
    OcfRefused,
    OutsideExercisePeriod,
    PaymentMismatch,
    PriceDataError,
    SeriesChangeRefused,
    TooManyShares,
    UnknownPreset,
    UnknownRulebook,
    UnknownWarrant,
    WarrantError,
)
from warrant.ground.exact import exact_str, round_half_up, to_fraction
from warrant.holder.s1_business_days import exercise_business_days
from warrant.holder.s11_consents import ConsentCount, count_consents
from warrant.instrument.readings import Reading
from warrant.instrument.terms import ALPHA_2002, PRESETS, WarrantTerms, preset
from warrant.market.calendars import (
    DEFAULT_BUSINESS_DAYS,
    DEFAULT_TRADING_CALENDAR,
    BusinessDayCalendar,
    TradingCalendar,
    is_business_day,
    trading_days,
)
from warrant.market.closing_prices import (
    BoardDetermination,
    ClosingPrice,
    ClosingRule,
    DealerQuote,
    Quote,
    Venue,
)
from warrant.market.fmv import FairMarketValue, fair_market_value
from warrant.market.price_history import PriceHistory
from warrant.register.events import (
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
from warrant.register.holder_events import (
    ExchangePart,
    WarrantExchange,
    WarrantExercise,
    WarrantTransfer,
)
from warrant.register.ledger import OPENING_PLAN_OPTIONS, Capitalization, Ledger
from warrant.register.records import Adjustment, Determination, Outcome
from warrant.register.rulebook import Rulebook, rulebook_named
from warrant.register.series import SINGLE_WARRANT_ID, SeriesWarrant
from warrant.register.settlements import Delivery, ExerciseSettlement

# Scenario files pull in cattrs; load them (and the writers of output) only when asked for.
_LAZY = {
    "load_scenario": "warrant.files.scenario_files",
    "loads_scenario": "warrant.files.scenario_files",
    "save_scenario": "warrant.files.scenario_files",
    "Scenario": "warrant.files.scenario_files",
    "replay": "warrant.analyses.replay",
    "Replay": "warrant.analyses.replay",
    # 4.G certificates and 4.H notices
    "Certificate": "warrant.section4.g_certificates",
    "certificate": "warrant.analyses.certificates",
    "certificate_json": "warrant.files.certificate_output",
    "certificate_markdown": "warrant.files.certificate_output",
    "certificate_text": "warrant.files.certificate_output",
    "replay_json": "warrant.files.json_output",
    "fmv_json": "warrant.files.json_output",
    "replay_table": "warrant.files.text_output",
    "fmv_text": "warrant.files.text_output",
    # The OCF importer is loaded only when used.
    "import_ocf": "warrant.files.ocf",
    "OcfImport": "warrant.files.ocf",
    "ImportReport": "warrant.files.ocf",
    "Flag": "warrant.files.ocf",
    "FlagKind": "warrant.files.ocf",
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
    "SINGLE_WARRANT_ID",
    "Adjustment",
    "AmbiguousAdjustment",
    "BoardDetermination",
    "BusinessDayCalendar",
    "Buyback",
    "CalendarRangeError",
    "Cancellation",
    "Capitalization",
    "Certificate",
    "CertificateError",
    "ClosingPrice",
    "ClosingRule",
    "ConsentCount",
    "ConvertibleIssuance",
    "DealerQuote",
    "Delivery",
    "Determination",
    "Distribution",
    "DividendUnpaid",
    "DuplicateRule",
    "Event",
    "EventRejected",
    "ExchangePart",
    "Exercise",
    "ExerciseRefused",
    "ExerciseSettlement",
    "Expiry",
    "FairMarketValue",
    "Flag",
    "FlagKind",
    "FloatRefused",
    "Grantee",
    "ImportReport",
    "InvalidNumber",
    "InvalidValue",
    "Issuance",
    "Ledger",
    "MissingPrices",
    "NaiveDatetime",
    "NoSuchAdjustment",
    "NotABusinessDay",
    "NotATradingDay",
    "NothingToIssue",
    "OcfImport",
    "OcfRefused",
    "OptionGrant",
    "OptionOnConvertible",
    "OtherSecuritiesIssuance",
    "Outcome",
    "OutsideExercisePeriod",
    "PaymentMismatch",
    "PriceDataError",
    "PriceHistory",
    "Quote",
    "Reading",
    "Reorganization",
    "Replay",
    "Repricing",
    "Rulebook",
    "Scenario",
    "SeriesChangeRefused",
    "SeriesWarrant",
    "StockDividend",
    "StockSplit",
    "TooManyShares",
    "TradingCalendar",
    "UnknownPreset",
    "UnknownRulebook",
    "UnknownWarrant",
    "Venue",
    "WarrantError",
    "WarrantExchange",
    "WarrantExercise",
    "WarrantTerms",
    "WarrantTransfer",
    "certificate",
    "certificate_json",
    "certificate_markdown",
    "certificate_text",
    "count_consents",
    "exact_str",
    "exercise_business_days",
    "fair_market_value",
    "fmv_json",
    "fmv_text",
    "import_ocf",
    "is_business_day",
    "load_scenario",
    "loads_scenario",
    "preset",
    "replay",
    "replay_json",
    "replay_table",
    "round_half_up",
    "rulebook_named",
    "save_scenario",
    "to_fraction",
    "trading_days",
]
