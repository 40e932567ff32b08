"""4.C(2): the consideration's parts, as the JSON (and so a certificate, 4.G(a)) shows them."""

from __future__ import annotations

from fractions import Fraction

from engine_helpers import D
from warrant.files.json_output import consideration_json
from warrant.section4.c2_consideration import Consideration


def test_4c2_every_part_of_cash_and_property_in_json():
    consideration = Consideration(
        cash=Fraction("900000"),
        property_value=Fraction("250000.5"),
        property_valued_by="Board of Directors",
        property_valued_on=D(2002, 5, 30),
        for_rights=Fraction(10_000),
        minimum_exercise_payments=Fraction(1, 3),
        expenses=Fraction("50000.25"),
    )
    # 900,000 + 250,000.5 + 10,000 + 1/3 − 50,000.25 = 1,110,000 + 1/4 + 1/3 = 13,320,007/12
    assert consideration.total == Fraction(13_320_007, 12)
    assert consideration_json(consideration) == {
        "total": "13320007/12",
        "cash": "900000",
        "property": "250000.5",
        "property_valued_by": "Board of Directors",
        "property_valued_on": "2002-05-30",
        "for_rights": "10000",
        "minimum_exercise_payments": "1/3",
        "expenses": "50000.25",
    }


def test_4c2iii_an_allocation_replaces_cash_and_property_in_json():
    consideration = Consideration(
        cash=Fraction(1_000_000),
        property_value=Fraction(5),
        property_valued_by="Board",
        allocated=Fraction("600000"),
        allocated_by="Board, meeting of 2002-06-01",
    )
    # the allocated part replaces cash and property; no expenses
    assert consideration.total == 600_000
    data = consideration_json(consideration)
    assert data["total"] == "600000"
    assert data["allocated"] == "600000"
    assert data["allocated_by"] == "Board, meeting of 2002-06-01"
    assert data["expenses"] == "0"
    # the parts received are still shown, with the Board's valuation unknown here
    assert data["cash"] == "1000000"
    assert data["property"] == "5"
    assert data["property_valued_by"] == "Board"
    assert data["property_valued_on"] is None


def test_4c2_parts_that_are_nothing_are_left_out():
    assert consideration_json(Consideration(cash=Fraction(7))) == {
        "total": "7",
        "cash": "7",
        "expenses": "0",
    }
    assert consideration_json(Consideration(allocated=Fraction(0), allocated_by="Board")) == {
        "total": "0",
        "allocated": "0",
        "allocated_by": "Board",
        "expenses": "0",
    }
