"""TOML and JSON text in, as plain data, or one of the library's errors (SPEC §10, §12).

Every structured file the library reads is parsed here — scenario files, certificate
files, the overlay of an OCF import and each JSON file of an OCF package — so that one
set of bounds and refusals holds for all (the error raised is the caller's:
``ScenarioError``, ``CertificateError`` or ``OcfRefused``).  The file itself is opened
by ``ground/input_files`` (a regular file of bounded size).

The standard parsers, with the edges a file from the outside needs closed:

* numbers arrive exact (floats as ``Decimal``; ``NaN`` and ``Infinity`` in JSON as
  the non-finite ``Decimal`` they name, which the field reading them refuses by name);
* a key given twice in one JSON object is refused, as TOML refuses it;
* a byte-order mark before the text is read past (editors on Windows write one);
* nesting deeper than a scenario can have is refused before the parser recurses
  into it (a few hundred brackets would otherwise end in a ``RecursionError``);
* an integer of more than :data:`MAX_INTEGER_DIGITS` digits is refused with its line
  (the interpreter would refuse it in its own words, past 4,300);
* a lone surrogate in a JSON string (``"\\ud800"``), which no file can hold and nothing
  can print, is refused when read.
"""

from __future__ import annotations

import json
import re
import tomllib
from collections.abc import Callable
from decimal import Decimal, InvalidOperation
from typing import Any

from warrant.ground.errors import ScenarioError, WarrantError

#: Far deeper than any scenario (top level, [[event]], an event, a 4.B basket: 4 levels)
#: or certificate (top level, [certificate], its figures or reading: 3 levels).
MAX_NESTING = 32
#: A bare integer in a file (not a string): below the interpreter's own limit (4,300), so
#: that any integer read can be printed.  A longer quantity is written as a string, as the
#: library writes every quantity, and read within the bounds of ``ground/exact``.
MAX_INTEGER_DIGITS = 4000

_BYTE_ORDER_MARK = "\ufeff"


def parse(text: str, kind: str, *, error: type[WarrantError] = ScenarioError) -> Any:
    """The data of ``text``, ``kind`` being ``"toml"`` or ``"json"``; what is wrong with it
    is raised as ``error``."""
    text = text.removeprefix(_BYTE_ORDER_MARK)
    _check_nesting(text, kind, error)
    try:
        if kind == "json":
            data = json.loads(
                text,
                parse_float=_exact_floats(text, error),
                parse_int=_bounded_integers(text, error),
                parse_constant=Decimal,  # NaN, Infinity: the field that reads them says why not
                object_pairs_hook=_no_repeated_keys(error),
            )
            if _ESCAPED_SURROGATE.search(text):
                _no_lone_surrogates(data, error)
            return data
        _check_toml_integers(text, error)
        return tomllib.loads(text, parse_float=_exact_floats(text, error))
    except (ValueError, tomllib.TOMLDecodeError) as caught:
        if isinstance(caught, WarrantError):
            raise
        raise error(f"not valid {kind.upper()}: {caught}", where=_line_of(caught, text)) from None
    except RecursionError:  # a defence behind _check_nesting, which should make it unreachable
        raise error(f"not valid {kind.upper()}: nested too deeply") from None


_AT_LINE = re.compile(r"\(at line (\d+), column \d+\)|line (\d+) column \d+")


def _line_of(error: Exception, text: str) -> str:
    """Where the parser gave up, as the errors of the library say it: ``line N`` (the last
    line when it reached the end of the text)."""
    lineno = getattr(error, "lineno", None)
    if lineno is None:
        found = _AT_LINE.search(str(error))
        lineno = (found.group(1) or found.group(2)) if found else None
    if lineno is None:
        lineno = text.count("\n") + (0 if text.endswith("\n") else 1)
    return f"line {lineno}"


def _exact_floats(document: str, error: type[WarrantError]) -> Callable[[str], Decimal]:
    """The parser's hook for floats: each read exactly as a ``Decimal``; one whose exponent
    even ``Decimal`` cannot hold (past 10^999999999999999999) is refused, with its line."""

    def read(figure: str) -> Decimal:
        try:
            return Decimal(figure)
        except InvalidOperation:
            at = document.find(figure)
            raise error(
                f"the number {figure[:40]!r} is out of any range",
                where=f"line {document.count(chr(10), 0, max(at, 0)) + 1}",
            ) from None

    return read


def _bounded_integers(document: str, error: type[WarrantError]) -> Callable[[str], int]:
    """The JSON parser's hook for integers: one of more than :data:`MAX_INTEGER_DIGITS`
    digits is refused, with its line."""

    def read(figure: str) -> int:
        if len(figure.lstrip("-")) > MAX_INTEGER_DIGITS:
            raise _too_many_digits(document, document.find(figure), len(figure), error)
        return int(Decimal(figure))  # not int(): the interpreter's digit limit may be lower

    return read


# Anchored at the start of a run of digits (the look-behind), so that the scan is linear:
# a run shorter than the bound is tried once, not from each of its digits.
_TOML_LONG_INTEGER = re.compile(rf"(?<![0-9_])[0-9_]{{{MAX_INTEGER_DIGITS + 1},}}")


def _check_toml_integers(text: str, error: type[WarrantError]) -> None:
    """A run of more than :data:`MAX_INTEGER_DIGITS` digits outside a string is refused
    before ``tomllib`` hands it to ``int()`` (a run inside a string is text: allowed)."""
    found = _TOML_LONG_INTEGER.search(text)
    while found is not None:
        line_start = text.rfind("\n", 0, found.start()) + 1
        before = text[line_start : found.start()]
        if before.count('"') % 2 == 0 and before.count("'") % 2 == 0 and "#" not in before:
            raise _too_many_digits(text, found.start(), len(found.group()), error)
        found = _TOML_LONG_INTEGER.search(text, found.end())


def _too_many_digits(
    document: str, at: int, digits: int, error: type[WarrantError]
) -> WarrantError:
    return error(
        f"a number of {digits:,} digits; a number is written with at most "
        f"{MAX_INTEGER_DIGITS:,}",
        where=f"line {document.count(chr(10), 0, max(at, 0)) + 1}",
    )


_ESCAPED_SURROGATE = re.compile(r"\\u[dD][89a-fA-F]")


def _no_lone_surrogates(value: Any, error: type[WarrantError]) -> None:
    """Refuse a string holding half of a surrogate pair (JSON escapes can write one)."""
    stack = [value]
    while stack:
        item = stack.pop()
        if isinstance(item, str):
            texts: tuple[str, ...] = (item,)
        elif isinstance(item, dict):
            texts = tuple(str(key) for key in item)
            stack.extend(item.values())
        elif isinstance(item, list):
            stack.extend(item)
            continue
        else:
            continue
        for text in texts:
            if not _encodable(text):
                raise error(
                    "a string holds a lone surrogate (\\ud800–\\udfff escaped alone), "
                    "which is not text"
                )


def _encodable(text: str) -> bool:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def _no_repeated_keys(
    error: type[WarrantError],
) -> Callable[[list[tuple[str, Any]]], dict[str, Any]]:
    def table_of(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
        table: dict[str, Any] = {}
        for key, value in pairs:
            if key in table:
                raise error(
                    "given twice in the same object (the second would silently win)", field=key
                )
            table[key] = value
        return table

    return table_of


def _check_nesting(text: str, kind: str, error: type[WarrantError]) -> None:
    """Refuse brackets nested more than :data:`MAX_NESTING` deep, outside strings.

    A cheap scan, not a parser: it counts ``[`` and ``{`` against ``]`` and ``}``,
    skipping quoted strings (and, in TOML, comments), so it never refuses what the
    parser would read at a sane depth.
    """
    special = _TOML_SPECIAL if kind == "toml" else _JSON_SPECIAL
    depth = 0
    found = special.search(text)
    while found is not None:
        char = found.group()
        index = found.end()
        if char in "[{":
            depth += 1
            if depth > MAX_NESTING:
                line = text.count("\n", 0, index) + 1
                raise error(
                    f"not valid {kind.upper()}: brackets nested more than {MAX_NESTING} deep; "
                    "a scenario needs at most four levels, a certificate three",
                    where=f"line {line}",
                )
        elif char in "]}":
            depth = max(depth - 1, 0)
        elif char == "#":
            newline = text.find("\n", index)
            index = len(text) if newline < 0 else newline
        else:
            index = _after_string(text, found.start())
        found = special.search(text, index)


_TOML_SPECIAL = re.compile(r"[\[\]{}\"'#]")
_JSON_SPECIAL = re.compile(r"[\[\]{}\"]")


def _after_string(text: str, start: int) -> int:
    """The index just past the quoted string opening at ``start`` (or the end of the text);
    an unterminated one-line string ends at its line's end (the parser will say so)."""
    quote = text[start]
    if text.startswith(quote * 3, start):
        closing = (_TRIPLE_BASIC if quote == '"' else _TRIPLE_LITERAL).search(text, start + 3)
    else:
        closing = (_BASIC if quote == '"' else _LITERAL).match(text, start + 1)
    return len(text) if closing is None else closing.end()


_BASIC = re.compile(r'[^"\\\n]*(?:\\.[^"\\\n]*)*(?:"|\n|\Z)')
_LITERAL = re.compile(r"[^'\n]*(?:'|\n|\Z)")
_TRIPLE_BASIC = re.compile(r'[^"\\]*(?:(?:\\.|"(?!""))[^"\\]*)*"""', re.DOTALL)
_TRIPLE_LITERAL = re.compile("'''")
