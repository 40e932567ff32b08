"""Black-box helpers for the contract tests: run the installed command line as a user
would (``python -m warrant``), and read its JSON."""

from __future__ import annotations

import json
import subprocess
import sys
from fractions import Fraction
from pathlib import Path
from typing import Any


def cli(*args: object, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "warrant", *(str(arg) for arg in args)],
        capture_output=True, text=True, cwd=cwd, check=False, timeout=120,
    )


def cli_json(*args: object, status: int = 0) -> Any:
    """The JSON a command prints, and its exit status (1 where the answer is no: a
    disagreeing figure, no majority, a notice mailed late)."""
    done = cli(*args)
    assert done.returncode == status, done.stderr
    return json.loads(done.stdout)


def assert_one_line_refusal(done: subprocess.CompletedProcess[str]) -> None:
    """SPEC §12 at the command line: exit 2, one line on stderr, no traceback."""
    assert done.returncode == 2, (done.stdout, done.stderr)
    assert "Traceback" not in done.stderr
    assert len(done.stderr.strip().splitlines()) == 1, done.stderr


def exact(text: object) -> Fraction:
    """An exact string of the JSON contract: an integer, a decimal or ``p/q``."""
    assert isinstance(text, str), f"{text!r} is not an exact string"
    return Fraction(text)


def cents(value: Fraction) -> str:
    """Half-up to the cent, computed here independently of the library."""
    hundredths = value * 100
    whole = hundredths.numerator // hundredths.denominator
    if hundredths - whole >= Fraction(1, 2):
        whole += 1
    return f"{whole // 100}.{whole % 100:02d}"


def write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path
