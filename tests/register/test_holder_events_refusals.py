"""The holder's events refuse bad input by themselves (Section 1 exercise, Section 3
transfer and exchange): each refusal's type, field, clause and whole message.

``str(error)`` is what the command line prints — ``field '<name>': <message>
[<clause>]`` — so every message is pinned whole.
"""

from __future__ import annotations

import datetime as dt
from fractions import Fraction

import pytest

from warrant import ExchangePart, WarrantExchange, WarrantExercise, WarrantTransfer
from warrant.ground.errors import InvalidNumber, InvalidValue, NaiveDatetime

DAY = dt.date(2004, 6, 14)
PST = dt.timezone(dt.timedelta(hours=-8))


def refusal(error_type, build):
    """The error ``build()`` raises, which must be exactly of ``error_type``."""
    with pytest.raises(InvalidValue) as caught:
        build()
    assert type(caught.value) is error_type
    return caught.value


# -- Section 1: the instant the warrant was received --------------------------------------


@pytest.mark.parametrize("received_at", ["2004-06-14T10:00:00-08:00", DAY, 20040614])
def test_section_1_received_at_that_is_not_a_date_and_time_is_refused(received_at):
    error = refusal(InvalidValue, lambda: WarrantExercise(
        date=DAY, warrant="W-1", received_at=received_at))
    assert error.field == "received_at"
    assert error.clause == "Section 1"
    assert str(error) == (
        f"field 'received_at': expected a date and time with a UTC offset, "
        f"got {received_at!r} [Section 1]"
    )


NAIVE_MESSAGE = (
    "field 'received_at': the time the warrant was received is an instant checked against "
    "the 5:00 P.M. Pacific Standard Time cut-off: give it a UTC offset "
    "(e.g. 2004-06-14T10:00:00-08:00) [Section 1]"
)


def test_section_1_received_at_without_a_time_zone_is_refused():
    error = refusal(NaiveDatetime, lambda: WarrantExercise(
        date=DAY, warrant="W-1", received_at=dt.datetime(2004, 6, 14, 10, 0)))
    assert (error.field, error.clause) == ("received_at", "Section 1")
    assert str(error) == NAIVE_MESSAGE


class _NoOffset(dt.tzinfo):
    """A time zone that knows no offset: a datetime in it is as naive as one without."""

    def utcoffset(self, _when):
        return None

    def dst(self, _when):
        return None

    def tzname(self, _when):
        return "nowhere"


def test_section_1_received_at_in_a_time_zone_without_an_offset_is_refused():
    received_at = dt.datetime(2004, 6, 14, 10, 0, tzinfo=_NoOffset())
    assert received_at.tzinfo is not None
    assert received_at.utcoffset() is None
    error = refusal(NaiveDatetime, lambda: WarrantExercise(
        date=DAY, warrant="W-1", received_at=received_at))
    assert (error.field, error.clause) == ("received_at", "Section 1")
    assert str(error) == NAIVE_MESSAGE


def test_section_1_received_at_on_another_pacific_day_than_the_event_is_refused():
    # 01:00 UTC on 15 June is 17:00 on 14 June at UTC-8: the event says 15 June.
    received_at = dt.datetime(2004, 6, 15, 1, 0, tzinfo=dt.UTC)
    error = refusal(InvalidValue, lambda: WarrantExercise(
        date=dt.date(2004, 6, 15), warrant="W-1", received_at=received_at))
    assert (error.field, error.clause) == ("received_at", "Section 1")
    assert str(error) == (
        "field 'received_at': received_at 2004-06-15T01:00:00+00:00 falls on 2004-06-14 at "
        "Pacific Standard Time (UTC-8), not on the event's date 2004-06-15 [Section 1]"
    )


def test_section_1_received_at_on_the_pacific_day_of_the_event_is_kept():
    received_at = dt.datetime(2004, 6, 15, 0, 59, tzinfo=dt.UTC)
    exercise = WarrantExercise(date=DAY, warrant="W-1", received_at=received_at)
    assert exercise.received_at == dt.datetime(2004, 6, 14, 16, 59, tzinfo=PST)


# -- Section 3: a transfer's two new warrants -------------------------------------------


def test_section_3_transfer_with_one_id_for_both_new_warrants_is_refused():
    error = refusal(InvalidValue, lambda: WarrantTransfer(
        date=DAY, warrant="W-1", to="Bank C", shares=10, new_id="W-9", remainder_id="W-9"))
    assert (error.field, error.clause) == ("remainder_id", "Section 3")
    assert str(error) == (
        "field 'remainder_id': the transferee's warrant and the holder's remainder need "
        "different ids [Section 3]"
    )


def test_section_3_transfer_with_distinct_ids_is_kept():
    transfer = WarrantTransfer(date=DAY, warrant="W-1", to="Bank C", shares=10,
                               new_id="W-9", remainder_id="W-10")
    assert (transfer.new_id, transfer.remainder_id, transfer.shares) == (
        "W-9", "W-10", Fraction(10))


# -- Section 3: the parts of an exchange ------------------------------------------------


@pytest.mark.parametrize(
    ("shares", "error_type", "message"),
    [
        (0, InvalidValue, "must be greater than zero, got 0"),
        ("-1/3", InvalidValue, "must be greater than zero, got -1/3 (≈-0.3333333333)"),
        ("many", InvalidNumber, "not an exact number: 'many'"),
    ],
)
def test_section_3_exchange_part_without_positive_shares_is_refused(shares, error_type, message):
    error = refusal(error_type, lambda: ExchangePart(id="A", shares=shares))
    assert (error.field, error.clause) == ("shares", "Section 3")
    assert str(error) == f"field 'shares': {message} [Section 3]"


def test_section_3_exchange_part_keeps_its_shares_exactly():
    assert ExchangePart(shares="7/3").shares == Fraction(7, 3)


INTO_MESSAGE = (
    "field 'into': an exchange is into several warrants: an array of at least two tables, "
    "each with shares (and an optional id) [Section 3]"
)


@pytest.mark.parametrize(
    "into",
    [
        [],
        [{"shares": 1}],
        "ab",
        b"ab",
        5,
        {"first": {"shares": 1}, "second": {"shares": 2}},
        {"shares", "id"},
    ],
    ids=["empty", "one-part", "text", "bytes", "number", "table", "set"],
)
def test_section_3_exchange_into_fewer_than_two_parts_or_not_an_array_is_refused(into):
    error = refusal(InvalidValue, lambda: WarrantExchange(date=DAY, warrant="W-1", into=into))
    assert (error.field, error.clause) == ("into", "Section 3")
    assert str(error) == INTO_MESSAGE


@pytest.mark.parametrize(
    ("into", "field", "message"),
    [
        ([{"shares": 1}, 7], "into[1]", "each part is a table with shares and id"),
        (["A", {"shares": 1}], "into[0]", "each part is a table with shares and id"),
        ([{"shares": 1}, {"shares": 2, "note": "n", "holder": "X"}], "into[1].holder",
         "unknown key(s) holder, note (known: id, shares)"),
        ([{"shares": 1}, {"id": "A"}], "into[1].shares", "required but missing"),
        ([{"shares": 1}, {"shares": 0}], "into[1].shares", "must be greater than zero, got 0"),
        ([{"id": "", "shares": 1}, {"shares": 2}], "into[0].id", "expected non-empty text, got ''"),
        ([{"id": 7, "shares": 1}, {"shares": 2}], "into[0].id", "expected non-empty text, got 7"),
        ([{"id": "A", "shares": 1}, {"id": "A", "shares": 2}], "into",
         "two parts of the exchange have the same id"),
    ],
)
def test_section_3_malformed_exchange_part_is_refused_by_name(into, field, message):
    error = refusal(InvalidValue, lambda: WarrantExchange(date=DAY, warrant="W-1", into=into))
    assert (error.field, error.clause) == (field, "Section 3")
    assert str(error) == f"field '{field}': {message} [Section 3]"


def test_section_3_exchange_takes_parts_already_built_and_parts_without_ids():
    exchange = WarrantExchange(date=DAY, warrant="W-1", into=[
        ExchangePart(id="A", shares=1), {"shares": "1/2"}, {"id": "B", "shares": 2}])
    assert exchange.into == (
        ExchangePart(id="A", shares=Fraction(1)),
        ExchangePart(id=None, shares=Fraction(1, 2)),
        ExchangePart(id="B", shares=Fraction(2)),
    )
