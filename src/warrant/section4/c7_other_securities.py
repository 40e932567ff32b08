"""Section 4.C(7): protection of other securities the warrant becomes exercisable for.

Once a 4.B reorganisation makes the warrant exercisable for other securities,
dilution of those is to be protected "substantially in the manner" of 4.C —
a judgement for the parties.  The library records such events and computes no
change; an issue of securities other than Common Stock before then is likewise
left to that judgement.

:func:`after_reorganization` is the exception every provision of the rulebook
tests first (:mod:`warrant.section4.alpha_2002`): once 4.B has substituted
other securities, no rule written for Common Stock decides an event.
"""

from __future__ import annotations

from fractions import Fraction

import attrs

from warrant.ground.errors import EventRejected
from warrant.ground.exact import shown
from warrant.register.book import Book, Change
from warrant.register.events import (
    Cancellation,
    ConvertibleIssuance,
    Event,
    Exercise,
    Expiry,
    OptionGrant,
    OptionOnConvertible,
    OtherSecuritiesIssuance,
    Repricing,
)
from warrant.register.records import Determination, EventRef, Outcome
from warrant.register.state import Grant, GrantKind, Tally
from warrant.section4.c3_c4_deemed_issues import grant_id


def after_reorganization(book: Book, event: Event, ref: EventRef) -> Change | None:
    """4.C(7): once the warrant is exercisable for other securities (after a 4.B
    reorganisation), dilution of those is to be protected "substantially in the manner"
    of 4.C.  That is a judgement: the event is recorded and nothing is computed."""
    substitution = book.position.substitution
    if substitution is None:
        return None
    return Change(
        determination=Determination(
            event=ref,
            date=event.effective_date,
            clause="4.C(7)",
            outcome=Outcome.MANUAL_DETERMINATION,
            reasons=(
                f"since the reorganisation of {substitution.date.isoformat()} the warrant is "
                "exercisable for other securities; any protection against this event must be "
                "determined substantially in the manner of 4.C by the parties — the library "
                "computes no change (4.C(7))",
            ),
        ),
        grants=_facts_kept(book, event, ref),
    )


def _facts_kept(book: Book, event: Event, ref: EventRef) -> tuple[Grant, ...]:
    """The register still keeps the facts after a reorganisation, though it computes no
    figure: a grant made then is recorded (so its later exercise or lapse is known), and an
    exercise, lapse or repricing is checked against what remains of its grant and counted
    apart (``Grant.gone_after_substitution``), leaving every figure — issued, deemed, the
    carve-out — as the reorganisation froze it.  An event of more shares than remain, or an
    exercise after the rights expired, is bad input whatever then decides it (SPEC §12)."""
    if isinstance(event, OptionGrant | ConvertibleIssuance | OptionOnConvertible):
        gid = grant_id(event, ref)
        if gid in book.grants:
            raise EventRejected(
                f"a grant with id {gid!r} is already in the register", field="id",
                clause="4.C(3)",
            )
        if isinstance(event, OptionGrant):
            shares, kind = event.shares, GrantKind.OPTION
            payment, paid = event.exercise_price * event.shares, event.consideration
        elif isinstance(event, ConvertibleIssuance):
            shares, kind = event.max_shares, GrantKind.CONVERTIBLE
            payment, paid = event.min_conversion_payment, event.consideration
        else:
            shares, kind = event.max_shares, GrantKind.OPTION_ON_CONVERTIBLE
            payment = event.min_exercise_payment + event.min_conversion_payment
            paid = event.consideration
        return (
            Grant(
                id=gid, event=ref, granted_on=event.date, expires=event.expires,
                exercise_price=payment / shares, consideration_per_share=paid / shares,
                in_carve_out_class=False, before_issue_date=False,
                excluded=Tally(granted=Fraction(0), outstanding=Fraction(0)),
                other=Tally(granted=shares, outstanding=shares), kind=kind,
                units=book.position.split_scale,
            ),
        )
    if isinstance(event, Exercise | Expiry | Cancellation | Repricing):
        verb = {Exercise: "exercise", Expiry: "expire", Cancellation: "cancel",
                Repricing: "reprice"}[type(event)]
        grant = book.grant(event.of, clause="4.C(3)")
        remaining = grant.outstanding - grant.gone_after_substitution
        if remaining <= 0:
            raise EventRejected(
                f"grant {grant.id!r} has no rights left to {verb} (all exercised, expired or "
                "cancelled)", field="of", clause="4.C(3)",
            )
        if isinstance(event, Repricing):
            if grant.kind is GrantKind.CONVERTIBLE:
                raise EventRejected(
                    "a lower conversion price changes how many shares the convertibles are "
                    "issuable for, which a repricing event cannot state", field="of",
                    clause="4.C(6)",
                )
            return (attrs.evolve(grant, exercise_price=event.exercise_price),)
        count = remaining if event.shares is None else event.shares
        if count > remaining:
            raise EventRejected(
                f"cannot {verb} {shown(count)} shares of grant {grant.id!r}: only "
                f"{shown(remaining)} remain", field="shares", clause="4.C(3)",
            )
        if isinstance(event, Exercise) and grant.expires is not None and (
            event.date > grant.expires
        ):
            raise EventRejected(
                f"grant {grant.id!r} expired on {grant.expires.isoformat()}; it cannot be "
                f"exercised on {event.date.isoformat()}", field="date", clause="4.C(3)",
            )
        return (
            attrs.evolve(grant, gone_after_substitution=grant.gone_after_substitution + count),
        )
    return ()


def issue_other_securities(book: Book, event: OtherSecuritiesIssuance, ref: EventRef) -> Change:
    """4.C(7) before any reorganisation: the warrant is for Common Stock only, so an issue of
    other securities has nothing to protect (after one, :func:`after_reorganization` decides)."""
    return Change(
        determination=Determination(
            event=ref,
            date=event.date,
            clause="4.C(7)",
            outcome=Outcome.NO_PROVISION,
            reasons=(
                f"{event.description}: the warrant is not exercisable for securities other "
                "than the Company's Common Stock, so 4.C(7) has nothing to protect",
            ),
        ),
    )
