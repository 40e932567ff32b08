"""The weighted-average formula of 4.C(1) and the Effective Price of 4.C(5).

With ``P`` the Exercise Price before, ``A`` the shares outstanding immediately
before the issue (what ``A`` counts is a reading, see
:class:`~warrant.readings.OutstandingBasis`), ``B`` the shares the aggregate
consideration would buy at the Current Fair Market Value, and ``C`` the
Additional Shares issued or deemed issued:

* 4.C(1)(b): the new price is ``P × (A + B) / (A + C)``;
* 4.C(1)(a): the shares receivable become ``S × P / P'``, so ``S × P`` — the
  aggregate exercise price — never changes.

Nothing here rounds.
"""

from __future__ import annotations

from collections.abc import Iterable
from fractions import Fraction

from warrant.errors import InvalidValue


def effective_price(consideration: Fraction, additional_shares: Fraction) -> Fraction:
    """Aggregate consideration divided by the Additional Shares (4.C(5), last sentence)."""
    if additional_shares <= 0:
        raise InvalidValue("no Additional Shares to price", field="shares", clause="4.C(5)")
    return consideration / additional_shares


def shares_bought_at_fmv(consideration: Fraction, fmv: Fraction) -> Fraction:
    """``B``: the shares the aggregate consideration would buy at the Current FMV (4.C(1)(b)(i)(b))."""
    if fmv <= 0:
        raise InvalidValue("the Current Fair Market Value must be positive", field="fmv", clause="4.C(1)")
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


def adjusted_shares(shares: Fraction, price_before: Fraction, price_after: Fraction) -> Fraction:
    """4.C(1)(a): the shares receivable grow in inverse proportion to the price."""
    return shares * price_before / price_after


def product(factors: Iterable[Fraction]) -> Fraction:
    """The exact product of many fractions, multiplied pairwise as a balanced tree and
    reduced once: a readjustment that recomputes many later steps stays cheap."""
    factors = list(factors)
    numerators = [factor.numerator for factor in factors]
    denominators = [factor.denominator for factor in factors]
    if not numerators:
        return Fraction(1)
    return Fraction(_tree_product(numerators), _tree_product(denominators))


def _tree_product(numbers: list[int]) -> int:
    while len(numbers) > 1:
        paired = [numbers[i] * numbers[i + 1] for i in range(0, len(numbers) - 1, 2)]
        if len(numbers) % 2:
            paired.append(numbers[-1])
        numbers = paired
    return numbers[0]
