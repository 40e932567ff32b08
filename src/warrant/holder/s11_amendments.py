"""Section 11: the Warrants changed, or an adjustment waived, in writing.

A term changes only by a writing signed by the Company and by the holders of
Warrants for a majority of the shares the Warrants are then exercisable for.  An
``amendment`` event records such a writing: it is refused unless its signers hold
that majority on its date — the count :func:`~warrant.holder.s11_consents.count_consents`
makes — and then

* its ``terms`` govern every later event, from its date (a raised carve-out cap
  makes room at once; the terms' formula keys apply to the next issue);
* each event it ``waives`` (named by id, later in the register) is recorded whole
  when it comes — its shares counted as an issue not below the reference would
  count them — with the outcome "waived under Section 11", and adjusts nothing.

The Company's own signature is for the caller to check.  Changes to Sections 7 and
8 (registration) need a wider majority and are outside the library; a term the
register cannot change in mid-life (the Issue Date, the initial Exercise Price, the
FMV window, the rulebook) is refused by :class:`~warrant.instrument.terms.TermsChange`.
"""

from __future__ import annotations

import attrs

from warrant.ground.errors import EventRejected, WarrantError
from warrant.ground.exact import shown
from warrant.holder.s11_consents import CLAUSE, count_consents
from warrant.register.book import Book, Change
from warrant.register.holder_events import Amendment
from warrant.register.records import Determination, EventRef, Outcome
from warrant.register.state import Waiver


def amend(book: Book, event: Amendment, ref: EventRef) -> Change:
    """Section 11: the signers' majority, then the terms changed and the events waived."""
    position = book.position
    count = count_consents(
        position.series, terms=book.terms, price=position.price, as_of=event.date,
        signed=event.signed,
    )
    share = count.share_of_total
    held = (
        f"the signers hold {shown(count.signed_shares)} of the {shown(count.total_shares)} "
        f"shares the Warrants are exercisable for ({shown(share * 100)}%)"
    )
    if not count.majority:
        raise EventRejected(
            f"{held}: a change or waiver needs the holders of a majority", field="signed",
            clause=CLAUSE,
        )
    try:
        terms = event.terms.applied_to(book.terms)
    except WarrantError as error:
        raise EventRejected(
            f"the terms as amended do not stand: {error.message}",
            field=f"terms.{error.field}" if error.field else "terms", clause=CLAUSE,
        ) from None
    if event.terms and terms.expiration_date < event.date:
        raise EventRejected(
            f"the amended expiration {terms.expiration.isoformat()} is before the amendment",
            field="terms.expiration", clause=CLAUSE,
        )
    for waived in event.waives:
        if position.waiver_of(waived) is not None:
            raise EventRejected(
                f"event {waived!r} is already waived", field="waives", clause=CLAUSE
            )
    reasons = [held + ": a majority (Section 11)"]
    after = position
    if event.terms:
        after = attrs.evolve(after, amended_terms=terms)
        described = ", ".join(
            f"{key} {_term(getattr(book.terms, key))} → {_term(value)}"
            for key, value in event.terms.changes
        )
        reasons.append(f"from {event.date.isoformat()} the terms read: {described}")
        if "carve_out_cap" in dict(event.terms.changes):
            after = attrs.evolve(after, carve_out_cap=terms.carve_out_cap)
    if event.waives:
        waivers = tuple(sorted(  # in event id order: see Position.waiver_of
            (
                *position.waivers,
                *(Waiver(event_id=waived, amendment=ref, signed=count.signed,
                         share_of_total=share) for waived in event.waives),
            ),
            key=lambda waiver: waiver.event_id,
        ))
        after = attrs.evolve(after, waivers=waivers)
        reasons.append(
            "the holders waive the adjustment of "
            + ", ".join(repr(waived) for waived in event.waives)
        )
    return Change(
        determination=Determination(
            event=ref, date=event.date, clause=CLAUSE, outcome=Outcome.AMENDED,
            reasons=tuple(reasons),
        ),
        position=after,
    )


def _term(value: object) -> str:
    if value is None:
        return "none"
    if hasattr(value, "value") and not isinstance(value, (str, int)):
        return str(value.value)
    return str(value)


def waiver_honoured(book: Book, change: Change) -> Change:
    """The rulebook's Section 11 check: an event the holders waived adjusts nothing.

    The issue rules count a waived issue as one not below (4.C(1), (3), (4), (6)); an
    event of any other kind that would still adjust the price is refused rather than
    adjusted in silence, naming the waiver."""
    waiver = book.position.waiver_of(change.determination.event.id)
    if waiver is None or not change.adjustments:
        return change
    raise EventRejected(
        f"its adjustment is waived by {waiver.amendment.describe()}, but a waiver covers "
        "an issue of Additional Shares (4.C(1), (3), (4), (6)), not this event: record the "
        "event and its waiver otherwise", field="id", clause=CLAUSE,
    )
