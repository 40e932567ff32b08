"""Suite-wide settings.

Under mutation testing (``benchmarks/mutation.py`` sets ``WARRANT_MUTATION_EXAMPLES``),
every Hypothesis test runs at most that many examples, so each of some two thousand
mutants costs seconds rather than a minute; the ordinary suite runs them all.
"""

from __future__ import annotations

import os

import pytest
from hypothesis import settings

_CAP = os.environ.get("WARRANT_MUTATION_EXAMPLES")


def _capped(current: settings, cap: int) -> settings:
    return settings(current, max_examples=min(current.max_examples, cap), deadline=None)


if _CAP:
    settings.register_profile("mutation", max_examples=int(_CAP), deadline=None)
    settings.load_profile("mutation")

    def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
        cap = int(_CAP)
        for item in items:
            test = getattr(item, "obj", None)
            chosen = getattr(test, "_hypothesis_internal_use_settings", None)
            if isinstance(chosen, settings):
                test._hypothesis_internal_use_settings = _capped(chosen, cap)
            case = getattr(item, "cls", None)
            if case is not None and isinstance(getattr(case, "settings", None), settings):
                case.settings = _capped(case.settings, cap)
