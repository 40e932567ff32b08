"""The trading calendar behind Section 1's Fair Market Value window.

The rule-based calendar is checked day by day against an independent oracle,
the ``XNYS`` calendar of the ``exchange_calendars`` package (the Nasdaq
National Market kept the same holidays and closures, and ``XNAS`` there is the
same calendar), over the whole supported range 1995-2035.  There is no
deliberate difference between the two.
"""

from __future__ import annotations

import subprocess
import sys
import warnings
from datetime import date, datetime, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from warrant.ground.errors import CalendarRangeError, InvalidValue
from warrant.market.calendars import (
    DEFAULT_TRADING_CALENDAR,
    NYSE_SPECIAL_CLOSURES,
    Closure,
    NasdaqTradingCalendar,
    RuleTradingCalendar,
    TradingCalendar,
    is_trading_day,
    preceding_trading_days,
    trading_days,
)

CAL = DEFAULT_TRADING_CALENDAR
FIRST = NasdaqTradingCalendar.FIRST_DAY
LAST = NasdaqTradingCalendar.LAST_DAY


def every_day(first: date, last: date) -> list[date]:
    return [first + timedelta(days=n) for n in range((last - first).days + 1)]


@pytest.fixture(scope="module")
def xnys_sessions() -> frozenset[date]:
    """The NYSE sessions of 1995-2035 according to exchange_calendars (loaded once)."""
    xcals = pytest.importorskip("exchange_calendars")
    with warnings.catch_warnings():
        # pandas deprecation noise from inside exchange_calendars, not ours.
        warnings.simplefilter("ignore")
        oracle = xcals.get_calendar("XNYS", start=FIRST.isoformat(), end=LAST.isoformat())
    return frozenset(session.date() for session in oracle.sessions)


# -- the oracle ------------------------------------------------------------------------------------


def test_supported_range_is_at_least_1995_to_2035() -> None:
    assert date(1995, 1, 1) >= FIRST
    assert date(2035, 12, 31) <= LAST


def test_sessions_identical_to_exchange_calendars(xnys_sessions: frozenset[date]) -> None:
    ours = trading_days(FIRST, LAST)
    assert ours == sorted(xnys_sessions)
    assert len(ours) == len(set(ours))


def test_day_by_day_agrees_with_exchange_calendars(xnys_sessions: frozenset[date]) -> None:
    disagreements = [
        day for day in every_day(FIRST, LAST) if CAL.is_trading_day(day) != (day in xnys_sessions)
    ]
    assert disagreements == []


def test_every_weekday_closure_has_a_reason(xnys_sessions: frozenset[date]) -> None:
    for day in every_day(FIRST, LAST):
        if day.weekday() < 5 and day not in xnys_sessions:
            assert CAL.holiday_name(day), day
        else:
            assert CAL.holiday_name(day) is None, day


# -- golden worked examples ------------------------------------------------------------------------


def test_fmv_window_skips_reagan_funeral() -> None:
    # 2004-06-14 is a Monday; Friday 2004-06-11 was closed for President Reagan's funeral.
    assert CAL.preceding_trading_days(date(2004, 6, 14), 5) == (
        date(2004, 6, 4),
        date(2004, 6, 7),
        date(2004, 6, 8),
        date(2004, 6, 9),
        date(2004, 6, 10),
    )
    assert CAL.holiday_name(date(2004, 6, 11)) == "National day of mourning for President Reagan"


def test_window_never_includes_the_day_itself() -> None:
    day = date(2004, 6, 10)  # a trading day
    assert CAL.is_trading_day(day)
    assert CAL.preceding_trading_days(day, 1) == (date(2004, 6, 9),)


def test_fmv_window_across_september_2001_closure() -> None:
    # Closed 09-11 to 09-14; the market reopened on Monday 09-17.
    assert CAL.preceding_trading_days(date(2001, 9, 18), 5) == (
        date(2001, 9, 5),
        date(2001, 9, 6),
        date(2001, 9, 7),
        date(2001, 9, 10),
        date(2001, 9, 17),
    )


@pytest.mark.parametrize(
    ("day", "open_", "reason"),
    [
        # New Year's Day 2005 was a Saturday; the exchange did not close the Friday before.
        (date(2004, 12, 31), True, None),
        (date(2022, 6, 20), False, "Juneteenth National Independence Day (observed)"),
        (date(2021, 6, 18), True, None),  # a federal holiday, but not yet an exchange one
        (date(2027, 6, 18), False, "Juneteenth National Independence Day (observed)"),
        (date(1997, 1, 20), True, None),  # MLK Day before the exchange observed it
        (date(1998, 1, 19), False, "Martin Luther King Jr. Day"),
        (date(2002, 3, 29), False, "Good Friday"),
        (date(2012, 1, 2), False, "New Year's Day (observed)"),  # Jan 1 2012 was a Sunday
        (date(2010, 12, 31), True, None),  # Jan 1 2011 was a Saturday: not made up
        (date(2015, 7, 3), False, "Independence Day (observed)"),
        (date(2021, 12, 24), False, "Christmas Day (observed)"),
        (date(2022, 12, 26), False, "Christmas Day (observed)"),
        (date(2002, 11, 28), False, "Thanksgiving Day"),
        (date(2002, 11, 29), True, None),
        (date(2002, 5, 27), False, "Memorial Day"),
        (date(2002, 9, 2), False, "Labor Day"),
        (date(2002, 2, 18), False, "Washington's Birthday"),
        (date(2002, 10, 14), True, None),  # Columbus Day: the market trades
        (date(2002, 11, 11), True, None),  # Veterans Day: the market trades
        (date(2007, 1, 2), False, "National day of mourning for President Ford"),
        (date(2012, 10, 29), False, "Hurricane Sandy"),
        (date(2012, 10, 30), False, "Hurricane Sandy"),
        (date(2018, 12, 5), False, "National day of mourning for President George H. W. Bush"),
        (date(2025, 1, 9), False, "National day of mourning for President Carter"),
    ],
)
def test_golden_days(day: date, open_: bool, reason: str | None) -> None:
    assert CAL.is_trading_day(day) is open_
    assert CAL.holiday_name(day) == reason


def test_weekends_are_closed_without_a_holiday_name() -> None:
    saturday = date(2020, 7, 4)  # Independence Day on a Saturday: closed Friday 07-03
    assert not CAL.is_trading_day(saturday)
    assert CAL.holiday_name(saturday) is None
    assert not CAL.is_trading_day(date(2020, 7, 3))


def test_special_closures_are_weekdays_in_range() -> None:
    for day, reason in NYSE_SPECIAL_CLOSURES:
        assert day.weekday() < 5 and FIRST <= day <= LAST and reason
        assert not CAL.is_trading_day(day)


def test_trading_days_inclusive_and_sorted() -> None:
    assert trading_days(date(2004, 6, 7), date(2004, 6, 14)) == [
        date(2004, 6, 7),
        date(2004, 6, 8),
        date(2004, 6, 9),
        date(2004, 6, 10),
        date(2004, 6, 14),
    ]
    assert trading_days(date(2004, 6, 11), date(2004, 6, 13)) == []
    assert trading_days(date(2004, 6, 14), date(2004, 6, 14)) == [date(2004, 6, 14)]


def test_module_level_helpers_use_the_default() -> None:
    assert is_trading_day(date(2004, 6, 14))
    assert preceding_trading_days(date(2004, 6, 14), 2) == (date(2004, 6, 9), date(2004, 6, 10))


# -- errors ----------------------------------------------------------------------------------------


@pytest.mark.parametrize("day", [date(1994, 12, 30), date(2036, 1, 2), date(1, 1, 1)])
def test_range_error_names_date_and_range(day: date) -> None:
    with pytest.raises(CalendarRangeError) as caught:
        CAL.is_trading_day(day)
    message = str(caught.value)
    assert day.isoformat() in message
    assert FIRST.isoformat() in message and LAST.isoformat() in message
    assert caught.value.field == "day"
    assert caught.value.clause == "Section 1"
    assert not CAL.covers(day)


def test_range_error_on_each_method() -> None:
    with pytest.raises(CalendarRangeError):
        CAL.preceding_trading_days(date(2036, 1, 1), 5)
    with pytest.raises(CalendarRangeError) as caught:
        CAL.trading_days(date(2035, 12, 1), date(2036, 1, 31))
    assert caught.value.field == "end"
    with pytest.raises(CalendarRangeError):
        CAL.holiday_name(date(1990, 1, 1))


def test_window_reaching_before_the_range() -> None:
    # The first trading days of 1995 are Jan 3, 4, 5, 6, 9.
    assert CAL.preceding_trading_days(date(1995, 1, 10), 5)[0] == date(1995, 1, 3)
    with pytest.raises(CalendarRangeError) as caught:
        CAL.preceding_trading_days(date(1995, 1, 9), 5)
    assert "only 4" in str(caught.value)


def test_covers() -> None:
    assert CAL.covers(FIRST) and CAL.covers(LAST)
    assert not CAL.covers(FIRST - timedelta(days=1))
    assert not CAL.covers(LAST + timedelta(days=1))


@pytest.mark.parametrize(
    "call",
    [
        lambda: CAL.is_trading_day(datetime(2004, 6, 14, 16, 0)),
        lambda: CAL.preceding_trading_days(datetime(2004, 6, 14), 5),
        lambda: CAL.trading_days(datetime(2004, 6, 1), date(2004, 6, 14)),
        lambda: CAL.covers(datetime(2004, 6, 14)),
        lambda: CAL.holiday_name(datetime(2004, 6, 11)),
    ],
)
def test_datetime_refused(call: object) -> None:
    assert callable(call)
    with pytest.raises(InvalidValue, match="pass a date, not a datetime"):
        call()


@pytest.mark.parametrize("value", ["2004-06-14", 20040614, None])
def test_non_date_refused(value: object) -> None:
    with pytest.raises(InvalidValue, match=r"datetime\.date"):
        CAL.is_trading_day(value)  # type: ignore[arg-type]


def test_start_after_end_refused() -> None:
    with pytest.raises(InvalidValue, match="after"):
        CAL.trading_days(date(2004, 6, 14), date(2004, 6, 1))


@pytest.mark.parametrize("count", [0, -1, True, 5.0, "5"])
def test_bad_count_refused(count: object) -> None:
    with pytest.raises(InvalidValue) as caught:
        CAL.preceding_trading_days(date(2004, 6, 14), count)  # type: ignore[arg-type]
    assert caught.value.field == "count"


# -- user-defined calendars ------------------------------------------------------------------------


class WednesdaysOff(RuleTradingCalendar):
    """A made-up market, open Monday to Friday except Wednesdays, in 2000 only."""

    FIRST_DAY = date(2000, 1, 1)
    LAST_DAY = date(2000, 12, 31)
    NAME = "Wednesdays-off calendar"

    def is_open(self, day: date) -> bool:
        return day.weekday() in (0, 1, 3, 4)


def test_user_calendar_satisfies_protocol() -> None:
    cal = WednesdaysOff()
    assert isinstance(cal, TradingCalendar)
    assert isinstance(CAL, TradingCalendar)
    # 2000-06-09 is a Friday.
    assert cal.preceding_trading_days(date(2000, 6, 9), 3) == (
        date(2000, 6, 5),
        date(2000, 6, 6),
        date(2000, 6, 8),
    )
    assert not cal.is_trading_day(date(2000, 6, 7))
    assert cal.holiday_name(date(2000, 6, 7)) is None
    with pytest.raises(CalendarRangeError, match="Wednesdays-off calendar"):
        cal.is_trading_day(date(2001, 1, 2))


def test_duck_typed_calendar_satisfies_protocol() -> None:
    class Duck:
        def is_trading_day(self, day: date) -> bool:
            return True

        def trading_days(self, start: date, end: date) -> list[date]:
            return []

        def preceding_trading_days(self, day: date, count: int) -> tuple[date, ...]:
            return ()

        def covers(self, day: date) -> bool:
            return True

    assert isinstance(Duck(), TradingCalendar)
    assert not isinstance(object(), TradingCalendar)


def test_subclass_can_add_a_closure() -> None:
    class WithExtraClosure(NasdaqTradingCalendar):
        SPECIAL_CLOSURES = (
            *NYSE_SPECIAL_CLOSURES,
            Closure(date(2004, 6, 10), "hypothetical outage"),
        )

    cal = WithExtraClosure()
    assert not cal.is_trading_day(date(2004, 6, 10))
    assert cal.holiday_name(date(2004, 6, 10)) == "hypothetical outage"
    assert cal.preceding_trading_days(date(2004, 6, 14), 1) == (date(2004, 6, 9),)
    assert CAL.is_trading_day(date(2004, 6, 10))  # the default is untouched


# -- laziness (speed is measured by benchmarks/, never in a test) ----------------------------------


def test_nothing_is_computed_at_import() -> None:
    code = (
        "import warrant.market.calendars as c\n"
        "state = vars(c.DEFAULT_TRADING_CALENDAR)\n"
        "assert '_days' not in state and '_closed_weekdays' not in state, state.keys()\n"
        "assert '_holidays' not in vars(c.DEFAULT_BUSINESS_DAYS)\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True, env=None)


# -- property --------------------------------------------------------------------------------------


@settings(max_examples=300, deadline=None)
@given(st.dates(min_value=date(1995, 1, 10), max_value=LAST))
def test_preceding_days_are_the_last_trading_days_before(day: date) -> None:
    window = CAL.preceding_trading_days(day, 5)
    assert len(window) == 5
    assert list(window) == sorted(window)
    assert all(CAL.is_trading_day(d) and d < day for d in window)
    assert list(window) == CAL.trading_days(FIRST, day - timedelta(days=1))[-5:]
    # Nothing open was skipped between the window and the day.
    gap = every_day(window[-1] + timedelta(days=1), day - timedelta(days=1))
    assert not any(CAL.is_trading_day(d) for d in gap)
