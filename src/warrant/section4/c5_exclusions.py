"""Section 4.C(5): what is, and is not, an Additional Share.

The base rule: every share issued on or after the Issue Date is an Additional
Share, even if later reacquired (a buyback only leaves the outstanding count).
The exceptions: (i) shares issued on exercise of the Warrants; (ii) the equity
financing of one restructuring of the Credit Agreement at no less than 85% of
fair market value; (iii) the plan-option carve-out (applied where grants are
made, :mod:`warrant.section4.c3_c4_deemed_issues`).

(i) and (ii) are exceptions to the 4.C(1) rule for an issue of Common Stock,
tested in that order after 4.C(7): :func:`warrant_shares` and
:func:`restructuring_financing`, declared with the rule in the rulebook
(:mod:`warrant.section4.alpha_2002`).  (iii) excludes part of a grant, so it is
applied inside the 4.C(3) rule.
"""

from __future__ import annotations

import attrs

from warrant.ground.errors import EventRejected
from warrant.ground.exact import shown
from warrant.market.fmv import FairMarketValue
from warrant.register.book import Book, Change
from warrant.register.events import (
    Buyback,
    Issuance,
)
from warrant.register.records import Determination, EventRef, Outcome
from warrant.register.rulebook import Noted
from warrant.register.state import Into, Position, add_shares
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
    if event.restructuring is None:
        return None
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
