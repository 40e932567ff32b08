"""Verifying a certificate (4.G) as counsel types it from the paper.

The SPEC §14 figures and every other expected value are worked out by hand here
with Fractions; the library is only asked for its verdict.
"""

from __future__ import annotations

import json
from fractions import Fraction
from pathlib import Path

import pytest

import certificate_helpers as helpers
import warrant
from warrant.instrument.readings import OutstandingBasis

F = Fraction

# -- SPEC §14 by hand ------------------------------------------------------------------------
P0, S0 = F("1.94"), F(100_000)
P1 = P0 * (F(7_000_000) + F(850_000)) / F(8_000_000)  # the sale: 1.903625
P2 = P1 * (F(8_000_000) + F(260_000)) / F(8_500_000)  # the deemed issue
S1, S2 = S0 * P0 / P1, S0 * P0 / P2


def paper(figures: dict[str, str], **head: object) -> warrant.StatedCertificate:
    """A certificate file's text, as counsel types it, read back."""
    lines = ["[certificate]"]
    for key, value in head.items():
        lines.append(f"{key} = {json.dumps(value) if isinstance(value, str) else value}")
    lines.append("[certificate.figures]")
    lines += [f'{name} = "{text}"' for name, text in figures.items()]
    return warrant.loads_certificate("\n".join(lines))


@pytest.fixture(scope="module")
def section_14(tmp_path_factory: pytest.TempPathFactory) -> warrant.Scenario:
    return helpers.scenario(tmp_path_factory.mktemp("s14"))


def test_4G_hand_figures_are_the_spec_figures() -> None:
    assert F("1.903625") == P1 and F(16_000_000, 157) == S1
    assert F(6_289_577, 3_400_000) == P2


def test_4G_sale_certificate_as_typed_agrees(section_14: warrant.Scenario) -> None:
    stated = paper(
        {
            "consideration": "$850,000.00",
            "outstanding_before": "7,000,000",
            "outstanding_after": "8,000,000",
            "price_before": "$1.94",
            "price_after": "$1.9036",
            "shares_before": "100,000",
            "shares_after": "101,910.828",
        },
        event="sale-2002",
        clause="4.C(1)(b)",
    )
    result = warrant.verify(section_14, stated)
    assert result.agrees and result.missing == ()
    by_name = {check.figure: check for check in result.figures}
    assert by_name["price_after"].recomputed == P1
    assert by_name["price_after"].difference == P1 - F("1.9036")
    assert by_name["shares_after"].places == 3
    assert by_name["shares_after"].rounded == F("101910.828")
    assert result.clause is not None and result.clause.agrees  # 4.C(1)(b) is under 4.C(1)


def test_4G_deemed_issue_certificate_exact_figures(section_14: warrant.Scenario) -> None:
    stated = paper(
        {
            "consideration": "260,000",
            "price_before": "1.903625",
            "price_after": "6289577/3400000",
            "shares_after": "6800000000/64841",
            "effective_price": "0.52",
        },
        event="options-2002",
    )
    result = warrant.verify(section_14, stated)
    assert result.agrees
    assert F(6_800_000_000, 64_841) == S2
    check = next(c for c in result.figures if c.figure == "price_after")
    assert check.places is None and check.rounded == P2 and check.difference == 0
    assert set(result.missing) == {"outstanding_before", "outstanding_after", "shares_before"}


def test_4G_readjustment_certificate(section_14: warrant.Scenario) -> None:
    stated = paper(
        {"price_before": "1.8499", "price_after": "1.9036", "shares_after": "101,910.83"},
        adjustment=2,
        clause="4.C(3)",
    )
    result = warrant.verify(section_14, stated)
    assert result.agrees
    assert result.certificate.readjustment
    assert helpers.decimal_text(P2, 4) == "1.8499"  # 6289577/3400000 = 1.84987...


def test_4G_two_places_agree_and_a_cent_off_disagrees(section_14: warrant.Scenario) -> None:
    good = warrant.verify(section_14, paper({"price_after": "1.90"}, adjustment=0))
    assert good.agrees  # 1.903625 to 2 places is 1.90
    off = warrant.verify(section_14, paper({"price_after": "1.91"}, adjustment=0))
    assert not off.agrees and off.disagreeing == ("price_after",)
    (check,) = off.figures
    assert check.places == 2 and check.rounded == F("1.90")
    assert check.difference == P1 - F("1.91") == F("-0.006375")
    cent = warrant.verify(section_14, paper({"consideration": "$850,000.01"}, adjustment=0))
    assert cent.disagreeing == ("consideration",)
    assert cent.figures[0].difference == F("-0.01")


def test_4G_half_up_at_the_last_place(section_14: warrant.Scenario) -> None:
    # 1.903625 to 5 places: the 6th decimal is exactly 5, so half-up gives 1.90363
    assert warrant.verify(section_14, paper({"price_after": "1.90363"}, adjustment=0)).agrees
    assert not warrant.verify(section_14, paper({"price_after": "1.90362"}, adjustment=0)).agrees


def test_4G_a_p_over_q_figure_must_be_exact(section_14: warrant.Scenario) -> None:
    result = warrant.verify(section_14, paper({"shares_after": "16000001/157"}, adjustment=0))
    assert result.disagreeing == ("shares_after",)
    assert result.figures[0].difference == F(-1, 157)


def test_4G_wrong_clause_disagrees(section_14: warrant.Scenario) -> None:
    result = warrant.verify(
        section_14, paper({"price_after": "1.9036"}, adjustment=0, clause="4.D")
    )
    assert not result.agrees and result.disagreeing == ("clause",)


ISSUED_READING = 'outstanding_basis = "issued"'
SECOND_SALE = """[[event]]
type = "issuance"
id = "sale-2"
date = 2002-08-01
shares = 1000000
cash = 500000
"""


def test_4G_certificate_computed_under_issued_basis_is_identified(tmp_path: Path) -> None:
    events = helpers.SALE + "\n" + helpers.GRANT + "\n" + SECOND_SALE
    facts = helpers.scenario(tmp_path, events)  # default reading: A counts deemed shares
    # By hand: under the default A = 8,000,000 issued + 500,000 deemed; under "issued" A is
    # 8,000,000.  1,000,000 shares for $500,000 at an FMV of $1.00: B = 500,000.
    default_price = P2 * (F(8_500_000) + F(500_000)) / (F(8_500_000) + F(1_000_000))
    issued_price = P2 * (F(8_000_000) + F(500_000)) / (F(8_000_000) + F(1_000_000))
    assert helpers.decimal_text(default_price, 4) != helpers.decimal_text(issued_price, 4)
    stated = paper(
        {
            "outstanding_before": "8,000,000",
            "outstanding_after": "9,000,000",
            "price_before": "1.8499",
            "price_after": helpers.decimal_text(issued_price, 4),
        },
        event="sale-2",
    )
    result = warrant.verify(facts, stated)
    assert not result.agrees
    assert set(result.disagreeing) == {"outstanding_before", "outstanding_after", "price_after"}
    assert result.reproduced_by
    assert all(r.outstanding_basis is OutstandingBasis.ISSUED for r in result.reproduced_by)
    assert warrant.Reading(outstanding_basis=OutstandingBasis.ISSUED) in result.reproduced_by
    # the same certificate, produced by the library under that reading, names it
    produced = warrant.certificate_json(
        warrant.certificate(
            helpers.scenario(tmp_path, events, reading=ISSUED_READING), event="sale-2"
        )
    )
    again = warrant.loads_certificate(json.dumps(produced), kind="json")
    checked = warrant.verify(facts, again)
    assert not checked.agrees and checked.stated_reading_reproduces is True
    data = warrant.verification_json(checked)
    assert data["stated_reading_reproduces"] is True
    assert {"outstanding_basis": "issued"}.items() <= data["reproduced_by"][0].items()


def test_4D_stock_dividend_certificate(tmp_path: Path) -> None:
    dividend = (
        '[[event]]\ntype = "stock-dividend"\nid = "div"\ndate = 2003-07-15\nshares = 800000\n'
    )
    facts = helpers.scenario(tmp_path, helpers.SECTION_14 + "\n" + dividend)
    n, d = F(8_000_000), F(800_000)
    price = P1 * n / (n + d)  # 4.D: P × N / (N + D), after the readjustment back to P1
    stated = paper(
        {
            "outstanding_before": "8,000,000",
            "outstanding_after": "8,800,000",
            "additional_shares": "800,000",
            "price_before": "1.9036",
            "price_after": helpers.decimal_text(price, 4),
            "shares_before": "101,910.8280",
            "shares_after": helpers.decimal_text(S0 * P0 / price, 4),
            "fmv": "1.00",
        },
        event="div",
        clause="4.D",
    )
    result = warrant.verify(facts, stated)
    assert result.agrees
    assert result.not_applicable == ("fmv",)  # a 4.D dividend has no FMV
    assert result.missing == ()  # nor any consideration to state


def test_4G_tampered_facts_digest_disagrees(section_14: warrant.Scenario) -> None:
    produced = warrant.certificate_json(warrant.certificate(section_14, adjustment=0))
    head = produced["certificate"]
    assert isinstance(head, dict)
    digest = head["facts_digest"]
    head["facts_digest"] = ("0" if digest[0] != "0" else "1") + digest[1:]
    result = warrant.verify(
        section_14, warrant.loads_certificate(json.dumps(produced), kind="json")
    )
    assert all(check.agrees for check in result.figures)
    assert result.facts_digest is not None and not result.facts_digest.agrees
    assert not result.agrees and result.disagreeing == ("facts_digest",)


def test_4G_digest_of_other_facts_disagrees(tmp_path: Path, section_14: warrant.Scenario) -> None:
    other = helpers.scenario(
        tmp_path, helpers.SECTION_14.replace("expenses = 50000", "expenses = 50000\nproperty = 0")
    )
    produced = warrant.certificate_json(warrant.certificate(section_14, adjustment=0))
    stated = warrant.loads_certificate(json.dumps(produced), kind="json")
    assert warrant.verify(other, stated).agrees  # a default written out is the same fact
    moved = helpers.scenario(tmp_path, helpers.SECTION_14.replace("2003-06-30", "2003-06-27"))
    later = warrant.loads_certificate(
        json.dumps(warrant.certificate_json(warrant.certificate(section_14, adjustment=2))),
        kind="json",
    )
    result = warrant.verify(moved, later)
    assert result.facts_digest is not None and not result.facts_digest.agrees


def test_4G_a_certificate_stating_nothing_lists_what_is_missing(
    section_14: warrant.Scenario,
) -> None:
    result = warrant.verify(section_14, paper({}, adjustment=0))
    assert result.agrees and result.figures == ()
    assert result.missing == (
        "consideration",
        "outstanding_before",
        "outstanding_after",
        "price_before",
        "price_after",
        "shares_before",
        "shares_after",
    )


SERIES_HEAD = """[warrant]
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


def test_4G_series_certificate_names_its_warrant(tmp_path: Path) -> None:
    helpers.flat_csv(str(tmp_path))
    facts = warrant.loads_scenario(SERIES_HEAD + helpers.SALE, base=tmp_path)
    cert = warrant.certificate(facts, adjustment=0, warrant="W-2")
    second = F(40_000) * P0 / P1  # S × P / P' for the 40,000-share warrant
    assert cert.figures("W-2")["shares_after"] == second == F(6_400_000, 157)
    everyone = warrant.certificate(facts, adjustment=0)
    assert [w.warrant for w in everyone.warrants] == ["W-1", "W-2"]
    assert "shares_after" not in everyone.figures()  # which warrant's? not said
    named = paper({"shares_after": "40,764.33"}, adjustment=0, warrant="W-2")
    assert warrant.verify(facts, named).agrees
    unnamed = paper({"shares_after": "40,764.33"}, adjustment=0)
    with pytest.raises(warrant.CertificateError, match="name the warrant"):
        warrant.verify(facts, unnamed)
    with pytest.raises(warrant.CertificateError, match="W-9"):
        warrant.verify(facts, paper({}, adjustment=0, warrant="W-9"))
    assert warrant.verify(facts, paper({"price_after": "1.9036"}, adjustment=0)).agrees
