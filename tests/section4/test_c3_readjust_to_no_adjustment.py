"""4.C(3): a readjustment back to "no adjustment would have been made" (SPEC §4.3).

When rights lapse and the restated basis — the shares actually issued on exercise plus
those still outstanding, for everything paid for the grant, what was paid on exercise and
the minimum still payable — has an Effective Price at or above the original Current FMV,
the readjusted factor is 1 *and nothing of the grant is deemed outstanding*: its rights
leave the deemed count and the ``A`` of every later 4.C step, exactly as rights granted at
or above FMV never enter it.  A share exercised before a later step was issued at that step
and stays in its ``A``; one exercised after it was, on the restated basis, only an option
when the step was made.

The FMV is $1.00 on every date and 8,000,000 shares are outstanding at the Issue Date.
Every expected figure is worked by hand below with Fractions.
"""

from __future__ import annotations

import datetime as dt
from fractions import Fraction as F

import pytest

from engine_helpers import P0, D, new_ledger
from warrant.instrument.readings import OutstandingBasis, Reading, ReadjustOn
from warrant.register.events import Exercise, Expiry, Issuance, OptionGrant
from warrant.register.ledger import Ledger

COMMON = 8_000_000
GRANT_DAY = D(2002, 7, 1)
EXPIRES = D(2004, 7, 1)


def grant() -> OptionGrant:
    """500,000 options outside the plans at $0.40, $250,000 paid for the grant:
    Effective Price (250,000 + 200,000) / 500,000 = 0.90 < 1.00, a deemed issue."""
    return OptionGrant(
        date=GRANT_DAY, id="g", shares=500_000, exercise_price="0.40",
        consideration=250_000, expires=EXPIRES, plan=False,
    )


def sale(day: dt.date) -> Issuance:
    """1,000,000 shares for $600,000: B = 600,000 at FMV 1, C = 1,000,000."""
    return Issuance(date=day, shares=1_000_000, cash=600_000)


def ledger(
    basis: OutstandingBasis = OutstandingBasis.ISSUED_AND_DEEMED, **reading: object
) -> Ledger:
    return new_ledger(common=COMMON, reading=Reading(outstanding_basis=basis, **reading))


# Price after the grant: A = 8,000,000 under every basis (no options before it).
AFTER_GRANT = P0 * F(8_000_000 + 450_000, 8_000_000 + 500_000)


@pytest.mark.parametrize(
    ("basis", "a_of_sale"),
    [
        # The 200,000 rights left are no longer deemed: A is the issued shares alone.
        (OutstandingBasis.ISSUED_AND_DEEMED, 8_000_000),
        (OutstandingBasis.ISSUED, 8_000_000),
        # Fully diluted: the 200,000 rights still outstanding are options, and count.
        (OutstandingBasis.FULLY_DILUTED, 8_200_000),
    ],
)
def test_the_rights_left_leave_the_deemed_count(basis: OutstandingBasis, a_of_sale: int) -> None:
    book = ledger(basis)
    book.apply(grant())
    assert book.price == AFTER_GRANT
    # 300,000 lapse: 200,000 left, restated on 200,000 shares for 250,000 + 200,000 × 0.40
    # = 330,000: Effective Price 1.65 >= 1.00, factor 1, nothing deemed.
    book.apply(Expiry(date=D(2002, 8, 1), of="g", shares=300_000))
    assert book.price == P0
    assert book.outstanding.deemed == 0
    assert book.outstanding.issued == COMMON
    book.apply(sale(D(2002, 9, 3)))
    assert book.price == P0 * F(a_of_sale + 600_000, a_of_sale + 1_000_000)


def test_a_later_step_made_after_part_was_exercised() -> None:
    """Exercised before the sale: issued at the sale and in its A on either path."""
    book = ledger()
    book.apply(grant())
    book.apply(Exercise(date=D(2002, 7, 15), of="g", shares=100_000))  # pays 40,000
    # The sale: A = 8,100,000 issued + 400,000 deemed = 8,500,000.
    book.apply(sale(D(2002, 8, 1)))
    assert book.price == AFTER_GRANT * F(8_500_000 + 600_000, 8_500_000 + 1_000_000)
    # 300,000 lapse: restated on 100,000 issued + 100,000 left = 200,000 shares for
    # 250,000 + 40,000 + 100,000 × 0.40 = 330,000: 1.65 >= 1.00, no adjustment.
    # The sale's A loses the 400,000 deemed: 8,100,000.
    book.apply(Expiry(date=D(2002, 9, 3), of="g", shares=300_000))
    assert book.price == P0 * F(8_100_000 + 600_000, 8_100_000 + 1_000_000)
    assert book.outstanding.deemed == 0
    # Exercising the 100,000 left moves them from options to issued, adjusting nothing.
    book.apply(Exercise(date=D(2002, 10, 1), of="g", shares=100_000))
    assert book.outstanding.deemed == 0
    assert book.outstanding.issued == 9_200_000
    assert book.price == P0 * F(8_700_000, 9_100_000)
    # A second sale counts only the issued shares: A = 9,200,000.
    book.apply(sale(D(2002, 11, 1)))
    assert book.price == P0 * F(8_700_000, 9_100_000) * F(9_800_000, 10_200_000)


def test_a_later_step_made_before_part_was_exercised() -> None:
    """Exercised after the sale: on the restated basis those shares were only options
    when the sale was made, so they leave its A too."""
    book = ledger()
    book.apply(grant())
    # The sale: A = 8,000,000 + 500,000 deemed.
    book.apply(sale(D(2002, 7, 15)))
    assert book.price == AFTER_GRANT * F(9_100_000, 9_500_000)
    book.apply(Exercise(date=D(2002, 8, 1), of="g", shares=100_000))  # pays 40,000
    book.apply(Expiry(date=D(2002, 9, 3), of="g", shares=300_000))
    # Restated as above (1.65): the sale's A is the 8,000,000 issued before it.
    assert book.price == P0 * F(8_600_000, 9_000_000)
    assert book.outstanding.deemed == 0
    assert book.outstanding.issued == 9_100_000


def test_final_expiry_restates_once_the_last_right_is_gone() -> None:
    """readjust_on = final-expiry: lapsed rights stay deemed until the last is gone; then
    the restated basis (100,000 exercised for 250,000 + 40,000: 2.90) adjusts nothing,
    and the sale's A loses the 400,000 lapsed and the 100,000 exercised after it."""
    book = ledger(readjust_on=ReadjustOn.FINAL_EXPIRY)
    book.apply(grant())
    book.apply(sale(D(2002, 7, 15)))
    after_sale = AFTER_GRANT * F(9_100_000, 9_500_000)
    assert book.price == after_sale
    book.apply(Exercise(date=D(2002, 8, 1), of="g", shares=100_000))
    book.apply(Expiry(date=D(2002, 9, 3), of="g", shares=300_000))
    assert book.price == after_sale  # not yet: 100,000 rights remain
    assert book.outstanding.deemed == 400_000  # 300,000 lapsed, still deemed, + 100,000 left
    book.apply(Expiry(date=D(2002, 10, 1), of="g", shares=100_000))
    assert book.price == P0 * F(8_600_000, 9_000_000)
    assert book.outstanding.deemed == 0


def test_still_below_fmv_keeps_the_rights_deemed() -> None:
    """The boundary on the other side: 100,000 lapse, 400,000 left, restated on 400,000
    shares for 250,000 + 160,000 = 410,000: 1.025 >= 1.00 — no adjustment.  With 50,000
    lapsing instead, 450,000 left for 250,000 + 180,000 = 430,000: 0.9555… < 1.00, so the
    450,000 stay deemed and the later sale counts them."""
    book = ledger()
    book.apply(grant())
    book.apply(Expiry(date=D(2002, 8, 1), of="g", shares=50_000))
    restated = P0 * F(8_000_000 + 430_000, 8_000_000 + 450_000)
    assert book.price == restated
    assert book.outstanding.deemed == 450_000
    book.apply(sale(D(2002, 9, 3)))
    assert book.price == restated * F(8_450_000 + 600_000, 8_450_000 + 1_000_000)
