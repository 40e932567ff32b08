"""The 4.H notices of a scenario: what each must name and by when it must be mailed."""

from __future__ import annotations

from warrant.case.scenario import Scenario
from warrant.section4.h_notices import Notice, notices_of


def notices(scenario: Scenario) -> tuple[Notice, ...]:
    """Every notice 4.H requires for the scenario's events, in register order."""
    return notices_of(scenario.events, terms=scenario.terms)
