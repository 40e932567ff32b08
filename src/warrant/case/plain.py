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
from warrant.instrument.formula import PriceRounding
from warrant.instrument.readings import Reading
from warrant.instrument.terms import TermsChange, WarrantTerms
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
    if isinstance(value, PriceRounding):
        return {"places": value.places, "mode": value.mode.value}
    if isinstance(value, TermsChange):  # an amendment's terms: a table of the terms changed
        return {key: _plain(item) for key, item in value.changes}
    if isinstance(value, tuple) and value and isinstance(value[0], ExchangePart):
        return [
            {key: item for key, item in (("id", part.id), ("shares", exact_str(part.shares)))
             if item is not None}
            for part in value
        ]
    if isinstance(value, tuple) and all(isinstance(item, str) for item in value):
        return list(value)  # ids and names: an amendment's signers and waived events
    if isinstance(value, tuple):  # a 4.B basket: (kind, quantity) pairs
        return {kind: exact_str(quantity) for kind, quantity in value}
    if isinstance(value, enum.Enum):
        return value.value
    if not isinstance(value, (str, int, dt.date)) and hasattr(value, "value"):
        return value.value
    return value


#: The terms' formula keys: written only where they are not the 2002 warrant's own, so the
#: facts (and the facts digest) of a warrant under that formula read as they always have.
FORMULA_KEYS = ("reference", "trigger", "formula", "price_rounding", "share_rounding")


def terms_to_data(terms: WarrantTerms) -> dict[str, Any]:
    """Every term, exactly: quantities as exact strings, choices by their file spelling, the
    expiration an aware date-time; a term the warrant lacks (``None``) and a formula key at
    its default are left out."""
    data: dict[str, Any] = {}
    for field in attrs.fields(WarrantTerms):
        value = getattr(terms, field.name)
        if value is None or (field.name in FORMULA_KEYS and value == field.default):
            continue
        if isinstance(value, PriceRounding):
            data[field.name] = {"places": value.places, "mode": value.mode.value}
        else:
            data[field.name] = _plain(value)
    return data
