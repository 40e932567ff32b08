"""Choose the scenarios of ``tests/golden/``: a few that together reach every rule.

Run: ``python benchmarks/golden_select.py --scenarios DIR [--pick N] [--into DIR]``

``DIR`` is a folder collected by ``benchmarks/replay_identity.py --keep`` (every
scenario the suite writes or replays, prices inline), or any folder of scenario
files.  Each file is replayed through the command line, in this process, and
described by what its output reaches: the (event type, clause, outcome) of each
determination, each event type, each clause cited in a reason, each adjustment's
clause, each reading's value.  Files are then picked greedily, the one reaching
most that is not yet reached first (the smaller file on a tie), until nothing
new is reached or ``--pick`` are chosen.  With ``--into``, the chosen files are
copied there under names saying what each was chosen for; the refused files,
one for each distinct error line, are listed.
"""

from __future__ import annotations

import argparse
import contextlib
import io
import json
import re
import shutil
import sys
from pathlib import Path

from warrant.cli import main as cli

CITED = re.compile(r"\((4\.[A-H](?:\(\d+\))?(?:\([ivx]+\))?|Section \d+)\)")


def run(*argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            status = cli(list(argv))
        except Exception as error:  # a crash is reported, not chosen
            return 99, "", f"crash: {type(error).__name__}: {error}"
    return status, out.getvalue(), err.getvalue()


def _template(text: str) -> str:
    """A reason or note with its figures, dates and names taken out: its wording."""
    text = re.sub(r"'[^']*'", "'X'", text)
    return re.sub(r"[≈]?[0-9][0-9./,-]*(?:e[+-]?[0-9]+)?", "N", text)


def features(data: dict[str, object]) -> set[tuple[str, ...]]:
    found: set[tuple[str, ...]] = set()
    for item in data["determinations"]:  # type: ignore[attr-defined]
        found.add(("triple", item["type"], item["clause"], item["outcome"]))
        found.add(("event", item["type"]))
        for reason in item["reasons"]:
            for clause in CITED.findall(reason):
                found.add(("cited", item["type"], clause))
            found.add(("reason", item["type"], _template(reason)))
    for item in data["adjustments"]:  # type: ignore[attr-defined]
        found.add(("adjustment", item["event_type"], item["clause"],
                   "readjustment" if item["readjustment"] else "adjustment"))
        if item.get("note"):
            found.add(("note", item["event_type"], _template(item["note"])))
    for key, value in data["reading"].items():  # type: ignore[attr-defined]
        found.add(("reading", key, str(value)))
    if data.get("series"):
        found.add(("series",))
    if data.get("exchange"):
        found.add(("exchange",))
    if data.get("substitution"):
        found.add(("substitution",))
    return found


def _slug(feature: tuple[str, ...]) -> str:
    text = "-".join(feature[1:])
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")[:48]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--scenarios", type=Path, required=True)
    parser.add_argument("--pick", type=int, default=40)
    parser.add_argument("--into", type=Path)
    args = parser.parse_args()
    files = sorted(p for p in args.scenarios.rglob("*") if p.suffix in {".toml", ".json"})
    reached: dict[Path, set[tuple[str, ...]]] = {}
    refused: dict[str, Path] = {}
    for path in files:
        if path.stat().st_size > 5_000_000:
            continue
        status, out, err = run("replay", "--json", str(path))
        if status == 0:
            reached[path] = features(json.loads(out))
        elif status == 2:
            line = err.replace(str(path), "FILE").strip()
            if line not in refused or path.stat().st_size < refused[line].stat().st_size:
                refused[line] = path
    everything = set().union(*reached.values())
    chosen: list[tuple[Path, set[tuple[str, ...]]]] = []
    covered: set[tuple[str, ...]] = set()
    while len(chosen) < args.pick:
        best = max(reached, key=lambda p: (len(reached[p] - covered), -p.stat().st_size))
        new = reached[best] - covered
        if not new:
            break
        chosen.append((best, new))
        covered |= new
    print(f"{len(files)} files: {len(reached)} replay, {len(refused)} distinct refusals")
    print(f"{len(everything)} features reached; {len(covered)} by {len(chosen)} files")
    for path, new in chosen:
        print(f"  {path.name}: {len(new)} new")
    for feature in sorted(everything - covered):
        print(f"  not reached: {feature}")
    if args.into is not None:
        args.into.mkdir(parents=True, exist_ok=True)
        for number, (path, new) in enumerate(chosen):
            lead = min((f for f in new if f[0] == "triple"), default=min(new))
            shutil.copy(path, args.into / f"{number:02d}-{_slug(lead)}{path.suffix}")
        json.dump({line: str(path) for line, path in sorted(refused.items())},
                  sys.stdout, indent=1)
    return 0


if __name__ == "__main__":
    sys.exit(main())
