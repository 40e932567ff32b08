"""Reading dates at the edge: ISO text in, plain ``datetime.date`` out."""

from __future__ import annotations

import re
from datetime import date, datetime

from warrant.ground.errors import InvalidValue

# Only the calendar form: Python also reads "20020715" and "2002-W29-1", which a
# reader of the file would not take for dates.
_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


def parse_date(text: str, *, field: str = "date") -> date:
    """Read an ISO calendar date (``YYYY-MM-DD``); anything else is an error naming ``field``."""
    cleaned = text.strip()
    try:
        if not _ISO_DATE.fullmatch(cleaned):
            raise ValueError(cleaned)
        return date.fromisoformat(cleaned)
    except ValueError:
        raise InvalidValue(f"not a date in YYYY-MM-DD form: {text!r}", field=field) from None


def require_date(value: object, *, field: str = "date", clause: str | None = None) -> date:
    """Accept a ``date`` (or its ISO text); refuse a ``datetime``, whose time would be ignored."""
    if isinstance(value, str):
        return parse_date(value, field=field)
    if isinstance(value, datetime):
        raise InvalidValue(
            "pass a date, not a datetime (the clause counts whole days)", field=field, clause=clause
        )
    if not isinstance(value, date):
        raise InvalidValue(
            f"expected a date, got {type(value).__name__}", field=field, clause=clause
        )
    return value
