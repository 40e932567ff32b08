"""The file, JSON, CLI and Python-name contract of the series and the holder's exercise
(Sections 1, 3 and 11), checked from outside: a scenario written here by hand, the
command line run as a user runs it, every figure worked below with Fractions.

The hand figures: P₀ = 1.94. The sale of 1,000,000 shares for 900,000 less 50,000 of
expenses at an FMV of 1.00 takes the price to 1.94 × (7,000,000 + 850,000) / 8,000,000
= 1.903625 (4.C(1)); a warrant of face f is then exercisable for f × P₀ / P₁ shares.
The FMV for an exercise received on 2002-07-01 is 2.50 (the five trading days before).
"""

from __future__ import annotations

import datetime as dt
import math
from fractions import Fraction
from pathlib import Path

import pytest
from tests.spec.contract_helpers import (
    assert_one_line_refusal,
    cents,
    cli,
    cli_json,
    exact,
    write,
)

import warrant

P0 = Fraction("1.94")
P1 = P0 * (7_000_000 + 850_000) / 8_000_000
FMV = Fraction("2.50")
SPIN = Fraction(1, 4)  # Spinco common per share receivable on the record date


def shares(face: int | Fraction) -> Fraction:
    return face * P0 / P1


SCENARIO = """
[warrant]
preset = "alpha-2002"

[[warrant.series]]
id = "A"
holder = "Bank A"
face_shares = 60000

[[warrant.series]]
id = "B"
holder = "Bank B"
face_shares = 40000

[capitalization]
common_outstanding = 7000000
plan_options_outstanding = 0

[prices]
quote = [
  { date = 2002-05-24, close = "1.00" }, { date = 2002-05-28, close = "1.00" },
  { date = 2002-05-29, close = "1.00" }, { date = 2002-05-30, close = "1.00" },
  { date = 2002-05-31, close = "1.00" },
  { date = 2002-06-24, close = "2.50" }, { date = 2002-06-25, close = "2.50" },
  { date = 2002-06-26, close = "2.50" }, { date = 2002-06-27, close = "2.50" },
  { date = 2002-06-28, close = "2.50" },
]

[[event]]
type = "warrant-transfer"
id = "t1"
date = 2002-05-01
warrant = "A"
to = "Fund C"
shares = 20000
new_id = "C"
remainder_id = "A-rest"

[[event]]
type = "warrant-exchange"
id = "x1"
date = 2002-05-02
warrant = "B"
into = [{ id = "B1", shares = 30000 }, { id = "B2", shares = 10000 }]

[[event]]
type = "issuance"
id = "sale"
date = 2002-06-03
shares = 1000000
cash = 900000
expenses = 50000

[[event]]
type = "distribution"
id = "spin"
date = 2002-06-20
record_date = 2002-06-14
kind = "Spinco common"
per_share = "1/4"
"""

EXERCISES = """
[[event]]
type = "warrant-exercise"
id = "e1"
date = 2002-07-01
received_at = 2002-07-01T09:30:00-08:00
warrant = "B2"
cash = 5000
debt = 1000
net = true

[[event]]
type = "warrant-exercise"
id = "e2"
date = 2002-07-01
warrant = "C"
shares = 5000
cash = "9518.13"
remainder_id = "C-rest"
"""

EXERCISE_KEYS = {
    "warrant", "date", "fmv", "fmv_days", "shares_exercised", "sum_payable",
    "sum_payable_rounded", "paid_cash", "paid_debt", "paid_by_net_issuance",
    "shares_withheld", "shares_issued", "whole_shares", "cash_in_lieu",
    "cash_in_lieu_exact", "new_warrant", "entitlements_delivered",
}
FMV_DAYS = ["2002-06-24", "2002-06-25", "2002-06-26", "2002-06-27", "2002-06-28"]


@pytest.fixture(scope="module")
def scenario(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write(tmp_path_factory.mktemp("series"), "series.toml", SCENARIO + EXERCISES)


@pytest.fixture(scope="module")
def before_exercises(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write(tmp_path_factory.mktemp("series"), "series.toml", SCENARIO)


@pytest.fixture(scope="module")
def replayed(scenario: Path) -> dict[str, object]:
    return cli_json("replay", scenario, "--json")  # type: ignore[no-any-return]


def test_spec_contract_series_replay_keys(replayed):
    # after the transfer (C 20,000 + A-rest 40,000), the exchange (B1 30,000 + B2 10,000),
    # B2 exercised whole and 5,000 shares of C exercised, the rest on C-rest
    series = {item["id"]: item for item in replayed["series"]}
    assert set(series) == {"C-rest", "A-rest", "B1"}
    for item in series.values():
        assert {"id", "holder", "face_shares", "shares", "entitlements"} <= set(item)
    assert series["A-rest"]["holder"] == "Bank A"
    assert series["B1"]["holder"] == "Bank B"
    assert series["C-rest"]["holder"] == "Fund C"
    assert exact(series["A-rest"]["face_shares"]) == 40_000
    assert exact(series["A-rest"]["shares"]) == shares(40_000)
    assert exact(series["B1"]["shares"]) == shares(30_000)
    rest = shares(20_000) - 5000
    assert exact(series["C-rest"]["shares"]) == rest
    # a new warrant's face is what its shares were at the initial price: shares × P / P₀
    assert exact(series["C-rest"]["face_shares"]) == rest * P1 / P0
    # the spin-off accrued 1/4 per share receivable on the record date (after the sale)
    [accrued] = series["B1"]["entitlements"]
    assert accrued["kind"] == "Spinco common"
    assert exact(accrued["quantity"]) == shares(30_000) * SPIN
    [left] = series["C-rest"]["entitlements"]
    assert exact(left["quantity"]) == rest * SPIN


def test_spec_contract_top_level_shares_is_the_series_total(replayed):
    assert exact(replayed["shares"]) == shares(40_000) + shares(30_000) + shares(20_000) - 5000


def test_spec_contract_exercise_net_with_cash_and_debt(replayed):
    first, _ = replayed["exercises"]
    assert set(first) >= EXERCISE_KEYS
    assert first["warrant"] == "B2"
    assert first["date"] == "2002-07-01"
    assert exact(first["fmv"]) == FMV
    assert first["fmv_days"] == FMV_DAYS
    k = shares(10_000)
    assert exact(first["shares_exercised"]) == k
    due = k * P1  # = 10,000 × 1.94 = 19,400
    assert exact(first["sum_payable"]) == due == 19_400
    assert first["sum_payable_rounded"] == cents(due)
    assert exact(first["paid_cash"]) == 5000
    assert exact(first["paid_debt"]) == 1000
    net = due - 5000 - 1000
    assert exact(first["paid_by_net_issuance"]) == net
    withheld = net / FMV
    assert exact(first["shares_withheld"]) == withheld
    issued = k - withheld
    assert exact(first["shares_issued"]) == issued
    whole = math.floor(issued)
    assert exact(first["whole_shares"]) == whole
    assert exact(first["cash_in_lieu_exact"]) == (issued - whole) * FMV
    assert first["cash_in_lieu"] == cents((issued - whole) * FMV)
    assert first["new_warrant"] is None
    [delivered] = first["entitlements_delivered"]
    assert delivered["kind"] == "Spinco common"
    assert exact(delivered["quantity"]) == k * SPIN


def test_spec_contract_partial_exercise_names_the_remainder(replayed):
    _, second = replayed["exercises"]
    assert set(second) >= EXERCISE_KEYS
    assert second["warrant"] == "C"
    assert exact(second["shares_exercised"]) == 5000
    assert exact(second["sum_payable"]) == 5000 * P1
    assert second["sum_payable_rounded"] == cents(5000 * P1) == "9518.13"
    assert exact(second["paid_by_net_issuance"]) == 0
    assert exact(second["shares_withheld"]) == 0
    assert exact(second["whole_shares"]) == 5000
    assert exact(second["cash_in_lieu_exact"]) == 0
    new = second["new_warrant"]
    assert new["id"] == "C-rest"
    assert exact(new["shares"]) == shares(20_000) - 5000
    # k of S shares deliver k/S of what the warrant accrued: 5,000 / S × S/4
    [delivered] = second["entitlements_delivered"]
    assert exact(delivered["quantity"]) == 5000 * SPIN


def test_spec_contract_warrant_exercise_cli_prices_without_recording(scenario, replayed):
    priced = cli_json("exercise", scenario, "--warrant", "B1", "--received", "2002-07-01",
                      "--shares", "1000", "--cash", "1903.63", "--json")
    assert set(priced) >= EXERCISE_KEYS
    assert priced["warrant"] == "B1"
    assert exact(priced["sum_payable"]) == 1000 * P1
    assert priced["sum_payable_rounded"] == "1903.63"
    assert exact(priced["paid_cash"]) == Fraction("1903.63")
    assert exact(priced["whole_shares"]) == 1000
    assert exact(priced["new_warrant"]["shares"]) == shares(30_000) - 1000
    # nothing recorded: the register still holds B1 whole
    again = cli_json("replay", scenario, "--json")
    assert again["series"] == replayed["series"]


def test_spec_contract_warrant_exercise_cli_net_and_debt(scenario):
    priced = cli_json("exercise", scenario, "--warrant", "A-rest", "--received", "2002-07-01",
                      "--debt", "600", "--net", "--json")
    k = shares(40_000)  # default: all the warrant is exercisable for, fractions included
    assert exact(priced["shares_exercised"]) == k
    assert exact(priced["sum_payable"]) == 40_000 * P0
    assert exact(priced["paid_debt"]) == 600
    withheld = (40_000 * P0 - 600) / FMV
    assert exact(priced["shares_withheld"]) == withheld
    assert exact(priced["whole_shares"]) == math.floor(k - withheld)
    assert priced["new_warrant"] is None


def test_spec_contract_warrant_exercise_cli_refuses_net_at_or_below_price(scenario):
    # the FMV on 2002-06-03 is 1.00, below any price in force: nothing to issue
    done = cli("exercise", scenario, "--warrant", "B1", "--received", "2002-06-03", "--net")
    assert_one_line_refusal(done)


def test_spec_contract_warrant_consent_cli(scenario):
    result = cli("consent", scenario, "--as-of", "2002-07-02", "--signed", "A-rest",
                 "--signed", "B1", "--json")
    assert result.returncode == 0, result.stderr
    text = result.stdout
    # A-rest and B1 hold 70,000 × P₀/P₁ of 70,000 × P₀/P₁ + C-rest's shares: a majority
    signed = shares(70_000)
    total = signed + shares(20_000) - 5000
    assert str(signed) in text and str(total) in text
    assert '"majority": true' in text
    below = cli_json("consent", scenario, "--as-of", "2002-07-02", "--signed", "C-rest",
                     "--json", status=1)
    assert below["majority"] is False


def test_spec_contract_replay_exits_2_on_a_refused_exercise(tmp_path):
    over = SCENARIO + """
[[event]]
type = "warrant-exercise"
id = "too-many"
date = 2002-07-01
warrant = "B1"
shares = 40000
cash = 76145
"""
    assert_one_line_refusal(cli("replay", write(tmp_path, "over.toml", over), "--json"))


def test_spec_contract_single_face_shares_is_a_series_of_one(tmp_path):
    single = SCENARIO.replace(
        '[[warrant.series]]\nid = "A"\nholder = "Bank A"\nface_shares = 60000\n\n'
        '[[warrant.series]]\nid = "B"\nholder = "Bank B"\nface_shares = 40000\n',
        "face_shares = 100000\n",
    ).split("[[event]]")[0]
    replayed = cli_json("replay", write(tmp_path, "one.toml", single), "--json")
    [only] = replayed["series"]
    assert only["id"] == "W-1" == warrant.SINGLE_WARRANT_ID
    assert exact(only["shares"]) == exact(replayed["shares"]) == 100_000


def test_spec_contract_python_api_prices_an_exercise_on_the_ledger(before_exercises):
    loaded = warrant.load_scenario(before_exercises)
    ledger = warrant.replay(loaded).ledger
    event = warrant.WarrantExercise(
        id="probe", date=dt.date(2002, 7, 1), warrant="B1",
        shares=Fraction(1000), cash=Fraction("1903.63"),
    )
    settled = ledger.price_exercise(event)
    assert isinstance(settled, warrant.ExerciseSettlement)
    assert settled.sum_payable == 1000 * P1
    # pricing changes nothing: the series is as the four events left it
    assert {item.id for item in ledger.series} == {"A-rest", "C", "B1", "B2"}
    assert ledger.warrant_shares("B1") == shares(30_000)
    count = ledger.consent(["A-rest", "B1"], as_of=dt.date(2002, 7, 1))
    assert isinstance(count, warrant.ConsentCount)
    assert count.majority is True


def test_spec_contract_python_names_exported():
    for name in ("WarrantExercise", "WarrantTransfer", "WarrantExchange", "ExchangePart",
                 "SeriesWarrant", "ExerciseSettlement", "Delivery", "ConsentCount",
                 "count_consents", "SINGLE_WARRANT_ID", "ExerciseRefused", "PaymentMismatch",
                 "NothingToIssue", "TooManyShares", "UnknownWarrant", "NotABusinessDay",
                 "OutsideExercisePeriod", "NaiveDatetime", "SeriesChangeRefused"):
        assert name in warrant.__all__, name
        assert getattr(warrant, name) is not None


@pytest.mark.parametrize(("received_at", "accepted"), [
    ("2002-07-01T09:30:00", False),   # naive: refused
    ("2002-07-02T07:00:00Z", True),   # 2002-07-01 23:00 at UTC−8: the event's day
    ("2002-07-01T07:00:00Z", False),  # 2002-06-30 23:00 at UTC−8: another day
])
def test_spec_contract_received_at_is_aware_and_on_the_day_at_utc_minus_8(
    tmp_path, received_at, accepted
):
    text = (SCENARIO + EXERCISES).replace("received_at = 2002-07-01T09:30:00-08:00",
                                          f"received_at = {received_at}")
    done = cli("replay", write(tmp_path, "received.toml", text), "--json")
    if accepted:
        assert done.returncode == 0, done.stderr
    else:
        assert_one_line_refusal(done)
        assert "received_at" in done.stderr


def test_spec_contract_transfer_defaults_all_and_derives_ids(tmp_path):
    text = SCENARIO.replace('shares = 20000\nnew_id = "C"\nremainder_id = "A-rest"\n', "")
    text = text.split("[[event]]\ntype = \"warrant-exchange\"")[0]
    replayed = cli_json("replay", write(tmp_path, "all.toml", text), "--json")
    [moved, b] = sorted(replayed["series"], key=lambda item: item["id"] == "B")
    assert moved["holder"] == "Fund C" and moved["id"] not in {"A", "B"}
    assert exact(moved["face_shares"]) == 60_000
    assert b["id"] == "B"


def test_spec_contract_exchange_into_must_add_up(tmp_path):
    text = SCENARIO.replace('{ id = "B2", shares = 10000 }', '{ id = "B2", shares = 9999 }')
    assert_one_line_refusal(cli("replay", write(tmp_path, "short.toml", text), "--json"))


def test_spec_contract_exercise_before_the_issue_date_is_refused(scenario):
    # the Issue Date is 2002-03-04
    done = cli("exercise", scenario, "--warrant", "A", "--received", "2002-03-01",
               "--cash", "116400")
    assert_one_line_refusal(done)


def test_spec_contract_payment_that_does_not_add_up_is_refused(scenario):
    # 1,000 shares cost 1,903.63 (to the cent): a cent short, and a cent over, are refused
    for cash in ("1903.62", "1903.64"):
        done = cli("exercise", scenario, "--warrant", "B1", "--received", "2002-07-01",
                   "--shares", "1000", "--cash", cash)
        assert_one_line_refusal(done)


def test_spec_contract_payment_refusal_shows_the_cash_as_stated(scenario):
    # 1,903.625 is the exact sum, but the money due is 1,903.63: refused, and the line must
    # not show the cash rounded to the very figure it falls short of
    done = cli("exercise", scenario, "--warrant", "B1", "--received", "2002-07-01",
               "--shares", "1000", "--cash", "1903.625")
    assert_one_line_refusal(done)
    assert "cash 1903.625 " in done.stderr
    assert "1903.63 due" in done.stderr
