"""Replaying a scenario: the adjustment history and the price and shares in force.

``replay(scenario, as_of=...)`` applies the scenario's events in force on or
before ``as_of`` — by their effective date, a record date where one is fixed —
(all of them by default) to a fresh ledger and returns the
result; :mod:`warrant.files.json_output` writes it as the JSON object of SPEC §10
and :mod:`warrant.files.text_output` as a table for people.
"""

from __future__ import annotations

import datetime as dt
from fractions import Fraction

import attrs

from warrant.case.scenario import Scenario
from warrant.ground.dates import require_date
from warrant.instrument.formula import shares_rounded
from warrant.instrument.terms import WarrantTerms
from warrant.register.ledger import Ledger, date_order_refusal


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
        """The total receivable under the Warrants outstanding now (the whole series), as the
        terms state shares (``share_rounding``: exact by default)."""
        if not self.scenario.warrants:
            return None
        series = self.ledger.position.series
        total = series.total_shares(self.scenario.terms.exercise_price, self.exercise_price)
        return shares_rounded(total, self.ledger.terms.share_rounding)


def _check_order(scenario: Scenario) -> None:
    """Events must be in date order, even those after ``as_of`` that are not applied."""
    previous = None
    for index, event in enumerate(scenario.events):
        day = event.effective_date
        refusal = date_order_refusal(day, previous)
        if refusal is not None:
            raise refusal.located(f"event[{index}] ({event.TYPE})")
        previous = day


def check_as_of(as_of: dt.date, terms: WarrantTerms, *, field: str = "as_of") -> dt.date:
    """``as_of`` must fall in the warrant's life: nothing is in force before the Issue Date
    or after the expiration cut-off (preamble, Section 1)."""
    return terms.check_in_life(require_date(as_of, field=field), field=field)


#: public: every analysis that replays a scenario checks its order the same way
check_order = _check_order


def replay(scenario: Scenario, *, as_of: dt.date | None = None) -> Replay:
    """Apply the scenario's events (those effective on or before ``as_of``, which must fall
    within the warrant's life) to a fresh ledger."""
    _check_order(scenario)
    ledger = Ledger(
        capitalization=scenario.capitalization,
        prices=scenario.prices,
        terms=scenario.terms,
        reading=scenario.reading,
        series=scenario.warrants,
    )
    if as_of is not None:
        as_of = check_as_of(as_of, scenario.terms)
    for event in scenario.events:
        # An event counts from its effective date (a record date where one is fixed,
        # 4.C(8), 4.D), as in the full replay: a dividend of record 06-28 paid 07-15 is
        # in force on 07-01.  The order check above makes the first later one the last.
        if as_of is not None and event.effective_date > as_of:
            break
        ledger.apply(event)
    if as_of is None:
        as_of = ledger.position.last_date or scenario.terms.issue_date
    return Replay(scenario=scenario, ledger=ledger, as_of=as_of)
