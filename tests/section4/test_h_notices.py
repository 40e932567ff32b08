"""4.H notices: the date each names, the last day to mail it (30 calendar days before), and
whether a stated mailing was on time.  The deadlines are counted by hand below."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

import certificate_helpers as helpers
import warrant
from warrant.cli import main
from warrant.files.scenario_files import loads_scenario, scenario_to_toml

D = dt.date

# A stock dividend of record 2003-09-15: 30 days before is Saturday 2003-08-16
# (August has 31 days: 16 + 15 = 31, then 15 more into September).
RECORD = D(2003, 9, 15)
LAST_DAY = D(2003, 8, 16)


def dividend(mailed: str | None, *, index: int = 0) -> str:
    line = f"notice_mailed = {mailed}\n" if mailed else ""
    return (
        f'[[event]]\ntype = "stock-dividend"\nid = "div{index}"\ndate = 2003-09-30\n'
        f"record_date = 2003-09-15\nshares = 1000\n{line}"
    )


def test_4H_hand_deadline() -> None:
    assert RECORD - dt.timedelta(days=30) == LAST_DAY and LAST_DAY.weekday() == 5


@pytest.mark.parametrize(
    ("mailed", "on_time", "late"),
    [("2003-08-01", True, None), ("2003-08-16", True, None), ("2003-08-17", False, 1)],
    ids=["on time", "on the last day", "a day late"],
)
def test_4H_notice_of_a_record_date(
    tmp_path: Path, mailed: str, on_time: bool, late: int | None
) -> None:
    scenario = helpers.scenario(tmp_path, dividend(mailed))
    (notice,) = warrant.notices(scenario)
    assert notice.kind is warrant.NoticeKind.DIVIDEND and notice.clause == "4.H(1)"
    assert notice.action_date == RECORD and notice.mail_by == LAST_DAY  # not moved off a Saturday
    assert notice.mailed == D.fromisoformat(mailed)
    assert notice.on_time is on_time and notice.late_by_days == late


def test_4H_notice_not_stated(tmp_path: Path) -> None:
    (notice,) = warrant.notices(helpers.scenario(tmp_path, dividend(None)))
    assert notice.mailed is None and notice.on_time is None and notice.late_by_days is None


EVENTS = """
[[event]]
type = "option-grant"
id = "rights"
date = 2002-09-16
record_date = 2002-09-16
shares = 1000
exercise_price = "2.00"
expires = 2003-09-16
notice_mailed = 2002-08-20

[[event]]
type = "option-grant"
id = "plain-options"
date = 2002-09-17
shares = 1000
exercise_price = "2.00"
expires = 2003-09-16

[[event]]
type = "distribution"
id = "cash"
date = 2002-10-31
record_date = 2002-10-15
kind = "cash"
per_share = "0.10"
source = "retained-earnings"

[[event]]
type = "reorganization"
id = "merger"
date = 2004-03-01
basket = { cash = "2.00" }
notice_mailed = 2004-01-31

[[event]]
type = "dissolution"
id = "wind-up"
date = 2004-06-30
notice_mailed = 2004-06-01
"""


def test_4H_every_kind_and_its_clause(tmp_path: Path) -> None:
    found = warrant.notices(helpers.scenario(tmp_path, EVENTS))
    by_event = {notice.event.label: notice for notice in found}
    assert set(by_event) == {"rights", "cash", "merger", "wind-up"}  # plain options: no record
    rights = by_event["rights"]
    assert (rights.kind, rights.clause, rights.mail_by) == (
        warrant.NoticeKind.RIGHTS,
        "4.H(1)",
        D(2002, 8, 17),
    )
    assert rights.late_by_days == 3  # mailed 2002-08-20, 3 days after 2002-08-17
    cash = by_event["cash"]  # any dividend, even one that entitles the holder to nothing
    assert cash.action_date == D(2002, 10, 15) and cash.mail_by == D(2002, 9, 15)
    merger = by_event["merger"]  # 2004 is a leap year: 29 days of February plus 1 of January
    assert merger.clause == "4.H(2)" and merger.mail_by == D(2004, 1, 31) and merger.on_time
    wind_up = by_event["wind-up"]
    assert wind_up.clause == "4.H(3)" and wind_up.mail_by == D(2004, 5, 31)
    assert wind_up.late_by_days == 1


def test_4H_dissolution_adjusts_nothing(tmp_path: Path) -> None:
    events = helpers.SALE + '\n[[event]]\ntype = "dissolution"\ndate = 2004-06-30\n'
    result = warrant.replay(helpers.scenario(tmp_path, events))
    determination = result.ledger.determinations[-1]
    assert determination.outcome is warrant.Outcome.NO_PROVISION
    assert determination.clause == "4.H(3)" and determination.adjustments == ()
    assert (
        result.ledger.price == warrant.replay(helpers.scenario(tmp_path, helpers.SALE)).ledger.price
    )


def test_4H_involuntary_dissolution_needs_no_notice(tmp_path: Path) -> None:
    events = '[[event]]\ntype = "dissolution"\ndate = 2004-06-30\nvoluntary = false\n'
    assert warrant.notices(helpers.scenario(tmp_path, events)) == ()


def test_4H_notice_mailed_round_trips_through_a_scenario_file(tmp_path: Path) -> None:
    scenario = helpers.scenario(tmp_path, EVENTS)
    again = loads_scenario(scenario_to_toml(scenario), base=tmp_path)
    assert again.events == scenario.events


def test_spec_12_notice_of_rights_without_a_record_date(tmp_path: Path) -> None:
    events = (
        '[[event]]\ntype = "option-grant"\ndate = 2002-09-17\nshares = 1000\n'
        'exercise_price = "2.00"\nexpires = 2003-09-16\nnotice_mailed = 2002-08-01\n'
    )
    with pytest.raises(warrant.InvalidValue, match=r"notice_mailed.*record_date.*\[4.H\(1\)\]"):
        helpers.scenario(tmp_path, events)


def test_cli_notices_json(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    wind_up = '[[event]]\ntype = "dissolution"\nid = "wind-up"\ndate = 2004-06-30\n'
    path = helpers.write_scenario(tmp_path, dividend("2003-08-17") + "\n" + wind_up)
    assert main(["notices", str(path), "--json"]) == 1  # a notice mailed late: the answer is no
    listed = json.loads(capsys.readouterr().out)
    first = listed[0]
    assert {"event", "kind", "action_date", "mail_by", "mailed", "late_by_days"} <= set(first)
    assert (first["event"], first["kind"], first["action_date"], first["mail_by"]) == (
        "div0",
        "dividend",
        "2003-09-15",
        "2003-08-16",
    )
    assert (first["mailed"], first["late_by_days"]) == ("2003-08-17", 1)
    assert main(["notices", str(path)]) == 1
    text = capsys.readouterr().out
    assert "LATE by 1 day" in text and "at least 30 days before" in text
    assert listed[1]["kind"] == "dissolution" and listed[1]["late_by_days"] is None
