"""Section 4.D: dividends paid in Common Stock, and dividends declared but not paid.

A stock dividend multiplies the Exercise Price by ``N / (N + D)`` (shares
outstanding before, and the dividend shares), effective at the close of
business on the record date; the shares receivable rise in inverse proportion.
If the dividend is not paid on the date fixed, the adjustment is undone as of
the record date (4.D(1) proviso) and every later one recomputed.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from fractions import Fraction
from typing import Any, cast

import attrs

from warrant.ground.errors import EventRejected
from warrant.ground.exact import shown
from warrant.register.book import Book, Change, Recomputed, Restated
from warrant.register.events import DividendUnpaid, Event, OtherSecuritiesIssuance, StockDividend
from warrant.register.records import Adjustment, Determination, EventRef, Outcome
from warrant.register.state import Grant, Position
from warrant.register.steps import Step
from warrant.section4.c1_formula import WeightedAverageStep
from warrant.section4.c1_sequential import price_with


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
        price=book.terms.price_in_force(before.price * factor),
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
            # its dividend-unpaid recomputes the register from here (_with_carve_out_recomputed)
            keep_state_before=True,
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
        counted = later.outstanding - step.additional * later.scale / step.scale
        if isinstance(later, StockDividendStep) and not later.clamped and counted <= 0:
            # Buybacks since took the later dividend's N to the unpaid shares or below.
            raise EventRejected(
                "cannot undo the stock dividend of record date "
                f"{book.adjustments[step.adjustment].date.isoformat()}: without its shares the "
                f"later dividend of record date {later.record_date or '?'} would have been "
                "paid on no shares outstanding",
                field="record_date",
                clause="4.D(1)",
            )
        replaced.append((later_index, later.with_outstanding(counted)))
    cap = before.carve_out_cap
    if book.reading.carve_out_follows_splits:
        # The cap follows every 4.D factor in force (cap / factor when paid): the undone
        # dividend's growth goes, and each later dividend's, whose N counted the unpaid
        # shares, is recomputed with its step (SPEC §5).
        for i, new in replaced:
            old = book.steps[i]
            if isinstance(new, StockDividendStep) and old.factor != new.factor:
                cap = cap * old.factor / new.factor
    price, walked = price_with(book, before.price, replaced)
    after = attrs.evolve(
        before,
        price=price,
        issued=before.issued - dividend_now,
        carve_out_cap=cap,
    )
    original = book.adjustments[step.adjustment]
    note = (
        f"the stock dividend of record date {original.date.isoformat()} was not paid on the date "
        f"fixed: its adjustment is undone as of the record date and later adjustments recomputed; "
        f"Exercise Price {shown(before.price)} → {shown(after.price)} (4.D(1) proviso)"
    )
    if book.reading.carve_out_follows_splits and _carve_out_decided_since(book, original):
        restated = _with_carve_out_recomputed(book, original, before, ref, day, dividend_now)
        if restated is not None:
            return restated
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
        replaced_steps=walked,
        adjustments=(adjustment,),
    )


def _carve_out_decided_since(book: Book, dividend: Adjustment) -> bool:
    """Whether a carve-out decision was made after the dividend (a plan grant, a repricing
    of one, or a promise holding room), which the room the dividend gave may have decided."""
    after = dividend.event.index
    return any(
        grant.in_carve_out_class and grant.event.index > after for grant in book.grants.values()
    ) or any(promise.date >= dividend.date for promise in book.position.promises)


def _without_unpaid_dividends(book: Book, original: Adjustment) -> Callable[[int, Event], Event]:
    """The register's events as if every dividend not paid — this one and those undone
    before — had been declared unpaid at once: their ``dividend-unpaid`` events then have
    nothing left to undo and replay as an event with no provision (so one replay does it,
    whatever the number of unpaid dividends)."""
    undone = {original.event.index} | {
        book.adjustments[step.adjustment].event.index
        for step in book.steps
        if isinstance(step, StockDividendStep) and step.clamped
    }

    def replace(position: int, event: Event) -> Event:
        if position in undone and isinstance(event, StockDividend):
            return attrs.evolve(event, paid=False)
        if isinstance(event, DividendUnpaid):
            return OtherSecuritiesIssuance(
                date=event.date, id=event.id,
                description="the dividend-unpaid of a dividend replayed as declared unpaid",
            )
        return event

    return replace


def _carve_out_view(grants: Mapping[str, Grant]) -> dict[str, tuple[object, ...]]:
    return {
        gid: (grant.excluded, grant.other, grant.is_deemed, grant.history)
        for gid, grant in grants.items()
    }


def _renamed_records(
    book: Book, again: Recomputed, sequence: int
) -> tuple[dict[int, int], list[Adjustment]]:
    """The replay's steps name its own records; name ours instead: the same event's record
    where it made one in the same place, else this event's (``sequence``, which restates
    it).  Also the deemed issues the register never made, made by the replay: each gets its
    own record after this event's, so that a later readjustment of it finds its Current FMV
    and consideration (4.G)."""
    ours: dict[int, list[int]] = {}
    for made in book.adjustments:
        ours.setdefault(made.event.index, []).append(made.sequence)
    seen: dict[int, int] = {}
    renamed: dict[int, int] = {}
    issues: list[Adjustment] = []
    for made in again.adjustments:
        nth = seen.get(made.event.index, 0)
        seen[made.event.index] = nth + 1
        same_event = ours.get(made.event.index, [])
        if nth < len(same_event):
            renamed[made.sequence] = same_event[nth]
        elif made.fmv is not None:
            issues.append(made)
            renamed[made.sequence] = sequence + len(issues)
        else:
            renamed[made.sequence] = sequence
    return renamed, issues


def _with_carve_out_recomputed(
    book: Book, original: Adjustment, before: Position, ref: EventRef, day: dt.date,
    dividend_now: Fraction,
) -> Change | None:
    """SPEC §5: the register recomputed as if the dividend had not been paid, every carve-out
    decision since included — a plan grant that fitted only in the room the dividend gave is
    partly over the cap, and that part is deemed issued at the grant's terms (4.C(3)).

    The register is replayed with the dividend declared unpaid; when no carve-out decision
    comes out otherwise, ``None`` (the step-by-step recomputation stands, record for record).
    Otherwise the replayed chain and grants replace the register's, the records made so far
    stay as they were made, and this event's record states the whole change.
    """
    replace = _without_unpaid_dividends(book, original)
    again = book.recomputed(replace)  # for its figures
    if _carve_out_view(again.grants) == _carve_out_view(book.grants) and (
        again.position.promises == book.position.promises
    ):
        return None  # no grant, and no promise's hold, comes out otherwise
    sequence = len(book.adjustments)
    renamed, issues = _renamed_records(book, again, sequence)
    if issues:
        # Their records join the register, with their words: recompute once more, worded.
        again = book.recomputed(replace, worded=True)
        renamed, issues = _renamed_records(book, again, sequence)
    steps = tuple(_renamed(step, renamed[step.adjustment]) for step in again.steps)
    changed = sorted(
        gid
        for gid, view in _carve_out_view(again.grants).items()
        if _carve_out_view(book.grants).get(gid) != view
    ) + sorted(
        f"promise {promise.id}"
        for promise in again.position.promises
        if promise not in book.position.promises
    )
    after = attrs.evolve(again.position, last_date=before.last_date)
    note = (
        f"the stock dividend of record date {original.date.isoformat()} was not paid on the date "
        "fixed: the register is recomputed as if it had not been declared, the carve-out cap "
        "and every carve-out decision since included ("
        + ", ".join(repr(gid) for gid in changed)
        + f" are decided otherwise); Exercise Price {shown(before.price)} → "
        f"{shown(after.price)} (4.D(1) proviso; 4.C(5)(iii), 4.C(3))"
    )
    adjustment = share_count_adjustment(
        book, ref=ref, day=day, clause="4.D", before=before, after=after,
        additional=-dividend_now, note=note, readjusts=original.sequence,
    )
    restated_issues = tuple(
        attrs.evolve(
            made, sequence=sequence + offset, date=day, event=ref,
            price_before=after.price, price_after=after.price, readjustment=False,
            readjusts=None,
            note=(
                f"restated by the 4.D(1) proviso: the {made.clause} deemed issue of "
                f"{made.date.isoformat()} (event {made.event.describe()}) that the register "
                f"recomputed without the dividend makes; its effect on the Exercise Price is "
                f"in the 4.D entry {sequence}. {made.note}"
            ),
        )
        for offset, made in enumerate(issues, start=1)
    )
    return Change(
        determination=Determination(
            event=ref, date=day, clause="4.D", outcome=Outcome.READJUSTED,
            reasons=(note,),
            adjustments=(adjustment.sequence, *(made.sequence for made in restated_issues)),
        ),
        position=after,
        adjustments=(adjustment, *restated_issues),
        restated=Restated(
            steps=steps, live_steps=again.live_steps, grants=tuple(again.grants.values())
        ),
    )


def _renamed(step: Step, adjustment: int) -> Step:
    # Every kind of step is a frozen attrs class naming its record (4.E's too, which
    # imports this module, so it is not named here).
    if attrs.has(type(step)) and hasattr(step, "adjustment"):
        renamed: Step = attrs.evolve(cast(Any, step), adjustment=adjustment)
        return renamed
    raise EventRejected(
        f"a price-chain step of kind {type(step).__name__} cannot be restated",
        field="record_date", clause="4.D(1)",
    )
