"""4.C(7) before any reorganisation: an issue of other securities is recorded — which event,
on which day, and why there is nothing to protect."""

from __future__ import annotations

from engine_helpers import P0, D, new_ledger
from warrant.register.events import OtherSecuritiesIssuance
from warrant.register.records import EventRef, Outcome

DAY = D(2002, 6, 3)


def test_4c7_an_issue_of_other_securities_is_recorded_with_its_event_day_and_reason() -> None:
    ledger = new_ledger()
    ledger.apply(OtherSecuritiesIssuance(date=D(2002, 5, 1), description="Series A preferred"))
    determination = ledger.apply(
        OtherSecuritiesIssuance(date=DAY, description="Series B preferred of a subsidiary")
    )
    assert determination.event == EventRef(index=1, type="other-securities-issuance")
    assert determination.date == DAY
    assert determination.clause == "4.C(7)"
    assert determination.outcome is Outcome.NO_PROVISION
    assert determination.reasons == (
        "Series B preferred of a subsidiary: the warrant is not exercisable for securities "
        "other than the Company's Common Stock, so 4.C(7) has nothing to protect",
    )
    assert ledger.determinations[-1] == determination
    assert ledger.price == P0
