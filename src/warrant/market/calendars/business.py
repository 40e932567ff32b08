"""Business days: the days on which a Section 1 exercise can be made and settled.

The warrant does not define "business day" itself; it takes the term from the
Credit Agreement.  The library's default reading is the federal one, the same
one the 2003 exchange offer used: a business day is any day other than a
Saturday, a Sunday, or a legal public holiday of the United States listed in
5 U.S.C. 6103(a), taken on the day it is observed.

Observance follows the federal rules: a holiday falling on a Saturday is
observed on the Friday before (5 U.S.C. 6103(b)) -- even when that Friday is in
the previous year, so Friday 2021-12-31 was the observed New Year's Day 2022 --
and one falling on a Sunday on the Monday after (Executive Order 11582).

Closures ordered by executive order (Christmas Eve in some years, national days
of mourning for former presidents) are *not* legal public holidays and are not
in the default calendar.  Nor is Inauguration Day, a holiday only for federal
employees in the Washington area (5 U.S.C. 6103(c)).  A user whose reading of
the Credit Agreement differs passes their own :class:`BusinessDayCalendar`.
"""

from __future__ import annotations

import functools
from datetime import date
from typing import ClassVar, Final, Protocol, runtime_checkable

from dateutil.relativedelta import MO, TH

from warrant.ground.dates import require_date
from warrant.ground.errors import CalendarRangeError, InvalidValue
from warrant.market.calendars.rules import Holiday, NthWeekday, OnDate, observed_holidays

__all__ = [
    "DEFAULT_BUSINESS_DAYS",
    "FEDERAL_LEGAL_HOLIDAYS",
    "BusinessDayCalendar",
    "FederalBusinessDays",
]

CLAUSE: Final = "Section 1"


@runtime_checkable
class BusinessDayCalendar(Protocol):
    """What the exercise provisions of Section 1 need from a business-day calendar."""

    def is_business_day(self, day: date) -> bool:
        """Whether ``day`` is a business day."""
        ...


# The legal public holidays of 5 U.S.C. 6103(a) as they have stood since the
# Uniform Monday Holiday Act took effect in 1971.  Each line is one holiday;
# every one is observed Saturday -> Friday, Sunday -> Monday.
FEDERAL_LEGAL_HOLIDAYS: Final[tuple[Holiday, ...]] = (
    Holiday("New Year's Day", OnDate(1, 1)),
    Holiday("Birthday of Martin Luther King, Jr.", NthWeekday(1, MO(+3)), first_year=1986),
    Holiday("Washington's Birthday", NthWeekday(2, MO(+3))),
    Holiday("Memorial Day", NthWeekday(5, MO(-1))),
    Holiday("Juneteenth National Independence Day", OnDate(6, 19), first_year=2021),
    Holiday("Independence Day", OnDate(7, 4)),
    Holiday("Labor Day", NthWeekday(9, MO(+1))),
    Holiday("Columbus Day", NthWeekday(10, MO(+2))),
    # The 1968 Act moved Veterans Day to the fourth Monday of October for
    # 1971-1977; a 1975 law returned it to November 11 from 1978.
    Holiday("Veterans Day", NthWeekday(10, MO(+4)), last_year=1977),
    Holiday("Veterans Day", OnDate(11, 11), first_year=1978),
    Holiday("Thanksgiving Day", NthWeekday(11, TH(+4))),
    Holiday("Christmas Day", OnDate(12, 25)),
)


class FederalBusinessDays:
    """Business days under the federal reading: not a weekend, not a legal public holiday.

    Supports every day from 1971-01-01 (the first year of the Monday-holiday
    rules) to 2100-12-31; outside that, methods raise
    :class:`~warrant.ground.errors.CalendarRangeError`.  The holiday table is built
    on first use.
    """

    FIRST_DAY: ClassVar[date] = date(1971, 1, 1)
    LAST_DAY: ClassVar[date] = date(2100, 12, 31)
    NAME: ClassVar[str] = "federal business-day calendar"
    HOLIDAYS: ClassVar[tuple[Holiday, ...]] = FEDERAL_LEGAL_HOLIDAYS

    @functools.cached_property
    def _holidays(self) -> dict[date, str]:
        # Built on first use so that importing the library stays cheap.
        return observed_holidays(self.HOLIDAYS, self.FIRST_DAY, self.LAST_DAY)

    def _checked(self, day: object) -> date:
        checked = (
            day if type(day) is date else require_date(day, field="day", clause=CLAUSE, text=False)
        )
        if not self.FIRST_DAY <= checked <= self.LAST_DAY:
            raise CalendarRangeError(
                f"{checked.isoformat()} is outside the range the {self.NAME} supports"
                f" ({self.FIRST_DAY.isoformat()} to {self.LAST_DAY.isoformat()});"
                " its holidays are not known outside it",
                field="day",
                clause=CLAUSE,
            )
        return checked

    def covers(self, day: date) -> bool:
        """Whether ``day`` lies in the supported span (a datetime is refused)."""
        day = require_date(day, field="day", clause=CLAUSE, text=False)
        return self.FIRST_DAY <= day <= self.LAST_DAY

    def is_business_day(self, day: date) -> bool:
        """Whether ``day`` is a business day for Section 1 exercise purposes."""
        checked = self._checked(day)
        return checked.weekday() < 5 and checked not in self._holidays

    def holiday_name(self, day: date) -> str | None:
        """The legal public holiday observed on ``day``, or ``None``.

        A holiday moved off a weekend is labelled "(observed)", e.g.
        ``holiday_name(date(2021, 12, 31)) == "New Year's Day (observed)"``.
        """
        return self._holidays.get(self._checked(day))

    def federal_holidays(self, year: int) -> dict[date, str]:
        """The legal public holidays *observed* in calendar ``year``, by date, in order.

        Keyed by the observed day, so a Saturday New Year's Day appears in the
        previous year's list (``federal_holidays(2021)`` includes 2021-12-31 and
        ``federal_holidays(2022)`` has no New Year's Day), as in OPM's tables.
        """
        if isinstance(year, bool) or not isinstance(year, int):
            raise InvalidValue(
                f"expected a year as a whole number, got {type(year).__name__} {year!r}",
                field="year",
                clause=CLAUSE,
            )
        if not self.FIRST_DAY.year <= year <= self.LAST_DAY.year:
            raise CalendarRangeError(
                f"{year} is outside the range the {self.NAME} supports"
                f" ({self.FIRST_DAY.year} to {self.LAST_DAY.year})",
                field="year",
                clause=CLAUSE,
            )
        return {day: name for day, name in self._holidays.items() if day.year == year}


#: The business-day calendar used when none is given.
DEFAULT_BUSINESS_DAYS: Final[FederalBusinessDays] = FederalBusinessDays()
