"""Corporate events refuse bad input by themselves (SPEC §10, §12): each refusal's type,
field, clause and whole message — 4.C(4) options on convertibles, 4.C(5)(iii) promises,
4.D(1) unpaid dividends, 4.A distributions, 4.B baskets — and the registry of event kinds
that scenario files read.

``str(error)`` is what the command line prints — ``field '<name>': <message> [<clause>]``
— so every message is pinned whole.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from fractions import Fraction
from typing import ClassVar

import attrs
import pytest

from warrant.ground.errors import FloatRefused, InvalidNumber, InvalidValue
from warrant.register import events
from warrant.register.events import (
    Distribution,
    DividendUnpaid,
    Event,
    Issuance,
    OptionOnConvertible,
    PromiseToGrant,
    Reorganization,
    register,
)

DAY = dt.date(2003, 6, 16)
LATER = dt.date(2003, 6, 17)
EARLIER = dt.date(2003, 6, 13)


def refusal(error_type, build):
    """The error ``build()`` raises, which must be exactly of ``error_type``."""
    with pytest.raises(InvalidValue) as caught:
        build()
    assert type(caught.value) is error_type
    return caught.value


def record_date_message(clause_ref):
    return (
        "field 'record_date': the record date 2003-06-17 is after the event's date "
        f"2003-06-16 [{clause_ref}]"
    )


# -- the registry of event kinds ------------------------------------------------------------


@pytest.fixture
def registry(monkeypatch):
    """A copy of the registry for the test to extend, so no test kind leaks into files."""
    copy = dict(events.EVENT_TYPES)
    monkeypatch.setattr(events, "EVENT_TYPES", copy)
    return copy


def test_section_4_a_new_event_kind_is_known_to_files_by_its_type(registry):
    @attrs.frozen(kw_only=True)
    class BoardWarning(Event):
        TYPE: ClassVar[str] = "board-warning"

    assert register(BoardWarning) is BoardWarning
    assert registry["board-warning"] is BoardWarning
    assert registry["issuance"] is Issuance


def test_section_4_an_event_kind_registered_twice_is_refused(registry):
    @attrs.frozen(kw_only=True)
    class Again(Event):
        TYPE: ClassVar[str] = "issuance"

    with pytest.raises(ValueError) as caught:
        register(Again)
    assert str(caught.value) == "event type 'issuance' is empty or registered twice"
    assert registry["issuance"] is Issuance


def test_section_4_an_event_kind_without_a_type_is_refused(registry):
    @attrs.frozen(kw_only=True)
    class Nameless(Event):
        pass

    with pytest.raises(ValueError) as caught:
        register(Nameless)
    assert str(caught.value) == "event type '' is empty or registered twice"
    assert "" not in registry


# -- 4.C(5)(iii): a promise to grant ------------------------------------------------------


def test_4c5iii_a_promise_to_grant_without_an_id_is_refused():
    error = refusal(InvalidValue, lambda: PromiseToGrant(date=DAY, of="G-1", shares=100))
    assert (error.field, error.clause) == ("id", "4.C(5)(iii)")
    assert str(error) == (
        "field 'id': a promise to grant needs an id: the grant that honours it names it in "
        "'fulfils' [4.C(5)(iii)]"
    )


# -- 4.C(4): options on convertible securities -----------------------------------------------


def test_4c4_options_on_convertibles_with_a_record_date_after_the_event_are_refused():
    error = refusal(InvalidValue, lambda: OptionOnConvertible(
        date=DAY, max_shares=1_000, record_date=LATER))
    assert (error.field, error.clause) == ("record_date", "4.C(8)")
    assert str(error) == record_date_message("4.C(8)")


def test_4c4_options_on_convertibles_with_a_notice_and_its_record_date_are_accepted():
    event = OptionOnConvertible(
        date=DAY, max_shares=1_000, record_date=EARLIER, notice_mailed=dt.date(2003, 6, 2))
    assert (event.record_date, event.notice_mailed) == (EARLIER, dt.date(2003, 6, 2))
    assert event.effective_date == EARLIER


def test_4c4_options_on_convertibles_with_a_notice_but_no_record_date_are_refused():
    error = refusal(InvalidValue, lambda: OptionOnConvertible(
        date=DAY, max_shares=1_000, notice_mailed=dt.date(2003, 6, 2)))
    assert (error.field, error.clause) == ("notice_mailed", "4.H(1)")
    assert str(error) == (
        "field 'notice_mailed': a 4.H notice is of a record date: give the record_date the "
        "notice names [4.H(1)]"
    )


def test_4c4_options_on_convertibles_expiring_before_they_are_granted_are_refused():
    error = refusal(InvalidValue, lambda: OptionOnConvertible(
        date=DAY, max_shares=1_000, expires=EARLIER))
    assert (error.field, error.clause) == ("expires", "4.C(4)")
    assert str(error) == (
        "field 'expires': the options expire on 2003-06-13, before the event's date "
        "2003-06-16 [4.C(4)]"
    )


# -- 4.D(1): a dividend not paid ---------------------------------------------------------------


def test_4d1_an_unpaid_dividend_whose_record_date_is_after_the_news_is_refused():
    error = refusal(InvalidValue, lambda: DividendUnpaid(date=DAY, record_date=LATER))
    assert (error.field, error.clause) == ("record_date", "4.D(1)")
    assert str(error) == record_date_message("4.D(1)")


# -- 4.A: distributions ------------------------------------------------------------------------


def test_4a_a_distribution_with_a_record_date_after_the_event_is_refused():
    error = refusal(InvalidValue, lambda: Distribution(
        date=DAY, kind="cash", per_share="0.10", record_date=LATER))
    assert (error.field, error.clause) == ("record_date", "4.A")
    assert str(error) == record_date_message("4.A")


@pytest.mark.parametrize("kind", ["Common Stock", " common-stock ", "COMMON"])
def test_4a_a_distribution_of_common_stock_is_refused_as_a_stock_dividend(kind):
    error = refusal(InvalidValue, lambda: Distribution(date=DAY, kind=kind, per_share="0.10"))
    assert (error.field, error.clause) == ("kind", "4.A")
    assert str(error) == (
        "field 'kind': a distribution of Common Stock is a stock dividend (4.D), not 4.A [4.A]"
    )


# -- 4.B: the basket of a reorganisation -----------------------------------------------------

BASKET_MESSAGE = (
    "field 'basket': the basket is a table of what one share receives, e.g. "
    '{cash = "2.00", "Acquirer common" = "0.5"} [4.B]'
)


@pytest.mark.parametrize("basket", [{}, ["cash"], "cash"])
def test_4b_a_basket_that_is_not_a_table_of_quantities_is_refused(basket):
    error = refusal(InvalidValue, lambda: Reorganization(date=DAY, basket=basket))
    assert (error.field, error.clause) == ("basket", "4.B")
    assert str(error) == BASKET_MESSAGE


def test_4b_a_basket_quantity_that_is_not_a_number_is_refused_naming_its_kind():
    error = refusal(InvalidNumber, lambda: Reorganization(
        date=DAY, basket={"cash": "2.00", "Acquirer common": "half"}))
    assert (error.field, error.clause) == ("basket.Acquirer common", "4.B")
    assert str(error) == "field 'basket.Acquirer common': not an exact number: 'half' [4.B]"


def test_4b_a_basket_quantity_in_binary_floating_point_is_refused():
    error = refusal(FloatRefused, lambda: Reorganization(date=DAY, basket={"cash": 1.5}))
    assert (error.field, error.clause) == ("basket.cash", "4.B")
    assert str(error) == (
        "field 'basket.cash': binary floating point is refused (1.5 is not exact); write it "
        "as a string such as '1.5', a Decimal or a Fraction [4.B]"
    )


def test_4b_a_basket_keeps_each_kind_with_its_exact_quantity():
    event = Reorganization(date=DAY, basket={"cash": "2.00", "Acquirer common": Decimal("0.5")})
    assert event.basket == (("cash", Fraction(2)), ("Acquirer common", Fraction(1, 2)))
