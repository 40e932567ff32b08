"""``warrant import-ocf PACKAGE --overlay OVERLAY [-o SCENARIO] [--report-json FILE]``."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from ocf_helpers import ALPHA, ALPHA_BY_HAND, ALPHA_OVERLAY, SAMPLES, zip_package
from warrant.cli import main


def _replay_json(capsys: pytest.CaptureFixture[str], scenario: Path) -> object:
    assert main(["replay", str(scenario), "--json"]) == 0
    return json.loads(capsys.readouterr().out)


def test_spec_10_import_ocf_writes_a_scenario_that_replays_where_written(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    target = tmp_path / "out" / "alpha.toml"
    target.parent.mkdir()
    report = tmp_path / "report.json"
    argv = ["import-ocf", str(ALPHA), "--overlay", str(ALPHA_OVERLAY), "-o", str(target)]
    assert main([*argv, "--report-json", str(report)]) == 0
    out = capsys.readouterr().out
    assert "11 events written (1 from the overlay)" in out
    assert "expiry-derived" in out
    assert json.loads(report.read_text(encoding="utf-8"))["events"] == 11
    assert _replay_json(capsys, target) == _replay_json(capsys, ALPHA_BY_HAND)


def test_spec_10_import_ocf_from_a_zip_to_json(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    archive = zip_package(ALPHA, tmp_path / "alpha.ocf.zip")
    target = tmp_path / "alpha.json"
    argv = ["import-ocf", str(archive), "--overlay", str(ALPHA_OVERLAY), "-o", str(target)]
    assert main([*argv, "--json"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert {flag["flag"] for flag in report["flags"]} >= {"expiry-derived", "same-day-order"}
    assert _replay_json(capsys, target) == _replay_json(capsys, ALPHA_BY_HAND)


def test_spec_10_import_ocf_without_o_prints_the_scenario_and_the_report_apart(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    assert main(["import-ocf", str(ALPHA), "--overlay", str(ALPHA_OVERLAY)]) == 0
    captured = capsys.readouterr()
    assert captured.out.startswith("[warrant]")
    assert "flags:" in captured.err
    (tmp_path / "piped.toml").write_text(captured.out, encoding="utf-8")
    assert _replay_json(capsys, tmp_path / "piped.toml") == _replay_json(capsys, ALPHA_BY_HAND)


def test_spec_12_import_ocf_refusal_is_one_line_and_exit_2(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main(["import-ocf", str(SAMPLES), "--overlay", str(ALPHA_OVERLAY)]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    [line] = captured.err.splitlines()
    assert line.startswith(f"warrant: {SAMPLES}: ./StockPlans.ocf.json: field 'md5'")


def test_spec_12_import_ocf_without_overlay_is_a_usage_error(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main(["import-ocf", str(ALPHA)]) == 2
    assert "--overlay" in capsys.readouterr().err


def test_spec_12_import_ocf_missing_overlay_file(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    assert main(["import-ocf", str(ALPHA), "--overlay", str(tmp_path / "none.toml")]) == 2
    [line] = capsys.readouterr().err.splitlines()
    assert "cannot read the overlay" in line


def test_spec_12_import_ocf_never_shows_a_traceback(tmp_path: Path) -> None:
    bad = tmp_path / "bad.toml"
    bad.write_text("[ocf\n", encoding="utf-8")
    run = subprocess.run(
        [sys.executable, "-m", "warrant", "import-ocf", str(ALPHA), "--overlay", str(bad)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert run.returncode == 2
    assert "Traceback" not in run.stderr
    assert "not valid TOML" in run.stderr
