"""Two checkouts side by side on what issue 21 ("Scale") measures, in one run:

    python benchmarks/scale_before_after.py --before DIR [--after DIR] [--repeats 2]
        [--mixed 1000,10000,100000] [--heavy 1000,10000,100000] [--full-mix 1000,4000]
        [--side-by-side 1000] [--startup 15] [--lift-bound]

Each case runs in a fresh interpreter importing its checkout's own ``src/``, before then
after, ``--repeats`` times (the best CPU time of each is kept; cases of more than 20 s run
once).  The registers are this checkout's generators (``benchmarks/run.py``,
``benchmarks/full_mix.py``), the same events for both.  Each run prints a digest of what
it computed (every record, or every reading's answer), which must be the same before and
after.  Times are CPU seconds (``time.process_time``): other work on the machine weighs
less than in wall-clock figures.  Start-up is a whole process, bare ``python -c pass``
included, with compiled bytecode cached as an installed package has it.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent

_RUN = r"""
import hashlib, json, resource, sys, time
sys.set_int_max_str_digits(0)
sys.path[:0] = [sys.argv[3]]
kind, size = sys.argv[1], int(sys.argv[2])
import warrant
import run
if sys.argv[4] == "lift":  # to measure past the bound on a figure's digits (run.py says why)
    run.bound_lifted().__enter__()
out = {}

def digest(value):
    return hashlib.sha256(repr(value).encode()).hexdigest()[:16]

if kind in ("mixed", "heavy"):
    from warrant.section4 import c3_after_grant
    events = run.mixed_register(size, seed=11 if kind == "heavy" else 7,
                                readjustment_heavy=kind == "heavy")
    prices = run.price_history(run.FIRST, run.LAST)
    original = c3_after_grant.readjust
    spent = {"n": 0, "steps": 0, "s": 0.0}
    def timed(*args, **kwargs):
        started = time.process_time()
        result = original(*args, **kwargs)
        spent["s"] += time.process_time() - started
        spent["n"] += 1
        spent["steps"] += len(result.replaced_steps)
        return result
    c3_after_grant.readjust = timed
    ledger = warrant.Ledger(capitalization=warrant.Capitalization(common_outstanding=10_000_000),
                            prices=prices)
    started = time.process_time()
    for event in events:
        ledger.apply(event)
    out["cpu"] = time.process_time() - started
    out.update(readjustments=spent["n"], steps=spent["steps"], in_readjust=spent["s"])
    out["digest"] = digest((ledger.price, len(ledger.adjustments)))
else:
    from full_mix import full_mix
    import attrs
    from datetime import date
    scenario = full_mix(size)
    started = time.process_time()
    if kind == "full-mix":
        replayed = warrant.replay(scenario)
        out["digest"] = digest((replayed.ledger.adjustments, replayed.ledger.determinations))
    elif kind == "readings":
        side = warrant.readings_side_by_side(scenario)
        out.update(runs=side.runs, applied=side.applied, digest=digest(side.groups))
    elif kind == "exchange":
        before = attrs.evolve(scenario, events=tuple(e for e in scenario.events
                                                     if e.date < date(2006, 7, 1)))
        case = attrs.evolve(before, exchange=run.exchange_after(before))
        started = time.process_time()
        verdict = warrant.check_exchange(case)
        out.update(runs=verdict.runs, applied=verdict.applied,
                   digest=digest((verdict.by_reading, verdict.triggers)))
    elif kind == "verify":
        last = warrant.replay(scenario).ledger.adjustments[-1].sequence
        text = (f"[certificate]\nadjustment = {last}\n[certificate.figures]\n"
                'price_after = "9.9999"\n')
        stated = warrant.loads_certificate(text)
        started = time.process_time()
        result = warrant.verify(scenario, stated)
        out.update(runs=result.readings_tried, digest=digest(result.agrees))
    out["cpu"] = time.process_time() - started
    out["events"] = len(scenario.events)
out["rss_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(json.dumps(out))
"""


def measure(checkout: Path, kind: str, size: int, *, lift: bool = False) -> dict[str, object]:
    env = {**os.environ, "PYTHONPATH": str(checkout / "src")}
    done = subprocess.run(
        [sys.executable, "-c", _RUN, kind, str(size), str(HERE), "lift" if lift else "keep"],
        cwd=checkout, env=env, capture_output=True, text=True, check=False,
    )
    if done.returncode:
        raise SystemExit(f"{kind} {size} in {checkout}:\n{done.stderr[-3000:]}")
    result: dict[str, object] = json.loads(done.stdout)
    return result


def startup(checkout: Path, argv: list[str]) -> float:
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    env["PYTHONPATH"] = str(checkout / "src")
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    subprocess.run([sys.executable, *argv], cwd=checkout, env=env, check=True,
                   capture_output=True)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def _num(value: object) -> float:
    return float(str(value))


def sizes(text: str) -> list[int]:
    return [int(size) for size in text.split(",") if size]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--before", type=Path, required=True)
    parser.add_argument("--after", type=Path, default=HERE.parent)
    parser.add_argument("--repeats", type=int, default=2)
    parser.add_argument("--mixed", default="1000,10000")
    parser.add_argument("--heavy", default="1000,10000")
    parser.add_argument("--full-mix", default="1000")
    parser.add_argument("--side-by-side", default="1000")
    parser.add_argument("--startup", type=int, default=15)
    parser.add_argument("--lift-bound", action="store_true",
                        help="lift the bound on a figure's digits (to measure past it)")
    args = parser.parse_args()
    checkouts = (("before", args.before.resolve()), ("after", args.after.resolve()))
    cases = [("mixed", n) for n in sizes(args.mixed)] + [("heavy", n) for n in sizes(args.heavy)]
    cases += [("full-mix", n) for n in sizes(args.full_mix)]
    for n in sizes(args.side_by_side):
        cases += [("readings", n), ("exchange", n), ("verify", n)]
    for kind, size in cases:
        best: dict[str, dict[str, object]] = {}
        for _ in range(args.repeats):
            for label, checkout in checkouts:
                result = measure(checkout, kind, size, lift=args.lift_bound)
                kept = best.get(label)
                if kept is None or _num(result["cpu"]) < _num(kept["cpu"]):
                    best[label] = result
            if _num(best["before"]["cpu"]) > 20:
                break
        row = [f"{kind} {size:,}"]
        for label, _ in checkouts:
            found = best[label]
            extra = ", ".join(
                f"{key} {found[key]}"
                for key in ("events", "runs", "applied", "readjustments", "steps", "in_readjust")
                if key in found
            )
            row.append(f"{label} {_num(found['cpu']):.3f} s CPU, {_num(found['rss_mb']):.0f} MB"
                       f" ({extra})")
        same = best["before"]["digest"] == best["after"]["digest"]
        ratio = _num(best["after"]["cpu"]) / _num(best["before"]["cpu"])
        print(" | ".join(row) + f" | after/before {ratio:.2f} | "
              + ("same results" if same else "RESULTS DIFFER"), flush=True)
    if args.startup:
        commands = {
            "python -c pass": ["-c", "pass"],
            "import warrant": ["-c", "import warrant"],
            "warrant fmv": ["-m", "warrant", "fmv", "src/warrant/data/illustrative-prices.csv",
                            "2004-06-14"],
        }
        best_start: dict[tuple[str, str], float] = {}
        for _ in range(args.startup):
            for label, checkout in checkouts:
                for name, argv in commands.items():
                    spent = startup(checkout, argv)
                    key = (label, name)
                    best_start[key] = min(best_start.get(key, float("inf")), spent)
        for label, _ in checkouts:
            bare = best_start[(label, "python -c pass")]
            print(f"start-up, {label}: " + ", ".join(
                f"{name} {best_start[(label, name)] * 1000:.0f} ms CPU "
                f"({best_start[(label, name)] / bare:.1f}x)" for name in commands))
    return 0


if __name__ == "__main__":
    sys.exit(main())
