"""Business days (Section 1 exercise): weekends and federal legal public holidays.

The expected holidays are computed here independently of the library, with
plain ``calendar.monthcalendar`` arithmetic, for every year 1971-2100, and
checked against a handful of dates published by the Office of Personnel
Management.
"""

from __future__ import annotations

import calendar
from datetime import date, datetime, timedelta

import pytest

from warrant.ground.errors import CalendarRangeError, InvalidValue
from warrant.market.calendars import (
    DEFAULT_BUSINESS_DAYS,
    BusinessDayCalendar,
    FederalBusinessDays,
    federal_holidays,
    is_business_day,
)

CAL = DEFAULT_BUSINESS_DAYS
FIRST_YEAR, LAST_YEAR = 1971, 2100
MON, THU = calendar.MONDAY, calendar.THURSDAY


def nth(year: int, month: int, weekday: int, n: int) -> date:
    """The n-th ``weekday`` of the month (``n=-1``: the last), from the month's grid."""
    days = [week[weekday] for week in calendar.monthcalendar(year, month) if week[weekday]]
    return date(year, month, days[n - 1] if n > 0 else days[n])


def observed(day: date) -> date:
    """Saturday -> Friday before, Sunday -> Monday after."""
    if day.weekday() == calendar.SATURDAY:
        return day - timedelta(days=1)
    if day.weekday() == calendar.SUNDAY:
        return day + timedelta(days=1)
    return day


def holidays_of(year: int) -> list[date]:
    """The legal public holidays of ``year`` (5 U.S.C. 6103(a)), before observance."""
    days = [
        date(year, 1, 1),
        nth(year, 2, MON, 3),  # Washington's Birthday
        nth(year, 5, MON, -1),  # Memorial Day
        date(year, 7, 4),
        nth(year, 9, MON, 1),  # Labor Day
        nth(year, 10, MON, 2),  # Columbus Day
        nth(year, 11, THU, 4),  # Thanksgiving
        date(year, 12, 25),
    ]
    if year >= 1986:
        days.append(nth(year, 1, MON, 3))  # Martin Luther King Jr.
    if year >= 2021:
        days.append(date(year, 6, 19))  # Juneteenth
    # Veterans Day: fourth Monday of October 1971-1977, November 11 since 1978.
    days.append(nth(year, 10, MON, 4) if year <= 1977 else date(year, 11, 11))
    return days


@pytest.fixture(scope="module")
def expected() -> frozenset[date]:
    found = {
        observed(day)
        for year in range(FIRST_YEAR, LAST_YEAR + 2)  # + 1: a Saturday Jan 1 falls back
        for day in holidays_of(year)
    }
    return frozenset(d for d in found if date(FIRST_YEAR, 1, 1) <= d <= date(LAST_YEAR, 12, 31))


def test_holidays_match_independent_computation(expected: frozenset[date]) -> None:
    ours = {day for year in range(FIRST_YEAR, LAST_YEAR + 1) for day in federal_holidays(year)}
    assert ours == expected


def test_every_day_1971_to_2100(expected: frozenset[date]) -> None:
    day, last = date(FIRST_YEAR, 1, 1), date(LAST_YEAR, 12, 31)
    wrong = []
    while day <= last:
        want = day.weekday() < 5 and day not in expected
        if is_business_day(day) != want:
            wrong.append(day)
        day += timedelta(days=1)
    assert wrong == []


@pytest.mark.parametrize(
    ("day", "name"),
    [
        (date(2021, 12, 31), "New Year's Day (observed)"),  # for Saturday 2022-01-01
        (date(2022, 12, 26), "Christmas Day (observed)"),
        (date(2023, 1, 2), "New Year's Day (observed)"),
        (date(2021, 6, 18), "Juneteenth National Independence Day (observed)"),
        (date(2022, 6, 20), "Juneteenth National Independence Day (observed)"),
        (date(2021, 7, 5), "Independence Day (observed)"),
        (date(2020, 7, 3), "Independence Day (observed)"),
        (date(2021, 12, 24), "Christmas Day (observed)"),
        (date(2023, 11, 10), "Veterans Day (observed)"),
        (date(2002, 10, 14), "Columbus Day"),
        (date(2002, 11, 11), "Veterans Day"),
        (date(1986, 1, 20), "Birthday of Martin Luther King, Jr."),
        (date(1975, 10, 27), "Veterans Day"),  # fourth Monday of October, 1971-1977
        (date(1999, 12, 31), "New Year's Day (observed)"),  # for Saturday 2000-01-01
    ],
)
def test_golden_holidays(day: date, name: str) -> None:
    assert not is_business_day(day)
    assert CAL.holiday_name(day) == name


@pytest.mark.parametrize(
    "day",
    [
        date(2020, 6, 19),  # before Juneteenth became a holiday
        date(2007, 3, 2),  # an ordinary Friday
        date(1985, 1, 21),  # third Monday of January before MLK Day
        date(1975, 11, 11),  # Veterans Day was in October that year
        date(2003, 4, 18),  # Good Friday is not a federal holiday
        # Executive-order closures are not legal public holidays (documented choice):
        date(2018, 12, 24),
        date(2019, 12, 24),
        date(2004, 6, 11),  # President Reagan's day of mourning
        date(2007, 1, 2),  # President Ford's
        date(2018, 12, 5),  # President G. H. W. Bush's
        date(2025, 1, 9),  # President Carter's
        date(2021, 1, 20),  # Inauguration Day: a holiday only in the Washington area
    ],
)
def test_golden_business_days(day: date) -> None:
    assert is_business_day(day)
    assert CAL.holiday_name(day) is None


def test_weekend_is_not_a_business_day() -> None:
    assert not is_business_day(date(2007, 3, 3))  # Saturday
    assert not is_business_day(date(2007, 3, 4))  # Sunday
    assert CAL.holiday_name(date(2007, 3, 3)) is None


def test_saturday_new_year_is_listed_in_the_previous_year() -> None:
    assert date(2021, 12, 31) in federal_holidays(2021)
    assert not any("New Year" in name for name in federal_holidays(2022).values())
    assert list(federal_holidays(2023)) == sorted(federal_holidays(2023))
    assert len(federal_holidays(2023)) == 11


def test_range_errors() -> None:
    for day in (date(1970, 12, 31), date(2101, 1, 1)):
        with pytest.raises(CalendarRangeError) as caught:
            is_business_day(day)
        assert day.isoformat() in str(caught.value)
        assert "1971-01-01" in str(caught.value) and "2100-12-31" in str(caught.value)
        assert not CAL.covers(day)
    assert CAL.covers(date(1971, 1, 1)) and CAL.covers(date(2100, 12, 31))
    with pytest.raises(CalendarRangeError):
        federal_holidays(1970)
    with pytest.raises(CalendarRangeError):
        federal_holidays(2101)


def test_bad_arguments() -> None:
    with pytest.raises(InvalidValue, match="pass a date, not a datetime"):
        is_business_day(datetime(2007, 3, 2, 9, 30))
    with pytest.raises(InvalidValue, match="pass a date, not a datetime"):
        CAL.covers(datetime(2007, 3, 2))
    with pytest.raises(InvalidValue):
        is_business_day("2007-03-02")  # type: ignore[arg-type]
    with pytest.raises(InvalidValue):
        federal_holidays("2007")  # type: ignore[arg-type]


def test_protocol_and_user_calendar() -> None:
    assert isinstance(CAL, BusinessDayCalendar)
    assert isinstance(FederalBusinessDays(), BusinessDayCalendar)

    class WithChristmasEve(FederalBusinessDays):
        """A reading that also treats executive-order Christmas Eve closures as holidays."""

        EXTRA = frozenset({date(2018, 12, 24), date(2019, 12, 24), date(2020, 12, 24)})

        def is_business_day(self, day: date) -> bool:
            return super().is_business_day(day) and day not in self.EXTRA

    custom = WithChristmasEve()
    assert isinstance(custom, BusinessDayCalendar)
    assert not custom.is_business_day(date(2019, 12, 24))
    assert custom.is_business_day(date(2019, 12, 23))
