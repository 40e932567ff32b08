"""The contract of ``warrant import-ocf`` (SPEC §10) and its overlay, checked from outside:
a small OCF 1.2.0 package written here by hand (manifest with md5s, stakeholders, a Common
class, a plan, two transactions), an overlay using each of its tables, the command line
run as a user runs it, and the imported register's figures worked by hand.

Hand figures, at an FMV of 1.00 throughout: the sale of 1,000,000 at 0.90 with 50,000 of
expenses (from the overlay) takes the price to 1.94 × (7,000,000 + 850,000) / 8,000,000;
the consultant's 500,000 plan options at 0.50 (never in the carve-out; nothing paid for
them, flagged) are deemed issued for 250,000: × (8,000,000 + 250,000) / 8,500,000.
"""

from __future__ import annotations

import hashlib
import json
import zipfile
from datetime import date, timedelta
from fractions import Fraction
from pathlib import Path
from typing import Any

import pytest
from tests.spec.contract_helpers import assert_one_line_refusal, cli, cli_json, exact

import warrant

P0 = Fraction("1.94")
P1 = P0 * (7_000_000 + 850_000) / 8_000_000
P2 = P1 * (8_000_000 + 250_000) / 8_500_000


def _file(file_type: str, items: list[dict[str, Any]]) -> dict[str, Any]:
    return {"file_type": file_type, "items": items}


SALE = {
    "object_type": "TX_STOCK_ISSUANCE", "id": "tx-sale", "security_id": "sec-sale",
    "date": "2002-06-03", "custom_id": "CS-2", "stakeholder_id": "sh-investor",
    "security_law_exemptions": [], "stock_class_id": "class-common",
    "share_price": {"amount": "0.90", "currency": "USD"}, "quantity": "1000000",
    "stock_legend_ids": [],
}
GRANT = {
    "object_type": "TX_EQUITY_COMPENSATION_ISSUANCE", "id": "tx-grant",
    "security_id": "sec-grant", "date": "2002-07-01", "custom_id": "OP-1",
    "stakeholder_id": "sh-cons", "security_law_exemptions": [],
    "compensation_type": "OPTION_NSO", "quantity": "500000",
    "exercise_price": {"amount": "0.50", "currency": "USD"},
    "expiration_date": "2007-07-01", "termination_exercise_windows": [],
    "stock_plan_id": "plan-x",
}

FILES = {
    "Stakeholders.ocf.json": _file("OCF_STAKEHOLDERS_FILE", [
        {"object_type": "STAKEHOLDER", "id": "sh-investor",
         "name": {"legal_name": "Investor LP"}, "stakeholder_type": "INSTITUTION"},
        {"object_type": "STAKEHOLDER", "id": "sh-cons",
         "name": {"legal_name": "A. Consultant"}, "stakeholder_type": "INDIVIDUAL",
         "current_relationship": "CONSULTANT"},
    ]),
    "StockClasses.ocf.json": _file("OCF_STOCK_CLASSES_FILE", [
        {"object_type": "STOCK_CLASS", "id": "class-common", "name": "Common Stock",
         "class_type": "COMMON", "default_id_prefix": "CS-",
         "initial_shares_authorized": "50000000", "votes_per_share": "1",
         "par_value": {"amount": "0.03", "currency": "USD"}, "seniority": "1"},
    ]),
    "StockPlans.ocf.json": _file("OCF_STOCK_PLANS_FILE", [
        {"object_type": "STOCK_PLAN", "id": "plan-x", "plan_name": "1994 Plan",
         "initial_shares_reserved": "2500000", "stock_class_ids": ["class-common"]},
    ]),
    "StockLegends.ocf.json": _file("OCF_STOCK_LEGEND_TEMPLATES_FILE", []),
    "VestingTerms.ocf.json": _file("OCF_VESTING_TERMS_FILE", []),
    "Valuations.ocf.json": _file("OCF_VALUATIONS_FILE", []),
    "Transactions.ocf.json": _file("OCF_TRANSACTIONS_FILE", [SALE, GRANT]),
}
MANIFEST_KEYS = {
    "stakeholders_files": "Stakeholders.ocf.json",
    "stock_classes_files": "StockClasses.ocf.json",
    "stock_plans_files": "StockPlans.ocf.json",
    "stock_legend_templates_files": "StockLegends.ocf.json",
    "vesting_terms_files": "VestingTerms.ocf.json",
    "valuations_files": "Valuations.ocf.json",
    "transactions_files": "Transactions.ocf.json",
}

OVERLAY = """
[ocf]
as_of = 2002-12-31

[warrant]
preset = "alpha-2002"
face_shares = 100000

[capitalization]
common_outstanding = 7000000
plan_options_outstanding = 0

[prices]
csv = "data/prices.csv"

[plans]
"plan-x" = "1994"

[grantee]
"sh-cons" = "consultant"

[tx."tx-sale"]
id = "sale-2002"
expenses = "50000"

[[event]]
type = "distribution"
id = "spin-off"
date = 2002-12-02
record_date = 2002-11-15
kind = "Spinco common"
per_share = "1/10"
"""


#: the exchange's 2002 holidays from May on (no price is quoted on them)
HOLIDAYS_2002 = {date(2002, 5, 27), date(2002, 7, 4), date(2002, 9, 2), date(2002, 11, 28),
                 date(2002, 12, 25)}


def _prices() -> str:
    lines = ["date,close"]
    day = date(2002, 5, 1)
    while day <= date(2002, 12, 31):
        if day.weekday() < 5 and day not in HOLIDAYS_2002:
            lines.append(f"{day.isoformat()},1.00")
        day += timedelta(days=1)
    return "\n".join(lines) + "\n"


def make_package(root: Path, *, transactions: list[dict[str, Any]] | None = None,
                 as_of: str = "2002-12-31") -> Path:
    package = root / "pkg"
    package.mkdir()
    files = dict(FILES)
    if transactions is not None:
        files["Transactions.ocf.json"] = _file("OCF_TRANSACTIONS_FILE", transactions)
    manifest: dict[str, Any] = {
        "ocf_version": "1.2.0", "file_type": "OCF_MANIFEST_FILE",
        "issuer": {"object_type": "ISSUER", "id": "issuer", "legal_name": "Alpha, Inc.",
                   "formation_date": "1994-01-01", "country_of_formation": "US"},
        "as_of": as_of, "generated_at": "2003-01-02T09:00:00-08:00",
    }
    for key, name in MANIFEST_KEYS.items():
        text = json.dumps(files[name], indent=2) + "\n"
        (package / name).write_text(text, encoding="utf-8")
        manifest[key] = [{"filepath": f"./{name}",
                          "md5": hashlib.md5(text.encode()).hexdigest()}]
    (package / "Manifest.ocf.json").write_text(json.dumps(manifest, indent=2), encoding="utf-8")
    return package


def make_overlay(root: Path, text: str = OVERLAY) -> Path:
    (root / "data").mkdir(exist_ok=True)
    (root / "data" / "prices.csv").write_text(_prices(), encoding="utf-8")
    overlay = root / "overlay.toml"
    overlay.write_text(text, encoding="utf-8")
    return overlay


def _check_imported_replay(scenario: Path) -> None:
    replayed = cli_json("replay", scenario, "--json")
    sale, grant = replayed["adjustments"]
    assert sale["event"] == "sale-2002"  # the overlay named it
    assert exact(sale["consideration"]) == 850_000
    assert exact(sale["price_after"]) == P1
    assert grant["event"] == "ocf:tx-grant"  # ocf:<id> where the overlay names none
    assert grant["clause"] == "4.C(3)"
    assert exact(grant["price_after"]) == P2
    assert exact(replayed["exercise_price"]) == P2


def test_spec_contract_import_ocf_writes_a_scenario_and_report(tmp_path):
    package, overlay = make_package(tmp_path), make_overlay(tmp_path)
    target = tmp_path / "elsewhere" / "imported.toml"
    target.parent.mkdir()
    report = tmp_path / "report.json"
    done = cli("import-ocf", package, "--overlay", overlay, "-o", target,
               "--report-json", report)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip()  # the report, for people
    # paths rewritten: the written file replays where it is written
    _check_imported_replay(target)
    written = warrant.load_scenario(target)
    kinds = [type(event).__name__ for event in written.events]
    assert "Distribution" in kinds  # the overlay's [[event]], merged in date order
    flags = json.loads(report.read_text(encoding="utf-8"))["flags"]
    assert {"grant-consideration-zero"} <= {flag["flag"] for flag in flags}
    zero = next(f for f in flags if f["flag"] == "grant-consideration-zero")
    assert "tx-grant" in json.dumps(zero)


def test_spec_contract_import_ocf_from_a_zip(tmp_path):
    package, overlay = make_package(tmp_path), make_overlay(tmp_path)
    archive = tmp_path / "pkg.ocf.zip"
    with zipfile.ZipFile(archive, "w") as bundle:
        for path in sorted(package.glob("*.ocf.json")):
            bundle.write(path, path.name)
    target = tmp_path / "from-zip.toml"
    done = cli("import-ocf", archive, "--overlay", overlay, "-o", target)
    assert done.returncode == 0, done.stderr
    _check_imported_replay(target)


def test_spec_contract_import_ocf_python(tmp_path):
    package, overlay = make_package(tmp_path), make_overlay(tmp_path)
    imported = warrant.import_ocf(package, overlay, output=tmp_path / "x.toml")
    assert isinstance(imported, warrant.OcfImport)
    assert isinstance(imported.report, warrant.ImportReport)
    assert warrant.replay(imported.scenario).exercise_price == P2
    assert any(flag.kind is warrant.FlagKind.GRANT_CONSIDERATION_ZERO
               for flag in imported.report.flags)


def test_spec_contract_import_ocf_refuses_an_as_of_that_differs(tmp_path):
    package, overlay = make_package(tmp_path, as_of="2002-11-30"), make_overlay(tmp_path)
    assert_one_line_refusal(cli("import-ocf", package, "--overlay", overlay,
                                "-o", tmp_path / "x.toml"))


def test_spec_contract_import_ocf_refuses_an_unmapped_plan(tmp_path):
    package = make_package(tmp_path)
    overlay = make_overlay(tmp_path, OVERLAY.replace('"plan-x" = "1994"', ""))
    done = cli("import-ocf", package, "--overlay", overlay, "-o", tmp_path / "x.toml")
    assert_one_line_refusal(done)
    assert "plan-x" in done.stderr


def test_spec_contract_import_ocf_refuses_a_json_float(tmp_path):
    floated = dict(SALE, quantity=1000000.0)
    package = make_package(tmp_path, transactions=[floated, GRANT])
    done = cli("import-ocf", package, "--overlay", make_overlay(tmp_path),
               "-o", tmp_path / "x.toml")
    assert_one_line_refusal(done)


def test_spec_contract_overlay_tx_skip_with_a_reason(tmp_path):
    package = make_package(tmp_path)
    overlay = make_overlay(tmp_path, OVERLAY + '\n[tx."tx-grant"]\nskip = "booked twice"\n')
    target = tmp_path / "x.toml"
    done = cli("import-ocf", package, "--overlay", overlay, "-o", target)
    assert done.returncode == 0, done.stderr
    replayed = cli_json("replay", target, "--json")
    assert exact(replayed["exercise_price"]) == P1


def test_spec_contract_overlay_grantee_from_current_relationship(tmp_path):
    package = make_package(tmp_path)
    overlay = make_overlay(tmp_path, OVERLAY.replace(
        '"sh-cons" = "consultant"', "from_current_relationship = true"))
    target = tmp_path / "x.toml"
    report = tmp_path / "r.json"
    done = cli("import-ocf", package, "--overlay", overlay, "-o", target,
               "--report-json", report)
    assert done.returncode == 0, done.stderr
    assert exact(cli_json("replay", target, "--json")["exercise_price"]) == P2
    flags = json.loads(report.read_text(encoding="utf-8"))["flags"]
    assert "grantee-from-relationship" in {flag["flag"] for flag in flags}


@pytest.mark.parametrize("name", ["import_ocf", "OcfImport", "ImportReport", "Flag",
                                  "FlagKind", "OcfRefused"])
def test_spec_contract_ocf_python_names_exported(name):
    assert name in warrant.__all__
    assert getattr(warrant, name) is not None


FREE = dict(SALE, id="tx-free", security_id="sec-free", date="2002-09-03", quantity="80000",
            share_price={"amount": "0", "currency": "USD"})


def test_spec_contract_zero_price_issue_needs_classify(tmp_path):
    package = make_package(tmp_path, transactions=[SALE, GRANT, FREE])
    refused = cli("import-ocf", package, "--overlay", make_overlay(tmp_path),
                  "-o", tmp_path / "x.toml")
    assert_one_line_refusal(refused)
    assert "tx-free" in refused.stderr
    overlay = make_overlay(tmp_path, OVERLAY + '\n[tx."tx-free"]\nclassify = "stock-dividend"\n'
                           "record_date = 2002-08-26\n")
    target = tmp_path / "x.toml"
    done = cli("import-ocf", package, "--overlay", overlay, "-o", target)
    assert done.returncode == 0, done.stderr
    kinds = {type(event).__name__ for event in warrant.load_scenario(target).events}
    assert "StockDividend" in kinds


def test_spec_contract_option_without_expiry_needs_tx_expires(tmp_path):
    open_ended = dict(GRANT, expiration_date=None)
    package = make_package(tmp_path, transactions=[SALE, open_ended])
    refused = cli("import-ocf", package, "--overlay", make_overlay(tmp_path),
                  "-o", tmp_path / "x.toml")
    assert_one_line_refusal(refused)
    assert "tx-grant" in refused.stderr
    overlay = make_overlay(tmp_path, OVERLAY + '\n[tx."tx-grant"]\nexpires = 2007-07-01\n')
    target = tmp_path / "x.toml"
    done = cli("import-ocf", package, "--overlay", overlay, "-o", target)
    assert done.returncode == 0, done.stderr
    _check_imported_replay(target)


def test_spec_contract_grantee_entry_of_the_grant_wins(tmp_path):
    # the stakeholder is a consultant, but the grant's own entry says employee: inside the
    # carve-out, so the options adjust nothing and the price stays P₁
    package = make_package(tmp_path)
    overlay = make_overlay(tmp_path, OVERLAY.replace(
        '"sh-cons" = "consultant"', '"sh-cons" = "consultant"\n"tx-grant" = "employee"'))
    target = tmp_path / "x.toml"
    done = cli("import-ocf", package, "--overlay", overlay, "-o", target)
    assert done.returncode == 0, done.stderr
    assert exact(cli_json("replay", target, "--json")["exercise_price"]) == P1


def test_spec_contract_plans_outside_and_overlay_reading(tmp_path):
    # a plan mapped "outside": its grants are not plan options (no carve-out, grantee or not);
    # the overlay's [reading] reaches the scenario
    package = make_package(tmp_path)
    overlay = make_overlay(tmp_path, OVERLAY.replace('"plan-x" = "1994"', '"plan-x" = "outside"')
                           .replace('"sh-cons" = "consultant"', '"sh-cons" = "employee"')
                           + '\n[reading]\noutstanding_basis = "issued"\n')
    target = tmp_path / "x.toml"
    done = cli("import-ocf", package, "--overlay", overlay, "-o", target)
    assert done.returncode == 0, done.stderr
    replayed = cli_json("replay", target, "--json")
    assert exact(replayed["exercise_price"]) == P2
    assert replayed["reading"]["outstanding_basis"] == "issued"
