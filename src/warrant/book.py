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
from collections import ChainMap
from collections.abc import Callable, Mapping, Sequence
from fractions import Fraction
from typing import Any, TypeVar, overload

import attrs

from warrant.consideration import Consideration
from warrant.errors import UnknownGrant
from warrant.events import Event
from warrant.fmv import FairMarketValue, fair_market_value
from warrant.formula import weighted_average_factor
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

    def scaled(self, ratio: Fraction) -> Tally:
        return Tally(
            granted=self.granted * ratio,
            outstanding=self.outstanding * ratio,
            exercised=self.exercised * ratio,
            lapsed=self.lapsed * ratio,
            payments=self.payments,
        )


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
    #: per share of Common Stock: the exercise or (minimum) conversion payment
    exercise_price: Fraction | None
    #: what was paid for granting the rights, per share they cover
    consideration_per_share: Fraction
    in_carve_out_class: bool
    before_issue_date: bool
    excluded: Tally
    other: Tally
    deemed_step: int | None = None
    lapsed_applied: Fraction = Fraction(0)
    #: "option", "convertible" or "option-on-convertible"
    kind: str = "option"
    #: earlier terms of the same rights, closed by a repricing (4.C(6))
    history: tuple[Grant, ...] = ()
    #: the split scale its share counts are written in; splits rescale only open
    #: grants, so a closed grant keeps the units of its last split
    units: Fraction = Fraction(1)

    @property
    def granted(self) -> Fraction:
        return self.excluded.granted + self.other.granted

    @property
    def outstanding(self) -> Fraction:
        return self.excluded.outstanding + self.other.outstanding

    @property
    def is_deemed(self) -> bool:
        return self.deemed_step is not None

    def scaled(self, ratio: Fraction) -> Grant:
        """The grant after a split of ``ratio`` (4.E): more shares, each at a lower price."""
        return attrs.evolve(
            self,
            excluded=self.excluded.scaled(ratio),
            other=self.other.scaled(ratio),
            lapsed_applied=self.lapsed_applied * ratio,
            exercise_price=None if self.exercise_price is None else self.exercise_price / ratio,
            consideration_per_share=self.consideration_per_share / ratio,
            units=self.units * ratio,
        )

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
    #: 4.A: what a warrant is entitled to receive on exercise besides the shares
    entitlements: tuple[Entitlement, ...] = ()
    #: 4.B: once a reorganisation is consummated, what one share became
    substitution: Substitution | None = None

    def outstanding(self, basis: OutstandingBasis) -> Outstanding:
        """Shares outstanding immediately before an issue: ``A`` under ``basis``."""
        if basis is OutstandingBasis.ISSUED:
            total = self.issued
        elif basis is OutstandingBasis.ISSUED_AND_DEEMED:
            total = self.issued + self.deemed
        else:
            total = self.issued + self.deemed + self.undeemed_options
        return Outstanding(issued=self.issued, deemed=self.deemed, basis=total)


@attrs.frozen
class Entitlement:
    """One 4.A distribution a warrant holder receives on exercise, fixed at its record date.

    ``shares_per_face_share`` is the shares receivable per share on the warrant's
    face at the record date; ``per_face_share`` the property accrued per face share.
    Later adjustments of the share count do not change it.
    """

    kind: str
    per_share: Fraction
    record_date: dt.date
    shares_per_face_share: Fraction
    source: str

    @property
    def per_face_share(self) -> Fraction:
        return self.per_share * self.shares_per_face_share

    def to_json(self, face_shares: Fraction | None) -> dict[str, object]:
        from warrant.exact import exact_str

        scale = face_shares if face_shares is not None else Fraction(1)
        return {
            "kind": self.kind,
            "record_date": self.record_date.isoformat(),
            "per_share": exact_str(self.per_share),
            "source": self.source,
            "warrant_shares_at_record": exact_str(self.shares_per_face_share * scale),
            "accrued": exact_str(self.per_face_share * scale),
        }


@attrs.frozen
class Substitution:
    """4.B: what one share of Common Stock received on a reorganisation, and when."""

    date: dt.date
    basket: tuple[tuple[str, Fraction], ...]
    shares_per_face_share: Fraction


def basis_counts_deemed(basis: OutstandingBasis) -> bool:
    return basis is not OutstandingBasis.ISSUED


@attrs.frozen
class Step:
    """One factor of the price chain: ``price = initial × Π factor``.

    A 4.C step keeps ``A``, ``B`` and ``C`` so that a later readjustment can
    recompute it; a 4.D step keeps ``N`` (as ``outstanding``) and ``D`` (as
    ``additional``); ``scale`` is the split scale when it was made, to convert
    today's share counts into the units it was computed in.
    """

    adjustment: int
    factor: Fraction
    scale: Fraction
    #: the clause: "4.C", "4.D" or "4.E"
    kind: str = "4.C"
    #: a 4.D step's record date (to find it if the dividend goes unpaid)
    record_date: dt.date | None = None
    outstanding: Fraction | None = None
    bought: Fraction | None = None
    additional: Fraction | None = None
    counts_deemed: bool = False
    fmv: Fraction | None = None
    grant: str | None = None
    #: readjusted to "no adjustment would have been made": the factor stays 1
    clamped: bool = False

    def with_outstanding(self, outstanding: Fraction) -> Step:
        """This step recomputed on a new ``A`` (4.C) or ``N`` (4.D); a clamped step stays at 1."""
        assert self.additional is not None
        if self.clamped:
            factor = self.factor
        elif self.kind == "4.D":
            factor = outstanding / (outstanding + self.additional)
        else:
            assert self.bought is not None
            factor = weighted_average_factor(outstanding, self.bought, self.additional)
        # Built directly, not with attrs.evolve: readjustments call this in a loop.
        return Step(
            adjustment=self.adjustment, factor=factor, scale=self.scale, kind=self.kind,
            record_date=self.record_date, outstanding=outstanding, bought=self.bought,
            additional=self.additional, counts_deemed=self.counts_deemed, fmv=self.fmv,
            grant=self.grant, clamped=self.clamped,
        )


@attrs.frozen
class Change:
    """Everything one event changes, computed before anything is committed."""

    determination: Determination
    position: Position | None = None
    grants: tuple[Grant, ...] = ()
    replaced_steps: tuple[tuple[int, Step], ...] = ()
    new_steps: tuple[Step, ...] = ()
    adjustments: tuple[Adjustment, ...] = ()
    #: 4.C steps no later readjustment can change (factor 1, rights all gone)
    retired_steps: tuple[int, ...] = ()


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
        live_steps: Sequence[int] = (),
    ) -> None:
        self.terms = terms
        self.reading = reading
        self.prices = prices
        self.position = position
        self.grants = grants
        self.steps = steps
        self.adjustments = adjustments
        #: indices, ascending, of the 4.C steps a readjustment may have to recompute
        self.live_steps = live_steps
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

    def carve_out(self) -> CarveOutPosition:
        """The carve-out now: cap, room used, and usage per grant."""
        position = self.position
        merged = self.grants
        usage = tuple(
            (grant.id, carve_out_usage(grant, self.reading, position.split_scale))
            for grant in merged.values()
            if grant.excluded.granted or grant.history
        )
        return CarveOutPosition(cap=position.carve_out_cap, used=position.carve_out_used, by_grant=usage)

    @property
    def next_adjustment(self) -> int:
        return len(self.adjustments)

    def adjustment(
        self,
        *,
        ref: EventRef,
        day: dt.date,
        clause: str,
        before: Position,
        after: Position,
        additional: Fraction,
        outstanding_before: Fraction,
        outstanding_after: Fraction,
        note: str,
        fmv: FairMarketValue | None = None,
        consideration: Consideration | None = None,
        bought: Fraction | None = None,
        effective: Fraction | None = None,
        readjusts: int | None = None,
        sequence: int | None = None,
    ) -> Adjustment:
        """The record of one adjustment from ``before`` to ``after`` (the facts of 4.G)."""
        basis = self.reading.outstanding_basis
        counts_before, counts_after = before.outstanding(basis), after.outstanding(basis)
        return Adjustment(
            sequence=self.next_adjustment if sequence is None else sequence,
            clause=clause,
            date=day,
            event=ref,
            price_before=before.price,
            price_after=after.price,
            fmv=fmv,
            consideration=consideration,
            additional_shares=additional,
            outstanding_before=outstanding_before,
            outstanding_after=outstanding_after,
            issued_before=counts_before.issued,
            issued_after=counts_after.issued,
            deemed_before=counts_before.deemed,
            deemed_after=counts_after.deemed,
            bought_at_fmv=bought,
            effective_price=effective,
            carve_out=CarveOutPosition(cap=after.carve_out_cap, used=after.carve_out_used),
            reading=self.reading,
            readjustment=readjusts is not None,
            readjusts=readjusts,
            note=note,
        )

    def staged(self, change: Change) -> Book:
        """This view as it would be after ``change``: for rules made of two steps (a
        repricing closes old terms, then issues new ones)."""
        # Overlays, not copies: a repricing stages one change on a register of any size.
        grants = ChainMap({grant.id: grant for grant in change.grants}, self.grants)  # type: ignore[arg-type]
        steps = StepOverlay(self.steps, dict(change.replaced_steps), change.new_steps)
        live = advance_live_steps(self.live_steps, len(self.steps), change)
        return Book(
            terms=self.terms,
            reading=self.reading,
            prices=self.prices,
            position=change.position or self.position,
            grants=grants,
            steps=steps,
            adjustments=[*self.adjustments, *change.adjustments],
            fmv_cache=self._fmv_cache,
            live_steps=live,
        )


class StepOverlay(Sequence[Step]):
    """The price chain with some steps replaced and some appended, without copying it."""

    def __init__(self, base: Sequence[Step], replaced: Mapping[int, Step], appended: Sequence[Step]) -> None:
        self._base, self._replaced, self._appended = base, replaced, appended

    def __len__(self) -> int:
        return len(self._base) + len(self._appended)

    @overload
    def __getitem__(self, index: int) -> Step: ...
    @overload
    def __getitem__(self, index: slice) -> Sequence[Step]: ...
    def __getitem__(self, index: int | slice) -> Step | Sequence[Step]:
        if isinstance(index, slice):
            return [self[i] for i in range(*index.indices(len(self)))]
        if index < 0:
            index += len(self)
        if index >= len(self._base):
            return self._appended[index - len(self._base)]
        return self._replaced.get(index, self._base[index])


def is_live(step: Step) -> bool:
    """A step later readjustments recompute: a 4.C step whose ``A`` counts deemed shares."""
    return step.kind == "4.C" and step.counts_deemed


def advance_live_steps(live: Sequence[int], first_new: int, change: Change) -> list[int]:
    """The live-step indices after ``change``; its new steps are numbered from ``first_new``."""
    retired = set(change.retired_steps)
    kept = [index for index in live if index not in retired] if retired else list(live)
    kept.extend(first_new + offset for offset, step in enumerate(change.new_steps) if is_live(step))
    return kept


def then(book: Book, first: Change, second: Change) -> Change:
    """One change doing ``first`` and then ``second`` (computed on ``book.staged(first)``)."""
    known = len(book.steps)
    replaced = dict(first.replaced_steps)
    new_steps = list(first.new_steps)
    for index, step in second.replaced_steps:
        if index < known:
            replaced[index] = step
        else:
            new_steps[index - known] = step
    new_steps.extend(second.new_steps)
    grants = {grant.id: grant for grant in (*first.grants, *second.grants)}
    decided = second.determination
    return Change(
        determination=attrs.evolve(
            decided,
            reasons=(*first.determination.reasons, *decided.reasons),
            adjustments=(*first.determination.adjustments, *decided.adjustments),
        ),
        position=second.position or first.position,
        grants=tuple(grants.values()),
        replaced_steps=tuple(sorted(replaced.items())),
        new_steps=tuple(new_steps),
        adjustments=(*first.adjustments, *second.adjustments),
        retired_steps=(*first.retired_steps, *second.retired_steps),
    )


def carve_out_usage(grant: Grant, reading: Reading, scale: Fraction) -> Fraction:
    """Room one grant (with its terms before any repricing) uses in the carve-out under the
    reading's counting rule (SPEC §9), in the shares of split scale ``scale``."""
    if reading.carve_out_counting is CarveOutCounting.CUMULATIVE_GRANTS:
        own = grant.excluded.granted
    else:
        own = grant.excluded.outstanding + grant.excluded.exercised
    earlier = sum((carve_out_usage(old, reading, scale) for old in grant.history), Fraction(0))
    return own * scale / grant.units + earlier


Rule = Callable[[Book, Any, EventRef], Change]
RULES: dict[type[Event], Rule] = {}
E = TypeVar("E", bound=Event)


def rule_for(kind: type[E]) -> Callable[[Callable[[Book, E, EventRef], Change]], Callable[[Book, E, EventRef], Change]]:
    """Register the rule that applies to events of ``kind``."""

    def register(function: Callable[[Book, E, EventRef], Change]) -> Callable[[Book, E, EventRef], Change]:
        RULES[kind] = function
        return function

    return register
