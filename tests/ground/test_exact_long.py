"""Exact strings of very long numbers (past the interpreter's 4,300-digit limit on ``str``)
and where ``shown`` stops writing the exact value for people (SPEC §2)."""

from __future__ import annotations

from fractions import Fraction

import pytest

from warrant.ground.exact import exact_str, shown

#: 10^5000 + 7: the low half of its digits starts with zeros, so a split that dropped
#: the padding would lose them.
LONG = 10**5000 + 7
LONG_TEXT = "1" + "0" * 4999 + "7"


def test_spec_2_exact_str_of_an_integer_past_4300_digits():
    assert exact_str(LONG) == LONG_TEXT
    assert len(exact_str(LONG)) == 5001


def test_spec_2_exact_str_of_a_negative_integer_past_4300_digits():
    assert exact_str(-LONG) == "-" + LONG_TEXT


def test_spec_2_exact_str_of_a_long_fraction_that_does_not_terminate():
    assert exact_str(Fraction(LONG, 3)) == LONG_TEXT + "/3"
    assert exact_str(Fraction(3, LONG)) == "3/" + LONG_TEXT
    assert exact_str(Fraction(-3, LONG)) == "-3/" + LONG_TEXT


def test_spec_2_exact_str_of_a_long_terminating_decimal():
    # (10^5000 + 7) / 8 = 125 × 10^4997 + 0.875
    assert exact_str(Fraction(LONG, 8)) == "125" + "0" * 4997 + ".875"
    assert exact_str(Fraction(-LONG, 8)) == "-125" + "0" * 4997 + ".875"


def test_spec_2_exact_str_of_a_tiny_terminating_decimal():
    # 7 / 10^5000: a decimal point, 4,999 zeros, then 7
    assert exact_str(Fraction(7, 10**5000)) == "0." + "0" * 4999 + "7"


@pytest.mark.parametrize(
    "value, text",
    [
        (Fraction(10**31), "1" + "0" * 31),  # 32 characters: written exactly
        (Fraction(-(10**30)), "-1" + "0" * 30),  # 32 with the sign
        (
            Fraction(10**15 + 1, 3 * 10**14 + 7),
            "1000000000000001/300000000000007 (≈3.3333333333)",
        ),  # 32, and its value
        # 33 characters: 33.33333333332556… rounded to ten places
        (Fraction(10**16 + 1, 3 * 10**14 + 7), "≈33.3333333333"),
    ],
)
def test_spec_2_shown_writes_the_exact_value_up_to_32_characters(value, text):
    assert shown(value) == text


def test_spec_2_shown_rounds_a_number_too_long_to_divide_out():
    # 1/3 with numerator and denominator of some 400 bits
    value = Fraction(10**120 + 1, 3 * 10**120 + 4)
    assert value.denominator.bit_length() > 256
    assert shown(value) == "≈0.3333333333"
    assert shown(value, places=4) == "≈0.3333"
