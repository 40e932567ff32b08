"""Reading dates at the edge: ISO text in, plain ``datetime.date`` out.

SPEC §2 and §12; the clauses count whole days (Section 1, 4.C(8), 4.D(1)).
"""

from __future__ import annotations

import re
from datetime import date, datetime

from warrant.ground.errors import InvalidValue

# Only the calendar form: Python also reads "20020715" and "2002-W29-1", which a
# reader of the file would not take for dates.
_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")

#: Every date read (from a file, the command line or an event's fields) lies within these:
#: centuries either side of the 2002 warrant's life, so that no date the clauses count
#: from (30 days before a notice, a time zone away, a year of quotes) leaves the range
#: Python's dates can hold.
EARLIEST = date(1800, 1, 1)
LATEST = date(2999, 12, 31)


def in_range(day: date, *, field: str, clause: str | None = None) -> date:
    """``day`` itself when it lies within :data:`EARLIEST`–:data:`LATEST`, else refused."""
    if not EARLIEST <= day <= LATEST:
        raise InvalidValue(
            f"{day.isoformat()} is out of range: a date lies between "
            f"{EARLIEST.isoformat()} and {LATEST.isoformat()}",
            field=field,
            clause=clause,
        )
    return day


def parse_date(text: str, *, field: str = "date") -> date:
    """Read an ISO calendar date (``YYYY-MM-DD``); anything else is an error naming ``field``."""
    cleaned = text.strip()
    try:
        if not _ISO_DATE.fullmatch(cleaned):
            raise ValueError(cleaned)
        day = date.fromisoformat(cleaned)
    except ValueError:
        raise InvalidValue(f"not a date in YYYY-MM-DD form: {text!r}", field=field) from None
    return in_range(day, field=field)


def require_date(
    value: object,
    *,
    field: str = "date",
    clause: str | None = None,
    text: bool = True,
    bounded: bool | None = None,
) -> date:
    """Accept a ``date`` (or, with ``text``, its ISO text); refuse a ``datetime``.

    The one date check of the library (attrs fields use it through
    :func:`warrant.ground.validators.plain_date`, the calendars directly).  A
    ``datetime`` is a ``date`` to ``isinstance``, but its time would be ignored
    where the clauses count whole days, it never equals a date, and ordering it
    against one raises: it is refused with a message saying what to pass.

    ``bounded`` (by default, when ``text`` is read) refuses a date outside
    :data:`EARLIEST`–:data:`LATEST`; the calendars, which say their own range, pass
    ``text=False``.
    """
    if text and isinstance(value, str):
        return parse_date(value, field=field)
    if isinstance(value, datetime):
        raise InvalidValue(
            f"got the datetime {value.isoformat()}; pass a date, not a datetime "
            "(the clauses count whole days)",
            field=field,
            clause=clause,
        )
    if not isinstance(value, date):
        raise InvalidValue(
            f"expected a date in YYYY-MM-DD form (a datetime.date in Python), got "
            f"{type(value).__name__} {value!r:.60}",
            field=field,
            clause=clause,
        )
    if text if bounded is None else bounded:
        return in_range(value, field=field, clause=clause)
    return value
