"""Scenario files (SPEC §10): the facts of a case in TOML or JSON, and back.

A scenario names the warrant (preset and face shares), the reading, the
capitalisation at the Issue Date, the prices (a CSV path relative to the file,
or inline quotes) and the ordered events.  Numbers are read exactly (TOML and
JSON floats arrive as ``Decimal``); unknown keys and unknown event types are
errors naming the key and the event's position.  Writing a scenario back gives
a file that loads to an equal scenario.

Why this module is long: reading and writing the one scenario format (TOML and JSON,
every table) belong together, so that a key read is a key written.
"""

from __future__ import annotations

import datetime as dt
import enum
import json
from collections.abc import Callable, Mapping, Sequence
from fractions import Fraction
from functools import partial
from pathlib import Path
from typing import Any, TypeVar

import attrs
import cattrs
from cattrs.errors import AttributeValidationNote, ClassValidationError, ForbiddenExtraKeysError

from warrant.case.plain import (
    capitalization_to_data,
    event_to_data,
    reading_to_data,
    terms_to_data,
)
from warrant.case.scenario import PriceSource, Scenario
from warrant.files import text_formats
from warrant.ground import input_files
from warrant.ground.dates import require_date
from warrant.ground.errors import ScenarioError, WarrantError
from warrant.ground.exact import exact_str, to_fraction
from warrant.instrument.readings import Reading
from warrant.instrument.terms import TermsChange, WarrantTerms, preset
from warrant.market.closing_prices import Quote
from warrant.market.price_history import PriceHistory, quote_from_mapping, quote_to_mapping
from warrant.register.events import EVENT_TYPES, Event
from warrant.register.holder_events import ExchangePart
from warrant.register.ledger import Capitalization
from warrant.register.series import SeriesState, SeriesWarrant

#: ``event_to_data`` and ``Scenario`` are the case's own; they stay importable from here.
__all__ = [
    "PriceSource", "Scenario", "event_from_data", "event_to_data", "load_scenario",
    "loads_scenario", "save_scenario", "scenario_from_data", "scenario_to_data",
    "scenario_to_json", "scenario_to_toml",
]

_T = TypeVar("_T")

TOP_LEVEL_KEYS = (
    "warrant", "terms", "reading", "capitalization", "prices", "event", "exchange",
)


# -- reading -------------------------------------------------------------------


def load_scenario(path: str | Path) -> Scenario:
    """Read a ``.toml`` or ``.json`` scenario file."""
    path = Path(path)
    text = input_files.read_text(path, error=ScenarioError, what="scenario")
    kind = "json" if path.suffix.lower() == ".json" else "toml"
    try:
        return loads_scenario(text, kind=kind, base=path.parent, source=path)
    except WarrantError as error:
        raise error.located(str(path)) from None


def loads_scenario(
    text: str, *, kind: str = "toml", base: Path | None = None, source: Path | None = None
) -> Scenario:
    """Parse scenario text (``kind`` is ``"toml"`` or ``"json"``)."""
    data = text_formats.parse(text, kind)
    if not isinstance(data, dict):
        raise ScenarioError(
            f"a scenario is a table of {', '.join(TOP_LEVEL_KEYS)}, not a {type(data).__name__}",
            where="line 1",
        )
    return scenario_from_data(data, base=base or Path.cwd(), source=source)


def scenario_from_data(
    data: Mapping[str, Any], *, base: Path, source: Path | None = None
) -> Scenario:
    _no_unknown_keys(data, TOP_LEVEL_KEYS, where="")
    warrant = _table(data, "warrant")
    _no_unknown_keys(warrant, ("preset", "face_shares", "series"), where="warrant")
    # Without [terms] the preset defaults to the 2002 warrant's; with [terms] and no preset
    # the terms are written whole.
    preset_name: str | None = (
        str(warrant["preset"]) if "preset" in warrant
        else None if "terms" in data else "alpha-2002"
    )
    if preset_name is not None:
        try:
            preset(preset_name)
        except WarrantError as error:
            raise error.located("[warrant]") from None
    custom_terms = (
        _located(lambda: _terms(_table(data, "terms"), preset_name), "[terms]")
        if "terms" in data else None
    )
    face = warrant.get("face_shares")
    face_shares = (
        None
        if face is None
        else _located(lambda: to_fraction(face, field="face_shares"), "[warrant]")
    )
    if face_shares is not None and face_shares <= 0:
        raise ScenarioError("must be greater than zero", field="face_shares", where="[warrant]")
    series = _series(warrant)
    if series and face_shares is not None:
        raise ScenarioError(
            "give either face_shares (a single warrant) or [[warrant.series]], not both",
            field="face_shares", where="[warrant]",
        )
    reading = _located(lambda: _structure(_table(data, "reading"), Reading), "[reading]")
    if "capitalization" not in data:
        raise ScenarioError(
            "missing table [capitalization] (common_outstanding, plan_options_outstanding)",
            field="capitalization",
        )
    capitalization = _located(
        lambda: _structure(_table(data, "capitalization"), Capitalization), "[capitalization]"
    )
    price_source, prices = _prices(_table(data, "prices"), base)
    raw_events = data.get("event", [])
    if not isinstance(raw_events, list):
        raise ScenarioError("'event' must be an array of tables ([[event]])", field="event")
    events = tuple(_event(raw, index) for index, raw in enumerate(raw_events))
    exchange = None
    if "exchange" in data:
        from warrant.files.exchange_table import exchange_from_table

        exchange = exchange_from_table(data["exchange"])
    return Scenario(
        preset=preset_name,
        custom_terms=custom_terms,
        face_shares=face_shares,
        series=series,
        reading=reading,
        capitalization=capitalization,
        price_source=price_source,
        prices=prices,
        events=events,
        exchange=exchange,
        source=source,
    )


#: ``[terms]``: every field of the terms, by its name.
TERMS_KEYS = tuple(field.name for field in attrs.fields(WarrantTerms))
#: without a preset the terms must say at least these (the rest have defaults)
TERMS_REQUIRED = ("exercise_price", "issue_date", "expiration")


def _terms(table: Mapping[str, Any], preset_name: str | None) -> WarrantTerms:
    """``[terms]``: the fields written, over the preset's or alone (SPEC §10)."""
    _no_unknown_keys(table, TERMS_KEYS, where="terms")
    values: dict[str, Any] = dict(table)
    if "issue_date" in values:
        values["issue_date"] = require_date(values["issue_date"], field="issue_date")
    if "expiration" in values:
        try:
            values["expiration"] = _instant(values["expiration"])
        except WarrantError as error:
            error.field = "expiration"
            error.args = (error.render(),)
            raise
    if preset_name is not None:
        return attrs.evolve(preset(preset_name), **values)
    missing = [key for key in TERMS_REQUIRED if key not in values]
    if missing:
        raise ScenarioError(
            f"required without a preset: {', '.join(missing)}", field=missing[0]
        )
    return WarrantTerms(**values)


SERIES_KEYS = ("id", "holder", "face_shares")


def _series(warrant: Mapping[str, Any]) -> tuple[SeriesWarrant, ...]:
    """``[[warrant.series]]``: one table per warrant of the series (preamble, Section 3)."""
    raw = warrant.get("series", [])
    if not isinstance(raw, list) or (raw and not all(isinstance(row, Mapping) for row in raw)):
        raise ScenarioError(
            "'series' must be an array of tables ([[warrant.series]]) with id, holder, face_shares",
            field="series", where="[warrant]",
        )
    if "series" in warrant and not raw:
        raise ScenarioError("lists no warrant", field="series", where="[warrant]")
    found: list[SeriesWarrant] = []
    for index, row in enumerate(raw):
        where = f"warrant.series[{index}]"
        _no_unknown_keys(row, SERIES_KEYS, where=where)
        found.append(_located(partial(_structure, row, SeriesWarrant), f"[{where}]"))
    return _located(lambda: SeriesState.of(found).warrants, "[warrant]")


def _table(data: Mapping[str, Any], key: str) -> Mapping[str, Any]:
    value = data.get(key, {})
    if not isinstance(value, Mapping):
        raise ScenarioError(f"'{key}' must be a table", field=key)
    return value


def _no_unknown_keys(table: Mapping[str, Any], known: Sequence[str], *, where: str) -> None:
    # an empty key is written '""' so the message (and the field) still name it
    unknown = sorted(key or '""' for key in table if key not in known)
    if unknown:
        raise ScenarioError(
            f"unknown key(s) {', '.join(unknown)} (known: {', '.join(known)})",
            field=unknown[0],
            where=f"[{where}]" if where else None,
        )


def _located(build: Callable[[], _T], where: str) -> _T:
    try:
        return build()
    except WarrantError as error:
        raise error.located(where) from None


def _prices(table: Mapping[str, Any], base: Path) -> tuple[PriceSource, PriceHistory]:
    _no_unknown_keys(table, ("csv", "quote"), where="prices")
    if "csv" in table and "quote" in table:
        raise ScenarioError("give either csv or quote, not both", field="csv", where="[prices]")
    if "csv" in table:
        relative = table["csv"]
        if not isinstance(relative, str) or not relative.strip() or "\x00" in relative:
            raise ScenarioError(
                f"expected the path of a CSV file, relative to the scenario, got {relative!r:.60}",
                field="csv",
                where="[prices]",
            )
        return PriceSource(csv=relative), PriceHistory.from_csv(base / relative)
    rows = table.get("quote", [])
    if not isinstance(rows, list):
        raise ScenarioError(
            "expected an array of tables ([[prices.quote]]), one per day",
            field="quote",
            where="[prices]",
        )
    quotes: list[Quote] = []
    for index, row in enumerate(rows):
        if not isinstance(row, Mapping):
            raise ScenarioError("each quote is a table", where=f"prices.quote[{index}]")
        quotes.append(_located(partial(quote_from_mapping, row), f"prices.quote[{index}]"))
    return PriceSource(quotes=tuple(quotes)), _located(lambda: PriceHistory(quotes), "[prices]")


# cattrs does the structuring; the value objects' own converters and validators
# do the checking, so the hooks below pass values through untouched.
_converter = cattrs.Converter(forbid_extra_keys=True)
for _passthrough in (Fraction, str, bool, int):
    _converter.register_structure_hook(_passthrough, lambda value, _type: value)
_converter.register_structure_hook_func(
    lambda kind: isinstance(kind, type) and issubclass(kind, enum.Enum), lambda value, _type: value
)
# The field is named from cattrs' note on the error (see _first_error).
_converter.register_structure_hook(dt.date, lambda value, _type: require_date(value, field=""))
_converter.register_structure_hook(dt.datetime, lambda value, _type: _instant(value))
# A 4.B basket, a Section 3 exchange's parts: the event's own converter reads them.
_converter.register_structure_hook_func(
    lambda kind: kind == tuple[ExchangePart, ...], lambda value, _type: value
)
# An amendment's terms arrive as a table; the event's own converter reads them.
_converter.register_structure_hook(TermsChange, lambda value, _type: value)
# A 4.B basket arrives as a table; the event's own converter reads it.
_converter.register_structure_hook_func(
    lambda kind: kind == tuple[tuple[str, Fraction], ...], lambda value, _type: value
)


def _instant(value: object) -> object:
    """An instant: a TOML offset date-time, or ISO text in JSON; the event's own validator
    refuses one without an offset."""
    if isinstance(value, str):
        try:
            return dt.datetime.fromisoformat(value.strip())
        except ValueError:
            raise ScenarioError(
                f"not a date and time in ISO form (2004-06-14T10:00:00-08:00): {value!r}"
            ) from None
    if isinstance(value, dt.datetime):
        return value
    raise ScenarioError(f"expected a date and time with a UTC offset, got {value!r}")


def _structure(table: Mapping[str, Any], cls: type[Any]) -> Any:
    try:
        return _converter.structure(dict(table), cls)
    except ClassValidationError as group:
        raise _first_error(group, cls) from None


def _first_error(group: ClassValidationError, cls: type[Any]) -> WarrantError:
    """The first problem cattrs collected, as one of our errors naming the key.

    An unknown key comes first, with any missing one beside it: a misspelt key
    (``new_price`` for ``exercise_price``) is one mistake, not a missing field.
    """
    extra_keys = [e for e in group.exceptions if isinstance(e, ForbiddenExtraKeysError)]
    if extra_keys:
        known = ", ".join(field.name for field in attrs.fields(cls))
        extra = sorted(extra_keys[0].extra_fields)
        missing = sorted(str(e.args[0]) for e in group.exceptions if isinstance(e, KeyError))
        also = f"; missing: {', '.join(missing)}" if missing else ""
        return ScenarioError(
            f"unknown key(s) {', '.join(extra)} (known: {known}){also}", field=extra[0]
        )
    for error in group.exceptions:
        if isinstance(error, WarrantError):
            if not error.field:  # raised by a structuring hook: cattrs' note names the key
                names = [
                    note.name
                    for note in getattr(error, "__notes__", ())
                    if isinstance(note, AttributeValidationNote)
                ]
                if names:
                    error.field = names[0]
                    error.args = (error.render(),)
            return error
        if isinstance(error, KeyError):
            return ScenarioError("required but missing", field=str(error.args[0]))
    messages = cattrs.transform_error(group)
    return ScenarioError(messages[0] if messages else str(group))


def _event(raw: Any, index: int) -> Event:
    return event_from_data(raw, where=f"event[{index}]")


def event_from_data(raw: Any, *, where: str) -> Event:
    """One ``[[event]]`` table (a mapping with its ``type``) as an event; errors name ``where``."""
    if not isinstance(raw, Mapping):
        raise ScenarioError("each event is a table", where=where)
    kind = raw.get("type")
    if kind is None:
        raise ScenarioError("every event needs a type", field="type", where=where)
    cls = EVENT_TYPES.get(str(kind))
    if cls is None:
        known = ", ".join(sorted(EVENT_TYPES))
        raise ScenarioError(
            f"unknown event type {kind!r} (known: {known})", field="type", where=where
        )
    fields = {key: value for key, value in raw.items() if key != "type"}
    event: Event = _located(lambda: _structure(fields, cls), f"{where} ({kind})")
    return event


# -- writing -------------------------------------------------------------------


def scenario_to_data(scenario: Scenario) -> dict[str, Any]:
    """The scenario as plain data: quantities as exact strings, dates as dates."""
    warrant: dict[str, Any] = {} if scenario.preset is None else {"preset": scenario.preset}
    if scenario.face_shares is not None:
        warrant["face_shares"] = exact_str(scenario.face_shares)
    if scenario.series:
        warrant["series"] = [
            {
                key: value
                for key, value in (
                    ("id", item.id), ("holder", item.holder),
                    ("face_shares", exact_str(item.face_shares)),
                )
                if value is not None
            }
            for item in scenario.series
        ]
    prices: dict[str, Any]
    if scenario.price_source.csv is not None:
        prices = {"csv": scenario.price_source.csv}
    else:
        prices = {"quote": [quote_to_mapping(quote) for quote in scenario.price_source.quotes]}
    data: dict[str, Any] = {
        "warrant": warrant,
        **({"terms": terms_to_data(scenario.custom_terms)} if scenario.custom_terms else {}),
        "reading": reading_to_data(scenario.reading),
        "capitalization": capitalization_to_data(scenario.capitalization),
        "prices": prices,
        "event": [event_to_data(event) for event in scenario.events],
    }
    if scenario.exchange is not None:
        from warrant.files.exchange_table import exchange_to_table

        data["exchange"] = exchange_to_table(scenario.exchange)
    return data


def scenario_to_json(scenario: Scenario) -> str:
    return json.dumps(scenario_to_data(scenario), indent=2, default=_json_default) + "\n"


def _json_default(value: Any) -> Any:
    if isinstance(value, dt.date):
        return value.isoformat()
    raise TypeError(f"cannot write {type(value).__name__}")


def scenario_to_toml(scenario: Scenario) -> str:
    """TOML text for a scenario (a small writer: tables, arrays of tables, scalars)."""
    data = scenario_to_data(scenario)
    lines: list[str] = []
    for key in ("warrant", "terms", "reading", "capitalization"):
        if key not in data:
            continue
        lines.append(f"[{key}]")
        lines.extend(
            f"{name} = {_toml_value(value)}" for name, value in data[key].items()
            if name != "series"
        )
        lines.append("")
        for item in data[key].get("series", []) if key == "warrant" else []:
            lines.append("[[warrant.series]]")
            lines.extend(f"{name} = {_toml_value(value)}" for name, value in item.items())
            lines.append("")
    prices = data["prices"]
    if "csv" in prices:
        lines += ["[prices]", f"csv = {_toml_value(prices['csv'])}", ""]
    else:
        for quote in prices["quote"]:
            lines.append("[[prices.quote]]")
            lines.extend(f"{name} = {_toml_value(value)}" for name, value in quote.items())
            lines.append("")
    for event in data["event"]:
        lines.append("[[event]]")
        lines.extend(f"{name} = {_toml_value(value)}" for name, value in event.items())
        lines.append("")
    exchange = data.get("exchange")
    if exchange is not None:
        rows = {key: exchange[key] for key in ("tender", "reprice") if key in exchange}
        lines.append("[exchange]")
        lines.extend(f"{k} = {_toml_value(v)}" for k, v in exchange.items() if k not in rows)
        lines.append("")
        for key, table_rows in rows.items():
            for row in table_rows:
                lines.append(f"[[exchange.{key}]]")
                lines.extend(f"{name} = {_toml_value(value)}" for name, value in row.items())
                lines.append("")
    return "\n".join(lines)


def _toml_value(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, dt.date):  # a date, or an offset date-time (received_at)
        return value.isoformat()
    if isinstance(value, list):  # an exchange's parts: an array of inline tables
        return "[" + ", ".join(_toml_value(item) for item in value) + "]"
    if isinstance(value, str):
        return _toml_string(value)
    if isinstance(value, dict):
        return (
            "{ "
            + ", ".join(f"{_toml_value(k)} = {_toml_value(v)}" for k, v in value.items())
            + " }"
        )
    raise TypeError(f"cannot write {type(value).__name__} to TOML")


def _toml_string(text: str) -> str:
    """A TOML basic string: backslash, quote and control characters escaped, the rest literal."""
    escaped = []
    for char in text:
        if char in '"\\':
            escaped.append("\\" + char)
        elif ord(char) < 0x20 or ord(char) == 0x7F:
            escaped.append(f"\\u{ord(char):04x}")
        else:
            escaped.append(char)
    return '"' + "".join(escaped) + '"'


def scenario_text(scenario: Scenario, path: str | Path) -> str:
    """The text :func:`save_scenario` writes at ``path``: JSON for ``.json``, else TOML."""
    if Path(path).suffix.lower() == ".json":
        return scenario_to_json(scenario)
    return scenario_to_toml(scenario)


def save_scenario(scenario: Scenario, path: str | Path) -> None:
    """Write the scenario whole at ``path``, or leave it as it was (``write_whole``)."""
    input_files.write_whole([(path, scenario_text(scenario, path))], error=ScenarioError)
