"""SPEC §11 invariant 11: a certificate the library produced verifies clean; changing any
stated figure beyond its rounding makes verification fail on exactly that figure.

Random registers (sales at random prices, option grants, stock dividends, splits,
expiries) are replayed under a random reading in a market that steps, so Fair
Market Values and prices are often non-terminating fractions.  Stated figures are
written here, half-up, with :mod:`decimal` — not with the library's rounding.
"""

from __future__ import annotations

import datetime as dt
import json
from fractions import Fraction
from functools import lru_cache

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import certificate_helpers as helpers
import warrant
from engine_helpers import price_history
from warrant.files.scenario_files import PriceSource, Scenario
from warrant.register.events import Event, Expiry, Issuance, OptionGrant, StockDividend, StockSplit
from warrant.register.ledger import Capitalization
from warrant.section4.g_certificates import FIGURES

F = Fraction


@lru_cache(maxsize=1)
def stepping_market() -> warrant.PriceHistory:
    return price_history(after={dt.date(2002, 9, 3): "1.37", dt.date(2003, 4, 1): "0.83"})


@st.composite
def registers(draw: st.DrawFn) -> Scenario:
    day = dt.date(2002, 4, 1)
    events: list[Event] = []
    open_grants: list[str] = []
    for number in range(draw(st.integers(1, 6))):
        day += dt.timedelta(days=draw(st.integers(10, 120)))
        kind = draw(st.sampled_from(["sale", "sale", "grant", "dividend", "split", "expiry"]))
        if kind == "expiry" and open_grants:
            events.append(Expiry(date=day, of=open_grants.pop(0)))
        elif kind == "grant":
            shares = draw(st.integers(1, 1_000_000))
            events.append(
                OptionGrant(
                    date=day,
                    id=f"g{number}",
                    shares=shares,
                    exercise_price=F(draw(st.integers(5, 150)), 100),
                    consideration=F(draw(st.integers(0, shares * 5)), 100),
                    expires=day + dt.timedelta(days=400),
                )
            )
            open_grants.append(f"g{number}")
        elif kind == "dividend":
            events.append(StockDividend(date=day, shares=draw(st.integers(1, 1_000_000))))
        elif kind == "split":
            events.append(
                StockSplit(date=day, ratio=draw(st.sampled_from([F(2), F(3, 2), F(1, 2)])))
            )
        else:
            shares = draw(st.integers(1, 2_000_000))
            cash = shares * F(draw(st.integers(5, 180)), 100)
            events.append(
                Issuance(
                    date=day,
                    shares=shares,
                    cash=cash,
                    expenses=cash * F(draw(st.integers(0, 10)), 100),
                )
            )
    return Scenario(
        face_shares=F(draw(st.integers(1, 500_000))),
        reading=draw(st.sampled_from(warrant.Reading.variations())),
        capitalization=Capitalization(common_outstanding=7_000_000),
        price_source=PriceSource(csv="market.csv"),
        prices=stepping_market(),
        events=tuple(events),
    )


def adjustments_of(scenario: Scenario) -> int:
    return len(warrant.replay(scenario).ledger.adjustments)


SETTINGS = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@SETTINGS
@given(registers(), st.data())
def test_spec_11_a_produced_certificate_verifies_clean(
    scenario: Scenario, data: st.DataObject
) -> None:
    count = adjustments_of(scenario)
    if count == 0:
        return
    sequence = data.draw(st.integers(0, count - 1))
    produced = warrant.certificate_json(warrant.certificate(scenario, adjustment=sequence))
    stated = warrant.loads_certificate(json.dumps(produced), kind="json")
    result = warrant.verify(scenario, stated)
    assert result.agrees, result.disagreeing
    assert all(check.agrees and check.difference == 0 for check in result.figures)
    assert result.missing == () and result.not_applicable == ()
    assert result.facts_digest is not None and result.facts_digest.agrees
    assert result.stated_reading_reproduces is True
    assert scenario.reading in result.reproduced_by


def written(value: Fraction, places: int | None) -> str:
    return (
        f"{value.numerator}/{value.denominator}"
        if places is None
        else helpers.decimal_text(value, places)
    )


@SETTINGS
@given(registers(), st.data())
def test_spec_11_a_figure_changed_beyond_its_rounding_fails_alone(
    scenario: Scenario, data: st.DataObject
) -> None:
    count = adjustments_of(scenario)
    if count == 0:
        return
    sequence = data.draw(st.integers(0, count - 1))
    exact = warrant.certificate(scenario, adjustment=sequence).figures()
    places: int | None = data.draw(st.one_of(st.none(), st.integers(0, 6)))
    figures = {name: written(value, places) for name, value in exact.items()}

    def verify(stated_figures: dict[str, str]) -> warrant.Verification:
        text = f"[certificate]\nadjustment = {sequence}\n[certificate.figures]\n"
        text += "".join(f'{name} = "{value}"\n' for name, value in stated_figures.items())
        return warrant.verify(scenario, warrant.loads_certificate(text))

    assert verify(figures).agrees  # each figure rounded half-up to its places agrees
    changed = data.draw(st.sampled_from(sorted(exact, key=FIGURES.index)))
    step = F(1, exact[changed].denominator + 1) if places is None else F(1, 10**places)
    sign = data.draw(st.sampled_from([1, -1]))
    stated_value = F(figures[changed].replace(",", "")) + sign * step
    figures[changed] = (
        written(stated_value, places)
        if places is not None
        else (f"{stated_value.numerator}/{stated_value.denominator}")
    )
    result = verify(figures)
    assert not result.agrees
    assert result.disagreeing == (changed,)
