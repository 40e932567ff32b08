"""Bad input to the ledger's own methods (SPEC §2, §12): the library's errors, naming the
field, and the ledger left exactly as it was."""

from __future__ import annotations

import datetime as dt
from fractions import Fraction

import pytest

from engine_helpers import FACE, new_ledger, snapshot
from warrant.ground.errors import EventRejected, FloatRefused, InvalidValue

F = Fraction


@pytest.mark.parametrize("face", [-5, 0, "-1", F(-1, 2)])
def test_4C1a_shares_for_a_face_that_is_not_positive_is_refused(face: object) -> None:
    ledger = new_ledger()
    before = snapshot(ledger)
    with pytest.raises(InvalidValue) as caught:
        ledger.shares(face)  # type: ignore[arg-type]
    assert caught.value.field == "face_shares"
    assert caught.value.clause == "4.C(1)(a)"
    with pytest.raises(InvalidValue):
        ledger.shares_on(dt.date(2003, 1, 2), face)  # type: ignore[arg-type]
    assert snapshot(ledger) == before


def test_spec_2_shares_for_a_float_face_is_refused() -> None:
    ledger = new_ledger()
    with pytest.raises(FloatRefused) as caught:
        ledger.shares(100000.5)  # type: ignore[arg-type]
    assert caught.value.field == "face_shares"


def test_4C1a_shares_for_an_exact_face_is_the_face() -> None:
    # nothing applied: the price is 1.94 and the shares are the face
    assert new_ledger().shares("100000.5") == F(200001, 2)
    assert new_ledger().shares(FACE) == FACE


@pytest.mark.parametrize("day", ["…", "2003-13-01", 20030102, None])
def test_spec_12_price_on_something_that_is_not_a_date_is_refused(day: object) -> None:
    ledger = new_ledger()
    with pytest.raises(InvalidValue) as caught:
        ledger.price_on(day)  # type: ignore[arg-type]
    assert caught.value.field == "day"


def test_spec_12_price_on_a_datetime_is_refused() -> None:
    with pytest.raises(InvalidValue):
        new_ledger().price_on(dt.datetime(2003, 1, 2, 12, 0))


def test_spec_12_price_on_iso_text_reads_the_date() -> None:
    assert new_ledger().price_on("2003-01-02") == F("1.94")  # type: ignore[arg-type]


@pytest.mark.parametrize("thing", [None, "issuance", {"type": "issuance"}, 7])
def test_spec_12_apply_of_something_that_is_not_an_event_is_refused(thing: object) -> None:
    ledger = new_ledger()
    before = snapshot(ledger)
    with pytest.raises(EventRejected) as caught:
        ledger.apply(thing)  # type: ignore[arg-type]
    assert caught.value.field == "event"
    assert snapshot(ledger) == before


def test_a_ledger_describes_itself_by_its_counts_and_its_price() -> None:
    from engine_helpers import new_ledger, spec_first_issue

    ledger = new_ledger()
    assert repr(ledger) == "Ledger(0 events, 0 adjustments, price 1.94)"
    ledger.apply(spec_first_issue())
    head, price = repr(ledger).rsplit(" ", 1)
    assert head == "Ledger(1 events, 1 adjustments, price"
    assert Fraction(price.rstrip(")")) == ledger.price < Fraction("1.94")
    assert ledger.describe() == repr(ledger)
