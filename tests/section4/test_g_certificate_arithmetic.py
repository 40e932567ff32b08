"""4.G: the arithmetic a certificate writes out, line by line, for each kind of adjustment,
and the certificate of a 4.A/4.B change of what the warrant delivers.

The SPEC §14 example, every close $1.00 (FMV 1), worked by hand:
  sale:       P1 = 1.94 × (7,000,000 + 850,000) / (7,000,000 + 1,000,000) = 1.903625
              S1 = 100,000 × 1.94 / 1.903625 = 16,000,000/157 ≈ 101,910.8280254777
  grant:      P2 = P1 × (8,000,000 + 260,000) / (8,000,000 + 500,000) = 6,289,577/3,400,000
              S2 = 100,000 × 1.94 / P2 = 6,800,000,000/64,841 ≈ 104,871.9174596320
  lapse:      back to P1; the factor is P1 / P2 = 425/413 ≈ 1.0290556901
  dividend:   800,000 on 8,000,000: P1 × 8,000,000 / 8,800,000 = 15,229/8,800 ≈ 1.7305681818
              S = 100,000 × 1.94 / that = 17,600,000/157 ≈ 112,101.9108280255
  2-for-1:    15,229/17,600 ≈ 0.8652840909; S = 35,200,000/157 ≈ 224,203.8216560510
A number with a ``/`` stands in parentheses inside a formula.
"""

from __future__ import annotations

import datetime as dt
from fractions import Fraction as F
from pathlib import Path

import pytest

import certificate_helpers as helpers
import warrant
from warrant.register.records import EventRef
from warrant.section4.g_certificates import CertificateKind, Delivered, certificate_of_delivery

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "examples" / "section-14.toml"

P0 = F("1.94")
P1 = P0 * (F(7_000_000) + F(850_000)) / F(8_000_000)
S1 = F(100_000) * P0 / P1

S1_TEXT = "(16000000/157 (≈101910.8280254777))"
P2_TEXT = "(6289577/3400000 (≈1.8498755882))"
S2_TEXT = "(6800000000/64841 (≈104871.9174596320))"
PD_TEXT = "(15229/8800 (≈1.7305681818))"
SD_TEXT = "(17600000/157 (≈112101.9108280255))"


@pytest.fixture(scope="module")
def section_14() -> warrant.Scenario:
    return warrant.load_scenario(EXAMPLE)


@pytest.fixture(scope="module")
def dividend_and_split() -> warrant.Scenario:
    text = EXAMPLE.read_text(encoding="utf-8") + (
        '\n[[event]]\ntype = "stock-dividend"\nid = "div"\ndate = 2003-07-15\nshares = 800000\n'
        '\n[[event]]\ntype = "stock-split"\nid = "split"\ndate = 2003-08-01\nratio = 2\n'
    )
    return warrant.loads_scenario(text, base=EXAMPLE.parent)


def test_4g_4C1_sale_arithmetic(section_14: warrant.Scenario) -> None:
    cert = warrant.certificate(section_14, adjustment=0)
    assert F("1.903625") == P1 and F(16_000_000, 157) == S1
    assert cert.arithmetic == (
        "B = consideration / Current FMV = 850000 / 1 = 850000",
        "Effective Price = consideration / C = 850000 / 1000000 = 0.85, below the Current FMV 1",
        "P' = P × (A + B) / (A + C) = 1.94 × (7000000 + 850000) / (7000000 + 1000000) "
        "= 1.903625 (4.C(1))",
        f"S' = S × P / P' = 100000 × 1.94 / 1.903625 = {S1_TEXT} (warrant W-1; S × P unchanged)",
    )


def test_4g_4C3_deemed_issue_arithmetic(section_14: warrant.Scenario) -> None:
    cert = warrant.certificate(section_14, adjustment=1)
    p2 = P1 * F(8_260_000) / F(8_500_000)
    assert p2 == F(6_289_577, 3_400_000)
    assert F(100_000) * P0 / p2 == F(6_800_000_000, 64_841)
    assert cert.arithmetic == (
        "B = consideration / Current FMV = 260000 / 1 = 260000",
        "Effective Price = consideration / C = 260000 / 500000 = 0.52, below the Current FMV 1",
        "P' = P × (A + B) / (A + C) = 1.903625 × (8000000 + 260000) / (8000000 + 500000) "
        f"= {P2_TEXT} (4.C(3))",
        f"S' = S × P / P' = {S1_TEXT} × 1.903625 / {P2_TEXT} = {S2_TEXT} "
        "(warrant W-1; S × P unchanged)",
    )


def test_4g_4C3_readjustment_arithmetic_states_the_note_and_the_factor(
    section_14: warrant.Scenario,
) -> None:
    cert = warrant.certificate(section_14, adjustment=2)
    assert cert.kind is CertificateKind.READJUSTMENT
    p2 = P1 * F(8_260_000) / F(8_500_000)
    assert P1 / p2 == F(425, 413)
    assert cert.note.startswith("readjustment of adjustment 1")
    assert cert.arithmetic == (
        cert.note,
        f"P' = P × (425/413 (≈1.0290556901)) = {P2_TEXT} × (425/413 (≈1.0290556901)) = 1.903625",
        f"S' = S × P / P' = {S2_TEXT} × {P2_TEXT} / 1.903625 = {S1_TEXT} "
        "(warrant W-1; S × P unchanged)",
    )


def test_4g_4D_stock_dividend_arithmetic(dividend_and_split: warrant.Scenario) -> None:
    cert = warrant.certificate(dividend_and_split, event="div")
    assert F(15_229, 8_800) == P1 * 8_000_000 / 8_800_000
    assert cert.arithmetic == (
        f"P' = P × N / (N + D) = 1.903625 × 8000000 / 8800000 = {PD_TEXT} (4.D)",
        f"S' = S × P / P' = {S1_TEXT} × 1.903625 / {PD_TEXT} = {SD_TEXT} "
        "(warrant W-1; S × P unchanged)",
    )


def test_4g_4E_split_arithmetic(dividend_and_split: warrant.Scenario) -> None:
    cert = warrant.certificate(dividend_and_split, event="split")
    assert cert.kind is CertificateKind.SPLIT
    # r = shares after / shares before = 17,600,000 / 8,800,000 = 2
    assert cert.figures()["outstanding_after"] / cert.figures()["outstanding_before"] == 2
    assert cert.arithmetic == (
        f"P' = P / r = {PD_TEXT} / 2 = (15229/17600 (≈0.8652840909)) (4.E)",
        f"S' = S × P / P' = {SD_TEXT} × {PD_TEXT} / (15229/17600 (≈0.8652840909)) = "
        "(35200000/157 (≈224203.8216560510)) (warrant W-1; S × P unchanged)",
    )


def distribution_events() -> str:
    return helpers.SALE + (
        '\n[[event]]\ntype = "distribution"\nid = "spin"\ndate = 2002-09-03\n'
        'kind = "Spinco common"\nper_share = "0.5"\n'
    )


def test_4g_4A_certificate_of_delivery(tmp_path: Path) -> None:
    scenario = helpers.scenario(tmp_path, distribution_events())
    cert = warrant.certificate(scenario, event="spin")
    determination = warrant.replay(scenario).ledger.determinations[1]
    assert cert.kind is CertificateKind.DELIVERY
    assert (cert.issuer, cert.terms) == (scenario.terms.issuer, "alpha-2002")
    assert cert.issuer == "Alpha Technologies Group, Inc."
    assert cert.event == EventRef(index=1, type="distribution", id="spin")
    assert cert.date == dt.date(2002, 9, 3)
    assert cert.readjustment is False and cert.readjusts is None
    assert cert.reading == scenario.reading
    assert cert.note == " ".join(determination.reasons) != ""
    assert len(cert.facts_digest) == 64 and int(cert.facts_digest, 16) >= 0
    (shares,) = cert.warrants
    assert (shares.warrant, shares.face_shares, shares.before, shares.after) == (
        "W-1",
        F(100_000),
        S1,
        S1,
    )
    # half a Spinco share for each of the 16,000,000/157 shares receivable
    assert cert.delivers == (Delivered("Spinco common", F(1, 2), (("W-1", S1 / 2),)),)
    assert cert.arithmetic == (
        "Exercise Price unchanged: 1.903625 (4.A)",
        "Spinco common for warrant W-1: 0.5 per share × 16000000/157 (≈101910.8280254777) "
        "shares = 8000000/157 (≈50955.4140127389)",
    )
    data = warrant.certificate_json(cert)["certificate"]
    assert isinstance(data, dict) and data["readjustment"] is False


def test_4g_4B_certificate_states_a_part_of_the_basket_that_is_nothing(tmp_path: Path) -> None:
    merger = (
        '[[event]]\ntype = "reorganization"\nid = "merger"\ndate = 2002-09-03\n'
        'basket = {cash = "2.00", "Acquirer common" = "0"}\n'
    )
    scenario = helpers.scenario(tmp_path, helpers.SALE + "\n" + merger)
    cert = warrant.certificate(scenario, event="merger")
    assert cert.clause == "4.B"
    # $2.00 for each of the 16,000,000/157 shares receivable: 32,000,000/157
    assert cert.delivers == (
        Delivered("cash", F(2), (("W-1", 2 * S1),)),
        Delivered("Acquirer common", F(0), (("W-1", F(0)),)),
    )
    assert cert.arithmetic == (
        "Exercise Price unchanged: 1.903625 (4.B)",
        "cash for warrant W-1: 2 per share × 16000000/157 (≈101910.8280254777) shares = "
        "32000000/157 (≈203821.6560509554)",
        "Acquirer common for warrant W-1: 0",
    )


def test_4g_certificate_of_delivery_has_no_note_unless_given() -> None:
    cert = certificate_of_delivery(
        event=EventRef(index=0, type="distribution", id="spin"),
        clause="4.A",
        date=dt.date(2002, 9, 3),
        price=F("1.94"),
        basket=[("Spinco common", F(1, 4))],
        shares_per_face_share=F(1),
        issuer="Issuer",
        terms="alpha-2002",
        initial_price=F("1.94"),
        reading=warrant.Reading(),
        warrants=[("W-1", F(100_000))],
        facts_digest="",
    )
    assert cert.note == ""
    # a quarter share for each of the 100,000 shares on the warrant's face
    assert cert.delivers == (Delivered("Spinco common", F(1, 4), (("W-1", F(25_000)),)),)
    assert cert.arithmetic == (
        "Exercise Price unchanged: 1.94 (4.A)",
        "Spinco common for warrant W-1: 0.25 per share × 100000 shares = 25000",
    )
