"""What the ledger records: an adjustment (4.G's facts) and a determination per event.

An :class:`Adjustment` is one change (or readjustment) of the Exercise Price with
everything an accountants' certificate under 4.G must state: the consideration
and its parts, the shares outstanding before and after, the price before and
after, and the facts it rests on (the event, the clause, the Current Fair Market
Value with its five days, the carve-out position, the reading).

A :class:`Determination` says, for *every* event, what the warrant makes of it
and why — including "no adjustment" and "no provision applies".
"""

from __future__ import annotations

import datetime as dt
import enum
from fractions import Fraction

import attrs

from warrant.ground.exact import exact_str
from warrant.instrument.readings import Reading
from warrant.market.fmv import FairMarketValue
from warrant.section4.c2_consideration import Consideration


@attrs.frozen
class EventRef:
    """Which event: its 0-based position in the register, its id if it has one, its type."""

    index: int
    type: str
    id: str | None = None

    @property
    def label(self) -> str | int:
        """The id where there is one, else the position (what JSON output calls ``event``)."""
        return self.id if self.id is not None else self.index

    def describe(self) -> str:
        named = f" '{self.id}'" if self.id is not None else ""
        return f"event[{self.index}] ({self.type}{named})"


@attrs.frozen
class CarveOutPosition:
    """The 4.C(5)(iii) plan-option carve-out: cap, room used, room left, and by whom."""

    cap: Fraction
    used: Fraction
    by_grant: tuple[tuple[str, Fraction], ...] = ()

    @property
    def remaining(self) -> Fraction:
        return max(self.cap - self.used, Fraction(0))

    def to_json(self) -> dict[str, object]:
        return {
            "cap": exact_str(self.cap),
            "used": exact_str(self.used),
            "remaining": exact_str(self.remaining),
            "by_grant": {grant: exact_str(shares) for grant, shares in self.by_grant},
        }


@attrs.frozen
class Outstanding:
    """Shares outstanding at one instant: issued, and deemed issued under 4.C(3)/(4)."""

    issued: Fraction
    deemed: Fraction
    #: the ``A`` of 4.C(1)(b) under the reading in force
    basis: Fraction

    def to_json(self) -> dict[str, str]:
        return {
            "issued": exact_str(self.issued),
            "deemed": exact_str(self.deemed),
            "basis": exact_str(self.basis),
        }


@attrs.frozen(kw_only=True)
class Adjustment:
    """One adjustment of the Exercise Price (or a readjustment of an earlier one)."""

    sequence: int
    clause: str
    date: dt.date
    event: EventRef
    price_before: Fraction
    price_after: Fraction
    fmv: FairMarketValue | None
    consideration: Consideration | None
    #: ``C``: Additional Shares issued or deemed issued (on a readjustment, those
    #: the readjusted basis keeps)
    additional_shares: Fraction
    #: ``A``, and ``A + C``
    outstanding_before: Fraction
    outstanding_after: Fraction
    issued_before: Fraction
    issued_after: Fraction
    deemed_before: Fraction
    deemed_after: Fraction
    #: ``B``: what the consideration would buy at the Current Fair Market Value
    bought_at_fmv: Fraction | None
    effective_price: Fraction | None
    carve_out: CarveOutPosition
    reading: Reading
    readjustment: bool = False
    #: on a readjustment, the sequence of the adjustment it readjusts
    readjusts: int | None = None
    note: str = ""

    @property
    def factor(self) -> Fraction:
        return self.price_after / self.price_before

    def to_json(
        self, *, face_shares: Fraction | None, initial_price: Fraction
    ) -> dict[str, object]:
        """The SPEC §10 entry: every quantity an exact string."""

        def shares(price: Fraction) -> str | None:
            if face_shares is None:
                return None
            return exact_str(face_shares * initial_price / price)

        entry: dict[str, object] = {
            "sequence": self.sequence,
            "clause": self.clause,
            "date": self.date.isoformat(),
            "event": self.event.label,
            "event_index": self.event.index,
            "event_type": self.event.type,
            "price_before": exact_str(self.price_before),
            "price_after": exact_str(self.price_after),
            "shares_before": shares(self.price_before),
            "shares_after": shares(self.price_after),
            "fmv": exact_str(self.fmv.value) if self.fmv else None,
            "fmv_days": [day.isoformat() for day in self.fmv.days] if self.fmv else [],
            "consideration": exact_str(self.consideration.total) if self.consideration else None,
            "consideration_parts": self.consideration.to_json() if self.consideration else None,
            "additional_shares": exact_str(self.additional_shares),
            "outstanding_before": exact_str(self.outstanding_before),
            "outstanding_after": exact_str(self.outstanding_after),
            "issued_before": exact_str(self.issued_before),
            "issued_after": exact_str(self.issued_after),
            "deemed_before": exact_str(self.deemed_before),
            "deemed_after": exact_str(self.deemed_after),
            "bought_at_fmv": exact_str(self.bought_at_fmv)
            if self.bought_at_fmv is not None
            else None,
            "effective_price": (
                exact_str(self.effective_price) if self.effective_price is not None else None
            ),
            "carve_out": self.carve_out.to_json(),
            "readjustment": self.readjustment,
            "note": self.note,
        }
        if self.readjusts is not None:
            entry["readjusts"] = self.readjusts
        return entry


class Outcome(enum.Enum):
    """What the warrant makes of an event."""

    ADJUSTED = "adjusted"
    READJUSTED = "readjusted"
    NOT_BELOW_FMV = "no adjustment: not below Current Fair Market Value"
    EXCLUDED = "no adjustment: not Additional Shares"
    NO_FURTHER_ADJUSTMENT = "no adjustment"
    NO_PROVISION = "no provision applies"
    ENTITLEMENT = "entitlement recorded, no price change"
    SUBSTITUTED = "warrant now exercisable for the reorganisation basket"
    MANUAL_DETERMINATION = "manual determination required"


@attrs.frozen
class Determination:
    """The verdict on one event: outcome, clause, reasons, and the adjustments it made."""

    event: EventRef
    date: dt.date
    clause: str
    outcome: Outcome
    reasons: tuple[str, ...]
    adjustments: tuple[int, ...] = ()

    def to_json(self) -> dict[str, object]:
        return {
            "event": self.event.label,
            "event_index": self.event.index,
            "type": self.event.type,
            "date": self.date.isoformat(),
            "clause": self.clause,
            "outcome": self.outcome.value,
            "reasons": list(self.reasons),
            "adjustments": list(self.adjustments),
        }
