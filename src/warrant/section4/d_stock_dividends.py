"""Section 4.D: dividends paid in Common Stock, and dividends declared but not paid.

A stock dividend multiplies the Exercise Price by ``N / (N + D)`` (shares
outstanding before, and the dividend shares), effective at the close of
business on the record date; the shares receivable rise in inverse proportion.
If the dividend is not paid on the date fixed, the adjustment is undone as of
the record date (4.D(1) proviso) and every later one recomputed.
"""

from __future__ import annotations

import datetime as dt
from fractions import Fraction

import attrs

from warrant.ground.errors import EventRejected
from warrant.ground.exact import shown
from warrant.register.book import Book, Change
from warrant.register.events import DividendUnpaid, StockDividend
from warrant.register.records import Adjustment, Determination, EventRef, Outcome
from warrant.register.state import Position
from warrant.section4.c1_formula import WeightedAverageStep, rescaled


@attrs.frozen
class StockDividendStep:
    """A 4.D step of the price chain: ``factor = N / (N + D)``.

    It keeps ``N`` and ``D`` so that undoing an earlier dividend (4.D(1) proviso)
    can recompute it, and its record date so that its own can be found; a
    ``clamped`` step was undone and keeps the factor 1.
    """

    adjustment: int
    factor: Fraction
    scale: Fraction
    #: ``N``: shares outstanding before the dividend, and ``D``: the dividend shares
    outstanding: Fraction
    additional: Fraction
    record_date: dt.date | None = None
    clamped: bool = False

    @property
    def live(self) -> bool:
        return False

    def with_outstanding(self, outstanding: Fraction) -> StockDividendStep:
        """This step recomputed on a new ``N``; an undone step stays at 1."""
        factor = self.factor if self.clamped else outstanding / (outstanding + self.additional)
        return attrs.evolve(self, factor=factor, outstanding=outstanding)


def share_count_adjustment(
    book: Book,
    *,
    ref: EventRef,
    day: dt.date,
    clause: str,
    before: Position,
    after: Position,
    additional: Fraction,
    note: str,
    readjusts: int | None = None,
    sequence: int | None = None,
) -> Adjustment:
    """4.D and 4.E records: no consideration, no FMV; outstanding means shares issued."""
    return book.adjustment(
        ref=ref, day=day, clause=clause, before=before, after=after, additional=additional,
        outstanding_before=before.issued, outstanding_after=after.issued, note=note,
        readjusts=readjusts, sequence=sequence,
    )


def pay_stock_dividend(book: Book, event: StockDividend, ref: EventRef) -> Change:
    """4.D: price × N / (N + D), effective at the close of business on the record date."""
    # 4.D(1): as of the close of business on the record date, where one is fixed.
    day = event.record_date or event.date
    before = book.position
    issued = before.issued
    if issued <= 0:
        raise EventRejected(
            "no shares are outstanding to pay a dividend on", field="shares", clause="4.D(1)"
        )
    factor = issued / (issued + event.shares)
    follows = book.reading.carve_out_follows_splits
    after = attrs.evolve(
        before,
        price=before.price * factor,
        issued=issued + event.shares,
        carve_out_cap=before.carve_out_cap / factor if follows else before.carve_out_cap,
    )
    note = (
        f"dividend of {shown(event.shares)} shares on {shown(issued)} outstanding: "
        f"Exercise Price {shown(before.price)} × {shown(issued)} / "
        f"{shown(issued + event.shares)} = {shown(after.price)} (4.D(1))"
    )
    adjustment = share_count_adjustment(
        book,
        ref=ref,
        day=day,
        clause="4.D",
        before=before,
        after=after,
        additional=event.shares,
        note=note,
    )
    step = StockDividendStep(
        adjustment=adjustment.sequence, factor=factor, scale=before.split_scale,
        outstanding=issued, additional=event.shares, record_date=event.record_date,
    )
    if event.paid:
        return Change(
            determination=Determination(
                event=ref, date=day, clause="4.D", outcome=Outcome.ADJUSTED,
                reasons=(note,), adjustments=(adjustment.sequence,),
            ),
            position=after,
            new_steps=(step,),
            adjustments=(adjustment,),
        )
    # Declared with a record date but not paid on the date fixed: the proviso of
    # 4.D(1) recomputes the price as of the record date, i.e. undoes it at once.
    undo_note = (
        "not paid on the date fixed: the adjustment is undone as of the record date; it will be "
        "made when the dividend is actually paid (4.D(1) proviso)"
    )
    undo = share_count_adjustment(
        book, ref=ref, day=day, clause="4.D", before=after, after=before, additional=-event.shares,
        note=undo_note, readjusts=adjustment.sequence, sequence=adjustment.sequence + 1,
    )
    return Change(
        determination=Determination(
            event=ref, date=day, clause="4.D", outcome=Outcome.READJUSTED,
            reasons=(note, undo_note), adjustments=(adjustment.sequence, undo.sequence),
        ),
        position=before,
        new_steps=(attrs.evolve(step, factor=Fraction(1), clamped=True),),
        adjustments=(adjustment, undo),
    )


def dividend_not_paid(book: Book, event: DividendUnpaid, ref: EventRef) -> Change:
    """4.D(1) proviso: the dividend of ``record_date`` was not paid; undo it as of that date."""
    for index in range(len(book.steps) - 1, -1, -1):
        step = book.steps[index]
        if (
            isinstance(step, StockDividendStep)
            and step.record_date == event.record_date
            and not step.clamped
        ):
            return _undo_step(book, index, ref, event.date)
    raise EventRejected(
        f"no stock dividend with record date {event.record_date.isoformat()} is in force to undo",
        field="record_date",
        clause="4.D(1)",
    )


def _undo_step(book: Book, index: int, ref: EventRef, day: dt.date) -> Change:
    """Undo the 4.D step at ``index`` as of its record date and recompute every later step."""
    step = book.steps[index]
    assert isinstance(step, StockDividendStep)  # found by dividend_not_paid
    before = book.position
    dividend_now = step.additional * before.split_scale / step.scale  # in today's shares
    if before.issued - dividend_now <= 0:
        # Shares bought back since the record date counted the unpaid dividend shares.
        raise EventRejected(
            "cannot undo the stock dividend of record date "
            f"{book.adjustments[step.adjustment].date.isoformat()}: removing its "
            f"{shown(dividend_now)} shares from the {shown(before.issued)} issued and "
            "outstanding would leave none, and some must remain",
            field="record_date",
            clause="4.D(1)",
        )
    replaced: list[tuple[int, WeightedAverageStep | StockDividendStep]] = [
        (index, attrs.evolve(step, factor=Fraction(1), clamped=True))
    ]
    # Every later 4.C and 4.D step counted the dividend shares as outstanding.
    for later_index in range(index + 1, len(book.steps)):
        later = book.steps[later_index]
        if not isinstance(later, WeightedAverageStep | StockDividendStep):
            continue
        replaced.append(
            (
                later_index,
                later.with_outstanding(
                    later.outstanding - step.additional * later.scale / step.scale
                ),
            )
        )
    cap = before.carve_out_cap
    if book.reading.carve_out_follows_splits:
        # The cap follows every 4.D factor in force (cap / factor when paid): the undone
        # dividend's growth goes, and each later dividend's, whose N counted the unpaid
        # shares, is recomputed with its step (SPEC §5).
        for i, new in replaced:
            old = book.steps[i]
            if isinstance(new, StockDividendStep) and old.factor != new.factor:
                cap = cap * old.factor / new.factor
    after = attrs.evolve(
        before,
        price=rescaled(before.price, ((book.steps[i].factor, new.factor) for i, new in replaced)),
        issued=before.issued - dividend_now,
        carve_out_cap=cap,
    )
    original = book.adjustments[step.adjustment]
    note = (
        f"the stock dividend of record date {original.date.isoformat()} was not paid on the date "
        f"fixed: its adjustment is undone as of the record date and later adjustments recomputed; "
        f"Exercise Price {shown(before.price)} → {shown(after.price)} (4.D(1) proviso)"
    )
    adjustment = share_count_adjustment(
        book, ref=ref, day=day, clause="4.D", before=before, after=after,
        additional=-dividend_now, note=note, readjusts=step.adjustment,
    )
    return Change(
        determination=Determination(
            event=ref, date=day, clause="4.D", outcome=Outcome.READJUSTED,
            reasons=(note,), adjustments=(adjustment.sequence,),
        ),
        position=after,
        replaced_steps=tuple(replaced),
        adjustments=(adjustment,),
    )
