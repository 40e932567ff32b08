"""Long fuzzing of the files the library reads.  Run (under ``nice -n 19``)::

    python benchmarks/fuzz.py --minutes 15

The same property as ``tests/files/test_fuzz_files.py`` (see ``tests/fuzzing.py``):
every generated or mutated scenario file (TOML, JSON) and CSV price file either
loads and replays — then renders, produces its first certificates and round-trips
through a save — or is refused with the library's own error naming a field or a
line; never another exception, never more than a second of CPU for one input.
Certificate files (TOML, JSON) likewise: each either loads and is verified against
the replay of a scenario, agreeing or disagreeing, or is refused the same way.  OCF
packages (folder and zip) and overlays either import — the scenario written and read
again — or are refused in one line; a command line of ``warrant`` with hostile
arguments exits 0, 1 or 2 and, refusing, prints one line (``tests/fuzzing_packages.py``).

Runs in rounds of fresh random examples until the time is up, stops at the first
input that breaks the property (Hypothesis shrinks it and prints it), and prints
what was tried, by kind, with the slowest input of each kind.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))

from hypothesis import HealthCheck, given, settings

import fuzzing
import fuzzing_packages
from warrant.files.scenario_files import Scenario

ROUND = settings(
    max_examples=500,
    deadline=None,
    database=None,
    suppress_health_check=list(HealthCheck),
)


@ROUND
@given(case=fuzzing.scenario_texts())
def _scenarios(case: tuple[str, str]) -> None:
    fuzzing.check_scenario_text(*case)


@ROUND
@given(text=fuzzing.csv_texts())
def _csv(text: str) -> None:
    fuzzing.check_csv_text(text)


@ROUND
@given(case=fuzzing.certificate_cases())
def _certificates(case: tuple[str, str, Scenario]) -> None:
    kind, text, scenario = case
    fuzzing.check_certificate_text(text, kind, scenario)


@ROUND
@given(case=fuzzing_packages.packages())
def _packages(case: tuple[str, dict[str, bytes], bool, int]) -> None:
    fuzzing_packages.check_package(case)


@ROUND
@given(text=fuzzing_packages.overlays())
def _overlays(text: str) -> None:
    fuzzing_packages.check_overlay(text)


@ROUND
@given(argv=fuzzing_packages.command_lines())
def _command_lines(argv: list[str]) -> None:
    fuzzing_packages.check_command_line(argv)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--minutes", type=float, default=15.0, help="CPU minutes to spend")
    parser.add_argument(
        "--progress", action="store_true", help="print the summary after every round"
    )
    parser.add_argument(
        "--round", type=int, default=500, help="fresh examples per kind in a round (500)"
    )
    args = parser.parse_args()
    for run in (_scenarios, _csv, _certificates, _packages, _overlays, _command_lines):
        run._hypothesis_internal_use_settings = settings(  # type: ignore[attr-defined]
            ROUND, max_examples=args.round
        )
    budget = args.minutes * 60
    start = time.process_time()
    rounds = 0
    while time.process_time() - start < budget:
        _scenarios()
        _csv()
        _certificates()
        _packages()
        _overlays()
        _command_lines()
        rounds += 1
        if args.progress:  # a summary after every round, for runs that may be cut short
            _summary(rounds, time.process_time() - start)
    _summary(rounds, time.process_time() - start)
    return 0


def _summary(rounds: int, spent: float) -> None:
    print(f"{rounds} rounds, {spent / 60:.1f} CPU minutes; nothing broke the property")
    for kind, count in sorted(fuzzing.TRIED.items()):
        print(f"  {kind:40} {count:>9,}")
    print("slowest input (CPU seconds):")
    for kind, seconds in sorted(fuzzing.SLOWEST.items()):
        print(f"  {kind:40} {seconds:9.3f}")
    sys.stdout.flush()


if __name__ == "__main__":
    sys.exit(main())
