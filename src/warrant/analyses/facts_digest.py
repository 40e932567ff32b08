"""The facts digest a certificate (4.G) states: a SHA-256 of the facts it was computed from.

Two certificates rest on the same facts exactly when their digests are equal.  The
facts are the warrant's terms and face shares, the reading, the opening
capitalisation, the prices the computation consulted and the events up to and
including the one adjusted.  They are written in one canonical form
(``warrant-facts/1``, documented in ``docs/certificates.md``):

* a JSON object with the keys ``canonical_form``, ``terms``, ``warrants``,
  ``reading``, ``capitalization``, ``prices`` and ``events``;
* every quantity an exact string (``exact_str``: ``"1.94"``, ``"16000000/157"``),
  every date ISO 8601, every choice its file spelling;
* ``prices``: the quote of every trading day in the window of a Fair Market Value
  the rules consulted, oldest first, each as a scenario file writes a quote;
* ``events``: in register order, each as a scenario file writes it (fields left at
  their defaults omitted), without ``notice_mailed`` — when a 4.H notice went out
  changes no figure;
* keys sorted, no whitespace (separators ``,`` and ``:``), UTF-8, non-ASCII
  characters written as themselves; the digest is the lowercase hex SHA-256 of
  those bytes.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Sequence
from fractions import Fraction
from typing import Any

from warrant.case.plain import (
    capitalization_to_data,
    event_to_data,
    reading_to_data,
    terms_to_data,
)
from warrant.ground.exact import exact_str
from warrant.instrument.readings import Reading
from warrant.instrument.terms import WarrantTerms
from warrant.market.fmv import FairMarketValue
from warrant.market.price_history import PriceHistory, quote_to_mapping
from warrant.register.events import Event
from warrant.register.ledger import Capitalization

CANONICAL_FORM = "warrant-facts/1"

#: Event fields that are facts of the register but not of any adjustment.
NOT_ADJUSTMENT_FACTS = frozenset({"notice_mailed"})


def canonical_facts(
    *,
    terms: WarrantTerms,
    warrants: Sequence[tuple[str, Fraction]],
    reading: Reading,
    capitalization: Capitalization,
    prices: PriceHistory,
    consulted: Sequence[FairMarketValue],
    events: Sequence[Event],
) -> bytes:
    """The canonical serialisation (``warrant-facts/1``) of the facts of one certificate."""
    days = sorted({close.day for fmv in consulted for close in fmv.closes})
    facts = {
        "canonical_form": CANONICAL_FORM,
        "terms": _plain(terms_to_data(terms)),
        "warrants": [{"warrant": name, "face_shares": exact_str(face)} for name, face in warrants],
        "reading": reading_to_data(reading),
        "capitalization": capitalization_to_data(capitalization),
        "prices": [_plain(quote_to_mapping(prices[day])) for day in days],
        "events": [
            _plain({k: v for k, v in event_to_data(event).items() if k not in NOT_ADJUSTMENT_FACTS})
            for event in events
        ],
    }
    return json.dumps(facts, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode(
        "utf-8"
    )


def digest_of(canonical: bytes) -> str:
    """Lowercase hex SHA-256."""
    return hashlib.sha256(canonical).hexdigest()


def normalized_digest(text: str) -> str:
    """A stated digest as compared: case and an optional ``sha256:`` prefix ignored."""
    cleaned = text.strip().lower()
    return cleaned[len("sha256:") :] if cleaned.startswith("sha256:") else cleaned


def _plain(value: Any) -> Any:
    if isinstance(value, Fraction):
        return exact_str(value)
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    if isinstance(value, dict):
        return {str(key): _plain(item) for key, item in value.items()}
    if isinstance(value, (list, tuple)):
        return [_plain(item) for item in value]
    return value
