"""``warrant exchange``, ``warrant readings`` and ``warrant demo`` (SPEC §10): JSON keys of
the file contract, exit statuses, one-line errors."""

from __future__ import annotations

import json
from importlib import resources
from pathlib import Path

import pytest

from warrant.cli import main
from warrant.instrument.readings import Reading

DEMO = resources.files("warrant") / "data" / "exchange-2003.toml"


def run(capsys: pytest.CaptureFixture[str], argv: list[str]) -> tuple[int, str, str]:
    status = main(argv)
    out, err = capsys.readouterr()
    return status, out, err


def test_cli_exchange_json_has_the_contract_keys(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = run(capsys, ["exchange", str(DEMO), "--json"])
    assert status == 0
    data = json.loads(out)
    for key in (
        "dates",
        "carve_out",
        "grants",
        "triggers",
        "readjusts",
        "reasons",
        "exercise_price",
        "shares",
        "adjustments",
        "by_reading",
        "depends_on",
    ):
        assert key in data
    assert set(data["dates"]) >= {
        "commencement",
        "lookback_start",
        "offer_expires",
        "cancellation",
        "earliest_grant",
        "grant_date",
    }
    for stage in ("before", "gap", "after"):
        assert set(data["carve_out"][stage]) >= {"cap", "used", "remaining", "promised"}
    assert set(data["grants"][0]) >= {
        "of",
        "grantee",
        "shares",
        "inside_carve_out",
        "outside_carve_out",
        "grant_price",
        "effective_price",
        "fmv",
        "fmv_days",
        "below_fmv",
    }
    assert len(data["by_reading"]) == len(Reading.all())
    assert set(data["by_reading"][0]) >= {"reading", "triggers", "exercise_price", "shares"}
    assert data["triggers"] is True
    assert data["adjustments"][0]["clause"] == "4.C(3)"


def test_cli_readings_json(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = run(capsys, ["readings", str(DEMO), "--json"])
    assert status == 0
    data = json.loads(out)
    assert sum(len(result["readings"]) for result in data["results"]) == len(Reading.all())
    assert set(data["results"][0]) >= {
        "exercise_price",
        "shares",
        "carve_out_used",
        "adjustments",
        "readings",
    }
    assert "depends_on" in data


def test_cli_demo_prints_facts_and_labels_the_illustrative(
    capsys: pytest.CaptureFixture[str],
) -> None:
    status, out, _ = run(capsys, ["demo"])
    assert status == 0
    assert "1,592,376" in out and "1,406,542" in out and "2003-10-03" in out
    assert "ILLUSTRATIVE" in out
    assert "TRIGGERS" in out
    status, out, _ = run(capsys, ["demo", "--json"])
    assert status == 0 and json.loads(out)["dates"]["earliest_grant"] == "2003-10-03"


def test_cli_exchange_without_an_exchange_table_exits_2(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    path = tmp_path / "s.toml"
    path.write_text("[capitalization]\ncommon_outstanding = 7000000\n", encoding="utf-8")
    status, out, err = run(capsys, ["exchange", str(path)])
    assert status == 2 and out == ""
    assert len(err.strip().splitlines()) == 1 and "exchange" in err


def test_cli_exchange_unknown_tender_key_exits_2(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    text = DEMO.read_text(encoding="utf-8").replace('holder = "Lawrence Butler"', 'holdr = "x"')
    path = tmp_path / "s.toml"
    path.write_text(text, encoding="utf-8")
    (tmp_path / "exchange-2003-prices.csv").write_text(
        (resources.files("warrant") / "data" / "exchange-2003-prices.csv").read_text(
            encoding="utf-8"
        ),
        encoding="utf-8",
    )
    status, _, err = run(capsys, ["exchange", str(path)])
    assert status == 2
    assert "[[exchange.tender]] 1" in err and "holdr" in err


def test_cli_exchange_text_for_people(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = run(capsys, ["exchange", str(DEMO)])
    assert status == 0
    assert "earliest grant date" in out and "2003-10-03" in out
    assert "last day of the gap" in out
    assert "TRIGGERS" in out
    assert "Whether it triggers depends on" in out and "The new Exercise Price depends on" in out
    # the table's columns line up: every row of the carve-out table is as wide as its header
    lines = out.splitlines()
    header = next(i for i, line in enumerate(lines) if line.startswith("carve-out 4.C(5)(iii)"))
    widths = {len(line) for line in lines[header : header + 4]}
    assert len(widths) == 1


def test_cli_readings_text(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = run(capsys, ["readings", str(DEMO)])
    assert status == 0
    assert "under every reading (96 readings" in out
    assert "The result depends on:" in out or "same under every reading" in out


_AFTER_REORGANIZATION = """\
[warrant]
face_shares = 100000

[capitalization]
common_outstanding = 7000000
plan_options_outstanding = 0

[prices]
quote = [{quotes}]

[[event]]
type = "option-grant"
id = "g1"
date = 2002-06-03
shares = 1000
exercise_price = "2.00"
expires = 2010-01-01
plan = false

[[event]]
type = "reorganization"
date = 2002-06-25
basket = { cash = "2.00" }

[exchange]
[[exchange.reprice]]
of = "nope"
new_price = "0.5"
date = 2002-06-26
"""


def test_spec_12_a_reprice_of_an_unknown_grant_after_4B_is_refused_in_one_line(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    scenario = tmp_path / "reorganized.toml"
    import datetime as dt

    import warrant

    quotes = ", ".join(
        f'{{ date = {day.isoformat()}, close = "1.00" }}'
        for day in warrant.trading_days(dt.date(2002, 5, 1), dt.date(2002, 7, 1))
    )
    scenario.write_text(_AFTER_REORGANIZATION.replace("{quotes}", quotes), encoding="utf-8")
    status, out, err = run(capsys, ["exchange", str(scenario)])
    assert status == 2 and out == ""
    assert len(err.strip().splitlines()) == 1
    assert "field 'of'" in err and "'nope'" in err
