"""4.C(3) and 4.C(5)(iii): plan-grant reasons, the grant named on its step, duplicate ids."""

from __future__ import annotations

from fractions import Fraction

import pytest

from engine_helpers import D, new_ledger
from warrant.ground.errors import EventRejected
from warrant.register.events import (
    Cancellation,
    ConvertibleIssuance,
    OptionGrant,
     PromiseToGrant,
    Repricing,
)
from warrant.register.records import EventRef, Outcome

DAY = D(2002, 7, 1)
EXPIRES = D(2004, 1, 2)


def plan_grant(shares, grantee, *, gid="p"):
    return OptionGrant(
        date=DAY, id=gid, shares=shares, exercise_price="0.50", expires=EXPIRES, plan=True,
        grantee=grantee,
    )


@pytest.mark.parametrize(
    ("grantee", "named"),
    [("officer", "an officer"), ("employee", "an employee"), ("director", "a director")],
)
def test_4c5iii_plan_grant_inside_the_carve_out_gives_every_reason(grantee, named):
    determination = new_ledger().apply(plan_grant(1_000, grantee))
    assert determination.event == EventRef(index=0, type="option-grant", id="p")
    assert determination.date == DAY
    assert determination.clause == "4.C(5)(iii)"
    assert determination.outcome is Outcome.EXCLUDED
    assert determination.reasons == (
        f"plan options to {named}",
        "1000 of 1000 shares within the carve-out (room 1969693 of 1969693) (4.C(5)(iii))",
        "the whole grant fits the carve-out: no adjustment",
    )


def test_4c3_overflow_of_a_plan_grant_is_tested_and_its_step_names_the_grant():
    # 1,969,694 shares, room 1,969,693: 1 share over, at Effective Price 0.50 < FMV 1
    # 1.94 × (7,000,000 + 0.5) / (7,000,000 + 1)
    ledger = new_ledger()
    determination = ledger.apply(plan_grant(1_969_694, "employee", gid="big"))
    assert determination.clause == "4.C(3)"
    assert determination.outcome is Outcome.ADJUSTED
    assert determination.reasons[:3] == (
        "plan options to an employee",
        "1969693 of 1969694 shares within the carve-out (room 1969693 of 1969693) (4.C(5)(iii))",
        "1 shares over the cap are tested as a deemed issue at the grant's terms (4.C(3))",
    )
    assert ledger.price == Fraction("1.94") * Fraction(14_000_001, 2) / 7_000_001
    (step,) = ledger._book().steps
    assert step.grant == "big"


def test_4c3_a_second_grant_with_the_same_id_is_refused():
    ledger = new_ledger()
    ledger.apply(plan_grant(1_000, "officer"))
    again = OptionGrant(
        date=D(2002, 7, 2), id="p", shares=10, exercise_price="0.50", expires=EXPIRES
    )
    with pytest.raises(EventRejected) as refused:
        ledger.apply(again)
    assert refused.value.message == "a grant with id 'p' is already in the register"
    assert refused.value.field == "id"
    assert refused.value.clause == "4.C(3)"


def test_4c5iii_room_held_by_a_promise_is_named_in_the_carve_out_reason():
    ledger = new_ledger()
    ledger.apply(plan_grant(100_000, "employee", gid="g"))
    ledger.apply(Cancellation(date=D(2002, 8, 1), of="g", shares=40_000))
    ledger.apply(PromiseToGrant(date=D(2002, 8, 1), id="p1", of="g", shares=40_000))
    later = OptionGrant(
        date=D(2002, 9, 3), id="h", shares=1_000, exercise_price="0.50", expires=EXPIRES,
        plan=True, grantee="director",
    )
    # room: 1,969,693 − 100,000 used = 1,869,693; the promise holds 40,000 of it
    assert ledger.apply(later).reasons[1] == (
        "1000 of 1000 shares within the carve-out (room 1869693 of 1969693, 40000 held by "
        "promises to grant) (4.C(5)(iii))"
    )


def test_4c3_grant_without_an_id_is_named_by_its_position_and_a_repricing_keeps_it():
    ledger = new_ledger()
    ledger.apply(OptionGrant(date=DAY, shares=1_000, exercise_price="0.50", expires=EXPIRES))
    assert list(ledger.grants) == ["#0"]
    ledger.apply(Repricing(date=D(2002, 8, 1), of="#0", exercise_price="0.25"))
    assert list(ledger.grants) == ["#0"]
    assert ledger.grants["#0"].exercise_price == Fraction(1, 4)


def test_4c3_convertible_issue_determination_and_record_name_the_event():
    ledger = new_ledger()
    determination = ledger.apply(
        ConvertibleIssuance(
            date=DAY, id="cv", max_shares=1_000_000, min_conversion_payment=200_000,
            consideration=500_000, expires=EXPIRES,
        )
    )
    ref = EventRef(index=0, type="convertible-issuance", id="cv")
    assert determination.event == ref
    assert ledger.adjustments[0].event == ref
    assert ledger.grants["cv"].event == ref
