"""SPEC §2 and §12 at the edges of the one door for exact numbers: every refusal names
the field and clause it was given, the bounds hold to the digit, and a figure shown for
the eye switches between fixed and scientific notation exactly where the rule says."""

from __future__ import annotations

from collections.abc import Callable
from decimal import ROUND_HALF_UP, Decimal, localcontext
from fractions import Fraction

import pytest

from warrant.ground.errors import FloatRefused, InvalidNumber, InvalidValue, QuantityTooLarge
from warrant.ground.exact import (
    MAX_DIGITS,
    MAX_EXPONENT,
    MAX_TEXT_DIGITS,
    non_negative,
    positive,
    shown,
    to_fraction,
)

CHECKS: list[Callable[..., Fraction]] = [to_fraction, positive, non_negative]

#: every way an input is refused before its sign is looked at, and the error it raises
REFUSED: list[tuple[object, type[Exception], str]] = [
    (True, InvalidNumber, "expected a number, got the boolean True"),
    (float("nan"), FloatRefused, "not a finite number: nan (and binary floating point is refused)"),
    (float("inf"), FloatRefused, "not a finite number: inf (and binary floating point is refused)"),
    (1.5, FloatRefused, "binary floating point is refused (1.5 is not exact)"),
    (Decimal("NaN"), InvalidNumber, "not a finite number: NaN"),
    (Decimal("1e10001"), QuantityTooLarge, "an exponent of 10,001 is out of range"),
    (Decimal("1" * 50_001), QuantityTooLarge, "written with 50,001 digits"),
    (Decimal("1e10000"), QuantityTooLarge, "its numerator has more than 10,000 digits"),
    (10**MAX_DIGITS, QuantityTooLarge, "its numerator has more than 10,000 digits"),
    (Fraction(1, 10**MAX_DIGITS), QuantityTooLarge, "its denominator has more than 10,000 digits"),
    ("1" + "0" * MAX_DIGITS, QuantityTooLarge, "its numerator has more than 10,000 digits"),
    ("1e10001", QuantityTooLarge, "an exponent of 10,001 is out of range"),
    ("1e" + "1" * 19, QuantityTooLarge, "an exponent of 19 digits is out of range"),
    ("1" * 50_001, QuantityTooLarge, "written with 50,001 digits"),
    ("1,5", InvalidNumber, "not an exact number: '1,5'"),
    ("one", InvalidNumber, "not an exact number: 'one'"),
    ("1/0", InvalidNumber, "not an exact number: '1/0' (division by zero)"),
    (object(), InvalidNumber, "expected int, str, Decimal or Fraction, got object"),
]


@pytest.mark.parametrize("check", CHECKS, ids=lambda check: check.__name__)
@pytest.mark.parametrize(
    ("value", "error", "message"), REFUSED, ids=[f"refusal-{n}" for n in range(len(REFUSED))]
)
def test_spec_12_every_refusal_names_the_field_and_clause_it_was_given(
    check: Callable[..., Fraction], value: object, error: type[Exception], message: str
) -> None:
    with pytest.raises(error) as raised:
        check(value, field="cash", clause="4.C(2)")
    assert isinstance(raised.value, InvalidValue)
    assert raised.value.field == "cash"
    assert raised.value.clause == "4.C(2)"
    assert raised.value.message.startswith(message)


def test_spec_12_a_quantity_named_nowhere_is_called_value() -> None:
    with pytest.raises(InvalidNumber) as raised:
        to_fraction("one")
    assert raised.value.field == "value"
    assert raised.value.clause is None


def test_spec_2_the_digit_bound_message_says_it_is_far_beyond_any_real_figure() -> None:
    with pytest.raises(QuantityTooLarge) as raised:
        to_fraction(Fraction(1, 10**MAX_DIGITS + 1))
    assert raised.value.message == (
        "its denominator has more than 10,000 digits, the most a quantity may have "
        "(far beyond any real figure)"
    )


def test_spec_2_written_bounds_hold_to_the_digit() -> None:
    # MAX_TEXT_DIGITS digits as written are accepted, one more is not (leading zeros
    # count: the bound is on what is read, before any arithmetic)
    assert to_fraction("0" * (MAX_TEXT_DIGITS - 1) + "7") == 7
    with pytest.raises(QuantityTooLarge):
        to_fraction("0" * MAX_TEXT_DIGITS + "7")
    # digits on both sides of the point, or of the line, count together
    with pytest.raises(QuantityTooLarge, match="written with 50,001 digits"):
        to_fraction("0." + "0" * (MAX_TEXT_DIGITS - 1) + "5")
    with pytest.raises(QuantityTooLarge, match="written with 50,001 digits"):
        to_fraction("1/" + "1" * MAX_TEXT_DIGITS)
    # an exponent of exactly MAX_EXPONENT either way is accepted
    assert to_fraction(f"0e{MAX_EXPONENT}") == 0
    assert to_fraction(f"0e-{MAX_EXPONENT}") == 0
    assert to_fraction(Decimal(f"0e{MAX_EXPONENT}")) == 0
    with pytest.raises(QuantityTooLarge, match="an exponent of 10,001 is out of range"):
        to_fraction(f"0e{MAX_EXPONENT + 1}")
    # an exponent written with 18 digits is read (and may be small); 19 are not read
    assert to_fraction("1e" + "0" * 17 + "2") == 100
    assert to_fraction("5e-" + "0" * 17 + "1") == Fraction(1, 2)


def test_spec_2_underscores_are_not_counted_as_digits() -> None:
    grouped = "_".join(["0" * 10] * (MAX_TEXT_DIGITS // 10 - 1) + ["0" * 9 + "3"])
    assert len(grouped.replace("_", "")) == MAX_TEXT_DIGITS
    assert to_fraction(grouped) == 3


def test_spec_2_a_decimal_with_a_negative_exponent_divides_by_both() -> None:
    assert to_fraction("1.5e-2") == Fraction(15, 1000)
    assert to_fraction("-2.25E-1") == Fraction(-225, 1000)
    assert to_fraction("1.5e2") == 150


def test_spec_2_positive_accepts_any_quantity_above_zero() -> None:
    assert positive("1/2", field="ratio") == Fraction(1, 2)
    assert positive(Fraction(1, 10**9), field="ratio") == Fraction(1, 10**9)
    with pytest.raises(InvalidValue, match="must be greater than zero, got 0"):
        positive(0, field="ratio")


def test_spec_2_non_negative_accepts_zero_and_refuses_below() -> None:
    assert non_negative(0, field="cash") == 0
    with pytest.raises(InvalidValue, match=r"must not be negative, got -1/3 \(≈-0.3333333333\)"):
        non_negative("-1/3", field="cash", clause="4.C(2)")


# --- shown: where a long figure switches to scientific notation ----------------------


def test_spec_2_shown_from_ten_to_the_36th_is_scientific() -> None:
    assert shown(10**36) == "≈1.000000000e+36"
    assert shown(10**36 - 1) == "≈999999999999999999999999999999999999.0000000000"


def test_spec_2_shown_below_one_ten_billionth_is_scientific() -> None:
    # a long figure (more than ``width`` characters) between the two bounds is fixed
    just_at = Fraction(1, 10**10)  # short: written exactly, unless the width is smaller
    assert shown(just_at) == "0.0000000001"
    assert shown(just_at, width=5) == "≈0.0000000001"
    tail = Fraction(1, 10**40)
    assert shown(Fraction(15, 10**11) + tail) == "≈0.0000000002"  # 1.5e-10: fixed
    assert shown(Fraction(5, 10**3) + tail) == "≈0.0050000000"
    assert shown(Fraction(5, 10**11) + tail) == "≈5.000000000e-11"  # below 1e-10
    long_ratio = Fraction(2**100 + 1, 3**70)  # about 0.000506, written as a long fraction
    assert len(f"{long_ratio.numerator}/{long_ratio.denominator}") > 32
    assert shown(long_ratio) == "≈" + _half_up(long_ratio, "0.0000000001")


def _half_up(value: Fraction, unit: str) -> str:
    """``value`` rounded half-up to ``unit`` the long way, by decimal division."""
    with localcontext() as context:
        context.prec = 200
        quotient = Decimal(value.numerator) / Decimal(value.denominator)
    return str(quotient.quantize(Decimal(unit), rounding=ROUND_HALF_UP))


def test_spec_2_scientific_rounds_once_to_the_shown_digits() -> None:
    # ten significant digits: nine decimals of the mantissa, rounded half-up once
    assert shown(Fraction(12345678904999, 10**13) * 10**40) == "≈1.234567890e+40"
    assert shown(Fraction(12345678912, 10**10) * 10**40) == "≈1.234567891e+40"


@pytest.mark.parametrize("bits", [255, 256, 257, 400])
def test_spec_2_shown_a_huge_figure_of_long_parts_is_scientific_however_long(bits: int) -> None:
    # past 256 bits in both parts the figure is rounded from their leading bits, never
    # divided out; it is written in the same notation as a shorter figure of its size
    value = Fraction(3**600, 2 ** (bits - 1) + 3)
    assert value.denominator.bit_length() == bits
    with localcontext() as context:
        context.prec = 60
        context.rounding = ROUND_HALF_UP
        quotient = Decimal(value.numerator) / Decimal(value.denominator)
        mantissa, power = f"{quotient:.9e}".split("e")
    assert shown(value) == f"≈{mantissa}e{int(power):+d}"
