"""Section 4.A: distributions of other securities or property to holders of Common Stock.

When holders of Common Stock receive, without paying for it, other securities
or property by way of dividend (4.A(1)), cash or property paid out of anything
other than retained earnings (4.A(2)), or securities or property by a
spin-off, reclassification or similar rearrangement (4.A(3)), the warrant
holder is entitled on exercise to what it would have received had it held the
shares on the record date.  The Exercise Price does not change.
"""

from __future__ import annotations

import attrs

from warrant.ground.exact import shown
from warrant.register.book import Book, Change
from warrant.register.events import Distribution, Source
from warrant.register.records import Determination, EventRef, Outcome
from warrant.register.state import Entitlement


def distribute_property(book: Book, event: Distribution, ref: EventRef) -> Change:
    """4.A: no price change; an entitlement basket item, fixed at the record date."""
    # 4.A: the holder shares in what holders of record receive on the record date, if fixed.
    day = event.record_date or event.date
    if event.is_cash and event.source is Source.RETAINED_EARNINGS:
        return Change(
            determination=Determination(
                event=ref, date=day, clause="4.A(2)", outcome=Outcome.NO_PROVISION,
                reasons=(
                    "a cash dividend paid out of retained earnings entitles the warrant holder to "
                    "nothing: 4.A(2) covers only cash paid from other sources",
                ),
            ),
        )
    shares_per_face = book.terms.shares_receivable(book.position.price)
    item = Entitlement(
        kind=event.kind,
        per_share=event.per_share,
        record_date=day,
        shares_per_face_share=shares_per_face,
        source=event.source,
    )
    clause = "4.A(2)" if event.is_cash else "4.A"
    return Change(
        determination=Determination(
            event=ref,
            date=day,
            clause=clause,
            outcome=Outcome.ENTITLEMENT,
            reasons=(
                f"{shown(event.per_share)} of {event.kind} per share: the holder receives on "
                f"exercise {shown(item.per_face_share)} per share on the warrant's face "
                f"({shown(shares_per_face)} shares receivable per face share at the record date); "
                f"the Exercise Price does not change ({clause})",
            ),
        ),
        position=attrs.evolve(book.position, entitlements=(*book.position.entitlements, item)),
    )
