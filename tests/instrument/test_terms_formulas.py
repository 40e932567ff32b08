"""The formula keys of the terms (issue 22 §3), each worked by hand.

Flat prices: every close is $1.00, so the Current Fair Market Value is 1 on every day
(``engine_helpers.flat_prices``); the 2002 warrant's terms otherwise (1.94, 7,000,000
outstanding) unless a case writes its own."""

from __future__ import annotations

import datetime as dt
from fractions import Fraction

import attrs
import pytest

from engine_helpers import D, flat_prices
from warrant.ground.errors import InvalidValue
from warrant.instrument.formula import (
    Formula,
    PriceRounding,
    Reference,
    RoundingMode,
    ShareRounding,
    round_to,
)
from warrant.instrument.terms import ALPHA_2002, WarrantTerms
from warrant.register.events import Expiry, Issuance, OptionGrant, StockSplit
from warrant.register.ledger import Capitalization, Ledger
from warrant.register.records import Outcome

F = Fraction
EST = dt.timezone(dt.timedelta(hours=-5))


def ledger_of(terms: WarrantTerms, common: int = 7_000_000) -> Ledger:
    return Ledger(
        capitalization=Capitalization(common_outstanding=common), prices=flat_prices(),
        terms=terms,
    )


def spec_issue() -> Issuance:
    return Issuance(date=D(2002, 6, 3), shares=1_000_000, cash=900_000, expenses=50_000)


# -- reference --------------------------------------------------------------------------


def test_reference_exercise_price_prices_b_at_the_price_in_force():
    terms = WarrantTerms(
        exercise_price="1.50", issue_date=D(2020, 1, 2),
        expiration=dt.datetime(2025, 1, 2, 17, tzinfo=EST), reference=Reference.EXERCISE_PRICE,
    )
    ledger = ledger_of(terms, common=1_000_000)
    ledger.apply(Issuance(date=D(2020, 6, 1), shares=500_000, cash=500_000))
    # B = 500,000 / 1.50; P' = 1.50 × (1,000,000 + 333,333⅓) / 1,500,000 = 4/3
    assert ledger.price == F("1.50") * (1_000_000 + F(500_000) / F("1.50")) / 1_500_000
    assert ledger.price == F(4, 3)
    assert ledger.adjustments[0].fmv is None  # no market was read


def test_reference_exercise_price_an_issue_at_the_price_does_not_adjust():
    terms = attrs.evolve(ALPHA_2002, reference=Reference.EXERCISE_PRICE)
    ledger = ledger_of(terms)
    # 1,000,000 shares for 1,940,000: exactly the price in force, not below it
    ledger.apply(Issuance(date=D(2002, 6, 3), shares=1_000_000, cash=1_940_000))
    assert ledger.determinations[-1].outcome is Outcome.NOT_BELOW_FMV
    assert ledger.price == F("1.94")


# -- trigger -------------------------------------------------------------------------------


def test_trigger_an_issue_below_95_percent_adjusts_by_the_plain_formula():
    ledger = ledger_of(attrs.evolve(ALPHA_2002, trigger="95/100"))
    ledger.apply(Issuance(date=D(2002, 6, 3), shares=1_000_000, cash=940_000))
    # 0.94 < 0.95 × 1: 1.94 × (7,000,000 + 940,000) / 8,000,000
    assert ledger.price == F("1.94") * F(7_940_000, 8_000_000)


def test_trigger_above_one_is_refused():
    with pytest.raises(InvalidValue) as refused:
        attrs.evolve(ALPHA_2002, trigger="101/100")
    assert refused.value.field == "trigger"


# -- full ratchet ----------------------------------------------------------------------------


RATCHET = WarrantTerms(
    exercise_price="2.00", issue_date=D(2020, 1, 2),
    expiration=dt.datetime(2025, 1, 2, 17, tzinfo=EST), reference=Reference.EXERCISE_PRICE,
    formula=Formula.FULL_RATCHET,
)


def test_full_ratchet_falls_to_the_effective_price_and_never_rises():
    ledger = ledger_of(RATCHET, common=1_000_000)
    ledger.apply(Issuance(date=D(2020, 3, 2), shares=1_000, cash=1_500))
    assert ledger.price == F("1.50")
    assert ledger.shares(1_000) == F(4_000, 3)  # 1,000 × 2.00 / 1.50
    ledger.apply(Issuance(date=D(2020, 5, 1), shares=1_000, cash=1_600))  # 1.60 > 1.50
    assert ledger.price == F("1.50")
    assert ledger.determinations[-1].outcome is Outcome.NOT_BELOW_FMV
    ledger.apply(Issuance(date=D(2020, 6, 1), shares=1_000, cash=1_000))
    assert ledger.price == 1


def test_full_ratchet_measured_at_fmv_never_raises_the_price():
    terms = attrs.evolve(ALPHA_2002, formula=Formula.FULL_RATCHET)
    ledger = ledger_of(terms)
    ledger.apply(Issuance(date=D(2002, 6, 3), shares=1_000, cash=500))
    assert ledger.price == F("0.50")
    # 0.80 is below the FMV of 1 but above the price in force: a ratchet never raises it
    ledger.apply(Issuance(date=D(2002, 7, 1), shares=1_000, cash=800))
    assert ledger.price == F("0.50")


def test_full_ratchet_a_lapsed_grant_restores_the_price_before_it():
    ledger = ledger_of(RATCHET, common=1_000_000)
    ledger.apply(Issuance(date=D(2020, 3, 2), shares=1_000, cash=1_500))  # 2.00 → 1.50
    ledger.apply(OptionGrant(
        date=D(2020, 4, 1), id="g", shares=1_000, exercise_price="1.20",
        expires=D(2020, 7, 1),
    ))  # deemed issued at 1.20: 1.50 → 1.20
    assert ledger.price == F("1.20")
    ledger.apply(Expiry(date=D(2020, 7, 1), of="g", shares=1_000))
    # 4.C(3): as if the rights had never been issued: back to 1.50
    assert ledger.price == F("1.50")


def test_full_ratchet_a_later_ratchet_is_re_derived_from_the_restored_price():
    ledger = ledger_of(RATCHET, common=1_000_000)
    ledger.apply(OptionGrant(
        date=D(2020, 4, 1), id="g", shares=1_000, exercise_price="1.00",
        expires=D(2020, 7, 1),
    ))  # 2.00 → 1.00
    ledger.apply(Issuance(date=D(2020, 5, 1), shares=1_000, cash=900))  # 1.00 → 0.90
    ledger.apply(Expiry(date=D(2020, 7, 1), of="g", shares=1_000))
    # without the grant: 2.00 → 0.90 (the issue's own Effective Price)
    assert ledger.price == F("0.90")


# -- rounding --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("mode", "expected"),
    [(RoundingMode.HALF_UP, "1.90"), (RoundingMode.DOWN, "1.90"), (RoundingMode.UP, "1.91")],
)
def test_price_rounding_after_each_adjustment(mode, expected):
    terms = attrs.evolve(ALPHA_2002, price_rounding=PriceRounding(places=2, mode=mode))
    ledger = ledger_of(terms)
    ledger.apply(spec_issue())
    # SPEC §14: 1.94 × 7,850,000 / 8,000,000 = 1.903625, then rounded to the cent
    assert ledger.price == F(expected)
    # a 3-for-1 split starts from the rounded price: 1.90 / 3 = 0.6333… → 0.63 (half-up)
    ledger.apply(StockSplit(date=D(2002, 7, 1), ratio=3))
    assert ledger.price == round_to(F(expected) / 3, 2, mode)


def test_price_rounding_breaks_invariant_3_by_design():
    terms = attrs.evolve(ALPHA_2002, price_rounding=PriceRounding(places=2))
    ledger = ledger_of(terms)
    ledger.apply(StockSplit(date=D(2002, 6, 3), ratio=3))  # 1.94 / 3 = 0.6466… → 0.65
    ledger.apply(StockSplit(date=D(2002, 6, 4), ratio=F(1, 3)))  # 0.65 × 3 = 1.95
    assert ledger.price == F("1.95") != F("1.94")


def test_share_rounding_states_whole_shares_and_keeps_the_aggregate_exact():
    terms = attrs.evolve(ALPHA_2002, share_rounding=ShareRounding.DOWN)
    ledger = ledger_of(terms)
    ledger.apply(spec_issue())
    # 100,000 × 1.94 / 1.903625 = 101,910.8…: stated as 101,910
    assert ledger.shares(100_000) == 101_910
    assert ledger.price == F("1.903625")


def test_a_readjustment_under_rounding_walks_the_chain_from_the_initial_price():
    terms = attrs.evolve(ALPHA_2002, price_rounding=PriceRounding(places=2))
    ledger = ledger_of(terms)
    ledger.apply(OptionGrant(
        date=D(2002, 6, 3), id="g", shares=1_000_000, exercise_price="0.50",
        expires=D(2002, 8, 1),
    ))
    # deemed issue at 0.50: 1.94 × (7,000,000 + 500,000) / 8,000,000 = 1.81875 → 1.82
    assert ledger.price == F("1.82")
    ledger.apply(StockSplit(date=D(2002, 7, 1), ratio=2))  # 0.91
    assert ledger.price == F("0.91")
    ledger.apply(Expiry(date=D(2002, 8, 1), of="g", shares=2_000_000))
    # as if never granted: 1.94, then the split: 0.97
    assert ledger.price == F("0.97")


def test_the_certificate_states_the_formula_of_the_terms():
    from warrant.files.certificate_output import certificate_json
    from warrant.section4.g_certificates import certificate_of_adjustment

    terms = attrs.evolve(
        ALPHA_2002, trigger="95/100", price_rounding=PriceRounding(places=2)
    )
    ledger = ledger_of(terms)
    ledger.apply(spec_issue())
    cert = certificate_of_adjustment(
        ledger.adjustments[0], issuer=terms.issuer, terms=terms.name,
        initial_price=terms.exercise_price, warrants=(("W-1", F(100_000)),), facts_digest="",
    )
    arithmetic = "\n".join(cert.arithmetic)
    assert "below 0.95 × the Current FMV 1 = 0.95" in arithmetic
    assert "rounded as the terms say: 1.903625 → 1.9" in arithmetic
    detail = certificate_json(cert)["detail"]
    assert isinstance(detail, dict)
    assert detail["formula"] == {
        "reference": "fmv", "reference_value": "1", "trigger": "0.95",
        "formula": "weighted-average", "unrounded_price": "1.903625",
    }


def test_a_ratchet_certificate_says_so():
    from warrant.section4.g_certificates import certificate_of_adjustment

    ledger = ledger_of(RATCHET, common=1_000_000)
    ledger.apply(Issuance(date=D(2020, 3, 2), shares=1_000, cash=1_500))
    cert = certificate_of_adjustment(
        ledger.adjustments[0], issuer="the Company", terms="terms",
        initial_price=F(2), warrants=(), facts_digest="",
    )
    assert "full ratchet: P' = the Effective Price = 1.5 (4.C(1))" in cert.arithmetic
    assert any("below the Exercise Price in force 2" in line for line in cert.arithmetic)
