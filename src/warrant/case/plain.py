"""The facts of a case as plain data: what a scenario file writes and a facts digest hashes.

One spelling for each fact, so that a key written is a key read and two certificates
hash the same facts the same way: quantities as exact strings (``exact_str``), choices
by their file spelling, an event's fields left at their defaults omitted.  Dates stay
dates here; each writer spells them in its own format.
"""

from __future__ import annotations

import datetime as dt
import enum
from fractions import Fraction
from typing import Any

import attrs

from warrant.ground.exact import exact_str
from warrant.instrument.readings import Reading
from warrant.register.events import Event
from warrant.register.holder_events import ExchangePart
from warrant.register.ledger import Capitalization


def reading_to_data(reading: Reading) -> dict[str, str | bool]:
    """The reading as the scenario file writes it: every choice, enums by file spelling."""
    return {
        field.name: _choice(getattr(reading, field.name))
        for field in attrs.fields(type(reading))
    }


def _choice(value: object) -> str | bool:
    if isinstance(value, enum.Enum):
        return str(value.value)
    assert isinstance(value, bool)
    return value


def capitalization_to_data(capitalization: Capitalization) -> dict[str, str]:
    """The capital at the Issue Date, exactly."""
    return {
        "common_outstanding": exact_str(capitalization.common_outstanding),
        "plan_options_outstanding": exact_str(capitalization.plan_options_outstanding),
    }


def event_to_data(event: Event) -> dict[str, Any]:
    """One event as a scenario table, omitting fields left at their defaults."""
    data: dict[str, Any] = {"type": event.TYPE}
    for field in attrs.fields(type(event)):
        value = getattr(event, field.name)
        if field.default is not attrs.NOTHING and value == field.default:
            continue
        data[field.name] = _plain(value)
    return data


def _plain(value: Any) -> Any:
    if isinstance(value, Fraction):
        return exact_str(value)
    if isinstance(value, tuple) and value and isinstance(value[0], ExchangePart):
        return [
            {key: item for key, item in (("id", part.id), ("shares", exact_str(part.shares)))
             if item is not None}
            for part in value
        ]
    if isinstance(value, tuple):  # a 4.B basket: (kind, quantity) pairs
        return {kind: exact_str(quantity) for kind, quantity in value}
    if isinstance(value, enum.Enum):
        return value.value
    if not isinstance(value, (str, int, dt.date)) and hasattr(value, "value"):
        return value.value
    return value
