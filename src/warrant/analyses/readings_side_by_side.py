"""Every reading side by side (SPEC §9): does the answer depend on interpretation?

A computation is run under each of :meth:`Reading.all` and the answers are compared.
Running it 96 times would be wasteful, and is not needed: the ledger records which
reading fields its rules read (:attr:`Ledger.consulted`).  Rules are deterministic
given the facts and the fields they read, so a run under reading R that read the
fields F gives the same answer under every reading that agrees with R on F — it would
read the same values at the same points and take the same path.  Each reading is
therefore first matched against the runs already made; only a reading that differs
from all of them on a field they read is run.

``depends_on`` names the fields whose change, all else equal, changes the answer.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Hashable, Mapping, Sequence
from fractions import Fraction
from typing import Generic, TypeVar

import attrs

from warrant.files.scenario_files import Scenario
from warrant.instrument.readings import Reading

T = TypeVar("T")

#: a computation under one reading: its answer and the fields the rules read
Evaluation = Callable[[Reading], tuple[T, Mapping[str, int]]]


@attrs.frozen
class SideBySide(Generic[T]):
    """An answer for every reading, and how many runs it took to get them."""

    answers: tuple[tuple[Reading, T], ...]
    runs: int

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
class ReadingGroup:
    """Readings that give one identical outcome."""

    outcome: ReadingOutcome
    readings: tuple[Reading, ...]


@attrs.frozen
class ReadingsSideBySide:
    """A scenario under every reading, grouped by identical outcome (the default's first)."""

    scenario: Scenario = attrs.field(eq=False)
    groups: tuple[ReadingGroup, ...]
    depends_on: tuple[str, ...]
    runs: int


def _outcome_of(scenario: Scenario, reading: Reading) -> tuple[ReadingOutcome, Mapping[str, int]]:
    from warrant.analyses.replay import replay

    result = replay(attrs.evolve(scenario, reading=reading))
    position = result.ledger.position
    outcome = ReadingOutcome(
        exercise_price=result.exercise_price,
        shares=result.shares,
        carve_out_used=position.carve_out_used + position.carve_out_promised,
        adjustments=len(result.ledger.adjustments),
        as_of=result.as_of,
    )
    return outcome, result.ledger.consulted


def readings_side_by_side(scenario: Scenario) -> ReadingsSideBySide:
    """The scenario's price, shares, carve-out use and adjustment count under every reading."""
    side = under_every_reading(lambda reading: _outcome_of(scenario, reading))
    groups: dict[ReadingOutcome, list[Reading]] = {}
    default = scenario.reading
    groups[side.answer(default)] = []
    for reading, outcome in side.answers:
        groups.setdefault(outcome, []).append(reading)
    return ReadingsSideBySide(
        scenario=scenario,
        groups=tuple(ReadingGroup(outcome=o, readings=tuple(r)) for o, r in groups.items()),
        depends_on=depends_on(side.answers, lambda outcome: outcome),
        runs=side.runs,
    )
