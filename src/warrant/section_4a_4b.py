"""Sections 4.A and 4.B: distributions of other property, and reorganisations.

* 4.A — when holders of Common Stock receive, without paying for it, other
  securities or property by way of dividend (4.A(1)), cash or property paid out
  of anything other than retained earnings (4.A(2)), or securities or property
  by way of a spin-off, reclassification or similar rearrangement (4.A(3)), the
  Exercise Price does not move.  Instead the holder receives on exercise what a
  holder of record of the warrant's shares would have received since the Issue
  Date.  The register keeps that entitlement per warrant as a basket fixed at
  each record date.  Common Stock, convertibles and rights issued as a dividend
  are 4.C, 4.D or 4.E matters, not 4.A; ordinary cash dividends out of retained
  earnings entitle the holder to nothing.
* 4.B — after a reorganisation, consolidation, merger or sale of substantially
  all assets, the warrant is exercisable for what its shares would have received
  on consummation.  The register records the substitution; protecting those new
  securities against dilution (4.C(7)) needs a manual determination.
"""

from __future__ import annotations

import attrs

from warrant.book import Book, Change, Entitlement, Substitution, rule_for
from warrant.events import Distribution, OtherSecuritiesIssuance, Reorganization, Source
from warrant.exact import shown
from warrant.records import Determination, EventRef, Outcome
from warrant.section_4c import other_securities_guard


@rule_for(Distribution)
def distribute_property(book: Book, event: Distribution, ref: EventRef) -> Change:
    """4.A: no price change; an entitlement basket item, fixed at the record date."""
    manual = other_securities_guard(book, event, ref)
    if manual is not None:  # after 4.B the holder's shares are other securities
        return manual
    day = event.effective_date
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
    shares_per_face = book.terms.exercise_price / book.position.price
    item = Entitlement(
        kind=event.kind,
        per_share=event.per_share,
        record_date=day,
        shares_per_face_share=shares_per_face,
        source=event.source.value,
    )
    clause = "4.A(2)" if event.is_cash else "4.A"
    return Change(
        determination=Determination(
            event=ref, date=day, clause=clause, outcome=Outcome.ENTITLEMENT,
            reasons=(
                f"{shown(event.per_share)} of {event.kind} per share: the holder receives on exercise "
                f"{shown(item.per_face_share)} per share on the warrant's face "
                f"({shown(shares_per_face)} shares receivable per face share at the record date); "
                f"the Exercise Price does not change ({clause})",
            ),
        ),
        position=attrs.evolve(book.position, entitlements=(*book.position.entitlements, item)),
    )


@rule_for(Reorganization)
def reorganize(book: Book, event: Reorganization, ref: EventRef) -> Change:
    """4.B: the warrant becomes exercisable for the basket its shares would have received."""
    manual = other_securities_guard(book, event, ref)
    if manual is not None:
        return manual
    shares_per_face = book.terms.exercise_price / book.position.price
    substitution = Substitution(date=event.date, basket=event.basket, shares_per_face_share=shares_per_face)
    basket = ", ".join(f"{shown(quantity)} {kind}" for kind, quantity in event.basket)
    return Change(
        determination=Determination(
            event=ref, date=event.date, clause="4.B", outcome=Outcome.SUBSTITUTED,
            reasons=(
                f"on consummation each share of Common Stock received {basket}; the warrant is now "
                f"exercisable, per share on its face, for {shown(shares_per_face)} times that basket, "
                "at the same aggregate Exercise Price (4.B)",
                "further protection of the new securities against dilution needs a manual "
                "determination (4.C(7))",
            ),
        ),
        position=attrs.evolve(book.position, substitution=substitution),
    )


@rule_for(OtherSecuritiesIssuance)
def issue_other_securities(book: Book, event: OtherSecuritiesIssuance, ref: EventRef) -> Change:
    """4.C(7): dilution of other securities the warrant is exercisable for — never computed."""
    manual = other_securities_guard(book, event, ref)
    if manual is not None:
        return manual
    return Change(
        determination=Determination(
            event=ref, date=event.date, clause="4.C(7)", outcome=Outcome.NO_PROVISION,
            reasons=(
                f"{event.description}: the warrant is not exercisable for securities other than the "
                "Company's Common Stock, so 4.C(7) has nothing to protect",
            ),
        ),
    )
