"""Is ``warrant replay`` the same before and after a change of layout?

Run: ``python benchmarks/replay_identity.py --before DIR [--after DIR] [--scenarios DIR]``

``DIR`` is a checkout of the library (``--after`` defaults to this one).  The
scenarios are every file in ``examples/`` and every scenario file the test
suite writes: the suite of ``--after`` is run once with its temporary files kept
(``--basetemp``), and each ``*.toml`` / ``*.json`` it left is replayed, bad ones
included (their error line and exit status must match too); and every scenario
the suite replays in memory is written out as a self-contained TOML file (its
prices inline) by a small pytest plugin, so that it is replayed from a file as
well.  ``--scenarios`` reuses a folder collected earlier instead.

Both checkouts replay each file in a fresh interpreter of their own (the
library imported from ``DIR/src``), as ``warrant replay --json FILE`` and as the
text table ``warrant replay FILE``.  The JSON of the two is compared after the
two changes the layout issue allows, and no others:

* ``outcome`` values: the old prose is mapped to the new short codes
  (``OUTCOME_CODES``, the table in ``docs/scenario-files.md``);
* the 4.F par-value flag: keys in ``NEW_KEYS`` are ignored where only the new
  checkout writes them.

Any other new key is reported apart as "keys added", any other difference as a
change.  Exit status 0 when nothing changed but what is allowed.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

#: the determination outcomes as they were written (prose) → the stable codes
OUTCOME_CODES = {
    "adjusted": "adjusted",
    "readjusted": "readjusted",
    "no adjustment: not below Current Fair Market Value": "not_below_fmv",
    "no adjustment: not Additional Shares": "excluded",
    "no adjustment": "no_further_adjustment",
    "no provision applies": "no_provision",
    "entitlement recorded, no price change": "entitlement",
    "warrant now exercisable for the reorganisation basket": "substituted",
    "manual determination required": "manual_determination",
}

#: keys the 4.F par-value flag adds to an adjustment (ignored where only "after" has them)
NEW_KEYS = frozenset({"below_par", "par_value"})

# A pytest plugin: every scenario the suite replays is also saved, prices inline.
_CAPTURE = r"""
import hashlib, os
from pathlib import Path

import attrs

import warrant.analyses.replay as module
from warrant.files.scenario_files import PriceSource, scenario_to_toml

_folder = Path(os.environ["REPLAY_IDENTITY_CAPTURE"])
_replay = module.replay


def replay(scenario, *args, **kwargs):
    try:
        inline = attrs.evolve(
            scenario, price_source=PriceSource(quotes=tuple(scenario.prices.values()))
        )
        text = scenario_to_toml(inline)
        name = hashlib.sha256(text.encode()).hexdigest()[:16]
        (_folder / f"{name}.toml").write_text(text, encoding="utf-8")
    except Exception:  # a scenario the writer cannot write is simply not captured
        pass
    return _replay(scenario, *args, **kwargs)


module.replay = replay
"""

# Replays each file named on stdin, in this interpreter, through the CLI.
_RUNNER = r"""
import contextlib, io, json, sys
from warrant.cli import main
out = {}
for path in sys.stdin.read().split("\0"):
    if not path:
        continue
    runs = {}
    for mode, argv in (("json", ["replay", "--json", path]), ("text", ["replay", path])):
        stdout, stderr = io.StringIO(), io.StringIO()
        with contextlib.redirect_stdout(stdout), contextlib.redirect_stderr(stderr):
            try:
                status = main(argv)
            except BaseException as error:  # a crash is a result too
                status = f"crash: {type(error).__name__}: {error}"
        runs[mode] = {"status": status, "stdout": stdout.getvalue(), "stderr": stderr.getvalue()}
    out[path] = runs
json.dump(out, sys.stdout)
"""


def collect(after: Path, into: Path) -> list[Path]:
    """Every file in ``examples/`` and every scenario file the test suite writes."""
    into.mkdir(parents=True, exist_ok=True)
    examples = after / "examples"
    files = sorted(examples.glob("*.toml")) + sorted(examples.glob("*.json"))
    basetemp, captured = into / "suite", into / "captured"
    if not basetemp.exists():
        captured.mkdir()
        (into / "replay_identity_capture.py").write_text(_CAPTURE, encoding="utf-8")
        env = {
            **os.environ,
            "REPLAY_IDENTITY_CAPTURE": str(captured),
            "PYTHONPATH": os.pathsep.join([str(into), str(after / "src")]),
        }
        subprocess.run(
            [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider",
             "-p", "replay_identity_capture", f"--basetemp={basetemp}", "--no-header"],
            cwd=after, check=False, stdout=subprocess.DEVNULL, env=env,
        )
    for folder in (basetemp, captured):
        for pattern in ("*.toml", "*.json"):
            files.extend(sorted(folder.rglob(pattern)))
    return files


def run_all(checkout: Path, files: list[Path]) -> dict[str, dict[str, dict[str, object]]]:
    env = {**os.environ, "PYTHONPATH": str(checkout / "src")}
    result = subprocess.run(
        [sys.executable, "-c", _RUNNER],
        input="\0".join(str(f) for f in files),
        capture_output=True, text=True, env=env, check=True, cwd=tempfile.gettempdir(),
    )
    data: dict[str, dict[str, dict[str, object]]] = json.loads(result.stdout)
    return data


def _old_outcomes(value: object) -> object:
    """The JSON with any outcome prose written as the new codes (a code stays itself)."""
    if isinstance(value, dict):
        return {
            key: (OUTCOME_CODES.get(item, item) if key == "outcome" and isinstance(item, str)
                  else _old_outcomes(item))
            for key, item in value.items()
        }
    if isinstance(value, list):
        return [_old_outcomes(item) for item in value]
    return value


def _added_keys(before: object, after: object, path: str = "$") -> list[str]:
    """Keys ``after`` writes that ``before`` does not (beyond ``NEW_KEYS``)."""
    found: list[str] = []
    if isinstance(before, dict) and isinstance(after, dict):
        for key in after:
            if key not in before:
                if key not in NEW_KEYS:
                    found.append(f"{path}.{key}")
            else:
                found.extend(_added_keys(before[key], after[key], f"{path}.{key}"))
    elif isinstance(before, list) and isinstance(after, list):
        for item_before, item_after in zip(before, after, strict=False):
            found.extend(_added_keys(item_before, item_after, f"{path}[]"))
    return sorted(set(found))


def _without(value: object, keys: set[str], path: str = "$") -> object:
    if isinstance(value, dict):
        return {k: _without(v, keys, f"{path}.{k}") for k, v in value.items()
                if f"{path}.{k}" not in keys and k not in NEW_KEYS}
    if isinstance(value, list):
        return [_without(item, keys, f"{path}[]") for item in value]
    return value


def compare(before: dict[str, dict[str, dict[str, object]]],
            after: dict[str, dict[str, dict[str, object]]]) -> dict[str, list[str]]:
    report: dict[str, list[str]] = {
        "identical": [], "keys_added": [], "changed": [], "text_changed": [],
        "refusal_reworded": [], "status_changed": [],
    }
    added_anywhere: set[str] = set()
    for path in sorted(before):
        b, a = before[path]["json"], after[path]["json"]
        if b["status"] != a["status"]:
            report["status_changed"].append(
                f"{path}: exit {b['status']} → {a['status']}: {b['stderr'] or a['stderr']!r}"
            )
            continue
        if b["stderr"] != a["stderr"]:  # refused by both, in other words
            report["refusal_reworded"].append(f"{path}:\n        {b['stderr'].strip()}\n"
                                              f"      → {a['stderr'].strip()}")
            continue
        if b["status"] == 0:
            old = _old_outcomes(json.loads(str(b["stdout"])))
            new = _old_outcomes(json.loads(str(a["stdout"])))
            added = set(_added_keys(old, new))
            # NEW_KEYS are set aside on both sides: once both checkouts write them
            # they must not count as a change either
            if _without(new, added) != _without(old, set()):
                report["changed"].append(path)
                continue
            if added:
                added_anywhere |= added
                report["keys_added"].append(f"{path}: {', '.join(sorted(added))}")
                continue
        report["identical"].append(path)
        bt, at = before[path]["text"], after[path]["text"]
        if (bt["status"], bt["stdout"], bt["stderr"]) != (at["status"], at["stdout"], at["stderr"]):
            report["text_changed"].append(path)
    report["added_key_paths"] = sorted(added_anywhere)
    return report


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--before", type=Path, required=True)
    parser.add_argument("--after", type=Path, default=Path(__file__).resolve().parent.parent)
    parser.add_argument("--scenarios", type=Path, help="a folder collected earlier")
    parser.add_argument("--keep", action="store_true", help="keep the collected scenarios")
    args = parser.parse_args()
    folder = args.scenarios or Path(tempfile.mkdtemp(prefix="replay-identity-"))
    try:
        files = collect(args.after.resolve(), folder)
        before = run_all(args.before.resolve(), files)
        after = run_all(args.after.resolve(), files)
    finally:
        if not args.keep and args.scenarios is None:
            shutil.rmtree(folder, ignore_errors=True)
    report = compare(before, after)
    ok_runs = sum(1 for runs in before.values() if runs["json"]["status"] == 0)
    print(f"{len(files)} scenario files ({ok_runs} replay before, "
          f"{len(files) - ok_runs} are refused)")
    print(f"  identical JSON (outcome codes and the 4.F flag aside): {len(report['identical'])}")
    print(f"  identical but for keys added: {len(report['keys_added'])}")
    for key in report["added_key_paths"]:
        print(f"      added: {key}")
    print(f"  JSON changed: {len(report['changed'])}")
    for line in report["changed"][:20]:
        print(f"      {line}")
    print(f"  refused by both, the error line worded differently: "
          f"{len(report['refusal_reworded'])}")
    for line in report["refusal_reworded"]:
        print(f"      {line}")
    print(f"  refused by one only: {len(report['status_changed'])}")
    for line in report["status_changed"]:
        print(f"      {line}")
    print(f"  text table differs (among the identical): {len(report['text_changed'])}")
    for line in report["text_changed"][:5]:
        print(f"      {line}")
    return 0 if not report["changed"] else 1  # a refusal's wording is not the JSON contract


if __name__ == "__main__":
    sys.exit(main())
