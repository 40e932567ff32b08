"""The read-only view the rules see (:class:`Book`) and what a rule returns (:class:`Change`).

A rule reads the state through a :class:`Book`, decides, and returns the whole
:class:`Change` the event makes — new scalar position, new or replaced grants,
price-chain steps, adjustment records and the determination.  It never mutates
anything; the ledger commits a change only once the rule has returned, so an
event is applied whole or not at all.

Section 4 (all clauses): the engine's side of a rule; the 4.G facts of a record are
built here (:meth:`Book.adjustment`).
"""

from __future__ import annotations

import datetime as dt
from collections import ChainMap
from collections.abc import Callable, Iterator, Mapping, Sequence
from fractions import Fraction
from typing import Protocol, TypeVar, overload

import attrs

from warrant.ground.errors import EventRejected, UnknownGrant, WarrantError
from warrant.instrument.readings import CarveOutCounting, Reading
from warrant.instrument.terms import WarrantTerms
from warrant.market.fmv import FairMarketValue, fair_market_value
from warrant.market.price_history import PriceHistory
from warrant.register.events import Event
from warrant.register.records import (
    Adjustment,
    AppliedFormula,
    CarveOutPosition,
    Determination,
    EventRef,
)
from warrant.register.settlements import ExerciseSettlement
from warrant.register.state import (
    Grant,
    Position,
)
from warrant.register.steps import Step, StepOverlay, advance_live_steps
from warrant.section4.c2_consideration import Consideration

T = TypeVar("T")


class ListView(Sequence[T]):
    """A read-only window on a list the ledger owns: nothing copied, nothing to change.

    The rules get the price chain, the adjustments and the live steps through these,
    so a rule cannot append to or replace what the ledger has committed; the ledger
    keeps the list and extends it when it commits a change.
    """

    __slots__ = ("_items",)

    def __init__(self, items: list[T]) -> None:
        self._items = items

    def __len__(self) -> int:
        return len(self._items)

    @overload
    def __getitem__(self, index: int) -> T: ...
    @overload
    def __getitem__(self, index: slice) -> Sequence[T]: ...
    def __getitem__(self, index: int | slice) -> T | Sequence[T]:
        if isinstance(index, slice):
            return tuple(self._items[index])
        return self._items[index]

    def __iter__(self) -> Iterator[T]:
        return iter(self._items)

    def __repr__(self) -> str:
        return f"ListView({self._items!r})"


@attrs.frozen
class Restated:
    """The register re-derived as a whole, as if an earlier event had been otherwise (the
    4.D(1) proviso: a dividend not paid is recomputed away from its record date, every
    decision since included): the price chain, its live steps and every grant."""

    steps: tuple[Step, ...]
    live_steps: tuple[int, ...]
    grants: tuple[Grant, ...]


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
    #: the chain and grants replaced whole before the rest of the change (rare: see Restated)
    restated: Restated | None = None
    #: a later recomputation may replay this event otherwise (see Book.recomputed): the
    #: ledger keeps the register as it stood before it, so that one starts there
    keep_state_before: bool = False


@attrs.frozen
class Recomputed:
    """The register as it would stand now had one earlier event been otherwise: what
    :meth:`Book.recomputed` returns (nothing of the ledger is changed to get it)."""

    position: Position
    grants: Mapping[str, Grant]
    steps: tuple[Step, ...]
    live_steps: tuple[int, ...]
    adjustments: tuple[Adjustment, ...]


class Recompute(Protocol):
    """The ledger's what-if: replay the events so far, each as ``replace(position, event)``
    gives it (``worded``: see :meth:`Book.recomputed`)."""

    def __call__(
        self, replace: Callable[[int, Event], Event], *, worded: bool
    ) -> Recomputed: ...


class Book:
    """A read-only view of the register for the rules: grants behind a mapping proxy,
    the price chain, adjustments and live steps behind :class:`ListView`."""

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
        consulted: dict[str, int] | None = None,
        event_index: int = 0,
        recompute: Recompute | None = None,
        settled: ExerciseSettlement | None = None,
    ) -> None:
        self.terms = terms
        self._recompute = recompute
        #: when the register is recomputed, the holder's exercise this event already was
        #: (its settlement is history: what was paid and issued then stays so)
        self.settled = settled
        self._reading = reading
        #: reading field -> the register position of the event that first consulted it
        self._consulted = consulted
        self._event_index = event_index
        self.prices = prices
        self.position = position
        self.grants = grants
        self.steps = steps
        self.adjustments = adjustments
        #: indices, ascending, of the 4.C steps a readjustment may have to recompute
        self.live_steps = live_steps
        self._fmv_cache = fmv_cache

    @property
    def reading(self) -> Reading:
        """The reading in force.  When the ledger keeps count, every field a rule reads is
        recorded, so a side-by-side view replays only readings that can change the answer."""
        if self._consulted is None:
            return self._reading
        # A stand-in that records each field read and answers as the reading would: typed
        # as the Reading every rule expects, which it is not; hence the ignore.
        return ConsultedReading(self._reading, self._consulted, self._event_index)  # type: ignore[return-value]

    def answer(self, name: str, question: Callable[[object], T]) -> T:
        """``question`` asked of the reading field ``name``'s value in force.

        The field is noted as read (see :attr:`reading`) only when another of its values
        would answer otherwise: where every value gives one answer, the rule takes the same
        path under each, and a side-by-side view need not tell them apart here.
        """
        value = getattr(self._reading, name)
        found = question(value)
        if self._consulted is not None and name not in self._consulted and any(
            _answers_otherwise(question, other, found)
            for other in _FIELD_VALUES[name]
            if other != value
        ):
            self._consulted[name] = self._event_index
        return found

    def wording(self, name: str) -> object:
        """The reading field ``name``'s value, for the words of a reason only: not noted as
        read.  Words are not figures: a side-by-side view compares figures, and a record
        whose words a reading chose is only ever shown from a run under that reading."""
        return getattr(self._reading, name)

    def recomputed(
        self, replace: Callable[[int, Event], Event], *, worded: bool = False
    ) -> Recomputed:
        """The register as it would stand now had each event so far been
        ``replace(position, event)``: every event applied again to a fresh register.  Slow
        (a replay), for the rare rule whose clause recomputes the whole register as of an
        earlier date (4.D(1) proviso); a holder's exercise replays as it was settled.  The
        events before the first one ``replace`` changes are not applied again when the
        ledger kept its state before that one (``Change.keep_state_before``): the replay
        starts from there, with the same result.

        The replay's records are for their figures: their reasons are not worded
        (``Ledger(explain=False)``) unless ``worded``, which also replays from the
        register's own kept states only, so that every record it returns is worded."""
        if self._recompute is None:
            raise EventRejected(
                "this view of the register cannot replay its events", field="type"
            )
        return self._recompute(replace, worded=worded)

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
        formula: AppliedFormula | None = None,
    ) -> Adjustment:
        """The record of one adjustment from ``before`` to ``after`` (the facts of 4.G)."""
        basis = self._reading.outstanding_basis
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
            carve_out=CarveOutPosition.counted(
                cap=after.carve_out_cap, counted=after.carve_out_used + after.carve_out_promised,
                promised=after.carve_out_promised,
            ),
            reading=self._reading,
            readjustment=readjusts is not None,
            readjusts=readjusts,
            formula=formula,
            note=note,
        )

    def staged(self, change: Change) -> Book:
        """This view as it would be after ``change``: for rules made of two steps (a
        repricing closes old terms, then issues new ones)."""
        # Overlays, not copies: a repricing stages one change on a register of any size.
        base_grants, base_steps, base_live = self.grants, self.steps, self.live_steps
        if change.restated is not None:
            base_grants = {grant.id: grant for grant in change.restated.grants}
            base_steps, base_live = change.restated.steps, change.restated.live_steps
        # ChainMap wants mutable maps; this overlay is only read, hence the ignore.
        grants = ChainMap({grant.id: grant for grant in change.grants}, base_grants)  # type: ignore[arg-type]
        steps = StepOverlay(base_steps, dict(change.replaced_steps), change.new_steps)
        live = advance_live_steps(base_live, len(base_steps), change)
        return Book(
            terms=self.terms,
            reading=self._reading,
            prices=self.prices,
            position=change.position or self.position,
            grants=grants,
            steps=steps,
            adjustments=(*self.adjustments, *change.adjustments),
            fmv_cache=self._fmv_cache,
            live_steps=live,
            consulted=self._consulted,
            event_index=self._event_index,
            recompute=self._recompute,
            settled=self.settled,
        )


def _answers_otherwise(question: Callable[[object], T], other: object, found: T) -> bool:
    """Whether the value ``other`` answers ``question`` otherwise than ``found``. A question
    that cannot be answered under ``other`` (a day outside the trading calendar's span, under
    the trading-day basis) answers otherwise: that reading would be refused here."""
    try:
        return question(other) != found
    except WarrantError:
        return True


class ConsultedReading:
    """A :class:`Reading` that notes each field read, with the event that first read it.

    Rules are deterministic given the facts and the fields they read, so a replay under
    another reading that agrees on every field noted takes the same path to the same
    result (see ``analyses/readings_side_by_side``).
    """

    __slots__ = ("_consulted", "_index", "_reading")

    def __init__(self, reading: Reading, consulted: dict[str, int], index: int) -> None:
        self._reading = reading
        self._consulted = consulted
        self._index = index

    def __getattr__(self, name: str) -> object:
        value = getattr(self._reading, name)
        if name in _READING_FIELDS:
            self._consulted.setdefault(name, self._index)
        return value


_READING_FIELDS = frozenset(field.name for field in attrs.fields(Reading))
#: each reading field's values, as :meth:`Reading.all` ranges over them
_FIELD_VALUES: dict[str, tuple[object, ...]] = {
    name: tuple(dict.fromkeys(getattr(reading, name) for reading in Reading.all()))
    for name in sorted(_READING_FIELDS)
}


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
