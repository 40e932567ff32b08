"""Section 4.F: no dilution or impairment — and the par value of the shares.

4.F is a promise by the Company, not a formula: it will not use its charter or
any corporate act to dodge the warrant's terms, will not raise the par value
of the shares above what the holder pays for them on exercise, and will do
whatever is needed to issue them validly as fully paid and non-assessable.

The warrant puts no floor under the Exercise Price, so 4.C, 4.D and 4.E may
take it below the par value of the Common Stock ($0.03 for the 2002 warrant,
``WarrantTerms.par_value``).  The library computes the price exactly as the
formula gives it and does not stop at par; it flags every adjustment that
leaves the price below par (``Adjustment.below_par``) and says so in the
determination, because at that price the Company's 4.F undertaking is engaged
(e.g. by reducing the par value before shares are issued at it).

The comparison is with the par value stated in the terms: the register has no
event for a change of par value by charter amendment, so one made since the
Issue Date must be judged by the reader.
"""

from __future__ import annotations

import attrs

from warrant.ground.exact import shown
from warrant.register.book import Book, Change
from warrant.register.records import Adjustment


def below_par(book: Book, adjustment: Adjustment) -> bool:
    """4.F: the Exercise Price this adjustment leaves in force is below the par value."""
    par = book.terms.par_value
    return par is not None and adjustment.price_after < par


def flag_below_par(book: Book, change: Change) -> Change:
    """The rulebook's 4.F check: mark each adjustment that leaves the price below par, and
    say in the determination that the price is the formula's, with no floor at par."""
    flagged = [a for a in change.adjustments if below_par(book, a)]
    if not flagged:
        return change
    par = book.terms.par_value
    assert par is not None  # flagged only against a par value
    reasons = tuple(
        f"adjustment {a.sequence} leaves the Exercise Price at {shown(a.price_after)}, below the "
        f"par value {shown(par)}: the price is as the formula gives it (the warrant sets no "
        "floor); the Company must take whatever action lets it issue fully paid, "
        "non-assessable shares at that price (4.F)"
        for a in flagged
    )
    return attrs.evolve(
        change,
        adjustments=tuple(
            attrs.evolve(a, below_par=True) if a in flagged else a for a in change.adjustments
        ),
        determination=attrs.evolve(
            change.determination, reasons=(*change.determination.reasons, *reasons)
        ),
    )
