"""Section 4.C(5): what is, and is not, an Additional Share.

The base rule: every share issued on or after the Issue Date is an Additional
Share, even if later reacquired (a buyback only leaves the outstanding count).
The exceptions: (i) shares issued on exercise of the Warrants; (ii) the equity
financing of one restructuring of the Credit Agreement at no less than 85% of
fair market value; (iii) the plan-option carve-out (applied where grants are
made, :mod:`warrant.section4.c3_c4_deemed_issues`; the room a grant may use, and
the room a promise to grant holds for the grant that will honour it, are here).

(i) and (ii) are exceptions to the 4.C(1) rule for an issue of Common Stock,
tested in that order after 4.C(7): :func:`warrant_shares` and
:func:`restructuring_financing`, declared with the rule in the rulebook
(:mod:`warrant.section4.alpha_2002`).  (iii) excludes part of a grant, so it is
applied inside the 4.C(3) rule.
"""

from __future__ import annotations

from fractions import Fraction

import attrs

from warrant.ground.errors import EventRejected, UnknownGrant
from warrant.ground.exact import shown
from warrant.instrument.readings import CarveOutCounting
from warrant.market.fmv import FairMarketValue
from warrant.register.book import Book, Change
from warrant.register.events import (
    Buyback,
    Issuance,
    PromiseToGrant,
)
from warrant.register.records import Determination, EventRef, Outcome
from warrant.register.rulebook import Noted
from warrant.register.state import Into, Position, Promise, add_shares
from warrant.section4.c2_consideration import Consideration, consideration_of


def excluded_issue(
    book: Book, event: Issuance, ref: EventRef, *, clause: str, reasons: tuple[str, ...],
    position: Position | None = None,
) -> Change:
    """Shares that are not Additional Shares: counted as issued, nothing adjusted."""
    after = add_shares(position or book.position, event.shares, Into.ISSUED)
    return Change(
        determination=Determination(
            event=ref, date=event.date, clause=clause, outcome=Outcome.EXCLUDED, reasons=reasons
        ),
        position=after,
    )


def warrant_shares(book: Book, event: Issuance, ref: EventRef) -> Change | None:
    """4.C(5)(i): shares issued on exercise of the Warrants are not Additional Shares."""
    if not event.warrant_exercise:
        return None
    return excluded_issue(
        book, event, ref, clause="4.C(5)(i)",
        reasons=(
            "shares issued on exercise of the Warrants are not Additional Shares (4.C(5)(i))",
        ),
    )


def restructuring_financing(book: Book, event: Issuance, ref: EventRef) -> Change | Noted | None:
    """4.C(5)(ii): an issue that names a restructuring of the Credit Agreement.

    Excluded, it decides the event; not excluded, its finding (why not, and which
    restructuring now holds the one-time exclusion) stays on the record and 4.C(1)
    decides on top of it.
    """
    if event.restructuring is None or book.terms.restructuring_floor is None:
        return None  # terms without a restructuring floor have no such exclusion
    consideration = consideration_of(event)
    fmv = book.fmv(event.date)
    verdict = restructuring_exclusion(book, event, consideration, fmv)
    position = attrs.evolve(book.position, restructuring=verdict.restructuring)
    if verdict.excluded:
        return excluded_issue(
            book, event, ref, clause="4.C(5)(ii)", reasons=(verdict.reason,), position=position
        )
    return Noted(
        Change(
            determination=Determination(
                event=ref, date=event.date, clause="4.C(5)(ii)",
                outcome=Outcome.NO_FURTHER_ADJUSTMENT, reasons=(verdict.reason,),
            ),
            position=position,
        )
    )


@attrs.frozen
class RestructuringVerdict:
    excluded: bool
    reason: str
    #: the restructuring that holds the one-time exclusion after this issue
    restructuring: str | None


def restructuring_exclusion(
    book: Book, event: Issuance, consideration: Consideration, fmv: FairMarketValue
) -> RestructuringVerdict:
    """4.C(5)(ii): the equity financing of *one* restructuring of the Credit Agreement,
    sold at no less than the floor (85%) of fair market value on the day of issue.

    The first issuance that names a restructuring claims the one-time exclusion
    for it; issues of that same restructuring may share it; another restructuring
    may not.  The floor is tested on the price per share the shares were sold at
    (before the Company's expenses, which 4.C(2) deducts only for the formula).
    """
    assert event.restructuring is not None
    claimed = book.position.restructuring or event.restructuring
    if event.date <= book.terms.issue_date:
        return RestructuringVerdict(
            excluded=False,
            reason=(
                "the restructuring exclusion covers shares issued after the Issue Date, not on it: "
                "these are Additional Shares (4.C(5)(ii))"
            ),
            restructuring=book.position.restructuring,
        )
    if claimed != event.restructuring:
        return RestructuringVerdict(
            excluded=False,
            reason=(
                f"restructuring {event.restructuring!r} is a second restructuring: the one-time "
                f"exclusion belongs to {claimed!r}, so these are Additional Shares (4.C(5)(ii))"
            ),
            restructuring=claimed,
        )
    assert book.terms.restructuring_floor is not None  # see restructuring_financing
    sale_price = consideration.gross / event.shares
    floor = book.terms.restructuring_floor * fmv.value
    if sale_price < floor:
        return RestructuringVerdict(
            excluded=False,
            reason=(
                f"sold at {shown(sale_price)} per share, below "
                f"{shown(book.terms.restructuring_floor * 100)}% "
                f"of the fair market value {shown(fmv.value)} (floor {shown(floor)}): "
                "not excluded (4.C(5)(ii))"
            ),
            restructuring=claimed,
        )
    return RestructuringVerdict(
        excluded=True,
        reason=(
            f"equity financing of restructuring {claimed!r} sold at {shown(sale_price)} per share, "
            f"at least {shown(book.terms.restructuring_floor * 100)}% of the fair market value "
            f"{shown(fmv.value)} (floor {shown(floor)}): not Additional Shares (4.C(5)(ii))"
        ),
        restructuring=claimed,
    )


def buy_back(book: Book, event: Buyback, ref: EventRef) -> Change:
    """Shares reacquired or retired: still Additional Shares (4.C(5)), but no longer outstanding."""
    if event.shares >= book.position.issued:
        raise EventRejected(
            f"cannot buy back {shown(event.shares)} shares: {shown(book.position.issued)} are "
            "issued and outstanding, and some must remain",
            field="shares",
            clause="4.C(5)",
        )
    return Change(
        determination=Determination(
            event=ref, date=event.date, clause="4.C(5)", outcome=Outcome.NO_FURTHER_ADJUSTMENT,
            reasons=(
                "shares reacquired or retired leave the outstanding count; the Exercise Price "
                "does not change (4.C(5): they remain Additional Shares)",
            ),
        ),
        position=attrs.evolve(book.position, issued=book.position.issued - event.shares),
    )


# -- 4.C(5)(iii): promises to grant during an exchange ------------------------------------


def promise_to_grant(book: Book, event: PromiseToGrant, ref: EventRef) -> Change:
    """A promise to grant options for options cancelled in an exchange (4.C(5)(iii)).

    Nothing is issued or issuable under a promise, so it adjusts nothing.  Under the
    reading ``promised_grants_hold_room`` it keeps, until the promised grant is made, the
    carve-out room the cancelled options held, up to the shares promised — so that a plan
    grant made meanwhile cannot take it.  Under cumulative counting the cancellation freed
    no room, so there is none to hold.
    """
    assert event.id is not None  # the event requires one
    cancelled = book.grant(event.of, clause="4.C(5)(iii)")
    position = book.position
    if any(promise.id == event.id for promise in position.promises):
        raise EventRejected(
            f"a promise with id {event.id!r} is already in the register", field="id",
            clause="4.C(5)(iii)",
        )
    reasons = [
        f"promise to grant {shown(event.shares)} shares for options of grant {cancelled.id!r}: "
        "nothing is issued or issuable until the grant is made (4.C(5)(iii))"
    ]
    held = Fraction(0)
    if book.reading.carve_out_counting is CarveOutCounting.CUMULATIVE_GRANTS:
        reasons.append(
            "the cancelled options freed no carve-out room, so there is none to hold "
            "(reading: cumulative-grants)"
        )
    else:
        # Room the cancelled options' carve-out part freed, not already held by another promise.
        freed = cancelled.excluded.lapsed * position.split_scale / cancelled.units
        already = sum((p.held for p in position.promises if p.of == cancelled.id), Fraction(0))
        room = max(min(event.shares, freed - already, position.carve_out_room), Fraction(0))
        # Where there is no room to hold, both readings hold none: the reading decides nothing.
        held = book.answer("promised_grants_hold_room", lambda hold: room if hold else Fraction(0))
        if book.wording("promised_grants_hold_room"):
            reasons.append(
                f"it holds {shown(held)} shares of carve-out room for the promised grant "
                "(reading: promised_grants_hold_room)"
            )
        else:
            reasons.append(
                "the promise holds no carve-out room (reading: promised_grants_hold_room = false)"
            )
    promise = Promise(id=event.id, of=cancelled.id, date=event.date, shares=event.shares, held=held)
    return Change(
        determination=Determination(
            event=ref, date=event.date, clause="4.C(5)(iii)",
            outcome=Outcome.NO_FURTHER_ADJUSTMENT, reasons=tuple(reasons),
        ),
        position=attrs.evolve(position, promises=(*position.promises, promise)),
    )


def honour_promise(book: Book, promise_id: str) -> tuple[Position, str]:
    """The position once the promise ``promise_id`` is honoured: the room it held is released
    for the grant that honours it.  Returns the position and a reason for the record."""
    position = book.position
    found = next((p for p in position.promises if p.id == promise_id), None)
    if found is None:
        raise UnknownGrant(
            f"no promise to grant with id {promise_id!r} is outstanding in the register",
            field="fulfils",
            clause="4.C(5)(iii)",
        )
    remaining = tuple(p for p in position.promises if p.id != promise_id)
    reason = (
        f"honours promise {promise_id!r}, which held {shown(found.held)} shares of carve-out "
        "room for it (4.C(5)(iii))"
    )
    return attrs.evolve(position, promises=remaining), reason
