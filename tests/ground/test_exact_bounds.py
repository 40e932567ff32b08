"""The bounds on a quantity read in (SPEC §2, §12), and figures past the interpreter's
digit limit written out.

A quantity is refused, naming its field, when it has more than ``MAX_DIGITS``
digits above or below the line, or is written with more than ``MAX_TEXT_DIGITS``
digits or an exponent beyond ``MAX_EXPONENT`` — before any arithmetic, so a
30-byte figure cannot make the library compute for minutes.  Whatever is
accepted is written back in a form that is accepted again.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from decimal import Decimal
from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

from warrant.ground.errors import InvalidNumber, InvalidValue, QuantityTooLarge
from warrant.ground.exact import (
    MAX_DIGITS,
    MAX_EXPONENT,
    MAX_TEXT_DIGITS,
    exact_str,
    fixed_str,
    non_negative,
    positive,
    shown,
    to_fraction,
)


@pytest.fixture
def low_digit_limit() -> Iterator[None]:
    """The interpreter's int/str digit limit at its lowest (640): a figure the library
    writes or reads must not depend on it."""
    before = sys.get_int_max_str_digits()
    sys.set_int_max_str_digits(640)
    try:
        yield
    finally:
        sys.set_int_max_str_digits(before)


def test_spec_2_bounds_are_far_above_any_real_figure() -> None:
    assert MAX_DIGITS >= 10_000  # a register of 100,000 events builds about 5,000
    assert MAX_TEXT_DIGITS >= 43_300  # what exact_str writes for (10**10000-1)/2**33219
    assert MAX_EXPONENT >= MAX_DIGITS


# -- refused at once: huge exponents -------------------------------------------


@pytest.mark.parametrize("text", ["1e99999999", "1E99999999", "-1e99999999", "1e-99999999",
                                  "1e" + "9" * 5000, "2.5e1000000000"])
def test_spec_2_huge_exponent_in_text_refused_naming_field(text: str) -> None:
    with pytest.raises(QuantityTooLarge) as caught:
        to_fraction(text, field="cash", clause="4.C(2)(i)")
    assert caught.value.field == "cash"
    assert caught.value.clause == "4.C(2)(i)"
    assert "exponent" in caught.value.message


@pytest.mark.parametrize("number", [Decimal("1e1000000000"), Decimal("1e-999999999"),
                                    Decimal("-7e99999999")])
def test_spec_2_huge_exponent_in_decimal_refused_naming_field(number: Decimal) -> None:
    # TOML and JSON floats arrive as Decimal: `1e1000000000` in a file is this.
    with pytest.raises(QuantityTooLarge) as caught:
        to_fraction(number, field="ratio", clause="4.E")
    assert caught.value.field == "ratio"


def test_spec_2_too_many_written_digits_refused() -> None:
    with pytest.raises(QuantityTooLarge) as caught:
        to_fraction("1" * (MAX_TEXT_DIGITS + 1), field="shares")
    assert caught.value.field == "shares"
    assert f"{MAX_TEXT_DIGITS:,}" in caught.value.message


# -- the value bound -----------------------------------------------------------


@pytest.mark.parametrize(
    "value",
    ["1e10000", "-1e10000", "1/1" + "0" * 10_000, 10**10_000, Fraction(1, 10**10_000),
     Decimal("1e10000"), "0." + "0" * 9_999 + "1"],
    ids=["text", "negative", "p/q", "int", "Fraction", "Decimal", "tiny decimal"],
)
def test_spec_2_more_than_max_digits_refused(value: object) -> None:
    with pytest.raises(QuantityTooLarge) as caught:
        to_fraction(value, field="shares", clause="4.C(1)")
    assert caught.value.field == "shares"
    assert f"{MAX_DIGITS:,} digits" in caught.value.message


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("1e9999", Fraction(10**9_999)),
        ("9" * 10_000, Fraction(10**10_000 - 1)),
        ("1/" + "9" * 10_000, Fraction(1, 10**10_000 - 1)),
        ("1e-9999", Fraction(1, 10**9_999)),
        (Decimal("1e9999"), Fraction(10**9_999)),
        ("1_000", Fraction(1000)),
    ],
)
def test_spec_2_up_to_max_digits_accepted_exactly(value: object, expected: Fraction) -> None:
    assert to_fraction(value) == expected


def test_spec_12_zero_denominator_refused() -> None:
    with pytest.raises(InvalidNumber) as caught:
        to_fraction("5/0", field="ratio")
    assert caught.value.field == "ratio"


# -- what is accepted round-trips (SPEC §11 invariant 10) -----------------------


@pytest.mark.parametrize(
    "value",
    [
        Fraction(1, 2**33_219),  # the longest decimal within the bound: 33,219 places
        Fraction(10**10_000 - 1, 2**33_219),
        Fraction(10**10_000 - 1, 5**14_306),
        Fraction(-(10**10_000 - 1)),
        Fraction(10**10_000 - 1, 10**10_000 - 3),
    ],
)
def test_spec_11_10_extreme_accepted_values_are_written_back_readably(value: Fraction) -> None:
    accepted = to_fraction(value)
    assert to_fraction(exact_str(accepted)) == value


@given(
    numerator=st.integers(min_value=-(10**MAX_DIGITS) + 1, max_value=10**MAX_DIGITS - 1),
    twos=st.integers(min_value=0, max_value=3321),
    fives=st.integers(min_value=0, max_value=1430),
)
def test_spec_11_10_every_accepted_decimal_round_trips(
    numerator: int, twos: int, fives: int
) -> None:
    denominator = 2**twos * 5**fives
    if denominator >= 10**MAX_DIGITS:
        return
    value = Fraction(numerator, denominator)
    assert to_fraction(exact_str(to_fraction(value))) == value


# -- written out past the interpreter's digit limit ----------------------------


def test_spec_2_figures_written_whatever_the_interpreter_digit_limit(low_digit_limit: None) -> None:
    big = Fraction(10**999 + 7)
    assert exact_str(big) == "1" + "0" * 995 + "0007"
    assert fixed_str(big, 2) == "1" + "0" * 995 + "0007.00"
    assert to_fraction("1" + "0" * 995 + "0007") == big


def test_spec_2_shown_writes_a_huge_figure_in_scientific_notation() -> None:
    # An exact chain of adjustments can reach any size; people see it rounded.
    assert shown(Fraction(10) ** 5000) == "≈1.000000000e+5000"
    assert shown(-Fraction(2, 3) * 10**40) == "≈-6.666666667e+39"
    assert shown(Fraction(99999999999) * 10**30) == "≈1.000000000e+41"
    assert shown(Fraction(1, 3) * Fraction(1, 10**40)) == "≈3.333333333e-41"


def test_spec_2_shown_leaves_short_figures_exact() -> None:
    assert shown(Fraction("1.903625")) == "1.903625"
    # a short fraction stays exact, its value rounded beside it
    assert shown(Fraction(16_000_000, 157)) == "16000000/157 (≈101910.8280254777)"


def test_spec_12_refusal_messages_stay_one_short_line() -> None:
    # The refusal used to print every digit of the figure it refused.
    for check in (positive, non_negative):
        with pytest.raises(InvalidValue) as caught:
            check("-" + "9" * 999, field="cash")
        assert len(caught.value.message) < 100
        assert caught.value.field == "cash"


def test_spec_2_scientific_notation_rounds_once_to_ten_significant_digits() -> None:
    # 1.000000006e40 keeps its tenth digit; 1.0000000004951e40 rounds down at the tenth
    # digit, where rounding first to more digits would round it up (half-up twice).
    assert shown(Fraction(1_000_000_006) * 10**31) == "≈1.000000006e+40"
    assert shown(Fraction(10_000_000_004_951) * 10**27) == "≈1.000000000e+40"
    assert shown(-Fraction(10_000_000_004_951) * 10**27) == "≈-1.000000000e+40"
