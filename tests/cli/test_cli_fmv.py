"""``warrant fmv PRICES.csv DATE`` (SPEC §10): output, JSON, and one-line errors."""

from __future__ import annotations

import csv
import json
import subprocess
import sys
from fractions import Fraction
from pathlib import Path

import pytest

import warrant
from warrant.cli import main

F = Fraction
ILLUSTRATIVE = Path(warrant.__file__).parent / "data" / "illustrative-prices.csv"

# The five trading days before Monday 2004-06-14 (Friday 06-11 closed for Reagan's funeral).
WINDOW_2004_06_14 = ["2004-06-04", "2004-06-07", "2004-06-08", "2004-06-09", "2004-06-10"]
CLOSES_2004_06_14 = ["1.36", "1.43", "1.49", "1.33", "1.39"]


def write(tmp_path: Path, text: str, name: str = "prices.csv") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


@pytest.fixture
def good_csv(tmp_path: Path) -> Path:
    rows = "".join(
        f"{day},{price}\n" for day, price in zip(WINDOW_2004_06_14, CLOSES_2004_06_14, strict=True)
    )
    return write(tmp_path, "date,close\n" + rows)


def expected_2004_06_14() -> Fraction:
    return sum((F(price) for price in CLOSES_2004_06_14), F(0)) / 5  # 7.00 / 5


def run_ok(capsys: pytest.CaptureFixture[str], argv: list[str]) -> str:
    status = main(argv)
    captured = capsys.readouterr()
    assert captured.err == ""
    assert status == 0
    return captured.out


def run_bad(capsys: pytest.CaptureFixture[str], argv: list[str]) -> str:
    """Bad input: exit status 2, one line on stderr, nothing on stdout, no traceback."""
    status = main(argv)
    captured = capsys.readouterr()
    assert status == 2
    assert captured.out == ""
    assert "Traceback" not in captured.err
    lines = captured.err.splitlines()
    assert len(lines) == 1, captured.err
    assert lines[0].startswith("warrant:"), lines[0]
    return lines[0]


# -- output ----------------------------------------------------------------------------------------


def test_spec_10_fmv_prints_value_and_five_days(
    capsys: pytest.CaptureFixture[str], good_csv: Path
) -> None:
    out = run_ok(capsys, ["fmv", str(good_csv), "2004-06-14"])
    first, *rest = out.splitlines()
    assert "2004-06-14" in first
    assert "Section 1" in first
    assert F(first.rsplit(":", 1)[1].strip()) == expected_2004_06_14() == F(7, 5)
    day_lines = [line for line in rest if line.strip()[:4].isdigit()]
    assert [line.split()[0] for line in day_lines] == WINDOW_2004_06_14
    for line, price in zip(day_lines, CLOSES_2004_06_14, strict=True):
        assert F(line.split()[1]) == F(price)
        assert "Section 1(ii)" in line
    assert "2004-06-11" not in out


def test_spec_10_fmv_json_has_exact_strings(
    capsys: pytest.CaptureFixture[str], good_csv: Path
) -> None:
    out = run_ok(capsys, ["fmv", str(good_csv), "2004-06-14", "--json"])
    data = json.loads(out)
    assert data["date"] == "2004-06-14"
    assert isinstance(data["fmv"], str)
    assert F(data["fmv"]) == expected_2004_06_14()
    assert [entry["date"] for entry in data["days"]] == WINDOW_2004_06_14
    for entry, price in zip(data["days"], CLOSES_2004_06_14, strict=True):
        assert isinstance(entry["close"], str)
        assert F(entry["close"]) == F(price)
        assert entry["venue"] == "nasdaq"
        assert entry["rule"].startswith("Section 1(ii)")


def test_spec_10_fmv_json_of_a_non_terminating_mean(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    path = write(
        tmp_path,
        "date,close\n"
        + "".join(f"{day},1\n" for day in WINDOW_2004_06_14[:4])
        + f"{WINDOW_2004_06_14[4]},1/3\n",
    )
    data = json.loads(run_ok(capsys, ["fmv", str(path), "2004-06-14", "--json"]))
    assert F(data["fmv"]) == (4 + F(1, 3)) / 5 == F(13, 15)
    assert "/" in data["fmv"]  # written as p/q, not a rounded decimal


def _illustrative_close(row: dict[str, str]) -> Fraction:
    if row["close"]:
        return F(row["close"])
    return (F(row["bid"]) + F(row["ask"])) / 2


@pytest.mark.parametrize(
    ("on", "window"),
    [
        ("2004-06-14", WINDOW_2004_06_14),
        # Across New Year's Day 2002 (Tuesday, closed) and Christmas 2001; 2002-01-02
        # has no close in the file, only bid and asked.
        ("2002-01-04", ["2001-12-27", "2001-12-28", "2001-12-31", "2002-01-02", "2002-01-03"]),
    ],
)
def test_spec_10_fmv_of_the_packaged_illustrative_prices(
    capsys: pytest.CaptureFixture[str], on: str, window: list[str]
) -> None:
    with ILLUSTRATIVE.open(newline="", encoding="utf-8") as handle:
        rows = {row["date"]: row for row in csv.DictReader(handle)}
    expected = sum((_illustrative_close(rows[day]) for day in window), F(0)) / 5
    data = json.loads(run_ok(capsys, ["fmv", str(ILLUSTRATIVE), on, "--json"]))
    assert F(data["fmv"]) == expected
    assert [entry["date"] for entry in data["days"]] == window
    for entry in data["days"]:
        assert F(entry["close"]) == _illustrative_close(rows[entry["date"]])


# -- bad input: one line, status 2 -----------------------------------------------------------------


def test_spec_10_missing_file(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    missing = tmp_path / "nope.csv"
    line = run_bad(capsys, ["fmv", str(missing), "2004-06-14"])
    assert str(missing) in line


@pytest.mark.parametrize("bad", ["2004-13-01", "14/06/2004", "2004-06-14T10:00", "soon"])
def test_spec_10_bad_date(capsys: pytest.CaptureFixture[str], good_csv: Path, bad: str) -> None:
    line = run_bad(capsys, ["fmv", str(good_csv), bad])
    assert bad in line
    assert "DATE" in line


def test_spec_10_non_trading_day_row(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    path = write(tmp_path, "date,close\n2004-06-10,1.39\n2004-06-11,1.40\n")
    line = run_bad(capsys, ["fmv", str(path), "2004-06-14"])
    assert str(path) in line
    assert "line 3" in line
    assert "2004-06-11" in line
    assert "'date'" in line


def test_spec_10_missing_prices(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    rows = [f"{d},1\n" for d in WINDOW_2004_06_14 if d not in ("2004-06-07", "2004-06-09")]
    path = write(tmp_path, "date,close\n" + "".join(rows))
    line = run_bad(capsys, ["fmv", str(path), "2004-06-14"])
    assert "2004-06-07" in line
    assert "2004-06-09" in line
    assert "Section 1" in line


def test_spec_10_unknown_column(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    path = write(tmp_path, "date,close,volume\n2004-06-10,1.39,100\n")
    line = run_bad(capsys, ["fmv", str(path), "2004-06-14"])
    assert str(path) in line
    assert "line 1" in line
    assert "volume" in line


def test_spec_10_bad_number_names_line_and_column(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    path = write(tmp_path, "date,close\n2004-06-09,1.33\n2004-06-10,1.3.9\n")
    line = run_bad(capsys, ["fmv", str(path), "2004-06-14"])
    assert str(path) in line
    assert "line 3" in line
    assert "'close'" in line


def test_spec_10_date_outside_the_calendar(
    capsys: pytest.CaptureFixture[str], good_csv: Path
) -> None:
    line = run_bad(capsys, ["fmv", str(good_csv), "1990-01-02"])
    assert "1990-01-02" in line


def test_spec_10_no_arguments(capsys: pytest.CaptureFixture[str]) -> None:
    line = run_bad(capsys, [])
    assert "required" in line


def test_spec_10_unknown_command(capsys: pytest.CaptureFixture[str]) -> None:
    line = run_bad(capsys, ["frobnicate"])
    assert "frobnicate" in line


def test_spec_10_fmv_without_date_starts_with_warrant_colon(
    capsys: pytest.CaptureFixture[str], good_csv: Path
) -> None:
    line = run_bad(capsys, ["fmv", str(good_csv)])
    assert "DATE" in line  # the argument as the usage names it


def test_spec_10_fmv_without_date_is_still_one_line_status_2(
    capsys: pytest.CaptureFixture[str], good_csv: Path
) -> None:
    status = main(["fmv", str(good_csv)])
    captured = capsys.readouterr()
    assert status == 2
    assert len(captured.err.splitlines()) == 1
    assert "Traceback" not in captured.err
    assert "DATE" in captured.err


def test_spec_10_non_utf8_price_file(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    path = tmp_path / "latin1.csv"
    path.write_bytes("date,close,venue\n2004-06-10,1.39,n\xe4sdaq\n".encode("latin-1"))
    line = run_bad(capsys, ["fmv", str(path), "2004-06-14"])
    assert str(path) in line


def test_spec_10_oversized_cell(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    path = write(tmp_path, "date,close\n2004-06-10," + "1" * (csv.field_size_limit() + 1) + "\n")
    line = run_bad(capsys, ["fmv", str(path), "2004-06-14"])
    assert str(path) in line
    assert "line 2" in line


# -- as a separate process -------------------------------------------------------------------------


def _python_m_warrant(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "warrant", *args],
        capture_output=True,
        text=True,
        cwd=cwd,
        timeout=60,
        check=False,
    )


def test_spec_10_python_m_warrant_fmv(tmp_path: Path, good_csv: Path) -> None:
    done = _python_m_warrant("fmv", str(good_csv), "2004-06-14", "--json", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert done.stderr == ""
    assert F(json.loads(done.stdout)["fmv"]) == expected_2004_06_14()


def test_spec_10_python_m_warrant_bad_input_has_no_traceback(tmp_path: Path) -> None:
    path = write(tmp_path, "date,close\n2004-06-12,1.39\n")  # a Saturday
    done = _python_m_warrant("fmv", str(path), "2004-06-14", cwd=tmp_path)
    assert done.returncode == 2
    assert done.stdout == ""
    assert "Traceback" not in done.stderr
    lines = done.stderr.splitlines()
    assert len(lines) == 1, done.stderr
    assert lines[0].startswith("warrant:")
    assert "line 2" in lines[0]
    assert "2004-06-12" in lines[0]
