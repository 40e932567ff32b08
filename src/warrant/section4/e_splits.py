"""Section 4.E: subdivisions and combinations of the Common Stock.

A subdivision divides the Exercise Price by the split ratio and multiplies the
shares receivable by it; a combination (ratio below 1) does the reverse;
effective with the split.  Every share count the register keeps follows.
"""

from __future__ import annotations

from fractions import Fraction

import attrs

from warrant.ground.exact import shown
from warrant.register.book import Book, Change
from warrant.register.events import StockSplit
from warrant.register.records import Determination, EventRef, Outcome
from warrant.register.state import Position
from warrant.section4.d_stock_dividends import (
    share_count_adjustment,
)


@attrs.frozen
class SplitStep:
    """A 4.E step of the price chain: ``factor = 1 / ratio``; nothing recomputes it."""

    adjustment: int
    factor: Fraction
    #: the split scale after the split
    scale: Fraction

    @property
    def live(self) -> bool:
        return False


def split_shares(book: Book, event: StockSplit, ref: EventRef) -> Change:
    """4.E: price ÷ ratio, shares × ratio; every share count follows."""
    ratio = event.ratio
    before = book.position
    after = attrs.evolve(
        before,
        price=book.terms.price_in_force(before.price / ratio),
        issued=before.issued * ratio,
        deemed=before.deemed * ratio,
        undeemed_options=before.undeemed_options * ratio,
        carve_out_used=before.carve_out_used * ratio,
        carve_out_cap=before.carve_out_cap * ratio
        if book.reading.carve_out_follows_splits
        else before.carve_out_cap,
        split_scale=before.split_scale * ratio,
        promises=tuple(promise.scaled(ratio) for promise in before.promises),
    )
    word = "subdivision" if ratio > 1 else "combination (reverse split)"
    note = (
        f"{word} of {shown(ratio)} new shares per share: Exercise Price "
        f"{shown(before.price)} / {shown(ratio)} = {shown(after.price)} (4.E)"
    )
    cap_note = (
        "the carve-out cap follows the split (reading: carve_out_follows_splits)"
        if book.reading.carve_out_follows_splits
        else "the carve-out cap stays fixed (reading: carve_out_follows_splits = false)"
    )
    reasons = (note, cap_note, *_over_cap_notes(before, after))
    adjustment = share_count_adjustment(
        book, ref=ref, day=event.date, clause="4.E", before=before, after=after,
        additional=after.issued - before.issued, note=note,
    )
    return Change(
        determination=Determination(
            event=ref,
            date=event.date,
            clause="4.E",
            outcome=Outcome.ADJUSTED,
            reasons=reasons,
            adjustments=(adjustment.sequence,),
        ),
        position=after,
        # Open grants follow the split; closed ones keep their units (Grant.units).
        grants=tuple(grant.scaled(ratio) for grant in book.grants.values() if grant.outstanding),
        new_steps=(
            SplitStep(adjustment=adjustment.sequence, factor=1 / ratio, scale=after.split_scale),
        ),
        adjustments=(adjustment,),
    )


def _over_cap_notes(before: Position, after: Position) -> tuple[str, ...]:
    """Fixed-cap reading: a split that takes the plan shares in the carve-out past the cap."""
    counted = after.carve_out_used + after.carve_out_promised
    if counted <= after.carve_out_cap:
        return ()
    over = counted - after.carve_out_cap
    return (
        f"the plan options in the carve-out now cover {shown(counted)} shares, {shown(over)} "
        f"over the fixed cap of {shown(after.carve_out_cap)}: 4.C(5)(iii) excludes only up to "
        "the cap, so those are no longer excluded",
        "a subdivision is not an issue of Additional Shares (4.C(1) leaves 4.E aside): nothing "
        "is deemed issued and the price is not adjusted for them now; shares later issued on "
        "exercise beyond the cap are Additional Shares, whose 4.C(1) test is a manual "
        "determination",
    )
