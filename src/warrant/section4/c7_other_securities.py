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

from warrant.register.book import Book, Change
from warrant.register.events import Event, OtherSecuritiesIssuance
from warrant.register.records import Determination, EventRef, Outcome


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
    )


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
