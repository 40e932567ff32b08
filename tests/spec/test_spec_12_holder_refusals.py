"""SPEC §12 for the holder's side: every refusal of an exercise (Section 1) names its
reason, field and clause, and leaves the register exactly as it was."""

from __future__ import annotations

import datetime as dt
from fractions import Fraction

import attrs
import pytest

from engine_helpers import D, price_history, spec_first_issue
from holder_helpers import full_snapshot, series_ledger
from warrant.ground.errors import (
    EventRejected,
    ExerciseRefused,
    NotABusinessDay,
    NothingToIssue,
    OutsideExercisePeriod,
    PaymentMismatch,
    SeriesChangeRefused,
    TooManyShares,
    UnknownWarrant,
)
from warrant.instrument.readings import BusinessDayBasis, Reading
from warrant.instrument.terms import ALPHA_2002, PACIFIC_STANDARD_TIME
from warrant.register.events import Reorganization
from warrant.register.holder_events import WarrantExercise, WarrantTransfer
from warrant.register.ledger import Capitalization, Ledger
from warrant.register.series import SeriesWarrant

MONDAY = D(2002, 7, 1)


def book(reading=None, close="2.50"):
    """W-1 (100,000) and W-2 (50,000) at 1.94; a flat market at ``close``."""
    return series_ledger(("W-1", "Bank A", 100_000), ("W-2", "Bank B", 50_000),
                         prices=price_history(base=close, start=D(2002, 1, 2), end=D(2007, 3, 2)),
                         reading=reading)


def refused(ledger, event, error_type, field, clause, pattern):
    before = full_snapshot(ledger)
    with pytest.raises(error_type, match=pattern) as error:
        ledger.apply(event)
    assert error.value.field == field
    assert error.value.clause == clause
    assert f"event[{len(before['events'])}] (warrant-exercise" in str(error.value)
    assert full_snapshot(ledger) == before
    # pricing gives the same refusal, and records nothing either
    with pytest.raises(error_type, match=pattern):
        ledger.price_exercise(event)
    assert full_snapshot(ledger) == before


def cash_exercise(day=MONDAY, **fields):
    values = {"warrant": "W-1", "shares": 100, "cash": 194}
    values.update(fields)
    return WarrantExercise(date=day, **values)


# -- business days (the business_day reading) ---------------------------------------------


@pytest.mark.parametrize(
    ("day", "name"),
    [(D(2002, 7, 6), "Saturday"), (D(2002, 7, 7), "Sunday"), (D(2002, 7, 4), "Thursday"),
     (D(2002, 10, 14), "Monday")],  # Independence Day; Columbus Day (federal, market open)
)
def test_spec_12_exercise_on_a_day_that_is_not_a_federal_business_day_is_refused(day, name):
    refused(book(), cash_exercise(day), NotABusinessDay, "date", "Section 1",
            rf"{day.isoformat()} \({name}\), not a business day under the business_day reading "
            r"\(federal\)")


def test_spec_12_the_trading_reading_refuses_a_market_holiday_the_federal_one_accepts():
    good_friday = D(2003, 4, 18)  # a federal business day; the market was closed
    book().apply(cash_exercise(good_friday))
    trading = Reading(business_day=BusinessDayBasis.TRADING)
    refused(book(trading), cash_exercise(good_friday), NotABusinessDay, "date", "Section 1",
            r"under the business_day reading \(trading\)")
    book(trading).apply(cash_exercise(D(2002, 10, 14)))  # Columbus Day: the market was open


# -- the exercise period --------------------------------------------------------------------


def test_spec_12_exercise_before_the_issue_date_is_refused():
    refused(book(), cash_exercise(D(2002, 3, 1)), OutsideExercisePeriod, "date", "Section 1",
            r"before the Issue Date 2002-03-04")


def test_spec_12_exercise_on_the_issue_date_is_accepted():
    ledger = book()
    ledger.apply(cash_exercise(D(2002, 3, 4)))
    assert ledger.exercises[0].whole_shares == 100


def test_spec_12_exercise_after_the_expiration_date_is_refused():
    refused(book(), cash_exercise(D(2007, 3, 5)), OutsideExercisePeriod, "date", "Section 1",
            r"after the expiration cut-off 2007-03-03T17:00:00-08:00")


def test_spec_12_exercise_received_at_the_cut_off_is_refused():
    at = dt.datetime(2007, 3, 3, 17, 0, tzinfo=PACIFIC_STANDARD_TIME)
    refused(book(), cash_exercise(at.date(), received_at=at), OutsideExercisePeriod,
            "received_at", "Section 1", r"at or after the expiration cut-off")


def weekday_cut_off_ledger():
    """Terms whose cut-off falls on a Friday, 2007-03-02 at 17:00 PST."""
    terms = attrs.evolve(ALPHA_2002, expiration=dt.datetime(2007, 3, 2, 17, 0,
                                                            tzinfo=PACIFIC_STANDARD_TIME))
    return Ledger(capitalization=Capitalization(common_outstanding=7_000_000), terms=terms,
                  prices=price_history(base="2.50", start=D(2007, 1, 2), end=D(2007, 3, 2)),
                  series=[SeriesWarrant(id="W-1", face_shares=100_000)])


def test_spec_12_on_the_cut_off_day_a_second_before_is_accepted_and_the_minute_refused():
    last = D(2007, 3, 2)
    just_before = dt.datetime(2007, 3, 2, 16, 59, 59, tzinfo=PACIFIC_STANDARD_TIME)
    weekday_cut_off_ledger().apply(cash_exercise(last, received_at=just_before))
    # 01:00 UTC on 3 March is 17:00 on 2 March at UTC-8: the cut-off itself
    at = dt.datetime(2007, 3, 3, 1, 0, tzinfo=dt.UTC)
    refused(weekday_cut_off_ledger(), cash_exercise(last, received_at=at), OutsideExercisePeriod,
            "received_at", "Section 1", r"at or after the expiration cut-off")
    # the day alone, on the cut-off day, is taken as received in time
    weekday_cut_off_ledger().apply(cash_exercise(last))


# -- shares and payment ---------------------------------------------------------------------


def test_spec_12_more_shares_than_the_warrant_is_exercisable_for_are_refused():
    ledger = book(close="1.00")
    ledger.apply(spec_first_issue(D(2002, 6, 3)))  # W-1 now 16,000,000/157
    refused(ledger, cash_exercise(shares="16000001/157", cash=0, net=True), TooManyShares,
            "shares", "Section 1",
            r"16000001/157 \(≈[\d.]+\) shares, but warrant 'W-1' is exercisable for "
            r"16000000/157")


@pytest.mark.parametrize(
    ("fields", "pattern"),
    [
        ({"cash": "193.99"}, r"short of the 194.00 due"),
        ({"cash": 100, "debt": "93.99"}, r"short of the 194.00 due"),
        ({"cash": "194.01"}, r"more than the 194.00 due"),
        ({"cash": 100, "debt": 95}, r"more than the 194.00 due"),
        ({"cash": 195, "net": True}, r"more than the 194.00 due"),
        ({"cash": 0}, r"short of the 194.00 due"),
    ],
)
def test_spec_12_a_payment_that_does_not_add_up_is_refused(fields, pattern):
    refused(book(), cash_exercise(**fields), PaymentMismatch, "cash", "Section 1", pattern)


def test_spec_12_a_payment_of_the_exact_sum_beyond_the_cent_is_refused():
    # 3 × 1.903625 = 5.710875 is due as 5.71; paying 5.710875 in cash is over by a fraction
    ledger = book(close="1.00")
    ledger.apply(spec_first_issue(D(2002, 6, 3)))
    refused(ledger, cash_exercise(shares=3, cash="5.710875"), PaymentMismatch, "cash",
            "Section 1", r"more than the 5.71 due \(5.710875 exact\)")


@pytest.mark.parametrize("close", ["1.00", "1.94"])
def test_spec_12_net_issuance_at_fmv_at_or_below_the_price_is_refused(close):
    refused(book(close=close), cash_exercise(cash=0, net=True), NothingToIssue, "net",
            "Section 1(c)", rf"Fair Market Value of {close.rstrip('0').rstrip('.')}, not above "
            r"the Exercise Price 1.94")


def test_spec_12_net_issuance_after_a_reorganisation_is_refused():
    ledger = book()
    ledger.apply(Reorganization(date=D(2002, 6, 3), basket={"Acquirer": 1}))
    refused(ledger, cash_exercise(cash=100, net=True), ExerciseRefused, "net",
            "Section 1(c); 4.B", r"exercisable for the 4.B basket")


# -- which warrant ------------------------------------------------------------------------


def test_spec_12_exercise_of_an_unknown_warrant_is_refused():
    refused(book(), cash_exercise(warrant="W-3"), UnknownWarrant, "warrant", "Section 1",
            r"no warrant 'W-3' in the series \(outstanding: W-1, W-2\)")


def test_spec_12_exercise_of_a_warrant_already_exercised_is_refused():
    ledger = book()
    ledger.apply(cash_exercise(shares=None, cash=194_000))
    refused(ledger, cash_exercise(), UnknownWarrant, "warrant", "Section 1",
            r"warrant 'W-1' was exercised on 2002-07-01: it is no longer outstanding")


def test_spec_12_exercise_of_a_warrant_partly_exercised_names_its_replacement():
    ledger = book()
    ledger.apply(cash_exercise())
    refused(ledger, cash_exercise(), UnknownWarrant, "warrant", "Section 1",
            r"'W-1' was exercised on 2002-07-01; in its place: W-1.1")


def test_spec_12_exercise_of_a_warrant_transferred_away_is_refused():
    ledger = book()
    ledger.apply(WarrantTransfer(date=MONDAY, warrant="W-2", to="Fund C"))
    refused(ledger, cash_exercise(warrant="W-2", cash=194), UnknownWarrant, "warrant",
            "Section 1", r"'W-2' was transferred on 2002-07-01; in its place: W-2.1")


def test_spec_12_a_remainder_id_already_in_use_is_refused():
    refused(book(), cash_exercise(remainder_id="W-2"), SeriesChangeRefused, "remainder_id",
            "Section 1", r"'W-2' is already used")


def test_spec_12_an_exercise_before_the_previous_event_is_refused():
    ledger = book()
    ledger.apply(cash_exercise(D(2002, 8, 1)))
    before = full_snapshot(ledger)
    with pytest.raises(EventRejected, match="date order"):
        ledger.apply(cash_exercise(warrant="W-2"))
    assert full_snapshot(ledger) == before


def test_spec_12_float_payments_are_refused():
    from warrant.ground.errors import FloatRefused

    with pytest.raises(FloatRefused) as error:
        cash_exercise(cash=194.0)
    assert error.value.field == "cash"
    with pytest.raises(FloatRefused):
        cash_exercise(shares=Fraction(1), debt=0.5)
