"""4.C(5): exclusions and buybacks, their determinations, refusals and restructuring verdicts."""

from __future__ import annotations

import pytest

from engine_helpers import COMMON, ISSUE_DATE, D, new_ledger
from warrant.ground.errors import EventRejected
from warrant.register.events import Buyback, Issuance
from warrant.register.records import EventRef, Outcome
from warrant.register.rulebook import Noted
from warrant.section4.c2_consideration import consideration_of
from warrant.section4.c5_exclusions import restructuring_exclusion, restructuring_financing

DAY = D(2002, 6, 3)


def test_4c5i_warrant_exercise_issue_determination_names_its_event():
    ledger = new_ledger()
    event = Issuance(date=DAY, shares=1_000, cash=1_940, warrant_exercise=True, id="x")
    determination = ledger.apply(event)
    assert determination.event == EventRef(index=0, type="issuance", id="x")
    assert determination.date == DAY
    assert determination.clause == "4.C(5)(i)"
    assert determination.outcome is Outcome.EXCLUDED


def test_4c5_buyback_leaves_the_price_and_says_why():
    ledger = new_ledger()
    determination = ledger.apply(Buyback(date=DAY, shares=COMMON - 1))
    assert determination.clause == "4.C(5)"
    assert determination.outcome is Outcome.NO_FURTHER_ADJUSTMENT
    assert determination.reasons == (
        "shares reacquired or retired leave the outstanding count; the Exercise Price does not "
        "change (4.C(5): they remain Additional Shares)",
    )
    assert ledger.outstanding.issued == 1


def test_4c5_buyback_of_every_share_outstanding_is_refused():
    ledger = new_ledger()
    with pytest.raises(EventRejected) as refused:
        ledger.apply(Buyback(date=DAY, shares=COMMON))
    assert refused.value.message == (
        "cannot buy back 7000000 shares: 7000000 are issued and outstanding, and some must remain"
    )
    assert refused.value.field == "shares"
    assert refused.value.clause == "4.C(5)"


@pytest.mark.parametrize(
    ("day", "cash", "claims"),
    [(ISSUE_DATE, 900, None), (DAY, 849, "R1")],
    ids=["on-the-issue-date", "below-the-floor"],
)
def test_4c5ii_verdict_not_excluded_is_false(day, cash, claims):
    # 849 for 1,000 shares: 0.849 per share, just below the floor 0.85 × 1
    book = new_ledger()._book()
    event = Issuance(date=day, shares=1_000, cash=cash, restructuring="R1")
    verdict = restructuring_exclusion(book, event, consideration_of(event), book.fmv(day))
    assert verdict.excluded is False
    assert verdict.restructuring == claims


def test_4c5ii_financing_at_the_floor_is_excluded_and_names_its_event():
    # 850 for 1,000 shares: 0.85 per share, exactly 85% of the FMV 1
    ledger = new_ledger()
    determination = ledger.apply(
        Issuance(date=DAY, shares=1_000, cash=850, restructuring="R1", id="r")
    )
    assert determination.event == EventRef(index=0, type="issuance", id="r")
    assert determination.clause == "4.C(5)(ii)"
    assert determination.outcome is Outcome.EXCLUDED


def test_4c5ii_finding_below_the_floor_is_noted_with_its_event_and_clause():
    # 500 for 1,000 shares: 0.50 per share, below 85% of the FMV 1 (floor 0.85)
    book = new_ledger()._book()
    ref = EventRef(index=0, type="issuance", id="r")
    event = Issuance(date=DAY, shares=1_000, cash=500, restructuring="R1", id="r")
    noted = restructuring_financing(book, event, ref)
    assert isinstance(noted, Noted)
    determination = noted.change.determination
    assert determination.event == ref
    assert determination.date == DAY
    assert determination.clause == "4.C(5)(ii)"
    assert determination.outcome is Outcome.NO_FURTHER_ADJUSTMENT
    assert determination.reasons == (
        "sold at 0.5 per share, below 85% of the fair market value 1 (floor 0.85): "
        "not excluded (4.C(5)(ii))",
    )
