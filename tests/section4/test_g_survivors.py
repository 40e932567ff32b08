"""4.G: a certificate of adjustment names its issuer and the shares before and after."""

from __future__ import annotations

from fractions import Fraction

from engine_helpers import FACE, P0, new_ledger, spec_first_issue
from warrant.section4.g_certificates import certificate_of_adjustment


def test_4g_certificate_names_the_issuer_given():
    ledger = new_ledger()
    ledger.apply(spec_first_issue())
    (adjustment,) = ledger.adjustments
    cert = certificate_of_adjustment(
        adjustment, issuer="Acme Holdings", terms="alpha-2002", initial_price=P0,
        warrants=[("W-1", Fraction(FACE))], facts_digest="",
    )
    assert cert.issuer == "Acme Holdings"
    assert cert.terms == "alpha-2002"
    # 100,000 × 1.94 / 1.903625 = 16,000,000 / 157
    (shares,) = cert.warrants
    assert shares.before == FACE
    assert shares.after == Fraction(16_000_000, 157)
