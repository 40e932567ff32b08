"""The contract of 4.G certificates, their verification and 4.H notices, checked from
outside: a scenario and certificate files written here by hand, ``warrant certificate``,
``warrant verify`` and ``warrant notices`` run as a user runs them, figures by hand.

Hand figures, at an FMV of 1.00 on every event date (SPEC §14):
* sale-2002 (4.C(1)): 1,000,000 shares for 900,000 less 50,000 of expenses:
  P₁ = 1.94 × (7,000,000 + 850,000) / 8,000,000 = 1.903625 = 15229/8000;
* options-2002 (4.C(3)): 500,000 options to a consultant, 10,000 paid + 0.50 each:
  P₂ = P₁ × (8,000,000 + 260,000) / 8,500,000;
* sale-2 (4.C(1)): 1,000,000 for 850,000. Counting the 500,000 deemed outstanding,
  P₃ = P₂ × (8,500,000 + 850,000) / 9,500,000; counting issued shares only,
  P₂ × (8,000,000 + 850,000) / 9,000,000.
"""

from __future__ import annotations

import json
import re
from fractions import Fraction
from pathlib import Path

import pytest
from tests.spec.contract_helpers import assert_one_line_refusal, cli, cli_json, exact, write

import warrant

P0 = Fraction("1.94")
P1 = P0 * (7_000_000 + 850_000) / 8_000_000
P2 = P1 * (8_000_000 + 260_000) / 8_500_000
P3_DEEMED = P2 * (8_500_000 + 850_000) / 9_500_000
P3_ISSUED = P2 * (8_000_000 + 850_000) / 9_000_000
READING_FIELDS = {
    "outstanding_basis", "carve_out_counting", "promised_grants_hold_room",
    "carve_out_follows_splits", "readjust_on", "business_day",
}
FIGURES = {
    "consideration", "additional_shares", "outstanding_before", "outstanding_after",
    "price_before", "price_after", "shares_before", "shares_after", "fmv", "effective_price",
}


def half_up(value: Fraction, places: int) -> Fraction:
    """Round half-up to ``places`` decimals, here in the test (positive values)."""
    scaled = value * 10**places
    whole = scaled.numerator // scaled.denominator
    if scaled - whole >= Fraction(1, 2):
        whole += 1
    return Fraction(whole, 10**places)


def two_places(value: Fraction) -> str:
    """A value already on the cent, written with two decimals."""
    cents = value * 100
    assert cents.denominator == 1
    return f"{cents.numerator // 100}.{cents.numerator % 100:02d}"


def flat_week(*days: str) -> str:
    return "\n".join(f'  {{ date = {day}, close = "1.00" }},' for day in days)


SCENARIO = f"""
[warrant]
preset = "alpha-2002"
face_shares = 100000

[capitalization]
common_outstanding = 7000000
plan_options_outstanding = 0

[prices]
quote = [
{flat_week("2002-05-24", "2002-05-28", "2002-05-29", "2002-05-30", "2002-05-31")}
{flat_week("2002-06-24", "2002-06-25", "2002-06-26", "2002-06-27", "2002-06-28")}
{flat_week("2002-07-25", "2002-07-26", "2002-07-29", "2002-07-30", "2002-07-31")}
]

[[event]]
type = "issuance"
id = "sale-2002"
date = 2002-06-03
shares = 1000000
cash = 900000
expenses = 50000

[[event]]
type = "option-grant"
id = "options-2002"
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

[[event]]
type = "distribution"
id = "spin"
date = 2002-11-01
record_date = 2002-10-15
kind = "Spinco common"
per_share = "1/10"
notice_mailed = 2002-09-16

[[event]]
type = "dissolution"
id = "wind-up"
date = 2003-03-03
notice_mailed = 2003-01-15

[[event]]
type = "dissolution"
id = "wind-up-2"
date = 2003-03-04
"""


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("certificates")


@pytest.fixture(scope="module")
def scenario(folder: Path) -> Path:
    return write(folder, "scenario.toml", SCENARIO)


def verify(scenario: Path, folder: Path, name: str, text: str):  # type: ignore[no-untyped-def]
    done = cli("verify", scenario, write(folder, name, text), "--json")
    assert done.returncode in (0, 1), done.stderr
    return done.returncode, json.loads(done.stdout)


# -- warrant certificate -------------------------------------------------------------------


def test_spec_contract_certificate_json_by_adjustment(scenario):
    got = cli_json("certificate", scenario, "--adjustment", "0", "--format", "json")
    cert = got["certificate"]
    assert cert["event"] == "sale-2002"
    assert cert["clause"] == "4.C(1)"
    assert set(cert["reading"]) == READING_FIELDS
    assert isinstance(cert["facts_digest"], str) and len(cert["facts_digest"]) == 64
    figures = cert["figures"]
    assert set(figures) <= FIGURES
    assert exact(figures["consideration"]) == 850_000
    assert exact(figures["additional_shares"]) == 1_000_000
    assert exact(figures["outstanding_before"]) == 7_000_000
    assert exact(figures["outstanding_after"]) == 8_000_000
    assert exact(figures["price_before"]) == P0
    assert exact(figures["price_after"]) == P1 == Fraction(15229, 8000)
    assert exact(figures["shares_before"]) == 100_000
    assert exact(figures["shares_after"]) == 100_000 * P0 / P1
    assert exact(figures["fmv"]) == 1
    assert exact(figures["effective_price"]) == Fraction("0.85")


def test_spec_contract_certificate_json_by_event(scenario):
    got = cli_json("certificate", scenario, "--event", "options-2002", "--format", "json")
    figures = got["certificate"]["figures"]
    assert got["certificate"]["clause"] == "4.C(3)"
    assert exact(figures["consideration"]) == 260_000
    assert exact(figures["additional_shares"]) == 500_000
    assert exact(figures["outstanding_before"]) == 8_000_000
    assert exact(figures["outstanding_after"]) == 8_500_000
    assert exact(figures["price_before"]) == P1
    assert exact(figures["price_after"]) == P2
    assert exact(figures["effective_price"]) == Fraction("0.52")
    # the event by its 0-based position names the same adjustment
    by_position = cli_json("certificate", scenario, "--event", "1", "--format", "json")
    assert by_position["certificate"]["figures"] == figures


@pytest.mark.parametrize("fmt", ["md", "text"])
def test_spec_contract_certificate_for_people_rounds_to_places(scenario, fmt):
    four = cli("certificate", scenario, "--adjustment", "0", "--format", fmt)
    assert four.returncode == 0, four.stderr
    # 1.903625 to the default 4 places (the exact value may stand beside it)
    assert re.search(r"(?<![\d.])1\.9036(?!\d)", four.stdout)
    two = cli("certificate", scenario, "--adjustment", "0", "--format", fmt, "--places", "2")
    assert two.returncode == 0, two.stderr
    assert re.search(r"(?<![\d.])1\.90(?!\d)", two.stdout)
    assert not re.search(r"(?<![\d.])1\.9036(?!\d)", two.stdout)


def test_spec_contract_certificate_of_no_adjustment_exits_2(scenario):
    assert_one_line_refusal(cli("certificate", scenario, "--event", "wind-up"))
    assert_one_line_refusal(cli("certificate", scenario, "--adjustment", "99"))


# -- warrant verify ---------------------------------------------------------------------------

VERIFY_KEYS = {"verdict", "event", "clause", "figures", "missing", "not_applicable",
               "reproduced_by"}
FIGURE_KEYS = {"figure", "stated", "places", "recomputed", "rounded", "difference", "agrees",
               "clause"}


def test_spec_contract_verify_agrees_with_dollars_and_separators(scenario, folder):
    status, got = verify(scenario, folder, "typed.toml", """
[certificate]
event = "sale-2002"
clause = "4.C(1)"

[certificate.figures]
price_after = "1.9036"
consideration = "$850,000.00"
outstanding_after = "8,000,000"
""")
    assert status == 0
    assert set(got) >= VERIFY_KEYS
    assert got["verdict"] == "agrees"
    assert got["event"] == "sale-2002"
    by_name = {item["figure"]: item for item in got["figures"]}
    assert set(by_name) == {"price_after", "consideration", "outstanding_after"}
    for item in by_name.values():
        assert set(item) >= FIGURE_KEYS
        assert item["agrees"] is True
    price = by_name["price_after"]
    assert price["stated"] == "1.9036"
    assert price["places"] == 4
    assert exact(price["recomputed"]) == P1
    assert exact(price["rounded"]) == half_up(P1, 4) == Fraction("1.9036")
    assert exact(price["difference"]) == P1 - Fraction("1.9036")
    assert by_name["consideration"]["stated"] == "$850,000.00"
    assert by_name["consideration"]["places"] == 2
    assert exact(by_name["consideration"]["difference"]) == 0
    assert "price_before" in got["missing"] and "price_after" not in got["missing"]
    assert got["reproduced_by"], "the scenario's own reading reproduces it"


def test_spec_contract_verify_one_figure_off_exits_1(scenario, folder):
    status, got = verify(scenario, folder, "off.toml", """
[certificate]
adjustment = 0

[certificate.figures]
price_after = "1.9037"
price_before = "1.94"
""")
    assert status == 1
    assert got["verdict"] == "disagrees"
    by_name = {item["figure"]: item for item in got["figures"]}
    assert by_name["price_after"]["agrees"] is False
    assert exact(by_name["price_after"]["difference"]) == P1 - Fraction("1.9037")
    assert by_name["price_before"]["agrees"] is True


def test_spec_contract_verify_p_over_q_must_be_exact(scenario, folder):
    status, got = verify(scenario, folder, "pq.toml", """
[certificate]
event = 0

[certificate.figures]
price_after = "15229/8000"
""")
    assert status == 0
    [item] = got["figures"]
    assert item["places"] is None and item["agrees"] is True


def test_spec_contract_verify_two_places_and_a_cent_off(scenario, folder):
    # 4.C(3): the price after to the cent, P₂ half-up; a cent off disagrees
    cent = half_up(P2, 2)
    status, _ = verify(scenario, folder, "cent.toml", f"""
[certificate]
event = "options-2002"

[certificate.figures]
price_after = "{two_places(cent)}"
""")
    assert status == 0
    wrong = cent + Fraction(1, 100)
    status, got = verify(scenario, folder, "cent-off.toml", f"""
[certificate]
event = "options-2002"

[certificate.figures]
price_after = "{two_places(wrong)}"
""")
    assert status == 1
    assert exact(got["figures"][0]["difference"]) == P2 - wrong


def test_spec_contract_verify_accepts_the_library_json_certificate(scenario, folder):
    produced = cli("certificate", scenario, "--event", "options-2002", "--format", "json")
    assert produced.returncode == 0, produced.stderr
    status, got = verify(scenario, folder, "produced.json", produced.stdout)
    assert status == 0
    assert got["verdict"] == "agrees"
    assert got["facts_digest"]["agrees"] is True
    assert got["facts_digest"]["stated"] == got["facts_digest"]["recomputed"]
    assert got["stated_reading_reproduces"] is True


def test_spec_contract_verify_tampered_digest_disagrees(scenario, folder):
    produced = json.loads(cli("certificate", scenario, "--adjustment", "0",
                              "--format", "json").stdout)
    produced["certificate"]["facts_digest"] = "0" * 64
    status, got = verify(scenario, folder, "tampered.json", json.dumps(produced))
    assert status == 1
    assert got["verdict"] == "disagrees"
    digest = got["facts_digest"]
    assert (digest["stated"], digest["agrees"]) == ("0" * 64, False)
    assert isinstance(digest["recomputed"], str) and len(digest["recomputed"]) == 64
    assert all(item["agrees"] for item in got["figures"])


def test_spec_contract_verify_names_the_reading_that_reproduces(scenario, folder):
    status, got = verify(scenario, folder, "issued.toml", f"""
[certificate]
event = "sale-2"
clause = "4.C(1)"

[certificate.reading]
outstanding_basis = "issued"
carve_out_counting = "issued-or-issuable"
promised_grants_hold_room = true
carve_out_follows_splits = true
readjust_on = "each-expiry"
business_day = "federal"

[certificate.figures]
price_after = "{P3_ISSUED.numerator}/{P3_ISSUED.denominator}"
""")
    assert P3_ISSUED != P3_DEEMED
    assert status == 1  # not under the scenario's reading (issued-and-deemed)
    assert got["reproduced_by"]
    assert all(set(table) == READING_FIELDS for table in got["reproduced_by"])
    assert {table["outstanding_basis"] for table in got["reproduced_by"]} == {"issued"}
    assert got["stated_reading_reproduces"] is True


@pytest.mark.parametrize("text", [
    '[certificate]\nevent = "sale-2002"\n[certificate.figures]\nprice_after = "1.90.3"\n',
    '[certificate]\nevent = "sale-2002"\n[certificate.figures]\nprice_later = "1.9"\n',
    '[certificate]\nevent = "wind-up"\n[certificate.figures]\nprice_after = "1.9"\n',
    '[certificate]\nevent = "sale-2002"\ncolour = "blue"\n',
    '[certificate]\nevent = "sale-2002"\n[certificate.figures]\nprice_after = 1.9036\n',
], ids=["malformed", "unknown-figure", "no-adjustment", "unknown-key", "not-a-string"])
def test_spec_contract_verify_bad_input_exits_2(scenario, folder, text):
    certificate = write(folder, "bad.toml", text)
    assert_one_line_refusal(cli("verify", scenario, certificate, "--json"))


def test_spec_contract_verify_series_needs_a_warrant(folder):
    series = SCENARIO.replace("face_shares = 100000\n", """
[[warrant.series]]
id = "A"
holder = "Bank A"
face_shares = 60000

[[warrant.series]]
id = "B"
holder = "Bank B"
face_shares = 40000
""")
    path = write(folder, "series.toml", series)
    nameless = write(folder, "nameless.toml", """
[certificate]
event = "sale-2002"
[certificate.figures]
shares_after = "1"
""")
    assert_one_line_refusal(cli("verify", path, nameless, "--json"))
    named = write(folder, "named.toml", f"""
[certificate]
event = "sale-2002"
warrant = "B"
[certificate.figures]
shares_before = "40000"
shares_after = "{(40_000 * P0 / P1).numerator}/{(40_000 * P0 / P1).denominator}"
""")
    done = cli("verify", path, named, "--json")
    assert done.returncode == 0, done.stdout + done.stderr
    got = cli_json("certificate", path, "--event", "sale-2002", "--warrant", "A",
                   "--format", "json")
    assert exact(got["certificate"]["figures"]["shares_after"]) == 60_000 * P0 / P1


# -- warrant notices ----------------------------------------------------------------------------


def test_spec_contract_notices_json(scenario):
    got = cli_json("notices", scenario, "--json", status=1)  # the spin-off's, a day late
    assert isinstance(got, list)
    by_event = {item["event"]: item for item in got}
    for item in got:
        assert set(item) >= {"event", "kind", "action_date", "mail_by", "mailed",
                             "late_by_days"}
        assert isinstance(item["kind"], str)
    # the distribution's record date 2002-10-15, less 30 days: 2002-09-15; mailed a day late
    spin = by_event["spin"]
    assert (spin["action_date"], spin["mail_by"]) == ("2002-10-15", "2002-09-15")
    assert spin["mailed"] == "2002-09-16"
    assert spin["late_by_days"] == 1
    # the dissolution on 2003-03-03, less 30 days (February has 28): by 2003-02-01
    wind = by_event["wind-up"]
    assert (wind["action_date"], wind["mail_by"]) == ("2003-03-03", "2003-02-01")
    assert wind["mailed"] == "2003-01-15"
    assert wind["late_by_days"] is None
    silent = by_event["wind-up-2"]
    assert silent["mailed"] is None and silent["late_by_days"] is None
    assert "sale-2002" not in by_event


def test_spec_contract_notice_mailed_on_the_last_day_is_on_time(folder):
    last_day = SCENARIO.replace("notice_mailed = 2002-09-16", "notice_mailed = 2002-09-15")
    got = cli_json("notices", write(folder, "last-day.toml", last_day), "--json")
    spin = next(item for item in got if item["event"] == "spin")
    assert spin["late_by_days"] is None


def test_spec_contract_dissolution_adjusts_nothing(scenario):
    replayed = cli_json("replay", scenario, "--json")
    assert exact(replayed["exercise_price"]) == P3_DEEMED
    assert [a["event"] for a in replayed["adjustments"]] == ["sale-2002", "options-2002",
                                                            "sale-2"]


@pytest.mark.parametrize("name", ["certificate", "Certificate", "certificate_json",
                                  "certificate_markdown", "certificate_text",
                                  "CertificateError", "AmbiguousAdjustment",
                                  "NoSuchAdjustment", "verify", "notices", "Dissolution",
                                  "load_certificate"])
def test_spec_contract_certificate_python_names_exported(name):
    assert name in warrant.__all__
    assert getattr(warrant, name) is not None


REPRICED = SCENARIO.replace('''[[event]]
type = "issuance"
id = "sale-2"''', '''[[event]]
type = "repricing"
id = "rp"
date = 2002-08-01
of = "options-2002"
exercise_price = "0.25"

[[event]]
type = "issuance"
id = "sale-2"''')


def test_spec_contract_event_with_two_adjustments_needs_clause_or_adjustment(folder):
    # a repricing of options already deemed issued: a 4.C(3) readjustment, then 4.C(6)
    path = write(folder, "repriced.toml", REPRICED)
    clauses = [(a["event"], a["clause"], a["readjustment"])
               for a in cli_json("replay", path, "--json")["adjustments"]]
    assert ("rp", "4.C(3)", True) in clauses and ("rp", "4.C(6)", False) in clauses
    event_only = write(folder, "event-only.toml",
                       '[certificate]\nevent = "rp"\n[certificate.figures]\nprice_after = "1"\n')
    refused = cli("verify", path, event_only, "--json")
    assert_one_line_refusal(refused)
    assert "4.C(6)" in refused.stderr and "4.C(3)" in refused.stderr
    assert_one_line_refusal(cli("certificate", path, "--event", "rp"))
    named = write(folder, "named-clause.toml", '[certificate]\nevent = "rp"\nclause = "4.C(6)"\n'
                  '[certificate.figures]\nprice_before = "1"\n')
    done = cli("verify", path, named, "--json")
    assert done.returncode == 1, done.stderr  # resolved; the stated figure is simply wrong
    assert json.loads(done.stdout)["clause"] == "4.C(6)"
    by_clause = cli("certificate", path, "--event", "rp", "--clause", "4.C(6)",
                    "--format", "json")
    assert by_clause.returncode == 0, by_clause.stderr


NOTICE_EVENTS = """
[warrant]
preset = "alpha-2002"
face_shares = 100000

[capitalization]
common_outstanding = 7000000
plan_options_outstanding = 0

[prices]
csv = "notice-prices.csv"

[[event]]
type = "stock-dividend"
id = "div"
date = 2002-10-01
record_date = 2002-09-16
shares = 70000
notice_mailed = 2002-08-17

[[event]]
type = "option-grant"
id = "rights"
date = 2002-11-20
record_date = 2002-11-15
shares = 700000
exercise_price = "3.00"
expires = 2003-11-15
plan = false
notice_mailed = 2002-10-17

[[event]]
type = "convertible-issuance"
id = "notes"
date = 2002-12-20
record_date = 2002-12-16
max_shares = 100000
consideration = 500000
notice_mailed = 2002-11-01

[[event]]
type = "reorganization"
id = "merger"
date = 2003-01-15
basket = { "Acquirer common" = "1/2" }
"""

#: the exchange's holidays between May 2002 and January 2003
HOLIDAYS = {"2002-05-27", "2002-07-04", "2002-09-02", "2002-11-28", "2002-12-25",
            "2003-01-01", "2003-01-20"}


def test_spec_contract_notices_of_each_kind(folder):
    import datetime as dt

    day, rows = dt.date(2002, 5, 1), ["date,close"]
    while day <= dt.date(2003, 1, 31):
        if day.weekday() < 5 and day.isoformat() not in HOLIDAYS:
            rows.append(f"{day.isoformat()},1.00")
        day += dt.timedelta(days=1)
    write(folder, "notice-prices.csv", "\n".join(rows) + "\n")
    # the rights offer's notice is a day late: exit status 1
    got = cli_json("notices", write(folder, "notices.toml", NOTICE_EVENTS), "--json", status=1)
    by_event = {item["event"]: item for item in got}
    assert set(by_event) == {"div", "rights", "notes", "merger"}
    # a stock dividend's record date 2002-09-16 less 30 days is 2002-08-17: mailed that day
    assert (by_event["div"]["mail_by"], by_event["div"]["late_by_days"]) == ("2002-08-17", None)
    # a rights offer to holders of record on 2002-11-15: by 2002-10-16, mailed a day after
    rights = by_event["rights"]
    assert (rights["action_date"], rights["mail_by"]) == ("2002-11-15", "2002-10-16")
    assert rights["late_by_days"] == 1
    # a convertible issue with a record date needs one too
    assert by_event["notes"]["mail_by"] == "2002-11-16"
    assert by_event["notes"]["late_by_days"] is None
    # a reorganisation: its own date; no mailing stated
    merger = by_event["merger"]
    assert (merger["action_date"], merger["mail_by"]) == ("2003-01-15", "2002-12-16")
    assert merger["mailed"] is None and merger["late_by_days"] is None


def test_spec_contract_verify_sub_clause_agrees_and_a_wrong_date_does_not(scenario, folder):
    text = """
[certificate]
event = "sale-2002"
clause = "4.C(1)(b)"
date = DAY

[certificate.figures]
price_after = "1.9036"
"""
    status, got = verify(scenario, folder, "clause.toml", text.replace("DAY", "2002-06-03"))
    assert status == 0 and got["verdict"] == "agrees"
    status, got = verify(scenario, folder, "date.toml", text.replace("DAY", "2002-06-04"))
    assert status == 1 and got["verdict"] == "disagrees"
    assert all(item["agrees"] for item in got["figures"])  # only the date is wrong


def test_spec_contract_certificate_file_typed_as_json(scenario, folder):
    typed = {"certificate": {"event": "options-2002", "clause": "4.C(3)",
                             "figures": {"price_before": "1.903625",
                                         "additional_shares": "500,000"}}}
    status, got = verify(scenario, folder, "typed.json", json.dumps(typed))
    assert status == 0 and got["verdict"] == "agrees"
    assert {item["figure"] for item in got["figures"]} == {"price_before", "additional_shares"}
