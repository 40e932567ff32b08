"""Section 4.C(6): a change in the price of rights already granted.

Lowering the exercise or conversion price to an Effective Price below the FMV
of that day is a deemed issue, that day, of the rights still outstanding.
Rights already deemed issued are not counted twice: their old terms are closed
as if they had lapsed, and the outstanding rights are issued anew.
"""

from __future__ import annotations

import attrs

from warrant.ground.errors import EventRejected
from warrant.ground.exact import shown
from warrant.instrument.readings import CarveOutCounting
from warrant.register.book import Book, Change, then
from warrant.register.events import Repricing
from warrant.register.records import Determination, EventRef, Outcome
from warrant.register.state import Grant, GrantKind
from warrant.section4.c1_weighted_average import reference_fmv
from warrant.section4.c3_after_grant import (
    open_grant,
    readjust,
)
from warrant.section4.c3_c4_deemed_issues import RightsTerms, issue_rights


def reprice(book: Book, event: Repricing, ref: EventRef) -> Change:
    """4.C(6): lowering the exercise or conversion price to an Effective Price below the FMV
    of that day is a deemed issue, that day, of the rights still outstanding.

    Rights already deemed issued are not counted twice: their old terms are closed as if
    they had lapsed (readjusting the old deemed issue on the shares actually issued, with
    the grant consideration of the exercised rights), and the outstanding rights are issued
    anew at the new price with the grant consideration that belongs to them.  Plan options
    use the carve-out as a new grant would under the reading in force.  A repricing upwards,
    or one that leaves the Effective Price at or above that day's FMV, adjusts nothing.
    """
    grant = open_grant(book, event.of, "reprice")
    if grant.kind is GrantKind.CONVERTIBLE:
        raise EventRejected(
            "a lower conversion price changes how many shares the convertibles are issuable "
            "for, which a repricing event cannot state: record a cancellation of the old "
            "terms and a convertible-issuance of the new ones",
            field="of",
            clause="4.C(6)",
        )
    new_price = event.exercise_price
    effective = grant.consideration_per_share + new_price
    if grant.exercise_price is not None and new_price >= grant.exercise_price:
        return _repriced_only(
            event, ref, grant,
            f"the price of grant {grant.id!r} is raised (or unchanged) from "
            f"{shown(grant.exercise_price)} to {shown(new_price)}: no adjustment (4.C(6))",
        )
    fmv = reference_fmv(book, event.date)
    reference = fmv.value if fmv is not None else book.position.price
    measured = "Fair Market Value" if fmv is not None else "Exercise Price"
    if effective >= book.terms.trigger * reference:
        return _repriced_only(
            event, ref, grant,
            f"at the new price the Effective Price {shown(effective)} is not below "
            + (f"{shown(book.terms.trigger)} × " if book.terms.trigger != 1 else "")
            + f"the {measured} {shown(reference)} of the day: no deemed issue (4.C(6))",
        )
    # Close the old terms: every outstanding right lapses at the old price.
    inside, outside = grant.excluded.outstanding, grant.other.outstanding
    closed = attrs.evolve(
        grant, excluded=grant.excluded.lapse(inside), other=grant.other.lapse(outside)
    )
    position = attrs.evolve(book.position, undeemed_options=book.position.undeemed_options - inside)
    reasons = [
        f"the price of grant {grant.id!r} is lowered to {shown(new_price)}: Effective Price "
        f"{shown(effective)} below the {measured} {shown(reference)} — a deemed issue of "
        f"the {shown(inside + outside)} rights outstanding (4.C(6))"
    ]
    if inside and book.reading.carve_out_counting is CarveOutCounting.ISSUED_OR_ISSUABLE:
        position = attrs.evolve(position, carve_out_used=position.carve_out_used - inside)
    if grant.is_deemed:
        readjusted = readjust(
            book, closed, position, ref, event.date,
            # The old terms keep what was paid for every right they covered except those
            # now repriced: exercised ones, and ones that lapsed earlier (convertibles,
            # which would keep only the exercised, were refused above).
            for_rights=(
                grant.consideration_per_share * (grant.other.exercised + grant.other.lapsed)
            ),
        )
        first = readjusted.as_change(
            ref=ref, day=event.date, clause="4.C(6)", reasons=tuple(reasons),
            note_prefix="old terms closed: ",
        )
    else:
        position = attrs.evolve(position, undeemed_options=position.undeemed_options - outside)
        first = Change(
            determination=Determination(
                event=ref, date=event.date, clause="4.C(6)", outcome=Outcome.NO_FURTHER_ADJUSTMENT,
                reasons=tuple(reasons),
            ),
            position=position,
            grants=(closed,),
        )
    staged = book.staged(first)
    terms = RightsTerms(
        clause="4.C(6)", kind=grant.kind, shares=inside + outside, payment_per_share=new_price,
        consideration=grant.consideration_per_share * (inside + outside), expires=grant.expires,
        description="deemed issue, on repricing, of the rights still outstanding at the new price",
    )
    second = issue_rights(
        staged, event, ref, terms, carve_out_class=grant.in_carve_out_class, reasons=[],
        replacing=staged.grants[grant.id],
    )
    return then(book, first, second)


def _repriced_only(event: Repricing, ref: EventRef, grant: Grant, reason: str) -> Change:
    return Change(
        determination=Determination(
            event=ref, date=event.date, clause="4.C(6)", outcome=Outcome.NO_FURTHER_ADJUSTMENT,
            reasons=(reason,),
        ),
        grants=(attrs.evolve(grant, exercise_price=event.exercise_price),),
    )
