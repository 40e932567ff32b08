"""4.C(3): rights and options as deemed issues, their exercise, and readjustment on expiry.

Every expected figure is worked by hand with Fractions (SPEC §4.3, §11
invariants 5 and 6).  The FMV is $1.00 on every date unless a test builds its
own prices.
"""

from __future__ import annotations

from fractions import Fraction

import pytest

from engine_helpers import (
    COMMON,
    FACE,
    P0,
    VARIED_DAY,
    D,
    new_ledger,
    price_history,
    spec_first_issue,
    varied_prices,
)
from warrant.instrument.readings import OutstandingBasis, Reading, ReadjustOn
from warrant.register.events import Cancellation, Exercise, Expiry, Issuance, OptionGrant
from warrant.register.records import Outcome

FIRST_ISSUE = D(2002, 6, 3)
GRANT_DAY = D(2002, 7, 1)
MIDDLE = D(2002, 8, 1)
LAPSE_DAY = D(2003, 1, 2)
GRANT_EXPIRES = D(2003, 7, 1)

#: after SPEC §14's first issue: 1.94 × 7,850,000 / 8,000,000
P1 = Fraction("1.903625")
#: SPEC §14's second step, by hand: consideration 500,000 × 0.02 + 500,000 × 0.50
#: = 10,000 + 250,000 = 260,000 (Effective Price 0.52); A = 8,000,000; C = 500,000
P2 = P1 * Fraction(8_000_000 + 260_000, 8_000_000 + 500_000)


def spec_grant(day=GRANT_DAY, *, shares=500_000, price="0.50", consideration=10_000, gid="g"):
    """SPEC §14: 500,000 options outside the plans at $0.50, $0.02 paid per option."""
    return OptionGrant(
        date=day, id=gid, shares=shares, exercise_price=price,
        consideration=consideration, expires=GRANT_EXPIRES,
    )


def spec_ledger(reading=None):
    ledger = new_ledger(reading=reading)
    ledger.apply(spec_first_issue(FIRST_ISSUE))
    ledger.apply(spec_grant())
    return ledger


def test_4c3_spec_14_second_example():
    assert Fraction(500_000) * Fraction("0.02") == 10_000
    assert Fraction(6_289_577, 3_400_000) == P2
    ledger = new_ledger()
    ledger.apply(spec_first_issue(FIRST_ISSUE))
    determination = ledger.apply(spec_grant())
    assert determination.outcome is Outcome.ADJUSTED
    assert determination.clause == "4.C(3)"
    assert ledger.price == Fraction(6_289_577, 3_400_000)
    assert ledger.shares(FACE) == FACE * P0 / P2
    adjustment = ledger.adjustments[1]
    assert adjustment.clause == "4.C(3)"
    assert adjustment.price_before == P1
    assert adjustment.price_after == P2
    assert adjustment.consideration.for_rights == 10_000
    assert adjustment.consideration.minimum_exercise_payments == 250_000
    assert adjustment.consideration.total == 260_000
    assert adjustment.effective_price == Fraction("0.52")
    assert adjustment.additional_shares == 500_000
    assert adjustment.outstanding_before == 8_000_000
    assert adjustment.outstanding_after == 8_500_000
    assert adjustment.bought_at_fmv == 260_000
    # the maximum shares are deemed issued and outstanding
    assert ledger.outstanding.issued == 8_000_000
    assert ledger.outstanding.deemed == 500_000
    assert ledger.outstanding.basis == 8_500_000


@pytest.mark.parametrize("lapse", [Expiry, Cancellation], ids=["expiry", "cancellation"])
def test_4c3_all_expire_readjusts_to_the_spec_14_price(lapse):
    ledger = spec_ledger()
    determination = ledger.apply(lapse(date=LAPSE_DAY, of="g"))
    # readjusted basis: 0 shares for the 10,000 paid for the grant — no Effective Price
    # below FMV, so no adjustment would have been made: back to 1.903625 exactly
    assert ledger.price == Fraction("1.903625")
    assert ledger.shares(FACE) == Fraction(16_000_000, 157)
    assert determination.outcome is Outcome.READJUSTED
    assert determination.clause == "4.C(3)"
    original, readjustment = ledger.adjustments[1], ledger.adjustments[2]
    assert determination.adjustments == (readjustment.sequence,)
    assert readjustment.readjustment is True
    assert readjustment.clause == "4.C(3)"
    assert readjustment.readjusts == original.sequence
    assert readjustment.date == LAPSE_DAY
    assert readjustment.price_before == P2
    assert readjustment.price_after == P1
    assert readjustment.additional_shares == 0
    assert readjustment.consideration.total == 10_000
    assert ledger.outstanding.deemed == 0
    assert ledger.outstanding.issued == 8_000_000
    # the history keeps the interval during which the deemed issue stood
    assert ledger.price_on(GRANT_DAY) == P2
    assert ledger.price_on(D(2003, 1, 1)) == P2
    assert ledger.price_on(LAPSE_DAY) == P1


def test_4c3_partial_exercise_then_expiry_readjusts_on_the_shares_actually_issued():
    ledger = spec_ledger()
    exercised = ledger.apply(Exercise(date=MIDDLE, of="g", shares=200_000))
    assert exercised.outcome is Outcome.NO_FURTHER_ADJUSTMENT
    assert ledger.price == P2
    ledger.apply(Expiry(date=LAPSE_DAY, of="g"))
    # only the 200,000 exercised shares, for what was paid on exercise (200,000 × 0.50
    # = 100,000) plus everything paid for the grant (10,000): 110,000
    # A = 8,000,000 (the A of the original adjustment); B = 110,000; C = 200,000
    expected = P1 * Fraction(8_000_000 + 110_000, 8_000_000 + 200_000)
    assert expected == P1 * Fraction(811, 820)
    assert ledger.price == expected
    readjustment = ledger.adjustments[-1]
    assert readjustment.additional_shares == 200_000
    assert readjustment.bought_at_fmv == 110_000
    assert readjustment.consideration.cash == 100_000
    assert readjustment.consideration.for_rights == 10_000
    assert readjustment.outstanding_before == 8_000_000
    assert ledger.outstanding.issued == 8_200_000
    assert ledger.outstanding.deemed == 0


def test_4c3_each_expiry_reading_readjusts_a_partial_expiry_pro_rata():
    ledger = spec_ledger(Reading(readjust_on=ReadjustOn.EACH_EXPIRY))
    determination = ledger.apply(Expiry(date=LAPSE_DAY, of="g", shares=100_000))
    assert determination.outcome is Outcome.READJUSTED
    # kept: the 400,000 still outstanding, for 10,000 + 400,000 × 0.50 = 210,000
    expected = P1 * Fraction(8_000_000 + 210_000, 8_000_000 + 400_000)
    assert ledger.price == expected
    assert ledger.outstanding.deemed == 400_000


def test_4c3_final_expiry_reading_waits_for_the_last_rights():
    ledger = spec_ledger(Reading(readjust_on=ReadjustOn.FINAL_EXPIRY))
    determination = ledger.apply(Expiry(date=LAPSE_DAY, of="g", shares=100_000))
    assert determination.outcome is Outcome.NO_FURTHER_ADJUSTMENT
    assert determination.adjustments == ()
    assert ledger.price == P2
    assert len(ledger.adjustments) == 2
    last = ledger.apply(Expiry(date=D(2003, 7, 1), of="g"))
    assert last.outcome is Outcome.READJUSTED
    assert ledger.price == P1
    assert ledger.outstanding.deemed == 0


def test_4c3_final_expiry_reading_readjusts_when_the_last_rights_are_exercised():
    ledger = spec_ledger(Reading(readjust_on=ReadjustOn.FINAL_EXPIRY))
    ledger.apply(Expiry(date=LAPSE_DAY, of="g", shares=100_000))
    assert ledger.price == P2
    determination = ledger.apply(Exercise(date=D(2003, 2, 3), of="g", shares=400_000))
    assert determination.outcome is Outcome.READJUSTED
    # 400,000 issued for 400,000 × 0.50 = 200,000, plus the 10,000 for the grant
    assert ledger.price == P1 * Fraction(8_000_000 + 210_000, 8_000_000 + 400_000)
    assert ledger.outstanding.issued == 8_400_000
    assert ledger.outstanding.deemed == 0


def test_4c3_the_readjusted_factor_is_never_above_one():
    # the grant cost 200,000 for the rights: Effective Price (200,000 + 250,000) / 500,000 = 0.90
    ledger = new_ledger()
    ledger.apply(spec_grant(consideration=200_000))
    assert ledger.price == P0 * Fraction(7_000_000 + 450_000, 7_000_000 + 500_000)
    ledger.apply(Exercise(date=MIDDLE, of="g", shares=100_000))
    ledger.apply(Expiry(date=LAPSE_DAY, of="g"))
    # new basis: 100,000 shares for 50,000 + 200,000 = 250,000, i.e. 2.50 each ≥ FMV 1.00:
    # no adjustment would have been made — the factor is 1, so the price is back to 1.94
    # (the formula alone would give 1.94 × 7,250,000 / 7,100,000 > 1.94)
    assert ledger.price == P0


def test_4c3_exercise_of_deemed_options_moves_shares_from_deemed_to_issued():
    ledger = spec_ledger()
    determination = ledger.apply(Exercise(date=MIDDLE, of="g", shares=200_000))
    assert determination.outcome is Outcome.NO_FURTHER_ADJUSTMENT
    assert determination.clause == "4.C(3)"
    assert determination.adjustments == ()
    assert len(ledger.adjustments) == 2
    assert ledger.price == P2
    assert ledger.outstanding.issued == 8_200_000
    assert ledger.outstanding.deemed == 300_000
    assert ledger.outstanding.basis == 8_500_000  # nothing counted twice


def test_4c3_options_at_or_above_fmv_are_tested_once_only():
    # FMV 1.00 until the end of January 2003, 3.00 from February on
    prices = price_history(after={D(2003, 2, 1): "3.00"})
    ledger = new_ledger(prices=prices)
    granted = ledger.apply(spec_grant(price="1.00", consideration=0))
    assert granted.outcome is Outcome.NOT_BELOW_FMV
    assert ledger.price == P0
    assert ledger.outstanding.deemed == 0
    assert ledger.position.undeemed_options == 500_000
    # exercised at 1.00 when the FMV is 3.00: not tested again
    exercised = ledger.apply(Exercise(date=D(2003, 3, 3), of="g", shares=500_000))
    assert exercised.outcome is Outcome.NO_FURTHER_ADJUSTMENT
    assert exercised.adjustments == ()
    assert ledger.adjustments == ()
    assert ledger.price == P0
    assert ledger.outstanding.issued == COMMON + 500_000
    assert ledger.position.undeemed_options == 0


def test_4c3_expiry_of_options_never_deemed_issued_changes_nothing():
    ledger = new_ledger()
    ledger.apply(spec_grant(price="1.00", consideration=0))
    determination = ledger.apply(Expiry(date=LAPSE_DAY, of="g"))
    assert determination.outcome is Outcome.NO_FURTHER_ADJUSTMENT
    assert ledger.adjustments == ()
    assert ledger.price == P0
    assert ledger.position.undeemed_options == 0


def test_4c3_deemed_issue_then_full_exercise_equals_a_direct_issue():
    """Invariant 5: 500,000 options at 0.50 with 10,000 paid, all exercised, end where
    an issue of 500,000 shares for 260,000 on the grant date would have."""
    deemed = new_ledger()
    deemed.apply(spec_grant())
    deemed.apply(Exercise(date=MIDDLE, of="g", shares=500_000))
    # direct: A 7,000,000, B 260,000, C 500,000
    expected = P0 * Fraction(7_260_000, 7_500_000)
    assert deemed.price == expected
    assert deemed.outstanding.issued == 7_500_000
    assert deemed.outstanding.deemed == 0
    direct = new_ledger()
    direct.apply(Issuance(date=GRANT_DAY, shares=500_000, cash=260_000))
    assert direct.price == expected


# Invariant 6, with a below-FMV issue in between (FMV 1.30 on VARIED_DAY, 2002-09-16).
# The issue: 1,000,000 shares for $1,000,000: B = 1,000,000 / 1.30 = 10,000,000/13.
ISSUE_B = Fraction(1_000_000) / Fraction("1.30")


@pytest.mark.parametrize("basis", list(OutstandingBasis), ids=[b.value for b in OutstandingBasis])
def test_4c3_expired_grant_with_an_issue_in_between_lands_on_the_path_without_it(basis):
    ledger = new_ledger(prices=varied_prices(), reading=Reading(outstanding_basis=basis))
    # 500,000 options at 0.50, nothing paid for them, FMV 1.00: B = 250,000, C = 500,000
    ledger.apply(spec_grant(consideration=0))
    ledger.apply(Issuance(date=VARIED_DAY, shares=1_000_000, cash=1_000_000))
    with_grant = P0 * Fraction(7_000_000 + 250_000, 7_500_000)
    # under "issued" the 500,000 deemed shares are not in A; otherwise they are
    # (and there are no other options for "fully-diluted" to add)
    a_issue = Fraction(7_000_000 if basis is OutstandingBasis.ISSUED else 7_500_000)
    assert ledger.adjustments[1].outstanding_before == a_issue
    assert ledger.price == with_grant * (a_issue + ISSUE_B) / (a_issue + 1_000_000)
    ledger.apply(Expiry(date=LAPSE_DAY, of="g"))
    # the path that never had the grant: one issue with A = 7,000,000
    without_grant = P0 * (7_000_000 + ISSUE_B) / (7_000_000 + 1_000_000)
    assert ledger.price == without_grant
    assert ledger.shares(FACE) == FACE * P0 / without_grant
    assert ledger.outstanding.basis == 8_000_000
    never = new_ledger(prices=varied_prices(), reading=Reading(outstanding_basis=basis))
    never.apply(Issuance(date=VARIED_DAY, shares=1_000_000, cash=1_000_000))
    assert never.price == ledger.price


def test_4c3_readjustment_recomputes_a_later_issue_after_a_partial_exercise():
    ledger = new_ledger(prices=varied_prices())
    ledger.apply(spec_grant())  # 2002-07-01: A 7,000,000, B 260,000, C 500,000
    ledger.apply(Exercise(date=MIDDLE, of="g", shares=200_000))  # pays 100,000
    ledger.apply(Issuance(date=VARIED_DAY, shares=1_000_000, cash=1_000_000))
    # before the expiry the issue's A is 7,000,000 issued + 200,000 issued on exercise
    # + 300,000 still deemed = 7,500,000
    assert ledger.adjustments[1].outstanding_before == 7_500_000
    ledger.apply(Expiry(date=LAPSE_DAY, of="g"))
    # readjusted grant: 200,000 shares for 100,000 + 10,000 = 110,000
    grant_factor = Fraction(7_000_000 + 110_000, 7_000_000 + 200_000)
    # the issue recomputed without the 300,000 lapsed deemed shares: A = 7,200,000
    issue_factor = (7_200_000 + ISSUE_B) / (7_200_000 + 1_000_000)
    assert ledger.price == P0 * grant_factor * issue_factor


def test_4c3_two_grants_expiring_in_either_order_restore_the_path_without_them():
    for order in (("g1", "g2"), ("g2", "g1")):
        ledger = new_ledger()
        ledger.apply(spec_grant(gid="g1", consideration=0))
        ledger.apply(
            spec_grant(D(2002, 7, 15), gid="g2", shares=300_000, price="0.25", consideration=0)
        )
        ledger.apply(Issuance(date=MIDDLE, shares=1_000_000, cash=850_000))
        for gid in order:
            ledger.apply(Expiry(date=LAPSE_DAY, of=gid))
        # without either grant: A 7,000,000, B 850,000, C 1,000,000
        assert ledger.price == P0 * Fraction(7_850_000, 8_000_000), order


@pytest.mark.parametrize("readjust_on", list(ReadjustOn), ids=[r.value for r in ReadjustOn])
def test_4c3_partial_expiries_around_a_later_issue_end_on_the_path_without_the_grant(readjust_on):
    ledger = new_ledger(prices=varied_prices(), reading=Reading(readjust_on=readjust_on))
    ledger.apply(spec_grant(consideration=0))  # B 250,000, C 500,000, A 7,000,000
    ledger.apply(Expiry(date=MIDDLE, of="g", shares=100_000))
    ledger.apply(Issuance(date=VARIED_DAY, shares=1_000_000, cash=1_000_000))
    if readjust_on is ReadjustOn.EACH_EXPIRY:
        # the grant was readjusted to 400,000 shares for 200,000 before the issue, so the
        # issue's A is 7,000,000 + 400,000
        grant_factor = Fraction(7_000_000 + 200_000, 7_000_000 + 400_000)
        a_issue = Fraction(7_400_000)
    else:
        # nothing readjusted yet: all 500,000 still deemed outstanding
        grant_factor = Fraction(7_000_000 + 250_000, 7_000_000 + 500_000)
        a_issue = Fraction(7_500_000)
    assert ledger.adjustments[-1].outstanding_before == a_issue
    assert ledger.price == P0 * grant_factor * (a_issue + ISSUE_B) / (a_issue + 1_000_000)
    ledger.apply(Expiry(date=LAPSE_DAY, of="g"))
    assert ledger.price == P0 * (7_000_000 + ISSUE_B) / (7_000_000 + 1_000_000)
    assert ledger.outstanding.deemed == 0
