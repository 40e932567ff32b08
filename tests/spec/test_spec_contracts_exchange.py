"""The contract of the option exchange check, readings side by side and the demo (SPEC §8,
§9), checked from outside: scenarios written here by hand, ``warrant exchange``,
``warrant readings`` and ``warrant demo`` run as a user runs them, figures by hand.

Hand figures. The exchange: a consultant's 100,000 plan options and an employee's 200,000,
both granted at 2.00 (above the FMV of 1.00: no adjustment), are tendered in the 2003 offer
(commencement 2003-02-28, expiry 2003-03-31). The offer's rules give: lookback
2002-08-28; cancellation the next business day, 2003-04-01; earliest grant 2003-10-03.
The new options are priced at 2003-10-03's close, 0.90, against an FMV of
(1.10 + 1.20 + 1.30 + 1.40 + 1.50) / 5 = 1.30. The employee's fit the carve-out; the
consultant's never do: 4.C(3), P = 1.94 × (7,000,000 + 100,000 × 0.90 / 1.30) /
(7,000,000 + 100,000).
"""

from __future__ import annotations

import json
from fractions import Fraction
from pathlib import Path

import pytest
from tests.spec.contract_helpers import assert_one_line_refusal, cli, cli_json, exact, write

import warrant

P0 = Fraction("1.94")
FMV_2003 = (Fraction("1.10") + Fraction("1.20") + Fraction("1.30") + Fraction("1.40")
            + Fraction("1.50")) / 5
CAP = 1_969_693
READING_FIELDS = {
    "outstanding_basis", "carve_out_counting", "promised_grants_hold_room",
    "carve_out_follows_splits", "readjust_on", "business_day",
}

REGISTER = """
[warrant]
preset = "alpha-2002"
face_shares = 100000

[capitalization]
common_outstanding = 7000000
plan_options_outstanding = 0

[prices]
quote = [
  { date = 2002-05-24, close = "1.00" }, { date = 2002-05-28, close = "1.00" },
  { date = 2002-05-29, close = "1.00" }, { date = 2002-05-30, close = "1.00" },
  { date = 2002-05-31, close = "1.00" },
  { date = 2003-09-26, close = "1.10" }, { date = 2003-09-29, close = "1.20" },
  { date = 2003-09-30, close = "1.30" }, { date = 2003-10-01, close = "1.40" },
  { date = 2003-10-02, close = "1.50" }, { date = 2003-10-03, close = "0.90" },
]

[[event]]
type = "option-grant"
id = "g-cons"
date = 2002-06-03
shares = 100000
exercise_price = "2.00"
expires = 2012-06-03
plan = true
grantee = "consultant"

[[event]]
type = "option-grant"
id = "g-emp"
date = 2002-06-03
shares = 200000
exercise_price = "2.00"
expires = 2012-06-03
plan = true
grantee = "employee"
"""

OFFER = """
[exchange]
commencement = 2003-02-28
offer_expires = 2003-03-31

[[exchange.tender]]
of = "g-cons"
shares = 100000
grantee = "consultant"

[[exchange.tender]]
of = "g-emp"
shares = 200000
grantee = "employee"
plan = true
shares_granted = 200000
"""

REPRICE = """
[[exchange.reprice]]
of = "g-cons"
new_price = "0.50"
date = 2003-10-03
"""

CAP_KEYS = {"cap", "used", "remaining"}
GRANT_KEYS = {
    "of", "grantee", "shares", "inside_carve_out", "outside_carve_out", "grant_price",
    "effective_price", "fmv", "fmv_days", "below_fmv",
}
TOP_KEYS = {
    "dates", "carve_out", "grants", "triggers", "readjusts", "reasons", "exercise_price",
    "shares", "adjustments", "by_reading", "depends_on",
}
WINDOW = ["2003-09-26", "2003-09-29", "2003-09-30", "2003-10-01", "2003-10-02"]


@pytest.fixture(scope="module")
def offer_json(tmp_path_factory: pytest.TempPathFactory) -> dict[str, object]:
    path = write(tmp_path_factory.mktemp("exchange"), "offer.toml", REGISTER + OFFER)
    return cli_json("exchange", path, "--json")  # type: ignore[no-any-return]


def test_spec_contract_exchange_dates(offer_json):
    assert set(offer_json) >= TOP_KEYS
    assert offer_json["dates"] == {
        "commencement": "2003-02-28", "lookback_start": "2002-08-28",
        "offer_expires": "2003-03-31", "cancellation": "2003-04-01",
        "earliest_grant": "2003-10-03", "grant_date": "2003-10-03",
    }


def test_spec_contract_exchange_carve_out_through_the_gap(offer_json):
    carve = offer_json["carve_out"]
    for stage in ("before", "gap", "after"):
        assert set(carve[stage]) >= CAP_KEYS
        assert exact(carve[stage]["cap"]) == CAP
    # before: the employee's 200,000 (the consultant's never count)
    assert exact(carve["before"]["used"]) == 200_000
    # the gap: the employee's room freed, held by the promise — counted in used, shown promised
    assert exact(carve["gap"]["used"]) == 200_000
    assert exact(carve["gap"]["promised"]) == 200_000
    assert exact(carve["gap"]["remaining"]) == CAP - 200_000
    assert exact(carve["after"]["used"]) == 200_000


def test_spec_contract_exchange_grants(offer_json):
    consultant, employee = offer_json["grants"]
    assert set(consultant) >= GRANT_KEYS and set(employee) >= GRANT_KEYS
    assert (consultant["of"], consultant["grantee"]) == ("g-cons", "consultant")
    assert (employee["of"], employee["grantee"]) == ("g-emp", "employee")
    assert exact(consultant["inside_carve_out"]) == 0
    assert exact(consultant["outside_carve_out"]) == 100_000
    assert exact(employee["inside_carve_out"]) == 200_000
    assert exact(employee["outside_carve_out"]) == 0
    for item in (consultant, employee):
        assert exact(item["grant_price"]) == Fraction("0.90")
        assert exact(item["effective_price"]) == Fraction("0.90")
        assert exact(item["fmv"]) == FMV_2003
        assert item["fmv_days"] == WINDOW
        assert item["below_fmv"] is True


def test_spec_contract_exchange_verdict(offer_json):
    price = P0 * (7_000_000 + 100_000 * Fraction("0.90") / FMV_2003) / (7_000_000 + 100_000)
    assert offer_json["triggers"] is True
    assert offer_json["readjusts"] is False
    assert offer_json["reasons"] and all(isinstance(r, str) for r in offer_json["reasons"])
    assert exact(offer_json["exercise_price"]) == price
    assert exact(offer_json["shares"]) == 100_000 * P0 / price
    [adjustment] = offer_json["adjustments"]
    assert adjustment["clause"] == "4.C(3)"
    assert exact(adjustment["price_after"]) == price
    assert exact(adjustment["consideration"]) == 90_000


def test_spec_contract_exchange_by_reading_and_depends_on(offer_json):
    price = exact(offer_json["exercise_price"])
    assert len(offer_json["by_reading"]) == len(warrant.Reading.all())
    seen = set()
    for entry in offer_json["by_reading"]:
        assert set(entry) >= {"reading", "triggers", "exercise_price", "shares"}
        assert set(entry["reading"]) == READING_FIELDS
        seen.add(tuple(sorted(entry["reading"].items())))
        # no reading changes this answer: the consultant is outside under every one
        assert entry["triggers"] is True
        assert exact(entry["exercise_price"]) == price
    assert len(seen) == len(warrant.Reading.all())
    assert offer_json["depends_on"] == []


def test_spec_contract_exchange_reprice_needs_no_offer_dates(tmp_path):
    got = cli_json("exchange", write(tmp_path, "reprice.toml", REGISTER + REPRICE), "--json")
    assert set(got) >= TOP_KEYS
    assert got["dates"]["grant_date"] == "2003-10-03"
    # 4.C(6): the 100,000 outstanding rights deemed issued anew at 0.50
    price = P0 * (7_000_000 + 100_000 * Fraction("0.50") / FMV_2003) / (7_000_000 + 100_000)
    assert got["triggers"] is True
    assert exact(got["exercise_price"]) == price
    [repriced] = got["grants"]
    assert repriced["of"] == "g-cons"
    assert exact(repriced["effective_price"]) == Fraction("0.50")
    assert [item["clause"] for item in got["adjustments"]] == ["4.C(6)"]


def test_spec_contract_exchange_leaves_the_register_alone(tmp_path):
    path = write(tmp_path, "offer.toml", REGISTER + OFFER)
    replayed = cli_json("replay", path, "--json")
    assert exact(replayed["exercise_price"]) == P0
    assert replayed["adjustments"] == []


def test_spec_contract_exchange_bad_input_exits_2(tmp_path):
    unknown = OFFER.replace('of = "g-cons"', 'of = "no-such-grant"')
    assert_one_line_refusal(cli("exchange", write(tmp_path, "bad.toml", REGISTER + unknown)))


READINGS_REGISTER = """
[warrant]
preset = "alpha-2002"
face_shares = 100000

[capitalization]
common_outstanding = 7000000
plan_options_outstanding = 0

[prices]
quote = [
  { date = 2002-05-24, close = "1.00" }, { date = 2002-05-28, close = "1.00" },
  { date = 2002-05-29, close = "1.00" }, { date = 2002-05-30, close = "1.00" },
  { date = 2002-05-31, close = "1.00" },
  { date = 2002-06-24, close = "1.00" }, { date = 2002-06-25, close = "1.00" },
  { date = 2002-06-26, close = "1.00" }, { date = 2002-06-27, close = "1.00" },
  { date = 2002-06-28, close = "1.00" },
  { date = 2002-07-25, close = "1.00" }, { date = 2002-07-26, close = "1.00" },
  { date = 2002-07-29, close = "1.00" }, { date = 2002-07-30, close = "1.00" },
  { date = 2002-07-31, close = "1.00" },
]

[[event]]
type = "issuance"
id = "sale-1"
date = 2002-06-03
shares = 1000000
cash = 900000
expenses = 50000

[[event]]
type = "option-grant"
id = "consultant-options"
date = 2002-07-01
shares = 500000
exercise_price = "0.50"
consideration = 10000
expires = 2007-07-01
plan = false
grantee = "consultant"

[[event]]
type = "issuance"
id = "sale-2"
date = 2002-08-01
shares = 1000000
cash = 850000
"""


def test_spec_contract_readings_side_by_side(tmp_path):
    got = cli_json("readings", write(tmp_path, "readings.toml", READINGS_REGISTER), "--json")
    assert set(got) >= {"results", "depends_on"}
    # by hand, at an FMV of 1.00 throughout:
    p1 = P0 * (7_000_000 + 850_000) / 8_000_000
    p2 = p1 * (8_000_000 + 260_000) / 8_500_000  # 500,000 deemed issued for 10,000 + 250,000
    # the second sale: A counts the 500,000 deemed (issued-and-deemed, fully diluted) or not
    with_deemed = p2 * (8_500_000 + 850_000) / 9_500_000
    issued_only = p2 * (8_000_000 + 850_000) / 9_000_000
    by_price = {exact(r["exercise_price"]): r for r in got["results"]}
    assert set(by_price) == {with_deemed, issued_only}
    for result in got["results"]:
        assert set(result) >= {"exercise_price", "shares", "carve_out_used", "adjustments",
                               "readings"}
        assert result["adjustments"] == 3
        assert exact(result["carve_out_used"]) == 0
        assert exact(result["shares"]) == 100_000 * P0 / exact(result["exercise_price"])
        assert all(set(table) == READING_FIELDS for table in result["readings"])
    bases = {t["outstanding_basis"] for t in by_price[issued_only]["readings"]}
    assert bases == {"issued"}
    assert sum(len(r["readings"]) for r in got["results"]) == len(warrant.Reading.all())
    assert got["depends_on"] == ["outstanding_basis"]


def test_spec_contract_demo_json_is_the_exchange_object():
    got = cli_json("demo", "--json")
    assert set(got) >= TOP_KEYS
    # the 2003 offer's own dates
    assert got["dates"]["commencement"] == "2003-02-28"
    assert got["dates"]["lookback_start"] == "2002-08-28"
    assert got["dates"]["cancellation"] == "2003-04-01"
    assert got["dates"]["earliest_grant"] == "2003-10-03"
    assert isinstance(got["triggers"], bool)
    assert set(got["depends_on"]) <= READING_FIELDS


def test_spec_contract_demo_text_runs_with_no_files(tmp_path: Path):
    done = cli("demo", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert "illustrative" in done.stdout.lower()


def test_spec_contract_exchange_python_names_exported():
    for name in ("check_exchange", "ExchangeVerdict", "ExchangeOffer", "RepricingProposal",
                 "Tender", "Reprice", "offer_dates", "OfferDates", "lookback_start",
                 "earliest_grant_date", "readings_side_by_side", "run_demo"):
        assert name in warrant.__all__, name
        assert getattr(warrant, name) is not None


def test_spec_contract_offer_dates_python(tmp_path):
    import datetime as dt

    assert warrant.lookback_start(dt.date(2003, 2, 28)) == dt.date(2002, 8, 28)
    assert warrant.earliest_grant_date(dt.date(2003, 4, 1)) == dt.date(2003, 10, 3)


OWN_PRICES = """
[exchange]
commencement = 2003-02-28
offer_expires = 2003-03-31
cancellation = 2003-04-01
grant_date = 2003-10-03
grant_price = "1.00"

[[exchange.tender]]
of = "g-cons"
shares = 100000
grantee = "consultant"
grant_price = "1.10"

[[exchange.tender]]
of = "g-emp"
shares = 200000
grantee = "employee"
plan = false
shares_granted = 150000
"""


def test_spec_contract_exchange_tender_fields(tmp_path):
    got = cli_json("exchange", write(tmp_path, "own.toml", REGISTER + OWN_PRICES), "--json")
    consultant, employee = got["grants"]
    # a tender's own grant_price (the 110% rule) wins over the offer's
    assert exact(consultant["grant_price"]) == Fraction("1.10")
    assert exact(employee["grant_price"]) == Fraction("1.00")
    # plan = false: outside the carve-out, employee or not; shares_granted replaces the count
    assert exact(employee["shares"]) == 150_000
    assert exact(employee["inside_carve_out"]) == 0
    assert exact(employee["outside_carve_out"]) == 150_000
    # two deemed issues, one after the other (the second counts the first as deemed)
    first = P0 * (7_000_000 + 100_000 * Fraction("1.10") / FMV_2003) / 7_100_000
    second = first * (7_100_000 + 150_000 * Fraction("1.00") / FMV_2003) / 7_250_000
    assert [exact(a["price_after"]) for a in got["adjustments"]] == [first, second]
    assert exact(got["exercise_price"]) == second
    # counting the first grant's deemed shares or not changes the answer
    assert got["depends_on"] == ["outstanding_basis"]


@pytest.mark.parametrize(("cancellation", "earliest"), [
    ("2003-04-01", "2003-10-03"),  # the 2003 offer
    ("2003-04-02", "2003-10-06"),  # 2003-10-04 is a Saturday
    ("2003-04-09", "2003-10-14"),  # 2003-10-11 a Saturday, 2003-10-13 Columbus Day
])
def test_spec_contract_earliest_grant_skips_weekends_and_holidays(cancellation, earliest):
    import datetime as dt

    day = dt.date.fromisoformat
    assert warrant.earliest_grant_date(day(cancellation)) == day(earliest)


def test_spec_contract_exchange_that_does_not_trigger_exits_0(tmp_path):
    # only the employee's options: wholly inside the carve-out, whatever their price
    inside = OFFER.split("[[exchange.tender]]")[0] + "[[exchange.tender]]" + \
        OFFER.split("[[exchange.tender]]")[2]
    done = cli("exchange", write(tmp_path, "inside.toml", REGISTER + inside), "--json")
    assert done.returncode == 0, done.stderr
    got = json.loads(done.stdout)
    assert got["triggers"] is False and got["readjusts"] is False
    assert got["adjustments"] == []
    assert exact(got["exercise_price"]) == P0
    assert exact(got["shares"]) == 100_000
    [employee] = got["grants"]
    assert employee["below_fmv"] is True  # below the FMV, yet inside: it does not matter
    assert exact(employee["inside_carve_out"]) == 200_000
