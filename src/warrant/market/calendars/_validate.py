"""Argument checks shared by the calendars.

A ``datetime`` is a subclass of ``date``, so ``isinstance`` alone would let one
through.  It would then never be found among the trading days (a datetime never
equals a date) and ``bisect`` would fail on it (ordering a datetime against a
date raises ``TypeError``).  Every public entry point therefore refuses
datetimes explicitly, with a message that says what to pass instead.
"""

from __future__ import annotations

from datetime import date, datetime

from warrant.ground.errors import InvalidValue


def check_date(value: object, *, field: str, clause: str) -> date:
    """Return ``value`` if it is a calendar date (and not a datetime); raise otherwise."""
    if isinstance(value, datetime):
        raise InvalidValue(
            f"got the datetime {value.isoformat()}; pass a date, not a datetime",
            field=field,
            clause=clause,
        )
    if not isinstance(value, date):
        raise InvalidValue(
            f"expected a datetime.date, got {type(value).__name__} {value!r}",
            field=field,
            clause=clause,
        )
    return value


def check_span(start: object, end: object, *, clause: str) -> tuple[date, date]:
    """Check a ``start``..``end`` pair of dates with ``start <= end``."""
    first = check_date(start, field="start", clause=clause)
    last = check_date(end, field="end", clause=clause)
    if first > last:
        raise InvalidValue(
            f"start {first.isoformat()} is after end {last.isoformat()}",
            field="start",
            clause=clause,
        )
    return first, last


def check_count(value: object, *, field: str, clause: str) -> int:
    """Return ``value`` if it is a whole number of at least one (``bool`` refused)."""
    if isinstance(value, bool) or not isinstance(value, int):
        raise InvalidValue(
            f"expected a whole number of days, got {type(value).__name__} {value!r}",
            field=field,
            clause=clause,
        )
    if value < 1:
        raise InvalidValue(
            f"the number of days must be at least 1, got {value}",
            field=field,
            clause=clause,
        )
    return value
