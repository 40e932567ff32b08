"""Trading days: the days on which the common stock's market was open.

Section 1 sets the Fair Market Value of a share at the mean of the closing
prices on the five consecutive trading days that come before a given date.
"Consecutive trading days" only makes sense against an exact list of the days
the market traded, so this module provides:

* :class:`TradingCalendar`, the protocol any calendar must satisfy;
* :class:`RuleTradingCalendar`, a base class that turns a single
  ``is_open(day)`` rule into a fast calendar (the only method a user-defined
  calendar has to write);
* :class:`NasdaqTradingCalendar`, the calendar of the Nasdaq National Market,
  which kept the New York Stock Exchange's holidays and emergency closures,
  with the default instance :data:`DEFAULT_TRADING_CALENDAR`.

The full list of trading days is built once, on first use (not at import),
and kept as a sorted tuple, so a lookup is a binary search.
"""

from __future__ import annotations

import abc
import functools
from bisect import bisect_left, bisect_right
from collections.abc import Iterator
from datetime import date, timedelta
from typing import ClassVar, Final, Protocol, runtime_checkable

from dateutil.relativedelta import MO, TH

from warrant.ground.dates import require_date
from warrant.ground.errors import CalendarRangeError
from warrant.market.calendars._validate import check_count, check_span
from warrant.market.calendars.rules import (
    Closure,
    EasterOffset,
    Holiday,
    NthWeekday,
    Observance,
    OnDate,
    observed_holidays,
)

__all__ = [
    "DEFAULT_TRADING_CALENDAR",
    "NYSE_SPECIAL_CLOSURES",
    "NYSE_STYLE_HOLIDAYS",
    "NasdaqTradingCalendar",
    "RuleTradingCalendar",
    "TradingCalendar",
]

CLAUSE: Final = "Section 1"
_ONE_DAY = timedelta(days=1)


@runtime_checkable
class TradingCalendar(Protocol):
    """What the Fair Market Value computation (Section 1) needs from a calendar.

    Any object with these four methods can be passed wherever the library
    takes a trading calendar; it does not have to inherit from anything.
    """

    def is_trading_day(self, day: date) -> bool:
        """Whether the market was open on ``day``."""
        ...

    def trading_days(self, start: date, end: date) -> list[date]:
        """The trading days from ``start`` to ``end``, both included, oldest first."""
        ...

    def preceding_trading_days(self, day: date, count: int) -> tuple[date, ...]:
        """The ``count`` trading days strictly before ``day``, oldest first."""
        ...

    def covers(self, day: date) -> bool:
        """Whether the calendar knows if the market was open on ``day``."""
        ...


class RuleTradingCalendar(abc.ABC):
    """Base class for a trading calendar defined by one rule, ``is_open(day)``.

    A subclass sets the supported span in the class attributes ``FIRST_DAY``
    and ``LAST_DAY`` (inclusive) and implements :meth:`is_open`; it inherits
    argument checking, range errors, and fast look-ups.  On first use the base
    class asks ``is_open`` about every day of the span once and keeps the
    answer as a sorted tuple (for ``bisect``) and a frozenset.  It may also
    override :meth:`holiday_name` to explain closures in error messages.

    Example::

        class EveryWeekday(RuleTradingCalendar):
            FIRST_DAY = date(2000, 1, 1)
            LAST_DAY = date(2000, 12, 31)

            def is_open(self, day: date) -> bool:
                return day.weekday() < 5
    """

    #: First day the calendar covers (inclusive).
    FIRST_DAY: ClassVar[date] = date(1995, 1, 1)
    #: Last day the calendar covers (inclusive).
    LAST_DAY: ClassVar[date] = date(2035, 12, 31)
    #: How the calendar is named in error messages.
    NAME: ClassVar[str] = "trading calendar"

    @abc.abstractmethod
    def is_open(self, day: date) -> bool:
        """Whether the market traded on ``day`` (called only for days in the span)."""

    # -- the precomputed tables ------------------------------------------------

    def _enumerate_trading_days(self) -> Iterator[date]:
        """Yield every trading day of the span in order; subclasses may do it faster."""
        day, last = self.FIRST_DAY, self.LAST_DAY
        while day <= last:
            if self.is_open(day):
                yield day
            day += _ONE_DAY

    @functools.cached_property
    def _days(self) -> tuple[date, ...]:
        # Built on first use so that importing the library stays cheap.
        return tuple(self._enumerate_trading_days())

    @functools.cached_property
    def _day_set(self) -> frozenset[date]:
        return frozenset(self._days)

    # -- checks ----------------------------------------------------------------

    def _range_error(self, day: date, field: str) -> CalendarRangeError:
        return CalendarRangeError(
            f"{day.isoformat()} is outside the range the {self.NAME} supports"
            f" ({self.FIRST_DAY.isoformat()} to {self.LAST_DAY.isoformat()});"
            " its holidays are not known outside it",
            field=field,
            clause=CLAUSE,
        )

    def _checked(self, day: object, field: str) -> date:
        # The common case (a plain date) skips the full check.
        checked = (
            day if type(day) is date else require_date(day, field=field, clause=CLAUSE, text=False)
        )
        if not self.FIRST_DAY <= checked <= self.LAST_DAY:
            raise self._range_error(checked, field)
        return checked

    # -- the TradingCalendar protocol -------------------------------------------

    def covers(self, day: date) -> bool:
        """Whether ``day`` lies in the supported span (a datetime is refused)."""
        day = require_date(day, field="day", clause=CLAUSE, text=False)
        return self.FIRST_DAY <= day <= self.LAST_DAY

    def is_trading_day(self, day: date) -> bool:
        """Whether the market was open on ``day`` (Section 1's trading days).

        Raises :class:`~warrant.ground.errors.CalendarRangeError` outside the span.
        """
        return self._checked(day, "day") in self._day_set

    def trading_days(self, start: date, end: date) -> list[date]:
        """The trading days from ``start`` to ``end``, both included, oldest first."""
        check_span(start, end, clause=CLAUSE)
        start = self._checked(start, "start")
        end = self._checked(end, "end")
        days = self._days
        return list(days[bisect_left(days, start) : bisect_right(days, end)])

    def preceding_trading_days(self, day: date, count: int) -> tuple[date, ...]:
        """The ``count`` trading days strictly before ``day``, oldest first.

        This is the Fair Market Value window of Section 1 (``count`` is 5
        there): the day itself is never part of its own window, whether or not
        the market was open on it.  Raises
        :class:`~warrant.ground.errors.CalendarRangeError` if ``day`` is outside the
        span or the window would reach back before its start.
        """
        day = self._checked(day, "day")
        if type(count) is not int or count < 1:
            count = check_count(count, field="count", clause=CLAUSE)
        days = self._days
        end = bisect_left(days, day)
        if end < count:
            raise CalendarRangeError(
                f"the {count} trading days before {day.isoformat()} reach back before"
                f" {self.FIRST_DAY.isoformat()}, the start of the range the {self.NAME}"
                f" supports ({self.FIRST_DAY.isoformat()} to {self.LAST_DAY.isoformat()});"
                f" only {end} are covered",
                field="day",
                clause=CLAUSE,
            )
        return days[end - count : end]

    def holiday_name(self, day: date) -> str | None:
        """Why the market was closed on the weekday ``day``; ``None`` if unknown or open.

        The base class knows no reasons and returns ``None``; subclasses that
        know them override this.
        """
        self._checked(day, "day")
        return None


# The regular holidays of the New York Stock Exchange, which the Nasdaq
# National Market also kept, for 1995 onwards.  Each line is one holiday.
NYSE_STYLE_HOLIDAYS: Final[tuple[Holiday, ...]] = (
    # Closing on Friday December 31 would close the last day of the accounting
    # year, so a Saturday New Year's Day is simply not made up.
    Holiday("New Year's Day", OnDate(1, 1), Observance.SUNDAY_TO_MONDAY),
    # Congress made the day a federal holiday from 1986; the NYSE first closed in 1998.
    Holiday("Martin Luther King Jr. Day", NthWeekday(1, MO(+3)), first_year=1998),
    Holiday("Washington's Birthday", NthWeekday(2, MO(+3))),
    # Not a federal holiday, but an exchange holiday every year in the range.
    Holiday("Good Friday", EasterOffset(-2)),
    Holiday("Memorial Day", NthWeekday(5, MO(-1))),
    # A federal holiday from 2021; the exchanges first closed for it in 2022.
    Holiday("Juneteenth National Independence Day", OnDate(6, 19), first_year=2022),
    Holiday("Independence Day", OnDate(7, 4)),
    Holiday("Labor Day", NthWeekday(9, MO(+1))),
    Holiday("Thanksgiving Day", NthWeekday(11, TH(+4))),
    Holiday("Christmas Day", OnDate(12, 25)),
)

# Days the market was closed by decision of the exchanges, not by a holiday rule.
NYSE_SPECIAL_CLOSURES: Final[tuple[Closure, ...]] = (
    Closure(date(2001, 9, 11), "September 11 attacks"),
    Closure(date(2001, 9, 12), "September 11 attacks"),
    Closure(date(2001, 9, 13), "September 11 attacks"),
    Closure(date(2001, 9, 14), "September 11 attacks"),
    Closure(date(2004, 6, 11), "National day of mourning for President Reagan"),
    Closure(date(2007, 1, 2), "National day of mourning for President Ford"),
    Closure(date(2012, 10, 29), "Hurricane Sandy"),
    Closure(date(2012, 10, 30), "Hurricane Sandy"),
    Closure(date(2018, 12, 5), "National day of mourning for President George H. W. Bush"),
    Closure(date(2025, 1, 9), "National day of mourning for President Carter"),
)


class NasdaqTradingCalendar(RuleTradingCalendar):
    """The trading days of the Nasdaq National Market (NYSE holidays), 1995-2035.

    A day is a trading day unless it is a Saturday or Sunday, an observed
    holiday in :attr:`HOLIDAYS`, or a special closure in
    :attr:`SPECIAL_CLOSURES`.  This is the calendar the Section 1 Fair Market
    Value window is counted on by default.  To add a closure, subclass and
    extend ``SPECIAL_CLOSURES``; to widen the span, change ``FIRST_DAY`` and
    ``LAST_DAY`` after checking the rules hold in the added years.
    """

    FIRST_DAY: ClassVar[date] = date(1995, 1, 1)
    LAST_DAY: ClassVar[date] = date(2035, 12, 31)
    NAME: ClassVar[str] = "Nasdaq (NYSE-holiday) trading calendar"
    HOLIDAYS: ClassVar[tuple[Holiday, ...]] = NYSE_STYLE_HOLIDAYS
    SPECIAL_CLOSURES: ClassVar[tuple[Closure, ...]] = NYSE_SPECIAL_CLOSURES

    @functools.cached_property
    def _closed_weekdays(self) -> dict[date, str]:
        """Every weekday in the span the market was closed, with the reason."""
        closed = observed_holidays(self.HOLIDAYS, self.FIRST_DAY, self.LAST_DAY)
        for day, reason in self.SPECIAL_CLOSURES:
            if self.FIRST_DAY <= day <= self.LAST_DAY:
                closed[day] = f"{closed[day]} and {reason}" if day in closed else reason
        return closed

    def is_open(self, day: date) -> bool:
        """Whether the market traded on ``day``: a weekday that is not a closure."""
        return day.weekday() < 5 and day not in self._closed_weekdays

    def _enumerate_trading_days(self) -> Iterator[date]:
        # The base rule: every Monday to Friday of the span, less the labelled exceptions
        # (a plain walk over the days: a recurrence rule took most of a command's start-up).
        closed = self._closed_weekdays
        for ordinal in range(self.FIRST_DAY.toordinal(), self.LAST_DAY.toordinal() + 1):
            day = date.fromordinal(ordinal)
            if day.weekday() < 5 and day not in closed:
                yield day

    def holiday_name(self, day: date) -> str | None:
        """Why the market was closed on the weekday ``day``, e.g. ``"Good Friday"``.

        ``None`` if the market was open, or if ``day`` is a Saturday or Sunday
        (the market never trades on those, holiday or not).
        """
        return self._closed_weekdays.get(self._checked(day, "day"))


#: The calendar used when none is given.
DEFAULT_TRADING_CALENDAR: Final[NasdaqTradingCalendar] = NasdaqTradingCalendar()
