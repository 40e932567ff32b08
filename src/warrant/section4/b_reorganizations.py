"""Section 4.B: reorganisation, reclassification, merger, consolidation or sale of assets.

On such a transaction the warrant becomes exercisable, in place of Common
Stock, for what a holder of the shares would have received (the basket).
The Exercise Price does not change; later protection is 4.C(7)'s.
"""

from __future__ import annotations

import attrs

from warrant.ground.exact import shown
from warrant.register.book import Book, Change
from warrant.register.events import Reorganization
from warrant.register.records import Determination, EventRef, Outcome
from warrant.register.state import Substitution


def reorganize(book: Book, event: Reorganization, ref: EventRef) -> Change:
    """4.B: the warrant becomes exercisable for the basket its shares would have received."""
    shares_per_face = book.terms.shares_receivable(book.position.price)
    substitution = Substitution(
        date=event.date, basket=event.basket, shares_per_face_share=shares_per_face
    )
    basket = ", ".join(f"{shown(quantity)} {kind}" for kind, quantity in event.basket)
    return Change(
        determination=Determination(
            event=ref,
            date=event.date,
            clause="4.B",
            outcome=Outcome.SUBSTITUTED,
            reasons=(
                f"on consummation each share of Common Stock received {basket}; the warrant is now "
                f"exercisable, per share on its face, for {shown(shares_per_face)} times that "
                "basket, at the same aggregate Exercise Price (4.B)",
                "further protection of the new securities against dilution needs a manual "
                "determination (4.C(7))",
            ),
        ),
        position=attrs.evolve(book.position, substitution=substitution),
    )
