"""Scenario files for the holder's side (SPEC §10, §11 invariant 10, §12): the series
(``[[warrant.series]]``), the events ``warrant-exercise``, ``warrant-transfer`` and
``warrant-exchange``, and the ``series``/``exercises`` of ``replay --json``."""

from __future__ import annotations

import datetime as dt
import json
from fractions import Fraction as F

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from warrant.analyses.replay import replay
from warrant.files.json_output import replay_json
from warrant.files.scenario_files import loads_scenario, scenario_to_json, scenario_to_toml
from warrant.ground.errors import InvalidValue, NaiveDatetime, ScenarioError, WarrantError
from warrant.instrument.terms import PACIFIC_STANDARD_TIME
from warrant.register.holder_events import (
    ExchangePart,
    WarrantExchange,
    WarrantExercise,
    WarrantTransfer,
)
from warrant.register.series import SeriesWarrant

D = dt.date

PRICES = "\n".join(
    f'[[prices.quote]]\ndate = {day}\nclose = "2.50"\n'
    for day in ("2002-05-24", "2002-05-28", "2002-05-29", "2002-05-30", "2002-05-31")
)

SERIES = f"""
[warrant]
preset = "alpha-2002"
[[warrant.series]]
id = "A"
holder = "Bank A"
face_shares = 100000
[[warrant.series]]
id = "B"
holder = "Bank B"
face_shares = "50000"

[capitalization]
common_outstanding = 7000000

{PRICES}
"""

EVENTS = """
[[event]]
type = "warrant-transfer"
date = 2002-05-01
warrant = "A"
to = "Fund C"
shares = 40000
new_id = "C"
remainder_id = "A2"

[[event]]
type = "warrant-exchange"
date = 2002-05-02
warrant = "B"
into = [ { id = "B1", shares = 20000 }, { shares = "30000" } ]

[[event]]
type = "warrant-exercise"
date = 2002-06-03
received_at = 2002-06-03T09:30:00-08:00
warrant = "A2"
shares = 1000
cash = "940"
net = true
"""


def test_spec_10_series_tables_give_the_warrants_of_the_series():
    scenario = loads_scenario(SERIES)
    assert scenario.face_shares is None
    assert scenario.series == (
        SeriesWarrant(id="A", holder="Bank A", face_shares=100_000),
        SeriesWarrant(id="B", holder="Bank B", face_shares=50_000),
    )
    assert scenario.total_face_shares == 150_000


def test_spec_10_single_face_shares_is_a_series_of_one_warrant_w_1():
    scenario = loads_scenario(SERIES.replace(SERIES[SERIES.index("[[warrant.series]]"):
                                                    SERIES.index("[capitalization]")],
                                             "face_shares = 100000\n"))
    assert scenario.series == ()
    assert scenario.warrants == (SeriesWarrant(id="W-1", face_shares=100_000),)
    out = replay_json(replay(scenario))
    assert out["series"] == [{"id": "W-1", "holder": None, "face_shares": "100000",
                              "shares": "100000", "entitlements": []}]
    assert out["exercises"] == []


def test_spec_10_holder_events_load_exactly():
    scenario = loads_scenario(SERIES + EVENTS)
    transfer, exchange, exercise = scenario.events
    assert transfer == WarrantTransfer(date=D(2002, 5, 1), warrant="A", to="Fund C",
                                       shares=40_000, new_id="C", remainder_id="A2")
    assert exchange == WarrantExchange(date=D(2002, 5, 2), warrant="B", into=(
        ExchangePart(id="B1", shares=20_000), ExchangePart(shares=30_000)))
    assert exercise.received_at == dt.datetime(2002, 6, 3, 9, 30, tzinfo=PACIFIC_STANDARD_TIME)
    assert exercise.cash == F(940) and exercise.net is True and exercise.debt == 0


def test_spec_10_replay_json_has_the_series_and_the_exercises():
    out = replay_json(replay(loads_scenario(SERIES + EVENTS)))
    # 60,000 on A2 less the 1,000 exercised; B exchanged into B1 and B.1 (derived id)
    assert [(w["id"], w["holder"], w["shares"]) for w in out["series"]] == [
        ("C", "Fund C", "40000"), ("A2.1", "Bank A", "59000"),
        ("B1", "Bank B", "20000"), ("B.1", "Bank B", "30000"),
    ]
    assert out["shares"] == "149000"
    (exercise,) = out["exercises"]
    # 1,000 × 1.94 = 1,940 due; cash 940; net issuance of 1,000 at FMV 2.50 withholds 400
    assert {key: exercise[key] for key in (
        "warrant", "date", "fmv", "shares_exercised", "sum_payable", "sum_payable_rounded",
        "paid_cash", "paid_debt", "paid_by_net_issuance", "shares_withheld", "shares_issued",
        "whole_shares", "cash_in_lieu", "cash_in_lieu_exact", "new_warrant",
        "entitlements_delivered",
    )} == {
        "warrant": "A2", "date": "2002-06-03", "fmv": "2.5", "shares_exercised": "1000",
        "sum_payable": "1940", "sum_payable_rounded": "1940.00", "paid_cash": "940",
        "paid_debt": "0", "paid_by_net_issuance": "1000", "shares_withheld": "400",
        "shares_issued": "600", "whole_shares": "600", "cash_in_lieu": "0.00",
        "cash_in_lieu_exact": "0",
        "new_warrant": {"id": "A2.1", "holder": "Bank A", "shares": "59000",
                        "face_shares": "59000"},
        "entitlements_delivered": [],
    }
    assert exercise["fmv_days"] == ["2002-05-24", "2002-05-28", "2002-05-29", "2002-05-30",
                                    "2002-05-31"]
    # 600 whole shares joined the issued count (4.C(5)(i)): 7,000,000 + 600
    assert out["outstanding"]["issued"] == "7000600"


def test_spec_11_inv10_holder_scenarios_round_trip_through_both_formats():
    scenario = loads_scenario(SERIES + EVENTS)
    assert loads_scenario(scenario_to_toml(scenario)) == scenario
    assert loads_scenario(scenario_to_json(scenario), kind="json") == scenario
    first = json.dumps(replay_json(replay(scenario)), sort_keys=True)
    back = loads_scenario(scenario_to_json(scenario), kind="json")
    assert json.dumps(replay_json(replay(back)), sort_keys=True) == first


holder_ids = st.text("ABCxyz-.1", min_size=1, max_size=6)
amounts = st.builds(F, st.integers(1, 10**9), st.sampled_from([1, 2, 3, 100, 157]))
instants = st.datetimes(dt.datetime(2002, 3, 4), dt.datetime(2007, 3, 2)).map(
    lambda moment: moment.replace(microsecond=0, tzinfo=PACIFIC_STANDARD_TIME))


@st.composite
def holder_events(draw: st.DrawFn):
    kind = draw(st.sampled_from(["exercise", "transfer", "exchange"]))
    if kind == "exercise":
        at = draw(st.one_of(st.none(), instants))
        return WarrantExercise(
            date=at.date() if at else draw(st.dates(D(2002, 3, 4), D(2007, 3, 2))),
            warrant=draw(holder_ids), shares=draw(st.one_of(st.none(), amounts)), received_at=at,
            cash=draw(st.one_of(st.just(0), amounts)), debt=draw(st.one_of(st.just(0), amounts)),
            net=draw(st.booleans()), remainder_id=draw(st.one_of(st.none(), holder_ids)),
        )
    day = draw(st.dates(D(2002, 3, 4), D(2007, 3, 2)))
    if kind == "transfer":
        return WarrantTransfer(date=day, warrant=draw(holder_ids), to=draw(holder_ids),
                               shares=draw(st.one_of(st.none(), amounts)))
    parts = draw(st.lists(st.builds(ExchangePart, id=st.none(), shares=amounts), min_size=2,
                          max_size=4))
    return WarrantExchange(date=day, warrant=draw(holder_ids), into=parts)


@settings(max_examples=60, deadline=None)
@given(events=st.lists(holder_events(), max_size=4))
def test_spec_11_inv10_random_holder_events_round_trip_exactly(events):
    base = loads_scenario(SERIES)
    import attrs

    scenario = attrs.evolve(base, events=tuple(events))
    assert loads_scenario(scenario_to_toml(scenario)) == scenario
    assert loads_scenario(scenario_to_json(scenario), kind="json") == scenario


series_lists = st.lists(
    st.builds(SeriesWarrant, id=holder_ids, holder=st.one_of(st.none(), st.text(min_size=1,
              max_size=8).filter(str.strip)), face_shares=amounts),
    min_size=1, max_size=4, unique_by=lambda item: item.id,
)


@settings(max_examples=60, deadline=None)
@given(series=series_lists)
def test_spec_11_inv10_random_series_round_trip_exactly(series):
    import attrs

    scenario = attrs.evolve(loads_scenario(SERIES), series=tuple(series))
    assert loads_scenario(scenario_to_toml(scenario)) == scenario
    assert loads_scenario(scenario_to_json(scenario), kind="json") == scenario


# -- bad input ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "error_type", "field", "where"),
    [
        (SERIES.replace('preset = "alpha-2002"', 'preset = "alpha-2002"\nface_shares = 5'),
         ScenarioError, "face_shares", "[warrant]"),
        (SERIES.replace('holder = "Bank B"', 'holder = "Bank B"\ncolour = "red"'),
         ScenarioError, "colour", "[warrant.series[1]]"),
        (SERIES.replace('id = "B"', 'id = "A"'), InvalidValue, "series.id", "[warrant]"),
        (SERIES.replace('face_shares = "50000"', 'face_shares = "0"'), InvalidValue,
         "face_shares", "[warrant.series[1]]"),
        (SERIES.replace('id = "B"\n', ''), ScenarioError, "id", "[warrant.series[1]]"),
    ],
)
def test_spec_12_bad_series_tables_are_named(text, error_type, field, where):
    with pytest.raises(error_type) as error:
        loads_scenario(text)
    assert error.value.field == field
    assert where in str(error.value)


def exercise_text(extra: str) -> str:
    return SERIES + f"""
[[event]]
type = "warrant-exercise"
date = 2002-06-03
warrant = "A"
cash = "194000"
{extra}
"""


@pytest.mark.parametrize(
    ("extra", "error_type", "field", "message"),
    [
        ("received_at = 2002-06-03T09:30:00", NaiveDatetime, "received_at", "UTC offset"),
        ("received_at = 2002-06-04T09:00:00+00:00", InvalidValue, "received_at",
         "falls on 2002-06-04 at Pacific"),
        ("received_at = 2002-06-04T09:00:00-08:00", InvalidValue, "received_at",
         "falls on 2002-06-04"),
        ("received_at = 2002-06-03", WarrantError, "received_at", "date and time"),
        ("net = 1", InvalidValue, "net", "true or false"),
        ("debt = -1", InvalidValue, "debt", "negative"),
        ("shares = 0", InvalidValue, "shares", "greater than zero"),
        ("colour = 1", ScenarioError, "colour", "unknown key"),
    ],
)
def test_spec_12_bad_exercise_fields_are_named(extra, error_type, field, message):
    with pytest.raises(error_type, match=message) as error:
        loads_scenario(exercise_text(extra))
    assert error.value.field == field
    assert "event[0] (warrant-exercise)" in str(error.value)


def test_spec_10_received_at_is_read_at_pacific_standard_time():
    # 01:00 UTC on the 4th is 17:00 on the 3rd at UTC-8: the day received is the 3rd
    (event,) = loads_scenario(exercise_text("received_at = 2002-06-04T01:00:00+00:00")).events
    assert event.date == D(2002, 6, 3)
    assert event.received_at == dt.datetime(2002, 6, 4, 1, tzinfo=dt.UTC)


def test_spec_12_received_at_in_json_is_read_and_a_naive_one_refused():
    scenario = loads_scenario(SERIES + EVENTS)
    data = json.loads(scenario_to_json(scenario))
    assert data["event"][2]["received_at"] == "2002-06-03T09:30:00-08:00"
    data["event"][2]["received_at"] = "2002-06-03T09:30:00"
    with pytest.raises(NaiveDatetime):
        loads_scenario(json.dumps(data), kind="json")
    data["event"][2]["received_at"] = "half past nine"
    with pytest.raises(ScenarioError, match="ISO form") as error:
        loads_scenario(json.dumps(data), kind="json")
    assert error.value.field == "received_at"
