"""Mutation testing of the engine, with the score per module (docs/mutation-testing.md).

Run from the repository root, in the dev venv with the ``mutation`` extra installed
(``pip install -e '.[test,mutation]'``)::

    python benchmarks/mutation.py                 # mutate and test everything configured
    python benchmarks/mutation.py 'warrant.section4.d_stock_dividends*'   # some mutants
    python benchmarks/mutation.py --report        # only the table, from the last run
    python benchmarks/mutation.py --report --survivors   # and every surviving mutant

What is mutated and which tests run is ``[tool.mutmut]`` in ``pyproject.toml``: the engine
(``register/``, ``section4/``) and the exact-number code (``ground/exact.py``).  mutmut maps
each function to the tests that reach it and runs only those, with ``pytest -x``; the run is
niced to the lowest priority, and every Hypothesis test is capped at ``--examples`` examples
(``tests/conftest.py``), so a mutant costs seconds.  mutmut keeps its results under
``mutants/`` (git-ignored): a second run re-tests only mutants whose code or tests changed.

The score is mutmut's own: mutants killed (a test failed, or the run timed out) over all
mutants, survivors and mutants no test reaches counting against it.  This is a measurement
for people, never a test: it takes an hour or more on two cores.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import subprocess
import sys
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

#: mutmut's result line: ``    warrant.section4.c1_formula.x_rescaled__mutmut_3: survived``
RESULT = re.compile(r"^\s*(?P<name>warrant\.\S+?)__mutmut_\d+: (?P<status>.+)$")
CAUGHT = {"killed", "timeout", "killed later", "killed (screen)", "timeout (screen)"}
#: survivors re-tested against the tests written since the run (benchmarks/mutation_recheck.py)
RECHECKED = ROOT / "mutants" / "rechecked.json"
#: mutants tested against their own clause's tests only (benchmarks/mutation_screen.py)
SCREENED = ROOT / "mutants" / "screened.json"


def module_of(mutant: str) -> str:
    """``warrant.register.steps.xǁStepǁwith_outstanding`` → ``warrant.register.steps``."""
    parts = mutant.split(".")
    while parts and (parts[-1].startswith("x_") or parts[-1].startswith("xǁ")):
        parts.pop()
    return ".".join(parts)


def run_mutmut(names: list[str], children: int, examples: int) -> int:
    env = dict(os.environ, WARRANT_MUTATION_EXAMPLES=str(examples))
    command = [
        "nice",
        "-n",
        "19",
        sys.executable,
        "-m",
        "mutmut",
        "run",
        "--max-children",
        str(children),
    ]
    return subprocess.run([*command, *names], cwd=ROOT, env=env, check=False).returncode


def results() -> dict[str, str]:
    """Every mutant of the last run and its status (``killed``, ``survived``, ``no tests`` …)."""
    listing = subprocess.run(
        [sys.executable, "-m", "mutmut", "results", "--all", "true"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    found = {}
    for line in listing.splitlines():
        match = RESULT.match(line)
        if match:
            found[line.split(":")[0].strip()] = match["status"].strip()
    return found


def sample(found: dict[str, str], share: float, draw: random.Random) -> list[str]:
    """``share`` of each module's unchecked mutants (at least one, when it has any)."""
    unchecked: dict[str, list[str]] = defaultdict(list)
    for name, status in sorted(found.items()):
        if status == "not checked":
            unchecked[module_of(name)].append(name)
    chosen: list[str] = []
    for module in sorted(unchecked):
        names = unchecked[module]
        chosen.extend(draw.sample(names, max(1, round(share * len(names)))))
    return chosen


def with_screen(found: dict[str, str]) -> dict[str, str]:
    """``found``, with each mutant mutmut has not checked given the screen's verdict, if any
    (``killed (screen)``, ``survived (screen)`` …)."""
    if not SCREENED.exists():
        return found
    screened = json.loads(SCREENED.read_text())
    return {
        name: f"{screened[name]} (screen)"
        if status == "not checked" and name in screened
        else status
        for name, status in found.items()
    }


def with_rechecks(found: dict[str, str]) -> dict[str, str]:
    """``found``, with each survivor that a later test killed marked ``killed later``."""
    if not RECHECKED.exists():
        return found
    later = json.loads(RECHECKED.read_text())
    return {
        name: "killed later"
        if status in ("survived", "survived (screen)") and later.get(name) in ("killed", "timeout")
        else status
        for name, status in found.items()
    }


def report(found: dict[str, str], *, survivors: bool) -> str:
    by_module: dict[str, Counter[str]] = defaultdict(Counter)
    for name, status in found.items():
        by_module[module_of(name)][status] += 1
    header = (
        f"{'module':<40} {'mutants':>7} {'killed':>7} {'screen':>6} {'later':>6} "
        f"{'survived':>8} {'no test':>7} {'unrun':>6} {'score':>7} {'of run':>7}"
    )
    lines = [header, "-" * len(header)]
    total: Counter[str] = Counter()
    for module in sorted(by_module):
        counts = by_module[module]
        total.update(counts)
        lines.append(_row(module, counts))
    lines.append("-" * len(header))
    lines.append(_row("engine (all of the above)", total))
    unchecked = total["not checked"]
    if unchecked:
        lines.append(f"({unchecked} mutants not checked yet: the score counts them against)")
    if survivors:
        lines.append("")
        lines.extend(
            f"{status:<10} {name}" for name, status in sorted(found.items()) if status not in CAUGHT
        )
    return "\n".join(lines)


def _row(label: str, counts: Counter[str]) -> str:
    """Counts and two scores: over every mutant (unrun ones count against), and over the
    mutants the run reached."""
    mutants = sum(counts.values())
    caught = sum(counts[status] for status in CAUGHT)
    run = mutants - counts["not checked"]
    score = f"{100 * caught / mutants:.1f}%" if mutants else "-"
    of_run = f"{100 * caught / run:.1f}%" if run else "-"
    screen = counts["killed (screen)"] + counts["timeout (screen)"]
    survived = counts["survived"] + counts["survived (screen)"]
    return (
        f"{label:<40} {mutants:>7} {counts['killed'] + counts['timeout']:>7} {screen:>6} "
        f"{counts['killed later']:>6} {survived:>8} {counts['no tests']:>7} "
        f"{counts['not checked']:>6} {score:>7} {of_run:>7}"
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("names", nargs="*", help="mutant names or globs (default: every mutant)")
    parser.add_argument("--report", action="store_true", help="do not run: report the last run")
    parser.add_argument("--survivors", action="store_true", help="list every mutant not killed")
    parser.add_argument(
        "--children", type=int, default=2, help="mutants tested at once (default 2)"
    )
    parser.add_argument(
        "--examples",
        type=int,
        default=10,
        help="cap on each Hypothesis test's examples (default 10)",
    )
    parser.add_argument(
        "--sample",
        type=float,
        metavar="SHARE",
        help="run only this share (0-1) of each module's mutants not checked yet, at random",
    )
    parser.add_argument("--seed", type=int, default=2002, help="of the --sample draw")
    args = parser.parse_args(argv)
    names = args.names
    if args.sample is not None:
        names = sample(results(), args.sample, random.Random(args.seed))
        print(f"sampled {len(names)} mutants not checked yet")
    if not args.report:
        run_mutmut(names, args.children, args.examples)
    print(report(with_rechecks(with_screen(results())), survivors=args.survivors))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
