"""Fuzzing the library's inputs: strategies for scenario files (TOML and JSON), CSV price
files and certificate files (TOML and JSON), plausible and mutated, and the property
every one of them must satisfy.

The property (:func:`check_scenario_text`, :func:`check_csv_text`): an input either
loads and replays — and then renders as JSON and as a table, produces the certificates
of its first adjustments, and survives a save and load unchanged (SPEC §11 invariant
10) — or it is refused with one of the library's own errors whose message names a
field (or, for text that is not TOML, JSON or CSV at all, the place: a line).  Never
another exception, never more than :data:`LIMIT_SECONDS` of CPU for one input.

For certificate files (:func:`check_certificate_text`): the file either loads and is
verified against the replay of a scenario — agreeing or disagreeing, the verdict
rendered as JSON and as a table, as ``warrant verify`` prints it — or it is refused
the same way.

Shared by the bounded test in the suite (``tests/files/test_fuzz_files.py``) and the
long run (``benchmarks/fuzz.py``).
"""

from __future__ import annotations

import datetime as dt
import functools
import gc
import json
import tempfile
import time
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from decimal import Decimal
from fractions import Fraction
from pathlib import Path
from typing import Any

from hypothesis import strategies as st

from certificate_helpers import EXPIRY, GRANT, SALE
from warrant.analyses.certificates import certificate
from warrant.analyses.replay import replay
from warrant.analyses.verify import verify
from warrant.files.certificate_files import loads_certificate
from warrant.files.certificate_output import (
    certificate_json,
    certificate_markdown,
    certificate_text,
)
from warrant.files.json_output import reading_json, replay_json
from warrant.files.scenario_files import (
    Scenario,
    load_scenario,
    loads_scenario,
    save_scenario,
)
from warrant.files.text_output import replay_table
from warrant.files.verification_output import verification_json, verification_text
from warrant.ground.errors import WarrantError
from warrant.ground.exact import exact_str, fixed_str
from warrant.instrument.readings import Reading
from warrant.market.price_history import CSV_COLUMNS, PriceHistory
from warrant.register.events import EVENT_TYPES

#: What the fuzzers tried, by kind (``benchmarks/fuzz.py`` prints it).
TRIED: Counter[str] = Counter()
#: The most CPU time one input took, by kind, in seconds.
SLOWEST: dict[str, float] = {}
#: No input may take longer than this (CPU time, so that a loaded machine does not fail it).
LIMIT_SECONDS = 1.0


@contextmanager
def _timed(kind: str) -> Iterator[None]:
    # The collector is held off while one input is timed: a full collection of the whole
    # test process's heap (seconds, in a long suite) is not the input's cost.
    collecting = gc.isenabled()
    gc.disable()
    start = time.process_time()
    try:
        yield
    finally:
        spent = time.process_time() - start
        if collecting:
            gc.enable()
    SLOWEST[kind] = max(SLOWEST.get(kind, 0.0), spent)
    assert spent < LIMIT_SECONDS, f"{kind}: one input took {spent:.2f} s of CPU"

# -- values: good ones, edge ones, hostile ones -----------------------------------------

good_numbers = st.one_of(
    st.integers(1, 10_000_000),
    st.sampled_from(["1.94", "0.50", "1,969,693", "16000000/157", "$1.00", "3/2", "1e3"]),
    st.decimals(min_value=Decimal("0.01"), max_value=Decimal(10**7), places=4),
)
edge_numbers = st.sampled_from(
    [0, -1, "0", "-5", "1e99999999", "1E-99999999", "9" * 1001, "1e1000", "1e999",
     "1/0", "NaN", "inf", "1_000", "1__0", "1,5", "", " ", "1e" + "9" * 30, 10**999,
     Decimal("1e1000000000"), Decimal("-0"), "0x10", "½", "١٢", "1/" + "7" * 999]
)
hostile_values = st.one_of(
    st.booleans(),
    st.text(max_size=12),
    st.lists(st.integers(), max_size=3),
    st.dictionaries(st.text(max_size=4), st.integers(), max_size=2),
    st.dates(min_value=dt.date(1990, 1, 1), max_value=dt.date(2040, 1, 1)),
    st.floats(allow_nan=True, allow_infinity=True),
)
numbers = st.one_of(good_numbers, good_numbers, edge_numbers, hostile_values)
days = st.one_of(
    st.dates(min_value=dt.date(2002, 3, 4), max_value=dt.date(2007, 3, 3)),
    st.dates(min_value=dt.date(1990, 1, 1), max_value=dt.date(2040, 1, 1)),
    st.sampled_from(["2002-06-03", "2002-13-01", "20020603", "yesterday", ""]),
)
texts = st.one_of(st.sampled_from(["g", "sale", "opening-plan-options", "#0", "#1"]),
                  st.text(max_size=8))
FIELD_VALUES: dict[str, st.SearchStrategy[Any]] = {
    "date": days, "record_date": days, "expires": days, "property_valued_on": days,
    "id": texts, "of": texts, "restructuring": texts, "property_valued_by": texts,
    "allocated_by": texts, "kind": st.sampled_from(["cash", "Spinco stock", "common stock"]),
    "description": texts,
    "plan": st.booleans(), "paid": st.booleans(), "warrant_exercise": st.booleans(),
    "grantee": st.sampled_from(["officer", "employee", "director", "consultant", "other", "cat"]),
    "source": st.sampled_from(["retained-earnings", "other", "x"]),
    "basket": st.dictionaries(st.sampled_from(["cash", "Acquirer common"]), numbers, max_size=2),
}


def _event_fields(kind: str) -> list[tuple[str, bool]]:
    """(name, required) for each field of the event kind."""
    import attrs

    return [
        (field.name, field.default is attrs.NOTHING) for field in attrs.fields(EVENT_TYPES[kind])
    ]


#: Values a careful user writes: what reaches the engine rather than the parsers.
PLAUSIBLE: dict[str, st.SearchStrategy[Any]] = {
    **{name: st.dates(min_value=dt.date(2002, 6, 3), max_value=dt.date(2005, 12, 30))
       for name in ("date", "record_date", "expires", "property_valued_on")},
    "id": st.sampled_from(["g", "h", "sale"]), "of": st.sampled_from(["g", "h", "#0"]),
    "grantee": st.sampled_from(["officer", "employee", "director", "consultant"]),
    **{name: st.sampled_from(["the Board", "W-1", "cash", "Spinco stock"])
       for name in ("property_valued_by", "allocated_by", "restructuring", "kind",
                    "description", "warrant", "holder", "to")},
}


@st.composite
def events(draw: st.DrawFn, *, plausible: bool = False) -> dict[str, Any]:
    """One event table: a known type with some of its fields (sometimes a stray key).
    ``plausible`` events take good values only, so that most reach the engine."""
    kinds = st.sampled_from(sorted(EVENT_TYPES))
    kind = draw(kinds if plausible else kinds | st.sampled_from(["", "issue", 7]))
    event: dict[str, Any] = {"type": kind}
    if isinstance(kind, str) and kind in EVENT_TYPES:
        for name, required in _event_fields(kind):
            if required or draw(st.booleans()):
                values = FIELD_VALUES.get(name, numbers)
                if plausible:
                    values = PLAUSIBLE.get(name, good_numbers if name not in FIELD_VALUES
                                           else values)
                event[name] = draw(values)
    if not plausible and draw(st.integers(0, 9)) == 0:
        event[draw(st.sampled_from(["new_price", "price", "Shares", "typo"]))] = 1
    return event


@st.composite
def quotes(draw: st.DrawFn) -> dict[str, Any]:
    """One inline quote (the keys of a CSV row)."""
    quote: dict[str, Any] = {"date": draw(days)}
    for name in draw(st.lists(st.sampled_from(CSV_COLUMNS[1:]), max_size=3, unique=True)):
        quote[name] = draw(
            FIELD_VALUES.get(name, numbers)
            if name not in ("venue", "dealer_quotes", "determined_by")
            else st.sampled_from(["exchange", "nasdaq", "none", "1.00;1.10", "board", ""])
        )
    return quote


@st.composite
def scenario_data(draw: st.DrawFn) -> dict[str, Any]:
    """A scenario as data: half the time plausible throughout (so that it reaches the
    engine), half the time with hostile values anywhere."""
    if draw(st.booleans()):
        return draw(_plausible_scenario())
    data: dict[str, Any] = {}
    if draw(st.booleans()):
        data["warrant"] = {"preset": draw(st.sampled_from(["alpha-2002", "beta"])),
                           "face_shares": draw(numbers)}
    if draw(st.booleans()):
        data["reading"] = draw(
            st.fixed_dictionaries(
                {},
                optional={
                    "outstanding_basis": st.sampled_from(["issued", "fully-diluted", "x"]),
                    "carve_out_counting": st.sampled_from(["cumulative-grants", "y"]),
                    "carve_out_follows_splits": st.booleans() | numbers,
                    "readjust_on": st.sampled_from(["final-expiry", "each-expiry"]),
                    "business_day": st.sampled_from(["trading", "federal"]),
                },
            )
        )
    if draw(st.integers(0, 9)):
        data["capitalization"] = {
            "common_outstanding": draw(st.one_of(st.just(7_000_000), numbers)),
            "plan_options_outstanding": draw(st.one_of(st.just(1_592_376), numbers)),
        }
    if draw(st.integers(0, 4)):
        # the flat series in the CSV file beside the scenario (see FOLDER)
        data["prices"] = {"csv": draw(st.sampled_from([PRICES_CSV, PRICES_CSV, "missing.csv"]))}
    else:
        data["prices"] = {"quote": draw(st.lists(quotes(), max_size=3))}
    data["event"] = draw(st.lists(events(plausible=draw(st.booleans())), max_size=6))
    data["event"].sort(key=lambda e: str(e.get("date", "")))  # mostly in date order
    return data


@st.composite
def _plausible_scenario(draw: st.DrawFn) -> dict[str, Any]:
    reading = draw(
        st.fixed_dictionaries(
            {},
            optional={
                "outstanding_basis": st.sampled_from(["issued", "fully-diluted"]),
                "carve_out_counting": st.sampled_from(["cumulative-grants"]),
                "carve_out_follows_splits": st.booleans(),
                "readjust_on": st.sampled_from(["final-expiry", "each-expiry"]),
                "promised_grants_hold_room": st.booleans(),
            },
        )
    )
    events_ = draw(st.lists(events(plausible=True), max_size=8))
    events_.sort(key=lambda e: str(e.get("record_date", e.get("date", ""))))
    return {
        "warrant": {"preset": "alpha-2002", "face_shares": draw(good_numbers)},
        "reading": reading,
        "capitalization": {
            "common_outstanding": draw(st.integers(1_000_000, 20_000_000)),
            "plan_options_outstanding": draw(st.integers(0, 2_500_000)),
        },
        "prices": {"csv": PRICES_CSV},
        "event": events_,
    }


#: The folder generated scenarios are read from, with a flat price series (every trading day
#: from May 2002 to the expiration closes at $1.00) in ``PRICES_CSV``: events on most dates
#: of the warrant's life reach the engine.
FOLDER = Path(tempfile.mkdtemp(prefix="warrant-fuzz-"))
PRICES_CSV = "prices.csv"


def _write_prices() -> None:
    from warrant.market.calendars import trading_days

    days = trading_days(dt.date(2002, 5, 1), dt.date(2007, 3, 2))
    rows = ["date,close", *(f"{day.isoformat()},1.00" for day in days)]
    (FOLDER / PRICES_CSV).write_text("\n".join(rows) + "\n", encoding="utf-8")


_write_prices()


# -- writing generated data as text ------------------------------------------------------


def to_json(data: Any) -> str:
    def default(value: Any) -> Any:
        if isinstance(value, dt.date):
            return value.isoformat()
        if isinstance(value, Decimal):
            return str(value)
        raise TypeError(type(value).__name__)

    return json.dumps(data, default=default)


def to_toml(data: dict[str, Any]) -> str:
    """A small TOML writer for generated data (tables, arrays of tables, scalars)."""
    lines: list[str] = []
    for key, value in data.items():
        if isinstance(value, dict) and key != "prices":
            lines.append(f"[{key}]")
            lines += [f"{_key(k)} = {_value(v)}" for k, v in value.items()]
        elif key == "prices" and "csv" in value:
            lines += ["[prices]", f"csv = {_value(value['csv'])}"]
        elif key == "prices":
            for quote in value["quote"]:
                lines.append("[[prices.quote]]")
                lines += [f"{_key(k)} = {_value(v)}" for k, v in quote.items()]
        elif key == "event":
            for event in value:
                lines.append("[[event]]")
                lines += [f"{_key(k)} = {_value(v)}" for k, v in event.items()]
        else:
            lines.append(f"{_key(key)} = {_value(value)}")
    return "\n".join(lines) + "\n"


def _key(key: str) -> str:
    return json.dumps(key)  # a quoted key is always valid TOML


def _value(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value) if abs(value) < 2**63 else json.dumps(str(value))
    if isinstance(value, float):
        return repr(value) if value == value and abs(value) != float("inf") else "nan"
    if isinstance(value, Decimal):
        return str(value) if value.is_finite() else "nan"
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, str):
        return json.dumps(value)  # JSON string escapes are TOML basic-string escapes
    if isinstance(value, list):
        return "[" + ", ".join(_value(v) for v in value) + "]"
    if isinstance(value, dict):
        return "{" + ", ".join(f"{_key(k)} = {_value(v)}" for k, v in value.items()) + "}"
    raise TypeError(type(value).__name__)


# -- mutations of text -------------------------------------------------------------------

_NOISE = st.sampled_from(
    ["[", "]", "{", "}", '"', "'", "\\", "\n", "=", ",", "\x00", "\ufeff", "#", "[[", "]]",
     "1e99999999", "NaN", "-", ".", "e", "/", "\u2028", "\r", "\t", "[" * 40, "{" * 40]
)


@st.composite
def mutated(draw: st.DrawFn, text: str) -> str:
    """``text`` with a few random cuts, copies and insertions."""
    for _ in range(draw(st.integers(0, 3))):
        if not text:
            break
        start = draw(st.integers(0, len(text) - 1))
        end = draw(st.integers(start, min(len(text), start + 40)))
        operation = draw(st.sampled_from(["cut", "copy", "insert", "replace"]))
        if operation == "cut":
            text = text[:start] + text[end:]
        elif operation == "copy":
            text = text[:end] + text[start:end] + text[end:]
        elif operation == "insert":
            text = text[:start] + draw(_NOISE | st.text(max_size=4)) + text[start:]
        else:
            text = text[:start] + draw(_NOISE) + text[end:]
    return text


@st.composite
def scenario_texts(draw: st.DrawFn) -> tuple[str, str]:
    """(kind, text): a generated scenario as TOML or JSON, mutated or not."""
    kind = draw(st.sampled_from(["toml", "json"]))
    data = draw(scenario_data())
    text = to_toml(data) if kind == "toml" else to_json(data)
    if draw(st.booleans()):
        text = draw(mutated(text))
    return kind, text


@st.composite
def csv_texts(draw: st.DrawFn) -> str:
    """A CSV price file: a header and rows, plausible or not, mutated or not."""
    columns = ["date", *draw(st.lists(st.sampled_from(CSV_COLUMNS[1:]), max_size=4))]
    if draw(st.integers(0, 9)) == 0:
        columns.append(draw(st.sampled_from(["", "price", "date"])))
    rows = [",".join(columns)]
    for _ in range(draw(st.integers(0, 8))):
        quote = draw(quotes())
        rows.append(",".join(str(quote.get(name, "")) for name in columns))
    text = "\n".join(rows) + "\n"
    if draw(st.booleans()):
        text = draw(mutated(text))
    return text


# -- the property ------------------------------------------------------------------------


def assert_own_error(error: BaseException) -> None:
    """A refusal must be the library's own error, naming a field or a place."""
    assert isinstance(error, WarrantError), f"{type(error).__name__}: {error}"
    assert error.field or error.where, f"names no field or place: {error}"
    assert "\n" not in str(error), f"not one line: {error!r}"
    assert len(str(error)) < 2000, f"a message too long to read ({len(str(error))} chars)"


def check_scenario_text(kind: str, text: str) -> str:
    """Load, replay, render, certify and round-trip ``text``; return what happened."""
    with _timed(f"scenario {kind}"):
        outcome = _scenario_outcome(kind, text)
    TRIED[f"scenario {kind}: {outcome}"] += 1
    return outcome


def _scenario_outcome(kind: str, text: str) -> str:
    TRIED[f"scenario {kind}"] += 1
    try:
        scenario = loads_scenario(text, kind=kind, base=FOLDER)
    except Exception as error:
        assert_own_error(error)
        return "refused on load"
    try:
        result = replay(scenario)
    except Exception as error:
        assert_own_error(error)
        return "refused on replay"
    json.dumps(replay_json(result))
    replay_table(result)
    for sequence in range(min(len(result.ledger.adjustments), 2)):
        try:
            made = certificate(scenario, adjustment=sequence)
        except Exception as error:
            assert_own_error(error)
            continue
        json.dumps(certificate_json(made))
        certificate_markdown(made)
        certificate_text(made)
    path = FOLDER / f"saved.{kind}"  # beside the prices, which it names
    save_scenario(scenario, path)
    again = load_scenario(path)
    assert again == scenario, "save then load changed the scenario (SPEC §11 invariant 10)"
    return "replayed"


def check_csv_text(text: str) -> str:
    """Load ``text`` as a CSV price file; return what happened."""
    TRIED["csv"] += 1
    with _timed("csv"):
        outcome = _csv_outcome(text)
    TRIED[f"csv: {outcome}"] += 1
    return outcome


def _csv_outcome(text: str) -> str:
    try:
        history = PriceHistory.from_rows(text.splitlines(keepends=True), source="prices.csv")
    except Exception as error:
        assert_own_error(error)
        return "refused"
    for day in history:
        history[day].closing_price()
    return "loaded"


# -- certificate files -------------------------------------------------------------------

_FACTS_HEAD = """[warrant]
preset = "alpha-2002"
{warrant}

[reading]
{reading}

[capitalization]
common_outstanding = 7000000
plan_options_outstanding = 0

[prices]
csv = "prices.csv"
"""
_SPLIT_DIVIDEND_BUYBACK = """[[event]]
type = "stock-split"
id = "split"
date = 2002-09-03
ratio = 2

[[event]]
type = "stock-dividend"
id = "dividend"
date = 2002-10-01
shares = 700000

[[event]]
type = "buyback"
id = "buy"
date = 2002-11-01
shares = 1000
"""
_SERIES = """[[warrant.series]]
id = "A"
face_shares = 100000

[[warrant.series]]
id = "B"
face_shares = 50000
"""
#: The facts certificates are verified against: small scenarios on the flat prices of
#: ``FOLDER``, each making a few adjustments of different clauses (4.C(1), 4.C(3) and its
#: readjustment, 4.E, 4.D), one with a series of two warrants, one with an event that makes
#: no adjustment (the buyback).
CERTIFICATE_FACTS: dict[str, str] = {
    "sale, grant, expiry": _FACTS_HEAD.format(warrant="face_shares = 100000", reading="")
    + "\n".join([SALE, GRANT, EXPIRY]),
    "sale, split, dividend, buyback (fully diluted)": _FACTS_HEAD.format(
        warrant="face_shares = 100000", reading='outstanding_basis = "fully-diluted"'
    )
    + "\n".join([SALE, _SPLIT_DIVIDEND_BUYBACK]),
    "a series of two warrants": _FACTS_HEAD.format(warrant=_SERIES, reading="")
    + "\n".join([SALE, GRANT]),
}


@functools.cache
def certificate_facts(name: str) -> tuple[Scenario, tuple[dict[str, Any], ...]]:
    """The scenario named, and the JSON certificate the library writes for each of its
    adjustments (for a series, one per warrant)."""
    scenario = loads_scenario(CERTIFICATE_FACTS[name], base=FOLDER)
    written: list[dict[str, Any]] = []
    for sequence in range(len(replay(scenario).ledger.adjustments)):
        made = certificate(scenario, adjustment=sequence)
        warrants = [shares.warrant for shares in made.warrants] or [None]
        written += [certificate_json(made, warrant=warrant) for warrant in warrants]
    return scenario, tuple(written)


_FIGURE_NAMES = st.sampled_from(
    ["consideration", "additional_shares", "outstanding_before", "outstanding_after",
     "price_before", "price_after", "shares_before", "shares_after", "fmv", "effective_price"]
)
_CLAUSES = st.sampled_from(["4.C(1)", "4.C(1)(b)", "4.C", "4.C(3)", "4.C(6)", "4.D", "4.E",
                            "4.G", "", "4", "4.C(3)(a)(i)(x)"])
_MALFORMED_FIGURES = st.sampled_from(
    ["1.90.3", "$", "$$1.00", "1,9036", "1,903,63", "-1.94", "+1.94", "1/0", "0/0", "-1/-2",
     "1/-2", " 1.94 ", "1.94\n", "1.9036\x00", "١٫٩٤", "NaN", "1e3", "0x1",
     "1." + "9" * 5000, "9" * 5000, "1/" + "9" * 5000,
     "9" * 5000 + "/1", "0." + "0" * 4500 + "1", "1," + ",".join(["000"] * 1500),
     "0." + "0" * 999 + "1", "9" * 999 + ".5", "1" + "0" * 1000 + "/3"]
)
_HOSTILE_FIGURES = st.one_of(
    _MALFORMED_FIGURES,
    _MALFORMED_FIGURES,
    edge_numbers.map(str),
    st.text(max_size=10),
    hostile_values,
    st.integers(-(10**30), 10**30),
)


def _as_written(value: Fraction, draw: st.DrawFn) -> str:
    """An exact figure as an accountant might print it: rounded to some places, with or
    without a dollar sign and thousands separators, or exact as ``p/q``."""
    style = draw(st.sampled_from(["exact", "places", "places", "grouped", "ratio"]))
    if style == "exact":
        return exact_str(value)
    if style == "ratio":
        return f"{value.numerator}/{value.denominator}"
    places = draw(st.integers(0, 8))
    text = fixed_str(value, places)
    if style == "grouped":
        whole, _, decimals = text.lstrip("-").partition(".")
        text = ("-" if text.startswith("-") else "") + f"{int(whole):,}" + (
            "." + decimals if decimals else "")
        if draw(st.booleans()):
            text = "$" + text
    return text


@st.composite
def _stated_figures(draw: st.DrawFn, figures: dict[str, str]) -> dict[str, Any]:
    """The figures of a written certificate, each kept exact, rounded as printed, nudged
    (so that it disagrees) or left out."""
    stated: dict[str, Any] = {}
    for name, exact in figures.items():
        choice = draw(st.sampled_from(["exact", "printed", "printed", "nudged", "left out"]))
        value = Fraction(exact)
        if choice == "exact":
            stated[name] = exact
        elif choice == "printed":
            stated[name] = _as_written(value, draw)
        elif choice == "nudged":
            delta = draw(st.sampled_from([Fraction(1, 10**4), Fraction(-1, 100), Fraction(1),
                                          Fraction(1, 3), -value, Fraction(10**6)]))
            stated[name] = _as_written(value + delta, draw)
    return stated


@st.composite
def _plausible_certificate(draw: st.DrawFn, written: dict[str, Any]) -> dict[str, Any]:
    """A certificate as counsel types it from the paper, built from one the library wrote:
    some keys left out, the event named by id or position, figures as printed or nudged,
    a clause, date, reading or digest that may disagree."""
    head = dict(written["certificate"])
    stated: dict[str, Any] = {}
    by = draw(st.sampled_from(["adjustment", "event", "both"]))
    if by in ("adjustment", "both") and "adjustment" in head:
        stated["adjustment"] = head["adjustment"]
    if by in ("event", "both") or "adjustment" not in stated:
        index = written["detail"]["event"]["index"]
        stated["event"] = draw(st.sampled_from([head["event"], index]))
    if draw(st.booleans()):
        stated["clause"] = draw(st.just(head["clause"]) | _CLAUSES)
    if draw(st.booleans()):
        stated["readjustment"] = draw(st.just(head["readjustment"]) | st.booleans())
    if draw(st.booleans()):
        day = dt.date.fromisoformat(head["date"])
        stated["date"] = draw(st.sampled_from([day, day + dt.timedelta(days=1)]))
    if "warrant" in head and draw(st.booleans()):
        stated["warrant"] = draw(st.sampled_from([head["warrant"], "A", "B", "W-1", "W-9"]))
    if draw(st.booleans()):
        stated["reading"] = draw(st.sampled_from(
            [head["reading"], *(reading_json(r) for r in Reading.all()[:8])]))
    if draw(st.booleans()):
        digest = head["facts_digest"]
        stated["facts_digest"] = draw(st.sampled_from(
            [digest, digest.upper(), digest[:-1] + ("0" if digest[-1] != "0" else "1"),
             "sha256:" + digest, digest[:16]]))
    stated["figures"] = draw(_stated_figures(head["figures"]))
    data: dict[str, Any] = {"certificate": stated}
    if draw(st.integers(0, 3)) == 0:  # the JSON the library writes, read unchanged
        data = dict(written)
    return data


def _nested(depth: int) -> Any:
    value: Any = 1
    for _ in range(depth):
        value = [value]
    return value


_CERTIFICATE_KEYS = ["event", "adjustment", "clause", "readjustment", "date", "warrant",
                     "reading", "facts_digest", "figures"]


@st.composite
def _hostile_certificate(draw: st.DrawFn, data: dict[str, Any]) -> dict[str, Any]:
    """``data`` with a few hostile changes: wrong types, keys missing or unknown, hostile
    numbers, deep nesting, wrong event references, malformed figures."""
    data = {key: dict(value) if isinstance(value, dict) else value for key, value in data.items()}
    for _ in range(draw(st.integers(1, 3))):
        head = data.get("certificate")
        change = draw(st.sampled_from(
            ["value", "value", "value", "figure", "figure", "figure name", "drop", "unknown key",
             "event ref", "event ref", "nesting", "no table", "top level"]))
        if not isinstance(head, dict):
            head = data["certificate"] = {}
        if change == "value":
            key = draw(st.sampled_from(_CERTIFICATE_KEYS))
            head[key] = draw(numbers | texts | days | hostile_values
                             | st.sampled_from([10**4000, -(10**4000), "x" * 5000, None]))
        elif change == "figure":
            figures = head.get("figures")
            figures = dict(figures) if isinstance(figures, dict) else {}
            figures[draw(_FIGURE_NAMES)] = draw(_HOSTILE_FIGURES)
            head["figures"] = figures
        elif change == "figure name":
            figures = head.get("figures")
            figures = dict(figures) if isinstance(figures, dict) else {}
            figures[draw(st.sampled_from(["price", "Price_After", "", "fmv ", "x" * 3000])
                         | st.text(max_size=6))] = "1.00"
            head["figures"] = figures
        elif change == "drop" and head:
            head.pop(draw(st.sampled_from(sorted(head))))
        elif change == "unknown key":
            where = draw(st.sampled_from(["certificate", "top", "reading"]))
            key = draw(st.sampled_from(["signed_by", "certificat", "", "Event", "y" * 3000])
                       | st.text(max_size=6))
            if where == "certificate":
                head[key] = "x"
            elif where == "reading":
                reading = head.get("reading")
                head["reading"] = {**(reading if isinstance(reading, dict) else {}), key: "x"}
            else:
                data[key] = {"adjustment": 0}
        elif change == "event ref":
            if draw(st.booleans()):
                head.pop("adjustment", None)
            head[draw(st.sampled_from(["event", "adjustment"]))] = draw(st.sampled_from(
                ["no-such-event", "buy", "#0", "0", " ", 3, 7, 99, -1, 2**63, 10**4000,
                 "options-2002", "sale-2002", "split", "x" * 5000]))
        elif change == "nesting":
            key = draw(st.sampled_from(_CERTIFICATE_KEYS))
            head[key] = _nested(draw(st.sampled_from([3, 31, 33, 200])))
        elif change == "no table":
            data["certificate"] = draw(st.sampled_from([[], "certificate", 1, [{"adjustment": 0}]]))
        else:
            return {"certificate": data.get("certificate"), "format": draw(texts | numbers)}
    return data


def certificate_toml(data: dict[str, Any], *, sections: bool = True) -> str:
    """Certificate data as TOML: top-level values, then ``[certificate]`` (and
    ``[certificate.figures]`` as its own section, as the documentation writes it)."""
    data = _without_none(data)
    lines = [f"{_key(key)} = {_value(value)}" for key, value in data.items()
             if not isinstance(value, dict)]
    for key, table in data.items():
        if not isinstance(table, dict):
            continue
        lines.append(f"[{_key(key)}]")
        subtables = {k: v for k, v in table.items() if sections and isinstance(v, dict)}
        lines += [f"{_key(k)} = {_value(v)}" for k, v in table.items() if k not in subtables]
        for name, sub in subtables.items():
            lines.append(f"[{_key(key)}.{_key(name)}]")
            lines += [f"{_key(k)} = {_value(v)}" for k, v in sub.items()]
    return "\n".join(lines) + "\n"


def _without_none(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _without_none(v) for k, v in value.items() if v is not None}
    if isinstance(value, list):
        return [_without_none(v) for v in value if v is not None]
    return value


def _with_key(text: str, kind: str, key: str, value: str) -> str:
    """``text`` with ``key`` (again, if it is there already) first in the certificate table."""
    if kind == "json":
        return text.replace('"certificate": {', f'"certificate": {{"{key}": {value}, ', 1)
    return text.replace("[certificate]\n", f"[certificate]\n{key} = {value}\n", 1)


@st.composite
def certificate_cases(draw: st.DrawFn) -> tuple[str, str, Scenario]:
    """(kind, text, scenario): a certificate file as TOML or JSON — built from one the
    library wrote for ``scenario``, plausible or hostile, its text mutated or not."""
    kind = draw(st.sampled_from(["toml", "json"]))
    scenario, written = certificate_facts(draw(st.sampled_from(sorted(CERTIFICATE_FACTS))))
    data = draw(_plausible_certificate(draw(st.sampled_from(written))))
    if draw(st.booleans()):
        data = draw(_hostile_certificate(data))
    text = certificate_toml(data, sections=draw(st.booleans())) if kind == "toml" else to_json(
        _without_none(data) if draw(st.booleans()) else data)
    edit = draw(st.sampled_from(["none", "none", "none", "mutated", "mutated", "repeated key",
                                 "byte-order mark", "NUL", "deep nesting"]))
    if edit == "mutated":
        text = draw(mutated(text))
    elif edit == "repeated key":
        key = draw(st.sampled_from(["adjustment", "event", "figures", "clause"]))
        text = _with_key(text, kind, key, draw(st.sampled_from(['0', '1', '"x"', '{}'])))
    elif edit == "deep nesting":  # deeper than the parsers' recursion goes
        depth = draw(st.sampled_from([33, 500, 1200, 5000]))
        brackets = draw(st.sampled_from(["[]", "{}"])) if kind == "toml" else "[]"
        nested = brackets[0] * depth + "1" + brackets[1] * depth
        text = _with_key(text, kind, draw(st.sampled_from(["reading", "event", "deep"])), nested)
    elif edit == "byte-order mark":
        text = "\ufeff" + text
    elif edit == "NUL":
        at = draw(st.integers(0, len(text)))
        text = text[:at] + "\x00" + text[at:]
    return kind, text, scenario


def check_certificate_text(text: str, kind: str, scenario: Scenario) -> str:
    """Load ``text`` as a certificate file, verify it against ``scenario`` and render the
    verdict as ``warrant verify`` does (JSON and the table); return what happened."""
    TRIED[f"certificate {kind}"] += 1
    with _timed(f"certificate {kind}"):
        outcome = _certificate_outcome(text, kind, scenario)
    TRIED[f"certificate {kind}: {outcome}"] += 1
    return outcome


def _certificate_outcome(text: str, kind: str, scenario: Scenario) -> str:
    try:
        stated = loads_certificate(text, kind=kind)
    except Exception as error:
        assert_own_error(error)
        return "refused on load"
    try:
        result = verify(scenario, stated)
    except Exception as error:
        assert_own_error(error)
        return "refused on verify"
    json.dumps(verification_json(result), indent=2)
    table = verification_text(result)
    assert table.endswith("\n") and "Verdict: " in table
    assert result.agrees == (not result.disagreeing), "a verdict that names no disagreement"
    return "agrees" if result.agrees else "disagrees"
