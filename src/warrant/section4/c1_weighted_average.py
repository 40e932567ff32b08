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
from warrant.market.fmv import FairMarketValue
from warrant.register.book import Book, Change
from warrant.register.events import (
    Issuance,
)
from warrant.register.records import Adjustment, Determination, EventRef, Outcome
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




def test_below_fmv(
    book: Book,
    *,
    ref: EventRef,
    day: dt.date,
    clause: str,
    shares: Fraction,
    consideration: Consideration,
    fmv: FairMarketValue,
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
    """
    price_each = effective_price(consideration.total, shares)
    if price_each >= fmv.value:
        return Tested(
            position=add_shares(position, shares, into_if_not_below or into),
            outcome=Outcome.NOT_BELOW_FMV,
            reason=(
                f"Effective Price {shown(price_each)} is not below the Current Fair Market "
                f"Value {shown(fmv.value)}: no adjustment ({clause})"
            ),
        )
    before = position.outstanding(book.reading.outstanding_basis)
    bought = shares_bought_at_fmv(consideration.total, fmv.value)
    factor = weighted_average_factor(before.basis, bought, shares)
    after = attrs.evolve(add_shares(position, shares, into), price=position.price * factor)
    sequence = book.next_adjustment
    adjustment = book.adjustment(
        ref=ref, day=day, clause=clause, before=position, after=after, additional=shares,
        outstanding_before=before.basis, outstanding_after=before.basis + shares, note=note,
        fmv=fmv, consideration=consideration, bought=bought, effective=price_each,
    )
    step = WeightedAverageStep(
        adjustment=sequence,
        factor=factor,
        scale=position.split_scale,
        outstanding=before.basis,
        bought=bought,
        additional=shares,
        counts_deemed=basis_counts_deemed(book.reading.outstanding_basis),
        fmv=fmv.value,
        grant=grant,
    )
    return Tested(
        position=after,
        outcome=Outcome.ADJUSTED,
        reason=(
            f"Effective Price {shown(price_each)} is below the Current Fair Market Value "
            f"{shown(fmv.value)}: Exercise Price {shown(position.price)} × "
            f"({shown(before.basis)} + {shown(bought)}) / "
            f"({shown(before.basis)} + {shown(shares)}) = {shown(after.price)} ({clause})"
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
        consideration=consideration_of(event), fmv=book.fmv(event.date), position=book.position,
        into=Into.ISSUED,
    )
    return change_from(tested, ref=ref, day=event.date, clause="4.C(1)")
