"""The command line's answers: exit status 1 means "no" (verify, consent, notices), every
sub-command's --help says what it does and what its exit status means, and messages name
what the user typed."""

from __future__ import annotations

import contextlib
import io
from pathlib import Path

import pytest

import certificate_helpers as helpers
from warrant.cli import main

ROOT = Path(__file__).resolve().parents[2]
SERIES = str(ROOT / "examples" / "series-and-exercise.toml")
COMMANDS = (
    "fmv", "replay", "certificate", "exchange", "readings", "exercise", "consent", "demo",
    "import-ocf", "verify", "notices",
)


def run(*argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            status = main(list(argv))
        except SystemExit as done:  # --help
            status = int(done.code or 0)
    return status, out.getvalue(), err.getvalue()


@pytest.mark.parametrize("command", COMMANDS)
def test_every_help_has_a_description_and_its_exit_statuses(command: str) -> None:
    status, out, _ = run(command, "--help")
    assert status == 0
    usage, _, rest = out.partition("\n\n")
    description = rest.split("\n\n")[0]
    assert usage.startswith(f"usage: warrant {command}")
    assert description[0].isupper() and description.rstrip().endswith(".")
    assert "exit status: 0" in " ".join(out.split()) and "2 bad input" in " ".join(out.split())


def test_consent_exits_1_when_the_signers_hold_no_majority() -> None:
    # on 2002-07-01 A.1 (40,000 face) is 4/9 of A.1 and B (90,000 face, after A.2's exercise)
    status, out, _ = run("consent", SERIES, "--as-of", "2002-07-01", "--signed", "A.1")
    assert status == 1 and "NOT a majority" in out
    status, out, _ = run("consent", SERIES, "--as-of", "2002-07-01", "--signed", "Bank B")
    assert status == 0


def test_notices_exit_1_when_a_notice_was_mailed_late(tmp_path: Path) -> None:
    def dividend(mailed: str) -> str:
        return (
            '[[event]]\ntype = "stock-dividend"\nid = "div0"\ndate = 2003-09-15\n'
            f"shares = 70000\nrecord_date = 2003-09-15\nnotice_mailed = {mailed}\n"
        )

    # record date 2003-09-15, less 30 days: 2003-08-16 is the last day to mail
    late = helpers.write_scenario(tmp_path, dividend("2003-08-17"), name="late.toml")
    on_time = helpers.write_scenario(tmp_path, dividend("2003-08-16"), name="on-time.toml")
    assert run("notices", str(late))[0] == 1
    assert run("notices", str(late), "--json")[0] == 1
    assert run("notices", str(on_time))[0] == 0


def test_messages_name_the_option_the_user_typed() -> None:
    status, _, err = run("exercise", SERIES, "--warrant", "B", "--received", "2001-01-02")
    assert status == 2 and "field '--received'" in err and "as_of" not in err
    status, _, err = run("consent", SERIES, "--as-of", "2001-01-02", "--signed", "B")
    assert status == 2 and "field '--as-of'" in err and "'as_of'" not in err


def test_fmv_names_its_arguments_as_its_usage_does() -> None:
    status, _, err = run("fmv")
    assert status == 2 and "PRICES, DATE" in err
    status, out, _ = run("fmv", "--help")
    assert "usage: warrant fmv [-h] [--json] PRICES DATE" in out
    status, _, err = run("fmv", str(ROOT / "src" / "warrant" / "data" / "illustrative-prices.csv"),
                         "2003-13-01")
    assert status == 2 and "field 'DATE'" in err


def test_a_missing_package_is_said_not_to_exist_and_named_once(tmp_path: Path) -> None:
    missing = tmp_path / "nowhere.ocf.zip"
    status, _, err = run("import-ocf", str(missing), "--overlay", str(tmp_path / "o.toml"))
    assert status == 2 and "does not exist" in err
    assert err.count("nowhere.ocf.zip") == 1


def test_a_json_date_given_as_a_number_asks_for_the_date_form(tmp_path):
    import json
    import subprocess
    import sys

    path = tmp_path / "n.json"
    path.write_text(json.dumps({
        "warrant": {"face_shares": 100}, "capitalization": {"common_outstanding": 1000},
        "event": [{"type": "issuance", "date": 20020603, "shares": 1, "cash": 1}],
    }))
    done = subprocess.run(
        [sys.executable, "-m", "warrant", "replay", str(path)], capture_output=True, text=True
    )
    assert done.returncode == 2
    assert "a date in YYYY-MM-DD form" in done.stderr


def test_a_missing_file_is_said_not_to_exist_and_named_once(tmp_path):
    import subprocess
    import sys

    missing = tmp_path / "missing.toml"
    done = subprocess.run(
        [sys.executable, "-m", "warrant", "replay", str(missing)], capture_output=True, text=True
    )
    assert done.returncode == 2
    assert "does not exist" in done.stderr
    assert done.stderr.count(str(missing)) == 1


@pytest.mark.parametrize("json_flag", [(), ("--json",)])
@pytest.mark.parametrize("reading", ["", '[reading]\noutstanding_basis = "issued"\n'])
def test_readings_of_a_register_its_own_reading_refuses_exits_2_as_replay_does(
    tmp_path: Path, json_flag: tuple[str, ...], reading: str
) -> None:
    # Under the default reading, or under another that shares the default's refused run
    # (the refused rule reads no field they differ on).
    # The register's first event needs a Fair Market Value the prices do not cover.
    (tmp_path / "prices.csv").write_text("date,close\n2002-06-03,1.00\n")
    scenario = tmp_path / "s.toml"
    scenario.write_text(
        '[warrant]\npreset = "alpha-2002"\nface_shares = 100000\n'
        "[capitalization]\ncommon_outstanding = 7000000\n"
        + reading
        + '[prices]\ncsv = "prices.csv"\n'
        '[[event]]\ntype = "issuance"\ndate = 2002-05-01\nshares = 1000\ncash = "500"\n'
    )
    replayed = run("replay", str(scenario))
    status, out, err = run("readings", *json_flag, str(scenario))
    assert replayed[0] == status == 2
    assert out == ""
    assert err == replayed[2]
    assert "event[0] (issuance" in err and len(err.strip().splitlines()) == 1
