"""The scenario that ships with the package, read like any other file, and ``warrant demo``.

``warrant/data/exchange-2003.toml`` (and its price file) is the 2003 option exchange
against the 2002 warrant; :func:`run_demo` reads it and hands it to the analysis
(:func:`warrant.analyses.demo.judge_demo`).
"""

from __future__ import annotations

from importlib import resources
from typing import Final

from warrant.analyses.demo import Demo, judge_demo
from warrant.case.scenario import Scenario
from warrant.files.scenario_files import load_scenario

#: The packaged scenario's file name, in ``warrant/data``.
DEMO_SCENARIO: Final = "exchange-2003.toml"


def demo_scenario() -> Scenario:
    """The packaged 2003 exchange scenario."""
    with resources.as_file(resources.files("warrant") / "data" / DEMO_SCENARIO) as path:
        return load_scenario(path)


def run_demo() -> Demo:
    """Judge the packaged exchange under its reading and every other."""
    return judge_demo(demo_scenario())
