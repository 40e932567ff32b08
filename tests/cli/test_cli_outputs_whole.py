"""An output is written whole or not at all (SPEC §12; docs/ocf.md "writes nothing").

``import-ocf`` writes its scenario and its report through one helper
(``ground/input_files.write_whole``): each goes to a temporary file beside its target
and is renamed over it only when everything succeeded.  A refusal leaves every existing
file as it was and creates none.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

import warrant.files.scenario_files as scenario_files
from ocf_helpers import ALPHA, ALPHA_OVERLAY
from warrant.cli import main


def _argv(*more: str) -> list[str]:
    return ["import-ocf", str(ALPHA), "--overlay", str(ALPHA_OVERLAY), *more]


def _files(folder: Path) -> dict[str, bytes]:
    return {path.name: path.read_bytes() for path in folder.iterdir()}


def test_a_refused_output_path_leaves_no_report_behind(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    report = tmp_path / "report.json"
    target = tmp_path / "no-such-folder" / "alpha.toml"
    assert main(_argv("-o", str(target), "--report-json", str(report))) == 2
    err = capsys.readouterr().err
    assert len(err.strip().splitlines()) == 1
    assert not report.exists()
    assert _files(tmp_path) == {}


def test_a_failure_while_writing_leaves_the_existing_files_as_they_were(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "existing.toml"
    target.write_text("# kept\n", encoding="utf-8")
    report = tmp_path / "report.json"
    report.write_text("{}\n", encoding="utf-8")
    before = _files(tmp_path)

    def broken(scenario: object) -> str:
        return "# half a scenario, then a character no file can hold: \ud800\n"

    monkeypatch.setattr(scenario_files, "scenario_to_toml", broken)
    assert main(_argv("-o", str(target), "--report-json", str(report))) == 2
    err = capsys.readouterr().err
    assert "Traceback" not in err and len(err.strip().splitlines()) == 1
    assert _files(tmp_path) == before


def test_an_output_over_a_device_is_refused_not_replaced(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    report = tmp_path / "report.json"
    assert main(_argv("-o", str(tmp_path), "--report-json", str(report))) == 2
    assert not report.exists()
    assert _files(tmp_path) == {}


def test_save_scenario_writes_whole_or_not_at_all(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from warrant import load_scenario, save_scenario
    from warrant.ground.errors import ScenarioError

    scenario = load_scenario(Path(__file__).parents[1] / "files" / "ocf" / "alpha-by-hand.toml")
    target = tmp_path / "kept.toml"
    target.write_text("# kept\n", encoding="utf-8")
    monkeypatch.setattr(scenario_files, "scenario_to_toml", lambda _s: "x = '\ud800'\n")
    with pytest.raises(ScenarioError):
        save_scenario(scenario, target)
    assert target.read_text(encoding="utf-8") == "# kept\n"
    assert sorted(os.listdir(tmp_path)) == ["kept.toml"]
