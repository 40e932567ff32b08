"""Re-test the survivors of the last mutation run against the tests written since it.

Run from the repository root, after ``python benchmarks/mutation.py`` (see
docs/mutation-testing.md)::

    python benchmarks/mutation_recheck.py --since COMMIT      # re-test every survivor
    python benchmarks/mutation_recheck.py --since COMMIT 'warrant.section4.c6*'

A whole run takes hours on two cores, most of it spent on the survivors: each one runs
every test that reaches its function.  A survivor has already passed every test of the
run, so only the tests added or changed since then can kill it.  This script runs just
those test files (``git diff --name-only COMMIT -- tests``) against each survivor, with
the survivor switched on in mutmut's mutated copy of the library (``mutants/src``) the
way mutmut switches it on (the ``MUTANT_UNDER_TEST`` variable its trampolines read).

A test file that fails with no mutant on — it tests code written after the run, which
the mutated copy does not have — is left out, and said so.  Every other failure with the
survivor on is a kill.  The results go to ``mutants/rechecked.json``; ``mutation.py
--report`` counts a survivor killed there as killed ("killed later").

Each survivor runs in a child forked from one process that has already imported pytest,
the library and the test modules, as mutmut's own workers do, so it costs a fraction of
a second rather than an interpreter start.
"""

from __future__ import annotations

import argparse
import fnmatch
import json
import os
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
MUTANTS = ROOT / "mutants"
RECHECKED = MUTANTS / "rechecked.json"


def changed_test_files(since: str) -> list[str]:
    listing = subprocess.run(
        ["git", "diff", "--name-only", "--diff-filter=AM", since, "--", "tests"],
        cwd=ROOT, capture_output=True, text=True, check=True,
    ).stdout.split()
    return sorted(name for name in listing if Path(name).name.startswith("test_"))


sys.path.insert(0, str(ROOT / "benchmarks"))
from mutation_screen import start_child, use_mutated_copy  # noqa: E402
from mutation_screen import verdict_of_exit as verdict  # noqa: E402


def survivors() -> list[str]:
    from mutation import results, with_screen

    return sorted(
        name for name, status in with_screen(results()).items()
        if status in ("survived", "survived (screen)")
    )


def pytest_in_child(files: list[str], mutant: str) -> int:
    """pytest's exit status on ``files`` with ``mutant`` switched on, in a forked child
    (negative: the child was stopped by that signal, a time-out); the child is the
    screen's (:func:`mutation_screen.start_child`: the same limits and pytest options)."""
    _, status = os.waitpid(start_child(files, mutant), 0)
    return os.waitstatus_to_exitcode(status)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("names", nargs="*", help="survivor names or globs (default: all)")
    parser.add_argument("--since", required=True, help="the commit the last run tested")
    args = parser.parse_args(argv)

    files = changed_test_files(args.since)
    chosen = [
        name for name in survivors()
        if not args.names or any(fnmatch.fnmatch(name, glob) for glob in args.names)
    ]
    use_mutated_copy()
    import pytest

    # import the test modules once, here, so that every forked child finds them loaded
    pytest.main([*files, "--collect-only", "-q", "-p", "no:cacheprovider"])
    clean = [name for name in files if pytest_in_child([name], "") == 0]
    for name in sorted(set(files) - set(clean)):
        print(f"left out (fails with no mutant on): {name}")
    print(f"{len(chosen)} survivors against {len(clean)} test files changed since {args.since}")

    done: dict[str, str] = json.loads(RECHECKED.read_text()) if RECHECKED.exists() else {}
    started = time.monotonic()
    for count, mutant in enumerate(chosen, 1):
        code = pytest_in_child(clean, mutant)
        done[mutant] = verdict(code)
        if count % 25 == 0:
            RECHECKED.write_text(json.dumps(done, indent=1, sort_keys=True))
            print(f"{count}/{len(chosen)} in {time.monotonic() - started:.0f} s", flush=True)
    RECHECKED.write_text(json.dumps(done, indent=1, sort_keys=True))
    killed = sum(1 for mutant in chosen if done[mutant] in ("killed", "timeout"))
    print(f"killed {killed} of {len(chosen)} in {time.monotonic() - started:.0f} s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
