"""The ledger as a treasury script meets it: ``face_shares`` makes the warrant ``W-1``,
``price_on``/``shares_on`` answer only within the warrant's life, and ``help(warrant)``
opens with what the library does.  Expected figures are worked by hand here."""

from __future__ import annotations

import datetime as dt
import doctest
from fractions import Fraction

import pytest

import warrant

F = Fraction
D = dt.date


@pytest.fixture(scope="module")
def prices() -> warrant.PriceHistory:
    days = warrant.trading_days(D(2002, 5, 1), D(2002, 7, 31))
    return warrant.PriceHistory(warrant.Quote(day=day, close="1.00") for day in days)


def ledger(prices: warrant.PriceHistory, **more: object) -> warrant.Ledger:
    return warrant.Ledger(
        capitalization=warrant.Capitalization(common_outstanding=7_000_000),
        prices=prices,
        **more,  # type: ignore[arg-type]  # the keywords under test
    )


SALE = warrant.Issuance(date=D(2002, 6, 3), shares=1_000_000, cash=900_000, expenses=50_000)
P1 = F("1.94") * (7_000_000 + 850_000) / 8_000_000


def test_face_shares_makes_the_one_warrant_W_1(prices: warrant.PriceHistory) -> None:
    book = ledger(prices, face_shares=100_000)
    assert [(w.id, w.face_shares) for w in book.series] == [("W-1", 100_000)]
    book.apply(SALE)
    assert book.warrant_shares("W-1") == 100_000 * F("1.94") / P1 == F(16_000_000, 157)
    # one share at 1.903625: the sum payable to the cent is 1.90 (half-up)
    settled = book.price_exercise(date=D(2002, 7, 1), warrant="W-1", shares=1, cash="1.90")
    assert settled.sum_payable == P1 and settled.sum_payable_rounded == F("1.90")


def test_without_face_shares_there_is_no_warrant_as_before(prices: warrant.PriceHistory) -> None:
    assert ledger(prices).series == ()


def test_face_shares_and_a_series_together_are_refused(prices: warrant.PriceHistory) -> None:
    series = (warrant.SeriesWarrant(id="A", face_shares=1),)
    with pytest.raises(warrant.InvalidValue, match="not both"):
        ledger(prices, face_shares=100_000, series=series)


@pytest.mark.parametrize("bad", [0, -5, "x", 1.5])
def test_face_shares_must_be_a_positive_exact_number(
    prices: warrant.PriceHistory, bad: object
) -> None:
    with pytest.raises(warrant.WarrantError):
        ledger(prices, face_shares=bad)


def test_price_on_and_shares_on_refuse_days_outside_the_warrants_life(
    prices: warrant.PriceHistory,
) -> None:
    book = ledger(prices, face_shares=100_000)
    book.apply(SALE)
    issue, last = warrant.ALPHA_2002.issue_date, warrant.ALPHA_2002.expiration_date
    assert book.price_on(issue) == F("1.94") and book.price_on(last) == P1
    assert book.shares_on(last, 100_000) == F(16_000_000, 157)
    for day in (issue - dt.timedelta(days=1), last + dt.timedelta(days=1)):
        with pytest.raises(warrant.InvalidValue) as refused:
            book.price_on(day)
        assert refused.value.field == "day"
        with pytest.raises(warrant.InvalidValue):
            book.shares_on(day, 100_000)
    with pytest.raises(warrant.InvalidValue, match="before the Issue Date 2002-03-04"):
        book.price_on(D(2001, 1, 1))


def test_help_opens_with_what_the_library_does() -> None:
    doc = warrant.__doc__ or ""
    first = doc.split("\n\n")[:2]
    assert "anti-dilution adjustments" in first[0]
    assert "Exercise Price" in first[1] and "exact" in first[1]
    assert "contract" not in doc and "Why this module is long" not in doc
    # and its example runs
    assert doctest.testmod(warrant).failed == 0
