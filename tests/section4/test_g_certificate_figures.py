"""4.G: which clause defines each figure of a certificate, whose shares it states, and the
facts a certificate carries over from its adjustment record.

The SPEC §14 example (every close $1.00, so every Fair Market Value is 1): a sale of
1,000,000 shares for $850,000 net (B = 850,000), an option grant deemed an issue of
500,000 shares for $260,000, and its lapse.  Figures are worked by hand with Fractions.
"""

from __future__ import annotations

import json
from fractions import Fraction as F
from pathlib import Path

import attrs
import pytest

import certificate_helpers as helpers
import warrant
from warrant.instrument.readings import Reading
from warrant.register.records import CarveOutPosition
from warrant.section4.g_certificates import (
    FIGURES,
    CertificateKind,
    certificate_of_adjustment,
    figure_clause,
)

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "examples" / "section-14.toml"

P0 = F("1.94")
P1 = P0 * (F(7_000_000) + F(850_000)) / (F(7_000_000) + F(1_000_000))  # 1.903625


@pytest.fixture(scope="module")
def section_14() -> warrant.Scenario:
    return warrant.load_scenario(EXAMPLE)


def with_dividend() -> warrant.Scenario:
    text = EXAMPLE.read_text(encoding="utf-8") + (
        '\n[[event]]\ntype = "stock-dividend"\nid = "div"\ndate = 2003-07-15\nshares = 800000\n'
    )
    return warrant.loads_scenario(text, base=EXAMPLE.parent)


#: 4.C's formula terms: each figure of a 4.C certificate and the clause that defines it.
C_TERMS = {
    "consideration": "4.C(2)",
    "outstanding_before": "4.C(1)(b)",
    "outstanding_after": "4.C(1)(b)",
    "price_before": "4.G(c)",
    "shares_before": "4.C(1)(a)",
    "shares_after": "4.C(1)(a)",
    "fmv": "Section 1",
    "effective_price": "4.C(1)",
}


@pytest.mark.parametrize("kind", [CertificateKind.WEIGHTED_AVERAGE, CertificateKind.READJUSTMENT])
def test_4g_a_4C_figure_comes_from_4C_formula_terms(kind: CertificateKind) -> None:
    clauses = {figure: figure_clause(kind, "4.C(3)", figure) for figure in FIGURES}
    # C and the price after are the adjustment's own clause; the price before is 4.G(c)
    assert clauses == {**C_TERMS, "additional_shares": "4.C(3)", "price_after": "4.C(3)"}


@pytest.mark.parametrize(
    ("kind", "clause"),
    [
        (CertificateKind.STOCK_DIVIDEND, "4.D(1)"),
        (CertificateKind.SPLIT, "4.E"),
        (CertificateKind.DELIVERY, "4.A"),
    ],
)
def test_4g_other_figures_come_from_the_adjustment_own_clause(
    kind: CertificateKind, clause: str
) -> None:
    clauses = {figure: figure_clause(kind, clause, figure) for figure in FIGURES}
    expected = {figure: clause for figure in FIGURES}
    assert clauses == {**expected, "price_before": "4.G(c)"}


def test_4g_certificate_names_the_clause_of_each_of_its_figures(
    section_14: warrant.Scenario,
) -> None:
    sale = warrant.certificate(section_14, adjustment=0)
    assert {name: sale.figure_clause(name) for name in sale.figures()} == {
        **C_TERMS,
        "additional_shares": "4.C(1)",
        "price_after": "4.C(1)",
    }
    dividend = warrant.certificate(with_dividend(), event="div")
    assert dividend.clause == "4.D"
    assert {name: dividend.figure_clause(name) for name in dividend.figures()} == {
        "additional_shares": "4.D",
        "outstanding_before": "4.D",
        "outstanding_after": "4.D",
        "price_before": "4.G(c)",
        "price_after": "4.D",
        "shares_before": "4.D",
        "shares_after": "4.D",
    }


def test_4g_verify_cites_the_clause_of_each_checked_figure(section_14: warrant.Scenario) -> None:
    stated = warrant.loads_certificate(
        '[certificate]\nadjustment = 0\n[certificate.figures]\nconsideration = "850,000"\n'
        'outstanding_before = "7,000,000"\nprice_before = "1.94"\nprice_after = "1.9036"\n'
        'shares_after = "101,910.83"\nfmv = "1.00"\neffective_price = "0.85"\n'
    )
    result = warrant.verify(section_14, stated)
    assert result.agrees
    assert [(check.figure, check.clause) for check in result.figures] == [
        ("consideration", "4.C(2)"),
        ("outstanding_before", "4.C(1)(b)"),
        ("price_before", "4.G(c)"),
        ("price_after", "4.C(1)"),
        ("shares_after", "4.C(1)(a)"),
        ("fmv", "Section 1"),
        ("effective_price", "4.C(1)"),
    ]


SERIES = """[warrant]
preset = "alpha-2002"

[[warrant.series]]
id = "W-1"
holder = "Bank A"
face_shares = 100000

[[warrant.series]]
id = "W-2"
holder = "Bank B"
face_shares = 40000

[capitalization]
common_outstanding = 7000000

[prices]
csv = "flat.csv"

"""


def test_4g_series_certificate_gives_the_figures_of_the_warrant_asked_for(
    tmp_path: Path,
) -> None:
    helpers.flat_csv(str(tmp_path))
    facts = warrant.loads_scenario(SERIES + helpers.SALE, base=tmp_path)
    cert = warrant.certificate(facts, adjustment=0)  # the whole series
    first = cert.figures("W-1")
    second = cert.figures("W-2")
    # S' = S × P / P': 100,000 × 1.94 / 1.903625 and 40,000 × 1.94 / 1.903625
    assert (first["shares_before"], first["shares_after"]) == (
        F(100_000),
        F(100_000) * P0 / P1,
    )
    assert (second["shares_before"], second["shares_after"]) == (
        F(40_000),
        F(40_000) * P0 / P1,
    )
    assert second["shares_after"] == F(6_400_000, 157)
    assert first["price_after"] == second["price_after"] == P1
    shares = cert.warrant_shares("W-2")
    assert shares is not None and shares.face_shares == 40_000


def test_4g_a_warrant_not_in_the_certificate_has_no_shares(tmp_path: Path) -> None:
    helpers.flat_csv(str(tmp_path))
    facts = warrant.loads_scenario(SERIES + helpers.SALE, base=tmp_path)
    series = warrant.certificate(facts, adjustment=0)
    single = warrant.certificate(warrant.load_scenario(EXAMPLE), adjustment=0)
    for cert in (series, single):
        assert cert.warrant_shares("W-9") is None
        figures = cert.figures("W-9")
        assert "shares_before" not in figures and "shares_after" not in figures
        assert figures["price_after"] == P1
    assert series.warrant_shares() is None  # two warrants: which one's is not said
    only = single.warrant_shares()
    assert only is not None and only.warrant == "W-1"


def test_4g_certificate_carries_the_record_facts(section_14: warrant.Scenario) -> None:
    record = warrant.replay(section_14).ledger.adjustments[0]
    cert = warrant.certificate(section_14, adjustment=0)
    # B = consideration / FMV = 850,000 / 1
    assert cert.bought_at_fmv == F(850_000) == record.bought_at_fmv
    assert cert.carve_out == record.carve_out
    assert cert.carve_out == CarveOutPosition(cap=F(1_969_693), used=F(0))
    assert cert.note == ""
    detail = warrant.certificate_json(cert)["detail"]
    assert isinstance(detail, dict)
    assert detail["bought_at_fmv"] == "850000"
    assert detail["carve_out"] is not None
    json.dumps(detail)


def test_4g_certificate_keeps_the_record_note(section_14: warrant.Scenario) -> None:
    records = warrant.replay(section_14).ledger.adjustments
    deemed = warrant.certificate(section_14, adjustment=1)
    assert deemed.note == records[1].note
    assert deemed.note == "deemed issue of the maximum shares issuable on exercise"
    lapse = warrant.certificate(section_14, adjustment=2)
    assert lapse.note == records[2].note
    assert lapse.note.startswith("readjustment of adjustment 1 (2002-07-01): ")
    assert lapse.bought_at_fmv == F(10_000)  # only what was paid for the grant, at FMV 1


def test_4g_a_4D_certificate_has_no_FMV_figures_even_if_its_record_had_them(
    section_14: warrant.Scenario,
) -> None:
    # The kind decides the figures: a 4.D record that carried an FMV, B and an Effective
    # Price (no rule writes one) still certifies none of them.
    sale = warrant.replay(section_14).ledger.adjustments[0]
    dividend = warrant.replay(with_dividend()).ledger.adjustments[-1]
    assert dividend.clause.startswith("4.D")
    odd = attrs.evolve(dividend, fmv=sale.fmv, bought_at_fmv=F(3), effective_price=F(1, 2))
    cert = certificate_of_adjustment(
        odd,
        issuer="Issuer",
        terms="alpha-2002",
        initial_price=P0,
        warrants=[("W-1", F(100_000))],
        facts_digest="",
    )
    assert cert.kind is CertificateKind.STOCK_DIVIDEND
    assert (cert.fmv, cert.bought_at_fmv, cert.effective_price) == (None, None, None)
    assert not {"fmv", "effective_price", "consideration"} & set(cert.figures())
    assert isinstance(cert.reading, Reading)
