"""Reading dates at the edge: ISO text in, plain ``datetime.date`` out."""

from __future__ import annotations

from datetime import date, datetime

from warrant.errors import InvalidValue


def parse_date(text: str, *, field: str = "date") -> date:
    """Read an ISO calendar date (``YYYY-MM-DD``); anything else is an error naming ``field``."""
    try:
        return date.fromisoformat(text.strip())
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
        raise InvalidValue(f"expected a date, got {type(value).__name__}", field=field, clause=clause)
    return value
