"""``warrant --version``: the installed version, on one line, exit 0."""

from __future__ import annotations

from importlib.metadata import version

import pytest

from warrant.cli import main


def test_cli_version_prints_the_installed_version(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as stopped:
        main(["--version"])
    assert stopped.value.code == 0
    assert capsys.readouterr().out == f"warrant {version('warrant')}\n"
