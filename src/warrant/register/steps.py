"""The price chain: ``price = initial × Π factor``, one step per adjustment.

The engine knows a step only as a :class:`Step`: the adjustment it belongs to,
its factor, the split scale it was computed in, and whether it is *live* (a
later 4.C(3) readjustment may recompute it).  Each clause keeps its own kind of
step with the figures its recompute needs, beside its rule:
``WeightedAverageStep`` (4.C(1), in :mod:`warrant.section4.c1_formula`),
``StockDividendStep`` (4.D, in :mod:`warrant.section4.d_stock_dividends`) and
``SplitStep`` (4.E, in :mod:`warrant.section4.e_splits`).
:class:`StepOverlay` shows the chain with some steps replaced without copying it.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from fractions import Fraction
from typing import TYPE_CHECKING, Protocol, overload

if TYPE_CHECKING:  # a Change carries steps; steps only read a change's step lists
    from warrant.register.book import Change


class Step(Protocol):
    """One factor of the price chain, as the engine sees it."""

    @property
    def adjustment(self) -> int:
        """The sequence of the adjustment this step made."""

    @property
    def factor(self) -> Fraction: ...

    @property
    def scale(self) -> Fraction:
        """The split scale when it was made: today's share counts × scale / today's
        scale are in the units it was computed in."""

    @property
    def live(self) -> bool:
        """Whether a later readjustment may recompute it (a 4.C step whose ``A``
        counts deemed shares)."""


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


def advance_live_steps(live: Sequence[int], first_new: int, change: Change) -> list[int]:
    """The live-step indices after ``change``; its new steps are numbered from ``first_new``."""
    retired = set(change.retired_steps)
    kept = [index for index in live if index not in retired] if retired else list(live)
    kept.extend(first_new + offset for offset, step in enumerate(change.new_steps) if step.live)
    return kept
