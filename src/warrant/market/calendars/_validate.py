"""Argument checks shared by the calendars (Section 1's trading and business days).

Every public entry point refuses datetimes explicitly (a datetime is never found
among the trading days, and ``bisect`` fails on one): dates are checked by the
library's one date check, :func:`warrant.ground.dates.require_date`.
"""

from __future__ import annotations

from datetime import date

from warrant.ground.dates import require_date
from warrant.ground.errors import InvalidValue


def check_span(start: object, end: object, *, clause: str) -> tuple[date, date]:
    """Check a ``start``..``end`` pair of dates with ``start <= end``."""
    first = require_date(start, field="start", clause=clause, text=False)
    last = require_date(end, field="end", clause=clause, text=False)
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
