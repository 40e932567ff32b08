"""``replay(..., as_of=...)`` and ``warrant replay --as-of`` (SPEC §10; 4.C(8), 4.D).

An event counts from its effective date — its record date where one is fixed —
both in the full replay and as of a date; ``as_of`` outside the warrant's life
(before the Issue Date, after the expiration cut-off) is refused, naming it.
The expected prices are worked out by hand.
"""

from __future__ import annotations

import datetime as dt
from fractions import Fraction
from pathlib import Path

import pytest

from warrant.analyses.replay import replay
from warrant.cli import main
from warrant.files.scenario_files import loads_scenario
from warrant.ground.errors import InvalidValue

F = Fraction
D = dt.date

# A stock dividend of 700,000 shares on 7,000,000 outstanding, of record 2002-06-28 and
# paid 2002-07-15 (4.D): in force from the close of business on the record date.
DIVIDEND = """\
[warrant]
face_shares = 100000
[capitalization]
common_outstanding = 7000000
[[event]]
type = "stock-dividend"
date = 2002-07-15
record_date = 2002-06-28
shares = 700000
"""
PRICE_AFTER = F("1.94") * 7_000_000 / (7_000_000 + 700_000)  # = 97/55


def test_4D_dividend_in_force_from_its_record_date_as_of_a_date_before_payment() -> None:
    scenario = loads_scenario(DIVIDEND)
    full = replay(scenario)
    assert full.ledger.price_on(D(2002, 7, 1)) == PRICE_AFTER == F(97, 55)
    as_of = replay(scenario, as_of=D(2002, 7, 1))
    assert as_of.exercise_price == PRICE_AFTER
    assert as_of.shares == F(100_000) * F("1.94") / PRICE_AFTER
    assert len(as_of.ledger.adjustments) == 1


@pytest.mark.parametrize(
    ("day", "price"),
    [(D(2002, 6, 27), F("1.94")), (D(2002, 6, 28), F(97, 55)), (D(2002, 7, 15), F(97, 55))],
)
def test_4D_as_of_agrees_with_the_full_replay_on_every_day(day: dt.date, price: F) -> None:
    scenario = loads_scenario(DIVIDEND)
    assert replay(scenario, as_of=day).exercise_price == price
    assert replay(scenario).ledger.price_on(day) == price


@pytest.mark.parametrize("day", [D(2002, 3, 3), D(1999, 1, 1)])
def test_spec_10_as_of_before_the_issue_date_is_refused(day: dt.date) -> None:
    with pytest.raises(InvalidValue) as caught:
        replay(loads_scenario(DIVIDEND), as_of=day)
    assert caught.value.field == "as_of"
    assert "Issue Date 2002-03-04" in caught.value.message


@pytest.mark.parametrize("day", [D(2007, 3, 4), D(2030, 1, 1)])
def test_spec_10_as_of_after_expiration_is_refused(day: dt.date) -> None:
    with pytest.raises(InvalidValue) as caught:
        replay(loads_scenario(DIVIDEND), as_of=day)
    assert caught.value.field == "as_of"
    assert "expired" in caught.value.message
    assert "2007-03-03" in caught.value.message


@pytest.mark.parametrize("day", [D(2002, 3, 4), D(2007, 3, 3)])
def test_spec_10_as_of_on_the_first_and_last_day_is_answered(day: dt.date) -> None:
    result = replay(loads_scenario(DIVIDEND), as_of=day)
    assert result.as_of == day
    assert result.exercise_price == (F("1.94") if day.year == 2002 else PRICE_AFTER)


@pytest.mark.parametrize("day", ["2002-03-03", "2007-03-04"])
def test_spec_10_cli_as_of_outside_the_warrant_life_exits_2_naming_the_option(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], day: str
) -> None:
    path = tmp_path / "dividend.toml"
    path.write_text(DIVIDEND, encoding="utf-8")
    status = main(["replay", str(path), "--as-of", day])
    captured = capsys.readouterr()
    assert status == 2
    assert captured.out == ""
    [line] = captured.err.splitlines()
    assert "--as-of" in line
    assert day in line
