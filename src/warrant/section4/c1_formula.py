"""The weighted-average formula of 4.C(1) and the Effective Price of 4.C(5).

With ``P`` the Exercise Price before, ``A`` the shares outstanding immediately
before the issue (what ``A`` counts is a reading, see
:class:`~warrant.instrument.readings.OutstandingBasis`), ``B`` the shares the aggregate
consideration would buy at the Current Fair Market Value, and ``C`` the
Additional Shares issued or deemed issued:

* 4.C(1)(b): the new price is ``P × (A + B) / (A + C)``;
* 4.C(1)(a): the shares receivable become ``S × P / P'``, so ``S × P`` — the
  aggregate exercise price — never changes (``Ledger.shares`` computes them).

:class:`WeightedAverageStep` is the price-chain step the formula makes: it
keeps ``A``, ``B`` and ``C`` so that a later readjustment (4.C(3), 4.D(1)'s
proviso) can recompute it on a new ``A``.  Nothing here rounds.
"""

from __future__ import annotations

from collections.abc import Iterable
from fractions import Fraction

import attrs

from warrant.ground.errors import InvalidValue


def effective_price(consideration: Fraction, additional_shares: Fraction) -> Fraction:
    """Aggregate consideration divided by the Additional Shares (4.C(5), last sentence)."""
    if additional_shares <= 0:
        raise InvalidValue("no Additional Shares to price", field="shares", clause="4.C(5)")
    return consideration / additional_shares


def shares_bought_at_fmv(consideration: Fraction, fmv: Fraction) -> Fraction:
    """``B``: the shares the aggregate consideration buys at the Current FMV (4.C(1)(b)(i)(b))."""
    if fmv <= 0:
        raise InvalidValue(
            "the Current Fair Market Value must be positive", field="fmv", clause="4.C(1)"
        )
    return consideration / fmv


def weighted_average_factor(
    outstanding: Fraction, bought_at_fmv: Fraction, additional: Fraction
) -> Fraction:
    """``(A + B) / (A + C)``: the multiplier 4.C(1)(b) applies to the Exercise Price."""
    # In integers, reduced once at the end: readjustments recompute many of these.
    a, a_den = outstanding.numerator, outstanding.denominator
    b, b_den = bought_at_fmv.numerator, bought_at_fmv.denominator
    c, c_den = additional.numerator, additional.denominator
    numerator = (a * b_den + b * a_den) * c_den  # (A + B) · a_den · b_den · c_den
    denominator = (a * c_den + c * a_den) * b_den  # (A + C) · a_den · b_den · c_den
    if denominator <= 0 or numerator <= 0:
        raise InvalidValue(
            "the shares outstanding and the consideration leave no meaningful price "
            f"(A + B = {outstanding + bought_at_fmv}, A + C = {outstanding + additional})",
            field="outstanding",
            clause="4.C(1)(b)",
        )
    return Fraction(numerator, denominator)


def rescaled(value: Fraction, changes: Iterable[tuple[Fraction, Fraction]]) -> Fraction:
    """``value`` with each ``old`` factor replaced by its ``new`` one: ``value × Π new / Π old``.

    The ratio ``Π new / Π old`` is formed in integers, its numerator and denominator each as
    a balanced tree of products (short by short, then longer by longer) that no common
    factor is taken out of on the way; it is reduced once, and the long exact price meets
    it once.  The result is the same exact value (``benchmarks/run.py`` measures the cost).
    """
    changed = [(old, new) for old, new in changes if new != old]
    if not changed:
        return value
    up = _tree_product([new.numerator * old.denominator for old, new in changed])
    down = _tree_product([new.denominator * old.numerator for old, new in changed])
    return value * Fraction(up, down)


def _tree_product(factors: list[int]) -> int:
    while len(factors) > 1:
        paired = [factors[i] * factors[i + 1] for i in range(0, len(factors) - 1, 2)]
        if len(factors) % 2:
            paired.append(factors[-1])
        factors = paired
    return factors[0]


@attrs.frozen
class WeightedAverageStep:
    """A 4.C(1) step of the price chain: ``factor = (A + B) / (A + C)``.

    ``grant`` names the rights whose deemed issue made it (4.C(3)/(4)); a
    ``clamped`` step was readjusted to "no adjustment would have been made" and
    keeps the factor 1 whatever ``A`` becomes.
    """

    adjustment: int
    factor: Fraction
    scale: Fraction
    #: ``A``, ``B`` and ``C`` of 4.C(1)(b), in the units of ``scale``
    outstanding: Fraction
    bought: Fraction
    additional: Fraction
    #: what it was tested against: the Current Fair Market Value, or under the terms'
    #: ``reference = "exercise-price"`` the Exercise Price in force before it
    fmv: Fraction
    #: whether ``A`` counted shares deemed issued (the reading in force)
    counts_deemed: bool = False
    grant: str | None = None
    clamped: bool = False
    #: the trigger of the terms it was made under: adjusted only below ``trigger × fmv``
    trigger: Fraction = Fraction(1)
    #: a full ratchet's step: the Effective Price the price fell to (its factor is that over
    #: the price before it, whatever ``A`` is: see :mod:`warrant.section4.c1_sequential`)
    ratchet_price: Fraction | None = None

    @property
    def live(self) -> bool:
        return self.counts_deemed

    def with_outstanding(self, outstanding: Fraction) -> WeightedAverageStep:
        """This step recomputed on a new ``A``; a clamped step stays at 1."""
        factor = (
            self.factor
            if self.clamped or self.ratchet_price is not None
            else weighted_average_factor(outstanding, self.bought, self.additional)
        )
        # Built directly, not with attrs.evolve: readjustments call this in a loop.
        return WeightedAverageStep(
            adjustment=self.adjustment, factor=factor, scale=self.scale, outstanding=outstanding,
            bought=self.bought, additional=self.additional, fmv=self.fmv,
            counts_deemed=self.counts_deemed, grant=self.grant, clamped=self.clamped,
            trigger=self.trigger, ratchet_price=self.ratchet_price,
        )
