"""The price chain: ``price = initial × Π factor``, one step per adjustment.

A step keeps what a later readjustment needs to recompute it (4.C(3) lapses,
the 4.D(1) proviso).  :class:`StepOverlay` shows the chain with some steps
replaced without copying it; the *live* steps are those a readjustment may
have to recompute.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from fractions import Fraction
from typing import TYPE_CHECKING, overload

import attrs

from warrant.section4.c1_formula import weighted_average_factor

if TYPE_CHECKING:  # a Change carries steps; steps only read a change's step lists
    from warrant.register.book import Change


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


class StepOverlay(Sequence[Step]):
    """The price chain with some steps replaced and some appended, without copying it."""

    def __init__(
        self, base: Sequence[Step], replaced: Mapping[int, Step], appended: Sequence[Step]
    ) -> None:
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
