"""What the read-only book tells the rules: the Fair Market Value over the terms' own
window (Section 1), and each grant's room in the 4.C(5)(iii) carve-out in today's shares.
Every expected figure is worked by hand with Fractions.
"""

from __future__ import annotations

from fractions import Fraction

import attrs
import pytest

from engine_helpers import (
    P0,
    VARIED_CLOSES,
    VARIED_DAY,
    VARIED_WINDOW,
    D,
    new_ledger,
    varied_prices,
)
from warrant.instrument.readings import CarveOutCounting, Reading
from warrant.instrument.terms import ALPHA_2002
from warrant.register.events import Exercise, Issuance, OptionGrant, StockSplit
from warrant.register.ledger import Capitalization, Ledger
from warrant.register.records import Outcome


def ledger_with_window(window: int) -> Ledger:
    return Ledger(
        capitalization=Capitalization(common_outstanding=7_000_000),
        prices=varied_prices(),
        terms=attrs.evolve(ALPHA_2002, fmv_window=window),
    )


def test_section_1_a_one_day_window_is_the_last_close_before_the_day():
    ledger = ledger_with_window(1)
    # 1,000,000 shares for 1,450,000: $1.45 each, below the one-day FMV of $1.50 (09-13)
    determination = ledger.apply(Issuance(date=VARIED_DAY, shares=1_000_000, cash=1_450_000))
    assert determination.outcome is Outcome.ADJUSTED
    adjustment = ledger.adjustments[-1]
    assert adjustment.fmv is not None
    assert adjustment.fmv.value == Fraction(VARIED_CLOSES[-1]) == Fraction("1.50")
    assert adjustment.fmv.days == (VARIED_WINDOW[-1],)
    # A 7,000,000, B 1,450,000 / 1.50 = 2,900,000/3, C 1,000,000
    assert ledger.price == P0 * (7_000_000 + Fraction(2_900_000, 3)) / 8_000_000
    assert ledger.price == P0 * Fraction(239, 240)


def test_section_1_the_ledger_averages_over_the_terms_window():
    # The same issue under the five-day window: FMV (1.10 + … + 1.50) / 5 = 1.30, so
    # $1.45 is not below it.
    ledger = ledger_with_window(5)
    determination = ledger.apply(Issuance(date=VARIED_DAY, shares=1_000_000, cash=1_450_000))
    assert determination.outcome is Outcome.NOT_BELOW_FMV
    assert ledger.price == P0


def test_section_1_a_three_day_window():
    ledger = ledger_with_window(3)
    # FMV (1.30 + 1.40 + 1.50) / 3 = 1.40; 1,000,000 shares for 1,000,000 at $1.00
    ledger.apply(Issuance(date=VARIED_DAY, shares=1_000_000, cash=1_000_000))
    adjustment = ledger.adjustments[-1]
    assert adjustment.fmv is not None
    assert adjustment.fmv.value == Fraction("1.40")
    assert adjustment.fmv.days == VARIED_WINDOW[2:]
    # B = 1,000,000 / 1.40 = 5,000,000/7
    assert ledger.price == P0 * (7_000_000 + Fraction(5_000_000, 7)) / 8_000_000


def plan(gid, shares, day):
    return OptionGrant(
        date=day,
        id=gid,
        shares=shares,
        exercise_price="0.50",
        expires=D(2005, 1, 3),
        plan=True,
        grantee="officer",
    )


@pytest.mark.parametrize(
    "counting", list(CarveOutCounting), ids=[c.value for c in CarveOutCounting]
)
def test_4c5iii_each_grants_room_is_in_todays_shares_after_a_split(counting):
    ledger = new_ledger(reading=Reading(carve_out_counting=counting))
    ledger.apply(plan("closed", 100_000, D(2002, 6, 3)))
    ledger.apply(Exercise(date=D(2002, 6, 10), of="closed", shares=100_000))
    ledger.apply(plan("open", 50_000, D(2002, 6, 17)))
    ledger.apply(StockSplit(date=D(2002, 7, 1), ratio=2))
    ledger.apply(plan("after", 30_000, D(2002, 8, 1)))
    # "closed" was never rescaled (units 1), "open" was (units 2), "after" was granted in
    # split shares: each in today's shares, where the split doubled the first two.
    by_grant = dict(ledger.carve_out.by_grant)
    assert by_grant == {"closed": 200_000, "open": 100_000, "after": 30_000}
    assert ledger.carve_out.used == 330_000
    assert sum(by_grant.values()) == ledger.carve_out.used
