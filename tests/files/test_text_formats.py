"""Hostile and awkward scenario text (SPEC §10, §12): every one is refused with the
library's own error naming the field (or the line, where the text is not TOML/JSON at
all), never a Python traceback; awkward but honest text (a byte-order mark) is read.
"""

from __future__ import annotations

import json
from decimal import Decimal
from fractions import Fraction
from pathlib import Path

import pytest

from warrant.files.scenario_files import (
    load_scenario,
    loads_scenario,
    save_scenario,
)
from warrant.files.text_formats import MAX_NESTING, parse
from warrant.ground.errors import InvalidNumber, PriceDataError, QuantityTooLarge, ScenarioError
from warrant.register.events import Issuance, Repricing

CAPITAL = "[capitalization]\ncommon_outstanding = 7000000\nplan_options_outstanding = 0\n"
CAPITAL_JSON = {"capitalization": {"common_outstanding": 7000000}}


def _toml_with_event(event: str) -> str:
    return CAPITAL + "[[event]]\n" + event


# -- finding 1: tracebacks --------------------------------------------------------


@pytest.mark.parametrize("value", ["1", '"quotes.csv"', "{ date = 2002-05-31 }", "true"])
def test_spec_10_prices_quote_that_is_not_an_array_is_refused(value: str) -> None:
    with pytest.raises(ScenarioError) as caught:
        loads_scenario(CAPITAL + f"[prices]\nquote = {value}\n")
    assert caught.value.field == "quote"
    assert caught.value.where == "[prices]"


@pytest.mark.parametrize("value", ['"a\\u0000b.csv"', "1", '""', "[1]"])
def test_spec_10_prices_csv_path_that_cannot_be_a_path_is_refused(value: str) -> None:
    with pytest.raises(ScenarioError) as caught:
        loads_scenario(CAPITAL + f"[prices]\ncsv = {value}\n")
    assert caught.value.field == "csv"


def test_spec_12_price_file_path_with_a_nul_is_refused_from_python_too() -> None:
    from warrant.market.price_history import PriceHistory

    with pytest.raises(PriceDataError) as caught:
        PriceHistory.from_csv("prices\x00.csv")
    assert caught.value.field == "csv"


@pytest.mark.parametrize("depth", [MAX_NESTING + 1, 1000, 100_000])
def test_spec_12_json_nested_deeply_is_refused(depth: int) -> None:
    with pytest.raises(ScenarioError, match="nested more than"):
        loads_scenario("[" * depth + "]" * depth, kind="json")


@pytest.mark.parametrize("depth", [MAX_NESTING + 1, 500, 100_000])
def test_spec_12_toml_nested_deeply_is_refused(depth: int) -> None:
    with pytest.raises(ScenarioError, match="nested more than"):
        loads_scenario("x = " + "[" * depth + "]" * depth + "\n")


def test_spec_12_brackets_inside_strings_and_comments_are_not_nesting() -> None:
    deep = "[" * 200
    data = parse(
        f'a = "{deep}"\nb = \'{deep}\'\nc = """\n{deep}\n"""\n# {deep}\n'
        "[[event]]\nx = [[1], [2]]\n",
        "toml",
    )
    assert data["a"] == deep
    assert data["c"] == deep + "\n"
    assert data["event"] == [{"x": [[1], [2]]}]
    assert parse(json.dumps({"a": deep, "b": [[[1]]]}), "json") == {"a": deep, "b": [[[1]]]}


@pytest.mark.parametrize(
    ("event", "field"),
    [
        ('type = "issuance"\ndate = 2002-06-03\nshares = 1000\ncash = "1e10000"\n', "cash"),
        ('type = "stock-split"\ndate = 2002-06-03\nratio = "1e10000"\n', "ratio"),
        ('type = "issuance"\ndate = 2002-06-03\nshares = 1000\ncash = "-1e10000"\n', "cash"),
    ],
)
def test_spec_12_quantities_past_the_digit_limit_are_refused_by_name(
    event: str, field: str
) -> None:
    with pytest.raises(QuantityTooLarge) as caught:
        loads_scenario(_toml_with_event(event))
    assert caught.value.field == field
    assert len(str(caught.value)) < 200  # one line a person reads, not ten thousand digits


# -- finding 2: what used to hang ---------------------------------------------------------


@pytest.mark.parametrize(
    ("event", "field"),
    [
        ('type = "issuance"\ndate = 2002-06-03\nshares = 1000\ncash = "1e99999999"\n', "cash"),
        ('type = "stock-split"\ndate = 2002-06-03\nratio = 1e1000000000\n', "ratio"),
        ('type = "buyback"\ndate = 2002-06-03\nshares = 1e-999999999\n', "shares"),
    ],
)
def test_spec_12_huge_exponents_in_a_scenario_are_refused_at_once(event: str, field: str) -> None:
    with pytest.raises(QuantityTooLarge) as caught:
        loads_scenario(_toml_with_event(event))
    assert caught.value.field == field
    assert "exponent" in caught.value.message


def test_spec_12_huge_exponent_in_a_csv_close_is_refused_with_its_line(tmp_path: Path) -> None:
    prices = tmp_path / "prices.csv"
    prices.write_text("date,close\n2002-05-31,1.00\n2002-06-03,1e999999999\n", encoding="utf-8")
    scenario = tmp_path / "s.toml"
    scenario.write_text(CAPITAL + '[prices]\ncsv = "prices.csv"\n', encoding="utf-8")
    with pytest.raises(QuantityTooLarge) as caught:
        load_scenario(scenario)
    assert caught.value.field == "close"
    assert "line 3" in str(caught.value)


# -- finding 3: what is accepted round-trips ------------------------------------------


@pytest.mark.parametrize("suffix", [".toml", ".json"])
@pytest.mark.parametrize(
    "cash",
    ["1e999", "9" * 1000, "1/" + "7" * 999, str(Fraction(1, 2**3321)), "1e4400", "1e5000"],
)
def test_spec_11_10_huge_values_either_refused_or_round_trip(
    tmp_path: Path, suffix: str, cash: str
) -> None:
    text = _toml_with_event(
        f'type = "issuance"\ndate = 2002-06-03\nshares = 1000\ncash = "{cash}"\n'
    )
    try:
        scenario = loads_scenario(text)
    except QuantityTooLarge:
        return  # refused on the way in: nothing to round-trip
    path = tmp_path / f"s{suffix}"
    save_scenario(scenario, path)
    again = load_scenario(path)
    assert again == scenario
    event = again.events[0]
    assert isinstance(event, Issuance)
    assert event.cash == Fraction(cash)


# -- finding 6: smaller edges -----------------------------------------------------------------


def test_spec_12_json_key_given_twice_is_refused() -> None:
    text = '{"capitalization": {"common_outstanding": 7000000, "common_outstanding": 8000000}}'
    with pytest.raises(ScenarioError) as caught:
        loads_scenario(text, kind="json")
    assert caught.value.field == "common_outstanding"
    assert "twice" in caught.value.message


def test_spec_12_json_key_given_twice_in_an_event_is_refused() -> None:
    data = json.dumps(CAPITAL_JSON)[:-1] + (
        ', "event": [{"type": "buyback", "date": "2002-06-03", "shares": 5, "shares": 6}]}'
    )
    with pytest.raises(ScenarioError) as caught:
        loads_scenario(data, kind="json")
    assert caught.value.field == "shares"


@pytest.mark.parametrize("kind", ["toml", "json"])
def test_spec_10_a_byte_order_mark_is_read_past(tmp_path: Path, kind: str) -> None:
    text = CAPITAL if kind == "toml" else json.dumps(CAPITAL_JSON)
    path = tmp_path / f"s.{kind}"
    path.write_bytes(b"\xef\xbb\xbf" + text.encode("utf-8"))
    scenario = load_scenario(path)
    assert scenario.capitalization.common_outstanding == 7_000_000
    assert loads_scenario("\ufeff" + text, kind=kind) == scenario


@pytest.mark.parametrize("constant", ["NaN", "Infinity", "-Infinity"])
def test_spec_12_json_nan_is_refused_naming_the_field_without_bad_advice(constant: str) -> None:
    text = (
        '{"capitalization": {"common_outstanding": 7000000}, "event": [{"type": "issuance", '
        f'"date": "2002-06-03", "shares": 10, "cash": {constant}}}]}}'
    )
    with pytest.raises(InvalidNumber) as caught:
        loads_scenario(text, kind="json")
    assert caught.value.field == "cash"
    assert "finite" in caught.value.message
    assert "nan'" not in caught.value.message.lower()  # no advice to write 'nan'


@pytest.mark.parametrize("number", [float("nan"), float("inf"), float("-inf")])
def test_spec_2_non_finite_float_gives_no_advice_to_write_it_as_text(number: float) -> None:
    from warrant.ground.exact import to_fraction

    with pytest.raises(InvalidNumber) as caught:
        to_fraction(number, field="cash")
    assert "finite" in caught.value.message
    assert "such as" not in caught.value.message


def test_spec_10_a_wrong_key_on_repricing_is_named_before_the_missing_one() -> None:
    text = _toml_with_event('type = "repricing"\ndate = 2002-06-04\nof = "g"\nnew_price = "0.5"\n')
    with pytest.raises(ScenarioError) as caught:
        loads_scenario(text)
    assert caught.value.field == "new_price"
    assert "unknown key" in caught.value.message
    assert "exercise_price" in caught.value.message  # the key it should have been
    assert caught.value.where == "event[0] (repricing)"
    assert Repricing.TYPE == "repricing"


def test_spec_10_decimal_constants_still_arrive_exact() -> None:
    data = parse('{"a": 1.94, "b": [0.1]}', "json")
    assert data == {"a": Decimal("1.94"), "b": [Decimal("0.1")]}
