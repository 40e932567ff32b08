"""Every command of the command line on a large register (issue 21: each completes at
100,000 events of each register within 2 GB).

    python benchmarks/commands_at_scale.py [--size 100000] [--registers mixed,heavy]
        [--dir /tmp/warrant-at-scale] [--only replay,readings,...]

Writes each register as a scenario file (``benchmarks/run.py``'s generators, the same
events every time) and runs each command on it in a fresh process, as a user would:
``warrant replay``, ``readings``, ``certificate`` in every format, ``verify`` agreeing and
with one figure off (every reading searched), ``exchange`` (an offer after the register's
events to mid-2006, so its new grants fall on days the prices cover), ``notices``,
``exercise``, ``consent`` — each plain and ``--json``. Prints, per command, the exit status,
wall seconds, CPU seconds of the process and its peak memory (``ru_maxrss`` of the child).
A command that does not finish in ``--timeout`` seconds is stopped and reported so.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import resource
import signal
import subprocess
import sys
import time
from datetime import date
from pathlib import Path

import attrs

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.set_int_max_str_digits(0)

import run  # noqa: E402

import warrant  # noqa: E402
from warrant.files.scenario_files import PriceSource, save_scenario  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent


def scenarios(kind: str, size: int, folder: Path) -> dict[str, Path]:
    """The register as a scenario file, and the same register to mid-2006 with an offer."""
    prices = run.price_history(run.FIRST, run.LAST)
    events = run.mixed_register(size, seed=11 if kind == "heavy" else 7,
                                readjustment_heavy=kind == "heavy")
    csv = folder / "prices.csv"
    cents = {day: int(prices[day].close * 100) for day in prices}  # whole cents, exactly
    csv.write_text("date,close\n" + "".join(
        f"{day.isoformat()},{c // 100}.{c % 100:02d}\n" for day, c in cents.items()))
    scenario = attrs.evolve(run.register_scenario(events, prices),
                            price_source=PriceSource(csv=csv.name))
    register = folder / f"{kind}-{size}.toml"
    save_scenario(scenario, register)
    # Where the library refuses the register (the readjustment-heavy one passes the bound
    # on a figure's digits near event 48,500), the offer and the facts the commands are
    # given come from the events before the refusal; the commands get the whole register.
    usable = scenario
    try:
        warrant.replay(scenario)
    except warrant.WarrantError as refused:
        found = re.search(r"event\[(\d+)\]", str(refused))
        assert found is not None, refused
        usable = attrs.evolve(scenario, events=scenario.events[: int(found.group(1))])
        print(f"  (the library refuses the register: {refused})")
    cut = date(2006, 7, 1)
    before = attrs.evolve(scenario, events=tuple(e for e in scenario.events if e.date < cut))
    proposed = run.exchange_after(
        attrs.evolve(usable, events=tuple(e for e in usable.events if e.date < cut))
    )
    offer = folder / f"{kind}-{size}-exchange.toml"
    save_scenario(attrs.evolve(before, exchange=proposed), offer)
    replayed = warrant.replay(usable).ledger
    last = replayed.adjustments[-1].sequence
    received = (replayed.position.last_date or run.LAST).isoformat()
    # The exercise pays for 1,000 shares in cash, the price in force times 1,000 to the cent.
    cents = -((-replayed.price * 1000 * 100) // 1)
    facts = {"last": str(last), "received": received, "cash": f"{cents // 100}.{cents % 100:02d}"}
    (folder / f"{kind}-{size}.facts.json").write_text(json.dumps(facts))
    return {"register": register, "exchange": offer}


def commands(files: dict[str, Path], facts: dict[str, str], folder: Path,
             stem: str) -> list[tuple[str, list[str]]]:
    s, x = str(files["register"]), str(files["exchange"])
    certificate = folder / f"{stem}.certificate.json"
    off = folder / f"{stem}.certificate-off.toml"
    off.write_text(f"[certificate]\nadjustment = {facts['last']}\n[certificate.figures]\n"
                   'price_after = "9.9999"\n')
    listed: list[tuple[str, list[str]]] = [
        ("replay", ["replay", s]),
        ("replay --json", ["replay", "--json", s]),
        ("readings", ["readings", s]),
        ("readings --json", ["readings", "--json", s]),
    ]
    for form in ("text", "md", "html", "json"):
        listed.append((f"certificate --format {form}",
                       ["certificate", "--adjustment", facts["last"], "--format", form, s]))
    listed += [
        ("verify agreeing", ["verify", s, str(certificate)]),
        ("verify agreeing --json", ["verify", "--json", s, str(certificate)]),
        ("verify one-figure-off", ["verify", s, str(off)]),
        ("verify one-figure-off --json", ["verify", "--json", s, str(off)]),
        ("exchange", ["exchange", x]),
        ("exchange --json", ["exchange", "--json", x]),
        ("notices", ["notices", s]),
        ("notices --json", ["notices", "--json", s]),
        ("exercise", ["exercise", s, "--warrant", "W-1", "--received", facts["received"],
                      "--shares", "1000", "--cash", facts["cash"]]),
        ("exercise --json", ["exercise", "--json", s, "--warrant", "W-1", "--received",
                             facts["received"], "--shares", "1000", "--cash", facts["cash"]]),
        ("consent", ["consent", s, "--as-of", facts["received"], "--signed", "W-1"]),
        ("consent --json", ["consent", "--json", s, "--as-of", facts["received"],
                            "--signed", "W-1"]),
    ]
    return listed


def timed(argv: list[str], out: Path, timeout: float) -> tuple[str, float, float, float]:
    """(status, wall s, CPU s, peak MB) of ``python -m warrant *argv`` in a fresh process;
    a run past ``timeout`` is stopped, its whole process group with it."""
    script = (
        "import json, resource, subprocess, sys\n"
        "with open(sys.argv[1], 'wb') as out:\n"
        "    code = subprocess.run(sys.argv[2:], stdout=out, stderr=subprocess.STDOUT).returncode\n"
        "use = resource.getrusage(resource.RUSAGE_CHILDREN)\n"
        "print(json.dumps([code, use.ru_utime + use.ru_stime, use.ru_maxrss / 1024]))\n"
    )
    started = time.perf_counter()
    child = subprocess.Popen(
        [sys.executable, "-c", script, str(out), sys.executable, "-m", "warrant", *argv],
        stdout=subprocess.PIPE, text=True, cwd=ROOT, start_new_session=True,
    )
    try:
        printed, _ = child.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        os.killpg(child.pid, signal.SIGKILL)
        child.communicate()
        return "timeout", time.perf_counter() - started, float("nan"), float("nan")
    wall = time.perf_counter() - started
    code, cpu, peak = json.loads(printed)
    return str(code), wall, float(cpu), float(peak)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--size", type=int, default=100_000)
    parser.add_argument("--registers", default="mixed,heavy")
    parser.add_argument("--dir", type=Path, default=Path("/tmp/warrant-at-scale"))
    parser.add_argument("--only", default="", help="comma-separated command labels")
    parser.add_argument("--timeout", type=float, default=1800.0)
    args = parser.parse_args()
    args.dir.mkdir(parents=True, exist_ok=True)
    os.environ.pop("PYTHONDONTWRITEBYTECODE", None)
    only = {label.strip() for label in args.only.split(",") if label.strip()}
    print(f"{'command':<34} {'exit':>7} {'wall':>9} {'CPU':>9} {'peak':>8}")
    for kind in args.registers.split(","):
        stem = f"{kind}-{args.size}"
        files = scenarios(kind, args.size, args.dir)
        facts = json.loads((args.dir / f"{stem}.facts.json").read_text())
        print(f"{kind} register, {args.size:,} events drawn "
              f"(the offer's register to mid-2006)", flush=True)
        # The agreeing certificate is the command's own JSON, made first.
        timed(["certificate", "--adjustment", facts["last"], "--format", "json",
               str(files["register"])], args.dir / f"{stem}.certificate.json", args.timeout)
        for label, argv in commands(files, facts, args.dir, stem):
            if only and label not in only:
                continue
            out = args.dir / f"{stem}.{label.replace(' ', '_').replace(',', '')}.out"
            status, wall, cpu, peak = timed(argv, out, args.timeout)
            print(f"  {label:<32} {status:>7} {wall:8.1f}s {cpu:8.1f}s {peak:6.0f}MB",
                  flush=True)
    return 0


if __name__ == "__main__":
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
    sys.exit(main())
