"""The engine against the reference model on random registers, for as long as you like.

    python benchmarks/reference_run.py --minutes 60 --workers 2
    python benchmarks/reference_run.py --registers 200000 --start 0 --workers 2
    python benchmarks/reference_run.py --seed 1509          # one register, shown in full

Each register is ``tests/reference/registers.register(RandomChooser(seed))`` and is compared
after every event by ``tests/reference/agreement.compare`` (every figure exactly, every
refusal at the same position, the adjustments that moved the price).  Seeds are handed out
in blocks, so a run is reproducible from its ``--start``; every disagreement is printed
with its seed, and ``--seed`` shows that register's events and the first difference — the
way to reduce one by hand before keeping it as a test with hand-worked figures.
"""

from __future__ import annotations

import argparse
import collections
import multiprocessing
import pprint
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT / "tests"), str(ROOT)]

from reference.agreement import Disagreement, compare  # noqa: E402
from reference.registers import RandomChooser, register  # noqa: E402

BLOCK = 50


def check(seed: int) -> tuple[int, int, str | None]:
    """(seed, events compared, the disagreement or crash if any)."""
    scenario = register(RandomChooser(seed))
    try:
        events = compare(scenario)
    except Disagreement as found:
        return seed, found.index, f"disagreement at {found}"
    except Exception as error:  # a crash of either side is a finding too
        return seed, 0, f"crash: {type(error).__name__}: {error}"
    return seed, events, None


def block(first: int) -> list[tuple[int, int, str | None]]:
    return [check(seed) for seed in range(first, first + BLOCK)]


def show(seed: int) -> int:
    scenario = register(RandomChooser(seed))
    pprint.pprint({key: value for key, value in scenario.items() if key != "prices"}, width=100)
    print("prices: market", scenario["prices"]["quote"][1]["close"], "...")
    print(check(seed)[2] or "the engine and the model agree")
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--minutes", type=float, default=None)
    parser.add_argument("--registers", type=int, default=None)
    parser.add_argument("--start", type=int, default=0)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--seed", type=int, default=None)
    args = parser.parse_args(argv)
    if args.seed is not None:
        return show(args.seed)
    if args.minutes is None and args.registers is None:
        args.minutes = 5
    deadline = time.monotonic() + args.minutes * 60 if args.minutes else float("inf")
    limit = args.registers or sys.maxsize
    started = time.monotonic()
    done = events = 0
    found: collections.Counter[str] = collections.Counter()
    examples: dict[str, int] = {}
    blocks = (args.start + n * BLOCK for n in range((limit + BLOCK - 1) // BLOCK))
    with multiprocessing.Pool(args.workers) as pool:
        for results in pool.imap_unordered(block, blocks):
            for seed, count, problem in results:
                done += 1
                events += count
                if problem is not None:
                    kind = problem.split(":")[0] + ":" + problem.split(":")[2][:50]
                    found[kind] += 1
                    examples.setdefault(kind, seed)
                    print(f"seed {seed}: {problem[:400]}", flush=True)
            if done % 5000 < BLOCK:
                rate = done / (time.monotonic() - started)
                print(f"{done} registers, {events} events, {sum(found.values())} "
                      f"disagreements ({rate:.1f} registers/s)", flush=True)
            if time.monotonic() > deadline or done >= limit:
                pool.terminate()
                break
    elapsed = time.monotonic() - started
    print(f"\n{done} registers ({events} events compared) in {elapsed / 60:.1f} min with "
          f"{args.workers} workers, seeds from {args.start}: "
          f"{sum(found.values())} disagreements")
    for kind, count in found.most_common():
        print(f"  {count} × {kind} (first: seed {examples[kind]})")
    return 1 if found else 0


if __name__ == "__main__":
    raise SystemExit(main())
