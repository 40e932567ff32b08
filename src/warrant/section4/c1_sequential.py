"""The price chain walked step by step, for terms whose price is not a plain product.

Under the 2002 warrant's formula the price in force is the initial price times every
step's factor, so a readjustment rescales it by the factors it changes
(:func:`~warrant.section4.c1_formula.rescaled`).  Two formula keys of the terms break
that product (docs/terms.md):

* ``price_rounding``: the price is rounded after each adjustment, so each step starts
  from the rounded price the one before left;
* ``formula = "full-ratchet"``: a ratchet sets the price to the issue's Effective
  Price, so its factor is that price over the price before it, which an earlier
  readjustment moves.

For such terms a readjustment (4.C(3), 4.C(6), the 4.D(1) proviso) recomputes the
price from the initial price through every step, rounding after each and re-deriving
each ratchet's factor from the price before it (never above 1: a ratchet never raises
the price).  The rounding is the terms' in force when the readjustment is made.
"""

from __future__ import annotations

from collections.abc import Sequence
from fractions import Fraction

import attrs

from warrant.instrument.formula import Formula
from warrant.register.book import Book
from warrant.register.steps import Step
from warrant.section4.c1_formula import WeightedAverageStep, rescaled


def walks_the_chain(book: Book) -> bool:
    """Whether the price must be recomputed step by step (rounding, or a ratchet)."""
    terms = book.terms
    if terms.price_rounding is not None or terms.formula is Formula.FULL_RATCHET:
        return True
    # Ratchet steps under terms that no longer ratchet exist only after an amendment: the
    # scan of the chain is paid there, never on the 2002 formula's readjustments.
    return book.position.amended_terms is not None and any(
        isinstance(step, WeightedAverageStep) and step.ratchet_price is not None
        for step in book.steps
    )


def price_with(
    book: Book, price_now: Fraction, replaced: Sequence[tuple[int, Step]]
) -> tuple[Fraction, tuple[tuple[int, Step], ...]]:
    """The price in force once the steps ``replaced`` take their new factors, and the
    steps so replaced — ``replaced`` itself, plus every later ratchet re-derived."""
    if not walks_the_chain(book):
        return (
            rescaled(price_now, ((book.steps[i].factor, new.factor) for i, new in replaced)),
            tuple(replaced),
        )
    new_steps = dict(replaced)
    terms = book.terms
    price = terms.exercise_price
    for index, old in enumerate(book.steps):
        step = new_steps.get(index, old)
        if (
            isinstance(step, WeightedAverageStep)
            and step.ratchet_price is not None
            and not step.clamped  # readjusted to "no adjustment would have been made"
        ):
            factor = min(Fraction(1), step.ratchet_price / price)
            if factor != step.factor:
                step = attrs.evolve(step, factor=factor)
                new_steps[index] = step
        price = terms.price_in_force(price * step.factor)
    return price, tuple(sorted(new_steps.items()))


def price_before_step(book: Book, index: int) -> Fraction:
    """The price in force immediately before step ``index``, walked from the initial price."""
    terms = book.terms
    price = terms.exercise_price
    for step in book.steps[:index]:
        price = terms.price_in_force(price * step.factor)
    return price
