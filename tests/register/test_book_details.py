"""The book's details, field by field: 4.G records, staging, chaining, lookups, carve-out room."""

from __future__ import annotations

from fractions import Fraction as F

import pytest

from engine_helpers import D, flat_prices
from warrant.ground.errors import UnknownGrant
from warrant.instrument.readings import CarveOutCounting, OutstandingBasis, Reading
from warrant.instrument.terms import ALPHA_2002
from warrant.market.fmv import FairMarketValue
from warrant.register.book import Book, Change, ListView, carve_out_usage, then
from warrant.register.records import (
    Adjustment,
    CarveOutPosition,
    Determination,
    EventRef,
    Outcome,
)
from warrant.register.state import Grant, Position, Promise, Tally
from warrant.section4.c2_consideration import Consideration

REF = EventRef(index=3, type="issuance", id="E-3")
DAY = D(2002, 6, 10)
READING = Reading(outstanding_basis=OutstandingBasis.FULLY_DILUTED)

BEFORE = Position(
    price=F(2), issued=F(1_000), deemed=F(100), undeemed_options=F(50),
    carve_out_cap=F(300), carve_out_used=F(0),
)
# 120 used plus 80 held by a promise: 200 counted, inside the cap of 300
AFTER = Position(
    price=F(9, 5), issued=F(1_200), deemed=F(150), undeemed_options=F(70),
    carve_out_cap=F(300), carve_out_used=F(120),
    promises=(Promise(id="P-1", of="G-0", date=DAY, shares=F(80), held=F(80)),),
)
FMV = FairMarketValue(on=DAY, value=F(1), closes=())
PAID = Consideration(cash=F(150))


def book(*, position=BEFORE, grants=None, adjustments=(), cache=None, consulted=None):
    return Book(
        terms=ALPHA_2002, reading=READING, prices=flat_prices(), position=position,
        grants=grants if grants is not None else {}, steps=[], adjustments=list(adjustments),
        fmv_cache=cache if cache is not None else {}, consulted=consulted,
    )


def record(view, *, sequence=None, readjusts=None):
    return view.adjustment(
        ref=REF, day=DAY, clause="4.C(1)", before=BEFORE, after=AFTER, additional=F(200),
        outstanding_before=F(1_100), outstanding_after=F(1_300), note="two hundred shares",
        fmv=FMV, consideration=PAID, bought=F(150), effective=F(3, 4), readjusts=readjusts,
        sequence=sequence,
    )


@pytest.mark.parametrize(
    ("sequence", "readjusts", "number"),
    [(None, None, 2), (7, None, 7), (None, 0, 2), (5, 1, 5)],
)
def test_4g_the_record_states_every_fact(sequence, readjusts, number):
    made = record(book(adjustments=["a0", "a1"]), sequence=sequence, readjusts=readjusts)
    assert made == Adjustment(
        sequence=number, clause="4.C(1)", date=DAY, event=REF, price_before=F(2),
        price_after=F(9, 5), fmv=FMV, consideration=PAID, additional_shares=F(200),
        outstanding_before=F(1_100), outstanding_after=F(1_300),
        issued_before=F(1_000), issued_after=F(1_200), deemed_before=F(100), deemed_after=F(150),
        bought_at_fmv=F(150), effective_price=F(3, 4),
        carve_out=CarveOutPosition(cap=F(300), used=F(200), promised=F(80)),
        reading=READING, readjustment=readjusts is not None, readjusts=readjusts,
        note="two hundred shares",
    )
    assert made.readjustment is (readjusts is not None)


@pytest.mark.parametrize(
    ("cap", "counted", "used", "over"),
    [(F(300), F(450), F(300), F(150)), (F(300), F(300), F(300), F(0)),
     (F(300), F(200), F(200), F(0))],
)
def test_4c5iii_counted_beyond_the_cap_is_over_it(cap, counted, used, over):
    position = CarveOutPosition.counted(cap=cap, counted=counted, promised=F(10))
    assert (position.used, position.over_cap, position.promised) == (used, over, F(10))
    assert position.over_cap == max(counted - cap, F(0))


def test_section_1_the_fmv_of_a_day_is_read_from_the_cache_and_kept_there():
    kept = FairMarketValue(on=DAY, value=F(7, 3), closes=())
    cache = {DAY: kept}
    assert book(cache=cache).fmv(DAY) is kept
    other = D(2002, 7, 1)
    found = book(cache=cache).fmv(other)
    assert found.value == 1 and found.on == other
    assert cache[other] is found


def test_4c3_an_unknown_grant_is_refused_with_the_clause_that_looked():
    grant = make_grant("G-1", granted=F(10))
    view = book(grants={"G-1": grant})
    assert view.grant("G-1", clause="4.C(3)") is grant
    with pytest.raises(UnknownGrant) as caught:
        view.grant("G-9", clause="4.C(3)")
    assert caught.value.message == "no grant with id 'G-9' in the register"
    assert (caught.value.field, caught.value.clause) == ("of", "4.C(3)")


def test_section_4_a_book_without_an_event_index_notes_reads_against_event_0():
    consulted: dict[str, int] = {}
    assert book(consulted=consulted).reading.outstanding_basis is OutstandingBasis.FULLY_DILUTED
    assert consulted == {"outstanding_basis": 0}


def test_section_4_a_list_view_slices_to_a_tuple():
    view = ListView([1, 2, 3])
    assert view[0:2] == (1, 2) and isinstance(view[0:2], tuple)


def decided(clause, *numbers):
    return Determination(event=REF, date=DAY, clause=clause, outcome=Outcome.ADJUSTED,
                         reasons=(clause,), adjustments=numbers)


def test_4c6_a_staged_book_keeps_terms_prices_cache_and_takes_the_change():
    kept = FairMarketValue(on=DAY, value=F(7, 3), closes=())
    old = record(book())
    start = book(adjustments=[old], cache={DAY: kept})
    new = record(start)
    staged = start.staged(Change(determination=decided("4.C(6)"), position=AFTER,
                                 adjustments=(new,)))
    assert staged.terms is ALPHA_2002 and staged.prices is start.prices
    assert staged.position is AFTER
    assert tuple(staged.adjustments) == (old, new)
    assert staged.fmv(DAY) is kept
    assert start.staged(Change(determination=decided("4.C(6)"))).position is BEFORE


@pytest.mark.parametrize(
    ("first_position", "second_position", "expected"),
    [(BEFORE, AFTER, AFTER), (BEFORE, None, BEFORE), (None, AFTER, AFTER), (None, None, None)],
)
def test_4c6_one_change_for_both_steps(first_position, second_position, expected):
    start = book()
    g1, g2 = make_grant("G-1", granted=F(10)), make_grant("G-2", granted=F(20))
    g1_new = make_grant("G-1", granted=F(30))
    a0, a1 = record(start, sequence=0), record(start, sequence=1)
    first = Change(determination=decided("4.C(6)", 0), position=first_position,
                   grants=(g1,), adjustments=(a0,))
    second = Change(determination=decided("4.C(1)", 1), position=second_position,
                    grants=(g1_new, g2), adjustments=(a1,))
    both = then(start, first, second)
    assert both.position is expected
    assert both.grants == (g1_new, g2)
    assert both.adjustments == (a0, a1)
    assert both.determination == Determination(
        event=REF, date=DAY, clause="4.C(1)", outcome=Outcome.ADJUSTED,
        reasons=("4.C(6)", "4.C(1)"), adjustments=(0, 1),
    )


def make_grant(gid, *, granted, outstanding=None, exercised=F(0), history=(), units=F(1)):
    outstanding = granted - exercised if outstanding is None else outstanding
    lapsed = granted - outstanding - exercised
    return Grant(
        id=gid, event=REF, granted_on=DAY, expires=None, exercise_price=F(1, 2),
        consideration_per_share=F(0), in_carve_out_class=True, before_issue_date=False,
        excluded=Tally(granted=granted, outstanding=outstanding, exercised=exercised,
                       lapsed=lapsed),
        other=Tally(granted=F(0), outstanding=F(0)), history=history, units=units,
    )


@pytest.mark.parametrize(
    ("counting", "room"),
    [
        # granted: 100 × 4 / 2 + the old terms' 40 × 4 / 1
        (CarveOutCounting.CUMULATIVE_GRANTS, F(200) + F(160)),
        # outstanding + exercised: (60 + 30) × 4 / 2 + (10 + 20) × 4 / 1
        (CarveOutCounting.ISSUED_OR_ISSUABLE, F(180) + F(120)),
    ],
)
def test_4c5iii_room_counts_the_terms_a_repricing_closed(counting, room):
    old = make_grant("G-1", granted=F(40), outstanding=F(10), exercised=F(20))
    grant = make_grant("G-1", granted=F(100), outstanding=F(60), exercised=F(30),
                       history=(old,), units=F(2))
    assert carve_out_usage(grant, Reading(carve_out_counting=counting), F(4)) == room
