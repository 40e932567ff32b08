"""4.C(3) for Convertible Securities and 4.C(4) for options to buy them (SPEC §4.3).

Every expected figure is worked by hand with Fractions: ``P' = P × (A + B) / (A + C)``
with ``A`` the shares outstanding before (issued plus deemed, the default reading),
``B`` the consideration ÷ the Current FMV and ``C`` the Additional Shares.  The FMV is
$1.00 on every date unless a test uses ``varied_prices()`` (FMV $1.30 on 2002-09-16).
"""

from __future__ import annotations

from fractions import Fraction

from engine_helpers import (
    FACE,
    P0,
    VARIED_DAY,
    D,
    new_ledger,
    varied_prices,
)
from warrant.register.events import (
    ConvertibleIssuance,
    Exercise,
    Expiry,
    OptionOnConvertible,
)
from warrant.register.records import Outcome

GRANT_DAY = D(2002, 7, 1)
MIDDLE = D(2002, 8, 1)


LAPSE_DAY = D(2003, 1, 2)
EXPIRES = D(2003, 7, 1)


#: FMV on VARIED_DAY under varied_prices(): (1.10 + 1.20 + 1.30 + 1.40 + 1.50) / 5
FMV_VARIED = Fraction("1.30")


def convertible(**overrides):
    """1,000,000 shares on conversion; $200,000 still payable to convert; $500,000 received."""
    fields = dict(
        date=GRANT_DAY, id="cv", max_shares=1_000_000, min_conversion_payment=200_000,
        consideration=500_000, expires=EXPIRES,
    )
    fields.update(overrides)
    return ConvertibleIssuance(**fields)


def test_4c3_convertible_issued_below_fmv_is_a_deemed_issue_of_the_maximum_shares():
    ledger = new_ledger()
    determination = ledger.apply(convertible())
    assert determination.outcome is Outcome.ADJUSTED
    assert determination.clause == "4.C(3)"
    # consideration 500,000 + 200,000 = 700,000 for 1,000,000 shares: Effective Price 0.70
    # A 7,000,000, B 700,000, C 1,000,000
    expected = P0 * Fraction(7_700_000, 8_000_000)
    assert expected == Fraction("1.86725")
    assert ledger.price == expected
    assert ledger.shares(FACE) == FACE * P0 / expected
    adjustment = ledger.adjustments[-1]
    assert adjustment.clause == "4.C(3)"
    assert adjustment.consideration.for_rights == 500_000
    assert adjustment.consideration.minimum_exercise_payments == 200_000
    assert adjustment.consideration.total == 700_000
    assert adjustment.effective_price == Fraction("0.70")
    assert adjustment.additional_shares == 1_000_000
    assert adjustment.outstanding_before == 7_000_000
    assert adjustment.bought_at_fmv == 700_000
    assert ledger.outstanding.issued == 7_000_000
    assert ledger.outstanding.deemed == 1_000_000


def test_4c3_convertible_at_or_above_fmv_adjusts_nothing():
    ledger = new_ledger()
    # 800,000 + 200,000 = 1,000,000 for 1,000,000 shares: 1.00, not below the FMV 1.00
    determination = ledger.apply(convertible(consideration=800_000))
    assert determination.outcome is Outcome.NOT_BELOW_FMV
    assert ledger.price == P0
    assert ledger.adjustments == ()
    assert ledger.outstanding.deemed == 0


def test_4c3_conversion_adjusts_nothing_and_moves_deemed_to_issued():
    ledger = new_ledger()
    ledger.apply(convertible())
    price = ledger.price
    determination = ledger.apply(Exercise(date=MIDDLE, of="cv", shares=400_000))
    assert determination.outcome is Outcome.NO_FURTHER_ADJUSTMENT
    assert determination.clause == "4.C(3)"
    assert determination.adjustments == ()
    assert len(ledger.adjustments) == 1
    assert ledger.price == price
    assert ledger.outstanding.issued == 7_400_000
    assert ledger.outstanding.deemed == 600_000
    assert ledger.outstanding.basis == 8_000_000
    # 400,000 converted paying the minimum 0.20 each
    assert ledger.grants["cv"].other.payments == 80_000


def test_4c3_expiry_of_the_whole_conversion_privilege_readjusts_to_no_adjustment():
    ledger = new_ledger()
    ledger.apply(convertible())
    determination = ledger.apply(Expiry(date=LAPSE_DAY, of="cv"))
    assert determination.outcome is Outcome.READJUSTED
    assert determination.clause == "4.C(3)"
    # nothing converted: no Additional Shares, so no adjustment would have been made
    assert ledger.price == P0
    assert ledger.outstanding.deemed == 0
    readjustment = ledger.adjustments[-1]
    assert readjustment.readjustment is True
    assert readjustment.readjusts == 0
    assert readjustment.price_before == P0 * Fraction(7_700_000, 8_000_000)
    assert readjustment.price_after == P0


def test_4c3_expiry_after_a_partial_conversion_readjusts_on_the_shares_converted():
    # nothing received for the securities, so what belongs to the converted ones is 0
    # under any reading: 400,000 converted for 400,000 × 0.20 = 80,000
    ledger = new_ledger()
    ledger.apply(convertible(consideration=0))
    assert ledger.price == P0 * Fraction(7_200_000, 8_000_000)
    ledger.apply(Exercise(date=MIDDLE, of="cv", shares=400_000))
    ledger.apply(Expiry(date=LAPSE_DAY, of="cv"))
    # A 7,000,000, B 80,000, C 400,000
    assert ledger.price == P0 * Fraction(7_080_000, 7_400_000)
    assert ledger.outstanding.issued == 7_400_000
    assert ledger.outstanding.deemed == 0


def test_4c3_convertible_readjustment_counts_only_the_consideration_of_the_converted_securities():
    ledger = new_ledger()
    ledger.apply(convertible())  # 500,000 received for securities convertible into 1,000,000
    ledger.apply(Exercise(date=MIDDLE, of="cv", shares=400_000))  # pays 80,000
    ledger.apply(Expiry(date=LAPSE_DAY, of="cv"))
    # the converted securities' share of the 500,000: 500,000 × 400,000 / 1,000,000 = 200,000
    # basis: 400,000 shares for 80,000 + 200,000 = 280,000 (0.70 < 1.00)
    # A 7,000,000, B 280,000, C 400,000
    assert ledger.price == P0 * Fraction(7_280_000, 7_400_000)


def test_4c4_option_on_convertible_counts_both_layers():
    ledger = new_ledger()
    determination = ledger.apply(
        OptionOnConvertible(
            date=GRANT_DAY, id="oc", max_shares=1_000_000, min_exercise_payment=300_000,
            min_conversion_payment=100_000, consideration=50_000, expires=EXPIRES,
        )
    )
    assert determination.outcome is Outcome.ADJUSTED
    assert determination.clause == "4.C(4)"
    # 50,000 for the options + 300,000 to exercise + 100,000 to convert = 450,000
    # for the 1,000,000 shares on conversion: Effective Price 0.45
    # A 7,000,000, B 450,000, C 1,000,000
    expected = P0 * Fraction(7_450_000, 8_000_000)
    assert ledger.price == expected
    adjustment = ledger.adjustments[-1]
    assert adjustment.clause == "4.C(4)"
    assert adjustment.consideration.total == 450_000
    assert adjustment.consideration.for_rights == 50_000
    assert adjustment.effective_price == Fraction("0.45")
    assert adjustment.additional_shares == 1_000_000
    assert ledger.outstanding.deemed == 1_000_000


def test_4c4_option_on_convertible_takes_the_fmv_of_its_day():
    ledger = new_ledger(prices=varied_prices())
    ledger.apply(
        OptionOnConvertible(
            date=VARIED_DAY, id="oc", max_shares=1_000_000, min_exercise_payment=700_000,
            min_conversion_payment=400_000, expires=EXPIRES,
        )
    )
    # 1,100,000 for 1,000,000 shares: 1.10 < 1.30; B = 1,100,000 / 1.30 = 11,000,000/13
    assert ledger.price == P0 * (7_000_000 + Fraction(11_000_000, 13)) / 8_000_000
    assert ledger.adjustments[-1].fmv.value == FMV_VARIED


def test_4c4_expiry_readjusts_mutatis_mutandis():
    ledger = new_ledger()
    ledger.apply(
        OptionOnConvertible(
            date=GRANT_DAY, id="oc", max_shares=1_000_000, min_exercise_payment=300_000,
            min_conversion_payment=100_000, expires=EXPIRES,
        )
    )
    assert ledger.price == P0 * Fraction(7_400_000, 8_000_000)
    ledger.apply(Expiry(date=LAPSE_DAY, of="oc"))
    assert ledger.price == P0
    assert ledger.outstanding.deemed == 0
