"""4.H in detail: which events need a notice and which do not, the register entry each notice
names, and a dissolution's determination word for word.  Deadlines are counted by hand:
the named date minus 30 calendar days."""

from __future__ import annotations

import datetime as dt

import pytest

from engine_helpers import P0, new_ledger
from warrant.register.events import ConvertibleIssuance, Dissolution, Reorganization
from warrant.register.records import Determination, EventRef, Outcome
from warrant.section4.h_notices import Notice, NoticeKind, notices_of

D = dt.date


def test_4H1_convertibles_to_holders_of_record_need_notice_and_others_do_not() -> None:
    events = [
        # issued to holders of record on 2002-10-15: a distribution, noticed by 2002-09-15
        # (October 15 less 15 days is September 30, less 15 more is September 15)
        ConvertibleIssuance(
            id="to-holders", date=D(2002, 10, 31), record_date=D(2002, 10, 15),
            max_shares=1_000, notice_mailed=D(2002, 9, 20),
        ),
        # sold to investors: no record date, no notice
        ConvertibleIssuance(id="sold", date=D(2002, 11, 1), max_shares=1_000),
    ]
    (notice,) = notices_of(events)
    assert notice == Notice(
        event=EventRef(index=0, type="convertible-issuance", id="to-holders"),
        kind=NoticeKind.DISTRIBUTION,
        action_date=D(2002, 10, 15),
        mail_by=D(2002, 9, 15),
        mailed=D(2002, 9, 20),
    )
    assert notice.clause == "4.H(1)" and notice.late_by_days == 5


def test_4H2_a_notice_names_its_event_by_position_and_type() -> None:
    events = [
        ConvertibleIssuance(id="sold", date=D(2002, 11, 1), max_shares=1_000),
        # 2004-03-01 less 30 days: the 29 days of February 2004 and 1 of January
        Reorganization(date=D(2004, 3, 1), basket={"cash": "2.00"}),
    ]
    (notice,) = notices_of(events)
    assert notice.event == EventRef(index=1, type="reorganization")
    assert notice.event.describe() == "event[1] (reorganization)"
    assert notice.event.label == 1
    assert (notice.kind, notice.mail_by, notice.mailed) == (
        NoticeKind.REORGANIZATION,
        D(2004, 1, 31),
        None,
    )


@pytest.mark.parametrize(
    ("voluntary", "notice"),
    [
        (True, "4.H(3) requires notice to the holders at least 30 days before 2004-06-30"),
        (False, "an involuntary dissolution: 4.H(3) asks notice only of a voluntary one"),
    ],
    ids=["voluntary", "involuntary"],
)
def test_4H3_a_dissolution_determination_word_for_word(voluntary: bool, notice: str) -> None:
    ledger = new_ledger()
    determination = ledger.apply(
        Dissolution(id="wind-up", date=D(2004, 6, 30), voluntary=voluntary)
    )
    assert determination == Determination(
        event=EventRef(index=0, type="dissolution", id="wind-up"),
        date=D(2004, 6, 30),
        clause="4.H(3)",
        outcome=Outcome.NO_PROVISION,
        reasons=(
            "no provision of Section 4 adjusts the Exercise Price or the shares for a "
            "dissolution, liquidation or winding-up",
            notice,
        ),
    )
    assert ledger.determinations == (determination,)
    assert ledger.price == P0 and ledger.adjustments == ()
