"""Certificate files from the outside (4.G; SPEC §12; issue "Hardening", item 7): what the
fuzzing of certificate files found, each refused with the library's own error, in one
short line naming the field or the line."""

from __future__ import annotations

import pytest

from warrant.files.certificate_files import loads_certificate
from warrant.ground.errors import CertificateError, WarrantError

HEAD = "[certificate]\nadjustment = 0\n"


def refusal(text: str, kind: str = "toml") -> WarrantError:
    with pytest.raises(WarrantError) as caught:
        loads_certificate(text, kind=kind)
    error = caught.value
    assert "\n" not in str(error) and len(str(error)) < 2000
    return error


@pytest.mark.parametrize(
    ("kind", "text", "line"),
    [
        ("toml", "[certificate]\nadjustment = 0\nevent = \n", "line 3"),
        ("toml", "[certificate\n", "line 1"),
        ("json", '{"certificate":\n {"adjustment": 0,\n}}', "line 3"),
        ("toml", HEAD + 'clause = "4.C\x00"\n', "line 3"),
    ],
)
def test_text_that_does_not_parse_names_its_line(kind: str, text: str, line: str) -> None:
    error = refusal(text, kind)
    assert isinstance(error, CertificateError)
    assert error.where == line and f"not valid {kind.upper()}" in str(error)


@pytest.mark.parametrize("kind", ["toml", "json"])
def test_a_byte_order_mark_is_read_past(kind: str) -> None:
    text = HEAD if kind == "toml" else '{"certificate": {"adjustment": 0}}'
    assert loads_certificate("\ufeff" + text, kind=kind).adjustment == 0


def test_a_key_given_twice_in_json_is_refused_by_name() -> None:
    error = refusal('{"certificate": {"adjustment": 0, "adjustment": 1}}', "json")
    assert isinstance(error, CertificateError)
    assert error.field == "adjustment" and "given twice" in str(error)


@pytest.mark.parametrize(
    ("kind", "value"),
    [("json", "[" * 5000 + "]" * 5000), ("toml", "[" * 5000 + "]" * 5000),
     ("toml", "{a = " * 1000 + "1" + "}" * 1000)],
)
def test_deep_nesting_is_refused_before_the_parser_recurses(kind: str, value: str) -> None:
    text = (
        HEAD + f"reading = {value}\n"
        if kind == "toml"
        else f'{{"certificate": {{"adjustment": 0, "reading": {value}}}}}'
    )
    error = refusal(text, kind)
    assert isinstance(error, CertificateError)
    assert "nested more than" in str(error) and error.where is not None


def test_a_float_no_decimal_can_hold_is_refused_with_its_line() -> None:
    error = refusal(HEAD + "[certificate.figures]\nfmv = 1e9999999999999999999\n")
    assert isinstance(error, CertificateError) and error.where == "line 4"


def test_json_nan_as_a_figure_is_refused_by_the_figure() -> None:
    error = refusal('{"certificate": {"adjustment": 0, "figures": {"fmv": NaN}}}', "json")
    assert error.field == "figures.fmv" and "NaN" in str(error)


@pytest.mark.parametrize(
    "figure",
    ["1." + "9" * 10_001, "9" * 10_001, "1/" + "9" * 10_001, "9" * 10_400 + "/7",
     "1," + ",".join(["000"] * 3400)],
)
def test_a_figure_with_thousands_of_digits_is_refused_by_name(figure: str) -> None:
    error = refusal(HEAD + f'[certificate.figures]\nfmv = "{figure}"\n')
    assert error.field == "figures.fmv" and "digits" in str(error)


def test_a_long_figure_within_the_bounds_is_read_exactly() -> None:
    stated = loads_certificate(HEAD + f'[certificate.figures]\nfmv = "0.{"0" * 900}1"\n')
    (figure,) = stated.figures
    assert figure.places == 901 and figure.value.denominator == 10**901


@pytest.mark.parametrize(
    ("line", "field"),
    [
        (f'event = "{"x" * 5000}"', None),  # a name is read; verification says it is unknown
        (f'adjustment = "{"x" * 5000}"', "adjustment"),
        (f"event = -{'9' * 4000}", "event"),
        (f'"{"x" * 5000}" = 1', "x" * 5000),
        (f'figures = {{ "{"x" * 5000}" = "1" }}', "figures." + "x" * 5000),
        (f'figures = {{ fmv = "{"x" * 5000}" }}', "figures.fmv"),
        (f"figures = {{ fmv = {'9' * 4000} }}", "figures.fmv"),
        (f'reading = {{ outstanding_basis = "{"x" * 5000}" }}', "outstanding_basis"),
        (f'date = "{"x" * 5000}"', "date"),
    ],
)
def test_a_value_thousands_of_characters_long_is_shortened_in_the_message(
    line: str, field: str | None
) -> None:
    rest = "\n" if line.startswith("adjustment") else "\nadjustment = 0\n"
    text = "[certificate]\n" + line + rest
    if field is None:
        stated = loads_certificate(text)
        assert stated.event == "x" * 5000
        return
    error = refusal(text)
    assert error.field == field
    assert "characters" in str(error)  # the long value shown by its ends and its length
