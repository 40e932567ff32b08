"""SPEC §12 as it applies to the Section 4.C engine: every bad input is refused with a
specific error naming the event, the field and (where one applies) the clause, and a
refused event leaves the ledger exactly as it was."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from fractions import Fraction

import pytest

from engine_helpers import (
    COMMON,
    FACE,
    P0,
    D,
    new_ledger,
    price_history,
    snapshot,
    spec_first_issue,
)
from warrant.ground.errors import (
    EventRejected,
    FloatRefused,
    InvalidValue,
    MissingPrices,
    UnknownGrant,
    WarrantError,
)
from warrant.register.events import Buyback, Cancellation, Exercise, Expiry, Issuance, OptionGrant
from warrant.register.ledger import OPENING_PLAN_OPTIONS, Capitalization
from warrant.register.records import Outcome

DAY = D(2002, 6, 3)
GRANT_DAY = D(2002, 7, 1)
GRANT_EXPIRES = D(2003, 7, 1)
LATER = D(2002, 8, 1)


def grant(gid="g", shares=500_000, day=GRANT_DAY, **extra):
    fields = {"exercise_price": "0.50", "consideration": 10_000, "expires": GRANT_EXPIRES}
    fields.update(extra)
    return OptionGrant(date=day, id=gid, shares=shares, **fields)


def busy_ledger():
    """A ledger with two events applied (so the next one is event[2]) and a deemed grant."""
    ledger = new_ledger(plan_options=100_000)
    ledger.apply(spec_first_issue(DAY))
    ledger.apply(grant())
    return ledger


def refuse(ledger, event, error_type):
    """Apply ``event``, expect ``error_type``, and check the ledger did not move."""
    before = snapshot(ledger)
    with pytest.raises(error_type) as caught:
        ledger.apply(event)
    assert snapshot(ledger) == before
    return caught.value


# --- floats, zero and negative amounts (refused when the event is made) ------------------

FLOAT_FIELDS = [
    (Issuance, {"date": DAY, "shares": 1_000_000}, "shares", 1e6, "4.C(1)"),
    (Issuance, {"date": DAY, "shares": 1_000_000}, "cash", 900000.0, "4.C(2)(i)"),
    (
        Issuance,
        {"date": DAY, "shares": 1, "property_valued_by": "Board", "property_valued_on": DAY},
        "property",
        0.5,
        "4.C(2)(ii)",
    ),
    (
        Issuance,
        {"date": DAY, "shares": 1, "allocated_by": "Board"},
        "allocated",
        0.5,
        "4.C(2)(iii)",
    ),
    (Issuance, {"date": DAY, "shares": 1}, "expenses", 50000.0, "4.C(2)(iv)"),
    (
        OptionGrant,
        {"date": DAY, "shares": 1, "exercise_price": 1, "expires": LATER},
        "shares",
        1.0,
        "4.C(3)",
    ),
    (OptionGrant, {"date": DAY, "shares": 1, "expires": LATER}, "exercise_price", 0.5, "4.C(3)"),
    (
        OptionGrant,
        {"date": DAY, "shares": 1, "exercise_price": 1, "expires": LATER},
        "consideration",
        0.02,
        "4.C(2)",
    ),
    (Exercise, {"date": DAY, "of": "g"}, "shares", 10.0, "4.C(3)"),
    (Exercise, {"date": DAY, "of": "g", "shares": 10}, "consideration", 5.0, None),
    (Expiry, {"date": DAY, "of": "g"}, "shares", 10.0, "4.C(3)"),
    (Cancellation, {"date": DAY, "of": "g"}, "shares", 10.0, "4.C(3)"),
    (Buyback, {"date": DAY}, "shares", 10.0, "4.C(5)"),
]


@pytest.mark.parametrize(
    ("kind", "fields", "name", "value", "clause"),
    FLOAT_FIELDS,
    ids=[f"{kind.__name__}.{name}" for kind, _, name, _, _ in FLOAT_FIELDS],
)
def test_sec12_float_amounts_in_events_are_refused(kind, fields, name, value, clause):
    ledger = busy_ledger()
    before = snapshot(ledger)
    with pytest.raises(FloatRefused) as caught:
        kind(**{**fields, name: value})
    error = caught.value
    assert error.field == name
    assert error.clause == clause
    assert f"field '{name}'" in str(error)
    if clause:
        assert f"[{clause}]" in str(error)
    assert snapshot(ledger) == before


@pytest.mark.parametrize(
    ("fields", "name", "clause"),
    [
        ({"common_outstanding": 7e6}, "common_outstanding", "4.C(1)(b)"),
        (
            {"common_outstanding": 7_000_000, "plan_options_outstanding": 1e5},
            "plan_options_outstanding",
            "4.C(5)(iii)",
        ),
    ],
)
def test_sec12_float_amounts_in_the_capitalization_are_refused(fields, name, clause):
    with pytest.raises(FloatRefused) as caught:
        Capitalization(**fields)
    assert caught.value.field == name
    assert caught.value.clause == clause


def test_sec12_exact_inputs_of_every_kind_are_accepted():
    # int, str, Decimal and Fraction all mean the same exact amount
    amounts = [850_000, "850000", "850,000", Decimal("850000.00"), Fraction(850_000)]
    events = [Issuance(date=DAY, shares=1_000_000, cash=amount) for amount in amounts]
    assert {event.cash for event in events} == {Fraction(850_000)}
    assert Capitalization(common_outstanding="7,000,000").common_outstanding == COMMON


ZERO_OR_NEGATIVE = [
    (Issuance, {"date": DAY}, "shares", 0),
    (Issuance, {"date": DAY}, "shares", -1_000),
    (OptionGrant, {"date": DAY, "exercise_price": 1, "expires": LATER}, "shares", 0),
    (OptionGrant, {"date": DAY, "exercise_price": 1, "expires": LATER}, "shares", -5),
    (Exercise, {"date": DAY, "of": "g"}, "shares", 0),
    (Exercise, {"date": DAY, "of": "g"}, "shares", Fraction(-1, 2)),
    (Expiry, {"date": DAY, "of": "g"}, "shares", 0),
    (Cancellation, {"date": DAY, "of": "g"}, "shares", -1),
    (Buyback, {"date": DAY}, "shares", 0),
    (Issuance, {"date": DAY, "shares": 1}, "cash", -1),
    (Issuance, {"date": DAY, "shares": 1}, "expenses", "-0.01"),
    (OptionGrant, {"date": DAY, "shares": 1, "expires": LATER}, "exercise_price", -1),
    (
        OptionGrant,
        {"date": DAY, "shares": 1, "exercise_price": 1, "expires": LATER},
        "consideration",
        -1,
    ),
    (Exercise, {"date": DAY, "of": "g", "shares": 1}, "consideration", -1),
]


@pytest.mark.parametrize(
    ("kind", "fields", "name", "value"),
    ZERO_OR_NEGATIVE,
    ids=[f"{kind.__name__}.{name}={value}" for kind, _, name, value in ZERO_OR_NEGATIVE],
)
def test_sec12_zero_or_negative_quantities_are_refused(kind, fields, name, value):
    with pytest.raises(InvalidValue) as caught:
        kind(**{**fields, name: value})
    assert not isinstance(caught.value, FloatRefused)
    assert caught.value.field == name
    assert f"field '{name}'" in str(caught.value)


@pytest.mark.parametrize("common", [0, -7_000_000])
def test_sec12_capitalization_needs_shares_outstanding(common):
    with pytest.raises(InvalidValue) as caught:
        Capitalization(common_outstanding=common)
    assert caught.value.field == "common_outstanding"


def test_sec12_negative_opening_plan_options_are_refused():
    with pytest.raises(InvalidValue) as caught:
        Capitalization(common_outstanding=COMMON, plan_options_outstanding=-1)
    assert caught.value.field == "plan_options_outstanding"


def test_sec12_options_expiring_before_they_are_granted_are_refused():
    with pytest.raises(InvalidValue) as caught:
        grant(day=LATER, expires=GRANT_DAY)
    assert caught.value.field == "expires"


def test_sec12_a_plan_grant_must_name_its_grantee():
    with pytest.raises(InvalidValue) as caught:
        grant(plan=True)
    assert caught.value.field == "grantee"
    assert caught.value.clause == "4.C(5)(iii)"


def test_sec12_warrant_exercise_shares_are_not_a_restructuring_financing():
    with pytest.raises(InvalidValue) as caught:
        Issuance(date=DAY, shares=1, cash=2, warrant_exercise=True, restructuring="R1")
    assert caught.value.field == "restructuring"


# --- dates ---------------------------------------------------------------------------


def test_sec12_an_event_dated_with_a_datetime_is_refused():
    with pytest.raises(InvalidValue) as caught:
        Issuance(date=dt.datetime(2002, 6, 3, 12, 0), shares=1, cash=1)
    assert caught.value.field == "date"


def test_sec12_event_before_the_issue_date_is_refused():
    ledger = busy_ledger()
    error = refuse(ledger, Issuance(date=D(2002, 3, 1), shares=1, cash=1), EventRejected)
    assert error.field == "date"
    assert error.clause == "4.C(5)"
    assert "event[2]" in str(error)
    assert "2002-03-04" in str(error)


def test_sec12_event_on_the_issue_date_is_accepted():
    ledger = new_ledger()
    determination = ledger.apply(Issuance(date=D(2002, 3, 4), shares=1_000_000, cash=850_000))
    assert determination.outcome is Outcome.ADJUSTED


def test_sec12_event_after_expiration_is_refused():
    ledger = busy_ledger()
    error = refuse(ledger, Issuance(date=D(2007, 3, 4), shares=1, cash=1), EventRejected)
    assert error.field == "date"
    assert error.clause == "Section 1"
    assert "event[2]" in str(error)


def test_sec12_event_on_the_expiration_date_is_accepted():
    # 2007-03-03 (a Saturday): the warrant lives until 17:00 PST that day
    ledger = new_ledger()
    ledger.apply(Issuance(date=D(2007, 3, 3), shares=1_000_000, cash=850_000))
    assert ledger.price == P0 * Fraction(7_850_000, 8_000_000)


def test_sec12_events_out_of_date_order_are_refused():
    ledger = busy_ledger()
    error = refuse(ledger, Issuance(date=D(2002, 6, 28), shares=1, cash=1), EventRejected)
    assert error.field == "date"
    assert "event[2]" in str(error)
    assert "date order" in str(error)


def test_sec12_a_same_day_event_is_in_date_order():
    ledger = busy_ledger()
    ledger.apply(Issuance(date=GRANT_DAY, shares=1, cash=1))  # same day as the grant
    assert len(ledger.events) == 3


# --- grants --------------------------------------------------------------------------

UNKNOWN = [
    Exercise(date=LATER, of="nope", shares=1),
    Expiry(date=LATER, of="nope"),
    Cancellation(date=LATER, of="nope", shares=1),
]


@pytest.mark.parametrize("event", UNKNOWN, ids=["exercise", "expiry", "cancellation"])
def test_sec12_unknown_grant_is_refused(event):
    ledger = busy_ledger()
    error = refuse(ledger, event, UnknownGrant)
    assert error.field == "of"
    assert error.clause == "4.C(3)"
    assert "'nope'" in str(error)
    assert "event[2]" in str(error)
    assert "[4.C(3)]" in str(error)


MORE_THAN_REMAIN = [
    Exercise(date=LATER, of="g", shares=500_001),
    Expiry(date=LATER, of="g", shares=500_001),
    Cancellation(date=LATER, of="g", shares=Fraction(1_000_001, 2)),
]


@pytest.mark.parametrize("event", MORE_THAN_REMAIN, ids=["exercise", "expiry", "cancellation"])
def test_sec12_more_shares_than_remain_are_refused(event):
    ledger = busy_ledger()
    error = refuse(ledger, event, EventRejected)
    assert error.field == "shares"
    assert error.clause == "4.C(3)"
    assert "event[2]" in str(error)


def test_sec12_more_shares_than_remain_after_a_partial_exercise_are_refused():
    ledger = busy_ledger()
    ledger.apply(Exercise(date=LATER, of="g", shares=200_000))
    error = refuse(ledger, Exercise(date=LATER, of="g", shares=300_001), EventRejected)
    assert error.field == "shares"
    assert "event[3]" in str(error)
    assert "300000" in str(error)  # what remains


@pytest.mark.parametrize(
    "closing",
    [
        Exercise(date=LATER, of="g", shares=500_000),
        Expiry(date=LATER, of="g"),
        Cancellation(date=LATER, of="g"),
    ],
    ids=["exercised", "expired", "cancelled"],
)
@pytest.mark.parametrize(
    "then",
    [
        Exercise(date=D(2002, 9, 3), of="g", shares=1),
        Expiry(date=D(2002, 9, 3), of="g"),
        Cancellation(date=D(2002, 9, 3), of="g", shares=1),
    ],
    ids=["exercise", "expiry", "cancellation"],
)
def test_sec12_a_fully_closed_grant_refuses_further_events(closing, then):
    ledger = busy_ledger()
    ledger.apply(closing)
    error = refuse(ledger, then, EventRejected)
    assert error.field == "of"
    assert error.clause == "4.C(3)"
    assert "event[3]" in str(error)


def test_sec12_exercise_after_the_grants_expiry_date_is_refused():
    ledger = busy_ledger()
    error = refuse(ledger, Exercise(date=D(2003, 7, 2), of="g", shares=1), EventRejected)
    assert error.field == "date"
    assert error.clause == "4.C(3)"
    assert "2003-07-01" in str(error)


def test_sec12_exercise_on_the_grants_expiry_date_is_accepted():
    ledger = busy_ledger()
    determination = ledger.apply(Exercise(date=GRANT_EXPIRES, of="g", shares=1))
    assert determination.outcome is Outcome.NO_FURTHER_ADJUSTMENT


@pytest.mark.parametrize("gid", ["g", OPENING_PLAN_OPTIONS])
def test_sec12_a_duplicate_grant_id_is_refused(gid):
    ledger = busy_ledger()
    error = refuse(ledger, grant(gid=gid, shares=1, day=LATER), EventRejected)
    assert error.field == "id"
    assert "event[2]" in str(error)
    assert repr(gid) in str(error)


def test_sec12_a_buyback_of_more_shares_than_are_outstanding_is_refused():
    ledger = busy_ledger()  # 8,000,000 issued (500,000 more only deemed)
    error = refuse(ledger, Buyback(date=LATER, shares=8_000_001), EventRejected)
    assert error.field == "shares"
    assert "event[2]" in str(error)


def test_sec12_a_buyback_of_every_issued_share_is_accepted():
    ledger = new_ledger()
    ledger.apply(Buyback(date=DAY, shares=COMMON - 1))
    assert ledger.outstanding.issued == 1
    assert ledger.price == P0


def test_sec12_exercise_of_opening_options_over_the_cap_needs_the_price_paid():
    ledger = new_ledger(plan_options=2_069_693)  # 100,000 beyond the cap, price unknown
    ledger.apply(spec_first_issue(DAY))
    # Under issued-or-issuable an exercise draws on the carve-out part first, so only an
    # exercise reaching past its 1,969,693 shares touches the part whose price is unknown.
    error = refuse(
        ledger, Exercise(date=LATER, of=OPENING_PLAN_OPTIONS, shares=1_970_000), EventRejected
    )
    assert error.field == "consideration"
    assert error.clause == "4.C(1)"
    assert "event[1]" in str(error)


# --- prices --------------------------------------------------------------------------


@pytest.mark.parametrize(
    "event",
    [
        Issuance(date=DAY, shares=1_000_000, cash=850_000),
        grant(day=DAY),
        Issuance(date=DAY, shares=1_000_000, cash=900_000, restructuring="R1"),
    ],
    ids=["issuance", "option-grant", "restructuring"],
)
def test_sec12_missing_fmv_for_an_events_date_is_refused(event):
    # the five trading days before 2002-06-03 are 05-24, 05-28 .. 05-31; 05-30 has no price
    prices = price_history(omit=(D(2002, 5, 30),))
    ledger = new_ledger(prices=prices)
    ledger.apply(Issuance(date=D(2002, 4, 1), shares=1, cash=1))  # event[0], FMV available
    error = refuse(ledger, event, MissingPrices)
    assert error.missing == (D(2002, 5, 30),)
    assert "2002-05-30" in str(error)
    assert "event[1]" in str(error)
    assert error.clause == "Section 1"


def test_sec12_excluded_warrant_exercise_needs_no_fmv():
    prices = price_history(omit=(D(2002, 5, 30),))
    ledger = new_ledger(prices=prices)
    determination = ledger.apply(Issuance(date=DAY, shares=10, cash=20, warrant_exercise=True))
    assert determination.outcome is Outcome.EXCLUDED


# --- whole or not at all -------------------------------------------------------------


def test_sec12_a_refused_event_does_not_use_up_its_position():
    ledger = busy_ledger()
    refuse(ledger, Exercise(date=LATER, of="nope", shares=1), UnknownGrant)
    determination = ledger.apply(Exercise(date=LATER, of="g", shares=1))
    assert determination.event.index == 2
    assert len(ledger.events) == 3


def test_sec12_apply_all_stops_at_the_first_refusal_and_keeps_what_came_before():
    ledger = new_ledger()
    events = [
        spec_first_issue(DAY),
        Exercise(date=LATER, of="nope", shares=1),
        Issuance(date=D(2002, 9, 3), shares=1, cash=1),
    ]
    with pytest.raises(UnknownGrant) as caught:
        ledger.apply_all(events)
    assert "event[1]" in str(caught.value)
    assert len(ledger.events) == 1
    assert ledger.price == Fraction("1.903625")
    assert ledger.shares(FACE) == Fraction(16_000_000, 157)


def test_sec12_every_refusal_is_a_warrant_error():
    ledger = busy_ledger()
    for event in [*UNKNOWN, *MORE_THAN_REMAIN, Buyback(date=LATER, shares=10**9)]:
        refuse(ledger, event, WarrantError)
