"""Replaying a scenario: the adjustment history and the price and shares in force.

``replay(scenario, as_of=...)`` applies the scenario's events dated on or
before ``as_of`` (all of them by default) to a fresh ledger and returns the
result; :mod:`warrant.files.json_output` writes it as the JSON object of SPEC §10
and :mod:`warrant.files.text_output` as a table for people.
"""

from __future__ import annotations

import datetime as dt
from fractions import Fraction

import attrs

from warrant.files.scenario_files import Scenario
from warrant.ground.errors import EventRejected
from warrant.register.ledger import Ledger


@attrs.frozen
class Replay:
    """The result of replaying a scenario up to ``as_of``."""

    scenario: Scenario
    ledger: Ledger = attrs.field(eq=False)
    as_of: dt.date

    @property
    def exercise_price(self) -> Fraction:
        return self.ledger.price_on(self.as_of)

    @property
    def shares(self) -> Fraction | None:
        """The total receivable under the Warrants outstanding now (the whole series)."""
        if not self.scenario.warrants:
            return None
        series = self.ledger.position.series
        return series.total_shares(self.scenario.terms.exercise_price, self.exercise_price)


def _check_order(scenario: Scenario) -> None:
    """Events must be in date order, even those after ``as_of`` that are not applied."""
    previous = None
    for index, event in enumerate(scenario.events):
        day = event.effective_date
        if previous is not None and day < previous:
            raise EventRejected(
                f"effective {day.isoformat()}, before the previous event ({previous.isoformat()}): "
                "events must be in date order",
                field="date",
                where=f"event[{index}] ({event.TYPE})",
            )
        previous = day


def replay(scenario: Scenario, *, as_of: dt.date | None = None) -> Replay:
    """Apply the scenario's events (those dated on or before ``as_of``) to a fresh ledger."""
    _check_order(scenario)
    ledger = Ledger(
        capitalization=scenario.capitalization,
        prices=scenario.prices,
        terms=scenario.terms,
        reading=scenario.reading,
        series=scenario.warrants,
    )
    for event in scenario.events:
        if as_of is not None and event.date > as_of:
            break
        ledger.apply(event)
    if as_of is None:
        as_of = ledger.position.last_date or scenario.terms.issue_date
    return Replay(scenario=scenario, ledger=ledger, as_of=as_of)
