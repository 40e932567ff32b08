"""4.C(1)(b)'s formula and 4.C(5)'s Effective Price on their own: the figures worked by
hand, and the refusals of figures that leave no meaningful price, with field and clause."""

from __future__ import annotations

from fractions import Fraction as F

import pytest

from warrant.ground.errors import InvalidValue
from warrant.section4.c1_formula import (
    WeightedAverageStep,
    effective_price,
    rescaled,
    shares_bought_at_fmv,
    weighted_average_factor,
)


def test_4c5_effective_price_is_the_consideration_per_additional_share() -> None:
    assert effective_price(F(300), F(200)) == F(3, 2)
    assert effective_price(F(1), F(1, 2)) == 2


def test_4c5_no_additional_shares_leave_nothing_to_price() -> None:
    with pytest.raises(InvalidValue) as raised:
        effective_price(F(300), F(0))
    error = raised.value
    assert (error.message, error.field, error.clause) == (
        "no Additional Shares to price", "shares", "4.C(5)"
    )


def test_4c1_b_shares_bought_at_fmv() -> None:
    assert shares_bought_at_fmv(F(3000), F(3, 2)) == 2000
    with pytest.raises(InvalidValue) as raised:
        shares_bought_at_fmv(F(3000), F(0))
    error = raised.value
    assert (error.message, error.field, error.clause) == (
        "the Current Fair Market Value must be positive", "fmv", "4.C(1)"
    )


@pytest.mark.parametrize(
    ("a", "b", "c", "factor"),
    [
        (F(1000), F(100), F(200), F(1100, 1200)),
        (F(1, 3), F(1, 7), F(2, 5), (F(1, 3) + F(1, 7)) / (F(1, 3) + F(2, 5))),
        (F(0), F(1), F(1), F(1)),  # A + B = A + C = 1: the smallest meaningful figures
        (F(1), F(0), F(1), F(1, 2)),  # A + B = 1
    ],
)
def test_4c1_b_the_factor_is_a_plus_b_over_a_plus_c(a: F, b: F, c: F, factor: F) -> None:
    assert weighted_average_factor(a, b, c) == factor


@pytest.mark.parametrize(
    ("a", "b", "c", "sums"),
    [
        (F(10), F(-20), F(5), "A + B = -10, A + C = 15"),  # A + B below zero
        (F(0), F(0), F(5), "A + B = 0, A + C = 5"),  # A + B zero
        (F(0), F(5), F(0), "A + B = 5, A + C = 0"),  # A + C zero
        (F(10), F(5), F(-30), "A + B = 15, A + C = -20"),  # A + C below zero
    ],
)
def test_4c1_b_figures_with_no_meaningful_price_are_refused(a: F, b: F, c: F, sums: str) -> None:
    with pytest.raises(InvalidValue) as raised:
        weighted_average_factor(a, b, c)
    error = raised.value
    assert error.message == (
        f"the shares outstanding and the consideration leave no meaningful price ({sums})"
    )
    assert (error.field, error.clause) == ("outstanding", "4.C(1)(b)")


def test_4c1_rescaling_replaces_every_changed_factor() -> None:
    changes = [(F(1), F(2)), (F(1), F(3)), (F(1), F(5)), (F(1), F(7)), (F(11), F(11))]
    assert rescaled(F(1, 2), changes) == F(2 * 3 * 5 * 7, 2)
    assert rescaled(F(3), [(F(2), F(1)), (F(4), F(1)), (F(1), F(8))]) == 3
    assert rescaled(F(3), []) == 3


def test_4c3_a_step_recomputed_on_a_new_a_keeps_what_it_was_about() -> None:
    step = WeightedAverageStep(
        adjustment=4, factor=F(1100, 1200), scale=F(2), outstanding=F(1000), bought=F(100),
        additional=F(200), fmv=F(3), counts_deemed=True, grant="g",
    )
    after = step.with_outstanding(F(400))
    assert after == WeightedAverageStep(
        adjustment=4, factor=F(500, 600), scale=F(2), outstanding=F(400), bought=F(100),
        additional=F(200), fmv=F(3), counts_deemed=True, grant="g",
    )
    clamped = WeightedAverageStep(
        adjustment=4, factor=F(1), scale=F(1), outstanding=F(1000), bought=F(100),
        additional=F(200), fmv=F(3), clamped=True,
    )
    assert clamped.with_outstanding(F(400)).factor == 1
