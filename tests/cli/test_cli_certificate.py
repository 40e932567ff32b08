"""``warrant certificate`` and ``warrant verify`` (SPEC §10): output, exit status, bad input.

Bad input (SPEC §12) prints one line naming the file and the field, exits 2, and
never shows a traceback.
"""

from __future__ import annotations

import json
import subprocess
import sys
from fractions import Fraction
from pathlib import Path

import pytest

import certificate_helpers as helpers
from warrant.cli import main

F = Fraction


@pytest.fixture()
def facts(tmp_path: Path) -> Path:
    return helpers.write_scenario(tmp_path)


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    status = main(list(argv))
    out, err = capsys.readouterr()
    return status, out, err


def write(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def test_cli_certificate_json_round_trips_through_verify(
    facts: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    status, out, _ = run(capsys, "certificate", str(facts), "--adjustment", "1", "--format", "json")
    assert status == 0
    data = json.loads(out)
    assert F(data["certificate"]["figures"]["price_after"]) == F(6_289_577, 3_400_000)
    cert = write(tmp_path, "c.json", out)
    status, out, _ = run(capsys, "verify", str(facts), str(cert), "--json")
    assert status == 0
    verdict = json.loads(out)
    assert verdict["verdict"] == "agrees" and verdict["event"] == "options-2002"
    assert verdict["clause"] == "4.C(3)" and verdict["missing"] == []
    assert verdict["facts_digest"]["agrees"] is True
    assert verdict["stated_reading_reproduces"] is True
    assert {check["figure"] for check in verdict["figures"]} >= {"price_after", "shares_after"}
    keys = {"figure", "stated", "places", "recomputed", "rounded", "difference", "agrees", "clause"}
    # the contract's keys, with the ones added beside them
    added = {"difference_decimal", "matched"}
    assert all(set(check) == keys | added for check in verdict["figures"])


def test_cli_certificate_markdown_and_text(facts: Path, capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = run(
        capsys, "certificate", str(facts), "--event", "sale-2002", "--format", "md"
    )
    assert status == 0 and out.startswith("# Certificate as to adjustment (Section 4.G)")
    assert "1.9036 (exactly 1.903625)" in out
    status, out, _ = run(capsys, "certificate", str(facts), "--event", "0", "--places", "2")
    assert status == 0 and "1.90 (exactly 1.903625)" in out and "(a) Consideration" in out


def test_cli_verify_disagrees_exits_1(
    facts: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    cert = write(
        tmp_path,
        "paper.toml",
        '[certificate]\nadjustment = 0\n[certificate.figures]\nprice_after = "1.9037"\n',
    )
    status, out, _ = run(capsys, "verify", str(facts), str(cert))
    assert status == 1
    assert "DISAGREES" in out and "price_after" in out
    status, out, _ = run(capsys, "verify", str(facts), str(cert), "--json")
    data = json.loads(out)
    assert status == 1 and data["verdict"] == "disagrees"
    (check,) = data["figures"]
    assert (check["stated"], check["rounded"], check["difference"]) == (
        "1.9037",
        "1.9036",
        "-0.000075",
    )
    assert data["reproduced_by"] == []


BAD_CERTIFICATES = {
    "malformed figure": (
        '[certificate]\nadjustment = 0\n[certificate.figures]\nprice_after = "1.90.3"\n',
        "figures.price_after",
    ),
    "figure not a string": (
        "[certificate]\nadjustment = 0\n[certificate.figures]\nprice_after = 1.9036\n",
        "figures.price_after",
    ),
    "unknown figure": (
        '[certificate]\nadjustment = 0\n[certificate.figures]\nprice = "1.9036"\n',
        "figures.price",
    ),
    "unknown key": ('[certificate]\nadjustment = 0\nsigned_by = "KPMG"\n', "signed_by"),
    "unknown top-level key": ("[certificat]\nadjustment = 0\n", "certificat"),
    "no adjustment of that event": ("[certificate]\nevent = 7\n", "event"),
    "no such sequence": ("[certificate]\nadjustment = 9\n", "adjustment"),
    "neither event nor adjustment": ('[certificate]\nclause = "4.C(1)"\n', "event"),
    "unknown warrant": ('[certificate]\nadjustment = 0\nwarrant = "W-9"\n', "warrant"),
    "bad reading": (
        '[certificate]\nadjustment = 0\nreading = { outstanding_basis = "all" }\n',
        "outstanding_basis",
    ),
    "bad date": ('[certificate]\nadjustment = 0\ndate = "2002-6-3"\n', "date"),
    "not TOML": ("[certificate\n", "not valid TOML"),
    "nested too deep": (
        "[certificate]\nadjustment = 0\nreading = " + "[" * 5000 + "]" * 5000 + "\n",
        "line 3: not valid TOML: brackets nested more than 32 deep",
    ),
    "figure of 10,001 digits": (
        '[certificate]\nadjustment = 0\n[certificate.figures]\nfmv = "' + "9" * 10_001 + '"\n',
        "figures.fmv",
    ),
}


@pytest.mark.parametrize("case", sorted(BAD_CERTIFICATES))
def test_spec_12_bad_certificate_is_one_line_exit_2(
    case: str, facts: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    text, named = BAD_CERTIFICATES[case]
    cert = write(tmp_path, "bad.toml", text)
    status, out, err = run(capsys, "verify", str(facts), str(cert))
    assert status == 2 and out == ""
    assert err.count("\n") == 1 and "Traceback" not in err
    assert named in err and "bad.toml" in err


def test_spec_12_event_that_made_no_adjustment(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    buyback = '[[event]]\ntype = "buyback"\nid = "buy"\ndate = 2003-08-01\nshares = 1000\n'
    facts = helpers.write_scenario(tmp_path, helpers.SECTION_14 + "\n" + buyback)
    cert = write(
        tmp_path,
        "c.toml",
        '[certificate]\nevent = "buy"\n[certificate.figures]\nprice_after = "1.9036"\n',
    )
    status, _, err = run(capsys, "verify", str(facts), str(cert))
    assert status == 2 and "made no adjustment" in err and "field 'event'" in err
    status, _, err = run(capsys, "certificate", str(facts), "--event", "buy")
    assert status == 2 and err.count("\n") == 1 and "made no adjustment" in err


def test_spec_12_ambiguous_event_names_the_choices(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    reprice = (
        '[[event]]\ntype = "repricing"\nid = "reprice"\ndate = 2002-08-01\nof = "options-2002"\n'
        'exercise_price = "0.40"\n'
    )
    facts = helpers.write_scenario(tmp_path, helpers.SALE + "\n" + helpers.GRANT + "\n" + reprice)
    cert = write(tmp_path, "c.toml", '[certificate]\nevent = "reprice"\n')
    status, _, err = run(capsys, "verify", str(facts), str(cert))
    assert status == 2
    assert "adjustment 2 (4.C(3) readjustment) or adjustment 3 (4.C(6))" in err
    named = write(tmp_path, "d.toml", '[certificate]\nevent = "reprice"\nclause = "4.C(6)"\n')
    status, out, _ = run(capsys, "verify", str(facts), str(named))
    # named by its date, clause and event, with the replay index beside
    assert status == 0 and "under 4.C(6), on the repricing" in out and "replay index 3" in out


def test_cli_verify_as_a_subprocess_has_no_traceback(facts: Path, tmp_path: Path) -> None:
    cert = write(
        tmp_path, "bad.toml", '[certificate]\nadjustment = 0\n[certificate.figures]\nfmv = "one"\n'
    )
    done = subprocess.run(
        [sys.executable, "-m", "warrant", "verify", str(facts), str(cert)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 2 and "Traceback" not in done.stderr
    assert done.stderr.count("\n") == 1 and "figures.fmv" in done.stderr
