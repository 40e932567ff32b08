"""Holiday rules: how a named holiday's date is found each year, and when it is observed.

A rule is a small value object with one method, ``on(year) -> date``.  Three
kinds cover every holiday the library needs:

* :class:`OnDate` -- a fixed month and day (Independence Day, July 4);
* :class:`NthWeekday` -- the n-th (or last) weekday of a month (Thanksgiving,
  the fourth Thursday of November), computed with ``dateutil.relativedelta``;
* :class:`EasterOffset` -- a number of days from Western Easter (Good Friday,
  two days before), computed with ``dateutil.easter``.

A :class:`Holiday` pairs a name with a rule, the years it is in force, and an
:class:`Observance` that says what happens when the date falls on a weekend.
The trading calendar (Section 1's Fair Market Value window) and the business-day
calendar (Section 1's exercise dates) are both built from tuples of holidays, so
each holiday's definition sits on one line where a reader can check it.
"""

from __future__ import annotations

import enum
from collections.abc import Iterable
from datetime import date, timedelta
from typing import NamedTuple, Protocol

import attrs
from dateutil.easter import easter
from dateutil.relativedelta import relativedelta
from dateutil.relativedelta import weekday as Weekday

__all__ = [
    "Closure",
    "DateRule",
    "EasterOffset",
    "Holiday",
    "NthWeekday",
    "Observance",
    "OnDate",
    "observed_holidays",
]

_ONE_DAY = timedelta(days=1)
_SATURDAY = 5
_SUNDAY = 6
_MONTHS = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)  # fmt: skip
_WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
_ORDINALS = {1: "first", 2: "second", 3: "third", 4: "fourth", 5: "fifth", -1: "last"}


class DateRule(Protocol):
    """Anything that gives a holiday's (unshifted) date in a year."""

    def on(self, year: int) -> date:
        """The holiday's date in ``year``, before any weekend observance."""
        ...


def _check_month(_instance: object, _attribute: object, month: int) -> None:
    if not 1 <= month <= 12:
        raise ValueError(f"month must be 1..12, got {month}")


@attrs.frozen
class OnDate:
    """The same month and day every year (for example July 4)."""

    month: int = attrs.field(validator=_check_month)
    day: int

    def on(self, year: int) -> date:
        """The date in ``year``."""
        return date(year, self.month, self.day)

    def __str__(self) -> str:
        return f"{_MONTHS[self.month - 1]} {self.day}"


def _check_nth(_instance: object, _attribute: object, weekday: Weekday) -> None:
    # A bare MO (n is None) would silently mean "the first"; make the n explicit.
    if weekday.n not in _ORDINALS:
        raise ValueError(f"give the occurrence, MO(+1)..MO(+5) or MO(-1); got {weekday!r}")


@attrs.frozen
class NthWeekday:
    """The n-th weekday of a month, e.g. ``NthWeekday(11, TH(+4))`` is Thanksgiving.

    ``weekday`` is a ``dateutil.relativedelta`` weekday with an occurrence:
    ``MO(+3)`` is the third Monday, ``MO(-1)`` the last Monday.
    """

    month: int = attrs.field(validator=_check_month)
    weekday: Weekday = attrs.field(validator=_check_nth)

    def on(self, year: int) -> date:
        """The date in ``year``.

        Counting forward starts from the 1st of the month; counting backward
        from its last day (``day=31`` is clamped by relativedelta to the month's
        length).  The anchor is set with an *absolute* ``day=`` so the weekday
        search starts from it; mixing a relative ``days=`` shift into the same
        relativedelta would apply the shift before the search (the classic
        ``relativedelta(weekday=TH(+4), days=+1)`` trap), so any shift of a
        holiday is done afterwards, by :class:`Observance`.
        """
        anchor = 1 if self.weekday.n > 0 else 31
        return date(year, self.month, 1) + relativedelta(day=anchor, weekday=self.weekday)

    def __str__(self) -> str:
        return (
            f"{_ORDINALS[self.weekday.n]} {_WEEKDAYS[self.weekday.weekday]}"
            f" of {_MONTHS[self.month - 1]}"
        )


@attrs.frozen
class EasterOffset:
    """A fixed number of days from Western Easter Sunday (Good Friday is ``-2``)."""

    days: int

    def on(self, year: int) -> date:
        """The date in ``year``."""
        return easter(year) + timedelta(days=self.days)

    def __str__(self) -> str:
        if self.days == 0:
            return "Easter Sunday"
        side = "before" if self.days < 0 else "after"
        return f"{abs(self.days)} days {side} Easter Sunday"


class Observance(enum.Enum):
    """What happens to a holiday that falls on a Saturday or a Sunday."""

    #: Sunday moves to the Monday after; Saturday is not made up.  The stock
    #: exchanges use this for New Year's Day, because closing on the Friday
    #: before would close the market on the last day of the accounting year.
    SUNDAY_TO_MONDAY = "Sunday to the following Monday; Saturday not observed"

    #: Saturday moves to the Friday before, Sunday to the Monday after.
    NEAREST_WEEKDAY = "Saturday to the preceding Friday; Sunday to the following Monday"

    def shift(self, day: date) -> date | None:
        """The weekday on which a holiday falling on ``day`` is observed, or ``None``."""
        weekday = day.weekday()
        if weekday == _SUNDAY:
            return day + _ONE_DAY
        if weekday == _SATURDAY:
            return day - _ONE_DAY if self is Observance.NEAREST_WEEKDAY else None
        return day


@attrs.frozen
class Holiday:
    """A named holiday: its rule, its weekend observance, and the years it is in force.

    ``first_year`` and ``last_year`` are inclusive and refer to the year of the
    holiday itself, not of the observed day (New Year's Day 2022, a Saturday,
    is observed by the federal government on Friday 2021-12-31).
    """

    name: str
    rule: DateRule
    observance: Observance = Observance.NEAREST_WEEKDAY
    first_year: int | None = None
    last_year: int | None = None

    def in_force(self, year: int) -> bool:
        """Whether the holiday existed in ``year``."""
        if self.first_year is not None and year < self.first_year:
            return False
        return self.last_year is None or year <= self.last_year

    def observed(self, year: int) -> date | None:
        """The weekday the holiday of ``year`` is observed on, or ``None`` if it is not."""
        if not self.in_force(year):
            return None
        return self.observance.shift(self.rule.on(year))

    def __str__(self) -> str:
        years = ""
        if self.first_year is not None and self.last_year is not None:
            years = f" ({self.first_year}-{self.last_year})"
        elif self.first_year is not None:
            years = f" (from {self.first_year})"
        elif self.last_year is not None:
            years = f" (until {self.last_year})"
        return f"{self.name}: {self.rule}{years}"


class Closure(NamedTuple):
    """A one-off closure of the market: the day and the reason."""

    day: date
    reason: str


def observed_holidays(
    holidays: Iterable[Holiday], first_day: date, last_day: date
) -> dict[date, str]:
    """Every observed holiday between ``first_day`` and ``last_day`` (inclusive), by date.

    A holiday moved off a weekend is labelled "(observed)".  The years just
    outside the span are examined too, because observance can move a holiday
    across a year boundary (a Saturday January 1 observed on December 31).
    If two holidays ever landed on one day their names would be joined.
    """
    found: dict[date, str] = {}
    rules = tuple(holidays)
    for year in range(first_day.year - 1, last_day.year + 2):
        for holiday in rules:
            day = holiday.observed(year)
            if day is None or not first_day <= day <= last_day:
                continue
            label = holiday.name
            if day != holiday.rule.on(year):
                label += " (observed)"
            found[day] = f"{found[day]} and {label}" if day in found else label
    return dict(sorted(found.items()))
