"""``warrant replay SCENARIO [--json] [--as-of DATE]`` (SPEC §10, §12, §14).

The SPEC §14 figures are worked out by hand below, as Fractions, and compared
with what the command prints.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from fractions import Fraction
from pathlib import Path
from typing import Any

import pytest

from warrant.cli import main

F = Fraction
ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "examples" / "section-14.toml"

# -- SPEC §14 by hand ------------------------------------------------------------------------

P0 = F("1.94")
S0 = F(100_000)
FMV = F(1)
# 1,000,000 shares for $900,000 cash less $50,000 expenses, on 7,000,000 outstanding.
A1, C1, CONSIDERATION1 = F(7_000_000), F(1_000_000), F(900_000) - F(50_000)
P1 = P0 * (A1 + CONSIDERATION1 / FMV) / (A1 + C1)
S1 = S0 * P0 / P1
# 500,000 options outside the plans at $0.50, $0.02 paid per option (= $10,000).
A2, C2 = A1 + C1, F(500_000)
FOR_RIGHTS = C2 * F("0.02")
CONSIDERATION2 = FOR_RIGHTS + C2 * F("0.50")
P2 = P1 * (A2 + CONSIDERATION2 / FMV) / (A2 + C2)
S2 = S0 * P0 / P2


def test_spec_14_the_hand_figures_are_the_spec_figures() -> None:
    assert F("1.903625") == P1
    assert F(16_000_000, 157) == S1
    assert CONSIDERATION2 == 260_000
    assert F(6_289_577, 3_400_000) == P2
    assert S1 * P1 == S0 * P0 == S2 * P2  # SPEC §11 inv. 1


SPEC_ENTRY_KEYS = {
    "clause",
    "date",
    "event",
    "price_before",
    "price_after",
    "shares_before",
    "shares_after",
    "fmv",
    "consideration",
    "additional_shares",
    "outstanding_before",
    "outstanding_after",
}
QUANTITY_KEYS = SPEC_ENTRY_KEYS - {"clause", "date", "event"}


def run_ok(capsys: pytest.CaptureFixture[str], argv: list[str]) -> str:
    status = main(argv)
    captured = capsys.readouterr()
    assert captured.err == ""
    assert status == 0
    return captured.out


def run_json(capsys: pytest.CaptureFixture[str], argv: list[str]) -> dict[str, Any]:
    out = run_ok(capsys, ["replay", *argv, "--json"])
    data = json.loads(out)
    assert isinstance(data, dict)
    return data


def exact(text: object) -> Fraction:
    """A quantity in the JSON: a string that Fraction() parses (SPEC §2)."""
    assert isinstance(text, str), text
    assert re.fullmatch(r"-?\d+(\.\d+)?|-?\d+/\d+", text), text
    return F(text)


# -- the table ---------------------------------------------------------------------------------


def test_spec_10_replay_prints_the_table_and_the_price_in_force(
    capsys: pytest.CaptureFixture[str],
) -> None:
    out = run_ok(capsys, ["replay", str(EXAMPLE)])
    lines = out.splitlines()
    rows = [line for line in lines if re.match(r"^\d+\s+\d{4}-\d\d-\d\d\s+4\.C", line)]
    assert len(rows) == 3, out
    assert rows[0].split()[:3] == ["0", "2002-06-03", "4.C(1)"]
    assert rows[1].split()[:3] == ["1", "2002-07-01", "4.C(3)"]
    assert rows[2].split()[:3] == ["2", "2003-06-30", "4.C(3)"]
    assert "readj" in rows[2] and "readj" not in rows[1]
    assert "1.903625" in rows[0]
    in_force = [line for line in lines if "In force on" in line]
    assert in_force == ["In force on 2003-06-30: Exercise Price 1.903625"]
    assert "16000000/157" in out
    assert "Traceback" not in out


def test_spec_10_replay_of_a_json_scenario_prints_the_same(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    path = tmp_path / "section-14.json"
    path.write_text(json.dumps(SECTION_14_JSON), encoding="utf-8")
    from_toml = run_ok(capsys, ["replay", str(EXAMPLE)])
    from_json = run_ok(capsys, ["replay", str(path)])
    assert from_json == from_toml
    assert run_json(capsys, [str(path)]) == run_json(capsys, [str(EXAMPLE)])


# -- --json ------------------------------------------------------------------------------------


def test_spec_10_json_has_the_spec_keys(capsys: pytest.CaptureFixture[str]) -> None:
    data = run_json(capsys, [str(EXAMPLE)])
    assert {"exercise_price", "shares", "as_of", "reading", "carve_out", "adjustments"} <= set(data)
    assert {"cap", "used", "remaining"} <= set(data["carve_out"])
    assert len(data["adjustments"]) == 3
    for entry in data["adjustments"]:
        assert set(entry) >= SPEC_ENTRY_KEYS, SPEC_ENTRY_KEYS - set(entry)


def test_spec_2_every_json_quantity_is_an_exact_string(
    capsys: pytest.CaptureFixture[str],
) -> None:
    data = run_json(capsys, [str(EXAMPLE)])
    exact(data["exercise_price"])
    exact(data["shares"])
    for key in ("cap", "used", "remaining"):
        exact(data["carve_out"][key])
    for entry in data["adjustments"]:
        for key in QUANTITY_KEYS:
            exact(entry[key])
    assert data["as_of"] == "2003-06-30"
    assert data["reading"] == {
        "outstanding_basis": "issued-and-deemed",
        "carve_out_counting": "issued-or-issuable",
        "promised_grants_hold_room": True,
        "carve_out_follows_splits": True,
        "readjust_on": "each-expiry",
        "business_day": "federal",
    }


def test_spec_14_figures_come_out_exactly(capsys: pytest.CaptureFixture[str]) -> None:
    data = run_json(capsys, [str(EXAMPLE)])
    sale, grant, readjustment = data["adjustments"]

    assert sale["clause"] == "4.C(1)"
    assert sale["date"] == "2002-06-03"
    assert sale["event"] == "sale-2002"
    assert exact(sale["fmv"]) == FMV
    assert exact(sale["consideration"]) == CONSIDERATION1
    assert exact(sale["additional_shares"]) == C1
    assert exact(sale["outstanding_before"]) == A1
    assert exact(sale["outstanding_after"]) == A1 + C1
    assert exact(sale["price_before"]) == P0
    assert exact(sale["price_after"]) == P1
    assert sale["price_after"] == "1.903625"
    assert exact(sale["shares_before"]) == S0
    assert exact(sale["shares_after"]) == S1
    assert sale["shares_after"] == "16000000/157"
    assert sale.get("readjustment") in (False, None)

    assert grant["clause"] == "4.C(3)"
    assert grant["date"] == "2002-07-01"
    assert grant["event"] == "options-2002"
    assert exact(grant["fmv"]) == FMV
    assert exact(grant["consideration"]) == CONSIDERATION2
    assert exact(grant["additional_shares"]) == C2
    assert exact(grant["outstanding_before"]) == A2
    assert exact(grant["outstanding_after"]) == A2 + C2
    assert exact(grant["price_before"]) == P1
    assert exact(grant["price_after"]) == P2
    assert grant["price_after"] == "6289577/3400000"
    assert exact(grant["shares_before"]) == S1
    assert exact(grant["shares_after"]) == S2
    assert grant.get("readjustment") in (False, None)

    # All 500,000 options expire unexercised: back to 1.903625 and 16,000,000/157.
    assert readjustment["readjustment"] is True
    assert readjustment["clause"] == "4.C(3)"
    assert readjustment["date"] == "2003-06-30"
    assert readjustment["event"] in (2, "2")  # the expiry has no id: its position
    assert exact(readjustment["price_before"]) == P2
    assert exact(readjustment["price_after"]) == P1
    assert exact(readjustment["shares_before"]) == S2
    assert exact(readjustment["shares_after"]) == S1

    assert exact(data["exercise_price"]) == P1
    assert data["exercise_price"] == "1.903625"
    assert exact(data["shares"]) == S1
    assert exact(data["carve_out"]["cap"]) == 1_969_693
    assert exact(data["carve_out"]["used"]) == 0
    assert exact(data["carve_out"]["remaining"]) == 1_969_693


@pytest.mark.parametrize(
    ("as_of", "count", "price"),
    [
        ("2002-05-01", 0, P0),  # before any event
        ("2002-06-02", 0, P0),
        ("2002-06-03", 1, P1),  # events dated on the day count
        ("2002-06-30", 1, P1),
        ("2002-07-01", 2, P2),
        ("2002-07-15", 2, P2),
        ("2003-06-29", 2, P2),
        ("2003-06-30", 3, P1),
        ("2005-01-03", 3, P1),
    ],
)
def test_spec_10_as_of(
    capsys: pytest.CaptureFixture[str], as_of: str, count: int, price: Fraction
) -> None:
    data = run_json(capsys, [str(EXAMPLE), "--as-of", as_of])
    assert data["as_of"] == as_of
    assert len(data["adjustments"]) == count
    assert exact(data["exercise_price"]) == price
    assert exact(data["shares"]) == S0 * P0 / price
    table = run_ok(capsys, ["replay", str(EXAMPLE), "--as-of", as_of])
    assert f"In force on {as_of}: Exercise Price {data['exercise_price']}" in table


def test_spec_10_as_of_2002_07_15(capsys: pytest.CaptureFixture[str]) -> None:
    data = run_json(capsys, [str(EXAMPLE), "--as-of", "2002-07-15"])
    assert len(data["adjustments"]) == 2
    assert data["exercise_price"] == "6289577/3400000"
    assert exact(data["shares"]) == S0 * P0 / F(6_289_577, 3_400_000)
    assert [a["clause"] for a in data["adjustments"]] == ["4.C(1)", "4.C(3)"]
    assert not any(a.get("readjustment") for a in data["adjustments"])


def test_spec_11_inv10_replaying_twice_prints_the_same(
    capsys: pytest.CaptureFixture[str],
) -> None:
    first = run_ok(capsys, ["replay", str(EXAMPLE), "--json"])
    second = run_ok(capsys, ["replay", str(EXAMPLE), "--json"])
    assert first == second
    assert run_ok(capsys, ["replay", str(EXAMPLE)]) == run_ok(capsys, ["replay", str(EXAMPLE)])


def test_spec_10_csv_prices_beside_the_scenario_from_another_cwd(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    case = tmp_path / "case"
    case.mkdir()
    days = [
        "2002-05-24",
        "2002-05-28",
        "2002-05-29",
        "2002-05-30",
        "2002-05-31",
        "2002-06-24",
        "2002-06-25",
        "2002-06-26",
        "2002-06-27",
        "2002-06-28",
    ]
    (case / "prices.csv").write_text(
        "date,close\n" + "".join(f"{d},1.00\n" for d in days), encoding="utf-8"
    )
    text = EXAMPLE.read_text(encoding="utf-8")
    head, _, rest = text.partition("[[prices.quote]]")
    events = rest[rest.index("[[event]]") :]
    (case / "case.toml").write_text(
        head + '[prices]\ncsv = "prices.csv"\n\n' + events, encoding="utf-8"
    )
    other = tmp_path / "other"
    other.mkdir()
    monkeypatch.chdir(other)
    data = run_json(capsys, ["../case/case.toml"])
    assert exact(data["exercise_price"]) == P1
    assert [exact(a["price_after"]) for a in data["adjustments"]] == [P1, P2, P1]


# -- bad input ---------------------------------------------------------------------------------

SECTION_14_JSON: dict[str, Any] = {
    "warrant": {"preset": "alpha-2002", "face_shares": 100000},
    "capitalization": {"common_outstanding": 7000000, "plan_options_outstanding": 0},
    "prices": {
        "quote": [
            {"date": day, "close": "1.00"}
            for day in (
                "2002-05-24",
                "2002-05-28",
                "2002-05-29",
                "2002-05-30",
                "2002-05-31",
                "2002-06-24",
                "2002-06-25",
                "2002-06-26",
                "2002-06-27",
                "2002-06-28",
            )
        ]
    },
    "event": [
        {
            "type": "issuance",
            "id": "sale-2002",
            "date": "2002-06-03",
            "shares": 1000000,
            "cash": 900000,
            "expenses": 50000,
        },
        {
            "type": "option-grant",
            "id": "options-2002",
            "date": "2002-07-01",
            "shares": 500000,
            "exercise_price": "0.50",
            "consideration": 10000,
            "expires": "2003-06-30",
            "plan": False,
        },
        {"type": "expiry", "date": "2003-06-30", "of": "options-2002"},
    ],
}


def scenario_file(tmp_path: Path, change: Any, name: str = "case.json") -> Path:
    data = json.loads(json.dumps(SECTION_14_JSON))
    change(data)
    path = tmp_path / name
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


def run_bad(capsys: pytest.CaptureFixture[str], argv: list[str]) -> str:
    status = main(argv)
    captured = capsys.readouterr()
    assert status == 2
    assert captured.out == ""
    lines = captured.err.splitlines()
    assert len(lines) == 1, captured.err
    assert lines[0].startswith("warrant: "), lines[0]
    assert "Traceback" not in captured.err
    return lines[0]


def _unknown_key(data: dict[str, Any]) -> None:
    data["event"][1]["strike"] = "0.50"


def _out_of_order(data: dict[str, Any]) -> None:
    data["event"][1]["date"] = "2002-05-01"
    data["event"][1]["expires"] = "2003-05-01"


def _unknown_grant(data: dict[str, Any]) -> None:
    data["event"].append(
        {"type": "exercise", "date": "2003-07-01", "of": "options-2003", "shares": 10}
    )


def _exercise_after_expiry(data: dict[str, Any]) -> None:
    data["event"].append(
        {"type": "exercise", "date": "2003-07-01", "of": "options-2002", "shares": 10}
    )


def _too_many_shares(data: dict[str, Any]) -> None:
    data["event"][2]["shares"] = 500001


def _unknown_type(data: dict[str, Any]) -> None:
    data["event"][2]["type"] = "lapse"


@pytest.mark.parametrize(
    ("change", "position", "field"),
    [
        (_unknown_key, "event[1]", "strike"),
        (_out_of_order, "event[1]", "date"),
        (_unknown_grant, "event[3]", "of"),
        (_exercise_after_expiry, "event[3]", "of"),
        (_too_many_shares, "event[2]", "shares"),
        (_unknown_type, "event[2]", "type"),
    ],
)
def test_spec_12_bad_scenario_is_one_line_naming_file_and_event(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, change: Any, position: str, field: str
) -> None:
    path = scenario_file(tmp_path, change)
    for argv in (["replay", str(path)], ["replay", str(path), "--json"]):
        line = run_bad(capsys, argv)
        assert str(path) in line
        assert position in line
        assert f"'{field}'" in line


def test_spec_12_out_of_order_says_so(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    line = run_bad(capsys, ["replay", str(scenario_file(tmp_path, _out_of_order))])
    assert "2002-05-01" in line
    assert "order" in line


def test_spec_12_missing_scenario_file(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    path = tmp_path / "no-such-case.toml"
    line = run_bad(capsys, ["replay", str(path)])
    assert str(path) in line


def test_spec_12_unknown_top_level_key(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    path = scenario_file(tmp_path, lambda d: d.update(exchanges={"date": "2003-10-03"}), "k.json")
    line = run_bad(capsys, ["replay", str(path)])
    assert str(path) in line
    assert "'exchanges'" in line


def test_spec_12_invalid_toml(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    path = tmp_path / "broken.toml"
    path.write_text(EXAMPLE.read_text(encoding="utf-8") + "\n[[event]\n", encoding="utf-8")
    line = run_bad(capsys, ["replay", str(path)])
    assert str(path) in line
    assert "TOML" in line


def test_spec_12_missing_csv_beside_the_scenario(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    path = scenario_file(tmp_path, lambda d: d.update(prices={"csv": "prices.csv"}))
    line = run_bad(capsys, ["replay", str(path)])
    assert str(path) in line
    assert str(tmp_path / "prices.csv") in line


def test_spec_12_missing_prices_for_an_fmv(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    path = scenario_file(tmp_path, lambda d: d["prices"]["quote"].pop(2))
    line = run_bad(capsys, ["replay", str(path)])
    assert str(path) in line
    assert "event[0]" in line
    assert "2002-05-29" in line


@pytest.mark.parametrize("bad", ["2002-13-01", "2002-02-30", "yesterday", "15/07/2002", " "])
def test_spec_12_bad_as_of(capsys: pytest.CaptureFixture[str], bad: str) -> None:
    line = run_bad(capsys, ["replay", str(EXAMPLE), "--as-of", bad])
    assert "--as-of" in line
    assert repr(bad) in line


def test_spec_12_empty_as_of_is_refused(capsys: pytest.CaptureFixture[str]) -> None:
    line = run_bad(capsys, ["replay", str(EXAMPLE), "--as-of", ""])
    assert "--as-of" in line


@pytest.mark.parametrize(
    "argv",
    [["replay"], ["replay", str(EXAMPLE), "--as-of"], ["replay", str(EXAMPLE), "--bogus"]],
)
def test_spec_10_usage_errors_are_one_line(
    capsys: pytest.CaptureFixture[str], argv: list[str]
) -> None:
    run_bad(capsys, argv)


def test_spec_12_scenario_not_utf8(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    path = tmp_path / "latin1.toml"
    path.write_bytes(
        EXAMPLE.read_text(encoding="utf-8")
        .replace('id = "sale-2002"', 'id = "vente-\u00e9t\u00e9"')
        .encode("latin-1")
    )
    line = run_bad(capsys, ["replay", str(path)])
    assert str(path) in line


def test_spec_12_as_of_does_not_hide_an_event_out_of_order(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    def swap(data: dict[str, Any]) -> None:
        # the sale (2002-06-03) written after the grant (2002-07-01)
        data["event"][0], data["event"][1] = data["event"][1], data["event"][0]

    path = scenario_file(tmp_path, swap)
    line = run_bad(capsys, ["replay", str(path)])  # the full replay refuses it
    assert "event[1]" in line
    line = run_bad(capsys, ["replay", str(path), "--as-of", "2002-06-15"])
    assert "event[1]" in line
    assert "order" in line


# -- python -m warrant -------------------------------------------------------------------------


def _python_m(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "warrant", "replay", *args],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


def test_spec_10_python_m_warrant_replay() -> None:
    result = _python_m(str(EXAMPLE), "--json")
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    data = json.loads(result.stdout)
    assert exact(data["exercise_price"]) == P1
    assert exact(data["shares"]) == S1


def test_spec_12_python_m_warrant_replay_bad_input_has_no_traceback(tmp_path: Path) -> None:
    path = scenario_file(tmp_path, _unknown_grant)
    result = _python_m(str(path))
    assert result.returncode == 2
    assert result.stdout == ""
    lines = result.stderr.splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("warrant: ")
    assert str(path) in lines[0]
    assert "event[3]" in lines[0]
    assert "Traceback" not in result.stderr
