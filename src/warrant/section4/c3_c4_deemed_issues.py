"""Sections 4.C(3) and 4.C(4): rights, options and convertibles, tested once when issued.

* 4.C(3) — a grant of rights or options, or an issue of Convertible
  Securities, whose Effective Price is below the FMV of its day is a deemed
  issue of the maximum shares issuable, for what was paid for the rights plus
  the minimum exercise or conversion payments;
* 4.C(4) — options to buy Convertible Securities, through both layers at once.

Plan options to officers, employees and directors use the 4.C(5)(iii)
carve-out first; only their overflow is tested.  A rights offer or a
distribution to holders of record is issued on its record date (4.C(8),
:mod:`warrant.section4.c8_record_dates`).
"""

from __future__ import annotations

import datetime as dt
from fractions import Fraction

import attrs

from warrant.ground.errors import EventRejected
from warrant.ground.exact import shown
from warrant.register.book import Book, Change
from warrant.register.events import (
    ConvertibleIssuance,
    Event,
    OptionGrant,
    OptionOnConvertible,
)
from warrant.register.records import Determination, EventRef, Outcome
from warrant.register.state import Grant, GrantKind, Into, Position, Tally, add_shares
from warrant.section4.c1_weighted_average import change_from, reference_fmv, test_below_fmv
from warrant.section4.c2_consideration import Consideration
from warrant.section4.c5_exclusions import honour_promise
from warrant.section4.c8_record_dates import date_of_issue


def grant_id(event: Event, ref: EventRef) -> str:
    """A grant's id: its own, or ``#<position>`` when the scenario gave none."""
    return event.id if event.id is not None else f"#{ref.index}"


@attrs.frozen(kw_only=True)
class RightsTerms:
    """What 4.C(3)/(4) needs to know of rights, options or convertibles, per share of Common."""

    clause: str
    kind: GrantKind
    shares: Fraction  # the maximum number of shares issuable
    payment_per_share: Fraction  # minimum exercise/conversion payments, per share
    consideration: Fraction  # paid for the rights themselves, in all
    expires: dt.date | None
    description: str


def grant_options(book: Book, event: OptionGrant, ref: EventRef) -> Change:
    """4.C(3) for a grant of rights or options, with the 4.C(5)(iii) carve-out first.

    A plan grant to officers, employees or directors uses the carve-out's room;
    what does not fit (the overflow) is tested as a deemed issue at the grant's
    own terms, with its pro rata share of what was paid for the grant.
    """
    reasons: list[str] = []
    position = None
    if event.fulfils is not None:
        position, honoured = honour_promise(book, event.fulfils)
        reasons.append(honoured)
    if event.in_carve_out_class:
        grantee = event.grantee.value if event.grantee else ""
        reasons.append(f"plan options to {'an' if grantee[:1] in 'aeiou' else 'a'} {grantee}")
    elif event.plan:
        reasons.append(
            "plan options to a consultant or other non-employee are not in the carve-out "
            "(4.C(5)(iii))"
        )
    else:
        reasons.append("options granted outside the plans are not in the carve-out (4.C(5)(iii))")
    terms = RightsTerms(
        clause="4.C(3)", kind=GrantKind.OPTION, shares=event.shares,
        payment_per_share=event.exercise_price,
        consideration=event.consideration, expires=event.expires,
        description="deemed issue of the maximum shares issuable on exercise",
    )
    return issue_rights(
        book, event, ref, terms, carve_out_class=event.in_carve_out_class, reasons=reasons,
        position=position,
    )


def issue_convertibles(book: Book, event: ConvertibleIssuance, ref: EventRef) -> Change:
    """4.C(3) for Convertible Securities: deemed issue of the maximum shares on conversion for
    what was received plus the minimum conversion payments (cancelling the security's own
    obligation is not consideration)."""
    terms = RightsTerms(
        clause="4.C(3)", kind=GrantKind.CONVERTIBLE, shares=event.max_shares,
        payment_per_share=event.min_conversion_payment / event.max_shares,
        consideration=event.consideration, expires=event.expires,
        description="deemed issue of the maximum shares issuable on conversion",
    )
    return issue_rights(book, event, ref, terms, carve_out_class=False, reasons=[])


def grant_options_on_convertibles(book: Book, event: OptionOnConvertible, ref: EventRef) -> Change:
    """4.C(4): options to buy Convertible Securities, through both layers at once: the maximum
    shares on converting everything the options cover, for the option price plus the minimum
    exercise and conversion payments.  Issuing the convertibles on exercise adjusts nothing."""
    terms = RightsTerms(
        clause="4.C(4)",
        kind=GrantKind.OPTION_ON_CONVERTIBLE,
        shares=event.max_shares,
        payment_per_share=(event.min_exercise_payment + event.min_conversion_payment)
        / event.max_shares,
        consideration=event.consideration,
        expires=event.expires,
        description=(
            "deemed issue of the maximum shares issuable on converting all the "
            "convertibles the options cover"
        ),
    )
    return issue_rights(book, event, ref, terms, carve_out_class=False, reasons=[])


def issue_rights(
    book: Book,
    event: Event,
    ref: EventRef,
    terms: RightsTerms,
    *,
    carve_out_class: bool,
    reasons: list[str],
    replacing: Grant | None = None,
    position: Position | None = None,
) -> Change:
    """Register the rights and test them once, at issue (4.C(3)/(4)); plan options use the
    carve-out first and only their overflow is tested.  ``replacing`` is the grant whose
    old terms a repricing has just closed (4.C(6)): the new terms keep its id; ``position``
    replaces the book's (a grant that honours a promise releases the room it held)."""
    gid = replacing.id if replacing is not None else grant_id(event, ref)
    day = date_of_issue(event)
    if replacing is None and gid in book.grants:
        raise EventRejected(
            f"a grant with id {gid!r} is already in the register", field="id", clause="4.C(3)"
        )
    position = position or book.position
    inside = Fraction(0)
    if carve_out_class:
        room = position.carve_out_room
        inside = min(terms.shares, room)
        held = position.carve_out_promised
        reasons.append(
            f"{shown(inside)} of {shown(terms.shares)} shares within the carve-out "
            f"(room {shown(room)} of {shown(position.carve_out_cap)}"
            + (f", {shown(held)} held by promises to grant" if held else "")
            + ") (4.C(5)(iii))"
        )
        position = attrs.evolve(position, carve_out_used=position.carve_out_used + inside)
    overflow = terms.shares - inside
    grant = Grant(
        id=gid,
        event=ref,
        granted_on=day,
        expires=terms.expires,
        exercise_price=terms.payment_per_share,
        consideration_per_share=terms.consideration / terms.shares,
        in_carve_out_class=carve_out_class,
        before_issue_date=False,
        excluded=Tally(granted=inside, outstanding=inside),
        other=Tally(granted=overflow, outstanding=overflow),
        kind=terms.kind,
        history=(*replacing.history, attrs.evolve(replacing, history=()))
        if replacing is not None
        else (),
        units=position.split_scale,
    )
    if overflow == 0:
        return Change(
            determination=Determination(
                event=ref, date=day, clause="4.C(5)(iii)", outcome=Outcome.EXCLUDED,
                reasons=(*reasons, "the whole grant fits the carve-out: no adjustment"),
            ),
            position=add_shares(position, inside, Into.OPTIONS),
            grants=(grant,),
        )
    if inside:
        reasons.append(
            f"{shown(overflow)} shares over the cap are tested as a deemed issue at the "
            f"grant's terms ({terms.clause})"
        )
    tested = test_below_fmv(
        book, ref=ref, day=day, clause=terms.clause, shares=overflow,
        consideration=Consideration(
            for_rights=grant.consideration_per_share * overflow,
            minimum_exercise_payments=overflow * terms.payment_per_share,
        ),
        fmv=reference_fmv(book, day), position=position,
        into=Into.DEEMED, into_if_not_below=Into.OPTIONS, grant=gid, note=terms.description,
    )
    # The carve-out part joins the options outstanding only after the test: it was not
    # outstanding immediately before this issue (4.C(1)(b)), under any basis.
    tested = attrs.evolve(tested, position=add_shares(tested.position, inside, Into.OPTIONS))
    # Tested once, at issue: rights at or above FMV never adjust the price later.
    if tested.step is not None:
        grant = attrs.evolve(grant, deemed_step=len(book.steps))
    return change_from(
        tested, ref=ref, day=day, clause=terms.clause, reasons=tuple(reasons), grants=(grant,)
    )
