"""Exact numbers at the edge of the library (SPEC §2).

Inside, every money amount, price, ratio and share count is a
:class:`fractions.Fraction`.  This module is the one door in and out:

* :func:`to_fraction` accepts ``int``, ``str``, :class:`decimal.Decimal` and
  ``Fraction`` and refuses ``float`` (``1.94`` as a float is not 1.94);
* :func:`exact_str` writes a quantity back so that ``Fraction(text)`` gives the
  exact value again: a terminating decimal where there is one, else ``p/q``;
* :func:`round_half_up` rounds to N decimal places, half away from zero, for
  the edges that round (cash to a holder, a certificate's shown figures).

A quantity read in is bounded (:data:`MAX_DIGITS` digits above and below the
line, :data:`MAX_TEXT_DIGITS` digits and an exponent within :data:`MAX_EXPONENT`
as written): far above any real figure, and low enough that no input can make
the exact arithmetic run for minutes (``"1e99999999"`` would) or be written
back in a form that cannot be read again.

Why this module is long: it is the one door for exact numbers in and out (reading,
writing, rounding, shortening for the eye), and its fast paths for very long
figures need to sit beside the plain ones they must agree with.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable
from decimal import Decimal
from fractions import Fraction
from typing import TYPE_CHECKING, Any, TypeAlias

import attrs

from warrant.ground.errors import FloatRefused, InvalidNumber, InvalidValue, QuantityTooLarge
from warrant.ground.wording import UNWORDED, worded

#: What the library accepts wherever a quantity is expected.
Quantity: TypeAlias = int | str | Decimal | Fraction

#: An accepted quantity has at most this many digits in its numerator and in its
#: denominator (in lowest terms): up to 10^10000 shares or dollars, down to 10^-10000.
#: The same bound holds for every figure the engine builds (``register/rulebook``
#: refuses an event whose result would pass it), so a figure the library writes is
#: always read again (SPEC §11 invariants 10 and 11): a register of 100,000 events
#: builds prices of about 5,000 digits.
MAX_DIGITS = 10_000
#: As written (text or Decimal), at most this many digits and an exponent of at most
#: this size.  Checked before any arithmetic, so ``"1e99999999"`` is refused at once.
#: Both are above what :func:`exact_str` writes for any value within ``MAX_DIGITS``
#: (at most about 43,300 digits, never an exponent), so whatever is accepted is written
#: back in a form that is accepted again (SPEC §11 invariant 10).
MAX_TEXT_DIGITS = 50_000
MAX_EXPONENT = 10_000
_LIMIT = 10**MAX_DIGITS


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
        return _bounded(value, field=field, clause=clause)
    if isinstance(value, int):
        return _bounded(Fraction(value), field=field, clause=clause)
    if isinstance(value, float):
        if not math.isfinite(value):
            raise FloatRefused(
                f"not a finite number: {value!r} (and binary floating point is refused)",
                field=field,
                clause=clause,
            )
        raise FloatRefused(
            f"binary floating point is refused ({value!r} is not exact); "
            f"write it as a string such as '{value!r}', a Decimal or a Fraction",
            field=field,
            clause=clause,
        )
    if isinstance(value, Decimal):
        if not value.is_finite():
            raise InvalidNumber(f"not a finite number: {value}", field=field, clause=clause)
        written = value.as_tuple()
        exponent = int(written.exponent)
        _check_written(len(written.digits), exponent, field=field, clause=clause)
        return _bounded(Fraction(value), field=field, clause=clause)
    if isinstance(value, str):
        return _bounded(_parse_text(value, field=field, clause=clause), field=field, clause=clause)
    raise InvalidNumber(
        f"expected int, str, Decimal or Fraction, got {type(value).__name__}",
        field=field,
        clause=clause,
    )


_GROUPED = re.compile(r"[+-]?\d{1,3}(,\d{3})+(\.\d+)?")
# The grammar ``Fraction(text)`` reads ("1.94", "16000000/157", "1e3", "1_000"), parsed
# here so that the digits can be counted, and the exponent checked, before any arithmetic.
_NUMBER = re.compile(
    r"""\A\s*(?P<sign>[-+]?)(?=\d|\.\d)
    (?P<num>\d*|\d+(_\d+)*)
    (?:(?:/(?P<denom>\d+(_\d+)*))?
      |(?:\.(?P<decimal>\d*|\d+(_\d+)*))?(?:E(?P<exp>[-+]?\d+(_\d+)*))?)
    \s*\Z""",
    re.VERBOSE | re.IGNORECASE,
)


def _check_written(digits: int, exponent: int, *, field: str, clause: str | None) -> None:
    """Refuse, before any arithmetic, a figure written with too many digits or too
    large an exponent (building ``10**exponent`` is what would take minutes)."""
    if digits > MAX_TEXT_DIGITS:
        raise QuantityTooLarge(
            f"written with {digits:,} digits; a quantity is written with at most "
            f"{MAX_TEXT_DIGITS:,}",
            field=field,
            clause=clause,
        )
    if abs(exponent) > MAX_EXPONENT:
        raise QuantityTooLarge(
            f"an exponent of {exponent:,} is out of range; a quantity's exponent is at most "
            f"{MAX_EXPONENT:,} either way",
            field=field,
            clause=clause,
        )


def _bounded(number: Fraction, *, field: str, clause: str | None) -> Fraction:
    """Refuse a quantity with more than :data:`MAX_DIGITS` digits above or below the line."""
    part = too_large_part(number)
    if part is not None:
        raise QuantityTooLarge(
            f"its {part} has more than {MAX_DIGITS:,} digits, the most a quantity may have "
            "(far beyond any real figure)",
            field=field,
            clause=clause,
        )
    return number


_LIMIT_BITS = _LIMIT.bit_length()


def too_large_part(number: Fraction | int) -> str | None:
    """``"numerator"`` or ``"denominator"`` when that part of ``number`` has more than
    :data:`MAX_DIGITS` digits, else ``None`` (cheap: a comparison of bit lengths first)."""
    number = Fraction(number)
    for part, value in (("numerator", abs(number.numerator)), ("denominator", number.denominator)):
        if value.bit_length() >= _LIMIT_BITS and value >= _LIMIT:
            return part
    return None


def _parse_text(text: str, *, field: str, clause: str | None) -> Fraction:
    cleaned = text.strip()
    if cleaned.startswith("$"):
        cleaned = cleaned[1:]
    # Thousands separators are common in legal papers ("1,969,693"); accept them
    # only in proper groups of three, so "1,5" is refused rather than read as 15.
    if "," in cleaned:
        if not _GROUPED.fullmatch(cleaned):
            raise InvalidNumber(f"not an exact number: {text!r}", field=field, clause=clause)
        cleaned = cleaned.replace(",", "")
    match = _NUMBER.match(cleaned)
    if match is None:
        raise InvalidNumber(f"not an exact number: {text!r}", field=field, clause=clause)
    num, decimal, denom, exp = (
        (match.group(name) or "").replace("_", "") for name in ("num", "decimal", "denom", "exp")
    )
    _check_written(len(num) + len(decimal) + len(denom), 0, field=field, clause=clause)
    magnitude = exp.lstrip("+-")
    if len(magnitude) > 18:  # far out of range: say how long it is rather than read it
        raise QuantityTooLarge(
            f"an exponent of {len(magnitude):,} digits is out of range; a quantity's exponent "
            f"is at most {MAX_EXPONENT:,} either way",
            field=field,
            clause=clause,
        )
    power = int(magnitude) if exp else 0
    _check_written(0, -power if exp.startswith("-") else power, field=field, clause=clause)
    numerator = _digits(num + decimal)
    denominator = _digits(denom) if denom else 10 ** len(decimal)
    if denominator == 0:
        raise InvalidNumber(
            f"not an exact number: {text!r} (division by zero)", field=field, clause=clause
        )
    if exp.startswith("-"):
        denominator *= 10**power
    else:
        numerator *= 10**power
    return Fraction(-numerator if match.group("sign") == "-" else numerator, denominator)


def _digits(text: str) -> int:
    """``int(text)`` for a string of decimal digits of any length (``int`` itself refuses
    past the interpreter's digit limit, 4,300 by default and settable as low as 640)."""
    if len(text) <= 600:
        return int(text or "0")
    half = len(text) // 2
    high: int = _digits(text[:half]) * 10 ** (len(text) - half)
    return high + _digits(text[half:])


def positive(value: object, *, field: str, clause: str | None = None) -> Fraction:
    """A quantity that must be strictly greater than zero (share counts, ratios)."""
    number = to_fraction(value, field=field, clause=clause)
    if number <= 0:
        raise InvalidValue(
            f"must be greater than zero, got {shown(number)}", field=field, clause=clause
        )
    return number


def non_negative(value: object, *, field: str, clause: str | None = None) -> Fraction:
    """A quantity that may be zero but not negative (cash, expenses)."""
    number = to_fraction(value, field=field, clause=clause)
    if number < 0:
        raise InvalidValue(
            f"must not be negative, got {shown(number)}", field=field, clause=clause
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


def shown(
    value: Fraction | int, places: int = 10, *, width: int = 32, fractions: bool = True
) -> str:
    """For people: the exact value where it is short, else rounded and marked ``≈``
    (records and JSON always carry the exact value).

    Short means at most ``width`` characters; with ``fractions=False`` only a
    terminating decimal is short (a table column shows ``≈101910.828025``, not
    ``16000000/157``).  The one helper that shortens a figure for the eye: reasons,
    tables and certificates all mark rounding the same way.  Inside a ledger made not to
    word its reasons (``explain=False``), a placeholder (:mod:`warrant.ground.wording`).
    """
    if not worded():
        return UNWORDED
    value = Fraction(value)
    drop = min(abs(value.numerator).bit_length(), value.denominator.bit_length()) - 256
    if drop > 0:
        # Far too long to read, and dividing it out exactly costs time quadratic in its
        # length: round from the leading bits of both parts (relative error < 2^-250).
        value = Fraction(value.numerator >> drop, value.denominator >> drop)
        return f"≈{_rounded(value, places)}"
    text = exact_str(value)
    if len(text) <= width and "/" not in text:
        return text
    if len(text) <= width and fractions:
        # a fraction is read by its value: the rounded figure goes beside it
        return f"{text} (≈{fixed_str(value, places)})"
    return f"≈{_rounded(value, places)}"


def _rounded(value: Fraction, places: int) -> str:
    """A long figure rounded for the eye: ``places`` decimals, or scientific notation
    with ``places`` significant digits where fixed decimals would not be read (at or
    above :data:`_SCIENTIFIC_FROM`, or below one unit of the last place)."""
    if abs(value) >= _SCIENTIFIC_FROM or 0 < abs(value) < Fraction(1, 10**places):
        return _scientific(value, places)
    return fixed_str(value, places)


#: From here on a figure is shown in scientific notation (its digits would not be read).
_SCIENTIFIC_FROM = 10**36


def _scientific(value: Fraction, significant: int) -> str:
    """``value`` (not zero) as ``d.ddd…e±N`` with ``significant`` digits, rounded half-up."""
    size = abs(value)
    # the power of ten of the leading digit, from the lengths of the two parts
    power = len(_int_str(size.numerator)) - len(_int_str(size.denominator))
    if size < Fraction(10) ** power:
        power -= 1
    mantissa = round_half_up(size / Fraction(10) ** power, significant - 1)
    if mantissa >= 10:  # 9.99…95 rounds up to 10: one more power of ten
        power += 1
        mantissa = round_half_up(size / Fraction(10) ** power, significant - 1)
    sign = "-" if value < 0 else ""
    return f"{sign}{fixed_str(mantissa, significant - 1)}e{power:+d}"


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
    whole = _rounded_units(value, places)
    result = Fraction(whole, 10**places)
    return -result if value < 0 else result


def _rounded_units(value: Fraction, places: int) -> int:
    """``|value|`` rounded half-up to ``places`` decimals, in units of the last place: in
    integers, no intermediate fraction normalised."""
    scale: int = 10**places
    denominator = value.denominator
    whole, rest = divmod(abs(value.numerator) * scale, denominator)
    return whole + 1 if 2 * rest >= denominator else whole


def fixed_str(value: Fraction | int, places: int) -> str:
    """``value`` rounded half-up and written with exactly ``places`` decimals."""
    value = Fraction(value)
    scaled = _rounded_units(value, places)
    sign = "-" if value < 0 and scaled else ""
    if places == 0:
        return sign + _int_str(scaled)
    digits = _int_str(scaled).rjust(places + 1, "0")
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
