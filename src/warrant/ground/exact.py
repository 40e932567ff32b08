"""Exact numbers at the edge of the library (SPEC §2).

Inside, every money amount, price, ratio and share count is a
:class:`fractions.Fraction`.  This module is the one door in and out:

* :func:`to_fraction` accepts ``int``, ``str``, :class:`decimal.Decimal` and
  ``Fraction`` and refuses ``float`` (``1.94`` as a float is not 1.94);
* :func:`exact_str` writes a quantity back so that ``Fraction(text)`` gives the
  exact value again: a terminating decimal where there is one, else ``p/q``;
* :func:`round_half_up` rounds to N decimal places, half away from zero, for
  the edges that round (cash to a holder, a certificate's shown figures).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from decimal import Decimal
from fractions import Fraction
from typing import TYPE_CHECKING, Any, TypeAlias

import attrs

from warrant.ground.errors import FloatRefused, InvalidNumber, InvalidValue

#: What the library accepts wherever a quantity is expected.
Quantity: TypeAlias = int | str | Decimal | Fraction


def to_fraction(
    value: object, *, field: str = "value", clause: str | None = None
) -> Fraction:
    """Read ``value`` as an exact rational; refuse floats and anything inexact.

    ``field`` names the quantity in the error message, ``clause`` the provision
    that needs it.
    """
    if isinstance(value, bool):  # bool is an int subclass; True shares is a mistake
        raise InvalidNumber(
            f"expected a number, got the boolean {value!r}", field=field, clause=clause
        )
    if isinstance(value, Fraction):
        return value
    if isinstance(value, int):
        return Fraction(value)
    if isinstance(value, float):
        raise FloatRefused(
            f"binary floating point is refused ({value!r} is not exact); "
            f"write it as a string such as '{value!r}', a Decimal or a Fraction",
            field=field,
            clause=clause,
        )
    if isinstance(value, Decimal):
        if not value.is_finite():
            raise InvalidNumber(f"not a finite number: {value}", field=field, clause=clause)
        return Fraction(value)
    if isinstance(value, str):
        return _parse_text(value, field=field, clause=clause)
    raise InvalidNumber(
        f"expected int, str, Decimal or Fraction, got {type(value).__name__}",
        field=field,
        clause=clause,
    )


_GROUPED = re.compile(r"[+-]?\d{1,3}(,\d{3})+(\.\d+)?")


def _parse_text(text: str, *, field: str, clause: str | None) -> Fraction:
    cleaned = text.strip()  # Fraction itself decides which underscores are allowed
    if cleaned.startswith("$"):
        cleaned = cleaned[1:]
    # Thousands separators are common in legal papers ("1,969,693"); accept them
    # only in proper groups of three, so "1,5" is refused rather than read as 15.
    if "," in cleaned:
        if not _GROUPED.fullmatch(cleaned):
            raise InvalidNumber(f"not an exact number: {text!r}", field=field, clause=clause)
        cleaned = cleaned.replace(",", "")
    try:
        return Fraction(cleaned)  # accepts "1.94", "16000000/157", "1e3"; never "nan"/"inf"
    except (ValueError, ZeroDivisionError):
        raise InvalidNumber(f"not an exact number: {text!r}", field=field, clause=clause) from None


def positive(value: object, *, field: str, clause: str | None = None) -> Fraction:
    """A quantity that must be strictly greater than zero (share counts, ratios)."""
    number = to_fraction(value, field=field, clause=clause)
    if number <= 0:
        raise InvalidValue(
            f"must be greater than zero, got {exact_str(number)}", field=field, clause=clause
        )
    return number


def non_negative(value: object, *, field: str, clause: str | None = None) -> Fraction:
    """A quantity that may be zero but not negative (cash, expenses)."""
    number = to_fraction(value, field=field, clause=clause)
    if number < 0:
        raise InvalidValue(
            f"must not be negative, got {exact_str(number)}", field=field, clause=clause
        )
    return number


def terminates(value: Fraction) -> bool:
    """True when ``value`` has a finite decimal expansion (denominator 2^a·5^b)."""
    d = value.denominator
    d >>= (d & -d).bit_length() - 1  # strip the factors of 2 at once
    while d % 5 == 0:
        d //= 5
    return d == 1


def _int_str(number: int) -> str:
    """Decimal digits of any int, however long (``str`` refuses past the interpreter's
    4,300-digit limit, which a long chain of exact adjustments can reach)."""
    try:
        return str(number)
    except ValueError:
        if number < 0:
            return "-" + _int_str(-number)
        half = int(number.bit_length() * 0.30103) // 2  # about half the digits
        high, low = divmod(number, 10**half)
        return _int_str(high) + _int_str(low).rjust(half, "0")


def shown(value: Fraction | int, places: int = 10) -> str:
    """For people: the exact value where it is short, else rounded and marked ``≈``
    (records and JSON always carry the exact value)."""
    value = Fraction(value)
    drop = min(abs(value.numerator).bit_length(), value.denominator.bit_length()) - 256
    if drop > 0:
        # Far too long to read, and dividing it out exactly costs time quadratic in its
        # length: round from the leading bits of both parts (relative error < 2^-250).
        value = Fraction(value.numerator >> drop, value.denominator >> drop)
        return f"≈{fixed_str(value, places)}"
    text = exact_str(value)
    return text if len(text) <= 32 else f"≈{fixed_str(value, places)}"


def exact_str(value: Fraction | int) -> str:
    """The exact value as text: ``"1.903625"`` where it terminates, else ``"16000000/157"``.

    ``Fraction(exact_str(x)) == x`` for every rational ``x``.
    """
    value = Fraction(value)
    if value.denominator == 1:
        return _int_str(value.numerator)
    if not terminates(value):
        return f"{_int_str(value.numerator)}/{_int_str(value.denominator)}"
    # d = 2^a·5^b: scale by 10^max(a, b) to reach an integer, in one step.
    d = value.denominator
    twos = (d & -d).bit_length() - 1
    fives = 0
    while d % 5 == 0:
        d //= 5
        fives += 1
    places = max(twos, fives)
    scaled = value.numerator * 10**places // value.denominator
    sign = "-" if scaled < 0 else ""
    digits = _int_str(abs(scaled)).rjust(places + 1, "0")
    return f"{sign}{digits[:-places]}.{digits[-places:]}"


def round_half_up(value: Fraction | int, places: int) -> Fraction:
    """Round to ``places`` decimals, halves away from zero (cash to the cent: ``places=2``)."""
    if places < 0:
        raise InvalidValue(f"places must be >= 0, got {places}", field="places")
    value = Fraction(value)
    scale = 10**places
    scaled = abs(value) * scale
    whole = int(scaled)  # floor for a non-negative rational
    if scaled - whole >= Fraction(1, 2):
        whole += 1
    result = Fraction(whole, scale)
    return -result if value < 0 else result


def fixed_str(value: Fraction | int, places: int) -> str:
    """``value`` rounded half-up and written with exactly ``places`` decimals."""
    rounded = round_half_up(value, places)
    if places == 0:
        return str(rounded.numerator)
    scaled = abs(rounded * 10**places).numerator
    digits = str(scaled).rjust(places + 1, "0")
    sign = "-" if rounded < 0 else ""
    return f"{sign}{digits[:-places]}.{digits[-places:]}"


def decimal_places(text: str) -> int:
    """How many decimals a figure was written with ("1.9036" → 4, "2" → 0)."""
    cleaned = text.strip()
    if "." not in cleaned:
        return 0
    return len(cleaned.split(".", 1)[1])


# attrs converters that read a field's input as an exact quantity and name the
# field (and its clause, from the field's metadata) in any error.
def clause(reference: str) -> dict[str, str]:
    """Field metadata naming the clause a quantity belongs to (used in error messages)."""
    return {"clause": reference}


def _converter(
    check: Callable[..., Fraction], *, optional: bool = False
) -> attrs.Converter[Any, Any]:
    def convert(value: object, _self: object, field: attrs.Attribute[Any]) -> Fraction | None:
        if optional and value is None:
            return None
        return check(value, field=field.name, clause=field.metadata.get("clause"))

    return attrs.Converter(convert, takes_self=True, takes_field=True)


if TYPE_CHECKING:
    # mypy's attrs plugin reads a converter's types only from a named function, and
    # the converters are ``attrs.Converter`` objects (they need the field, to name it
    # in errors).  These signatures are what mypy sees: a field takes any input,
    # because the converter is the check (a float or a bad string is refused there,
    # naming the field), and holds a Fraction.
    def POSITIVE(value: object) -> Fraction: ...
    def NON_NEGATIVE(value: object) -> Fraction: ...
    def OPTIONAL_POSITIVE(value: object) -> Fraction | None: ...
    def OPTIONAL_NON_NEGATIVE(value: object) -> Fraction | None: ...
else:
    POSITIVE = _converter(positive)
    NON_NEGATIVE = _converter(non_negative)
    OPTIONAL_POSITIVE = _converter(positive, optional=True)
    OPTIONAL_NON_NEGATIVE = _converter(non_negative, optional=True)
