"""Section 4.C(1): an issue of Additional Shares below the Current Fair Market Value.

An issue for an Effective Price below the Current FMV lowers the Exercise
Price by the weighted-average formula (:mod:`warrant.section4.c1_formula`) and
raises the shares receivable in inverse proportion; an issue at or above it
changes nothing but the share count.  :func:`test_below_fmv` is that test,
shared by every clause that deems shares issued (4.C(3), (4), (6)).
"""

from __future__ import annotations

import datetime as dt
from fractions import Fraction

import attrs

from warrant.ground.exact import shown
from warrant.instrument.formula import Formula, Reference
from warrant.market.fmv import FairMarketValue
from warrant.register.book import Book, Change
from warrant.register.events import (
    Issuance,
)
from warrant.register.records import (
    Adjustment,
    AppliedFormula,
    Determination,
    EventRef,
    Outcome,
)
from warrant.register.state import Grant, Into, Position, add_shares, basis_counts_deemed
from warrant.section4.c1_formula import (
    WeightedAverageStep,
    effective_price,
    shares_bought_at_fmv,
    weighted_average_factor,
)
from warrant.section4.c2_consideration import Consideration, consideration_of


@attrs.frozen
class Tested:
    """The result of testing an issue of Additional Shares against the Current FMV."""

    position: Position
    outcome: Outcome
    reason: str
    step: WeightedAverageStep | None = None
    adjustment: Adjustment | None = None




def reference_fmv(book: Book, day: dt.date) -> FairMarketValue | None:
    """The Current Fair Market Value an issue on ``day`` is measured against, or ``None``
    when the terms measure it against the Exercise Price in force (no market is read)."""
    return book.fmv(day) if book.terms.reference is Reference.FMV else None


def test_below_fmv(
    book: Book,
    *,
    ref: EventRef,
    day: dt.date,
    clause: str,
    shares: Fraction,
    consideration: Consideration,
    fmv: FairMarketValue | None,
    position: Position,
    into: Into,
    into_if_not_below: Into | None = None,
    grant: str | None = None,
    note: str = "",
) -> Tested:
    """4.C(1): adjust if the Effective Price is below the Current FMV, else only count the shares.

    ``position`` is the state immediately before the issue; ``into`` says where
    the shares are counted after an adjustment, ``into_if_not_below`` where they
    are counted when there is none (options at or above FMV are not deemed issued).

    The terms' formula keys (:mod:`warrant.instrument.formula`) set what the issue is
    measured against (``fmv`` given, or the price in force when it is ``None``), the
    trigger, the formula and the rounding of the price; their defaults are 4.C(1)'s own.
    An issue whose adjustment the holders waived in writing (Section 11) is counted as
    one that is not below would be, and adjusts nothing.
    """
    terms = book.terms
    price_each = effective_price(consideration.total, shares)
    reference = fmv.value if fmv is not None else position.price
    measured = "the Current Fair Market Value" if fmv is not None else "the Exercise Price"
    threshold = terms.trigger * reference
    against = (
        f"{measured} {shown(reference)}" if terms.trigger == 1
        else f"{shown(terms.trigger)} × {measured} {shown(reference)} = {shown(threshold)}"
    )
    waiver = position.waiver_of(ref.id)
    ratchet = terms.formula is Formula.FULL_RATCHET
    if waiver is not None or price_each >= threshold or (ratchet and price_each >= position.price):
        if waiver is not None:
            outcome = Outcome.WAIVED
            reason = (
                f"the adjustment is waived under Section 11 by {waiver.amendment.describe()}, "
                f"signed by holders of {shown(waiver.share_of_total * 100)}% of the shares the "
                "Warrants were exercisable for: the shares are counted as an issue not below "
                "would be, and nothing is adjusted"
            )
        elif price_each >= threshold:
            outcome = Outcome.NOT_BELOW_FMV
            reason = (
                f"Effective Price {shown(price_each)} is not below {against}: "
                f"no adjustment ({clause})"
            )
        else:
            outcome = Outcome.NOT_BELOW_FMV
            reason = (
                f"Effective Price {shown(price_each)} is not below the Exercise Price "
                f"{shown(position.price)} in force: a full ratchet never raises the price "
                f"({clause})"
            )
        return Tested(
            position=add_shares(position, shares, into_if_not_below or into),
            outcome=outcome,
            reason=reason,
        )
    before = position.outstanding(book.reading.outstanding_basis)
    bought = shares_bought_at_fmv(consideration.total, reference)
    if ratchet:
        factor = price_each / position.price
        formula = "full ratchet: the price becomes the Effective Price"
    else:
        factor = weighted_average_factor(before.basis, bought, shares)
        formula = (
            f"Exercise Price {shown(position.price)} × ({shown(before.basis)} + {shown(bought)}) "
            f"/ ({shown(before.basis)} + {shown(shares)})"
        )
    exact = position.price * factor
    in_force = terms.price_in_force(exact)
    rounded = "" if in_force == exact else f" = {shown(exact)}, rounded to {shown(in_force)}"
    after = attrs.evolve(add_shares(position, shares, into), price=in_force)
    sequence = book.next_adjustment
    plain = (
        fmv is not None and terms.trigger == 1 and not ratchet and terms.price_rounding is None
    )
    applied = None if plain else AppliedFormula(
        reference=terms.reference.value, reference_value=reference, trigger=terms.trigger,
        formula=terms.formula.value, unrounded=exact if in_force != exact else None,
    )
    adjustment = book.adjustment(
        ref=ref, day=day, clause=clause, before=position, after=after, additional=shares,
        outstanding_before=before.basis, outstanding_after=before.basis + shares, note=note,
        fmv=fmv, consideration=consideration, bought=bought, effective=price_each,
        formula=applied,
    )
    step = WeightedAverageStep(
        adjustment=sequence,
        factor=factor,
        scale=position.split_scale,
        outstanding=before.basis,
        bought=bought,
        additional=shares,
        counts_deemed=basis_counts_deemed(book.reading.outstanding_basis) and not ratchet,
        fmv=reference,
        grant=grant,
        trigger=terms.trigger,
        ratchet_price=price_each if ratchet else None,
    )
    return Tested(
        position=after,
        outcome=Outcome.ADJUSTED,
        reason=(
            f"Effective Price {shown(price_each)} is below {against}: "
            f"{formula}{'' if rounded else ' = ' + shown(after.price)}{rounded} ({clause})"
        ),
        step=step,
        adjustment=adjustment,
    )


def change_from(
    tested: Tested, *, ref: EventRef, day: dt.date, clause: str, reasons: tuple[str, ...] = (),
    grants: tuple[Grant, ...] = (),
) -> Change:
    adjustments = (tested.adjustment,) if tested.adjustment else ()
    return Change(
        determination=Determination(
            event=ref,
            date=day,
            clause=clause,
            outcome=tested.outcome,
            reasons=(*reasons, tested.reason),
            adjustments=tuple(a.sequence for a in adjustments),
        ),
        position=tested.position,
        grants=grants,
        new_steps=(tested.step,) if tested.step else (),
        adjustments=adjustments,
    )


def issue_common_stock(book: Book, event: Issuance, ref: EventRef) -> Change:
    """4.C(1), the base rule for an issue of Common Stock: test it against the Current FMV.

    Its exceptions (4.C(7), then 4.C(5)(i) and (ii)) are declared with it in the
    rulebook (:mod:`warrant.section4.alpha_2002`) and tested before it.
    """
    tested = test_below_fmv(
        book, ref=ref, day=event.date, clause="4.C(1)", shares=event.shares,
        consideration=consideration_of(event), fmv=reference_fmv(book, event.date),
        position=book.position,
        into=Into.ISSUED,
    )
    return change_from(tested, ref=ref, day=event.date, clause="4.C(1)")
