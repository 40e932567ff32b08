"""4.C(3) for Convertible Securities and 4.C(4) for options on them: what the register keeps
of the grant (its kind, expiry and carve-out class) and the note on the adjustment.

The FMV is $1.00 on every date; expected figures are worked by hand with Fractions.
"""

from __future__ import annotations

from fractions import Fraction

from engine_helpers import P0, D, new_ledger
from warrant.register.events import ConvertibleIssuance, OptionOnConvertible
from warrant.register.state import GrantKind

GRANT_DAY = D(2002, 7, 1)
EXPIRES = D(2003, 7, 1)


def test_4c3_a_convertible_issue_is_registered_with_its_expiry_and_noted_as_on_conversion() -> None:
    ledger = new_ledger()
    ledger.apply(
        ConvertibleIssuance(
            date=GRANT_DAY, id="cv", max_shares=1_000_000, min_conversion_payment=200_000,
            consideration=500_000, expires=EXPIRES,
        )
    )
    # 500,000 received + 200,000 to convert, for 1,000,000 shares: 0.70 < FMV 1.00
    assert ledger.price == P0 * Fraction(7_700_000, 8_000_000)
    (adjustment,) = ledger.adjustments
    assert adjustment.note == "deemed issue of the maximum shares issuable on conversion"
    grant = ledger.grants["cv"]
    assert grant.kind is GrantKind.CONVERTIBLE
    assert grant.expires == EXPIRES
    assert grant.in_carve_out_class is False
    assert grant.exercise_price == Fraction(200_000, 1_000_000)


def test_4c4_options_on_convertibles_are_registered_with_their_kind_and_expiry() -> None:
    ledger = new_ledger()
    ledger.apply(
        OptionOnConvertible(
            date=GRANT_DAY, id="oc", max_shares=1_000_000, min_exercise_payment=300_000,
            min_conversion_payment=100_000, consideration=50_000, expires=EXPIRES,
        )
    )
    # 50,000 + 300,000 + 100,000 = 450,000 for 1,000,000 shares: 0.45 < FMV 1.00
    assert ledger.price == P0 * Fraction(7_450_000, 8_000_000)
    (adjustment,) = ledger.adjustments
    assert adjustment.note == (
        "deemed issue of the maximum shares issuable on converting all the convertibles the "
        "options cover"
    )
    grant = ledger.grants["oc"]
    assert grant.kind is GrantKind.OPTION_ON_CONVERTIBLE
    assert grant.expires == EXPIRES
    assert grant.in_carve_out_class is False
    # minimum exercise and conversion payments per share: 400,000 / 1,000,000
    assert grant.exercise_price == Fraction(2, 5)
