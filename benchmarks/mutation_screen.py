"""Screen every mutant against the tests of its own clause: a lower bound on the score, fast.

Run from the repository root, after ``python benchmarks/mutation.py`` has generated the
mutants (see docs/mutation-testing.md)::

    python benchmarks/mutation_screen.py                       # every mutant not screened yet
    python benchmarks/mutation_screen.py 'warrant.section4.c3_after_grant*'
    python benchmarks/mutation_screen.py 'warrant.register.*' --survivors --tests 'tests/x*.py'
    python benchmarks/mutation.py --report                     # the table, screen included

mutmut runs, for each mutant, every test that reaches the mutated function.  A mutant a
test kills costs little (``pytest -x`` stops at the first failure); a survivor costs the
whole of those tests, which for the register's functions is most of the suite: minutes
each, hours for a run on two cores.

This script runs, for each mutant, only the test files of the module's own clause
(:data:`TESTS`, in the order written: the likeliest killers first), with the mutant
switched on the way mutmut switches it on (the ``MUTANT_UNDER_TEST`` variable its
trampolines read), each in a child forked from one process that has already imported
pytest, the library and the test modules.  A failure is a kill by a test of the suite,
exactly as mutmut would count it; a mutant those files do not kill is counted a survivor,
although a test elsewhere in the suite may kill it.  So the score over screened mutants
is a lower bound on mutmut's score over the same mutants: a survivor of the screen is a
survivor of the whole suite or a mutant only a test of another clause kills.

``--survivors --tests GLOB…`` (mutant globs first: ``--tests`` takes every word after
it) screens the survivors of an earlier screen again, against other test files of the
suite (the golden files, say, which pin every figure and word of whole replays): a mutant
they kill is a kill like any other.

The verdicts go to ``mutants/screened.json``; ``mutation.py --report`` counts them where
mutmut's own run has no verdict.
"""

from __future__ import annotations

import argparse
import fnmatch
import glob
import json
import os
import random
import resource
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
MUTANTS = ROOT / "mutants"
SCREENED = MUTANTS / "screened.json"

#: each module's test files, likeliest killers first (globs, from the repository root)
TESTS: dict[str, list[str]] = {
    "warrant.ground.exact": ["tests/ground/test_exact*.py", "tests/ground/test_error_messages.py"],
    "warrant.register.book": [
        "tests/register/test_book*.py", "tests/register/test_ledger_queries.py",
        "tests/section4/test_g_carve_out_by_grant.py",
    ],
    "warrant.register.events": [
        "tests/register/test_event_refusals.py", "tests/spec/test_bad_input_events.py",
        "tests/register/test_ledger_inputs.py",
    ],
    "warrant.register.holder_events": [
        "tests/register/test_holder_events_refusals.py", "tests/holder/test_*.py",
        "tests/spec/test_spec_12_holder_refusals.py",
    ],
    "warrant.register.ledger": [
        "tests/register/test_ledger*.py", "tests/section4/test_g_carve_out_by_grant.py",
        "tests/section4/test_d_unpaid_dividends.py", "tests/section4/test_e_*.py",
    ],
    "warrant.register.records": [
        "tests/register/test_book*.py", "tests/section4/test_*records.py",
        "tests/files/test_json_output_consideration.py",
    ],
    "warrant.register.rulebook": ["tests/register/test_rulebook.py"],
    "warrant.register.series": ["tests/holder/test_*.py", "tests/register/test_ledger_queries.py"],
    "warrant.register.settlements": ["tests/holder/test_s1_exercise.py"],
    "warrant.register.state": [
        "tests/register/test_state.py", "tests/register/test_book*.py",
        "tests/section4/test_c5_*.py",
    ],
    "warrant.register.steps": ["tests/register/test_steps.py", "tests/section4/test_d_*.py"],
    "warrant.section4.a_distributions": ["tests/section4/test_a_b_*.py"],
    "warrant.section4.alpha_2002": ["tests/section4/test_c1_*.py", "tests/section4/test_c5_*.py"],
    "warrant.section4.b_reorganizations": [
        "tests/section4/test_a_b_*.py", "tests/section4/test_c7_after_reorganisation.py",
    ],
    "warrant.section4.c1_formula": [
        "tests/section4/test_c1_*.py", "tests/section4/test_c3_*.py", "tests/section4/test_d_*.py",
    ],
    "warrant.section4.c1_weighted_average": [
        "tests/section4/test_c1_*.py", "tests/section4/test_c3_*.py",
    ],
    "warrant.section4.c2_consideration": [
        "tests/section4/test_c1_*.py", "tests/section4/test_c3_c4_*.py",
        "tests/files/test_json_output_consideration.py",
    ],
    "warrant.section4.c3_after_grant": [
        "tests/section4/test_c3_after_grant.py", "tests/section4/test_c3_c4_*.py",
        "tests/section4/test_c5_*.py",
    ],
    "warrant.section4.c3_c4_deemed_issues": [
        "tests/section4/test_c3_c4_*.py", "tests/section4/test_c4_*.py",
        "tests/section4/test_c5_*.py",
    ],
    "warrant.section4.c5_exclusions": ["tests/section4/test_c5_*.py"],
    "warrant.section4.c6_repricing": ["tests/section4/test_c6_*.py"],
    "warrant.section4.c7_other_securities": ["tests/section4/test_c7_*.py"],
    "warrant.section4.c8_record_dates": ["tests/section4/test_c8_*.py"],
    "warrant.section4.d_stock_dividends": ["tests/section4/test_d_*.py"],
    "warrant.section4.e_splits": ["tests/section4/test_e_*.py"],
    "warrant.section4.f_par_value": ["tests/section4/test_f_*.py"],
    "warrant.section4.g_certificates": ["tests/section4/test_g_*.py"],
    "warrant.section4.h_notices": ["tests/section4/test_h_*.py"],
}

#: CPU seconds one mutant may take before it counts as killed by a time-out (as in mutmut)
LIMIT_SECONDS = 120
PYTEST_ARGS = [
    "-x", "-q", "-p", "no:cacheprovider",
    # mutmut wraps every function it mutates; this test checks that no rule is wrapped
    "--deselect",
    "tests/register/test_rulebook.py::test_rulebook_rules_are_plain_functions_without_decorators",
]


def module_of(mutant: str) -> str:
    sys.path.insert(0, str(ROOT / "benchmarks"))
    from mutation import module_of as of

    return of(mutant)


def files_for(module: str, patterns: list[str] | None = None) -> list[str]:
    found: list[str] = []
    for pattern in TESTS.get(module, []) if patterns is None else patterns:
        for name in sorted(glob.glob(pattern, root_dir=ROOT)):
            if name not in found:
                found.append(name)
    return found


def drawn(names: list[str], share: float, draw: random.Random) -> list[str]:
    """``share`` of each module's ``names`` (at least one)."""
    by_module: dict[str, list[str]] = {}
    for name in names:
        by_module.setdefault(module_of(name), []).append(name)
    chosen: list[str] = []
    for module in sorted(by_module):
        group = by_module[module]
        chosen.extend(draw.sample(group, max(1, round(share * len(group)))))
    # in random order, so that a run stopped early has still screened a sample of each
    draw.shuffle(chosen)
    return chosen


def all_mutants() -> dict[str, str]:
    sys.path.insert(0, str(ROOT / "benchmarks"))
    from mutation import results

    return results()


def save(verdicts: dict[str, str], *, keep_kills: bool, into: Path = SCREENED) -> None:
    """Write ``verdicts`` into the file, keeping what another screen wrote there meanwhile;
    with ``keep_kills`` (all but ``--again``, which re-screens changed code) a kill is never
    turned back into a survivor by a screen with other tests."""
    saved: dict[str, str] = json.loads(into.read_text()) if into.exists() else {}
    for name, found in verdicts.items():
        if not keep_kills or saved.get(name) not in ("killed", "timeout"):
            saved[name] = found
    into.write_text(json.dumps(saved, indent=1, sort_keys=True))


def start_child(files: list[str], mutant: str) -> int:
    """Fork a child running pytest on ``files`` with ``mutant`` switched on; its pid."""
    pid = os.fork()
    if pid == 0:  # the child
        import pytest

        resource.setrlimit(resource.RLIMIT_CPU, (LIMIT_SECONDS, LIMIT_SECONDS + 1))
        os.environ["MUTANT_UNDER_TEST"] = mutant
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, 1)
        os.dup2(devnull, 2)
        os._exit(int(pytest.main([*files, *PYTEST_ARGS])))
    return pid


def use_mutated_copy() -> None:
    """Import the library from mutmut's mutated copy (``mutants/src``), ahead of the
    installed one, here and in every child; then work from the repository root."""
    sys.path.insert(0, str(MUTANTS / "src"))
    os.environ["PYTHONPATH"] = os.pathsep.join(
        [str(MUTANTS / "src"), os.environ.get("PYTHONPATH", "")]
    )
    import warrant

    if not Path(warrant.__file__).is_relative_to(MUTANTS):
        raise SystemExit(f"warrant imported from {warrant.__file__}, not from {MUTANTS}")
    os.chdir(ROOT)


def verdict(status: int) -> str:
    """Killed when pytest fails with the mutant on: a test failed (1), collection broke
    (2), or it ran out of time (a signal); 0 is a survivor.  ``status`` is ``os.wait``'s."""
    return verdict_of_exit(os.waitstatus_to_exitcode(status))


def verdict_of_exit(code: int) -> str:
    """:func:`verdict` from pytest's exit code (negative: stopped by that signal)."""
    if code == 0:
        return "survived"
    if code < 0:
        return "timeout"
    if code in (1, 2):
        return "killed"
    return f"pytest exit {code}"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("names", nargs="*", help="mutant names or globs (default: all)")
    parser.add_argument("--children", type=int, default=2, help="mutants tested at once")
    parser.add_argument("--examples", type=int, default=10, help="cap on Hypothesis examples")
    parser.add_argument("--again", action="store_true", help="re-screen screened mutants too")
    parser.add_argument(
        "--survivors", action="store_true", help="only the survivors of an earlier screen"
    )
    parser.add_argument(
        "--tests", nargs="+", metavar="GLOB", help="these test files for every module"
    )
    parser.add_argument(
        "--sample", type=float, metavar="SHARE",
        help="only this share (0-1) of each module's chosen mutants, drawn at random",
    )
    parser.add_argument("--seed", type=int, default=2002, help="of the --sample draw")
    parser.add_argument(
        "--record", type=Path, default=SCREENED,
        help="write the verdicts here (default mutants/screened.json)",
    )
    args = parser.parse_args(argv)

    done: dict[str, str] = json.loads(SCREENED.read_text()) if SCREENED.exists() else {}
    chosen = [
        name for name in sorted(all_mutants())
        if (not args.names or any(fnmatch.fnmatch(name, glob_) for glob_ in args.names))
        and (
            done.get(name) == "survived"
            if args.survivors
            else args.again or name not in done
        )
    ]
    if args.sample is not None:
        chosen = drawn(chosen, args.sample, random.Random(args.seed))
    files_by_module = {
        module: files_for(module, args.tests) for module in {module_of(n) for n in chosen}
    }
    for module, files in sorted(files_by_module.items()):
        if not files:
            print(f"no screening tests for {module}: its mutants are left to mutmut")
    chosen = [name for name in chosen if files_by_module[module_of(name)]]

    os.environ["WARRANT_MUTATION_EXAMPLES"] = str(args.examples)
    use_mutated_copy()
    import pytest

    every_file = sorted({name for files in files_by_module.values() for name in files})
    # import the test modules once, here, so that every forked child finds them loaded
    pytest.main([*every_file, "--collect-only", "-q", "-p", "no:cacheprovider"])
    failing = set()
    for name in every_file:
        _, status = os.waitpid(start_child([name], ""), 0)
        if verdict(status) != "survived":
            failing.add(name)
            print(f"left out (fails with no mutant on): {name}")
    files_by_module = {
        module: [name for name in files if name not in failing]
        for module, files in files_by_module.items()
    }
    print(f"screening {len(chosen)} mutants", flush=True)

    started = time.monotonic()
    running: dict[int, str] = {}
    pending = list(reversed(chosen))
    count = 0
    while pending or running:
        while pending and len(running) < args.children:
            mutant = pending.pop()
            running[start_child(files_by_module[module_of(mutant)], mutant)] = mutant
        pid, status = os.wait()
        mutant = running.pop(pid)
        done[mutant] = verdict(status)
        count += 1
        if count % 50 == 0:
            mine = {name: done[name] for name in chosen if name in done}
            save(mine, keep_kills=not args.again, into=args.record)
            print(f"{count}/{len(chosen)} in {time.monotonic() - started:.0f} s", flush=True)
    save({name: done[name] for name in chosen}, keep_kills=not args.again, into=args.record)
    killed = sum(1 for mutant in chosen if done[mutant] in ("killed", "timeout"))
    print(f"killed {killed} of {len(chosen)} in {time.monotonic() - started:.0f} s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
