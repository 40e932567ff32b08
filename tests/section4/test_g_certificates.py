"""4.G certificates produced from the SPEC §14 example and a stock dividend.

Every expected figure is worked out by hand below with Fractions; the code under
test is only asked for its certificate.
"""

from __future__ import annotations

import json
from fractions import Fraction
from pathlib import Path

import pytest

import certificate_helpers as helpers
import warrant
from warrant.files.scenario_files import loads_scenario

F = Fraction
ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "examples" / "section-14.toml"

# -- SPEC §14 by hand ------------------------------------------------------------------------
P0, S0, FMV = F("1.94"), F(100_000), F(1)
A1, C1, CONS1 = F(7_000_000), F(1_000_000), F(900_000) - F(50_000)
P1 = P0 * (A1 + CONS1 / FMV) / (A1 + C1)
A2, C2 = A1 + C1, F(500_000)
CONS2 = C2 * F("0.02") + C2 * F("0.50")
P2 = P1 * (A2 + CONS2 / FMV) / (A2 + C2)


def shares(price: Fraction) -> Fraction:
    return S0 * P0 / price


@pytest.fixture(scope="module")
def scenario() -> warrant.Scenario:
    return warrant.load_scenario(EXAMPLE)


def test_4G_sale_certificate_states_a_to_d(scenario: warrant.Scenario) -> None:
    cert = warrant.certificate(scenario, adjustment=0)
    assert cert.clause == "4.C(1)"
    assert cert.event.id == "sale-2002"
    figures = cert.figures()
    assert figures == {
        "consideration": F(850_000),
        "additional_shares": C1,
        "outstanding_before": A1,
        "outstanding_after": A1 + C1,
        "price_before": P0,
        "price_after": F("1.903625"),
        "shares_before": S0,
        "shares_after": F(16_000_000, 157),
        "fmv": FMV,
        "effective_price": F("0.85"),
    }
    assert cert.consideration is not None
    assert (cert.consideration.cash, cert.consideration.expenses) == (F(900_000), F(50_000))
    assert cert.fmv is not None and len(cert.fmv.closes) == 5
    assert any("1.903625" in line for line in cert.arithmetic)


def test_4G_deemed_issue_certificate(scenario: warrant.Scenario) -> None:
    cert = warrant.certificate(scenario, event="options-2002")
    assert cert.sequence == 1 and cert.clause == "4.C(3)"
    figures = cert.figures()
    assert figures["consideration"] == CONS2 == 260_000
    assert figures["price_before"] == P1
    assert figures["price_after"] == P2 == F(6_289_577, 3_400_000)
    assert figures["effective_price"] == F("0.52")
    assert figures["shares_after"] == shares(P2)
    assert cert.consideration is not None
    assert cert.consideration.for_rights == 10_000
    assert cert.consideration.minimum_exercise_payments == 250_000
    assert cert.outstanding_after is not None and cert.outstanding_after.deemed == C2


def test_4G_readjustment_certificate(scenario: warrant.Scenario) -> None:
    cert = warrant.certificate(scenario, event=2)
    assert cert.readjustment and cert.readjusts == 1
    figures = cert.figures()
    assert figures["price_before"] == P2
    assert figures["price_after"] == P1  # nothing stays deemed: back to 1.903625
    assert figures["shares_after"] == F(16_000_000, 157)
    assert figures["consideration"] == F(10_000)  # only what was paid for the grant
    assert figures["additional_shares"] == 0
    assert "effective_price" not in figures  # 0 shares: no Effective Price


def test_4G_stock_dividend_certificate_has_no_consideration_or_fmv() -> None:
    text = EXAMPLE.read_text(encoding="utf-8") + (
        '\n[[event]]\ntype = "stock-dividend"\nid = "div"\ndate = 2003-07-15\nshares = 800000\n'
    )
    scenario = loads_scenario(text, base=EXAMPLE.parent)
    cert = warrant.certificate(scenario, event="div")
    n, d = F(8_000_000), F(800_000)
    expected_price = P1 * n / (n + d)  # 4.D: P × N / (N + D)
    assert cert.figures() == {
        "additional_shares": d,
        "outstanding_before": n,
        "outstanding_after": n + d,
        "price_before": P1,
        "price_after": expected_price,
        "shares_before": shares(P1),
        "shares_after": shares(expected_price),
    }
    assert cert.required == (
        "outstanding_before",
        "outstanding_after",
        "price_before",
        "price_after",
        "shares_before",
        "shares_after",
    )


def test_4G_digest_is_sha256_and_names_the_same_facts(scenario: warrant.Scenario) -> None:
    first = warrant.certificate(scenario, adjustment=0)
    again = warrant.certificate(scenario, event="sale-2002")
    assert first.facts_digest == again.facts_digest
    assert len(first.facts_digest) == 64 and int(first.facts_digest, 16) >= 0
    later = warrant.certificate(scenario, adjustment=1)
    assert later.facts_digest != first.facts_digest  # more events, more prices


def test_4G_digest_changes_with_the_facts() -> None:
    base = EXAMPLE.read_text(encoding="utf-8")
    plain = loads_scenario(base, base=EXAMPLE.parent)
    other = loads_scenario(
        base.replace("expenses = 50000", "expenses = 50001"), base=EXAMPLE.parent
    )
    assert (
        warrant.certificate(plain, adjustment=0).facts_digest
        != warrant.certificate(other, adjustment=0).facts_digest
    )


def test_4G_json_certificate_keeps_figures_exact(scenario: warrant.Scenario) -> None:
    data = warrant.certificate_json(warrant.certificate(scenario, adjustment=1))
    json.dumps(data)  # plain JSON
    head = data["certificate"]
    assert isinstance(head, dict)
    assert head["adjustment"] == 1 and head["event"] == "options-2002" and head["warrant"] == "W-1"
    assert F(head["figures"]["price_after"]) == P2
    assert head["figures"]["shares_after"] == "6800000000/64841"


def test_4G_people_see_rounded_figures_with_the_exact_value(scenario: warrant.Scenario) -> None:
    cert = warrant.certificate(scenario, adjustment=0)
    text = warrant.certificate_text(cert, places=4)
    assert "1.9036 (exactly 1.903625)" in text
    assert "101,910.8280 (exactly 16000000/157)" in text
    md = warrant.certificate_markdown(cert, places=2)
    assert md.startswith("# Certificate as to adjustment (Section 4.G)")
    assert "1.90 (exactly 1.903625)" in md and "850,000.00" in md


def test_4G_an_event_that_adjusted_nothing_has_no_certificate(tmp_path: Path) -> None:
    at_fmv = (
        '[[event]]\ntype = "issuance"\nid = "at-fmv"\ndate = 2003-07-15\nshares = 10\ncash = 10\n'
    )
    scenario = helpers.scenario(tmp_path, helpers.SECTION_14 + "\n" + at_fmv)
    with pytest.raises(warrant.NoSuchAdjustment, match="made no adjustment"):
        warrant.certificate(scenario, event="at-fmv")


def test_4G_two_adjustments_of_one_event_need_the_clause(tmp_path: Path) -> None:
    reprice = (
        '[[event]]\ntype = "repricing"\nid = "reprice"\ndate = 2002-08-01\nof = "options-2002"\n'
        'exercise_price = "0.40"\n'
    )
    scenario = helpers.scenario(tmp_path, helpers.SALE + "\n" + helpers.GRANT + "\n" + reprice)
    with pytest.raises(
        warrant.WarrantError, match=r"adjustment 2 \(4.C\(3\) readjustment\) or adjustment 3"
    ):
        warrant.certificate(scenario, event="reprice")
    cert = warrant.certificate(scenario, event="reprice", clause="4.C(6)")
    assert cert.sequence == 3 and not cert.readjustment


def test_4G_a_4A_distribution_certificate_states_what_is_delivered(tmp_path: Path) -> None:
    spin = (
        '[[event]]\ntype = "distribution"\nid = "spin"\ndate = 2002-09-03\n'
        'kind = "Spinco common"\nper_share = "0.5"\n'
    )
    scenario = helpers.scenario(tmp_path, helpers.SALE + "\n" + spin)
    cert = warrant.certificate(scenario, event="spin")
    assert cert.sequence is None and cert.clause == "4.A"
    assert cert.figures() == {
        "price_before": P1,
        "price_after": P1,  # 4.A changes what is delivered, not the price
        "shares_before": shares(P1),
        "shares_after": shares(P1),
    }
    (item,) = cert.delivers
    # half a Spinco share for each of the 16,000,000/157 shares receivable
    assert item.per_warrant == (("W-1", F(1, 2) * F(16_000_000, 157)),)
    stated = warrant.loads_certificate(
        '[certificate]\nevent = "spin"\n[certificate.figures]\n'
        'price_after = "1.9036"\nfmv = "1.00"\n'
    )
    result = warrant.verify(scenario, stated)
    assert result.agrees and result.not_applicable == ("fmv",)
    assert result.missing == ("price_before", "shares_before", "shares_after")
