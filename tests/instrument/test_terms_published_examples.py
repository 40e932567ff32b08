"""The formula keys of the terms against published worked examples (issue 22 §4).

Each scenario in ``tests/terms_examples/`` restates one public worked example of an
anti-dilution, conversion-price or exercise-price adjustment — an exchange's bonus-issue
circular, a UK valuation manual's rights issue, start-up finance pages on the weighted
average and the full ratchet, SEC quarterly reports, a convertible bond's adjustment
notice — with its source, inputs and a derivation by hand in its header
(``tests/terms_examples/README.md`` lists them).  ``expected.toml`` holds the figures
the source publishes.  The examples were collected and worked without reading the
engine.

A source's own rounding rule is in the scenario's ``price_rounding`` /
``share_rounding``; the comparison here is to the precision the source prints (half-up
to its places), never a tolerance.
"""

from __future__ import annotations

import tomllib
from fractions import Fraction
from pathlib import Path

import pytest

from warrant.analyses.replay import replay
from warrant.files.scenario_files import load_scenario
from warrant.ground.exact import round_half_up

FOLDER = Path(__file__).parents[1] / "terms_examples"
CASES = tomllib.loads((FOLDER / "expected.toml").read_text(encoding="utf-8"))["case"]


@pytest.mark.parametrize("case", CASES, ids=[case["file"] for case in CASES])
def test_published_figure(case):
    result = replay(load_scenario(FOLDER / case["file"]))
    published = Fraction(case["price"])
    assert round_half_up(result.exercise_price, case["places"]) == published, (
        f"{case['source']}: price {result.exercise_price} ({float(result.exercise_price)})"
    )
    if "shares" in case:
        assert result.shares is not None
        assert round_half_up(result.shares, case["shares_places"]) == Fraction(case["shares"])


def test_every_example_has_a_case():
    files = {path.name for path in FOLDER.glob("*.toml")} - {"expected.toml"}
    assert files == {case["file"] for case in CASES}
