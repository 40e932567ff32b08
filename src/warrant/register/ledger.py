"""The register of corporate events since the Issue Date, and what they did to the warrant.

A :class:`Ledger` starts from the terms, the capitalisation at the Issue Date,
a price history and a :class:`~warrant.instrument.readings.Reading`, and is
handed the :class:`~warrant.register.rulebook.Rulebook` that decides each event
(by default the one its terms name, e.g. ``alpha-2002``): the ledger itself
knows no clause.  It applies events in
date order (same-day events in the order given); each event is applied whole or
not at all — if its rule raises, the ledger is exactly as it was.  It records
every adjustment (:class:`~warrant.register.records.Adjustment`) and, for every event,
a :class:`~warrant.register.records.Determination` saying what the warrant makes of it.

The ledger is a register its owner appends to; what it hands out (positions,
adjustments, determinations) are frozen values.

Section 4 (the engine, every clause through its rulebook); SPEC §11 (a refused
event changes nothing).

Why this module is long: the ledger is the one place that commits a change, and its
queries (price and shares on a date, the carve-out, checkpoints for side-by-side
views) read its private lists; splitting them off would hand those lists out.
"""

from __future__ import annotations

import bisect
import datetime as dt
from collections.abc import Callable, Iterable, Mapping
from fractions import Fraction
from types import MappingProxyType
from typing import TYPE_CHECKING, Any

import attrs

from warrant.ground.collector import collector_paused
from warrant.ground.dates import require_date
from warrant.ground.errors import EventRejected, InvalidValue, WarrantError
from warrant.ground.exact import NON_NEGATIVE, POSITIVE, clause, exact_str, positive
from warrant.ground.wording import worded, wording
from warrant.instrument.readings import Reading
from warrant.instrument.terms import ALPHA_2002, WarrantTerms
from warrant.market.fmv import FairMarketValue
from warrant.market.price_history import PriceHistory
from warrant.register.book import Book, Change, ListView, Recomputed, carve_out_usage
from warrant.register.events import Event
from warrant.register.holder_events import WarrantExercise
from warrant.register.records import (
    Adjustment,
    CarveOutPosition,
    Determination,
    EventRef,
    Outstanding,
)
from warrant.register.rulebook import Rulebook, rulebook_named
from warrant.register.series import SINGLE_WARRANT_ID, SeriesState, SeriesWarrant
from warrant.register.settlements import ExerciseSettlement
from warrant.register.state import Grant, Position, Tally
from warrant.register.steps import Step, advance_live_steps

if TYPE_CHECKING:
    from warrant.holder.s11_consents import ConsentCount

__all__ = ["OPENING_PLAN_OPTIONS", "Capitalization", "Ledger"]

#: The id of the plan options outstanding at the Issue Date (exercise and expire them by it).
OPENING_PLAN_OPTIONS = "opening-plan-options"
#: every reading field (what a refusal whose reads are not known may have read)
_ALL_FIELDS = tuple(field.name for field in attrs.fields(Reading))


def date_order_refusal(day: dt.date, previous: dt.date | None) -> EventRejected | None:
    """The refusal of an event effective before the previous one, or ``None``: the one
    date-order check (the ledger's, and a replay's over the whole scenario)."""
    if previous is not None and day < previous:
        return EventRejected(
            f"effective {day.isoformat()}, before the previous event ({previous.isoformat()}): "
            "events must be in date order",
            field="date",
        )
    return None

@attrs.frozen(kw_only=True)
class Capitalization:
    """The Company's capital at the Issue Date."""

    common_outstanding: Fraction = attrs.field(converter=POSITIVE, metadata=clause("4.C(1)(b)"))
    plan_options_outstanding: Fraction = attrs.field(
        default=Fraction(0), converter=NON_NEGATIVE, metadata=clause("4.C(5)(iii)")
    )


@attrs.frozen(eq=False)
class _StateBefore:
    """The register before the event at ``index``, kept for a recomputation that replays
    the events from there (``Change.keep_state_before``).  The lists the ledger only appends
    to are kept as their lengths."""

    index: int
    position: Position
    grants: Mapping[str, Grant]
    steps: tuple[Step, ...]
    live_steps: tuple[int, ...]
    adjustments: int
    consulted: Mapping[str, int]


@attrs.frozen(eq=False)
class Checkpoint:
    """The register's state before the event at position ``index`` (see Ledger.resume)."""

    index: int
    position: Position
    grants: Mapping[str, Grant]
    steps: tuple[Step, ...]
    live_steps: tuple[int, ...]
    adjustments: tuple[Adjustment, ...]
    determinations: tuple[Determination, ...]
    events: tuple[Event, ...]
    price_dates: tuple[dt.date, ...]
    price_path: tuple[Fraction, ...]
    consulted: Mapping[str, int]
    #: the states kept before then for a recomputation (the same under any reading the
    #: checkpoint may be resumed in: no rule had yet read a field on which they differ)
    states_before: tuple[_StateBefore, ...] = ()


class Ledger:
    """The register: apply events, then ask for the price and shares in force on any date."""

    def __init__(
        self,
        *,
        capitalization: Capitalization,
        prices: PriceHistory,
        terms: WarrantTerms = ALPHA_2002,
        reading: Reading | None = None,
        rulebook: Rulebook | None = None,
        series: Iterable[SeriesWarrant] = (),
        face_shares: Fraction | int | str | None = None,
        checkpoints: bool = False,
        explain: bool = True,
    ) -> None:
        """``series`` lists the Warrants outstanding at the Issue Date; ``face_shares`` alone
        makes the one-warrant series ``W-1`` for that many shares on its face, as a scenario
        file's ``face_shares`` does (give one or the other).  ``explain=False`` makes a
        ledger for the figures only: its records' reasons and notes hold a placeholder
        where a figure would be worded (every figure of every record is exact and complete,
        and a refusal is worded in full); the side-by-side view of the readings uses it."""
        series = tuple(series)
        if face_shares is not None:
            if series:
                raise InvalidValue(
                    "give the series or face_shares (the one warrant W-1), not both",
                    field="face_shares", clause="Section 3",
                )
            series = (SeriesWarrant(id=SINGLE_WARRANT_ID, face_shares=face_shares),)
        self._terms = terms
        #: whether the reasons of its records are worded (see ``explain``)
        self.explains = explain
        self.rulebook = rulebook if rulebook is not None else rulebook_named(terms.rulebook)
        self.reading = reading or Reading()
        self.prices = prices
        self.capitalization = capitalization
        self._opening_series = tuple(series)
        #: exercises already settled, by event position (only in a recomputation)
        self._settled: dict[int, ExerciseSettlement] = {}
        opening = capitalization.plan_options_outstanding
        inside = min(opening, terms.carve_out_cap)
        self._position = Position(
            price=terms.exercise_price,
            issued=capitalization.common_outstanding,
            deemed=Fraction(0),
            undeemed_options=opening,
            carve_out_cap=terms.carve_out_cap,
            carve_out_used=inside,
            series=SeriesState.of(series),
        )
        self._grants: dict[str, Grant] = {}
        if opening:
            # Plan options outstanding at the Issue Date count toward the cap under
            # both readings (SPEC §4.4); any excess over the cap was never deemed issued.
            self._grants[OPENING_PLAN_OPTIONS] = Grant(
                id=OPENING_PLAN_OPTIONS,
                event=EventRef(index=-1, type="capitalization", id=OPENING_PLAN_OPTIONS),
                granted_on=terms.issue_date,
                expires=None,
                exercise_price=None,
                consideration_per_share=Fraction(0),
                in_carve_out_class=True,
                before_issue_date=True,
                excluded=Tally(granted=inside, outstanding=inside),
                other=Tally(granted=opening - inside, outstanding=opening - inside),
            )
        # Each carve-out grant's room (see _tally_carve_out), kept as events commit, so a
        # record's usage per grant costs no scan of the register.
        self._carve_out_usage: dict[str, Fraction] = {}
        self._tally_scale = self._position.split_scale
        self._by_grant: tuple[tuple[str, Fraction], ...] | None = None
        self._tally_carve_out(self._grants.values())
        self._steps: list[Step] = []
        self._live_steps: list[int] = []  # see Book.live_steps
        self._adjustments: list[Adjustment] = []
        self._determinations: list[Determination] = []
        self._events: list[Event] = []
        self._fmv_cache: dict[dt.date, FairMarketValue] = {}
        # reading field -> position of the event whose rule first read it (see Book.reading)
        self._consulted: dict[str, int] = {}
        # (date, price after) per adjustment, for "price in force on a date"
        self._price_dates: list[dt.date] = []
        self._price_path: list[Fraction] = []
        # states before each event whose rule first read a reading field (see resume)
        self._checkpoints: list[Checkpoint] | None = [] if checkpoints else None
        # states before each event a recomputation may replay otherwise (see _recomputed);
        # None in a recomputation's own ledger, which never recomputes
        self._states_before: list[_StateBefore] | None = []
        # the ledger of the last recomputation, whose kept states the next may start from
        self._last_recomputation: Ledger | None = None

    # -- applying events -------------------------------------------------------

    def apply(self, event: Event) -> Determination:
        """Apply one event whole, or raise and change nothing."""
        with collector_paused(), wording(self.explains):
            return self._apply(event)

    def _apply(self, event: Event) -> Determination:
        if not isinstance(event, Event):
            raise EventRejected(
                f"expected an event (Issuance, OptionGrant, ...), got {type(event).__name__}",
                field="event",
            )
        ref = EventRef(
            index=len(self._events), type=event.TYPE or type(event).__name__, id=event.id
        )
        known = len(self._consulted)
        change = self._decide(event, ref)
        if self._checkpoints is not None and len(self._consulted) > known:
            # Nothing is committed yet: this is still the state before the event.
            self._checkpoints.append(self._checkpoint(ref.index))
        if change.keep_state_before and self._states_before is not None:
            self._states_before.append(
                _StateBefore(
                    index=ref.index, position=self._position, grants=dict(self._grants),
                    steps=tuple(self._steps), live_steps=tuple(self._live_steps),
                    adjustments=len(self._adjustments),
                    consulted={n: at for n, at in self._consulted.items() if at < ref.index},
                )
            )
        self._commit(event, change)
        return change.determination

    def price_exercise(
        self, event: WarrantExercise | None = None, /, **fields: Any
    ) -> ExerciseSettlement:
        """Section 1: what ``event`` would pay and deliver against the register now, with
        every check an applied exercise gets; nothing is recorded.  Give the event, or
        its fields (``price_exercise(date=..., warrant="W-1", cash=...)``)."""
        if event is None:
            event = WarrantExercise(**fields)
        elif fields:
            raise InvalidValue(
                "give the exercise or its fields, not both", field=next(iter(fields)),
                clause="Section 1",
            )
        ref = EventRef(index=len(self._events), type=event.TYPE, id=event.id)
        consulted, cached = len(self._consulted), len(self._fmv_cache)
        try:
            change = self._decide(event, ref)
        finally:  # records nothing: not even what the rule read
            self._forget(consulted, cached)
        # the rule recorded the settlement on the position it would commit
        recorded = (change.position or self._position).exercises
        if len(recorded) != len(self._position.exercises) + 1:
            raise EventRejected(
                f"the rulebook {self.rulebook.name!r} recorded no exercise for this event",
                field="type", clause="Section 1",
            ).located(ref.describe())
        return recorded[-1]

    def consent(self, signed: Iterable[str], *, as_of: dt.date | None = None) -> ConsentCount:
        """Section 11: whether the holders named (warrant ids or holders' names) hold a
        majority of the shares the Warrants are exercisable for now."""
        from warrant.holder.s11_consents import count_consents

        last = self._position.last_date
        day = as_of or last or self.terms.issue_date
        if last is not None and day < last:
            raise InvalidValue(
                f"the register stands at {last.isoformat()}, after {day.isoformat()}: count "
                "consents on a register replayed to that date", field="as_of", clause="Section 11",
            )
        return count_consents(
            self._position.series, terms=self.terms, price=self.price, as_of=day, signed=signed
        )

    def _decide(self, event: Event, ref: EventRef) -> Change:
        """The rulebook's change for ``event``; refused, every view is left as it was: the
        reading fields the refused rule read and the Fair Market Values it cached are
        forgotten (both only grow, in order, so their new tail is what it added)."""
        consulted, cached = len(self._consulted), len(self._fmv_cache)
        try:
            self._check_date(event)
            return self.rulebook.decide(self._book(), event, ref)
        except WarrantError as error:
            read = tuple(list(self._consulted)[consulted:])
            self._forget(consulted, cached)
            if not worded():
                error = self._worded_refusal(event, ref, error)
            located = error.located(ref.describe())
            located.consulted = read
            raise located from None

    def _worded_refusal(self, event: Event, ref: EventRef, error: WarrantError) -> WarrantError:
        """The refusal ``error`` of a ledger that does not word its reasons, worded: the
        rules are deterministic, so deciding the event again with words refuses it again,
        and this time the message's figures are there (then forgotten as before)."""
        consulted, cached = len(self._consulted), len(self._fmv_cache)
        try:
            with wording(True):
                self._check_date(event)
                self.rulebook.decide(self._book(), event, ref)
        except WarrantError as again:
            return again
        finally:
            self._forget(consulted, cached)
        return error  # not refused with words: keep the first (never seen)

    def _forget(self, consulted: int, cached: int) -> None:
        for name in list(self._consulted)[consulted:]:
            del self._consulted[name]
        for day in list(self._fmv_cache)[cached:]:
            del self._fmv_cache[day]

    def apply_all(self, events: Iterable[Event]) -> tuple[Determination, ...]:
        """Apply events in order; stops at (and raises) the first one refused."""
        return tuple(self.apply(event) for event in events)

    def _check_date(self, event: Event) -> None:
        own = event.date_refusal(self.terms)
        if own is not None:
            raise own
        day = event.effective_date
        if day < self.terms.issue_date:
            raise EventRejected(
                f"effective {day.isoformat()}, before the Issue Date "
                f"{self.terms.issue_date.isoformat()}: Section 4 counts from the Issue Date",
                field="date",
                clause="4.C(5)",
            )
        if day > self.terms.expiration_date:
            raise EventRejected(
                f"effective {day.isoformat()}, after the warrant expired on "
                f"{self.terms.expiration_date.isoformat()}: it can no longer be adjusted",
                field="date",
                clause="Section 1",
            )
        out_of_order = date_order_refusal(day, self._position.last_date)
        if out_of_order is not None:
            raise out_of_order

    def _book(self, *, for_rules: bool = True) -> Book:
        return Book(
            terms=self.terms,
            reading=self.reading,
            prices=self.prices,
            position=self._position,
            grants=MappingProxyType(self._grants),
            # views, not the lists: a rule reads the register and cannot change it
            steps=ListView(self._steps),
            adjustments=ListView(self._adjustments),
            fmv_cache=self._fmv_cache,
            live_steps=ListView(self._live_steps),
            consulted=self._consulted if for_rules else None,
            event_index=len(self._events),
            recompute=self._recomputed,
            settled=self._settled.get(len(self._events)),
        )

    def _recomputed(
        self, replace: Callable[[int, Event], Event], *, worded: bool = False
    ) -> Recomputed:
        """The register now had every event been ``replace(position, event)``: a fresh
        ledger replays every event so far (see Book.recomputed).  Nothing of this one
        changes but the note of the reading fields the replay's rules read, which this
        event now depends on too."""
        clone = Ledger(
            capitalization=self.capitalization, prices=self.prices, terms=self._terms,
            reading=self.reading, rulebook=self.rulebook, series=self._opening_series,
            explain=worded and self.explains,
        )
        clone._fmv_cache = self._fmv_cache  # the Fair Market Value does not depend on it
        # A holder's exercise is history: replayed, it settles as it did (Section 1).
        exercised = [at for at, event in enumerate(self._events)
                     if isinstance(event, WarrantExercise)]
        if len(exercised) != len(self._position.exercises):
            raise EventRejected(
                "the register's exercises do not match its exercise events: it cannot be "
                "recomputed", field="type",
            )
        clone._settled = dict(zip(exercised, self._position.exercises, strict=True))
        clone._states_before = []  # its own, for the next recomputation to start from
        events = [replace(position, event) for position, event in enumerate(self._events)]
        # Start from the latest state kept before the first event replayed otherwise: a
        # state of this register, or of the last recomputation (whose events, up to there,
        # were these same events as replaced now).
        start, restored = 0, None
        keeps = self._states_before is not None
        # (a worded replay starts from the register's own, whose records are worded)
        last = None if worded else self._last_recomputation
        for source in (self, last) if keeps else ():
            if source is None:
                continue
            known = source._events
            first = next(
                (at for at, (new, old) in enumerate(zip(events, known, strict=False))
                 if new != old),
                min(len(events), len(known)),
            )
            for state in source._states_before or ():
                if start < state.index <= first:
                    start, restored = state.index, (state, source)
        if restored is not None:
            clone._restore(*restored)
        for position in range(start, len(events)):
            event = events[position]
            try:
                clone.apply(event)
            except WarrantError as error:
                # what the replay read up to its refusal, this event's rule read too
                read = error.consulted if error.consulted is not None else _ALL_FIELDS
                for name in (*clone._consulted, *read):
                    self._consulted.setdefault(name, len(self._events))
                raise EventRejected(
                    f"the register cannot be recomputed: {error.render()}",
                    field=error.field or "event",
                    clause=error.clause,
                ) from None
        for name in clone._consulted:
            self._consulted.setdefault(name, len(self._events))
        self._last_recomputation = clone
        return Recomputed(
            position=clone._position,
            grants=dict(clone._grants),
            steps=tuple(clone._steps),
            live_steps=tuple(clone._live_steps),
            adjustments=tuple(clone._adjustments),
        )

    def _restore(self, state: _StateBefore, source: Ledger) -> None:
        """This fresh ledger as ``source`` stood before the event at ``state.index``."""
        self._position = state.position
        self._grants = dict(state.grants)
        self._carve_out_usage = {}
        self._tally_scale = state.position.split_scale
        self._by_grant = None
        self._tally_carve_out(self._grants.values())
        self._steps = list(state.steps)
        self._live_steps = list(state.live_steps)
        self._adjustments = source._adjustments[: state.adjustments]
        self._determinations = source._determinations[: state.index]
        self._events = source._events[: state.index]
        self._price_dates = source._price_dates[: state.adjustments]
        self._price_path = source._price_path[: state.adjustments]
        self._consulted = dict(state.consulted)

    def _commit(self, event: Event, change: Change) -> None:
        # Nothing here can fail: the rule has already computed everything.
        position = change.position or self._position
        self._position = attrs.evolve(position, last_date=event.effective_date)
        if change.restated is not None:
            self._steps = list(change.restated.steps)
            self._live_steps = list(change.restated.live_steps)
            self._grants = {grant.id: grant for grant in change.restated.grants}
            self._carve_out_usage = {}
            self._by_grant = None
            self._tally_carve_out(self._grants.values())
        for grant in change.grants:
            self._grants[grant.id] = grant
        self._tally_carve_out(change.grants)
        for index, step in change.replaced_steps:
            self._steps[index] = step
        if change.retired_steps or change.new_steps:
            self._live_steps = advance_live_steps(self._live_steps, len(self._steps), change)
        self._steps.extend(change.new_steps)
        by_grant = self._carve_out_by_grant() if change.adjustments else ()
        for adjustment in change.adjustments:
            # 4.G: the record names the room each grant holds in the carve-out after the event
            adjustment = attrs.evolve(
                adjustment, carve_out=attrs.evolve(adjustment.carve_out, by_grant=by_grant)
            )
            self._adjustments.append(adjustment)
            self._price_dates.append(adjustment.date)
            self._price_path.append(adjustment.price_after)
        self._determinations.append(change.determination)
        self._events.append(event)

    def _tally_carve_out(self, grants: Iterable[Grant]) -> None:
        """Record the 4.C(5)(iii) room ``grants`` hold, as :meth:`Book.carve_out` counts it,
        in the shares of the position's split scale."""
        scale = self._position.split_scale
        if scale != self._tally_scale:
            # a split multiplies every grant's room by the same factor
            factor = scale / self._tally_scale
            for grant_id, usage in self._carve_out_usage.items():
                self._carve_out_usage[grant_id] = usage * factor
            self._tally_scale = scale
            self._by_grant = None
        for grant in grants:
            if grant.excluded.granted or grant.history:
                self._carve_out_usage[grant.id] = carve_out_usage(grant, self.reading, scale)
                self._by_grant = None
            elif self._carve_out_usage.pop(grant.id, None) is not None:
                self._by_grant = None

    def _carve_out_by_grant(self) -> tuple[tuple[str, Fraction], ...]:
        """Each carve-out grant's room now, in today's shares: one tuple, shared by every
        record made until a grant's room or the split scale changes."""
        if self._by_grant is None:
            self._by_grant = tuple(self._carve_out_usage.items())
        return self._by_grant

    # -- checkpoints: the same register under another reading --------------------

    def _checkpoint(self, index: int) -> Checkpoint:
        return Checkpoint(
            index=index,
            position=self._position,
            grants=dict(self._grants),
            steps=tuple(self._steps),
            live_steps=tuple(self._live_steps),
            adjustments=tuple(self._adjustments),
            determinations=tuple(self._determinations),
            events=tuple(self._events),
            price_dates=tuple(self._price_dates),
            price_path=tuple(self._price_path),
            consulted={name: at for name, at in self._consulted.items() if at < index},
            states_before=tuple(self._states_before or ()),
        )

    @property
    def checkpoints(self) -> tuple[Checkpoint, ...]:
        """The register as it stood before each event whose rule first read a reading field
        (kept only for a ledger made with ``checkpoints=True``)."""
        return tuple(self._checkpoints or ())

    def resume(
        self,
        checkpoint: Checkpoint,
        reading: Reading,
        *,
        earlier: Iterable[Checkpoint] | None = None,
    ) -> Ledger:
        """A new ledger at ``checkpoint`` under ``reading``.

        ``earlier``: the checkpoints of the run ``checkpoint`` was taken in, when that is not
        this ledger (any ledger of the same facts can resume another's run: a side-by-side
        view keeps the checkpoints of its runs, not their ledgers); the new ledger keeps
        those before ``checkpoint``.

        Until that event the rules read no field on which ``reading`` may differ from this
        ledger's, so applying the events from ``checkpoint.index`` on gives what a replay
        from the start under ``reading`` gives.  The records made before the checkpoint
        still name the reading they were made under: use a resumed ledger for the figures
        in force, not for certificates.  It words its reasons as this ledger does.
        """
        clone = Ledger(
            capitalization=self.capitalization, prices=self.prices, terms=self._terms,
            reading=reading, rulebook=self.rulebook, checkpoints=True,
            series=self._opening_series, explain=self.explains,
        )
        clone._position = checkpoint.position
        clone._grants = dict(checkpoint.grants)
        clone._carve_out_usage = {}
        clone._tally_scale = checkpoint.position.split_scale
        clone._tally_carve_out(clone._grants.values())  # under the clone's reading
        clone._steps = list(checkpoint.steps)
        clone._live_steps = list(checkpoint.live_steps)
        clone._adjustments = list(checkpoint.adjustments)
        clone._determinations = list(checkpoint.determinations)
        clone._events = list(checkpoint.events)
        clone._price_dates = list(checkpoint.price_dates)
        clone._price_path = list(checkpoint.price_path)
        clone._consulted = dict(checkpoint.consulted)
        clone._states_before = list(checkpoint.states_before)
        clone._fmv_cache = self._fmv_cache  # the Fair Market Value does not depend on a reading
        kept = self.checkpoints if earlier is None else earlier
        clone._checkpoints = [c for c in kept if c.index < checkpoint.index]
        return clone

    # -- what the register says ------------------------------------------------

    @property
    def terms(self) -> WarrantTerms:
        """The terms in force after the last event applied: the register's own, as any
        amendment under Section 11 has changed them since."""
        return self._position.amended_terms or self._terms

    @property
    def price(self) -> Fraction:
        """The Exercise Price in force after the last event applied."""
        return self._position.price

    def shares(self, face_shares: Fraction | int = 1) -> Fraction:
        """Shares receivable now under a warrant for ``face_shares`` on its face (4.C(1)(a))."""
        face = positive(face_shares, field="face_shares", clause="4.C(1)(a)")
        return self.terms.shares_stated(self.price, face)

    def price_on(self, day: dt.date) -> Fraction:
        """The Exercise Price in force on ``day``: after every adjustment dated on or before it.
        A day before the Issue Date or after the expiration is refused, as ``replay(as_of=…)``
        refuses it."""
        day = self.terms.check_in_life(require_date(day, field="day"), field="day")
        position = bisect.bisect_right(self._price_dates, day)
        return self._price_path[position - 1] if position else self.terms.exercise_price

    def shares_on(self, day: dt.date, face_shares: Fraction | int = 1) -> Fraction:
        """Shares receivable on ``day`` under a warrant for ``face_shares`` on its face."""
        face = positive(face_shares, field="face_shares", clause="4.C(1)(a)")
        return self.terms.shares_stated(self.price_on(day), face)

    @property
    def outstanding(self) -> Outstanding:
        """Shares outstanding now (issued, deemed, and ``A`` under the reading)."""
        return self._position.outstanding(self.reading.outstanding_basis)

    @property
    def carve_out(self) -> CarveOutPosition:
        """The 4.C(5)(iii) carve-out now: cap, used, remaining, and usage per grant."""
        position = self._position
        promised = position.carve_out_promised
        return CarveOutPosition.counted(
            cap=position.carve_out_cap, counted=position.carve_out_used + promised,
            by_grant=self._carve_out_by_grant(), promised=promised,
        )

    @property
    def consulted(self) -> Mapping[str, int]:
        """The reading fields the rules have read so far, each with the register position of
        the first event whose rule read it.  A field not listed cannot have changed anything."""
        return MappingProxyType(self._consulted)

    @property
    def adjustments(self) -> tuple[Adjustment, ...]:
        return tuple(self._adjustments)

    @property
    def determinations(self) -> tuple[Determination, ...]:
        return tuple(self._determinations)

    @property
    def events(self) -> tuple[Event, ...]:
        return tuple(self._events)

    @property
    def grants(self) -> Mapping[str, Grant]:
        return MappingProxyType(self._grants)

    @property
    def series(self) -> tuple[SeriesWarrant, ...]:
        """The Warrants outstanding now (Section 3), each with its face shares."""
        return self._position.series.warrants

    def warrant_shares(self, warrant_id: str) -> Fraction:
        """Shares receivable now under the warrant ``warrant_id`` of the series."""
        held = self._position.series.get(warrant_id, clause="Section 1")
        return held.shares(self.terms.exercise_price, self.price)

    @property
    def exercises(self) -> tuple[ExerciseSettlement, ...]:
        """The holders' exercises applied so far (Section 1), in order."""
        return self._position.exercises

    @property
    def position(self) -> Position:
        return self._position

    @property
    def fair_market_values(self) -> tuple[FairMarketValue, ...]:
        """Every Fair Market Value the rules have consulted so far, by date (the prices the
        register's figures rest on: a certificate's facts digest names them, 4.G)."""
        return tuple(self._fmv_cache[day] for day in sorted(self._fmv_cache))

    def describe(self) -> str:
        return (
            f"Ledger({len(self._events)} events, {len(self._adjustments)} adjustments, "
            f"price {exact_str(self.price)})"
        )

    __repr__ = describe
