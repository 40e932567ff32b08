"""Fair Market Value (Section 1): the mean of the closes of the five trading days before D.

The windows below are worked out by hand from the calendar (weekends, the
exchange holidays, the special closures) and the means with ``Fraction``.
"""

from __future__ import annotations

import itertools
from collections.abc import Mapping
from datetime import date, datetime, timedelta
from fractions import Fraction

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import warrant
from warrant import (
    BoardDetermination,
    CalendarRangeError,
    ClosingRule,
    DealerQuote,
    FairMarketValue,
    InvalidValue,
    MissingPrices,
    PriceHistory,
    Quote,
    Venue,
    fair_market_value,
    trading_days,
)
from warrant.files.json_output import fmv_json

F = Fraction


def closes(prices: Mapping[date, str | Fraction]) -> PriceHistory:
    """A history of Nasdaq closing prices."""
    return PriceHistory(Quote(day=day, close=price) for day, price in prices.items())


def mean(*figures: str | Fraction) -> Fraction:
    return sum((F(figure) for figure in figures), F(0)) / len(figures)


# -- worked windows ------------------------------------------------------------------


def test_section_1_fmv_across_reagan_closure() -> None:
    # Monday 2004-06-14: Friday 06-11 closed (Reagan's funeral), the weekend, and 06-14 itself
    # excluded, so the five are Fri 06-04 and Mon-Thu 06-07..06-10.
    prices = {
        date(2004, 6, 3): "9.99",  # the sixth day back: must not count
        date(2004, 6, 4): "1.36",
        date(2004, 6, 7): "1.43",
        date(2004, 6, 8): "1.49",
        date(2004, 6, 9): "1.33",
        date(2004, 6, 10): "1.39",
        date(2004, 6, 14): "9.99",  # the day itself: must not count
    }
    fmv = fair_market_value(closes(prices), date(2004, 6, 14))
    assert fmv.days == (
        date(2004, 6, 4),
        date(2004, 6, 7),
        date(2004, 6, 8),
        date(2004, 6, 9),
        date(2004, 6, 10),
    )
    # (1.36 + 1.43 + 1.49 + 1.33 + 1.39) / 5 = 7.00 / 5 = 1.40
    assert fmv.value == F(7, 5)
    assert fmv.value == mean("1.36", "1.43", "1.49", "1.33", "1.39")
    assert fmv.on == date(2004, 6, 14)


def test_section_1_fmv_across_a_weekend() -> None:
    # Tuesday 2004-06-22: Mon 06-21 and the previous Wed-Fri 06-16..06-18, Tue 06-15.
    prices = {
        date(2004, 6, 15): "1.52",
        date(2004, 6, 16): "1.36",
        date(2004, 6, 17): "1.42",
        date(2004, 6, 18): "1.49",
        date(2004, 6, 21): "1.56",
    }
    fmv = fair_market_value(closes(prices), date(2004, 6, 22))
    assert fmv.days == tuple(prices)
    assert fmv.value == F(152 + 136 + 142 + 149 + 156, 500)
    assert fmv.value == F(735, 500)


def test_section_1_fmv_across_good_friday() -> None:
    # Easter 2002 was 03-31, so Good Friday 2002-03-29 was closed. On Tuesday 2002-04-02
    # the five days before are Mon-Thu 03-25..03-28 and Mon 04-01.
    assert not warrant.market.calendars.is_trading_day(date(2002, 3, 29))
    prices = {
        date(2002, 3, 25): "1.50",
        date(2002, 3, 26): "1.60",
        date(2002, 3, 27): "1.70",
        date(2002, 3, 28): "1.80",
        date(2002, 4, 1): "1.90",
    }
    fmv = fair_market_value(closes(prices), date(2002, 4, 2))
    assert fmv.days == (
        date(2002, 3, 25),
        date(2002, 3, 26),
        date(2002, 3, 27),
        date(2002, 3, 28),
        date(2002, 4, 1),
    )
    assert fmv.value == F(17, 10)  # (1.5 + 1.6 + 1.7 + 1.8 + 1.9) / 5 = 8.5 / 5


def test_section_1_fmv_across_memorial_day() -> None:
    # Memorial Day 2004 = last Monday of May = 05-31. FMV on Wed 2004-06-02:
    # Tue 06-01, then Fri 05-28 back to Tue 05-25.
    prices = {
        date(2004, 5, 25): "1",
        date(2004, 5, 26): "2",
        date(2004, 5, 27): "3",
        date(2004, 5, 28): "4",
        date(2004, 6, 1): "5",
    }
    fmv = fair_market_value(closes(prices), date(2004, 6, 2))
    assert fmv.days == tuple(prices)
    assert fmv.value == F(3)


def test_section_1_fmv_across_september_11_closures() -> None:
    # Labor Day 2001 = first Monday of September = 09-03; markets shut 09-11..09-14 and
    # reopened Monday 09-17. On Tuesday 2001-09-18 the five trading days before are
    # 09-17, 09-10, 09-07, 09-06, 09-05 (so 09-04 is the sixth and does not count).
    prices = {
        date(2001, 9, 4): "99",
        date(2001, 9, 5): "2.00",
        date(2001, 9, 6): "2.10",
        date(2001, 9, 7): "2.20",
        date(2001, 9, 10): "2.30",
        date(2001, 9, 17): "1.40",
    }
    fmv = fair_market_value(closes(prices), date(2001, 9, 18))
    assert fmv.days == (
        date(2001, 9, 5),
        date(2001, 9, 6),
        date(2001, 9, 7),
        date(2001, 9, 10),
        date(2001, 9, 17),
    )
    assert fmv.value == F(200 + 210 + 220 + 230 + 140, 500)
    assert fmv.value == F(2)


def test_section_1_fmv_on_a_day_during_the_closure() -> None:
    # FMV on Thursday 2001-09-13 (market shut): the five trading days before are 09-04..09-10.
    prices = {
        date(2001, 9, 4): "1",
        date(2001, 9, 5): "2",
        date(2001, 9, 6): "3",
        date(2001, 9, 7): "4",
        date(2001, 9, 10): "6",
    }
    fmv = fair_market_value(closes(prices), date(2001, 9, 13))
    assert fmv.days == tuple(prices)
    assert fmv.value == F(16, 5)


def test_section_1_fmv_mixed_rules_within_one_window() -> None:
    # The window of 2006-08-03 straddles 2006-08-01, when Nasdaq became an exchange.
    quotes = [
        Quote(day=date(2006, 7, 27), venue="nasdaq", close="2.10"),
        Quote(day=date(2006, 7, 28), venue="nasdaq", bid="2.00", ask="2.06"),
        Quote(
            day=date(2006, 7, 31),
            venue="nasdaq",
            dealer_quotes=(DealerQuote("A", "2.02"), DealerQuote("B", "2.08")),
        ),
        Quote(day=date(2006, 8, 1), venue="exchange", close="2.15"),
        Quote(day=date(2006, 8, 2), venue="exchange", bid="2.11", ask="2.13"),
    ]
    fmv = fair_market_value(PriceHistory(quotes), date(2006, 8, 3))
    day_prices = [
        F("2.10"),
        (F("2.00") + F("2.06")) / 2,  # 2.03
        (F("2.02") + F("2.08")) / 2,  # 2.05
        F("2.15"),
        (F("2.11") + F("2.13")) / 2,  # 2.12
    ]
    assert fmv.prices == tuple(day_prices)
    assert fmv.value == sum(day_prices, F(0)) / 5 == F(209, 100)
    assert [close.rule for close in fmv.closes] == [
        ClosingRule.NASDAQ_CLOSE,
        ClosingRule.NASDAQ_BID_ASK,
        ClosingRule.DEALER_QUOTES,
        ClosingRule.EXCHANGE_LAST_SALE,
        ClosingRule.EXCHANGE_BID_ASK,
    ]
    assert [close.venue for close in fmv.closes] == [Venue.NASDAQ] * 3 + [Venue.EXCHANGE] * 2


def test_section_1_case_iii_fmv_from_board_determinations() -> None:
    days = trading_days(date(2004, 6, 1), date(2004, 6, 7))
    assert len(days) == 5
    values = ["1.40", "1.40", "1.45", "1.45", "1.50"]
    quotes = [
        Quote(
            day=day,
            venue=Venue.NONE,
            board=BoardDetermination(value=v, determined_by="Board", determined_on=day),
        )
        for day, v in zip(days, values, strict=True)
    ]
    fmv = fair_market_value(PriceHistory(quotes), date(2004, 6, 8))
    assert fmv.value == F(140 + 140 + 145 + 145 + 150, 500) == F(36, 25)
    assert {close.rule for close in fmv.closes} == {ClosingRule.BOARD}


# -- the result object ------------------------------------------------------------------


def test_section_1_fmv_result_carries_days_prices_closes_and_exact_value() -> None:
    days = trading_days(date(2004, 6, 14), date(2004, 6, 18))
    history = closes(dict(zip(days, ["1", "1", "1", "1", "2"], strict=True)))
    fmv = fair_market_value(history, date(2004, 6, 21))
    assert isinstance(fmv, FairMarketValue)
    assert type(fmv.value) is Fraction
    assert fmv.value == F(6, 5)
    assert fmv.days == tuple(days)
    assert fmv.prices == (F(1), F(1), F(1), F(1), F(2))
    assert all(type(price) is Fraction for price in fmv.prices)
    assert len(fmv.closes) == 5
    assert [c.day for c in fmv.closes] == days
    assert [c.rule for c in fmv.closes] == [ClosingRule.NASDAQ_CLOSE] * 5


def test_section_1_fmv_json_writes_exact_strings() -> None:
    days = trading_days(date(2004, 6, 14), date(2004, 6, 18))
    history = closes(dict(zip(days, ["1", "1", "1", "1", "1.01"], strict=True)))
    data = fmv_json(fair_market_value(history, date(2004, 6, 21)))
    assert data["date"] == "2004-06-21"
    assert isinstance(data["fmv"], str)
    assert F(data["fmv"]) == F(501, 500)
    listed = data["days"]
    assert isinstance(listed, list)
    assert [entry["date"] for entry in listed] == [day.isoformat() for day in days]
    assert F(listed[4]["close"]) == F(101, 100)


def test_section_1_fmv_not_a_multiple_of_a_cent_stays_exact() -> None:
    days = trading_days(date(2004, 6, 14), date(2004, 6, 18))
    history = closes(dict(zip(days, ["1", "1", "1", "1", "1/3"], strict=True)))
    fmv = fair_market_value(history, date(2004, 6, 21))
    assert fmv.value == (4 + F(1, 3)) / 5 == F(13, 15)


def test_section_1_own_day_price_never_used() -> None:
    # FMV on a trading day D (Thursday 2004-06-10): D's price, however wild, is not in it.
    base = {
        date(2004, 6, 3): "1.53",
        date(2004, 6, 4): "1.36",
        date(2004, 6, 7): "1.43",
        date(2004, 6, 8): "1.49",
        date(2004, 6, 9): "1.33",
    }
    without = fair_market_value(closes(base), date(2004, 6, 10))
    wild = fair_market_value(closes({**base, date(2004, 6, 10): "1000000"}), date(2004, 6, 10))
    assert without.value == wild.value == mean("1.53", "1.36", "1.43", "1.49", "1.33")
    assert date(2004, 6, 10) not in wild.days


def test_section_1_on_may_be_iso_text() -> None:
    days = trading_days(date(2004, 6, 14), date(2004, 6, 18))
    history = closes(dict.fromkeys(days, "2"))
    assert fair_market_value(history, "2004-06-21").value == F(2)  # type: ignore[arg-type]


# -- missing prices -------------------------------------------------------------------------


def test_section_1_missing_prices_names_every_missing_day() -> None:
    prices = {
        date(2004, 6, 2): "1",  # earlier days are priced: the window must not slide to them
        date(2004, 6, 3): "1",
        date(2004, 6, 4): "1",
        date(2004, 6, 8): "1",
        date(2004, 6, 10): "1",
    }
    with pytest.raises(MissingPrices) as caught:
        fair_market_value(closes(prices), date(2004, 6, 14))
    error = caught.value
    assert error.missing == (date(2004, 6, 7), date(2004, 6, 9))
    assert "2004-06-07" in str(error)
    assert "2004-06-09" in str(error)
    # Days that are priced, the closure, and the earlier days are not reported as missing.
    assert "2004-06-11" not in str(error)
    assert "2004-06-03" not in str(error)
    assert error.clause == "Section 1"
    assert isinstance(error, LookupError)


def test_section_1_missing_prices_with_an_empty_history_names_all_five() -> None:
    with pytest.raises(MissingPrices) as caught:
        fair_market_value(PriceHistory([]), date(2001, 9, 18))
    expected = (
        date(2001, 9, 5),
        date(2001, 9, 6),
        date(2001, 9, 7),
        date(2001, 9, 10),
        date(2001, 9, 17),
    )
    assert caught.value.missing == expected
    for day in expected:
        assert day.isoformat() in str(caught.value)


def test_section_1_never_slides_back_over_a_gap() -> None:
    # Ten priced days, then the most recent one missing: an error, not an older window.
    days = trading_days(date(2004, 5, 24), date(2004, 6, 10))
    prices = dict.fromkeys(days[:-1], "1")
    with pytest.raises(MissingPrices) as caught:
        fair_market_value(closes(prices), date(2004, 6, 14))
    assert caught.value.missing == (date(2004, 6, 10),)


# -- bad arguments ------------------------------------------------------------------------------


def test_section_1_datetime_for_on_refused() -> None:
    days = trading_days(date(2004, 6, 14), date(2004, 6, 18))
    history = closes(dict.fromkeys(days, "2"))
    with pytest.raises(InvalidValue) as caught:
        fair_market_value(history, datetime(2004, 6, 21, 10, 0))
    assert caught.value.field == "on"


def test_section_1_date_before_calendar_range() -> None:
    with pytest.raises(CalendarRangeError):
        fair_market_value(PriceHistory([]), date(1994, 12, 30))


def test_section_1_window_reaching_before_calendar_range() -> None:
    # 1995-01-04 has only one trading day (01-03) before it inside the calendar.
    with pytest.raises(CalendarRangeError):
        fair_market_value(PriceHistory([]), date(1995, 1, 4))


def test_section_1_date_after_calendar_range() -> None:
    with pytest.raises(CalendarRangeError):
        fair_market_value(PriceHistory([]), date(2036, 1, 10))


@pytest.mark.parametrize("window", [0, -1, True, "5"])
def test_section_1_bad_window_refused(window: object) -> None:
    with pytest.raises(InvalidValue) as caught:
        fair_market_value(PriceHistory([]), date(2004, 6, 14), window=window)  # type: ignore[arg-type]
    assert caught.value.field == "window"


# -- another calendar ---------------------------------------------------------------------------


class EveryWeekday:
    """A calendar with no holidays at all (a user-supplied TradingCalendar)."""

    def covers(self, day: date) -> bool:
        return True

    def is_trading_day(self, day: date) -> bool:
        return day.weekday() < 5

    def trading_days(self, start: date, end: date) -> list[date]:
        span = (end - start).days + 1
        return [d for d in (start + timedelta(n) for n in range(span)) if d.weekday() < 5]

    def preceding_trading_days(self, day: date, count: int) -> tuple[date, ...]:
        found: list[date] = []
        probe = day
        while len(found) < count:
            probe -= timedelta(days=1)
            if probe.weekday() < 5:
                found.append(probe)
        return tuple(reversed(found))


def test_spec_3_fmv_uses_the_history_calendar() -> None:
    calendar = EveryWeekday()
    assert isinstance(calendar, warrant.TradingCalendar)
    prices = {
        date(2004, 6, 7): "1",
        date(2004, 6, 8): "2",
        date(2004, 6, 9): "3",
        date(2004, 6, 10): "4",
        date(2004, 6, 11): "5",  # a trading day on this calendar
    }
    history = PriceHistory(
        (Quote(day=day, close=price) for day, price in prices.items()), calendar=calendar
    )
    fmv = fair_market_value(history, date(2004, 6, 14))
    assert fmv.days == tuple(prices)
    assert fmv.value == F(3)


# -- SPEC §11 invariant 9 (Hypothesis) ------------------------------------------------------------

positive_prices = st.fractions(min_value=F(1, 100), max_value=F(10_000), max_denominator=10_000)


@st.composite
def priced_run(draw: st.DrawFn) -> tuple[list[date], dict[date, Fraction]]:
    """A run of consecutive trading days (as listed by the library) with random prices."""
    start = draw(st.dates(min_value=date(1996, 1, 1), max_value=date(2035, 10, 1)))
    days = trading_days(start, start + timedelta(days=draw(st.integers(10, 30))))
    prices = draw(st.lists(positive_prices, min_size=len(days), max_size=len(days)))
    return days, dict(zip(days, prices, strict=True))


@settings(max_examples=40, deadline=None)
@given(priced_run())
def test_invariant_9_fmv_between_least_and_greatest_close(
    run: tuple[list[date], dict[date, Fraction]],
) -> None:
    days, prices = run
    history = closes(prices)
    # Every calendar date after the fifth trading day up to the day after the last.
    first, last = days[4] + timedelta(days=1), days[-1] + timedelta(days=1)
    for offset in range((last - first).days + 1):
        on = first + timedelta(days=offset)
        window = [day for day in days if day < on][-5:]
        window_prices = [prices[day] for day in window]
        fmv = fair_market_value(history, on)
        assert fmv.days == tuple(window)
        assert fmv.value == sum(window_prices, F(0)) / 5
        assert min(window_prices) <= fmv.value <= max(window_prices)
        assert on not in fmv.days


@settings(max_examples=40, deadline=None)
@given(priced_run())
def test_invariant_9_fmv_unchanged_across_non_trading_days(
    run: tuple[list[date], dict[date, Fraction]],
) -> None:
    days, prices = run
    history = closes(prices)
    trading = set(days)
    # A date D that is not a trading day has the same five preceding days as the next
    # trading day after it, so the same FMV.
    for earlier, later in itertools.pairwise(days[4:]):
        reference = fair_market_value(history, later)
        on = earlier + timedelta(days=1)
        while on < later:
            assert on not in trading
            moved = fair_market_value(history, on)
            assert moved.value == reference.value
            assert moved.days == reference.days
            on += timedelta(days=1)


def test_invariant_9_weekend_and_following_monday_share_a_window() -> None:
    # Fri 2004-06-18 is a trading day. FMV on Sat 06-19, Sun 06-20 and Mon 06-21 all use
    # Mon-Fri 06-14..06-18; FMV on Friday itself does not include Friday: it uses
    # 06-10 and 06-14..06-17 (06-11 was closed).
    prices = {
        date(2004, 6, 10): "1.10",
        date(2004, 6, 14): "1.20",
        date(2004, 6, 15): "1.30",
        date(2004, 6, 16): "1.40",
        date(2004, 6, 17): "1.50",
        date(2004, 6, 18): "2.60",
    }
    history = closes(prices)
    weekend = [fair_market_value(history, date(2004, 6, d)) for d in (19, 20, 21)]
    for fmv in weekend:
        assert fmv.days == tuple(list(prices)[1:])
        assert fmv.value == mean("1.20", "1.30", "1.40", "1.50", "2.60") == F(8, 5)
    friday = fair_market_value(history, date(2004, 6, 18))
    assert friday.days == tuple(list(prices)[:5])
    assert friday.value == mean("1.10", "1.20", "1.30", "1.40", "1.50") == F(13, 10)
    assert friday.value != weekend[0].value
