"""4.C(3) after the grant: exercise, expiry and cancellation of rights, and readjustment.

Lapses and exercises of rights that were never deemed issued, counted under the
fully-diluted reading of ``A`` (SPEC §9), where the options not deemed issued are part
of the shares outstanding; the final-expiry reading of the readjustment; and SPEC §11
invariants 5 and 6 (a deemed issue then full exercise equals a direct issue; rights
lapsing unexercised leave the no-grant path).  The FMV is $1.00 on every date; every
expected figure is worked by hand with Fractions.
"""

from __future__ import annotations

import datetime as dt
from fractions import Fraction

from hypothesis import assume, given, settings
from hypothesis import strategies as st

import warrant
from engine_helpers import (
    CAP,
    FACE,
    P0,
    D,
    flat_prices,
    new_ledger,
)
from warrant.instrument.readings import OutstandingBasis, Reading
from warrant.register.events import (
    Cancellation,
    Exercise,
    Expiry,
    Issuance,
    OptionGrant,
    StockDividend,
    StockSplit,
)
from warrant.register.ledger import OPENING_PLAN_OPTIONS, Capitalization, Ledger

FULLY_DILUTED = Reading(outstanding_basis=OutstandingBasis.FULLY_DILUTED)
GRANT_DAY = D(2002, 7, 1)
LATER = D(2002, 8, 1)
ISSUE_DAY = D(2002, 9, 3)
EXPIRES = D(2003, 7, 1)


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
    # Tested now: A is the 7,000,000 issued alone — none of the options this exercise
    # converts, inside the cap or not, counts in the A of its own issue (as a repriced
    # grant's own options are not in the A of its re-issue, SPEC §9) — B 50,000, C 100,000.
    a = 7_000_000
    first = P0 * (a + 50_000) / (a + over)
    assert ledger.price == first
    assert ledger.position.issued == 7_000_000 + opening
    assert ledger.position.undeemed_options == 0
    ledger.apply(below_fmv_issue())
    a = 7_000_000 + opening
    assert ledger.price == first * (a + 500_000) / (a + 1_000_000)


MIDDLE = D(2002, 8, 1)


def options(day=GRANT_DAY, *, gid="g", shares=500_000, price="0.50", consideration=10_000, **more):
    return OptionGrant(
        date=day, id=gid, shares=shares, exercise_price=price, consideration=consideration,
        expires=EXPIRES, **more,
    )


CENTS = st.integers(min_value=0, max_value=300).map(lambda cents: Fraction(cents, 100))
SPLIT_RATIOS = st.sampled_from(
    [Fraction(2), Fraction(3), Fraction(3, 2), Fraction(1, 2), Fraction(2, 3), Fraction(1, 10)]
)


ACTIONS = st.one_of(
    st.tuples(st.just("split"), SPLIT_RATIOS),
    st.tuples(st.just("dividend"), st.integers(min_value=1, max_value=3_000_000)),
    st.tuples(st.just("issue"), st.integers(min_value=1, max_value=3_000_000), CENTS),
    st.tuples(
        st.just("lapse"),
        st.sampled_from([Fraction(1, 4), Fraction(1, 3), Fraction(1, 2), Fraction(2, 3)]),
    ),
)


@settings(max_examples=60, deadline=None)
@given(
    common=st.integers(min_value=1_000_000, max_value=20_000_000),
    shares=st.integers(min_value=1, max_value=5_000_000),
    price=CENTS,
    paid=st.integers(min_value=0, max_value=1_000_000),
    parts=st.lists(st.integers(min_value=1, max_value=10), min_size=1, max_size=3),
    between=st.none() | st.tuples(st.integers(min_value=1, max_value=3_000_000), CENTS),
)
def test_4c3_invariant_5_deemed_issue_then_full_exercise_equals_a_direct_issue(
    common, shares, price, paid, parts, between
):
    # with an issue in between the grant must really be deemed issued: rights at or above
    # FMV are not outstanding under the default reading, shares issued directly are
    assume(between is None or paid + shares * price < shares)
    deemed = new_ledger(common=common)
    direct = new_ledger(common=common)
    deemed.apply(options(shares=shares, price=price, consideration=paid))
    direct.apply(Issuance(date=GRANT_DAY, shares=shares, cash=paid + shares * price))
    if between is not None:
        sold, each = between
        for ledger in (deemed, direct):
            ledger.apply(Issuance(date=D(2002, 7, 15), shares=sold, cash=sold * each))
    # exercise everything, in the parts' proportions, on successive days
    total = sum(parts)
    done = Fraction(0)
    for index, part in enumerate(parts):
        chunk = shares - done if index == len(parts) - 1 else Fraction(shares * part, total)
        deemed.apply(Exercise(date=MIDDLE + dt.timedelta(days=index), of="g", shares=chunk))
        done += chunk
    # by hand: the direct issue of `shares` for paid + shares × price at FMV 1.00
    a, b, c = Fraction(common), paid + shares * price, Fraction(shares)
    expected = P0 * (a + b) / (a + c) if b < c else P0
    if between is not None:
        sold, each = between
        a += c
        if each < 1:
            expected *= (a + sold * each) / (a + sold)
    assert deemed.price == direct.price == expected
    assert deemed.shares(FACE) == direct.shares(FACE)
    assert deemed.outstanding == direct.outstanding
    assert deemed.outstanding.deemed == 0


@settings(max_examples=60, deadline=None)
@given(
    common=st.integers(min_value=1_000_000, max_value=20_000_000),
    shares=st.integers(min_value=1, max_value=5_000_000),
    price=st.integers(min_value=0, max_value=99).map(lambda cents: Fraction(cents, 100)),
    actions=st.lists(ACTIONS, max_size=8),
)
def test_4c3_invariant_6_rights_lapsing_unexercised_leave_the_no_grant_path(
    common, shares, price, actions
):
    """Default reading; nothing paid for the grant, so the readjusted basis is 0 shares for 0."""
    ledger = new_ledger(common=common)
    ledger.apply(options(shares=shares, price=price, consideration=0))
    assert ledger.outstanding.deemed == shares  # price < 1.00 = FMV: always deemed
    # the no-grant path, by hand: price and shares issued, FMV 1.00 throughout
    expected, issued = P0, Fraction(common)
    day = GRANT_DAY
    for action in actions:
        day += dt.timedelta(days=1)
        if action[0] == "split":
            ratio = action[1]
            ledger.apply(StockSplit(date=day, ratio=ratio))
            expected, issued = expected / ratio, issued * ratio
        elif action[0] == "dividend":
            dividend = action[1]
            ledger.apply(StockDividend(date=day, shares=dividend))
            expected, issued = expected * issued / (issued + dividend), issued + dividend
        elif action[0] == "issue":
            sold, each = action[1], action[2]
            ledger.apply(Issuance(date=day, shares=sold, cash=sold * each))
            if each < 1:
                expected *= (issued + sold * each) / (issued + sold)
            issued += sold
        else:
            remaining = ledger.grants["g"].outstanding
            ledger.apply(Expiry(date=day, of="g", shares=remaining * action[1]))
    ledger.apply(Expiry(date=day + dt.timedelta(days=1), of="g"))
    assert ledger.price == expected
    assert ledger.shares(FACE) == FACE * P0 / expected
    assert ledger.outstanding.issued == issued
    assert ledger.outstanding.deemed == 0


def test_4c3_expiry_after_full_lapse_under_final_expiry_reading() -> None:
    """Under final-expiry, a partial lapse waits; the last lapse readjusts everything."""
    book = Ledger(
        capitalization=Capitalization(common_outstanding=7_000_000),
        prices=flat_prices(),
        reading=warrant.Reading(readjust_on="final-expiry"),
    )
    book.apply(
        OptionGrant(
            id="o",
            date=dt.date(2002, 6, 3),
            shares=500_000,
            exercise_price="0.50",
            expires=dt.date(2004, 6, 1),
        )
    )
    deemed = P0 * (7_000_000 + 250_000) / 7_500_000
    book.apply(Expiry(date=dt.date(2003, 6, 2), of="o", shares=200_000))
    assert book.price == deemed  # waits for the last right
    book.apply(Expiry(date=dt.date(2004, 6, 1), of="o"))
    assert book.price == P0
