"""Answers about the option exchange that cannot be misread: replay and readings say the
proposal is not applied, the verdict's dependence is told apart from the figures', the demo
says what it invents, a grant date that is not a business day is refused for that reason,
a repricing by tender offer keeps its offer dates, and money reads as money."""

from __future__ import annotations

import contextlib
import io
import json
import shutil
from pathlib import Path

import pytest

import certificate_helpers as helpers
from warrant.cli import main

ROOT = Path(__file__).resolve().parents[2]
GOLDEN = ROOT / "tests" / "golden" / "scenarios"
EXCHANGE = "25-demo-exchange-2003.toml"


def run(*argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        status = main(list(argv))
    return status, out.getvalue(), err.getvalue()


@pytest.fixture(scope="module")
def exchange_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("exchange")
    shutil.copy(GOLDEN / EXCHANGE, folder / EXCHANGE)
    shutil.copy(GOLDEN / "exchange-2003-prices.csv", folder / "exchange-2003-prices.csv")
    return folder / EXCHANGE


def test_replay_and_readings_say_the_proposal_is_not_applied(exchange_file: Path) -> None:
    for command in ("replay", "readings"):
        status, out, _ = run(command, str(exchange_file))
        assert status == 0 and "[exchange] proposal is NOT applied" in out, command
        status, out, _ = run(command, str(exchange_file), "--json")
        data = json.loads(out)
        assert data["proposal_applied"] is False and "NOT applied" in data["proposal_note"]


def test_without_an_exchange_nothing_is_said(tmp_path: Path) -> None:
    path = helpers.write_scenario(tmp_path)
    status, out, _ = run("replay", str(path), "--json")
    assert status == 0 and "proposal_applied" not in json.loads(out)
    assert "NOT applied" not in run("replay", str(path))[1]


def test_the_verdict_depends_on_apart_from_what_the_figures_depend_on(exchange_file: Path) -> None:
    status, out, _ = run("exchange", str(exchange_file), "--json")
    assert status == 0
    data = json.loads(out)
    # in the demo every reading triggers; only the size of the adjustment differs
    assert all(row["triggers"] for row in data["by_reading"])
    assert data["verdict_depends_on"] == []
    assert "outstanding_basis" in data["depends_on"]
    prices = {row["exercise_price"] for row in data["by_reading"]}
    assert len(prices) > 1
    text = run("exchange", str(exchange_file))[1]
    assert "Whether it triggers depends on no reading: it triggers under every reading." in text
    assert "The new Exercise Price depends on outstanding_basis" in text


def test_demo_json_says_what_is_illustrative() -> None:
    status, out, _ = run("demo", "--json")
    assert status == 0
    data = json.loads(out)
    items = [entry["item"] for entry in data["illustrative"]]
    assert items == [
        "face_shares", "capitalization", "prices", "holders_outside_schedule_a", "gap_grants",
    ]
    assert all(entry["description"] for entry in data["illustrative"])
    assert data["verdict_depends_on"] == []


@pytest.mark.parametrize(
    ("day", "why"),
    [("2003-10-04", "a Saturday"), ("2003-10-13", "Columbus Day")],
)
def test_a_grant_date_that_is_not_a_business_day_is_refused_for_that_reason(
    exchange_file: Path, tmp_path: Path, day: str, why: str
) -> None:
    text = exchange_file.read_text(encoding="utf-8").replace(
        "offer_expires = 2003-03-31\n", f"offer_expires = 2003-03-31\ngrant_date = {day}\n", 1
    )
    path = tmp_path / "saturday.toml"
    path.write_text(text, encoding="utf-8")
    shutil.copy(exchange_file.parent / "exchange-2003-prices.csv", tmp_path)
    status, _, err = run("exchange", str(path))
    assert status == 2 and err.count("\n") == 1
    assert f"{day} is not a business day by the offer's definition ({why})" in err
    assert "grant_date" in err and "closing price" not in err


REPRICING = """
[exchange]
commencement = 2002-08-01
offer_expires = 2002-08-30

[[exchange.reprice]]
of = "options-2002"
new_price = "0.25"
date = 2002-09-03
"""


def test_a_repricing_by_tender_offer_keeps_and_reports_its_offer_dates(tmp_path: Path) -> None:
    events = helpers.SALE + "\n" + helpers.GRANT + REPRICING
    path = helpers.write_scenario(tmp_path, events)
    status, out, err = run("exchange", str(path), "--json")
    assert status == 0, err
    data = json.loads(out)
    assert data["kind"] == "repricing"
    assert data["dates"]["commencement"] == "2002-08-01"
    assert data["dates"]["offer_expires"] == "2002-08-30"
    text = run("exchange", str(path))[1]
    assert "The repricing is made by tender offer:" in text and "2002-08-30" in text
    # a plain repricing still has none
    plain = helpers.write_scenario(
        tmp_path, events.replace("commencement = 2002-08-01\noffer_expires = 2002-08-30\n", ""),
        name="plain.toml",
    )
    data = json.loads(run("exchange", str(plain), "--json")[1])
    assert data["dates"]["commencement"] is None


def test_exchange_and_demo_text_write_money_with_two_decimals_and_one_arrow(
    exchange_file: Path,
) -> None:
    for text in (run("exchange", str(exchange_file))[1], run("demo")[1]):
        # the new options are priced at the grant date's close, $1.20
        grant_rows = [line for line in text.splitlines() if "exchange-1-grant " in line]
        assert grant_rows and " 1.20 " in grant_rows[0] and " 1.2 " not in grant_rows[0]
        assert "->" not in text
        assert "Exercise Price 1.94 → ≈1.9394" in text
