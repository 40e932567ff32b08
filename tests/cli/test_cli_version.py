"""``warrant --version``: the installed version, on one line, exit 0."""

from __future__ import annotations

from importlib.metadata import version

import pytest

from warrant.cli import main


def test_cli_version_prints_the_installed_version(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as stopped:
        main(["--version"])
    assert stopped.value.code == 0
    assert capsys.readouterr().out == f"warrant {version('warrant-antidilution')}\n"


def test_the_distribution_is_named_apart_from_the_import_package_and_command() -> None:
    """The index already has an unrelated ``warrant``: this one is ``warrant-antidilution``,
    imported as ``warrant`` and run as ``warrant``."""
    import tomllib
    from pathlib import Path

    project = tomllib.loads(
        (Path(__file__).resolve().parents[2] / "pyproject.toml").read_text(encoding="utf-8")
    )["project"]
    assert project["name"] == "warrant-antidilution"
    assert project["scripts"] == {"warrant": "warrant.cli:run"}
    readme = (Path(__file__).resolve().parents[2] / "README.md").read_text(encoding="utf-8")
    assert "warrant-antidilution" in readme
