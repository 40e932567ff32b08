"""Section 4.C(3) after the grant: exercise, expiry and cancellation of rights.

* Exercise adjusts nothing: rights granted on or after the Issue Date were
  tested once, when granted.  Shares deemed outstanding become issued ones, so
  nothing is counted twice.  (Options outstanding *before* the Issue Date were
  never tested; shares issued on their exercise outside the carve-out are
  Additional Shares tested on the day of exercise.)
* Expiry or cancellation of rights that were deemed issued readjusts the price
  to what it would have been had only the shares actually issued been issued,
  for what was actually received plus everything paid for granting the rights;
  every later 4.C adjustment is recomputed on that basis.  When the
  readjustment happens is a reading (:class:`~warrant.instrument.readings.ReadjustOn`).
* Plan options in the carve-out that lapse free their room under the
  issued-or-issuable counting reading.

Why this module is long: 4.C(3)'s life of rights after the grant — exercise, expiry,
cancellation and the readjustment they trigger — is one clause, and the readjustment
is shared by 4.C(6).
"""

from __future__ import annotations

import bisect
import datetime as dt
from fractions import Fraction

import attrs

from warrant.ground.errors import EventRejected
from warrant.ground.exact import shown
from warrant.instrument.readings import CarveOutCounting, OutstandingBasis, ReadjustOn
from warrant.register.book import Book, Change
from warrant.register.events import Cancellation, Exercise, Expiry
from warrant.register.records import Adjustment, Determination, EventRef, Outcome
from warrant.register.state import Grant, GrantKind, Into, Position
from warrant.register.steps import Step
from warrant.section4.c1_formula import WeightedAverageStep, weighted_average_factor
from warrant.section4.c1_sequential import price_before_step, price_with
from warrant.section4.c1_weighted_average import change_from, reference_fmv, test_below_fmv
from warrant.section4.c2_consideration import Consideration


def open_grant(book: Book, grant_id: str, verb: str) -> Grant:
    grant = book.grant(grant_id, clause="4.C(3)")
    if grant.outstanding == 0:
        raise EventRejected(
            f"grant {grant_id!r} has no rights left to {verb} (all exercised, expired or "
            "cancelled)",
            field="of",
            clause="4.C(3)",
        )
    return grant


def shares_within(grant: Grant, shares: Fraction, verb: str) -> None:
    if shares > grant.outstanding:
        raise EventRejected(
            f"cannot {verb} {shown(shares)} shares of grant {grant.id!r}: only "
            f"{shown(grant.outstanding)} remain",
            field="shares",
            clause="4.C(3)",
        )


def exercise_rights(book: Book, event: Exercise, ref: EventRef) -> Change:
    """Shares issued on exercise: no further adjustment (4.C(3)), deemed shares become issued."""
    grant = open_grant(book, event.of, "exercise")
    if grant.expires is not None and event.date > grant.expires:
        raise EventRejected(
            f"grant {grant.id!r} expired on {grant.expires.isoformat()}; it cannot be exercised "
            f"on {event.date.isoformat()}",
            field="date",
            clause="4.C(3)",
        )
    shares_within(grant, event.shares, "exercise")
    if not (grant.excluded.outstanding and grant.other.outstanding):
        # One part only: every counting reading draws on it, so the reading is not read
        # (a side-by-side view then knows it cannot matter here).
        inside, outside = grant.split(event.shares)
    elif book.reading.carve_out_counting is CarveOutCounting.ISSUED_OR_ISSUABLE:
        # Exercise neither uses nor frees room under this reading; drawing on the carve-out
        # part first keeps the over-cap rights outstanding, so that if they later lapse the
        # deemed issue is readjusted whatever the order of exercise and lapse.
        inside = min(event.shares, grant.excluded.outstanding)
        outside = event.shares - inside
    else:
        inside, outside = grant.split(event.shares)
    payment = event.consideration
    if payment is None:
        if grant.exercise_price is None:
            if outside:
                raise EventRejected(
                    "the exercise price of options outstanding before the Issue Date is not in the "
                    "register: state the consideration paid",
                    field="consideration",
                    clause="4.C(1)",
                )
            payment = Fraction(0)
        else:
            payment = event.shares * grant.exercise_price
    paid_outside = payment * outside / event.shares
    updated = attrs.evolve(
        grant,
        excluded=grant.excluded.exercise(inside, payment - paid_outside),
        other=grant.other.exercise(outside, paid_outside),
    )
    position = attrs.evolve(
        book.position,
        issued=book.position.issued + event.shares,
        undeemed_options=book.position.undeemed_options - inside,
    )
    reasons: list[str] = []
    over_cap = _over_fixed_cap(book.position)
    if inside and over_cap:
        # Fixed-cap reading after a split: more plan shares count than the cap excludes.
        reasons.append(
            f"the carve-out is {shown(over_cap)} shares over its fixed cap (reading: "
            "carve_out_follows_splits = false): 4.C(5)(iii) excludes only up to the cap, so up "
            f"to {shown(min(inside, over_cap))} of these {shown(inside)} shares may be "
            "Additional Shares; which plan shares the cap covers, and the 4.C(1) test of the "
            "rest, is a manual determination"
        )
    elif inside:
        reasons.append(
            f"{shown(inside)} shares on exercise of plan options in the carve-out are "
            "excluded (4.C(5)(iii))"
        )
    if grant.before_issue_date and outside:
        # Never deemed issued: these are Additional Shares issued today for what is paid today.
        # ``A`` is taken immediately before this exercise: none of its shares, inside or
        # outside the carve-out, is outstanding yet, so under the fully-diluted basis none
        # of the options exercised counts in it either (as a repriced grant's own options
        # are not in the A of its re-issue, SPEC §9).
        before = attrs.evolve(
            book.position, undeemed_options=book.position.undeemed_options - event.shares
        )
        tested = test_below_fmv(
            book, ref=ref, day=event.date, clause="4.C(1)", shares=outside,
            consideration=Consideration(cash=paid_outside), fmv=reference_fmv(book, event.date),
            position=before, into=Into.ISSUED,
            note="exercise of options outstanding before the Issue Date",
        )
        tested = attrs.evolve(
            tested,
            position=attrs.evolve(tested.position, issued=tested.position.issued + inside),
        )
        reasons.append(
            "options outstanding before the Issue Date were never deemed issued; their shares "
            "are tested now (4.C(1))"
        )
        return change_from(
            tested,
            ref=ref,
            day=event.date,
            clause="4.C(1)",
            reasons=tuple(reasons),
            grants=(updated,),
        )
    if outside:
        if grant.is_deemed:
            # Kept so that a later readjustment knows which steps counted these as deemed.
            updated = attrs.evolve(
                updated,
                exercised_at=(
                    *grant.exercised_at, (len(book.steps), outside / book.position.split_scale)
                ),
            )
        if grant.counts_as_deemed:
            position = attrs.evolve(position, deemed=position.deemed - outside)
            reasons.append(
                f"{shown(outside)} shares deemed issued when the rights were granted are now "
                "issued: no further adjustment (4.C(3))"
            )
        elif grant.is_deemed:
            position = attrs.evolve(position, undeemed_options=position.undeemed_options - outside)
            reasons.append(
                "on readjustment no adjustment would have been made for these rights, so "
                "nothing of them is deemed outstanding: their exercise adjusts nothing (4.C(3))"
            )
        else:
            position = attrs.evolve(position, undeemed_options=position.undeemed_options - outside)
            reasons.append(
                "the rights were tested once, when granted, at or above Fair Market Value: their "
                "exercise adjusts nothing (4.C(3))"
            )
    change = Change(
        determination=Determination(
            event=ref, date=event.date, clause="4.C(3)",
            outcome=Outcome.MANUAL_DETERMINATION
            if inside and over_cap
            else Outcome.NO_FURTHER_ADJUSTMENT,
            reasons=tuple(reasons),
        ),
        position=position,
        grants=(updated,),
    )
    if _readjustment_due(book, updated):
        return _with_readjustment(book, change, updated, position, ref, event.date)
    return change


def _over_fixed_cap(position: Position) -> Fraction:
    """Plan shares counted toward the carve-out beyond its cap (only a split under the
    fixed-cap reading makes this more than zero)."""
    return max(
        position.carve_out_used + position.carve_out_promised - position.carve_out_cap,
        Fraction(0),
    )


def expire_rights(book: Book, event: Expiry, ref: EventRef) -> Change:
    """Rights lapsing unexercised at their term (4.C(3) readjustment)."""
    return _lapse(book, event.of, event.shares, event.date, ref, verb="expire")


def cancel_rights(book: Book, event: Cancellation, ref: EventRef) -> Change:
    """Rights cancelled unexercised: for the readjustment, the same as an expiry."""
    return _lapse(book, event.of, event.shares, event.date, ref, verb="cancel")


def _lapse(
    book: Book, grant_id: str, shares: Fraction | None, day: dt.date, ref: EventRef, *, verb: str
) -> Change:
    grant = open_grant(book, grant_id, verb)
    count = grant.outstanding if shares is None else shares
    shares_within(grant, count, verb)
    if not (grant.excluded.outstanding and grant.other.outstanding):
        inside, outside = grant.split(count)  # one part only, under every counting reading
    elif book.reading.carve_out_counting is CarveOutCounting.ISSUED_OR_ISSUABLE:
        # The carve-out covers plan shares issued or issuable up to the cap: while this
        # grant's plan shares exceed what it holds of the cap, a lapse shrinks the excess first.
        outside = min(count, grant.other.outstanding)
        inside = count - outside
    else:
        inside, outside = grant.split(count)
    updated = attrs.evolve(
        grant, excluded=grant.excluded.lapse(inside), other=grant.other.lapse(outside)
    )
    position = attrs.evolve(book.position, undeemed_options=book.position.undeemed_options - inside)
    reasons: list[str] = []
    if inside:
        if book.reading.carve_out_counting is CarveOutCounting.ISSUED_OR_ISSUABLE:
            position = attrs.evolve(position, carve_out_used=position.carve_out_used - inside)
            reasons.append(
                f"{shown(inside)} plan-option shares no longer issuable free their room in the "
                "carve-out (reading: issued-or-issuable)"
            )
        else:
            reasons.append(
                f"{shown(inside)} plan-option shares lapse; their room stays used "
                "(reading: cumulative-grants)"
            )
    if outside and not grant.is_deemed:
        position = attrs.evolve(position, undeemed_options=position.undeemed_options - outside)
        reasons.append("the rights were never deemed issued: nothing to readjust (4.C(3))")
    change = Change(
        determination=Determination(
            event=ref, date=day, clause="4.C(3)", outcome=Outcome.NO_FURTHER_ADJUSTMENT,
            reasons=tuple(reasons),
        ),
        position=position,
        grants=(updated,),
    )
    if outside and grant.is_deemed:
        if _readjustment_due(book, updated):
            return _with_readjustment(book, change, updated, position, ref, day)
        return attrs.evolve(
            change,
            determination=attrs.evolve(
                change.determination,
                reasons=(
                    *reasons,
                    f"{shown(outside)} deemed shares lapsed; under the final-expiry reading the "
                    "readjustment waits until the last of these rights is gone (4.C(3))",
                ),
            ),
        )
    return change


def _readjustment_due(book: Book, grant: Grant) -> bool:
    """Lapsed deemed shares not yet readjusted, and the reading says now."""
    if not grant.is_deemed or grant.other.lapsed == grant.lapsed_applied:
        return False
    # when the last of the rights is gone, both readings readjust now
    return book.answer(
        "readjust_on",
        lambda on: on is ReadjustOn.EACH_EXPIRY or grant.other.outstanding == 0,
    )


def _with_readjustment(
    book: Book, change: Change, grant: Grant, position: Position, ref: EventRef, day: dt.date
) -> Change:
    readjusted = readjust(book, grant, position, ref, day)
    return readjusted.as_change(
        ref=ref, day=day, clause="4.C(3)", reasons=change.determination.reasons
    )


def _for_rights(grant: Grant) -> Fraction:
    """What counts, on readjustment, of what was paid for the rights themselves (4.C(3)):
    for rights, warrants and options, what was paid for granting *all* of them, exercised or
    not; for Convertible Securities, only what was paid for those actually converted (and,
    under the each-expiry reading, those still outstanding)."""
    if grant.kind is GrantKind.CONVERTIBLE:
        return grant.consideration_per_share * (grant.other.exercised + grant.other.outstanding)
    return grant.consideration_per_share * grant.other.granted


@attrs.frozen
class Readjusted:
    """A 4.C(3) readjustment: the position, grant, steps and record it makes."""

    position: Position
    grant: Grant
    replaced_steps: tuple[tuple[int, Step], ...]
    adjustment: Adjustment
    retired_steps: tuple[int, ...] = ()

    def as_change(
        self,
        *,
        ref: EventRef,
        day: dt.date,
        clause: str,
        reasons: tuple[str, ...],
        note_prefix: str = "",
    ) -> Change:
        """The readjustment as the change an event makes: outcome ``readjusted``, the
        event's ``reasons`` followed by the readjustment's own note (after ``note_prefix``)."""
        return Change(
            determination=Determination(
                event=ref, date=day, clause=clause, outcome=Outcome.READJUSTED,
                reasons=(*reasons, note_prefix + self.adjustment.note),
                adjustments=(self.adjustment.sequence,),
            ),
            position=self.position,
            grants=(self.grant,),
            replaced_steps=self.replaced_steps,
            adjustments=(self.adjustment,),
            retired_steps=self.retired_steps,
        )


def readjust(
    book: Book,
    grant: Grant,
    position: Position,
    ref: EventRef,
    day: dt.date,
    *,
    for_rights: Fraction | None = None,
) -> Readjusted:
    """4.C(3): recompute the deemed issue on the shares actually issued (plus, under the
    each-expiry reading, those still outstanding), then every later 4.C step without
    the lapsed shares in its ``A``.  When on the new basis no adjustment would have been
    made, nothing of the grant is deemed outstanding: its rights leave the deemed count
    and the ``A`` of every later step (re-entering them should a later readjustment find
    an adjustment again).

    Cost: one pass over the 4.C steps made since the deemed issue.
    """
    assert grant.deemed_step is not None
    lapsed_now = grant.other.lapsed - grant.lapsed_applied
    index = grant.deemed_step
    step = book.steps[index]
    assert isinstance(step, WeightedAverageStep)  # a deemed issue is a 4.C(1) step
    to_step_units = step.scale / position.split_scale
    kept = (grant.other.exercised + grant.other.outstanding) * to_step_units
    price = grant.exercise_price or Fraction(0)
    consideration = Consideration(
        cash=grant.other.payments,
        for_rights=_for_rights(grant) if for_rights is None else for_rights,
        minimum_exercise_payments=grant.other.outstanding * price,
    )
    bought = consideration.total / step.fmv
    if kept == 0 or consideration.total / kept >= step.trigger * step.fmv:
        factor = Fraction(1)  # on the new basis no adjustment would have been made
    elif step.ratchet_price is not None:
        # a full ratchet: the price falls to the restated Effective Price, never rises
        factor = min(Fraction(1), consideration.total / kept / price_before_step(book, index))
    else:
        factor = weighted_average_factor(step.outstanding, bought, kept)
    recomputed = attrs.evolve(
        step, bought=bought, additional=kept, factor=factor, clamped=factor == 1
    )
    if step.ratchet_price is not None and factor != 1:
        recomputed = attrs.evolve(recomputed, ratchet_price=consideration.total / kept)
    to_none = factor == 1
    replaced: list[tuple[int, Step]] = [(index, recomputed)]
    # The later live 4.C steps counted this grant's lapsed shares in their A, and, while
    # the grant counted as deemed, its unexercised rights too.  On a basis on which no
    # adjustment would have been made nothing of the grant is deemed outstanding, exactly
    # as rights granted at or above FMV: those rights leave (or, if a later readjustment
    # finds an adjustment again, re-enter) the A of every later step.  Under the
    # fully-diluted basis rights count in A whether deemed or not, so only lapses move it.
    outstanding_now = grant.other.outstanding / position.split_scale  # at split scale 1
    lapsed_norm = lapsed_now / position.split_scale
    moves_rights = (
        book.reading.outstanding_basis is OutstandingBasis.ISSUED_AND_DEEMED
        and grant.readjusted_to_none != to_none
    )
    if grant.readjusted_to_none and (
        book.reading.outstanding_basis is OutstandingBasis.ISSUED_AND_DEEMED
    ):
        lapsed_norm = Fraction(0)  # no later A counted them: they were plain options
    live = book.live_steps
    if lapsed_norm or moves_rights:
        for later_index in live[bisect.bisect_right(live, index):]:
            later = book.steps[later_index]
            assert isinstance(later, WeightedAverageStep)  # only 4.C(1) steps are live
            shift = lapsed_norm
            if moves_rights:
                rights = outstanding_now + grant.exercised_after_step(later_index)
                shift += rights if to_none else -rights
            replaced.append(
                (later_index, later.with_outstanding(later.outstanding - shift * later.scale))
            )
    price, walked = price_with(book, position.price, replaced)
    replaced = list(walked)
    # The grant's part of today's counts: deemed while it adjusts, plain options otherwise.
    counted_before = grant.other.outstanding + lapsed_now
    counted_after = grant.other.outstanding
    deemed, undeemed = position.deemed, position.undeemed_options
    if grant.readjusted_to_none:
        undeemed -= counted_before
    else:
        deemed -= counted_before
    if to_none:
        undeemed += counted_after
    else:
        deemed += counted_after
    after = attrs.evolve(position, price=price, deemed=deemed, undeemed_options=undeemed)
    original = book.adjustments[step.adjustment]
    note = (
        f"readjustment of adjustment {step.adjustment} ({original.date.isoformat()}): "
        f"{shown(lapsed_now)} "
        f"{'rights, no longer deemed,' if grant.readjusted_to_none else 'deemed shares'} "
        "lapsed unexercised; on the basis of "
        f"{shown(kept)} shares for {shown(consideration.total)} the factor is "
        f"{shown(factor)} instead of {shown(step.factor)}; Exercise Price "
        f"{shown(position.price)} → {shown(after.price)} (4.C(3))"
    )
    adjustment = book.adjustment(
        ref=ref, day=day, clause="4.C(3)", before=position, after=after, additional=kept,
        outstanding_before=step.outstanding, outstanding_after=step.outstanding + kept, note=note,
        fmv=original.fmv, consideration=consideration, bought=bought,
        effective=consideration.total / kept if kept else None, readjusts=step.adjustment,
    )
    return Readjusted(
        position=after,
        grant=attrs.evolve(
            grant, lapsed_applied=grant.other.lapsed, readjusted_to_none=to_none
        ),
        replaced_steps=tuple(replaced),
        adjustment=adjustment,
        # Factor 1 and no rights left: nothing can change this step again.
        retired_steps=(index,) if factor == 1 and grant.other.outstanding == 0 else (),
    )
