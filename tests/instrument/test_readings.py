"""Readings (SPEC §9): the defaults, the combinations, and each reading's effect on a
worked example whose figures are computed by hand with Fractions."""

from __future__ import annotations

import itertools
from fractions import Fraction

import attrs
import pytest

from engine_helpers import CAP, P0, D, new_ledger
from warrant.files.json_output import reading_json
from warrant.ground.errors import InvalidValue
from warrant.instrument.readings import (
    BusinessDayBasis,
    CarveOutCounting,
    OutstandingBasis,
    Reading,
    ReadjustOn,
)
from warrant.register.events import Cancellation, Expiry, Issuance, OptionGrant
from warrant.register.ledger import OPENING_PLAN_OPTIONS

FIELDS = (
    "outstanding_basis",
    "carve_out_counting",
    "promised_grants_hold_room",
    "carve_out_follows_splits",
    "readjust_on",
    "business_day",
)


def test_reading_defaults_are_spec_9s_table():
    reading = Reading()
    assert reading.outstanding_basis is OutstandingBasis.ISSUED_AND_DEEMED
    assert reading.carve_out_counting is CarveOutCounting.ISSUED_OR_ISSUABLE
    assert reading.promised_grants_hold_room is True
    assert reading.carve_out_follows_splits is True
    assert reading.readjust_on is ReadjustOn.EACH_EXPIRY
    assert reading.business_day is BusinessDayBasis.FEDERAL
    assert Reading.default() == reading
    assert reading.label() == "default"
    assert reading.differences() == {}


def test_reading_choices_are_spec_9s_alternatives():
    assert {b.value for b in OutstandingBasis} == {"issued-and-deemed", "issued", "fully-diluted"}
    assert {c.value for c in CarveOutCounting} == {"issued-or-issuable", "cumulative-grants"}
    assert {r.value for r in ReadjustOn} == {"each-expiry", "final-expiry"}
    assert {b.value for b in BusinessDayBasis} == {"federal", "trading"}


def test_reading_json_writes_file_values():
    assert reading_json(Reading()) == {
        "outstanding_basis": "issued-and-deemed",
        "carve_out_counting": "issued-or-issuable",
        "promised_grants_hold_room": True,
        "carve_out_follows_splits": True,
        "readjust_on": "each-expiry",
        "business_day": "federal",
    }


def test_reading_accepts_file_values_and_refuses_unknown_ones():
    assert Reading(outstanding_basis="issued") == Reading(outstanding_basis=OutstandingBasis.ISSUED)
    assert Reading(readjust_on="final-expiry").readjust_on is ReadjustOn.FINAL_EXPIRY
    with pytest.raises(InvalidValue) as unknown:
        Reading(outstanding_basis="everything")
    assert unknown.value.field == "outstanding_basis"
    assert "issued-and-deemed" in str(unknown.value)  # names the choices
    with pytest.raises(InvalidValue) as not_a_flag:
        Reading(promised_grants_hold_room="yes")
    assert not_a_flag.value.field == "promised_grants_hold_room"


def test_reading_differences_and_label_name_the_departures():
    reading = Reading(outstanding_basis="issued", promised_grants_hold_room=False)
    assert reading.differences() == {
        "outstanding_basis": "issued",
        "promised_grants_hold_room": "false",
    }
    assert reading.label() == "outstanding_basis=issued, promised_grants_hold_room=false"


def test_reading_all_has_every_combination_with_the_default_first():
    readings = Reading.all()
    assert len(readings) == 3 * 2 * 2 * 2 * 2 * 2 == 96
    assert readings[0] == Reading()
    assert len(set(readings)) == 96
    by_hand = {
        Reading(
            outstanding_basis=basis,
            carve_out_counting=counting,
            promised_grants_hold_room=promised,
            carve_out_follows_splits=splits,
            readjust_on=readjust,
            business_day=business,
        )
        for basis, counting, promised, splits, readjust, business in itertools.product(
            ["issued-and-deemed", "issued", "fully-diluted"],
            ["issued-or-issuable", "cumulative-grants"],
            [True, False],
            [True, False],
            ["each-expiry", "final-expiry"],
            ["federal", "trading"],
        )
    }
    assert set(readings) == by_hand


def test_reading_variations_are_the_default_then_one_departure_at_a_time():
    variations = Reading.variations()
    assert variations[0] == Reading()
    assert len(variations) == len(set(variations))
    # 2 other outstanding bases + one other value for each of the five other choices
    assert len(variations) == 1 + 2 + 1 + 1 + 1 + 1 + 1
    for variant in variations[1:]:
        assert len(variant.differences()) == 1
    departures = {next(iter(v.differences().items())) for v in variations[1:]}
    assert departures == {
        ("outstanding_basis", "issued"),
        ("outstanding_basis", "fully-diluted"),
        ("carve_out_counting", "cumulative-grants"),
        ("promised_grants_hold_room", "false"),
        ("carve_out_follows_splits", "false"),
        ("readjust_on", "final-expiry"),
        ("business_day", "trading"),
    }


def test_reading_is_frozen():
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        Reading().outstanding_basis = OutstandingBasis.ISSUED  # type: ignore[misc]


# --- outstanding basis: the A of 4.C(1)(b) ------------------------------------------------
#
# The company: 7,000,000 shares and 300,000 plan options outstanding at the Issue Date.
#   2002-06-03  500,000 options outside the plans at 0.50, 10,000 paid (FMV 1.00):
#               consideration 260,000 → deemed issue, B = 260,000, C = 500,000
#   2002-07-01  200,000 options outside the plans at 1.50 (above FMV): not deemed
#   2002-08-01  1,000,000 shares for 900,000 less 50,000 expenses: B = 850,000, C = 1,000,000
#
# A at the grant:  issued 7,000,000 | issued-and-deemed 7,000,000 | fully diluted 7,300,000
# A at the issue:  issued 7,000,000 | issued-and-deemed 7,500,000 |
#                  fully diluted 7,000,000 + 500,000 + 300,000 + 200,000 = 8,000,000

GRANT_A = {
    OutstandingBasis.ISSUED: Fraction(7_000_000),
    OutstandingBasis.ISSUED_AND_DEEMED: Fraction(7_000_000),
    OutstandingBasis.FULLY_DILUTED: Fraction(7_300_000),
}
ISSUE_A = {
    OutstandingBasis.ISSUED: Fraction(7_000_000),
    OutstandingBasis.ISSUED_AND_DEEMED: Fraction(7_500_000),
    OutstandingBasis.FULLY_DILUTED: Fraction(8_000_000),
}
BASIS_AFTER = {
    OutstandingBasis.ISSUED: Fraction(8_000_000),
    OutstandingBasis.ISSUED_AND_DEEMED: Fraction(8_500_000),
    OutstandingBasis.FULLY_DILUTED: Fraction(9_000_000),
}


def outstanding_basis_ledger(basis):
    ledger = new_ledger(plan_options=300_000, reading=Reading(outstanding_basis=basis))
    ledger.apply(
        OptionGrant(date=D(2002, 6, 3), id="deemed", shares=500_000, exercise_price="0.50",
                    consideration=10_000, expires=D(2005, 6, 3))
    )
    ledger.apply(
        OptionGrant(date=D(2002, 7, 1), id="above", shares=200_000, exercise_price="1.50",
                    expires=D(2005, 7, 1))
    )
    ledger.apply(Issuance(date=D(2002, 8, 1), shares=1_000_000, cash=900_000, expenses=50_000))
    return ledger


@pytest.mark.parametrize("basis", list(OutstandingBasis), ids=[b.value for b in OutstandingBasis])
def test_reading_outstanding_basis_sets_a(basis):
    ledger = outstanding_basis_ledger(basis)
    grant_step, issue_step = ledger.adjustments
    assert grant_step.outstanding_before == GRANT_A[basis]
    assert issue_step.outstanding_before == ISSUE_A[basis]
    assert issue_step.outstanding_after == ISSUE_A[basis] + 1_000_000
    a1, a2 = GRANT_A[basis], ISSUE_A[basis]
    expected = P0 * (a1 + 260_000) / (a1 + 500_000) * (a2 + 850_000) / (a2 + 1_000_000)
    assert ledger.price == expected
    assert ledger.outstanding.basis == BASIS_AFTER[basis]
    assert ledger.outstanding.issued == 8_000_000
    assert ledger.outstanding.deemed == 500_000
    assert issue_step.reading == Reading(outstanding_basis=basis)


def test_reading_outstanding_basis_gives_three_different_prices():
    prices = {basis: outstanding_basis_ledger(basis).price for basis in OutstandingBasis}
    assert len(set(prices.values())) == 3
    # a bigger A dilutes less: the price falls least under fully diluted
    assert (
        prices[OutstandingBasis.ISSUED]
        < prices[OutstandingBasis.ISSUED_AND_DEEMED]
        < prices[OutstandingBasis.FULLY_DILUTED]
        < P0
    )


def test_reading_fully_diluted_a_excludes_the_grants_own_carve_out_part():
    # 1,869,693 opening plan options leave 100,000 of room; a plan grant of 300,000 at 0.50
    # with 3,000 paid: 100,000 inside, 200,000 deemed issued for 2,000 + 100,000 = 102,000.
    # Immediately before the grant, fully diluted: 7,000,000 + 1,869,693 = 8,869,693.
    ledger = new_ledger(
        plan_options=1_869_693, reading=Reading(outstanding_basis=OutstandingBasis.FULLY_DILUTED)
    )
    ledger.apply(
        OptionGrant(date=D(2002, 6, 3), id="p", shares=300_000, exercise_price="0.50",
                    consideration=3_000, expires=D(2006, 6, 3), plan=True, grantee="employee")
    )
    a = Fraction(7_000_000 + 1_869_693)
    assert ledger.adjustments[0].outstanding_before == a
    assert ledger.price == P0 * (a + 102_000) / (a + 200_000)


# --- carve-out counting ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("counting", "expected_price", "expected_used"),
    [
        # the cancelled 200,000 free their room: the regrant of 200,000 fits
        (CarveOutCounting.ISSUED_OR_ISSUABLE, P0, CAP),
        # nothing is freed: the cap is full, the regrant is deemed issued whole:
        # A 7,000,000, B 200,000 × 0.40 = 80,000, C 200,000
        (CarveOutCounting.CUMULATIVE_GRANTS, P0 * Fraction(7_080_000, 7_200_000), CAP),
    ],
    ids=["issued-or-issuable", "cumulative-grants"],
)
def test_reading_carve_out_counting_decides_whether_a_regrant_fits(
    counting, expected_price, expected_used
):
    ledger = new_ledger(plan_options=CAP, reading=Reading(carve_out_counting=counting))
    ledger.apply(Cancellation(date=D(2002, 6, 3), of=OPENING_PLAN_OPTIONS, shares=200_000))
    ledger.apply(
        OptionGrant(date=D(2002, 12, 4), id="regrant", shares=200_000, exercise_price="0.40",
                    expires=D(2006, 12, 4), plan=True, grantee="officer")
    )
    assert ledger.price == expected_price
    assert ledger.carve_out.used == expected_used


# --- readjust on expiry ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("readjust_on", "after_partial"),
    [
        # 100,000 of 500,000 lapse: kept 400,000 for 400,000 × 0.50 = 200,000 (nothing paid
        # for the grant); A = 7,000,000
        (ReadjustOn.EACH_EXPIRY, P0 * Fraction(7_200_000, 7_400_000)),
        # nothing happens until the last rights go
        (ReadjustOn.FINAL_EXPIRY, P0 * Fraction(7_250_000, 7_500_000)),
    ],
    ids=["each-expiry", "final-expiry"],
)
def test_reading_readjust_on_decides_when_a_partial_expiry_counts(readjust_on, after_partial):
    ledger = new_ledger(reading=Reading(readjust_on=readjust_on))
    ledger.apply(
        OptionGrant(date=D(2002, 6, 3), id="g", shares=500_000, exercise_price="0.50",
                    expires=D(2003, 6, 3))
    )
    assert ledger.price == P0 * Fraction(7_250_000, 7_500_000)  # B 250,000, C 500,000
    ledger.apply(Expiry(date=D(2002, 12, 2), of="g", shares=100_000))
    assert ledger.price == after_partial
    ledger.apply(Expiry(date=D(2003, 6, 3), of="g"))
    assert ledger.price == P0  # both readings end where the grant never happened


@pytest.mark.parametrize("name", FIELDS)
def test_reading_every_reading_names_itself_in_the_adjustment(name):
    alternative = next(v for v in Reading.variations()[1:] if name in v.differences())
    ledger = new_ledger(reading=alternative)
    ledger.apply(Issuance(date=D(2002, 6, 3), shares=1_000_000, cash=850_000))
    assert ledger.adjustments[0].reading == alternative
