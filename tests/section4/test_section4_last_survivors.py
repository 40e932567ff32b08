"""Section 4: the last surviving mutants of 4.C(3)-(7) and 4.D, pinned by exact figures."""

from __future__ import annotations

from fractions import Fraction

import pytest

from engine_helpers import CAP, COMMON, P0, D, new_ledger
from warrant.ground.errors import EventRejected
from warrant.register.events import (
    Buyback,
    Cancellation,
    Exercise,
    Expiry,
    OptionGrant,
    PromiseToGrant,
    Reorganization,
    Repricing,
    StockSplit,
)
from warrant.register.ledger import OPENING_PLAN_OPTIONS
from warrant.register.records import EventRef, Outcome

GRANT_DAY = D(2002, 7, 1)
LATER = D(2002, 8, 1)
LATEST = D(2002, 9, 2)
EXPIRES = D(2003, 7, 1)


def options(**changes):
    terms = {
        "date": GRANT_DAY, "id": "g", "shares": 500_000, "exercise_price": "0.50",
        "consideration": 0, "expires": EXPIRES,
    }
    terms.update(changes)
    return OptionGrant(**terms)


# -- 4.C(3) after the grant -----------------------------------------------------------------


def test_4c3_opening_options_exercise_names_the_event_and_both_reasons():
    opening = CAP + 100_000
    ledger = new_ledger(plan_options=opening)
    determination = ledger.apply(
        Exercise(date=LATER, of=OPENING_PLAN_OPTIONS, shares=opening,
                 consideration=Fraction(opening, 2))
    )
    assert determination.event == EventRef(index=0, type="exercise")
    assert determination.clause == "4.C(1)"
    assert determination.reasons[:2] == (
        "1969693 shares on exercise of plan options in the carve-out are excluded (4.C(5)(iii))",
        "options outstanding before the Issue Date were never deemed issued; their shares "
        "are tested now (4.C(1))",
    )


def test_4c3_opening_options_inside_the_cap_without_consideration_record_nothing_paid():
    ledger = new_ledger(plan_options=1_000)
    ledger.apply(Exercise(date=LATER, of=OPENING_PLAN_OPTIONS, shares=1_000))
    tally = ledger.grants[OPENING_PLAN_OPTIONS].excluded
    assert (tally.exercised, tally.payments) == (1_000, 0)


def test_4c3_exercise_of_deemed_rights_reason():
    ledger = new_ledger()
    ledger.apply(options())
    determination = ledger.apply(Exercise(date=LATER, of="g", shares=200_000))
    assert determination.reasons == (
        "200000 shares deemed issued when the rights were granted are now issued: no further "
        "adjustment (4.C(3))",
    )


def test_4c3_exercise_of_rights_tested_at_fmv_reason():
    ledger = new_ledger()
    ledger.apply(options(exercise_price=1))
    determination = ledger.apply(Exercise(date=LATER, of="g", shares=200_000))
    assert determination.outcome is Outcome.NO_FURTHER_ADJUSTMENT
    assert determination.reasons == (
        "the rights were tested once, when granted, at or above Fair Market Value: their "
        "exercise adjusts nothing (4.C(3))",
    )


def test_4c3_readjustment_records_the_effective_price_of_the_kept_shares():
    # deemed: A 7,000,000, B 250,000, C 500,000; 200,000 exercised for 100,000, 300,000 lapse
    ledger = new_ledger()
    ledger.apply(options())
    ledger.apply(Exercise(date=LATER, of="g", shares=200_000))
    ledger.apply(Expiry(date=LATEST, of="g", shares=300_000))
    adjustment = ledger.adjustments[-1]
    assert adjustment.effective_price == Fraction(100_000, 200_000)
    assert adjustment.additional_shares == 200_000
    assert ledger.price == P0 * Fraction(7_100_000, 7_200_000)


def test_4c3_readjustment_to_factor_one_clamps_the_step():
    ledger = new_ledger()
    ledger.apply(options())
    ledger.apply(Expiry(date=LATEST, of="g", shares=500_000))
    (step,) = ledger._book().steps
    assert step.factor == 1
    assert step.clamped is True
    assert ledger.price == P0


def test_4c3_readjustment_after_a_split_counts_kept_shares_in_the_step_units():
    # after 2:1 the grant is 1,000,000 at 0.25; 400,000 exercised for 100,000 are 200,000
    # shares of the deemed issue: factor (7,000,000 + 100,000) / (7,000,000 + 200,000)
    ledger = new_ledger()
    ledger.apply(options())
    ledger.apply(StockSplit(date=D(2002, 7, 2), ratio=2))
    ledger.apply(Exercise(date=LATER, of="g", shares=400_000))
    ledger.apply(Expiry(date=LATEST, of="g", shares=600_000))
    adjustment = ledger.adjustments[-1]
    assert adjustment.additional_shares == 200_000
    assert ledger.price == P0 / 2 * Fraction(7_100_000, 7_200_000)


def test_4c6_old_terms_keep_only_what_was_paid_for_rights_not_repriced():
    ledger = new_ledger()
    ledger.apply(options(consideration=50_000))
    ledger.apply(Repricing(date=LATER, of="g", exercise_price="0.25"))
    closed = ledger.adjustments[1]
    assert closed.readjustment
    assert closed.consideration.for_rights == 0
    assert closed.consideration.total == 0


# -- 4.C(3)/(4) deemed issues ---------------------------------------------------------------


def test_4c3_plan_options_to_a_director_reason():
    ledger = new_ledger()
    determination = ledger.apply(
        options(shares=100_000, plan=True, grantee="director", exercise_price=1)
    )
    assert determination.reasons[0] == "plan options to a director"


def test_4c3_options_outside_the_plans_reason():
    ledger = new_ledger()
    determination = ledger.apply(options())
    assert determination.reasons[0] == (
        "options granted outside the plans are not in the carve-out (4.C(5)(iii))"
    )


def test_4c3_duplicate_grant_id_is_refused_on_id():
    ledger = new_ledger()
    ledger.apply(options())
    with pytest.raises(EventRejected) as refused:
        ledger.apply(options(date=LATER))
    assert refused.value.message == "a grant with id 'g' is already in the register"
    assert refused.value.field == "id"
    assert refused.value.clause == "4.C(3)"


def test_4c3_deemed_issue_names_the_event_in_record_and_determination():
    ledger = new_ledger()
    determination = ledger.apply(options())
    ref = EventRef(index=0, type="option-grant", id="g")
    assert determination.event == ref
    assert ledger.adjustments[0].event == ref
    assert ledger.price == P0 * Fraction(7_250_000, 7_500_000)


def test_4c3_room_held_by_promises_is_named():
    ledger = new_ledger(plan_options=CAP)
    ledger.apply(Cancellation(date=LATER, of=OPENING_PLAN_OPTIONS, shares=1_000_000))
    ledger.apply(PromiseToGrant(date=LATER, id="p1", of=OPENING_PLAN_OPTIONS, shares=1_000_000))
    determination = ledger.apply(
        options(date=LATEST, shares=100_000, plan=True, grantee="employee", exercise_price=1)
    )
    assert determination.reasons[1] == (
        "0 of 100000 shares within the carve-out (room 0 of 1969693, 1000000 held by "
        "promises to grant) (4.C(5)(iii))"
    )


def test_4c6_repriced_terms_keep_the_old_terms_in_history():
    ledger = new_ledger()
    ledger.apply(options())
    ledger.apply(Repricing(date=LATER, of="g", exercise_price="0.25"))
    grant = ledger.grants["g"]
    assert grant.exercise_price == Fraction(1, 4)
    (old,) = grant.history
    assert old.exercise_price == Fraction(1, 2)
    assert old.history == ()


# -- 4.C(5), 4.C(7), 4.D --------------------------------------------------------------------


def test_4c5_buying_back_every_share_is_refused_under_4c5():
    ledger = new_ledger()
    with pytest.raises(EventRejected) as refused:
        ledger.apply(Buyback(date=LATER, shares=COMMON))
    assert refused.value.clause == "4.C(5)"
    assert refused.value.field == "shares"


def test_4c7_event_after_reorganisation_reason():
    ledger = new_ledger()
    ledger.apply(Reorganization(date=D(2002, 9, 3), basket={"cash": 2}))
    determination = ledger.apply(Buyback(date=D(2002, 10, 1), shares=1))
    assert determination.reasons == (
        "since the reorganisation of 2002-09-03 the warrant is exercisable for other "
        "securities; any protection against this event must be determined substantially in "
        "the manner of 4.C by the parties — the library computes no change (4.C(7))",
    )
