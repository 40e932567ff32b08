"""Sections 4.D and 4.E: stock dividends, splits and reverse splits.

* 4.E — a subdivision divides the Exercise Price by the split ratio and
  multiplies the shares receivable by it; a combination (ratio below 1) does
  the reverse; effective with the split.  Every share count the register keeps
  follows: shares issued and deemed outstanding, the grants' shares and their
  per-share prices, the carve-out usage, and the carve-out cap under the
  ``carve_out_follows_splits`` reading.
* 4.D — a dividend payable in Common Stock multiplies the price by
  ``N / (N + D)`` (``N`` shares issued and outstanding immediately before, or
  at the close of business on the record date; ``D`` the dividend shares) and
  raises the shares receivable in inverse proportion.  If a dividend with a
  record date is not paid on the date fixed, the price is recomputed as of the
  record date — the adjustment is undone, and everything after it recomputed —
  and the adjustment is made instead when the dividend is actually paid.

Neither is a 4.C event (4.C(1) excludes them).
"""

from __future__ import annotations

import datetime as dt
from fractions import Fraction

import attrs

from warrant.book import Book, Change, Position, Step, rule_for
from warrant.errors import EventRejected
from warrant.events import DividendUnpaid, StockDividend, StockSplit
from warrant.exact import shown
from warrant.formula import rescaled
from warrant.records import Adjustment, Determination, EventRef, Outcome
from warrant.section_4c import other_securities_guard


def _adjustment(
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


@rule_for(StockSplit)
def split_shares(book: Book, event: StockSplit, ref: EventRef) -> Change:
    """4.E: price ÷ ratio, shares × ratio; every share count follows."""
    manual = other_securities_guard(book, event, ref)
    if manual is not None:
        return manual
    ratio = event.ratio
    before = book.position
    after = attrs.evolve(
        before,
        price=before.price / ratio,
        issued=before.issued * ratio,
        deemed=before.deemed * ratio,
        undeemed_options=before.undeemed_options * ratio,
        carve_out_used=before.carve_out_used * ratio,
        carve_out_cap=before.carve_out_cap * ratio if book.reading.carve_out_follows_splits else before.carve_out_cap,
        split_scale=before.split_scale * ratio,
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
    adjustment = _adjustment(
        book, ref=ref, day=event.date, clause="4.E", before=before, after=after,
        additional=after.issued - before.issued, note=note,
    )
    return Change(
        determination=Determination(
            event=ref, date=event.date, clause="4.E", outcome=Outcome.ADJUSTED,
            reasons=(note, cap_note), adjustments=(adjustment.sequence,),
        ),
        position=after,
        # Open grants follow the split; closed ones keep their units (Grant.units).
        grants=tuple(grant.scaled(ratio) for grant in book.grants.values() if grant.outstanding),
        new_steps=(Step(adjustment=adjustment.sequence, factor=1 / ratio, scale=after.split_scale, kind="4.E"),),
        adjustments=(adjustment,),
    )


@rule_for(StockDividend)
def pay_stock_dividend(book: Book, event: StockDividend, ref: EventRef) -> Change:
    """4.D: price × N / (N + D), effective at the close of business on the record date."""
    manual = other_securities_guard(book, event, ref)
    if manual is not None:
        return manual
    day = event.effective_date
    before = book.position
    issued = before.issued
    if issued <= 0:
        raise EventRejected("no shares are outstanding to pay a dividend on", field="shares", clause="4.D(1)")
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
    adjustment = _adjustment(
        book, ref=ref, day=day, clause="4.D", before=before, after=after, additional=event.shares, note=note
    )
    step = Step(
        adjustment=adjustment.sequence, factor=factor, scale=before.split_scale, kind="4.D",
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
    undo = _adjustment(
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


@rule_for(DividendUnpaid)
def dividend_not_paid(book: Book, event: DividendUnpaid, ref: EventRef) -> Change:
    """4.D(1) proviso: the dividend of ``record_date`` was not paid; undo it as of that date."""
    for index in range(len(book.steps) - 1, -1, -1):
        step = book.steps[index]
        if step.kind == "4.D" and step.record_date == event.record_date and not step.clamped:
            return _undo_step(book, index, ref, event.date)
    raise EventRejected(
        f"no stock dividend with record date {event.record_date.isoformat()} is in force to undo",
        field="record_date",
        clause="4.D(1)",
    )


def _undo_step(book: Book, index: int, ref: EventRef, day: dt.date) -> Change:
    """Undo the 4.D step at ``index`` as of its record date and recompute every later step."""
    step = book.steps[index]
    assert step.outstanding is not None and step.additional is not None
    before = book.position
    dividend_now = step.additional * before.split_scale / step.scale  # in today's shares
    replaced: list[tuple[int, Step]] = [(index, attrs.evolve(step, factor=Fraction(1), clamped=True))]
    # Every later 4.C and 4.D step counted the dividend shares as outstanding.
    for later_index in range(index + 1, len(book.steps)):
        later = book.steps[later_index]
        if later.outstanding is None or later.kind not in ("4.C", "4.D"):
            continue
        replaced.append(
            (later_index, later.with_outstanding(later.outstanding - step.additional * later.scale / step.scale))
        )
    follows = book.reading.carve_out_follows_splits
    after = attrs.evolve(
        before,
        price=rescaled(before.price, ((book.steps[i].factor, new.factor) for i, new in replaced)),
        issued=before.issued - dividend_now,
        # The cap grew by the dividend's own factor when it was paid (the step's factor
        # may since have been recomputed): undo exactly that growth.
        carve_out_cap=before.carve_out_cap * book.adjustments[step.adjustment].factor
        if follows
        else before.carve_out_cap,
    )
    original = book.adjustments[step.adjustment]
    note = (
        f"the stock dividend of record date {original.date.isoformat()} was not paid on the date "
        f"fixed: its adjustment is undone as of the record date and later adjustments recomputed; "
        f"Exercise Price {shown(before.price)} → {shown(after.price)} (4.D(1) proviso)"
    )
    adjustment = _adjustment(
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
