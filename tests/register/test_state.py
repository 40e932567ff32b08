"""The register's scalar state (SPEC §4): a grant's two parts, their split and rescaling
by 4.E, promises to grant (4.C(5)(iii)) and the count ``A`` on each basis (4.C(1)),
each worked by hand on small figures."""

from __future__ import annotations

import datetime as dt
from fractions import Fraction as F

import pytest

from warrant.instrument.readings import OutstandingBasis
from warrant.register.records import EventRef
from warrant.register.state import Grant, Into, Position, Promise, Tally, add_shares

DAY = dt.date(2003, 3, 1)


def tally() -> Tally:
    return Tally(granted=F(100), outstanding=F(60), exercised=F(30), lapsed=F(10), payments=F(45))


def grant(**changes: object) -> Grant:
    fields: dict[str, object] = dict(
        id="g", event=EventRef(index=0, type="option-grant", id="g"), granted_on=DAY,
        expires=None, exercise_price=F(3, 2), consideration_per_share=F(1, 4),
        in_carve_out_class=True, before_issue_date=False,
        excluded=Tally(granted=F(40), outstanding=F(30)),
        other=tally(), deemed_step=2, lapsed_applied=F(6),
    )
    fields.update(changes)
    return Grant(**fields)  # type: ignore[arg-type]


def position() -> Position:
    return Position(
        price=F(194, 100), issued=F(1000), deemed=F(200), undeemed_options=F(50),
        carve_out_cap=F(500), carve_out_used=F(120),
    )


def test_4c3_an_exercise_moves_shares_and_adds_what_was_paid() -> None:
    after = tally().exercise(F(20), F(30))
    assert after == Tally(granted=F(100), outstanding=F(40), exercised=F(50), lapsed=F(10),
                          payments=F(75))


def test_4c3_a_lapse_moves_shares_and_leaves_the_payments() -> None:
    assert tally().lapse(F(15)) == Tally(
        granted=F(100), outstanding=F(45), exercised=F(30), lapsed=F(25), payments=F(45)
    )


def test_4e_a_split_multiplies_every_share_count_and_keeps_the_money() -> None:
    assert tally().scaled(F(3, 2)) == Tally(
        granted=F(150), outstanding=F(90), exercised=F(45), lapsed=F(15), payments=F(45)
    )


def test_4e_a_split_grant_has_more_shares_each_at_a_lower_price() -> None:
    after = grant().scaled(F(2))
    assert after.excluded == Tally(granted=F(80), outstanding=F(60))
    assert after.other == Tally(granted=F(200), outstanding=F(120), exercised=F(60),
                                lapsed=F(20), payments=F(45))
    assert after.lapsed_applied == 12
    assert after.exercise_price == F(3, 4)
    assert after.consideration_per_share == F(1, 8)
    assert after.units == 2
    # what the rights cost in all is unchanged: 100 shares at 1/4 = 200 shares at 1/8
    assert after.other.granted * after.consideration_per_share == 25
    assert grant(exercise_price=None).scaled(F(2)).exercise_price is None


def test_4c3_shares_divide_pro_rata_between_the_two_parts() -> None:
    # 30 outstanding inside the carve-out, 60 outside: 9 shares go 3 and 6
    assert grant().split(F(9)) == (F(3), F(6))
    closed = grant(excluded=Tally(granted=F(40), outstanding=F(0)),
                   other=Tally(granted=F(1), outstanding=F(0), lapsed=F(1)))
    assert closed.split(F(5)) == (F(0), F(0))
    one_left = grant(excluded=Tally(granted=F(1), outstanding=F(1)),
                     other=Tally(granted=F(1), outstanding=F(0), lapsed=F(1)))
    assert one_left.split(F(1)) == (F(1), F(0))


def test_4c5iii_a_promise_rescaled_by_a_split_keeps_its_share_of_room() -> None:
    promise = Promise(id="p", of="g", date=DAY, shares=F(30), held=F(20))
    assert promise.scaled(F(3)) == Promise(id="p", of="g", date=DAY, shares=F(90), held=F(60))


@pytest.mark.parametrize(
    ("basis", "total"),
    [
        (OutstandingBasis.ISSUED, 1000),
        (OutstandingBasis.ISSUED_AND_DEEMED, 1000 + 200),
        (OutstandingBasis.FULLY_DILUTED, 1000 + 200 + 50),
    ],
)
def test_4c1_a_is_counted_on_the_basis_the_reading_names(
    basis: OutstandingBasis, total: int
) -> None:
    counted = position().outstanding(basis)
    assert (counted.issued, counted.deemed, counted.basis) == (1000, 200, total)


@pytest.mark.parametrize(
    ("into", "issued", "deemed", "undeemed"),
    [(Into.ISSUED, 1007, 200, 50), (Into.DEEMED, 1000, 207, 50), (Into.OPTIONS, 1000, 200, 57)],
)
def test_4c1_additional_shares_land_where_they_are_counted(
    into: Into, issued: int, deemed: int, undeemed: int
) -> None:
    after = add_shares(position(), F(7), into)
    assert (after.issued, after.deemed, after.undeemed_options) == (issued, deemed, undeemed)


def test_4c5iii_room_left_is_the_cap_less_what_is_used_and_promised() -> None:
    promised = Promise(id="p", of="g", date=DAY, shares=F(90), held=F(80))
    with_promise = Position(
        price=F(2), issued=F(1), deemed=F(0), undeemed_options=F(0), carve_out_cap=F(500),
        carve_out_used=F(120), promises=(promised,),
    )
    assert with_promise.carve_out_promised == 80
    assert with_promise.carve_out_room == 500 - 120 - 80
    full = Position(price=F(2), issued=F(1), deemed=F(0), undeemed_options=F(0),
                    carve_out_cap=F(100), carve_out_used=F(120))
    assert full.carve_out_room == 0
