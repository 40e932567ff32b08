"""Section 3: transfer of a warrant in whole or in part, and exchange into several.

A transfer is made on surrender of the warrant with the assignment form: the
transferee receives a new warrant for the shares transferred and, on a partial
transfer, the holder a new warrant for the rest.  An exchange turns one warrant
into several for the same aggregate shares, as the holder designates.  Shares
here are shares receivable now; each new warrant's face shares are those
shares at the initial Exercise Price, so the series' total is kept exactly and
every later adjustment moves the new warrants alike.  Neither is an issue of
Common Stock: the Exercise Price does not move.
"""

from __future__ import annotations

from fractions import Fraction

import attrs

from warrant.ground.errors import SeriesChangeRefused, TooManyShares
from warrant.ground.exact import shown
from warrant.register.book import Book, Change
from warrant.register.holder_events import WarrantExchange, WarrantTransfer
from warrant.register.records import Determination, EventRef, Outcome
from warrant.register.series import SeriesWarrant, SurrenderedFor

CLAUSE = "Section 3"


def transfer_warrant(book: Book, event: WarrantTransfer, ref: EventRef) -> Change:
    """Section 3: a new warrant to the transferee, and one to the holder for any rest."""
    position = book.position
    held = position.series.get(event.warrant, clause=CLAUSE)
    price, initial = position.price, book.terms.exercise_price
    available = held.shares(initial, price)
    shares = event.shares if event.shares is not None else available
    if shares > available:
        raise TooManyShares(
            f"{shown(shares)} shares, but warrant {held.id!r} is for {shown(available)}",
            field="shares", clause=CLAUSE,
        )
    transferred_face = shares * price / initial
    rest = held.face_shares - transferred_face
    wanted = (event.new_id, event.remainder_id) if rest else (event.new_id,)
    fields = ("new_id", "remainder_id") if rest else ("new_id",)
    if not rest and event.remainder_id is not None:
        raise SeriesChangeRefused(
            "the whole warrant is transferred: there is no rest for a remainder_id",
            field="remainder_id", clause=CLAUSE,
        )
    ids = position.series.new_ids(held.id, wanted, fields=fields, clause=CLAUSE)
    issued = [SeriesWarrant(id=ids[0], holder=event.to, face_shares=transferred_face)]
    if rest:
        issued.append(SeriesWarrant(id=ids[1], holder=held.holder, face_shares=rest))
    series = position.series.replace(
        held, how=SurrenderedFor.TRANSFER, day=event.date, issued=tuple(issued)
    )
    reasons = [
        f"warrant {held.id!r} surrendered for transfer of {shown(shares)} of {shown(available)} "
        f"shares to {event.to}: new warrant {ids[0]!r}",
    ]
    if rest:
        reasons.append(
            f"new warrant {ids[1]!r} to the holder for the {shown(available - shares)} shares "
            "not transferred"
        )
    reasons.append("the series keeps its total shares; the Exercise Price does not change")
    return Change(
        determination=Determination(
            event=ref, date=event.date, clause=CLAUSE, outcome=Outcome.NO_FURTHER_ADJUSTMENT,
            reasons=tuple(reasons),
        ),
        position=attrs.evolve(position, series=series),
    )


def exchange_warrant(book: Book, event: WarrantExchange, ref: EventRef) -> Change:
    """Section 3: one warrant into several for the same aggregate shares."""
    position = book.position
    held = position.series.get(event.warrant, clause=CLAUSE)
    price, initial = position.price, book.terms.exercise_price
    available = held.shares(initial, price)
    total = sum((part.shares for part in event.into), Fraction(0))
    if total != available:
        raise SeriesChangeRefused(
            f"the new warrants add up to {shown(total)} shares, but warrant {held.id!r} is for "
            f"{shown(available)}: an exchange keeps the same aggregate number",
            field="into", clause=CLAUSE,
        )
    ids = position.series.new_ids(
        held.id, tuple(part.id for part in event.into),
        fields=tuple(f"into[{index}].id" for index in range(len(event.into))), clause=CLAUSE,
    )
    issued = tuple(
        SeriesWarrant(id=new_id, holder=held.holder, face_shares=part.shares * price / initial)
        for new_id, part in zip(ids, event.into, strict=True)
    )
    series = position.series.replace(
        held, how=SurrenderedFor.EXCHANGE, day=event.date, issued=issued
    )
    listed = ", ".join(
        f"{new_id!r} for {shown(part.shares)}" for new_id, part in zip(ids, event.into, strict=True)
    )
    return Change(
        determination=Determination(
            event=ref, date=event.date, clause=CLAUSE, outcome=Outcome.NO_FURTHER_ADJUSTMENT,
            reasons=(
                f"warrant {held.id!r} for {shown(available)} shares exchanged into {listed}",
                "the series keeps its total shares; the Exercise Price does not change",
            ),
        ),
        position=attrs.evolve(position, series=series),
    )
