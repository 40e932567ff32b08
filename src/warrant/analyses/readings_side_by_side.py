"""Every reading side by side (SPEC §9): does the answer depend on interpretation?

A computation is run under each of :meth:`Reading.all` and the answers are compared.
Running it 96 times would be wasteful, and is not needed: the ledger records which
reading fields its rules read (:attr:`Ledger.consulted`).  Rules are deterministic
given the facts and the fields they read, so a run under reading R that read the
fields F gives the same answer under every reading that agrees with R on F — it would
read the same values at the same points and take the same path.  Each reading is
therefore first matched against the runs already made; only a reading that differs
from all of them on a field they read is run.

A run need not even start from the beginning: a reading that differs from an earlier
run only on fields that run first read at event k takes the same path through the
events before k.  The ledger keeps its state before each such event
(:meth:`Ledger.resume`), and the new run starts there.

A register the default reading replays may still be refused under another (an event
whose figure would pass a bound, an exercise the other business-day basis refuses).  Where
the caller says what a refusal answers (``refused``), it is that reading's answer; else the
error is raised naming the reading.

``depends_on`` names the fields whose change, all else equal, changes the answer.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Hashable, Mapping, Sequence
from fractions import Fraction
from typing import Generic, TypeVar

import attrs

from warrant.case.scenario import Scenario
from warrant.ground.errors import WarrantError
from warrant.instrument.readings import Reading
from warrant.register.events import Event
from warrant.register.ledger import Checkpoint, Ledger
from warrant.register.records import CarveOutPosition

T = TypeVar("T")
_FIELDS = tuple(field.name for field in attrs.fields(Reading))

#: a computation under one reading: its answer and the fields the rules read
Evaluation = Callable[[Reading], tuple[T, Mapping[str, int]]]


@attrs.frozen
class SideBySide(Generic[T]):
    """An answer for every reading, and how many runs it took to get them."""

    answers: tuple[tuple[Reading, T], ...]
    runs: int
    #: events applied over all runs (a replay of every reading from the start would apply
    #: ``len(Reading.all()) * len(events)``)
    applied: int = 0

    def answer(self, reading: Reading) -> T:
        return next(answer for candidate, answer in self.answers if candidate == reading)


def under_every_reading(evaluate: Evaluation[T]) -> SideBySide[T]:
    """``evaluate`` under every reading, running it only for readings that can differ."""
    made: list[tuple[dict[str, object], T]] = []
    answers: list[tuple[Reading, T]] = []
    for reading in Reading.all():
        known = [
            answer
            for signature, answer in made
            if all(getattr(reading, name) == value for name, value in signature.items())
        ]
        if known:
            answers.append((reading, known[0]))
            continue
        answer, consulted = evaluate(reading)
        made.append(({name: getattr(reading, name) for name in consulted}, answer))
        answers.append((reading, answer))
    return SideBySide(answers=tuple(answers), runs=len(made))


@attrs.frozen(eq=False)
class _Done(Generic[T]):
    """What a finished run leaves: its answer, and what a later run needs to resume from it
    (not its ledger: memory does not grow with every run's records)."""

    signature: Mapping[str, object]  # the fields read, with this run's values
    answer: T
    consulted: Mapping[str, int]
    checkpoints: tuple[Checkpoint, ...]


def replay_side_by_side(
    build: Callable[[Reading], Ledger],
    events: Sequence[Event],
    finish: Callable[[Ledger], T],
    *,
    seed: Ledger | None = None,
    refused: Callable[[Reading, int, WarrantError], T] | None = None,
) -> SideBySide[T]:
    """``finish`` of the ledger ``build`` makes, with ``events`` applied, under every reading.

    A reading that agrees with a finished run on every field it read reuses its answer;
    otherwise the run resumes from the latest checkpoint of a finished run before which
    the two readings cannot have differed.  ``seed`` is a ledger already run (with
    checkpoints) under its own reading.  An event refused under a reading gives the answer
    ``refused`` makes of the error; without ``refused`` the error is raised, naming the
    reading.  ``refused`` is given the reading, the position in ``events`` of the event
    refused, and the error.
    """
    done: list[_Done[T]] = []
    facts: list[Ledger] = []  # one empty ledger, to resume from any run's checkpoints

    def record(ledger: Ledger) -> T:
        answer = finish(ledger)
        consulted = dict(ledger.consulted)
        signature = {name: getattr(ledger.reading, name) for name in consulted}
        done.append(
            _Done(
                signature=signature, answer=answer, consulted=consulted,
                checkpoints=ledger.checkpoints,
            )
        )
        return answer

    if seed is not None:
        record(seed)
    answers: list[tuple[Reading, T]] = []
    applied = len(events) if seed is not None else 0
    for reading in Reading.all():
        known = next((d for d in done if _agrees(reading, d.signature)), None)
        if known is not None:
            answers.append((reading, known.answer))
            continue
        ledger, start = _start(reading, done, build, facts)
        for position in range(start, len(events)):
            try:
                ledger.apply(events[position])
            except WarrantError as error:
                applied += position - start + 1
                if refused is None:
                    raise error.located(f"under the reading {reading.label()}") from None
                answers.append((reading, _record_refusal(
                    done, ledger, position, error, refused(reading, position, error)
                )))
                break
        else:
            applied += len(events) - start
            answers.append((reading, record(ledger)))
    return SideBySide(answers=tuple(answers), runs=len(done), applied=applied)


def _record_refusal(
    done: list[_Done[T]], ledger: Ledger, position: int, error: WarrantError, answer: T
) -> T:
    """A run refused at event ``position``: the fields read before it, and those the refused
    rule read (the error says which; where it cannot, every other field counts as read) —
    a reading that differs from this one on any of them is run, one that agrees on all of
    them is refused alike."""
    consulted = dict(ledger.consulted)
    read = error.consulted if error.consulted is not None else _FIELDS
    for name in read:
        consulted.setdefault(name, position)
    done.append(
        _Done(
            signature={name: getattr(ledger.reading, name) for name in consulted},
            answer=answer, consulted=consulted, checkpoints=ledger.checkpoints,
        )
    )
    return answer


def _agrees(reading: Reading, signature: Mapping[str, object]) -> bool:
    return all(getattr(reading, name) == value for name, value in signature.items())


def _start(
    reading: Reading,
    done: Sequence[_Done[T]],
    build: Callable[[Reading], Ledger],
    facts: list[Ledger],
) -> tuple[Ledger, int]:
    """The ledger to continue under ``reading``, and the event to continue from."""
    best: tuple[int, _Done[T]] | None = None
    for run in done:
        consulted = run.consulted
        split = min(
            consulted[name] for name, value in run.signature.items()
            if getattr(reading, name) != value
        )
        if best is None or split > best[0]:
            best = (split, run)
    if best is not None and best[0] > 0:
        split, run = best
        # Any state of the run before ``split`` is this reading's too; the latest saves most
        # (one is kept at each field's first read; a refusal's fields have none of their own).
        checkpoint = max(
            (c for c in run.checkpoints if c.index <= split), key=lambda c: c.index, default=None
        )
        if checkpoint is not None:
            if not facts:
                facts.append(build(reading))
            resumed = facts[0].resume(checkpoint, reading, earlier=run.checkpoints)
            return resumed, checkpoint.index
    return build(reading), 0


def depends_on(
    answers: Sequence[tuple[Reading, T]], key: Callable[[T], Hashable]
) -> tuple[str, ...]:
    """The reading fields whose change alone changes ``key`` of the answer for some reading."""
    keyed = {reading: key(answer) for reading, answer in answers}
    found: list[str] = []
    for field in attrs.fields(Reading):
        choices = {getattr(reading, field.name) for reading in keyed}
        if any(
            keyed.get(attrs.evolve(reading, **{field.name: choice}), value) != value
            for reading, value in keyed.items()
            for choice in choices
        ):
            found.append(field.name)
    return tuple(found)


# -- `warrant readings SCENARIO` -------------------------------------------------------


@attrs.frozen
class ReadingOutcome:
    """What a scenario comes to under one reading."""

    exercise_price: Fraction
    shares: Fraction | None
    carve_out_used: Fraction
    adjustments: int
    as_of: dt.date


@attrs.frozen
class ReadingRefusal:
    """A scenario the library refuses to replay under one reading: the event refused (its
    position in the scenario), and the error's one line (event, field, clause)."""

    event: int
    error: str


@attrs.frozen
class ReadingGroup:
    """Readings that give one identical outcome."""

    outcome: ReadingOutcome
    readings: tuple[Reading, ...]


@attrs.frozen
class RefusedGroup:
    """Readings under which the scenario is refused at one event, with one error."""

    refusal: ReadingRefusal
    readings: tuple[Reading, ...]


@attrs.frozen
class ReadingsSideBySide:
    """A scenario under every reading, grouped by identical outcome (the default's first)."""

    scenario: Scenario = attrs.field(eq=False)
    groups: tuple[ReadingGroup, ...]
    depends_on: tuple[str, ...]
    runs: int
    #: events applied over all runs
    applied: int = 0
    #: readings under which an event of the scenario is refused (none, usually)
    refused: tuple[RefusedGroup, ...] = ()


def series_shares(scenario: Scenario, ledger: Ledger, price: Fraction) -> Fraction | None:
    """The shares receivable under the Warrants outstanding at ``price`` — the ``shares``
    of ``replay`` (``None`` for a scenario with no warrant on it)."""
    if not scenario.warrants:
        return None
    return ledger.position.series.total_shares(scenario.terms.exercise_price, price)


def _outcome(scenario: Scenario, ledger: Ledger) -> ReadingOutcome:
    position = ledger.position
    as_of = position.last_date or scenario.terms.issue_date
    return ReadingOutcome(
        exercise_price=ledger.price_on(as_of),
        shares=series_shares(scenario, ledger, ledger.price_on(as_of)),
        carve_out_used=CarveOutPosition.counted(
            cap=position.carve_out_cap,
            counted=position.carve_out_used + position.carve_out_promised,
        ).used,
        adjustments=len(ledger.adjustments),
        as_of=as_of,
    )


def readings_side_by_side(scenario: Scenario) -> ReadingsSideBySide:
    """The scenario's price, shares, carve-out use and adjustment count under every reading.

    A reading under which the engine refuses an event is listed under ``refused``. The
    scenario's own reading is run first, from the start: a refusal under it is the
    register's, raised as :func:`replay` raises it, since there are then no figures in force
    to set the other readings beside."""
    from warrant.analyses.replay import check_order

    check_order(scenario)

    def build(reading: Reading) -> Ledger:
        return Ledger(
            capitalization=scenario.capitalization, prices=scenario.prices,
            terms=scenario.terms, reading=reading, checkpoints=True, series=scenario.warrants,
            explain=False,  # the figures in force are compared; no record is shown
        )

    def refusal(
        reading: Reading, position: int, error: WarrantError
    ) -> ReadingOutcome | ReadingRefusal:
        return ReadingRefusal(event=position, error=str(error))

    own = build(scenario.reading)
    for event in scenario.events:
        own.apply(event)
    side: SideBySide[ReadingOutcome | ReadingRefusal] = replay_side_by_side(
        build, scenario.events, lambda ledger: _outcome(scenario, ledger), seed=own,
        refused=refusal,
    )
    groups: dict[ReadingOutcome | ReadingRefusal, list[Reading]] = {}
    default = side.answer(scenario.reading)
    if isinstance(default, ReadingOutcome):
        groups[default] = []
    for reading, outcome in side.answers:
        groups.setdefault(outcome, []).append(reading)
    return ReadingsSideBySide(
        scenario=scenario,
        groups=tuple(
            ReadingGroup(outcome=o, readings=tuple(r))
            for o, r in groups.items()
            if isinstance(o, ReadingOutcome)
        ),
        depends_on=depends_on(side.answers, lambda outcome: outcome),
        runs=side.runs,
        applied=side.applied,
        refused=tuple(
            RefusedGroup(refusal=o, readings=tuple(r))
            for o, r in groups.items()
            if isinstance(o, ReadingRefusal)
        ),
    )
