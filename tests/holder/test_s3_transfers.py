"""Section 3: transfers in whole or in part, exchanges, and the series (SPEC §1, §6).

Every expected figure is worked by hand with Fractions.  The FMV is $1.00 on
every date; the SPEC §14 issue (1,000,000 shares for $850,000 net, 7,000,000
outstanding) takes the price from 1.94 to 1.903625 = 1.94 × 157/160.
"""

from __future__ import annotations

import datetime as dt
from fractions import Fraction

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from engine_helpers import P0, D, spec_first_issue
from holder_helpers import full_snapshot, series_ledger
from warrant.ground.errors import (
    InvalidValue,
    SeriesChangeRefused,
    TooManyShares,
    UnknownWarrant,
)
from warrant.ground.exact import round_half_up
from warrant.market.calendars import is_business_day
from warrant.register.events import Issuance, StockDividend, StockSplit
from warrant.register.holder_events import (
    ExchangePart,
    WarrantExchange,
    WarrantExercise,
    WarrantTransfer,
)
from warrant.register.records import Outcome

BEFORE = D(2002, 5, 1)
ISSUE = D(2002, 6, 3)
AFTER = D(2002, 7, 1)
P1 = Fraction("1.903625")


def shares_by_id(ledger):
    return {item.id: ledger.warrant_shares(item.id) for item in ledger.series}


def test_s3_partial_transfer_then_an_adjustment_moves_both_warrants_alike():
    ledger = series_ledger(("W-1", "Bank A", 100_000))
    determination = ledger.apply(WarrantTransfer(date=BEFORE, warrant="W-1", to="Fund C",
                                                 shares=40_000))
    assert determination.clause == "Section 3"
    assert determination.outcome is Outcome.NO_FURTHER_ADJUSTMENT
    assert ledger.price == P0
    # the transferee's warrant first, then the holder's remainder: W-1.1, W-1.2
    assert [(w.id, w.holder, w.face_shares) for w in ledger.series] == [
        ("W-1.1", "Fund C", 40_000), ("W-1.2", "Bank A", 60_000),
    ]
    ledger.apply(spec_first_issue(ISSUE))
    assert ledger.price == P1
    # 40,000 × 1.94 / 1.903625 = 40,000 × 160/157; 60,000 × 160/157
    assert shares_by_id(ledger) == {
        "W-1.1": Fraction(6_400_000, 157), "W-1.2": Fraction(9_600_000, 157),
    }
    # each warrant keeps shares × price: 40,000 × 1.94 = 77,600; 60,000 × 1.94 = 116,400
    assert ledger.warrant_shares("W-1.1") * ledger.price == 77_600
    assert ledger.warrant_shares("W-1.2") * ledger.price == 116_400


def test_s3_transfer_after_an_adjustment_counts_shares_receivable_now():
    ledger = series_ledger(("W-1", "Bank A", 100_000))
    ledger.apply(spec_first_issue(ISSUE))
    assert ledger.warrant_shares("W-1") == Fraction(16_000_000, 157)
    ledger.apply(WarrantTransfer(date=AFTER, warrant="W-1", to="Fund C",
                                 shares="5000000/157", new_id="C-1", remainder_id="A-2"))
    # face of what moved: 5,000,000/157 × 1.903625 / 1.94 = 5,000,000/157 × 157/160 = 31,250
    assert [(w.id, w.holder, w.face_shares) for w in ledger.series] == [
        ("C-1", "Fund C", 31_250), ("A-2", "Bank A", 68_750),
    ]
    assert shares_by_id(ledger) == {
        "C-1": Fraction(5_000_000, 157), "A-2": Fraction(11_000_000, 157),
    }


def test_s3_whole_transfer_issues_one_new_warrant_and_the_old_is_gone():
    ledger = series_ledger(("W-1", "Bank A", 100_000), ("W-2", "Bank B", 50_000))
    ledger.apply(WarrantTransfer(date=BEFORE, warrant="W-1", to="Fund C"))
    assert [(w.id, w.holder, w.face_shares) for w in ledger.series] == [
        ("W-1.1", "Fund C", 100_000), ("W-2", "Bank B", 50_000),
    ]
    before = full_snapshot(ledger)
    pattern = r"'W-1' was transferred on 2002-05-01.*W-1\.1"
    with pytest.raises(UnknownWarrant, match=pattern) as error:
        ledger.apply(WarrantTransfer(date=AFTER, warrant="W-1", to="Fund D"))
    assert error.value.field == "warrant"
    assert error.value.clause == "Section 3"
    assert full_snapshot(ledger) == before


def test_s3_exchange_into_several_for_the_same_total():
    ledger = series_ledger(("W-1", "Bank A", 100_000))
    ledger.apply(spec_first_issue(ISSUE))
    determination = ledger.apply(WarrantExchange(date=AFTER, warrant="W-1", into=[
        {"id": "A", "shares": "8000000/157"},
        {"id": "B", "shares": "4000000/157"},
        {"shares": "4000000/157"},
    ]))
    assert determination.clause == "Section 3"
    # 8,000,000/157 × 157/160 = 50,000; 4,000,000/157 × 157/160 = 25,000
    assert [(w.id, w.holder, w.face_shares) for w in ledger.series] == [
        ("A", "Bank A", 50_000), ("B", "Bank A", 25_000), ("W-1.1", "Bank A", 25_000),
    ]
    assert sum(shares_by_id(ledger).values()) == Fraction(16_000_000, 157)


def test_s3_a_split_after_an_exchange_moves_every_new_warrant():
    ledger = series_ledger(("W-1", "Bank A", 90_000))
    ledger.apply(WarrantExchange(date=BEFORE, warrant="W-1", into=[
        ExchangePart(shares=30_000), ExchangePart(shares=60_000),
    ]))
    ledger.apply(StockSplit(date=AFTER, ratio=2))
    # price 1.94 / 2 = 0.97; shares doubled
    assert ledger.price == Fraction("0.97")
    assert shares_by_id(ledger) == {"W-1.1": 60_000, "W-1.2": 120_000}


# -- refusals: each leaves the register unchanged -----------------------------------------


def refused(ledger, event, error_type, field, pattern):
    before = full_snapshot(ledger)
    with pytest.raises(error_type, match=pattern) as error:
        ledger.apply(event)
    assert error.value.field == field
    assert error.value.clause == "Section 3"
    assert "event[" in str(error.value)
    assert full_snapshot(ledger) == before


def adjusted_ledger():
    ledger = series_ledger(("W-1", "Bank A", 100_000), ("W-2", "Bank B", 50_000))
    ledger.apply(spec_first_issue(ISSUE))
    return ledger


def test_s3_transfer_of_more_shares_than_the_warrant_is_for_is_refused():
    # W-1 is for 16,000,000/157 ≈ 101,910.83 shares
    refused(adjusted_ledger(), WarrantTransfer(date=AFTER, warrant="W-1", to="C",
                                               shares="16000001/157"),
            TooManyShares, "shares",
            r"16000001/157 \(≈[\d.]+\) shares, but warrant 'W-1' is for 16000000/157")


def test_s3_transfer_of_an_unknown_warrant_is_refused():
    refused(adjusted_ledger(), WarrantTransfer(date=AFTER, warrant="W-9", to="C"),
            UnknownWarrant, "warrant", r"no warrant 'W-9' in the series \(outstanding: W-1, W-2\)")


def test_s3_a_new_id_already_used_in_the_series_is_refused():
    refused(adjusted_ledger(), WarrantTransfer(date=AFTER, warrant="W-1", to="C", shares=1,
                                               new_id="W-2"),
            SeriesChangeRefused, "new_id", r"'W-2' is already used")


def test_s3_a_remainder_id_on_a_whole_transfer_is_refused():
    refused(adjusted_ledger(), WarrantTransfer(date=AFTER, warrant="W-2", to="C",
                                               remainder_id="R"),
            SeriesChangeRefused, "remainder_id", r"no rest")


def test_s3_an_exchange_that_does_not_add_up_is_refused():
    refused(adjusted_ledger(), WarrantExchange(date=AFTER, warrant="W-1", into=[
        {"shares": "8000000/157"}, {"shares": "7999999/157"}]),
            SeriesChangeRefused, "into",
            r"add up to 15999999/157 \(≈[\d.]+\) shares, but warrant 'W-1' is for "
            r"16000000/157")


def test_s3_an_exchange_reusing_a_surrendered_id_is_refused():
    ledger = adjusted_ledger()
    ledger.apply(WarrantTransfer(date=AFTER, warrant="W-2", to="C"))
    refused(ledger, WarrantExchange(date=AFTER, warrant="W-1", into=[
        {"id": "W-2", "shares": "8000000/157"}, {"shares": "8000000/157"}]),
            SeriesChangeRefused, "into[0].id", r"'W-2' is already used")


@pytest.mark.parametrize(
    ("into", "field"),
    [
        ([{"shares": 1}], "into"),
        ([{"shares": 1}, {"shares": 0}], "into[1].shares"),
        ([{"shares": 1}, {"shares": 2, "holder": "X"}], "into[1].holder"),
        ([{"shares": 1}, {"id": "A"}], "into[1].shares"),
        ([{"id": "A", "shares": 1}, {"id": "A", "shares": 2}], "into"),
        ([{"shares": 1}, {"shares": 1.5}], "into[1].shares"),
    ],
)
def test_s3_malformed_exchange_parts_are_refused(into, field):
    with pytest.raises(InvalidValue) as error:
        WarrantExchange(date=AFTER, warrant="W-1", into=into)
    assert error.value.field == field
    assert error.value.clause == "Section 3"


def test_s3_series_ids_must_be_distinct():
    with pytest.raises(InvalidValue, match="two warrants of the series have the id 'A'"):
        series_ledger(("A", "X", 1), ("A", "Y", 2))


# -- property: the series' total shares × price is kept -----------------------------------

FACES = st.lists(st.integers(min_value=1, max_value=10**6), min_size=1, max_size=3)
OPS = st.lists(
    st.one_of(
        st.tuples(st.just("transfer"), st.integers(0, 5), st.fractions(0, 1).filter(bool)),
        st.tuples(st.just("exchange"), st.integers(0, 5), st.fractions(0, 1).filter(
            lambda f: 0 < f < 1)),
        st.tuples(st.just("issue"), st.integers(1, 10**6), st.fractions(0, 1)),
        st.tuples(st.just("split"), st.sampled_from([Fraction(2), Fraction(3, 2), Fraction(1, 4)]),
                  st.just(Fraction(0))),
        st.tuples(st.just("dividend"), st.integers(1, 10**6), st.just(Fraction(0))),
        st.tuples(st.just("exercise"), st.integers(0, 5), st.fractions(0, 1).filter(bool)),
    ),
    max_size=8,
)


@settings(max_examples=80, deadline=None)
@given(faces=FACES, ops=OPS)
def test_s3_transfers_exchanges_and_adjustments_keep_the_series_total_shares_times_price(
    faces, ops
):
    ledger = series_ledger(*((f"W-{n}", f"Bank {n}", face) for n, face in enumerate(faces)))
    kept = sum(faces) * P0  # the series' aggregate exercise price at the Issue Date
    day = D(2002, 4, 1)
    for kind, pick, amount in ops:
        day += dt.timedelta(days=1)
        while not is_business_day(day):  # an exercise needs a business day (Section 1)
            day += dt.timedelta(days=1)
        warrants = ledger.series
        target = warrants[pick % len(warrants)] if isinstance(pick, int) else None
        if kind == "transfer":
            shares = ledger.warrant_shares(target.id) * amount
            ledger.apply(WarrantTransfer(date=day, warrant=target.id, to="T", shares=shares))
        elif kind == "exchange":
            whole = ledger.warrant_shares(target.id)
            ledger.apply(WarrantExchange(date=day, warrant=target.id, into=[
                {"shares": whole * amount}, {"shares": whole - whole * amount}]))
        elif kind == "issue":
            ledger.apply(Issuance(date=day, shares=pick, cash=pick * amount))
        elif kind == "dividend":
            ledger.apply(StockDividend(date=day, shares=pick))
        elif kind == "exercise":
            if len(warrants) == 1 and amount == 1:
                continue  # keep one warrant outstanding
            shares = ledger.warrant_shares(target.id) * amount
            ledger.apply(WarrantExercise(date=day, warrant=target.id, shares=shares,
                                         cash=round_half_up(shares * ledger.price, 2)))
            kept -= shares * ledger.price  # what the exercise took out of the series
        else:
            ledger.apply(StockSplit(date=day, ratio=pick))
        total = sum((ledger.warrant_shares(w.id) for w in ledger.series), Fraction(0))
        assert total * ledger.price == kept
        for item in ledger.series:
            assert ledger.warrant_shares(item.id) * ledger.price == item.face_shares * P0
