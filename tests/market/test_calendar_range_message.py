"""A date outside the calendars' range (1995–2035) is refused with a message the command
line can act on: the date and the range, and no advice to pass a calendar, which only
Python can do (SPEC §3, §10)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from warrant.cli import main
from warrant.ground.errors import CalendarRangeError
from warrant.market.calendars import DEFAULT_TRADING_CALENDAR


@pytest.mark.parametrize("day", [dt.date(2040, 1, 2), dt.date(1990, 1, 2)])
def test_spec_3_out_of_range_dates_name_the_range_and_give_no_python_advice(
    day: dt.date,
) -> None:
    calendar = DEFAULT_TRADING_CALENDAR
    for check in (calendar.is_trading_day, lambda d: calendar.preceding_trading_days(d, 5)):
        with pytest.raises(CalendarRangeError) as caught:
            check(day)
        message = caught.value.message
        assert day.isoformat() in message
        assert "1995" in message and "2035" in message
        assert "pass a calendar" not in message


def test_spec_10_cli_fmv_out_of_range_is_one_line_without_python_advice(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    prices = tmp_path / "prices.csv"
    prices.write_text("date,close\n2002-05-31,1.00\n", encoding="utf-8")
    status = main(["fmv", str(prices), "2040-06-01"])
    captured = capsys.readouterr()
    assert status == 2
    [line] = captured.err.splitlines()
    assert "2040" in line
    assert "pass a calendar" not in line
