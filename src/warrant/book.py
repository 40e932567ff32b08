"""The register's state, the read-only view the rules see, and the rule registry.

A rule is a function ``(book, event, ref) -> Change``: it reads the state
through a :class:`Book`, decides, and returns the whole :class:`Change` the
event makes — new scalar position, new or replaced grants, price-chain steps,
adjustment records and the determination.  It never mutates anything.  The
ledger commits a change only once the rule has returned, so an event is applied
whole or not at all.

Adding an event kind is adding its class (:mod:`warrant.events`) and one
function decorated with :func:`rule_for`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping, Sequence
from fractions import Fraction
from typing import Any, TypeVar

import attrs

from warrant.errors import UnknownGrant
from warrant.events import Event
from warrant.fmv import FairMarketValue, fair_market_value
from warrant.price_history import PriceHistory
from warrant.readings import CarveOutCounting, OutstandingBasis, Reading
from warrant.records import (
    Adjustment,
    CarveOutPosition,
    Determination,
    EventRef,
    Outstanding,
)
from warrant.terms import WarrantTerms


@attrs.frozen
class Tally:
    """One part of a grant (inside or outside the carve-out), share by share.

    ``granted == outstanding + exercised + lapsed`` always; ``payments`` is the
    money actually received on exercise of this part.
    """

    granted: Fraction
    outstanding: Fraction
    exercised: Fraction = Fraction(0)
    lapsed: Fraction = Fraction(0)
    payments: Fraction = Fraction(0)

    def exercise(self, shares: Fraction, payment: Fraction) -> Tally:
        return attrs.evolve(
            self,
            outstanding=self.outstanding - shares,
            exercised=self.exercised + shares,
            payments=self.payments + payment,
        )

    def lapse(self, shares: Fraction) -> Tally:
        return attrs.evolve(self, outstanding=self.outstanding - shares, lapsed=self.lapsed + shares)


@attrs.frozen
class Grant:
    """Rights, warrants or options to buy Common Stock, as the register tracks them.

    ``excluded`` is the part inside the 4.C(5)(iii) carve-out, ``other`` the rest.
    ``deemed_step`` points at the price-chain step of the 4.C(3) deemed issue of
    ``other``, if there was one; ``lapsed_applied`` counts lapsed ``other``
    shares already readjusted.
    """

    id: str
    event: EventRef
    granted_on: dt.date
    expires: dt.date | None
    exercise_price: Fraction | None
    consideration: Fraction
    in_carve_out_class: bool
    before_issue_date: bool
    excluded: Tally
    other: Tally
    deemed_step: int | None = None
    lapsed_applied: Fraction = Fraction(0)

    @property
    def granted(self) -> Fraction:
        return self.excluded.granted + self.other.granted

    @property
    def outstanding(self) -> Fraction:
        return self.excluded.outstanding + self.other.outstanding

    @property
    def is_deemed(self) -> bool:
        return self.deemed_step is not None

    def split(self, shares: Fraction) -> tuple[Fraction, Fraction]:
        """Divide ``shares`` between the carve-out part and the rest, pro rata to
        what each has outstanding (the warrant does not say which part goes first)."""
        if self.outstanding == 0:
            return Fraction(0), Fraction(0)
        inside = shares * self.excluded.outstanding / self.outstanding
        return inside, shares - inside


@attrs.frozen
class Position:
    """The scalar state of the register after some events."""

    price: Fraction
    issued: Fraction
    #: shares deemed issued under 4.C(3)/(4) and still deemed outstanding
    deemed: Fraction
    #: shares under options outstanding that were not deemed issued (plan options
    #: in the carve-out, grants at or above FMV, options from before the Issue Date)
    undeemed_options: Fraction
    carve_out_cap: Fraction
    carve_out_used: Fraction
    #: the one restructuring of 4.C(5)(ii), once an issuance has named it
    restructuring: str | None = None
    #: product of split ratios since the Issue Date (the units shares are counted in)
    split_scale: Fraction = Fraction(1)
    last_date: dt.date | None = None

    def outstanding(self, basis: OutstandingBasis) -> Outstanding:
        """Shares outstanding immediately before an issue: ``A`` under ``basis``."""
        if basis is OutstandingBasis.ISSUED:
            total = self.issued
        elif basis is OutstandingBasis.ISSUED_AND_DEEMED:
            total = self.issued + self.deemed
        else:
            total = self.issued + self.deemed + self.undeemed_options
        return Outstanding(issued=self.issued, deemed=self.deemed, basis=total)


def basis_counts_deemed(basis: OutstandingBasis) -> bool:
    return basis is not OutstandingBasis.ISSUED


@attrs.frozen
class Step:
    """One factor of the price chain: ``price = initial × Π factor``.

    A 4.C step keeps ``A``, ``B`` and ``C`` so that a later readjustment can
    recompute it; ``scale`` is the split scale when it was made, to convert
    today's share counts into the units it was computed in.
    """

    adjustment: int
    factor: Fraction
    scale: Fraction
    outstanding: Fraction | None = None
    bought: Fraction | None = None
    additional: Fraction | None = None
    counts_deemed: bool = False
    fmv: Fraction | None = None
    grant: str | None = None
    #: readjusted to "no adjustment would have been made": the factor stays 1
    clamped: bool = False


@attrs.frozen
class Change:
    """Everything one event changes, computed before anything is committed."""

    determination: Determination
    position: Position | None = None
    grants: tuple[Grant, ...] = ()
    replaced_steps: tuple[tuple[int, Step], ...] = ()
    new_steps: tuple[Step, ...] = ()
    adjustments: tuple[Adjustment, ...] = ()


class Book:
    """A read-only view of the register for the rules."""

    def __init__(
        self,
        *,
        terms: WarrantTerms,
        reading: Reading,
        prices: PriceHistory,
        position: Position,
        grants: Mapping[str, Grant],
        steps: Sequence[Step],
        adjustments: Sequence[Adjustment],
        fmv_cache: dict[dt.date, FairMarketValue],
    ) -> None:
        self.terms = terms
        self.reading = reading
        self.prices = prices
        self.position = position
        self.grants = grants
        self.steps = steps
        self.adjustments = adjustments
        self._fmv_cache = fmv_cache

    def fmv(self, day: dt.date) -> FairMarketValue:
        """The Fair Market Value on ``day`` (Section 1), computed once per day."""
        cached = self._fmv_cache.get(day)
        if cached is None:
            cached = fair_market_value(self.prices, day, window=self.terms.fmv_window)
            self._fmv_cache[day] = cached
        return cached

    def grant(self, grant_id: str, *, clause: str) -> Grant:
        found = self.grants.get(grant_id)
        if found is None:
            raise UnknownGrant(
                f"no grant with id {grant_id!r} in the register", field="of", clause=clause
            )
        return found

    def carve_out(self, position: Position | None = None, grants: Sequence[Grant] = ()) -> CarveOutPosition:
        """The carve-out after ``position`` with ``grants`` replacing their stored versions."""
        position = position or self.position
        merged = dict(self.grants)
        for grant in grants:
            merged[grant.id] = grant
        usage = tuple(
            (grant.id, carve_out_usage(grant, self.reading))
            for grant in merged.values()
            if grant.excluded.granted
        )
        return CarveOutPosition(cap=position.carve_out_cap, used=position.carve_out_used, by_grant=usage)

    @property
    def next_adjustment(self) -> int:
        return len(self.adjustments)


def carve_out_usage(grant: Grant, reading: Reading) -> Fraction:
    """Room one grant uses in the carve-out under the reading's counting rule (SPEC §9)."""
    if reading.carve_out_counting is CarveOutCounting.CUMULATIVE_GRANTS:
        return grant.excluded.granted
    return grant.excluded.outstanding + grant.excluded.exercised


Rule = Callable[[Book, Any, EventRef], Change]
RULES: dict[type[Event], Rule] = {}
E = TypeVar("E", bound=Event)


def rule_for(kind: type[E]) -> Callable[[Callable[[Book, E, EventRef], Change]], Callable[[Book, E, EventRef], Change]]:
    """Register the rule that applies to events of ``kind``."""

    def register(function: Callable[[Book, E, EventRef], Change]) -> Callable[[Book, E, EventRef], Change]:
        RULES[kind] = function
        return function

    return register
