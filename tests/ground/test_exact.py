"""Exact numbers at the edge (SPEC §2): reading quantities in, writing them out, rounding.

Every expected value is written by hand as a ``Fraction`` (or text) in the test.
"""

from __future__ import annotations

import math
import re
from decimal import Decimal
from fractions import Fraction

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import warrant
from warrant.ground.errors import FloatRefused, InvalidNumber, InvalidValue, WarrantError
from warrant.ground.exact import (
    decimal_places,
    exact_str,
    fixed_str,
    non_negative,
    positive,
    round_half_up,
    shown,
    terminates,
    to_fraction,
)

# -- to_fraction: what is accepted, exactly ------------------------------------


@pytest.mark.parametrize(
    ("given_value", "expected"),
    [
        (194, Fraction(194)),
        (0, Fraction(0)),
        (-3, Fraction(-3)),
        ("1.94", Fraction(97, 50)),
        ("  1.94 ", Fraction(97, 50)),
        (Decimal("1.94"), Fraction(97, 50)),
        (Fraction(97, 50), Fraction(97, 50)),
        ("16000000/157", Fraction(16_000_000, 157)),
        ("1,969,693", Fraction(1_969_693)),
        ("1,000.5", Fraction(2001, 2)),
        ("$1.94", Fraction(97, 50)),
        ("1.903625", Fraction(1_903_625, 1_000_000)),
        ("-0.005", Fraction(-1, 200)),
        ("1e3", Fraction(1000)),
        ("0.1", Fraction(1, 10)),
    ],
)
def test_spec_2_to_fraction_reads_exactly(given_value: object, expected: Fraction) -> None:
    result = to_fraction(given_value)
    assert type(result) is Fraction
    assert result == expected


def test_spec_2_decimal_one_point_nine_four_is_exactly_97_over_50() -> None:
    # A float 1.94 is not 1.94; a Decimal or a string is.
    assert to_fraction(Decimal("1.94")) == Fraction(194, 100)
    assert to_fraction("1.94") != Fraction(1.94)


def test_spec_2_to_fraction_is_exported_at_top_level() -> None:
    assert warrant.to_fraction("1.94") == Fraction(97, 50)


def test_spec_2_float_refused_names_field_and_how_to_write_it() -> None:
    with pytest.raises(FloatRefused) as caught:
        to_fraction(1.94, field="exercise_price", clause="preamble")
    error = caught.value
    assert error.field == "exercise_price"
    assert error.clause == "preamble"
    text = str(error)
    assert "exercise_price" in text
    assert "preamble" in text
    # It says how to write the figure instead: as a string (quoted), a Decimal or a Fraction.
    assert "'1.94'" in text
    assert "string" in text
    assert "Decimal" in text
    assert "Fraction" in text


def test_spec_2_float_refused_is_a_type_error_and_an_invalid_number() -> None:
    with pytest.raises(FloatRefused) as caught:
        to_fraction(0.5)
    assert isinstance(caught.value, TypeError)
    assert isinstance(caught.value, InvalidNumber)
    assert isinstance(caught.value, WarrantError)


def test_spec_2_float_refused_even_when_integral() -> None:
    with pytest.raises(FloatRefused):
        to_fraction(2.0, field="shares")


@pytest.mark.parametrize("flag", [True, False])
def test_spec_2_bool_refused(flag: bool) -> None:
    with pytest.raises(InvalidNumber) as caught:
        to_fraction(flag, field="shares")
    assert caught.value.field == "shares"
    assert "boolean" in str(caught.value)


@pytest.mark.parametrize(
    "text",
    [
        "nan",
        "NaN",
        "inf",
        "-inf",
        "Infinity",
        "1,5",
        "1,0000",
        ",100",
        "abc",
        "",
        "  ",
        "1/0",
        "1.9.4",
        "one",
        "1.94 dollars",
        "--1",
    ],
)
def test_spec_2_garbage_text_refused_and_named(text: str) -> None:
    with pytest.raises(InvalidNumber) as caught:
        to_fraction(text, field="price", clause="4.C(2)")
    assert caught.value.field == "price"
    assert caught.value.clause == "4.C(2)"
    assert repr(text) in str(caught.value)


@pytest.mark.parametrize(
    "number", [Decimal("nan"), Decimal("sNaN"), Decimal("inf"), Decimal("-Infinity")]
)
def test_spec_2_non_finite_decimal_refused(number: Decimal) -> None:
    with pytest.raises(InvalidNumber) as caught:
        to_fraction(number, field="cash")
    assert caught.value.field == "cash"


@pytest.mark.parametrize("thing", [None, [1], (1, 2), {"a": 1}, complex(1, 0), b"1.94"])
def test_spec_2_other_types_refused(thing: object) -> None:
    with pytest.raises(InvalidNumber) as caught:
        to_fraction(thing, field="shares")
    assert caught.value.field == "shares"
    assert type(thing).__name__ in str(caught.value)


def test_spec_2_comma_in_wrong_place_not_read_as_fifteen() -> None:
    # "1,5" must not become 15 (nor 1.5).
    with pytest.raises(InvalidNumber):
        to_fraction("1,5")


@pytest.mark.parametrize("text", ["1__0", "_5_", "1_.5"])
def test_spec_2_misplaced_underscores_refused(text: str) -> None:
    with pytest.raises(InvalidNumber):
        to_fraction(text)


# -- exact_str ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "text"),
    [
        (Fraction(1_903_625, 1_000_000), "1.903625"),
        (Fraction(16_000_000, 157), "16000000/157"),
        (Fraction(97, 50), "1.94"),
        (Fraction(3, 2), "1.5"),
        (Fraction(7), "7"),
        (0, "0"),
        (12, "12"),
        (Fraction(-1, 2), "-0.5"),
        (Fraction(-1, 200), "-0.005"),
        (Fraction(1, 1024), "0.0009765625"),
        (Fraction(1, 3), "1/3"),
        (Fraction(-2, 3), "-2/3"),
        (Fraction(6_289_577, 3_400_000), "6289577/3400000"),
    ],
)
def test_spec_2_exact_str_writes_decimal_or_p_over_q(value: Fraction, text: str) -> None:
    assert exact_str(value) == text
    assert Fraction(text) == value


def _terminates_by_hand(value: Fraction) -> bool:
    # A reduced denominator 2^a·5^b has a, b <= its bit length, so it divides 10^bits.
    d = value.denominator
    return (10 ** d.bit_length()) % d == 0


@settings(max_examples=300)
@given(st.fractions())
def test_spec_2_exact_str_round_trips(value: Fraction) -> None:
    text = exact_str(value)
    assert Fraction(text) == value
    if _terminates_by_hand(value):
        assert re.fullmatch(r"-?\d+(\.\d*[1-9])?", text), text
        assert Fraction(Decimal(text)) == value
    else:
        assert text == f"{value.numerator}/{value.denominator}"


@settings(max_examples=200)
@given(st.integers(min_value=-(10**12), max_value=10**12), st.integers(0, 12), st.integers(0, 6))
def test_spec_2_exact_str_of_terminating_decimals_has_no_slash(
    numerator: int, twos: int, fives: int
) -> None:
    value = Fraction(numerator, 2**twos * 5**fives)
    text = exact_str(value)
    assert "/" not in text
    assert Fraction(text) == value
    assert terminates(value)


def test_spec_2_exact_str_is_exported_at_top_level() -> None:
    assert warrant.exact_str(Fraction(16_000_000, 157)) == "16000000/157"


# -- rounding at the edges -------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "places", "expected"),
    [
        (Fraction("1.903625"), 4, Fraction(19036, 10_000)),
        (Fraction("1.90365"), 4, Fraction(19037, 10_000)),  # a half goes up
        (Fraction("0.005"), 2, Fraction(1, 100)),
        (Fraction("0.004999"), 2, Fraction(0)),
        (Fraction("0.015"), 2, Fraction(2, 100)),
        (Fraction("-0.005"), 2, Fraction(-1, 100)),  # half away from zero, as documented
        (Fraction("-0.004999"), 2, Fraction(0)),
        (Fraction("-1.25"), 1, Fraction(-13, 10)),
        (Fraction(1, 3), 4, Fraction(3333, 10_000)),
        (Fraction(2, 3), 4, Fraction(6667, 10_000)),
        (Fraction(5, 2), 0, Fraction(3)),
        (Fraction(-5, 2), 0, Fraction(-3)),
        (Fraction(16_000_000, 157), 3, Fraction(101_910_828, 1000)),
        (7, 2, Fraction(7)),
    ],
)
def test_spec_2_round_half_up(value: Fraction, places: int, expected: Fraction) -> None:
    assert round_half_up(value, places) == expected


def test_spec_2_round_half_up_module_documents_half_away_from_zero() -> None:
    # The test above asserts -0.005 -> -0.01; make sure that is the documented rule.
    doc = (round_half_up.__doc__ or "") + (warrant.ground.exact.__doc__ or "")
    assert "away from zero" in doc


def test_spec_2_round_half_up_refuses_negative_places() -> None:
    with pytest.raises(InvalidValue) as caught:
        round_half_up(Fraction(1, 3), -1)
    assert caught.value.field == "places"


@settings(max_examples=300)
@given(st.fractions(min_value=-(10**6), max_value=10**6), st.integers(0, 6))
def test_spec_2_round_half_up_matches_floor_of_x_plus_half(value: Fraction, places: int) -> None:
    scale = 10**places
    # By hand: round |x| half up with floor(|x|·10^p + 1/2), then restore the sign.
    magnitude = Fraction(math.floor(abs(value) * scale + Fraction(1, 2)), scale)
    expected = magnitude if value >= 0 else -magnitude
    result = round_half_up(value, places)
    assert result == expected
    assert (result * scale).denominator == 1
    assert abs(result - value) <= Fraction(1, 2 * scale)
    assert round_half_up(-value, places) == -result


@pytest.mark.parametrize(
    ("value", "places", "text"),
    [
        (Fraction("1.903625"), 4, "1.9036"),
        (Fraction(16_000_000, 157), 3, "101910.828"),
        (Fraction(1, 3), 4, "0.3333"),
        (Fraction(2), 2, "2.00"),
        (Fraction("0.005"), 2, "0.01"),
        (Fraction("0.004999"), 2, "0.00"),
        (Fraction("-0.005"), 2, "-0.01"),
        (Fraction("-0.004"), 2, "0.00"),  # no "-0.00"
        (Fraction(5, 2), 0, "3"),
        (Fraction("0.05"), 4, "0.0500"),
    ],
)
def test_spec_2_fixed_str(value: Fraction, places: int, text: str) -> None:
    assert fixed_str(value, places) == text


@pytest.mark.parametrize(
    ("text", "places"),
    [("1.9036", 4), ("2", 0), ("1.50", 2), (" 1.94 ", 2), ("101910.828", 3), ("0.", 0)],
)
def test_decimal_places_counts_written_decimals(text: str, places: int) -> None:
    assert decimal_places(text) == places


# -- positive / non_negative -----------------------------------------------------


@pytest.mark.parametrize("bad", [0, -1, "-0.01", Fraction(-1, 3)])
def test_positive_refuses_zero_and_negative_naming_field_and_clause(bad: object) -> None:
    with pytest.raises(InvalidValue) as caught:
        positive(bad, field="shares", clause="4.C(1)")
    error = caught.value
    assert error.field == "shares"
    assert error.clause == "4.C(1)"
    assert "shares" in str(error)
    assert "4.C(1)" in str(error)
    assert "greater than zero" in str(error)


def test_positive_accepts_and_converts() -> None:
    assert positive("1,000", field="shares") == Fraction(1000)


def test_positive_refuses_float_with_float_refused() -> None:
    with pytest.raises(FloatRefused) as caught:
        positive(1.5, field="ratio", clause="4.D")
    assert caught.value.field == "ratio"


@pytest.mark.parametrize("bad", [-1, "-0.01", Fraction(-1, 3)])
def test_non_negative_refuses_negative_naming_field_and_clause(bad: object) -> None:
    with pytest.raises(InvalidValue) as caught:
        non_negative(bad, field="expenses", clause="4.C(2)")
    error = caught.value
    assert error.field == "expenses"
    assert error.clause == "4.C(2)"
    assert "expenses" in str(error)
    assert "4.C(2)" in str(error)
    assert "negative" in str(error)


def test_non_negative_accepts_zero() -> None:
    assert non_negative(0, field="expenses") == Fraction(0)
    assert non_negative("0.00", field="expenses") == Fraction(0)


def test_spec_2_shown_in_a_table_rounds_fractions_and_marks_them_like_the_reasons():
    # 16,000,000 / 157 = 101910.8280254777…: a fraction is not a short decimal in a table
    assert shown(Fraction(16_000_000, 157), 6, width=14, fractions=False) == "≈101910.828025"
    assert shown(Fraction(16_000_000, 157)) == "16000000/157 (≈101910.8280254777)"  # in reasons
    assert shown(Fraction("1.903625"), 6, width=14, fractions=False) == "1.903625"
    # one mark for rounding everywhere
    assert shown(Fraction(1, 3), 6, width=14, fractions=False).startswith("≈")
