"""4.C(3) after the grant: lapses and exercises of rights that were never deemed issued,
counted under the fully-diluted reading of ``A`` (SPEC §9), where the options not deemed
issued are part of the shares outstanding.  The FMV is $1.00 on every date; every expected
figure is worked by hand with Fractions.
"""

from __future__ import annotations

from fractions import Fraction

from engine_helpers import CAP, P0, D, new_ledger
from warrant.instrument.readings import OutstandingBasis, Reading
from warrant.register.events import Cancellation, Exercise, Expiry, Issuance, OptionGrant
from warrant.register.ledger import OPENING_PLAN_OPTIONS

FULLY_DILUTED = Reading(outstanding_basis=OutstandingBasis.FULLY_DILUTED)
GRANT_DAY = D(2002, 7, 1)
LATER = D(2002, 8, 1)
ISSUE_DAY = D(2002, 9, 3)


def plan_grant():
    """500,000 plan options to an employee: all inside the carve-out, never deemed issued."""
    return OptionGrant(
        date=GRANT_DAY,
        id="plan",
        shares=500_000,
        exercise_price="0.50",
        expires=D(2004, 7, 1),
        plan=True,
        grantee="employee",
    )


def at_fmv_grant():
    """500,000 options outside the plans at $1.00, the FMV: tested once, not deemed issued."""
    return OptionGrant(
        date=GRANT_DAY, id="at-fmv", shares=500_000, exercise_price=1, expires=D(2004, 7, 1)
    )


def below_fmv_issue():
    return Issuance(date=ISSUE_DAY, shares=1_000_000, cash=500_000)


def test_4c3_a_cancelled_carve_out_grant_leaves_the_fully_diluted_count():
    ledger = new_ledger(reading=FULLY_DILUTED)
    ledger.apply(plan_grant())
    assert ledger.outstanding.basis == 7_500_000
    ledger.apply(Cancellation(date=LATER, of="plan", shares=200_000))
    assert ledger.position.undeemed_options == 300_000
    assert ledger.outstanding.basis == 7_300_000
    ledger.apply(below_fmv_issue())
    # A 7,000,000 issued + 300,000 options, B 500,000, C 1,000,000
    assert ledger.price == P0 * Fraction(7_800_000, 8_300_000)


def test_4c3_expired_options_never_deemed_issued_leave_the_fully_diluted_count():
    ledger = new_ledger(reading=FULLY_DILUTED)
    ledger.apply(at_fmv_grant())
    assert ledger.price == P0
    assert ledger.position.undeemed_options == 500_000
    ledger.apply(Expiry(date=LATER, of="at-fmv", shares=200_000))
    assert ledger.position.undeemed_options == 300_000
    ledger.apply(below_fmv_issue())
    assert ledger.price == P0 * Fraction(7_800_000, 8_300_000)


def test_4c3_exercised_options_never_deemed_issued_move_from_options_to_issued():
    ledger = new_ledger(reading=FULLY_DILUTED)
    ledger.apply(at_fmv_grant())
    ledger.apply(Exercise(date=LATER, of="at-fmv", shares=200_000))
    assert ledger.position.issued == 7_200_000
    assert ledger.position.undeemed_options == 300_000
    ledger.apply(below_fmv_issue())
    # A 7,200,000 + 300,000 = 7,500,000, B 500,000, C 1,000,000
    assert ledger.price == P0 * Fraction(8_000_000, 8_500_000)


def test_4c1_4c3_opening_options_over_the_cap_exercised_under_the_fully_diluted_count():
    over = 100_000
    opening = CAP + over
    ledger = new_ledger(plan_options=opening, reading=FULLY_DILUTED)
    # Every opening option, half a dollar each: 50,000 of it is paid for the 100,000 shares
    # outside the carve-out (the carve-out part is drawn on first).
    ledger.apply(
        Exercise(
            date=LATER, of=OPENING_PLAN_OPTIONS, shares=opening, consideration=Fraction(opening, 2)
        )
    )
    # Tested now: A is 7,000,000 issued + the 1,969,693 options inside the cap (the tested
    # shares are not outstanding before their own issue), B 50,000, C 100,000.
    a = 7_000_000 + CAP
    first = P0 * (a + 50_000) / (a + over)
    assert ledger.price == first
    assert ledger.position.issued == 7_000_000 + opening
    assert ledger.position.undeemed_options == 0
    ledger.apply(below_fmv_issue())
    a = 7_000_000 + opening
    assert ledger.price == first * (a + 500_000) / (a + 1_000_000)
