"""The replay benchmark of two checkouts, in one run: ``python benchmarks/before_after.py
--before DIR [--after DIR] [--sizes 1000,10000] [--repeats 3]``.

Each checkout replays the registers of its own ``benchmarks/run.py`` (the same
seeds, so the same events) in a fresh interpreter importing its own ``src/``;
the runs alternate, before then after, ``--repeats`` times, and the best of each
is kept.  Times are CPU seconds of the replay alone (``time.process_time``), so
that other work on the machine weighs less than in wall-clock figures.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
from pathlib import Path

_RUN = r"""
import json, sys, time
sys.path.insert(0, "benchmarks")
import run
from warrant import Capitalization, Ledger
size, heavy = int(sys.argv[1]), sys.argv[2] == "heavy"
events = run.mixed_register(size, seed=11 if heavy else 7, readjustment_heavy=heavy)
prices = run.price_history(run.FIRST, run.LAST)
ledger = Ledger(capitalization=Capitalization(common_outstanding=10_000_000), prices=prices)
started = time.process_time()
for event in events:
    ledger.apply(event)
print(json.dumps({"cpu": time.process_time() - started, "adjustments": len(ledger.adjustments)}))
"""


def measure(checkout: Path, size: int, kind: str) -> dict[str, float]:
    env = {**os.environ, "PYTHONPATH": str(checkout / "src")}
    out = subprocess.run(
        [sys.executable, "-c", _RUN, str(size), kind],
        cwd=checkout, env=env, capture_output=True, text=True, check=True,
    )
    result: dict[str, float] = json.loads(out.stdout)
    return result


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--before", type=Path, required=True)
    parser.add_argument("--after", type=Path, default=Path(__file__).resolve().parent.parent)
    parser.add_argument("--sizes", default="1000,10000")
    parser.add_argument("--repeats", type=int, default=3)
    args = parser.parse_args()
    cases = [(int(size), "mixed") for size in args.sizes.split(",")] + [(10_000, "heavy")]
    print(f"{'register':<28}{'before (CPU s)':>16}{'after (CPU s)':>16}{'after/before':>14}")
    for size, kind in cases:
        best: dict[str, float] = {}
        adjustments: dict[str, float] = {}
        for _ in range(args.repeats):
            for label, checkout in (("before", args.before), ("after", args.after)):
                result = measure(checkout.resolve(), size, kind)
                best[label] = min(best.get(label, float("inf")), result["cpu"])
                adjustments[label] = result["adjustments"]
        same = "" if adjustments["before"] == adjustments["after"] else "  (adjustments differ!)"
        name = f"{size:,} {kind} events"
        print(f"{name:<28}{best['before']:>16.3f}{best['after']:>16.3f}"
              f"{best['after'] / best['before']:>14.2f}{same}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
