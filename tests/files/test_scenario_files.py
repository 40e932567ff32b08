"""Scenario files (SPEC §2, §10, §11 invariant 10, §12): loading, round trips, bad input.

The last part takes every event type beyond issues and grants (4.A, 4.B, 4.C(4),
(6), (7), (8), 4.D, 4.E): each loads from TOML and JSON with the keys SPEC §10
names, to an event equal to one built by hand; a scenario of them round-trips
exactly; a replayed scenario's JSON marks its readjustments.

Every expected value here is written by hand (exact Fractions), never copied from
the library's output.
"""

from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal
from fractions import Fraction
from pathlib import Path
from typing import Any

import attrs
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import warrant
from warrant.analyses.replay import replay
from warrant.files.json_output import replay_json
from warrant.files.scenario_files import (
    PriceSource,
    Scenario,
    load_scenario,
    loads_scenario,
    save_scenario,
    scenario_from_data,
    scenario_to_json,
    scenario_to_toml,
)
from warrant.files.text_output import replay_table
from warrant.ground.errors import FloatRefused, NotATradingDay, ScenarioError, WarrantError
from warrant.instrument.readings import (
    BusinessDayBasis,
    CarveOutCounting,
    OutstandingBasis,
    Reading,
    ReadjustOn,
)
from warrant.market.calendars import trading_days
from warrant.market.closing_prices import Quote, Venue
from warrant.market.price_history import PriceHistory
from warrant.register.events import (
    EVENT_TYPES,
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
    Source,
    StockDividend,
    StockSplit,
)
from warrant.register.ledger import Capitalization
from warrant.register.records import Outcome

F = Fraction
D = dt.date

# ---------------------------------------------------------------------------------
# One scenario written by hand in both formats, and the Scenario it must give.
# Floats in the files (1.94, 0.50, 50000.25) must arrive exact (parse_float=Decimal).
# ---------------------------------------------------------------------------------

HAND_TOML = """\
# every event type and every field of the file contract
[warrant]
preset = "alpha-2002"
face_shares = 100000

[reading]
outstanding_basis = "issued"
carve_out_counting = "cumulative-grants"
promised_grants_hold_room = false
carve_out_follows_splits = false
readjust_on = "final-expiry"
business_day = "trading"

[capitalization]
common_outstanding = 7000000
plan_options_outstanding = "1,592,376"

[[prices.quote]]
date = 2002-05-24
close = 1.94

[[prices.quote]]
date = 2002-05-28
bid = 1.90
ask = 1.98
venue = "exchange"

[[prices.quote]]
date = 2002-05-29
close = "97/50"
venue = "nasdaq"

[[event]]
type = "issuance"
id = "sale"
date = 2002-06-03
shares = 1000000
cash = 900000
property = "1000/3"
property_valued_by = "the Board"
property_valued_on = 2002-06-01
expenses = 50000.25
restructuring = "2002 restructuring"

[[event]]
type = "option-grant"
id = "grant"
date = 2002-07-01
shares = 500000
exercise_price = 0.50
consideration = 10000
expires = 2003-06-30
plan = true
grantee = "officer"

[[event]]
type = "exercise"
date = 2002-08-01
of = "grant"
shares = "16000000/157"
consideration = 1.94

[[event]]
type = "expiry"
date = 2002-09-03
of = "grant"
shares = 1000

[[event]]
type = "cancellation"
date = 2002-09-03
of = "grant"

[[event]]
type = "buyback"
date = 2002-10-01
shares = 1.5

[[event]]
type = "issuance"
date = 2002-10-02
shares = 10
warrant_exercise = true
"""

HAND_JSON = """\
{
  "warrant": {"preset": "alpha-2002", "face_shares": 100000},
  "reading": {
    "outstanding_basis": "issued",
    "carve_out_counting": "cumulative-grants",
    "promised_grants_hold_room": false,
    "carve_out_follows_splits": false,
    "readjust_on": "final-expiry",
    "business_day": "trading"
  },
  "capitalization": {"common_outstanding": 7000000, "plan_options_outstanding": 1592376},
  "prices": {"quote": [
    {"date": "2002-05-24", "close": 1.94},
    {"date": "2002-05-28", "bid": 1.90, "ask": 1.98, "venue": "exchange"},
    {"date": "2002-05-29", "close": "97/50", "venue": "nasdaq"}
  ]},
  "event": [
    {"type": "issuance", "id": "sale", "date": "2002-06-03", "shares": 1000000,
     "cash": 900000, "property": "1000/3", "property_valued_by": "the Board",
     "property_valued_on": "2002-06-01", "expenses": 50000.25,
     "restructuring": "2002 restructuring"},
    {"type": "option-grant", "id": "grant", "date": "2002-07-01", "shares": 500000,
     "exercise_price": 0.50, "consideration": 10000, "expires": "2003-06-30",
     "plan": true, "grantee": "officer"},
    {"type": "exercise", "date": "2002-08-01", "of": "grant", "shares": "16000000/157",
     "consideration": 1.94},
    {"type": "expiry", "date": "2002-09-03", "of": "grant", "shares": 1000},
    {"type": "cancellation", "date": "2002-09-03", "of": "grant"},
    {"type": "buyback", "date": "2002-10-01", "shares": 1.5},
    {"type": "issuance", "date": "2002-10-02", "shares": 10, "warrant_exercise": true}
  ]
}
"""


def hand_quotes() -> tuple[Quote, ...]:
    return (
        Quote(day=D(2002, 5, 24), venue=Venue.NASDAQ, close=F(97, 50)),
        Quote(day=D(2002, 5, 28), venue=Venue.EXCHANGE, bid=F(19, 10), ask=F(99, 50)),
        Quote(day=D(2002, 5, 29), venue=Venue.NASDAQ, close=F(97, 50)),
    )


def hand_scenario() -> Scenario:
    quotes = hand_quotes()
    return Scenario(
        preset="alpha-2002",
        face_shares=F(100000),
        reading=Reading(
            outstanding_basis=OutstandingBasis.ISSUED,
            carve_out_counting=CarveOutCounting.CUMULATIVE_GRANTS,
            promised_grants_hold_room=False,
            carve_out_follows_splits=False,
            readjust_on=ReadjustOn.FINAL_EXPIRY,
            business_day=BusinessDayBasis.TRADING,
        ),
        capitalization=Capitalization(
            common_outstanding=F(7000000), plan_options_outstanding=F(1592376)
        ),
        price_source=PriceSource(quotes=quotes),
        prices=PriceHistory(quotes),
        events=(
            Issuance(
                id="sale",
                date=D(2002, 6, 3),
                shares=F(1000000),
                cash=F(900000),
                property=F(1000, 3),
                property_valued_by="the Board",
                property_valued_on=D(2002, 6, 1),
                expenses=F(5000025, 100),
                restructuring="2002 restructuring",
            ),
            OptionGrant(
                id="grant",
                date=D(2002, 7, 1),
                shares=F(500000),
                exercise_price=F(1, 2),
                consideration=F(10000),
                expires=D(2003, 6, 30),
                plan=True,
                grantee=Grantee.OFFICER,
            ),
            Exercise(
                date=D(2002, 8, 1), of="grant", shares=F(16000000, 157), consideration=F(97, 50)
            ),
            Expiry(date=D(2002, 9, 3), of="grant", shares=F(1000)),
            Cancellation(date=D(2002, 9, 3), of="grant"),
            Buyback(date=D(2002, 10, 1), shares=F(3, 2)),
            Issuance(date=D(2002, 10, 2), shares=F(10), warrant_exercise=True),
        ),
    )


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def quantities(event: Event) -> dict[str, object]:
    """The event's quantity fields (those with a number in them)."""
    return {
        field.name: getattr(event, field.name)
        for field in attrs.fields(type(event))
        if isinstance(getattr(event, field.name), (Fraction, Decimal, int, float))
        and not isinstance(getattr(event, field.name), bool)
    }


# -- loading ----------------------------------------------------------------------


def test_spec_10_toml_and_json_load_to_the_same_scenario(tmp_path: Path) -> None:
    from_toml = load_scenario(write(tmp_path / "case.toml", HAND_TOML))
    from_json = load_scenario(write(tmp_path / "case.json", HAND_JSON))
    assert from_toml == hand_scenario()
    assert from_json == hand_scenario()
    assert from_toml == from_json
    assert from_toml.source == tmp_path / "case.toml"


def test_spec_2_file_numbers_are_exact_fractions(tmp_path: Path) -> None:
    for name, text in (("case.toml", HAND_TOML), ("case.json", HAND_JSON)):
        scenario = load_scenario(write(tmp_path / name, text))
        # 1.94 written as a number is 97/50, not the binary float 1.9399999999999999467...
        assert scenario.prices[D(2002, 5, 24)].close == F(97, 50)
        assert scenario.prices[D(2002, 5, 24)].closing_price().price == F(97, 50)
        assert scenario.prices[D(2002, 5, 28)].closing_price().price == (F(19, 10) + F(99, 50)) / 2
        grant = scenario.events[1]
        assert isinstance(grant, OptionGrant)
        assert grant.exercise_price == F(1, 2)
        sale = scenario.events[0]
        assert isinstance(sale, Issuance)
        assert sale.expenses == F(5000025, 100)
        assert sale.property == F(1000, 3)
        exercise = scenario.events[2]
        assert isinstance(exercise, Exercise)
        assert exercise.shares == F(16000000, 157)
        assert exercise.consideration == F(97, 50)
        assert scenario.events[5] == Buyback(date=D(2002, 10, 1), shares=F(3, 2))
        for event in scenario.events:
            for name_, value in quantities(event).items():
                assert type(value) is Fraction, (event, name_)
        assert type(scenario.face_shares) is Fraction
        assert type(scenario.capitalization.common_outstanding) is Fraction


def test_spec_2_a_float_in_the_file_is_read_exactly_not_refused(tmp_path: Path) -> None:
    # TOML and JSON floats arrive as Decimal, so 1.5 is accepted and exact (SPEC §2).
    text = HAND_TOML.replace('shares = "16000000/157"', "shares = 1.5").replace(
        "exercise_price = 0.50", "exercise_price = 0.1"
    )
    scenario = loads_scenario(text)
    assert scenario.events[2].shares == F(3, 2)  # type: ignore[attr-defined]
    assert scenario.events[1].exercise_price == F(1, 10)  # type: ignore[attr-defined]
    data = json.loads(HAND_JSON)
    json_text = json.dumps(data).replace('"shares": 1000000', '"shares": 1000000.5', 1)
    assert loads_scenario(json_text, kind="json").events[0].shares == F(2000001, 2)  # type: ignore[attr-defined]


def test_spec_2_a_python_float_in_scenario_data_is_refused() -> None:
    data = json.loads(HAND_JSON, parse_float=Decimal)
    data["event"][1]["exercise_price"] = 0.5  # a binary float, as a script might pass it
    with pytest.raises(FloatRefused) as caught:
        scenario_from_data(data, base=Path.cwd())
    assert caught.value.field == "exercise_price"
    assert "event[1]" in str(caught.value)
    assert "exercise_price" in str(caught.value)


def test_spec_10_defaults_when_tables_are_left_out() -> None:
    scenario = loads_scenario("[capitalization]\ncommon_outstanding = 7000000\n")
    assert scenario.preset == "alpha-2002"
    assert scenario.face_shares is None
    assert scenario.reading == Reading()
    assert scenario.capitalization == Capitalization(common_outstanding=F(7000000))
    assert scenario.capitalization.plan_options_outstanding == 0
    assert scenario.events == ()
    assert scenario.price_source == PriceSource()


def test_spec_10_csv_path_is_relative_to_the_scenario_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    case = tmp_path / "matters" / "alpha"
    write(case / "prices" / "daily.csv", 'date,close\n2002-05-24,1.94\n2002-05-28,"2.00"\n')
    body = HAND_TOML.split("[[prices.quote]]")[0] + '[prices]\ncsv = "prices/daily.csv"\n'
    scenario_path = write(case / "case.toml", body)
    write(
        case / "case.json",
        json.dumps(
            {
                "capitalization": {"common_outstanding": 7000000},
                "prices": {"csv": "prices/daily.csv"},
            }
        ),
    )
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    # A decoy beside the working directory must not be read instead.
    write(elsewhere / "prices" / "daily.csv", "date,close\n2002-05-24,9\n")
    monkeypatch.chdir(elsewhere)
    for path in (
        scenario_path,
        Path("../matters/alpha/case.toml"),
        Path("../matters/alpha/case.json"),
    ):
        scenario = load_scenario(path)
        assert scenario.price_source == PriceSource(csv="prices/daily.csv")
        assert list(scenario.prices) == [D(2002, 5, 24), D(2002, 5, 28)]
        assert scenario.prices[D(2002, 5, 24)].close == F(97, 50)
        assert scenario.prices[D(2002, 5, 28)].close == F(2)


# -- round trips (SPEC §11 invariant 10) ------------------------------------------------


def test_spec_11_inv10_hand_scenario_round_trips_through_both_formats(tmp_path: Path) -> None:
    scenario = hand_scenario()
    assert loads_scenario(scenario_to_toml(scenario)) == scenario
    assert loads_scenario(scenario_to_json(scenario), kind="json") == scenario
    save_scenario(scenario, tmp_path / "out.toml")
    save_scenario(scenario, tmp_path / "out.json")
    assert load_scenario(tmp_path / "out.toml") == scenario
    assert load_scenario(tmp_path / "out.json") == scenario
    # writing what was read gives the same text again
    assert scenario_to_toml(load_scenario(tmp_path / "out.toml")) == scenario_to_toml(scenario)
    assert scenario_to_json(load_scenario(tmp_path / "out.json")) == scenario_to_json(scenario)


def test_spec_11_inv10_fractional_quantities_are_written_exactly() -> None:
    base = hand_scenario()
    scenario = attrs.evolve(
        base,
        face_shares=F(16000000, 157),
        capitalization=Capitalization(
            common_outstanding=F(7000000, 3), plan_options_outstanding=F(1, 7)
        ),
        events=(
            Issuance(
                date=D(2002, 6, 3),
                shares=F(16000000, 157),
                cash=F(6289577, 3400000),
                expenses=F(1, 3),
            ),
            OptionGrant(
                date=D(2002, 7, 1),
                id="g",
                shares=F(1, 3),
                exercise_price=F(2, 7),
                consideration=F(1, 1000000),
                expires=D(2002, 7, 1),
            ),
        ),
    )
    toml_text = scenario_to_toml(scenario)
    json_text = scenario_to_json(scenario)
    for text in (toml_text, json_text):
        assert "16000000/157" in text
        assert "6289577/3400000" in text  # 3400000 = 2^6 * 5^5 * 17: no terminating decimal
        assert "0.000001" in text
    assert loads_scenario(toml_text) == scenario
    assert loads_scenario(json_text, kind="json") == scenario
    again = loads_scenario(toml_text)
    assert again.events[0].shares == F(16000000, 157)  # type: ignore[attr-defined]
    assert again.events[0].cash == F(6289577, 3400000)  # type: ignore[attr-defined]
    assert again.face_shares == F(16000000, 157)
    assert again.capitalization.plan_options_outstanding == F(1, 7)


def test_spec_11_inv10_csv_price_source_round_trips(tmp_path: Path) -> None:
    write(tmp_path / "case" / "p.csv", "date,close\n2002-05-24,1.94\n")
    scenario = load_scenario(
        write(
            tmp_path / "case" / "s.toml",
            '[capitalization]\ncommon_outstanding = 5\n[prices]\ncsv = "p.csv"\n',
        )
    )
    save_scenario(scenario, tmp_path / "case" / "t.toml")
    save_scenario(scenario, tmp_path / "case" / "t.json")
    for name in ("t.toml", "t.json"):
        back = load_scenario(tmp_path / "case" / name)
        assert back == scenario
        assert back.price_source == PriceSource(csv="p.csv")
        assert back.prices[D(2002, 5, 24)].close == F(97, 50)


def test_spec_11_inv10_replaying_twice_gives_identical_output(tmp_path: Path) -> None:
    scenario = load_scenario(Path(__file__).parents[2] / "examples" / "section-14.toml")
    first = json.dumps(replay_json(replay(scenario)), sort_keys=True)
    second = json.dumps(replay_json(replay(scenario)), sort_keys=True)
    assert first == second
    assert replay_table(replay(scenario)) == replay_table(replay(scenario))
    back = loads_scenario(scenario_to_toml(scenario))
    assert json.dumps(replay_json(replay(back)), sort_keys=True) == first
    back = loads_scenario(scenario_to_json(scenario), kind="json")
    assert json.dumps(replay_json(replay(back)), sort_keys=True) == first


# -- Hypothesis: random scenarios round-trip exactly -------------------------------------------

TRADING_2002 = trading_days(D(2002, 1, 2), D(2002, 12, 31))

_denominators = st.sampled_from([1, 2, 3, 4, 7, 8, 10, 16, 100, 157, 1000])


def _as_input(value: Fraction) -> st.SearchStrategy[object]:
    """The same quantity as any input the library accepts: Fraction, int, str 'p/q', Decimal."""
    options: list[object] = [value, f"{value.numerator}/{value.denominator}"]
    if value.denominator == 1:
        options.append(int(value))
    scaled = value
    places = 0
    while scaled.denominator != 1 and places < 6:
        scaled *= 10
        places += 1
    if scaled.denominator == 1:
        options.append(Decimal(scaled.numerator).scaleb(-places))
    return st.sampled_from(options)


positive_q = st.builds(F, st.integers(1, 10**10), _denominators).flatmap(_as_input)
non_negative_q = st.builds(F, st.integers(0, 10**10), _denominators).flatmap(_as_input)
decimals_q = st.decimals(
    min_value=Decimal("0.000001"), max_value=Decimal("1e9"), allow_nan=False, allow_infinity=False
)
positive_any = st.one_of(positive_q, decimals_q)
non_negative_any = st.one_of(non_negative_q, decimals_q, st.just(0))

text_q = st.text(
    st.characters(max_codepoint=0xFFFF, exclude_categories=("Cs",)), min_size=1, max_size=12
).filter(lambda s: bool(s.strip()))
ids = st.one_of(st.none(), text_q)
days = st.dates(D(2002, 3, 4), D(2007, 3, 2))


@st.composite
def issuances(draw: st.DrawFn) -> Issuance:
    property_ = draw(st.one_of(st.just(0), positive_any))
    allocated = draw(st.one_of(st.none(), non_negative_any))
    warrant_exercise = draw(st.booleans())
    cash = draw(non_negative_any)
    received = F(allocated) if allocated is not None else F(cash) + F(property_)
    expenses = draw(non_negative_any)
    if F(expenses) > received:  # a negative net consideration is refused (SPEC §12)
        expenses = received
    return Issuance(
        date=draw(days),
        id=draw(ids),
        shares=draw(positive_any),
        cash=cash,
        property=property_,
        property_valued_by=draw(text_q) if property_ else draw(st.one_of(st.none(), text_q)),
        property_valued_on=draw(days) if property_ else None,
        allocated=allocated,
        allocated_by=None if allocated is None else draw(text_q),
        expenses=expenses,
        restructuring=None if warrant_exercise else draw(st.one_of(st.none(), text_q)),
        warrant_exercise=warrant_exercise,
    )


@st.composite
def option_grants(draw: st.DrawFn) -> OptionGrant:
    day = draw(days)
    plan = draw(st.booleans())
    grantee = (
        draw(st.sampled_from(Grantee))
        if plan
        else draw(st.one_of(st.none(), st.sampled_from(Grantee)))
    )
    return OptionGrant(
        date=day,
        id=draw(ids),
        shares=draw(positive_any),
        exercise_price=draw(non_negative_any),
        consideration=draw(non_negative_any),
        expires=day + dt.timedelta(days=draw(st.integers(0, 3000))),
        plan=plan,
        grantee=draw(st.sampled_from([grantee, grantee.value])) if grantee else None,
    )


exercises = st.builds(
    Exercise,
    date=days,
    id=ids,
    of=text_q,
    shares=positive_any,
    consideration=st.one_of(st.none(), non_negative_any),
)
expiries = st.builds(
    Expiry, date=days, id=ids, of=text_q, shares=st.one_of(st.none(), positive_any)
)
cancellations = st.builds(
    Cancellation, date=days, id=ids, of=text_q, shares=st.one_of(st.none(), positive_any)
)
buybacks = st.builds(Buyback, date=days, id=ids, shares=positive_any)
any_event = st.one_of(issuances(), option_grants(), exercises, expiries, cancellations, buybacks)

readings = st.builds(
    Reading,
    outstanding_basis=st.sampled_from(OutstandingBasis),
    carve_out_counting=st.sampled_from(CarveOutCounting),
    promised_grants_hold_room=st.booleans(),
    carve_out_follows_splits=st.booleans(),
    readjust_on=st.sampled_from(ReadjustOn),
    business_day=st.sampled_from(BusinessDayBasis),
)


@st.composite
def quotes(draw: st.DrawFn) -> Quote:
    day = draw(st.sampled_from(TRADING_2002))
    venue = draw(st.sampled_from([Venue.NASDAQ, Venue.EXCHANGE]))
    if draw(st.booleans()):
        return Quote(day=day, venue=venue, close=draw(positive_any))
    return Quote(day=day, venue=venue, bid=draw(positive_any), ask=draw(positive_any))


@st.composite
def scenarios(draw: st.DrawFn) -> Scenario:
    quote_list = tuple(draw(st.lists(quotes(), max_size=6, unique_by=lambda q: q.day)))
    return Scenario(
        preset="alpha-2002",
        face_shares=draw(st.one_of(st.none(), positive_any.map(F))),
        reading=draw(readings),
        capitalization=Capitalization(
            common_outstanding=draw(positive_any), plan_options_outstanding=draw(non_negative_any)
        ),
        price_source=PriceSource(quotes=quote_list),
        prices=PriceHistory(quote_list),
        events=tuple(draw(st.lists(any_event, max_size=8))),
    )


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(scenario=scenarios())
def test_spec_11_inv10_random_scenarios_round_trip_exactly(scenario: Scenario) -> None:
    toml_text = scenario_to_toml(scenario)
    json_text = scenario_to_json(scenario)
    from_toml = loads_scenario(toml_text)
    from_json = loads_scenario(json_text, kind="json")
    assert from_toml == scenario
    assert from_json == scenario
    for back in (from_toml, from_json):
        assert len(back.events) == len(scenario.events)
        for old, new in zip(scenario.events, back.events, strict=True):
            assert type(new) is type(old)
            for name, value in quantities(new).items():
                assert type(value) is Fraction
                assert value == getattr(old, name)
        assert dict(back.prices) == dict(scenario.prices)
    # and the written text is a fixed point
    assert scenario_to_toml(from_toml) == toml_text
    assert scenario_to_json(from_json) == json_text


# A replayable register: prices on every trading day of 2002, events in date order.
PRICE_DAYS = trading_days(D(2002, 2, 1), D(2002, 12, 31))
EVENT_DAYS = st.dates(D(2002, 3, 11), D(2002, 12, 20))


@st.composite
def replayable_scenarios(draw: st.DrawFn) -> Scenario:
    closes = draw(
        st.lists(st.builds(F, st.integers(50, 300), st.just(100)), min_size=1, max_size=5)
    )
    quote_list = tuple(
        Quote(day=day, close=closes[index % len(closes)]) for index, day in enumerate(PRICE_DAYS)
    )
    count = draw(st.integers(1, 8))
    event_days = sorted(draw(st.lists(EVENT_DAYS, min_size=count, max_size=count)))
    remaining: dict[str, Fraction] = {}
    events: list[Event] = []
    for index, day in enumerate(event_days):
        open_grants = sorted(grant for grant, left in remaining.items() if left > 0)
        kinds = ["issuance", "option-grant", "buyback"]
        if open_grants:
            kinds += ["exercise", "expiry", "cancellation"]
        kind = draw(st.sampled_from(kinds))
        if kind == "issuance":
            events.append(
                Issuance(
                    date=day,
                    shares=draw(st.integers(1, 2_000_000)),
                    cash=(cash := draw(st.builds(F, st.integers(0, 3_000_000), _denominators))),
                    # never above the cash: a negative net consideration is refused (SPEC §12)
                    expenses=min(
                        draw(st.builds(F, st.integers(0, 50_000), _denominators)), cash
                    ),
                    warrant_exercise=draw(st.booleans()),
                )
            )
        elif kind == "option-grant":
            plan = draw(st.booleans())
            shares = F(draw(st.integers(1, 1_000_000)))
            events.append(
                OptionGrant(
                    date=day,
                    id=f"g{index}",
                    shares=shares,
                    exercise_price=draw(st.builds(F, st.integers(0, 300), st.just(100))),
                    consideration=draw(st.builds(F, st.integers(0, 20_000), _denominators)),
                    expires=D(2006, 12, 29),
                    plan=plan,
                    grantee=draw(st.sampled_from(Grantee)) if plan else None,
                )
            )
            remaining[f"g{index}"] = shares
        elif kind == "buyback":
            events.append(Buyback(date=day, shares=draw(st.integers(1, 1000))))
        else:
            grant = draw(st.sampled_from(open_grants))
            part = remaining[grant] * draw(st.builds(F, st.integers(1, 4), st.just(4)))
            remaining[grant] -= part
            if kind == "exercise":
                events.append(Exercise(date=day, of=grant, shares=part))
            elif kind == "expiry":
                events.append(Expiry(date=day, of=grant, shares=part))
            else:
                events.append(Cancellation(date=day, of=grant, shares=part))
    return Scenario(
        face_shares=F(100000),
        reading=draw(readings),
        capitalization=Capitalization(common_outstanding=F(7_000_000)),
        price_source=PriceSource(quotes=quote_list),
        prices=PriceHistory(quote_list),
        events=tuple(events),
    )


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(scenario=replayable_scenarios())
def test_spec_11_inv10_replay_is_deterministic_and_survives_the_round_trip(
    scenario: Scenario,
) -> None:
    first = replay_json(replay(scenario))
    second = replay_json(replay(scenario))
    assert json.dumps(first, sort_keys=True) == json.dumps(second, sort_keys=True)
    for back in (
        loads_scenario(scenario_to_toml(scenario)),
        loads_scenario(scenario_to_json(scenario), kind="json"),
    ):
        assert back == scenario
        assert json.dumps(replay_json(replay(back)), sort_keys=True) == json.dumps(
            first, sort_keys=True
        )
    # Replaying only up to a day gives the same history up to that day.
    middle = scenario.events[len(scenario.events) // 2].date
    partial = replay_json(replay(scenario, as_of=middle))
    adjustments = first["adjustments"]
    assert isinstance(adjustments, list)
    assert partial["adjustments"] == [a for a in adjustments if a["date"] <= middle.isoformat()]


def test_spec_11_inv10_toml_round_trip_of_text_outside_the_bmp() -> None:
    base = hand_scenario()
    events = list(base.events)
    events[0] = attrs.evolve(events[0], restructuring="financing \U0001f4c8 2002")
    scenario = attrs.evolve(base, events=tuple(events))
    assert loads_scenario(scenario_to_json(scenario), kind="json") == scenario  # JSON is fine
    assert loads_scenario(scenario_to_toml(scenario)) == scenario


# -- bad input (SPEC §12) ---------------------------------------------------------------------


def base_data() -> dict[str, Any]:
    """A small valid scenario as plain data (dates as dates)."""
    return {
        "warrant": {"preset": "alpha-2002", "face_shares": 100000},
        "reading": {"outstanding_basis": "issued-and-deemed"},
        "capitalization": {"common_outstanding": 7000000, "plan_options_outstanding": 0},
        "prices": {
            "quote": [
                {"date": D(2002, 5, 24), "close": "1.00"},
                {"date": D(2002, 5, 28), "close": "1.00"},
            ]
        },
        "event": [
            {
                "type": "issuance",
                "id": "sale",
                "date": D(2002, 6, 3),
                "shares": 1000000,
                "cash": 900000,
                "expenses": 50000,
            },
            {
                "type": "option-grant",
                "id": "opts",
                "date": D(2002, 7, 1),
                "shares": 500000,
                "exercise_price": "0.50",
                "consideration": 10000,
                "expires": D(2003, 6, 30),
            },
            {"type": "expiry", "date": D(2003, 6, 30), "of": "opts"},
        ],
    }


def _toml_value(value: object) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, Decimal)):
        return str(value)
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, str):
        return json.dumps(value)
    raise TypeError(value)


def _toml_rows(header: str, table: dict[str, Any]) -> list[str]:
    lines = [header]
    lines += [
        f"{k} = {_toml_value(v)}" for k, v in table.items() if not isinstance(v, (list, dict))
    ]
    return lines


def to_toml(data: dict[str, Any]) -> str:
    """A small TOML writer for the test data (independent of the library's)."""
    lines = [f"{k} = {_toml_value(v)}" for k, v in data.items() if not isinstance(v, (dict, list))]
    for key, value in data.items():
        if isinstance(value, dict):
            lines += _toml_rows(f"[{key}]", value)
            for sub, rows in value.items():
                if isinstance(rows, list):
                    for row in rows:
                        lines += _toml_rows(f"[[{key}.{sub}]]", row)
        elif isinstance(value, list):
            for row in value:
                lines += _toml_rows(f"[[{key}]]", row)
    return "\n".join(lines) + "\n"


def to_json(data: dict[str, Any]) -> str:
    return json.dumps(data, default=lambda v: v.isoformat())


def load_error(data: dict[str, Any], kind: str) -> WarrantError:
    text = to_toml(data) if kind == "toml" else to_json(data)
    with pytest.raises(WarrantError) as caught:
        loads_scenario(text, kind=kind)
    return caught.value


def test_the_test_data_is_valid_in_both_formats() -> None:
    from_toml = loads_scenario(to_toml(base_data()))
    from_json = loads_scenario(to_json(base_data()), kind="json")
    assert from_toml == from_json
    assert len(from_toml.events) == 3
    assert [e.TYPE for e in from_toml.events] == ["issuance", "option-grant", "expiry"]


FORMATS = pytest.mark.parametrize("kind", ["toml", "json"])


def _set(path: tuple[object, ...], value: object) -> Any:
    def change(data: dict[str, Any]) -> None:
        target: Any = data
        for step in path[:-1]:
            target = target[step]
        target[path[-1]] = value

    return change


def _delete(path: tuple[object, ...]) -> Any:
    def change(data: dict[str, Any]) -> None:
        target: Any = data
        for step in path[:-1]:
            target = target[step]
        del target[path[-1]]

    return change


# (mutation, key the message must name, where the message must point, error field)
UNKNOWN_KEYS = {
    "top level": (_set(("colour",), "red"), "colour", None),
    "warrant": (_set(("warrant", "holder"), "Lender A"), "holder", "[warrant]"),
    "reading": (_set(("reading", "strict"), True), "strict", "[reading]"),
    "capitalization": (_set(("capitalization", "preferred"), 5), "preferred", "[capitalization]"),
    "prices": (_set(("prices", "source"), "bloomberg"), "source", "[prices]"),
    "a quote": (_set(("prices", "quote", 1, "volume"), 100), "volume", "prices.quote[1]"),
    "event[2]": (_set(("event", 2, "sharez"), 5), "sharez", "event[2]"),
    "event[0]": (_set(("event", 0, "price"), "0.9"), "price", "event[0]"),
}


@FORMATS
@pytest.mark.parametrize("case", list(UNKNOWN_KEYS))
def test_spec_12_unknown_key_is_named_with_its_place(case: str, kind: str) -> None:
    change, key, where = UNKNOWN_KEYS[case]
    data = base_data()
    change(data)
    error = load_error(data, kind)
    assert error.field == key
    assert key in str(error)
    assert "unknown" in str(error)
    if where is not None:
        assert where in str(error)


@FORMATS
def test_spec_12_unknown_event_type(kind: str) -> None:
    data = base_data()
    data["event"][2]["type"] = "expire"
    error = load_error(data, kind)
    assert isinstance(error, ScenarioError)
    assert error.field == "type"
    assert "event[2]" in str(error)
    assert "'expire'" in str(error)
    for known in ("issuance", "option-grant", "exercise", "expiry", "cancellation", "buyback"):
        assert known in EVENT_TYPES
        assert known in str(error)


@FORMATS
def test_spec_12_event_without_a_type(kind: str) -> None:
    data = base_data()
    del data["event"][1]["type"]
    error = load_error(data, kind)
    assert isinstance(error, ScenarioError)
    assert error.field == "type"
    assert "event[1]" in str(error)


@FORMATS
@pytest.mark.parametrize(
    ("position", "field"),
    [(1, "shares"), (0, "shares"), (1, "exercise_price"), (1, "expires"), (2, "of"), (0, "date")],
)
def test_spec_12_missing_required_field(kind: str, position: int, field: str) -> None:
    data = base_data()
    del data["event"][position][field]
    error = load_error(data, kind)
    assert error.field == field
    assert f"event[{position}]" in str(error)
    assert f"'{field}'" in str(error)
    assert "missing" in str(error)


@FORMATS
def test_spec_12_missing_capitalization(kind: str) -> None:
    data = base_data()
    del data["capitalization"]
    error = load_error(data, kind)
    assert "capitalization" in str(error)
    data = base_data()
    del data["capitalization"]["common_outstanding"]
    error = load_error(data, kind)
    assert error.field == "common_outstanding"
    assert "[capitalization]" in str(error)


@FORMATS
@pytest.mark.parametrize(
    ("path", "value", "field", "where"),
    [
        (("event", 1, "shares"), 0, "shares", "event[1]"),
        (("event", 1, "shares"), "-5", "shares", "event[1]"),
        (("event", 0, "shares"), "lots", "shares", "event[0]"),
        (("event", 0, "shares"), True, "shares", "event[0]"),
        (("event", 0, "cash"), "-1", "cash", "event[0]"),
        (("event", 1, "plan"), "yes", "plan", "event[1]"),
        (("event", 2, "of"), "", "of", "event[2]"),
        (("warrant", "face_shares"), 0, "face_shares", "[warrant]"),
        (("capitalization", "common_outstanding"), "0", "common_outstanding", "[capitalization]"),
        (("reading", "carve_out_follows_splits"), "no", "carve_out_follows_splits", "[reading]"),
    ],
)
def test_spec_12_bad_value_names_field_and_place(
    kind: str, path: tuple[object, ...], value: object, field: str, where: str
) -> None:
    data = base_data()
    _set(path, value)(data)
    error = load_error(data, kind)
    assert error.field == field
    assert field in str(error)
    assert where in str(error)


def test_spec_12_non_finite_toml_number_is_refused() -> None:
    data = base_data()
    data["event"][0]["shares"] = Decimal("1")
    text = to_toml(data).replace("shares = 1\n", "shares = nan\n", 1)
    with pytest.raises(WarrantError) as caught:
        loads_scenario(text)
    assert caught.value.field == "shares"
    assert "event[0]" in str(caught.value)


@pytest.mark.parametrize("bad", ["2002-13-01", "2002-02-30", "03/06/2002", "June 3, 2002", ""])
def test_spec_12_bad_date_string_in_json(bad: str) -> None:
    data = base_data()
    data["event"][1]["date"] = bad
    error = load_error(data, "json")
    assert error.field == "date"
    assert "event[1]" in str(error)
    assert repr(bad) in str(error)


@pytest.mark.parametrize(
    ("position", "field", "extra"),
    [
        (1, "expires", {}),
        (0, "property_valued_on", {"property": 5, "property_valued_by": "the Board"}),
    ],
)
def test_spec_12_bad_date_string_names_its_own_field(
    position: int, field: str, extra: dict[str, object]
) -> None:
    data = base_data()
    data["event"][position].update(extra)
    data["event"][position][field] = "2003-06-31"
    error = load_error(data, "json")
    assert f"event[{position}]" in str(error)
    assert "2003-06-31" in str(error)
    assert error.field == field
    assert f"'{field}'" in str(error)


def test_spec_12_bad_date_in_other_places() -> None:
    data = base_data()
    data["event"][1]["expires"] = "2003-06-31"
    error = load_error(data, "json")
    assert "event[1]" in str(error)
    assert "'2003-06-31'" in str(error)
    data = base_data()
    data["event"][1]["date"] = 20020701
    error = load_error(data, "json")
    assert error.field == "date"
    assert "event[1]" in str(error)
    data = base_data()
    data["prices"]["quote"][0]["date"] = "2002-05-32"
    error = load_error(data, "json")
    assert error.field == "date"
    assert "prices.quote[0]" in str(error)


def test_spec_12_toml_datetime_for_a_date_is_refused() -> None:
    text = to_toml(base_data()).replace("date = 2002-07-01", "date = 2002-07-01T09:30:00", 1)
    with pytest.raises(WarrantError) as caught:
        loads_scenario(text)
    assert caught.value.field == "date"
    assert "event[1]" in str(caught.value)


ENUMS = {
    "outstanding_basis": ("issued-and-deemed", "issued", "fully-diluted"),
    "carve_out_counting": ("issued-or-issuable", "cumulative-grants"),
    "readjust_on": ("each-expiry", "final-expiry"),
    "business_day": ("federal", "trading"),
}


@FORMATS
@pytest.mark.parametrize("field", list(ENUMS))
def test_spec_12_bad_reading_lists_the_choices(kind: str, field: str) -> None:
    data = base_data()
    data["reading"][field] = "whatever-counsel-likes"
    error = load_error(data, kind)
    assert error.field == field
    assert "[reading]" in str(error)
    assert "whatever-counsel-likes" in str(error)
    for choice in ENUMS[field]:
        assert choice in str(error)


@FORMATS
def test_spec_12_bad_grantee_lists_the_choices(kind: str) -> None:
    data = base_data()
    data["event"][1]["plan"] = True
    data["event"][1]["grantee"] = "ceo"
    error = load_error(data, kind)
    assert error.field == "grantee"
    assert "event[1]" in str(error)
    assert "'ceo'" in str(error)
    for choice in ("officer", "employee", "director", "consultant"):
        assert choice in str(error)


@FORMATS
def test_spec_12_prices_with_both_csv_and_quotes(kind: str) -> None:
    data = base_data()
    data["prices"]["csv"] = "prices.csv"
    error = load_error(data, kind)
    assert isinstance(error, ScenarioError)
    assert "[prices]" in str(error)
    assert "csv" in str(error)
    assert "quote" in str(error)


@pytest.mark.parametrize("name", ["case.toml", "case.json"])
def test_spec_12_missing_csv_file(tmp_path: Path, name: str) -> None:
    data = base_data()
    data["prices"] = {"csv": "nowhere/prices.csv"}
    text = to_toml(data) if name.endswith("toml") else to_json(data)
    path = write(tmp_path / "case" / name, text)
    with pytest.raises(WarrantError) as caught:
        load_scenario(path)
    message = str(caught.value)
    assert "nowhere/prices.csv" in message  # the file it looked for, beside the scenario
    assert str(tmp_path / "case" / "nowhere") in message
    assert name in message


def test_spec_12_malformed_csv_row_names_its_line(tmp_path: Path) -> None:
    write(tmp_path / "p.csv", "date,close\n2002-05-24,1.00\n2002-05-28,abc\n")
    path = write(
        tmp_path / "s.toml", '[capitalization]\ncommon_outstanding = 7\n[prices]\ncsv = "p.csv"\n'
    )
    with pytest.raises(WarrantError) as caught:
        load_scenario(path)
    assert "line 3" in str(caught.value)
    assert caught.value.field == "close"
    assert "s.toml" in str(caught.value)


@FORMATS
@pytest.mark.parametrize("day", [D(2002, 5, 25), D(2002, 5, 26), D(2002, 7, 4), D(2002, 5, 27)])
def test_spec_12_quote_on_a_non_trading_day(kind: str, day: dt.date) -> None:
    # Saturday, Sunday, Independence Day, Memorial Day 2002.
    data = base_data()
    data["prices"]["quote"].append({"date": day, "close": "1.00"})
    error = load_error(data, kind)
    assert isinstance(error, NotATradingDay)
    assert error.field == "date"
    assert day.isoformat() in str(error)
    assert "prices" in str(error)


def test_spec_12_duplicate_quote_day() -> None:
    data = base_data()
    data["prices"]["quote"].append({"date": D(2002, 5, 24), "close": "2"})
    error = load_error(data, "json")
    assert error.field == "date"
    assert "2002-05-24" in str(error)


def test_spec_12_unpaired_bid_names_the_quote() -> None:
    data = base_data()
    data["prices"]["quote"][1] = {"date": D(2002, 5, 28), "bid": "0.99"}
    error = load_error(data, "toml")
    assert error.field == "bid"
    assert "prices.quote[1]" in str(error)


@pytest.mark.parametrize(
    ("kind", "text"),
    [
        ("toml", "[warrant\npreset = 'alpha-2002'\n"),
        ("toml", "[capitalization]\ncommon_outstanding = \n"),
        ("toml", "[capitalization]\ncommon_outstanding = 1\ncommon_outstanding = 2\n"),
        ("json", '{"capitalization": {"common_outstanding": 7000000}'),
        ("json", "{'capitalization': {}}"),
        ("json", ""),
    ],
)
def test_spec_12_invalid_syntax(kind: str, text: str, tmp_path: Path) -> None:
    with pytest.raises(ScenarioError) as caught:
        loads_scenario(text, kind=kind)
    assert f"not valid {kind.upper()}" in str(caught.value)
    path = write(tmp_path / f"broken.{kind}", text)
    with pytest.raises(ScenarioError) as caught:
        load_scenario(path)
    assert str(path) in str(caught.value)


@pytest.mark.parametrize("text", ["[]", "7", '"scenario"', "null"])
def test_spec_12_json_that_is_not_a_table(text: str) -> None:
    with pytest.raises(ScenarioError):
        loads_scenario(text, kind="json")


@pytest.mark.parametrize(
    ("kind", "text", "where"),
    [
        (
            "json",
            '{"capitalization": {"common_outstanding": 7}, "event": [{"type": "buyback", '
            '"date": "2002-06-03", "shares": 1}, 5]}',
            "event[1]",
        ),
        (
            "json",
            '{"capitalization": {"common_outstanding": 7}, "event": ["issuance"]}',
            "event[0]",
        ),
        (
            "toml",
            'event = [{type = "buyback", date = 2002-06-03, shares = 1}, {type = "buyback", '
            "date = 2002-06-04, shares = 2}, 3]\n[capitalization]\ncommon_outstanding = 7\n",
            "event[2]",
        ),
    ],
)
def test_spec_12_an_event_that_is_not_a_table(kind: str, text: str, where: str) -> None:
    with pytest.raises(ScenarioError) as caught:
        loads_scenario(text, kind=kind)
    assert where in str(caught.value)
    assert "table" in str(caught.value)


@pytest.mark.parametrize(
    ("kind", "text", "field"),
    [
        (
            "json",
            '{"capitalization": {"common_outstanding": 7}, "event": {"type": "buyback"}}',
            "event",
        ),
        ("toml", '[capitalization]\ncommon_outstanding = 7\n[event]\ntype = "buyback"\n', "event"),
        ("toml", 'warrant = "alpha-2002"\n[capitalization]\ncommon_outstanding = 7\n', "warrant"),
        ("json", '{"capitalization": {"common_outstanding": 7}, "reading": ["issued"]}', "reading"),
    ],
)
def test_spec_12_a_table_that_is_not_a_table(kind: str, text: str, field: str) -> None:
    with pytest.raises(ScenarioError) as caught:
        loads_scenario(text, kind=kind)
    assert caught.value.field == field
    assert field in str(caught.value)


def test_spec_12_unknown_preset_names_the_warrant_table() -> None:
    data = base_data()
    data["warrant"]["preset"] = "beta-2009"
    error = load_error(data, "toml")
    assert "beta-2009" in str(error)
    assert "[warrant]" in str(error)


def test_spec_12_unreadable_scenario_file(tmp_path: Path) -> None:
    with pytest.raises(ScenarioError) as caught:
        load_scenario(tmp_path / "absent.toml")
    assert "absent.toml" in str(caught.value)


# -- every event type beyond issues and grants: load, round trip, bad values, replay --------

NEW_TYPES = (
    "convertible-issuance",
    "option-on-convertible",
    "repricing",
    "stock-split",
    "stock-dividend",
    "dividend-unpaid",
    "distribution",
    "reorganization",
    "other-securities-issuance",
)


EVENTS_HEAD = """\
[warrant]
preset = "alpha-2002"
face_shares = 100000

[capitalization]
common_outstanding = 7000000

[prices]
csv = "prices.csv"
"""


EVENTS_TOML = """
[[event]]
type = "issuance"
date = 2002-06-03
shares = 1000000
cash = 900000
expenses = 50000

[[event]]
type = "convertible-issuance"
id = "cv"
date = 2002-07-01
record_date = 2002-06-28
max_shares = 1000000
min_conversion_payment = 200000
consideration = "500,000"
expires = 2003-07-01

[[event]]
type = "option-on-convertible"
id = "oc"
date = 2002-07-15
max_shares = 200000
min_exercise_payment = 50000
min_conversion_payment = "10000"
consideration = 1000.50
expires = 2003-07-15

[[event]]
type = "option-grant"
id = "g"
date = 2002-07-19
shares = 500000
exercise_price = 1.00
expires = 2003-07-01

[[event]]
type = "repricing"
date = 2002-08-01
of = "g"
exercise_price = 0.50

[[event]]
type = "stock-split"
date = 2002-08-15
ratio = 1.5

[[event]]
type = "stock-dividend"
date = 2002-09-10
record_date = 2002-09-03
shares = 100000
paid = false

[[event]]
type = "stock-dividend"
date = 2002-09-20
record_date = 2002-09-16
shares = "100000"

[[event]]
type = "dividend-unpaid"
date = 2002-10-01
record_date = 2002-09-16

[[event]]
type = "distribution"
date = 2002-10-15
record_date = 2002-10-10
kind = "Spinco common"
per_share = "1/4"
source = "other"

[[event]]
type = "distribution"
date = 2002-10-20
kind = "cash"
per_share = 0.05
source = "retained-earnings"

[[event]]
type = "expiry"
date = 2002-11-01
of = "cv"

[[event]]
type = "reorganization"
date = 2002-12-02
basket = { cash = "2.00", "Acquirer common" = 0.5 }

[[event]]
type = "other-securities-issuance"
date = 2002-12-10
description = "Acquirer notes convertible into \\"Acquirer common\\""
"""


EVENTS_JSON = [
    {
        "type": "issuance",
        "date": "2002-06-03",
        "shares": 1000000,
        "cash": 900000,
        "expenses": 50000,
    },
    {
        "type": "convertible-issuance",
        "id": "cv",
        "date": "2002-07-01",
        "record_date": "2002-06-28",
        "max_shares": 1000000,
        "min_conversion_payment": 200000,
        "consideration": "500,000",
        "expires": "2003-07-01",
    },
    {
        "type": "option-on-convertible",
        "id": "oc",
        "date": "2002-07-15",
        "max_shares": 200000,
        "min_exercise_payment": 50000,
        "min_conversion_payment": "10000",
        "consideration": 1000.50,
        "expires": "2003-07-15",
    },
    {
        "type": "option-grant",
        "id": "g",
        "date": "2002-07-19",
        "shares": 500000,
        "exercise_price": 1.00,
        "expires": "2003-07-01",
    },
    {"type": "repricing", "date": "2002-08-01", "of": "g", "exercise_price": 0.50},
    {"type": "stock-split", "date": "2002-08-15", "ratio": 1.5},
    {
        "type": "stock-dividend",
        "date": "2002-09-10",
        "record_date": "2002-09-03",
        "shares": 100000,
        "paid": False,
    },
    {
        "type": "stock-dividend",
        "date": "2002-09-20",
        "record_date": "2002-09-16",
        "shares": "100000",
    },
    {"type": "dividend-unpaid", "date": "2002-10-01", "record_date": "2002-09-16"},
    {
        "type": "distribution",
        "date": "2002-10-15",
        "record_date": "2002-10-10",
        "kind": "Spinco common",
        "per_share": "1/4",
        "source": "other",
    },
    {
        "type": "distribution",
        "date": "2002-10-20",
        "kind": "cash",
        "per_share": 0.05,
        "source": "retained-earnings",
    },
    {"type": "expiry", "date": "2002-11-01", "of": "cv"},
    {
        "type": "reorganization",
        "date": "2002-12-02",
        "basket": {"cash": "2.00", "Acquirer common": 0.5},
    },
    {
        "type": "other-securities-issuance",
        "date": "2002-12-10",
        "description": 'Acquirer notes convertible into "Acquirer common"',
    },
]


def hand_built_events() -> tuple[object, ...]:
    """The events above, built by hand with exact values."""
    return (
        Issuance(date=D(2002, 6, 3), shares=F(1_000_000), cash=F(900_000), expenses=F(50_000)),
        ConvertibleIssuance(
            date=D(2002, 7, 1),
            id="cv",
            record_date=D(2002, 6, 28),
            max_shares=F(1_000_000),
            min_conversion_payment=F(200_000),
            consideration=F(500_000),
            expires=D(2003, 7, 1),
        ),
        OptionOnConvertible(
            date=D(2002, 7, 15),
            id="oc",
            max_shares=F(200_000),
            min_exercise_payment=F(50_000),
            min_conversion_payment=F(10_000),
            consideration=F(2001, 2),
            expires=D(2003, 7, 15),
        ),
        OptionGrant(
            date=D(2002, 7, 19),
            id="g",
            shares=F(500_000),
            exercise_price=F(1),
            expires=D(2003, 7, 1),
        ),
        Repricing(date=D(2002, 8, 1), of="g", exercise_price=F(1, 2)),
        StockSplit(date=D(2002, 8, 15), ratio=F(3, 2)),
        StockDividend(
            date=D(2002, 9, 10), record_date=D(2002, 9, 3), shares=F(100_000), paid=False
        ),
        StockDividend(date=D(2002, 9, 20), record_date=D(2002, 9, 16), shares=F(100_000)),
        DividendUnpaid(date=D(2002, 10, 1), record_date=D(2002, 9, 16)),
        Distribution(
            date=D(2002, 10, 15),
            record_date=D(2002, 10, 10),
            kind="Spinco common",
            per_share=F(1, 4),
            source=Source.OTHER,
        ),
        Distribution(
            date=D(2002, 10, 20), kind="cash", per_share=F(1, 20), source=Source.RETAINED_EARNINGS
        ),
        Expiry(date=D(2002, 11, 1), of="cv"),
        Reorganization(date=D(2002, 12, 2), basket={"cash": F(2), "Acquirer common": F(1, 2)}),
        OtherSecuritiesIssuance(
            date=D(2002, 12, 10), description='Acquirer notes convertible into "Acquirer common"'
        ),
    )


@pytest.fixture
def events_folder(tmp_path: Path) -> Path:
    days = warrant.trading_days(D(2002, 1, 2), D(2003, 12, 31))
    (tmp_path / "prices.csv").write_text(
        "date,close\n" + "".join(f"{day.isoformat()},1.00\n" for day in days), encoding="utf-8"
    )
    return tmp_path


def load_events_toml(events_folder: Path, events: str = EVENTS_TOML):
    return loads_scenario(EVENTS_HEAD + events, base=events_folder)


def load_events_json(events_folder: Path):
    data = {
        "warrant": {"preset": "alpha-2002", "face_shares": 100000},
        "capitalization": {"common_outstanding": 7000000},
        "prices": {"csv": "prices.csv"},
        "event": EVENTS_JSON,
    }
    return loads_scenario(json.dumps(data), kind="json", base=events_folder)


def _floats(value):
    if isinstance(value, float):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from _floats(item)
    elif isinstance(value, list):
        for item in value:
            yield from _floats(item)


def test_spec_10_the_new_types_are_registered():
    for name in NEW_TYPES:
        assert name in EVENT_TYPES
    used = {event.TYPE for event in hand_built_events()}
    assert set(NEW_TYPES) <= used


def test_spec_10_every_new_event_type_loads_from_toml(events_folder):
    scenario = load_events_toml(events_folder)
    expected = hand_built_events()
    assert len(scenario.events) == len(expected)
    for index, (loaded, built) in enumerate(zip(scenario.events, expected, strict=True)):
        assert type(loaded) is type(built), index
        assert loaded == built, index
    # TOML floats arrive exact: 1.5 is 3/2, 1000.50 is 2001/2, 0.05 is 1/20
    assert scenario.events[5].ratio == F(3, 2)
    assert scenario.events[2].consideration == F(2001, 2)
    assert scenario.events[10].per_share == F(1, 20)
    assert scenario.events[12].basket == (("cash", F(2)), ("Acquirer common", F(1, 2)))


def test_spec_10_every_new_event_type_loads_from_json(events_folder):
    assert load_events_json(events_folder).events == hand_built_events()
    assert load_events_json(events_folder) == load_events_toml(events_folder)


def test_spec_11_inv10_round_trip_through_toml(events_folder):
    scenario = load_events_toml(events_folder)
    text = scenario_to_toml(scenario)
    again = loads_scenario(text, base=events_folder)
    assert again == scenario
    assert again.events == hand_built_events()
    assert scenario_to_toml(again) == text


def test_spec_11_inv10_round_trip_through_json(events_folder):
    scenario = load_events_toml(events_folder)
    text = scenario_to_json(scenario)
    again = loads_scenario(text, kind="json", base=events_folder)
    assert again == scenario
    assert again.events == hand_built_events()
    assert scenario_to_json(again) == text
    # the basket is written as an object of exact strings
    written = json.loads(text)["event"][12]
    assert written["type"] == "reorganization"
    assert {k: F(v) for k, v in written["basket"].items()} == {
        "cash": 2,
        "Acquirer common": F(1, 2),
    }
    # defaults are left out: a paid dividend does not write paid = true
    assert "paid" not in json.loads(text)["event"][7]
    assert json.loads(text)["event"][6]["paid"] is False


def test_spec_11_inv10_round_trip_through_toml_then_json(events_folder):
    scenario = load_events_toml(events_folder)
    via_json = loads_scenario(scenario_to_json(scenario), kind="json", base=events_folder)
    via_both = loads_scenario(scenario_to_toml(via_json), base=events_folder)
    assert via_both == scenario


@pytest.mark.parametrize(
    "table",
    [
        'type = "convertible-issuance"\ndate = 2002-07-01\nmax_shares = 10\nshares = 10',
        'type = "option-on-convertible"\ndate = 2002-07-01\nmax_shares = 10\nexercise_price = 1',
        'type = "repricing"\ndate = 2002-07-01\nof = "g"\nexercise_price = 1\nshares = 10',
        'type = "stock-split"\ndate = 2002-07-01\nratio = 2\nshares = 10',
        'type = "stock-dividend"\ndate = 2002-07-01\nshares = 10\nratio = 2',
        'type = "dividend-unpaid"\ndate = 2002-07-01\nrecord_date = 2002-06-03\nshares = 10',
        'type = "distribution"\ndate = 2002-07-01\nkind = "cash"\nper_share = 1\nshares = 10',
        'type = "reorganization"\ndate = 2002-07-01\nbasket = { cash = 1 }\nratio = 2',
        'type = "other-securities-issuance"\ndate = 2002-07-01\ndescription = "x"\nshares = 10',
    ],
    ids=NEW_TYPES,
)
def test_spec_12_unknown_key_in_a_new_event_is_refused_by_name(events_folder, table):
    with pytest.raises(ScenarioError) as caught:
        load_events_toml(events_folder, "\n[[event]]\n" + table + "\n")
    assert caught.value.field in {"shares", "exercise_price", "ratio"}
    assert "event[0]" in str(caught.value)


@pytest.mark.parametrize(
    ("table", "field"),
    [
        ('type = "stock-split"\ndate = 2002-07-01\nratio = 0', "ratio"),
        ('type = "stock-split"\ndate = 2002-07-01\nratio = 1', "ratio"),
        ('type = "stock-dividend"\ndate = 2002-07-01\nshares = 10\npaid = "no"', "paid"),
        ('type = "distribution"\ndate = 2002-07-01\nkind = "common stock"\nper_share = 1', "kind"),
        (
            'type = "distribution"\ndate = 2002-07-01\nkind = "cash"\nper_share = 1\nsource = '
            '"profits"',
            "source",
        ),
        ('type = "reorganization"\ndate = 2002-07-01\nbasket = "cash"', "basket"),
        ('type = "repricing"\ndate = 2002-07-01\nexercise_price = 1', "of"),
    ],
    ids=["split-0", "split-1", "paid-text", "common-stock", "bad-source", "basket-text", "no-of"],
)
def test_spec_12_bad_values_in_new_events_name_their_field(events_folder, table, field):
    with pytest.raises(ScenarioError if field == "of" else warrant.InvalidValue) as caught:
        load_events_toml(events_folder, "\n[[event]]\n" + table + "\n")
    assert caught.value.field == field
    assert "event[0]" in str(caught.value)


def test_spec_10_replayed_json_marks_readjustments(events_folder):
    data = replay_json(replay(load_events_toml(events_folder)))
    entries = data["adjustments"]
    assert [entry["clause"] for entry in entries] == [
        "4.C(1)",  # the sale below FMV
        "4.C(3)",  # the convertibles: 700,000 for 1,000,000 shares
        "4.C(4)",  # the options on convertibles: 61,000.50 for 200,000 shares
        "4.C(6)",  # the repricing of g to 0.50
        "4.E",  # the 3-for-2 split
        "4.D", "4.D",  # the unpaid dividend, made and undone at once
        "4.D",  # the dividend of record date 2002-09-16
        "4.D",  # ... undone by dividend-unpaid
        "4.C(3)",  # the conversion privilege expires unexercised
    ]
    assert [entry["readjustment"] for entry in entries] == [
        False, False, False, False, False, False, True, False, True, True,
    ]
    assert entries[6]["readjusts"] == 5
    assert entries[8]["readjusts"] == 7
    assert entries[9]["readjusts"] == 1
    assert entries[9]["event"] == 11  # the expiry has no id of its own: its position
    assert entries[9]["event_type"] == "expiry"
    # the convertible was issued as of its record date (4.C(8))
    assert entries[1]["date"] == "2002-06-28"
    assert entries[6]["date"] == "2002-09-03"
    assert F(entries[1]["consideration"]) == 700_000
    assert F(entries[2]["consideration"]) == F("61000.50")
    assert F(entries[3]["consideration"]) == 250_000
    outcomes = [d["outcome"] for d in data["determinations"]]
    assert outcomes[9] == Outcome.ENTITLEMENT.value
    assert outcomes[10] == Outcome.NO_PROVISION.value
    assert outcomes[12] == Outcome.SUBSTITUTED.value
    # after the reorganisation, dilution of the new securities is for the parties (4.C(7))
    assert outcomes[13] == Outcome.MANUAL_DETERMINATION.value
    assert len(data["entitlements"]) == 1
    assert data["substitution"]["date"] == "2002-12-02"
    # nothing in the JSON is a float (SPEC §2: quantities are exact strings)
    assert not list(_floats(data))


def test_spec_10_replayed_json_hand_checks_the_first_three_steps(events_folder):
    data = replay_json(replay(load_events_toml(events_folder)))
    entries = data["adjustments"]
    p1 = F("1.94") * F(7_850_000, 8_000_000)
    # convertibles: A 8,000,000, B 700,000, C 1,000,000
    p2 = p1 * F(8_700_000, 9_000_000)
    # options on convertibles: A 9,000,000, B 61,000.50, C 200,000
    p3 = p2 * (9_000_000 + F("61000.50")) / (9_000_000 + 200_000)
    # repricing of g: 500,000 at 0.50, nothing paid for the grant: A 9,200,000, B 250,000
    p4 = p3 * F(9_450_000, 9_700_000)
    assert [F(entry["price_after"]) for entry in entries[:4]] == [p1, p2, p3, p4]
    assert F(entries[4]["price_after"]) == p4 * F(2, 3)
