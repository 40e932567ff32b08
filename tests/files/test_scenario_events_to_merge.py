"""Scenario files with the 4.A–4.E and 4.C(4)/(6)/(8) event types (SPEC §10, §11 invariant 10).

Each new event type loads from TOML and JSON with the keys SPEC §10 names, to
an event equal to one built by hand; a scenario round-trips exactly through
``scenario_to_toml`` and ``scenario_to_json``; a replayed scenario's JSON marks
its readjustments.  Numbers written as TOML/JSON floats arrive exact.
"""

from __future__ import annotations

import datetime as dt
import json
from fractions import Fraction
from pathlib import Path

import pytest

import warrant
from warrant.analyses.replay import replay
from warrant.files.json_output import replay_json
from warrant.files.scenario_files import loads_scenario, scenario_to_json, scenario_to_toml
from warrant.ground.errors import ScenarioError
from warrant.register.events import (
    EVENT_TYPES,
    ConvertibleIssuance,
    Distribution,
    DividendUnpaid,
    Expiry,
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
from warrant.register.records import Outcome

F = Fraction
D = dt.date

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

HEAD = """\
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


def hand_events() -> tuple[object, ...]:
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
def folder(tmp_path: Path) -> Path:
    days = warrant.trading_days(D(2002, 1, 2), D(2003, 12, 31))
    (tmp_path / "prices.csv").write_text(
        "date,close\n" + "".join(f"{day.isoformat()},1.00\n" for day in days), encoding="utf-8"
    )
    return tmp_path


def load_toml(folder: Path, events: str = EVENTS_TOML):
    return loads_scenario(HEAD + events, base=folder)


def load_json(folder: Path):
    data = {
        "warrant": {"preset": "alpha-2002", "face_shares": 100000},
        "capitalization": {"common_outstanding": 7000000},
        "prices": {"csv": "prices.csv"},
        "event": EVENTS_JSON,
    }
    return loads_scenario(json.dumps(data), kind="json", base=folder)


def test_spec_10_the_new_types_are_registered():
    for name in NEW_TYPES:
        assert name in EVENT_TYPES
    used = {event.TYPE for event in hand_events()}
    assert set(NEW_TYPES) <= used


def test_spec_10_every_new_event_type_loads_from_toml(folder):
    scenario = load_toml(folder)
    expected = hand_events()
    assert len(scenario.events) == len(expected)
    for index, (loaded, built) in enumerate(zip(scenario.events, expected, strict=True)):
        assert type(loaded) is type(built), index
        assert loaded == built, index
    # TOML floats arrive exact: 1.5 is 3/2, 1000.50 is 2001/2, 0.05 is 1/20
    assert scenario.events[5].ratio == F(3, 2)
    assert scenario.events[2].consideration == F(2001, 2)
    assert scenario.events[10].per_share == F(1, 20)
    assert scenario.events[12].basket == (("cash", F(2)), ("Acquirer common", F(1, 2)))


def test_spec_10_every_new_event_type_loads_from_json(folder):
    assert load_json(folder).events == hand_events()
    assert load_json(folder) == load_toml(folder)


def test_spec_11_inv10_round_trip_through_toml(folder):
    scenario = load_toml(folder)
    text = scenario_to_toml(scenario)
    again = loads_scenario(text, base=folder)
    assert again == scenario
    assert again.events == hand_events()
    assert scenario_to_toml(again) == text


def test_spec_11_inv10_round_trip_through_json(folder):
    scenario = load_toml(folder)
    text = scenario_to_json(scenario)
    again = loads_scenario(text, kind="json", base=folder)
    assert again == scenario
    assert again.events == hand_events()
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


def test_spec_11_inv10_round_trip_through_toml_then_json(folder):
    scenario = load_toml(folder)
    via_json = loads_scenario(scenario_to_json(scenario), kind="json", base=folder)
    via_both = loads_scenario(scenario_to_toml(via_json), base=folder)
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
def test_spec_12_unknown_key_in_a_new_event_is_refused_by_name(folder, table):
    with pytest.raises(ScenarioError) as caught:
        load_toml(folder, "\n[[event]]\n" + table + "\n")
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
def test_spec_12_bad_values_in_new_events_name_their_field(folder, table, field):
    with pytest.raises(ScenarioError if field == "of" else warrant.InvalidValue) as caught:
        load_toml(folder, "\n[[event]]\n" + table + "\n")
    assert caught.value.field == field
    assert "event[0]" in str(caught.value)


def test_spec_10_replayed_json_marks_readjustments(folder):
    data = replay_json(replay(load_toml(folder)))
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


def _floats(value):
    if isinstance(value, float):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from _floats(item)
    elif isinstance(value, list):
        for item in value:
            yield from _floats(item)


def test_spec_10_replayed_json_hand_checks_the_first_three_steps(folder):
    data = replay_json(replay(load_toml(folder)))
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
