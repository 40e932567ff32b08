"""Each event's own refusals pin message, field and clause, and their boundaries accept."""

from __future__ import annotations

import datetime as dt
from fractions import Fraction

import pytest

from warrant.ground.errors import InvalidValue
from warrant.register.events import (
    ConvertibleIssuance,
    Distribution,
    DividendUnpaid,
    Grantee,
    Issuance,
    OptionGrant,
    OptionOnConvertible,
    StockDividend,
    StockSplit,
)

DAY = dt.date(2003, 6, 16)
LATER = dt.date(2003, 6, 17)
EARLIER = dt.date(2003, 6, 13)

PROPERTY_MESSAGE = (
    "property is valued by the Board in good faith: say who valued it "
    "(property_valued_by) and when (property_valued_on)"
)
ALLOCATION_MESSAGE = (
    "an allocation of a unit price is the Board's: give both allocated and allocated_by"
)
RECORD_DATE_MESSAGE = "the record date 2003-06-17 is after the event's date 2003-06-16"
NOTICE_MESSAGE = "a 4.H notice is of a record date: give the record_date the notice names"
PLAN_MESSAGE = (
    "a plan grant must say to whom (officer, employee, director, consultant or "
    "other): only officers, employees and directors are in the carve-out"
)

#: the fields each kind needs beside its date, valid on their own
BASE: dict[type, dict[str, object]] = {
    Issuance: {"shares": 100},
    OptionGrant: {"shares": 100, "exercise_price": "2.50", "expires": LATER},
    ConvertibleIssuance: {"max_shares": Fraction(300)},
    OptionOnConvertible: {"max_shares": "300"},
    StockSplit: {"ratio": 2},
    StockDividend: {"shares": 10},
    DividendUnpaid: {"record_date": DAY},
    Distribution: {"kind": "cash", "per_share": "0.10"},
}


def build(kind, **fields):
    return kind(date=DAY, **{**BASE[kind], **fields})


def refusal(kind, **fields):
    with pytest.raises(InvalidValue) as caught:
        build(kind, **fields)
    assert type(caught.value) is InvalidValue
    return caught.value


def check(error, message, field, clause_ref):
    assert (error.message, error.field, error.clause) == (message, field, clause_ref)


@pytest.mark.parametrize(
    ("fields", "field"),
    [
        ({}, "property_valued_by"),
        ({"property_valued_on": DAY}, "property_valued_by"),
        ({"property_valued_by": "the Board"}, "property_valued_on"),
    ],
)
def test_4c2_ii_property_needs_who_valued_it_and_when(fields, field):
    error = refusal(Issuance, property="50", **fields)
    check(error, PROPERTY_MESSAGE, field, "4.C(2)(ii)")


def test_4c2_ii_property_valued_by_someone_on_a_day_is_accepted():
    event = build(Issuance, property=50, property_valued_by="the Board", property_valued_on=DAY)
    assert event.property == 50


@pytest.mark.parametrize(
    ("fields", "field"),
    [
        ({"allocated": "10"}, "allocated_by"),
        ({"allocated_by": "the Board"}, "allocated"),
    ],
)
def test_4c2_iii_allocation_needs_both_the_part_and_who_allocated_it(fields, field):
    check(refusal(Issuance, **fields), ALLOCATION_MESSAGE, field, "4.C(2)(iii)")


def test_4c2_iii_allocation_with_its_author_is_accepted():
    assert build(Issuance, allocated=10, allocated_by="the Board").allocated == 10


def test_4c5_warrant_exercise_is_not_a_restructuring_financing():
    error = refusal(Issuance, warrant_exercise=True, restructuring="1995 restructuring")
    check(
        error,
        "shares issued on exercise of the Warrants are not a restructuring financing",
        "restructuring",
        "4.C(5)",
    )


@pytest.mark.parametrize(
    ("kind", "clause_ref"),
    [
        (OptionGrant, "4.C(8)"),
        (ConvertibleIssuance, "4.C(8)"),
        (OptionOnConvertible, "4.C(8)"),
        (StockDividend, "4.D"),
        (DividendUnpaid, "4.D(1)"),
        (Distribution, "4.A"),
    ],
)
def test_4c8_record_date_after_the_event_is_refused(kind, clause_ref):
    check(refusal(kind, record_date=LATER), RECORD_DATE_MESSAGE, "record_date", clause_ref)


@pytest.mark.parametrize(
    "kind",
    [OptionGrant, ConvertibleIssuance, OptionOnConvertible, StockDividend, DividendUnpaid,
     Distribution],
)
@pytest.mark.parametrize("record_date", [DAY, EARLIER])
def test_4c8_record_date_on_or_before_the_event_is_accepted(kind, record_date):
    assert build(kind, record_date=record_date).record_date == record_date


@pytest.mark.parametrize("kind", [OptionGrant, ConvertibleIssuance, OptionOnConvertible])
def test_4h1_notice_needs_a_record_date(kind):
    check(refusal(kind, notice_mailed=EARLIER), NOTICE_MESSAGE, "notice_mailed", "4.H(1)")


@pytest.mark.parametrize("kind", [OptionGrant, ConvertibleIssuance, OptionOnConvertible])
def test_4h1_notice_of_a_record_date_is_accepted(kind):
    event = build(kind, record_date=DAY, notice_mailed=EARLIER)
    assert (event.record_date, event.notice_mailed) == (DAY, EARLIER)


@pytest.mark.parametrize(
    ("kind", "rights", "clause_ref"),
    [
        (OptionGrant, "the options", "4.C(3)"),
        (ConvertibleIssuance, "the conversion privileges", "4.C(3)"),
        (OptionOnConvertible, "the options", "4.C(4)"),
    ],
)
def test_4c3_rights_expiring_before_the_event_are_refused(kind, rights, clause_ref):
    error = refusal(kind, expires=EARLIER)
    message = f"{rights} expire on 2003-06-13, before the event's date 2003-06-16"
    check(error, message, "expires", clause_ref)


@pytest.mark.parametrize("kind", [OptionGrant, ConvertibleIssuance, OptionOnConvertible])
@pytest.mark.parametrize("expires", [DAY, LATER])
def test_4c3_rights_expiring_on_or_after_the_event_are_accepted(kind, expires):
    assert build(kind, expires=expires).expires == expires


def test_4c5_iii_plan_grant_must_say_to_whom():
    check(refusal(OptionGrant, plan=True), PLAN_MESSAGE, "grantee", "4.C(5)(iii)")


def test_4c5_iii_plan_grant_to_an_employee_is_accepted():
    assert build(OptionGrant, plan=True, grantee=Grantee.EMPLOYEE).in_carve_out_class


def test_4e_ratio_of_one_splits_nothing():
    check(refusal(StockSplit, ratio=1), "a ratio of 1 splits nothing", "ratio", "4.E")


@pytest.mark.parametrize("ratio", [2, "3/2", Fraction(1, 10)])
def test_4e_any_other_ratio_is_accepted(ratio):
    assert build(StockSplit, ratio=ratio).ratio == Fraction(ratio)


def test_4d1_unpaid_dividend_needs_a_record_date():
    check(
        refusal(StockDividend, paid=False),
        "only a dividend with a record date fixed can be declared and not paid",
        "record_date",
        "4.D(1)",
    )


@pytest.mark.parametrize(
    "fields", [{}, {"record_date": DAY}, {"paid": False, "record_date": EARLIER}]
)
def test_4d1_paid_dividend_or_unpaid_one_with_record_date_is_accepted(fields):
    assert build(StockDividend, **fields).shares == 10
