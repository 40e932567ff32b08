"""Golden files: the whole of what the command line prints, for a curated set of scenarios.

Each scenario in ``scenarios/`` is replayed through ``warrant.cli.main`` in this
process, and every output the command line gives for it is compared, exactly,
with the reviewed copy in ``expected/<scenario>/``: ``replay --json`` (as data),
the ``replay`` table, the text and JSON certificate of each adjustment, the 4.H
notices, the readings side by side and, where the scenario has an
``[exchange]`` table, the option exchange check.  Each bad file in
``refusals/`` is replayed too, and its one-line error and exit status compared
with ``expected/refusals.json``.

The figures in these files are checked independently by the worked-number
tests; what the golden files pin is the wording, the clauses and events cited
and the rounding.  After a deliberate change of output, rewrite them with
``WARRANT_UPDATE_GOLDEN=1 pytest tests/golden`` and review the diff
(docs/testing.md).
"""

from __future__ import annotations

import contextlib
import difflib
import io
import json
import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from warrant.cli import main

HERE = Path(__file__).resolve().parent
SCENARIOS = HERE / "scenarios"
REFUSALS = HERE / "refusals"
EXPECTED = HERE / "expected"
UPDATE = os.environ.get("WARRANT_UPDATE_GOLDEN") == "1"

SCENARIO_FILES = sorted(p.name for p in SCENARIOS.iterdir() if p.suffix in {".toml", ".json"})
REFUSAL_FILES = sorted(p.name for p in REFUSALS.iterdir() if p.suffix in {".toml", ".json"})


@contextlib.contextmanager
def _inside(folder: Path) -> Iterator[None]:
    """Run from ``folder``, so that the files are named without a path in any message."""
    before = Path.cwd()
    os.chdir(folder)
    try:
        yield
    finally:
        os.chdir(before)


def cli(*argv: str) -> tuple[int, str, str]:
    """``warrant ARGV`` in this process: exit status, standard output, standard error."""
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        status = main(list(argv))
    return status, out.getvalue(), err.getvalue()


def _put(found: dict[str, str], file: str, *argv: str) -> None:
    """Keep what ``warrant ARGV`` prints in ``file``; a refusal is kept too, as text."""
    status, out, err = cli(*argv)
    # exit status 1 is an answer ("no": a notice mailed late), printed like any other
    if status in (0, 1) and not err:
        found[file] = out
    else:
        found[f"{file.rsplit('.', 1)[0]}.refused.txt"] = f"exit {status}\n{out}{err}"


def outputs(name: str) -> dict[str, str]:
    """Every output of the command line for one scenario, by the file it is kept in."""
    with _inside(SCENARIOS):
        found: dict[str, str] = {}
        _put(found, "replay.json", "replay", "--json", name)
        _put(found, "replay.txt", "replay", name)
        replay = json.loads(found.get("replay.json", '{"adjustments": []}'))
        for adjustment in replay["adjustments"]:
            n = str(adjustment["sequence"])
            _put(found, f"certificate-{n}.txt", "certificate", name, "--adjustment", n)
            _put(found, f"certificate-{n}.json", "certificate", name, "--adjustment", n, "--json")
        _put(found, "notices.txt", "notices", name)
        _put(found, "notices.json", "notices", "--json", name)
        _put(found, "readings.txt", "readings", name)
        _put(found, "readings.json", "readings", "--json", name)
        if _has_exchange(name):
            _put(found, "exchange.txt", "exchange", name)
            _put(found, "exchange.json", "exchange", "--json", name)
    return found


def _has_exchange(name: str) -> bool:
    text = (SCENARIOS / name).read_text(encoding="utf-8")
    return "[exchange]" in text or '"exchange":' in text


def _diff(expected: str, actual: str, label: str) -> str:
    lines = difflib.unified_diff(
        expected.splitlines(keepends=True), actual.splitlines(keepends=True),
        fromfile=f"expected/{label}", tofile="actual", n=2,
    )
    return "".join(lines)


def _as_data_text(text: str) -> str:
    """JSON laid out one way, so that a diff of data shows only what differs."""
    return json.dumps(json.loads(text), indent=2, ensure_ascii=False, sort_keys=True) + "\n"


def _compare(folder: Path, produced: dict[str, str], label: str) -> None:
    if UPDATE:
        folder.mkdir(parents=True, exist_ok=True)
        for old in folder.iterdir():
            if old.name not in produced:
                old.unlink()
        for file, text in produced.items():
            (folder / file).write_text(text, encoding="utf-8")
        return
    assert folder.is_dir(), f"no golden files for {label}: run WARRANT_UPDATE_GOLDEN=1"
    kept = sorted(p.name for p in folder.iterdir())
    assert kept == sorted(produced), (
        f"{label}: the outputs are not the ones kept\n"
        f"  kept only: {sorted(set(kept) - set(produced))}\n"
        f"  produced only: {sorted(set(produced) - set(kept))}"
    )
    failures = []
    for file, actual in sorted(produced.items()):
        expected = (folder / file).read_text(encoding="utf-8")
        if file.endswith(".json"):
            if json.loads(expected) != json.loads(actual):
                failures.append(
                    _diff(_as_data_text(expected), _as_data_text(actual), f"{label}/{file}")
                )
        elif expected != actual:
            failures.append(_diff(expected, actual, f"{label}/{file}"))
    if failures:
        pytest.fail("output changed (WARRANT_UPDATE_GOLDEN=1 to accept):\n" + "\n".join(failures),
                    pytrace=False)


@pytest.mark.parametrize("name", SCENARIO_FILES)
def test_golden_outputs(name: str) -> None:
    produced = outputs(name)
    assert "replay.json" in produced, f"{name} is refused: {produced.get('replay.refused.txt')}"
    _compare(EXPECTED / Path(name).stem, produced, Path(name).stem)


def refusal(name: str) -> dict[str, object]:
    """The one line ``warrant replay`` prints for a bad file, and its exit status."""
    with _inside(REFUSALS):
        status, out, err = cli("replay", name)
    return {"status": status, "stdout": out, "stderr": err}


def test_golden_refusals() -> None:
    produced = {name: refusal(name) for name in REFUSAL_FILES}
    path = EXPECTED / "refusals.json"
    if UPDATE:
        path.write_text(json.dumps(produced, indent=2, ensure_ascii=False) + "\n",
                        encoding="utf-8")
        return
    expected = json.loads(path.read_text(encoding="utf-8"))
    assert sorted(expected) == sorted(produced), "the refusal files are not the ones kept"
    changed = [
        f"{name}:\n  expected: {expected[name]}\n  actual:   {produced[name]}"
        for name in sorted(produced) if expected[name] != produced[name]
    ]
    if changed:
        pytest.fail("refusals changed (WARRANT_UPDATE_GOLDEN=1 to accept):\n" + "\n".join(changed),
                    pytrace=False)


@pytest.mark.parametrize("name", REFUSAL_FILES)
def test_refusal_is_one_line_with_status_2(name: str) -> None:
    produced = refusal(name)
    assert produced["status"] == 2 and produced["stdout"] == ""
    line = str(produced["stderr"])
    assert line.startswith("warrant: ") and line.endswith("\n") and line.count("\n") == 1
    assert name in line  # the message names the file


@pytest.mark.parametrize("name", SCENARIO_FILES)
def test_every_golden_certificate_verifies_clean(name: str, tmp_path: Path) -> None:
    """A certificate produced for each adjustment of a golden scenario, handed back to
    ``warrant verify`` as it was printed, agrees figure by figure (exit status 0)."""
    with _inside(SCENARIOS):
        status, out, _ = cli("replay", "--json", name)
        assert status == 0
        for adjustment in json.loads(out)["adjustments"]:
            n = str(adjustment["sequence"])
            status, printed, _ = cli("certificate", name, "--adjustment", n, "--json")
            assert status == 0
            path = tmp_path / f"certificate-{n}.json"
            path.write_text(printed, encoding="utf-8")
            status, verdict, err = cli("verify", name, str(path), "--json")
            assert status == 0, f"{name} adjustment {n}: {verdict}{err}"
            assert json.loads(verdict)["verdict"] == "agrees"
