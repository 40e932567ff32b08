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
    """The 4.C(5)(iii) plan-option carve-out: cap, room used, room left, and by whom.

    ``used`` never exceeds ``cap`` (SPEC §11 invariant 8): the carve-out excludes
    *up to* the cap.  Under the fixed-cap reading a split can take the plan-option
    shares counted toward it past the cap; the part beyond is ``over_cap`` — shares
    no longer excluded (see :meth:`counted`).
    """

    cap: Fraction
    #: room used, including the room promises to grant hold (``promised``); at most ``cap``
    used: Fraction
    by_grant: tuple[tuple[str, Fraction], ...] = ()
    #: the part of ``used`` held by promises to grant options not yet granted
    promised: Fraction = Fraction(0)
    #: plan-option shares counted toward the carve-out beyond its cap (fixed-cap reading
    #: after a split or stock dividend): not excluded by 4.C(5)(iii)
    over_cap: Fraction = Fraction(0)

    @classmethod
    def counted(
        cls,
        *,
        cap: Fraction,
        counted: Fraction,
        promised: Fraction = Fraction(0),
        by_grant: tuple[tuple[str, Fraction], ...] = (),
    ) -> CarveOutPosition:
        """The position when ``counted`` plan-option shares (and promises) count toward a
        carve-out of ``cap``: up to the cap they are excluded, the rest is over it."""
        return cls(
            cap=cap,
            used=min(counted, cap),
            by_grant=by_grant,
            promised=promised,
            over_cap=max(counted - cap, Fraction(0)),
        )

    @property
    def remaining(self) -> Fraction:
        return max(self.cap - self.used, Fraction(0))


@attrs.frozen
class Outstanding:
    """Shares outstanding at one instant: issued, and deemed issued under 4.C(3)/(4)."""

    issued: Fraction
    deemed: Fraction
    #: the ``A`` of 4.C(1)(b) under the reading in force
    basis: Fraction


@attrs.frozen(kw_only=True)
class AppliedFormula:
    """How an issue was adjusted under terms whose formula keys differ from the 2002
    warrant's (docs/terms.md): what it was measured against, the trigger, the formula, and
    the exact price before the terms' rounding."""

    #: ``"fmv"`` or ``"exercise-price"`` (the terms' ``reference``)
    reference: str
    #: the value ``B`` is priced at and the test measures against
    reference_value: Fraction
    trigger: Fraction
    #: ``"weighted-average"`` or ``"full-ratchet"``
    formula: str
    #: the price the formula gave, when the terms round it (None: not rounded)
    unrounded: Fraction | None = None


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
    #: 4.F: the price this adjustment leaves in force is below the par value of the shares
    below_par: bool = False
    #: on a readjustment, the sequence of the adjustment it readjusts
    readjusts: int | None = None
    note: str = ""
    #: the formula applied when the terms' formula keys are not the 2002 warrant's own
    #: (None: ``P × (A + B)/(A + C)`` with ``B`` at the Current FMV, nothing rounded)
    formula: AppliedFormula | None = None

    @property
    def factor(self) -> Fraction:
        return self.price_after / self.price_before


class Outcome(enum.Enum):
    """What the warrant makes of an event: a short stable code (what JSON writes as
    ``outcome``) and a label for people (:attr:`label`); the reasons say why."""

    ADJUSTED = "adjusted"
    READJUSTED = "readjusted"
    NOT_BELOW_FMV = "not_below_fmv"
    EXCLUDED = "excluded"
    NO_FURTHER_ADJUSTMENT = "no_further_adjustment"
    NO_PROVISION = "no_provision"
    ENTITLEMENT = "entitlement"
    SUBSTITUTED = "substituted"
    MANUAL_DETERMINATION = "manual_determination"
    #: Section 11: terms changed in writing by the holders of a majority
    AMENDED = "amended"
    #: Section 11: an adjustment the holders of a majority gave up in writing
    WAIVED = "waived"

    @property
    def label(self) -> str:
        """The outcome in words, as the text output shows it."""
        return _OUTCOME_LABELS[self]


_OUTCOME_LABELS = {
    Outcome.ADJUSTED: "adjusted",
    Outcome.READJUSTED: "readjusted",
    Outcome.NOT_BELOW_FMV: "no adjustment: not below Current Fair Market Value",
    Outcome.EXCLUDED: "no adjustment: not Additional Shares",
    Outcome.NO_FURTHER_ADJUSTMENT: "no adjustment",
    Outcome.NO_PROVISION: "no provision applies",
    Outcome.ENTITLEMENT: "entitlement recorded, no price change",
    Outcome.SUBSTITUTED: "warrant now exercisable for the reorganisation basket",
    Outcome.MANUAL_DETERMINATION: "manual determination required",
    Outcome.AMENDED: "terms amended under Section 11",
    Outcome.WAIVED: "waived under Section 11",
}


@attrs.frozen
class Determination:
    """The verdict on one event: outcome, clause, reasons, and the adjustments it made."""

    event: EventRef
    date: dt.date
    clause: str
    outcome: Outcome
    reasons: tuple[str, ...]
    adjustments: tuple[int, ...] = ()
