"""4.C(3) after the grant: exact refusals, reasons, counts and tallies of exercise and lapse."""

from __future__ import annotations

from fractions import Fraction

import pytest

from engine_helpers import CAP, COMMON, P0, D, flat_prices, new_ledger
from warrant.ground.errors import EventRejected
from warrant.instrument.readings import CarveOutCounting, Reading, ReadjustOn
from warrant.register.events import (
    Cancellation,
    ConvertibleIssuance,
    Exercise,
    Expiry,
    OptionGrant,
    PromiseToGrant,
    StockSplit,
)
from warrant.register.ledger import OPENING_PLAN_OPTIONS, Capitalization, Ledger
from warrant.register.records import Determination, EventRef, Outcome

GRANT_DAY = D(2002, 7, 1)
LATER = D(2002, 8, 1)
LATEST = D(2002, 9, 2)
EXPIRES = D(2003, 7, 1)

ISSUED_OR_ISSUABLE = CarveOutCounting.ISSUED_OR_ISSUABLE
CUMULATIVE = CarveOutCounting.CUMULATIVE_GRANTS

LAPSES = [(Expiry, "expire", "expiry"), (Cancellation, "cancel", "cancellation")]
EVENT_VERBS = [(Exercise, "exercise"), *[(event, verb) for event, verb, _ in LAPSES]]


def options(*, gid="g", shares=500_000, price="0.50", consideration=0, plan=False, day=GRANT_DAY):
    more = {"plan": True, "grantee": "employee"} if plan else {}
    return OptionGrant(
        date=day, id=gid, shares=shares, exercise_price=price, consideration=consideration,
        expires=EXPIRES, **more,
    )


def mixed_ledger(counting: CarveOutCounting) -> Ledger:
    """A filler plan grant leaves 500,000 of room; plan grant "m" of 1,000,000 at 0.50 then
    has 500,000 inside the carve-out and 500,000 deemed issued: A 7,000,000, B 250,000,
    C 500,000, factor 29/30."""
    ledger = new_ledger(reading=Reading(carve_out_counting=counting))
    ledger.apply(options(gid="filler", shares=CAP - 500_000, plan=True))
    ledger.apply(options(gid="m", shares=1_000_000, plan=True))
    grant = ledger.grants["m"]
    assert (grant.excluded.outstanding, grant.other.outstanding) == (500_000, 500_000)
    assert ledger.price == P0 * Fraction(29, 30)
    return ledger


# -- refusals -----------------------------------------------------------------------------


@pytest.mark.parametrize(("event", "verb"), EVENT_VERBS)
def test_4c3_no_rights_left_is_refused_on_of(event, verb):
    ledger = new_ledger()
    ledger.apply(options())
    ledger.apply(Expiry(date=LATER, of="g"))
    with pytest.raises(EventRejected) as refused:
        ledger.apply(event(date=LATEST, of="g", shares=1))
    assert refused.value.message == (
        f"grant 'g' has no rights left to {verb} (all exercised, expired or cancelled)"
    )
    assert refused.value.field == "of"
    assert refused.value.clause == "4.C(3)"


@pytest.mark.parametrize(("event", "verb"), EVENT_VERBS)
def test_4c3_more_shares_than_remain_is_refused_on_shares(event, verb):
    ledger = new_ledger()
    ledger.apply(options())
    with pytest.raises(EventRejected) as refused:
        ledger.apply(event(date=LATER, of="g", shares=600_000))
    assert refused.value.message == (
        f"cannot {verb} 600000 shares of grant 'g': only 500000 remain"
    )
    assert refused.value.field == "shares"
    assert refused.value.clause == "4.C(3)"


def test_4c3_exercise_after_the_grant_expired_is_refused_on_date():
    ledger = new_ledger()
    ledger.apply(options())
    with pytest.raises(EventRejected) as refused:
        ledger.apply(Exercise(date=D(2003, 7, 2), of="g", shares=1))
    assert refused.value.message == (
        "grant 'g' expired on 2003-07-01; it cannot be exercised on 2003-07-02"
    )
    assert refused.value.field == "date"
    assert refused.value.clause == "4.C(3)"


def test_4c1_opening_options_outside_the_cap_need_the_consideration():
    ledger = new_ledger(plan_options=CAP + 100_000)
    with pytest.raises(EventRejected) as refused:
        ledger.apply(Exercise(date=LATER, of=OPENING_PLAN_OPTIONS, shares=CAP + 100_000))
    assert refused.value.message == (
        "the exercise price of options outstanding before the Issue Date is not in the "
        "register: state the consideration paid"
    )
    assert refused.value.field == "consideration"
    assert refused.value.clause == "4.C(1)"


# -- exercise -----------------------------------------------------------------------------


def test_4c3_exercise_of_carve_out_options_is_excluded():
    ledger = new_ledger()
    ledger.apply(options(plan=True))
    determination = ledger.apply(Exercise(date=LATER, of="g", shares=100_000))
    assert determination == Determination(
        event=EventRef(index=1, type="exercise"), date=LATER, clause="4.C(3)",
        outcome=Outcome.NO_FURTHER_ADJUSTMENT,
        reasons=("100000 shares on exercise of plan options in the carve-out are excluded "
                 "(4.C(5)(iii))",),
    )
    assert ledger.position.issued == COMMON + 100_000
    assert ledger.position.undeemed_options == 400_000


def test_4c3_exercise_over_a_fixed_cap_held_partly_by_a_promise_is_a_manual_determination():
    ledger = new_ledger(reading=Reading(carve_out_follows_splits=False))
    ledger.apply(options(gid="p", shares=1_000_000, plan=True))
    ledger.apply(StockSplit(date=D(2002, 7, 2), ratio=2))  # used 2,000,000; cap stays
    ledger.apply(Cancellation(date=D(2002, 7, 3), of="p", shares=200_000))  # used 1,800,000
    ledger.apply(PromiseToGrant(date=D(2002, 7, 3), id="pr", of="p", shares=200_000))
    # the promise holds the room left: 1,969,693 - 1,800,000 = 169,693
    ledger.apply(StockSplit(date=D(2002, 7, 4), ratio=2))
    # used 3,600,000 and held 339,386 against the fixed cap 1,969,693
    over = 3_600_000 + 339_386 - CAP
    assert over == 1_969_693
    determination = ledger.apply(Exercise(date=D(2002, 7, 5), of="p", shares=100_000))
    assert determination.outcome is Outcome.MANUAL_DETERMINATION
    assert determination.clause == "4.C(3)"
    assert determination.reasons == (
        "the carve-out is 1969693 shares over its fixed cap (reading: "
        "carve_out_follows_splits = false): 4.C(5)(iii) excludes only up to the cap, so up "
        "to 100000 of these 100000 shares may be Additional Shares; which plan shares the "
        "cap covers, and the 4.C(1) test of the rest, is a manual determination",
    )


def test_4c1_opening_options_outside_the_cap_are_tested_on_the_day_of_exercise():
    opening = CAP + 100_000
    ledger = new_ledger(plan_options=opening)
    ledger.apply(
        Exercise(date=LATER, of=OPENING_PLAN_OPTIONS, shares=opening,
                 consideration=Fraction(opening, 2))
    )
    adjustment = ledger.adjustments[-1]
    # A 7,000,000; B 50,000 paid for the 100,000 shares outside; C 100,000
    assert adjustment.price_after == P0 * Fraction(7_050_000, 7_100_000)
    assert adjustment.clause == "4.C(1)"
    assert adjustment.date == LATER
    assert adjustment.event == EventRef(index=0, type="exercise")
    assert adjustment.note == "exercise of options outstanding before the Issue Date"
    assert ledger.position.issued == COMMON + opening
    assert ledger.position.undeemed_options == 0


# -- expiry and cancellation ----------------------------------------------------------------


@pytest.mark.parametrize(("lapse", "verb", "kind"), LAPSES)
def test_4c3_lapse_of_rights_never_deemed_issued(lapse, verb, kind):
    ledger = new_ledger()
    ledger.apply(options(price=1))  # at the FMV: tested once, not deemed issued
    determination = ledger.apply(lapse(date=LATER, of="g", shares=200_000))
    assert determination == Determination(
        event=EventRef(index=1, type=kind), date=LATER, clause="4.C(3)",
        outcome=Outcome.NO_FURTHER_ADJUSTMENT,
        reasons=("the rights were never deemed issued: nothing to readjust (4.C(3))",),
    )
    assert ledger.position.undeemed_options == 300_000
    assert ledger.grants["g"].other.lapsed == 200_000


@pytest.mark.parametrize(
    ("counting", "reason", "used"),
    [
        (ISSUED_OR_ISSUABLE, "200000 plan-option shares no longer issuable free their room in "
         "the carve-out (reading: issued-or-issuable)", 300_000),
        (CUMULATIVE, "200000 plan-option shares lapse; their room stays used "
         "(reading: cumulative-grants)", 500_000),
    ],
)
def test_4c3_lapse_of_carve_out_options_under_each_counting(counting, reason, used):
    ledger = new_ledger(reading=Reading(carve_out_counting=counting))
    ledger.apply(options(plan=True))
    determination = ledger.apply(Cancellation(date=LATER, of="g", shares=200_000))
    assert determination == Determination(
        event=EventRef(index=1, type="cancellation"), date=LATER, clause="4.C(3)",
        outcome=Outcome.NO_FURTHER_ADJUSTMENT, reasons=(reason,),
    )
    assert ledger.position.carve_out_used == used
    assert ledger.position.undeemed_options == 300_000


def test_4c3_final_expiry_reading_says_the_partial_lapse_waits():
    ledger = new_ledger(reading=Reading(readjust_on=ReadjustOn.FINAL_EXPIRY))
    ledger.apply(options(consideration=10_000))
    price = ledger.price
    determination = ledger.apply(Expiry(date=LATER, of="g", shares=100_000))
    assert determination == Determination(
        event=EventRef(index=1, type="expiry"), date=LATER, clause="4.C(3)",
        outcome=Outcome.NO_FURTHER_ADJUSTMENT,
        reasons=("100000 deemed shares lapsed; under the final-expiry reading the "
                 "readjustment waits until the last of these rights is gone (4.C(3))",),
    )
    assert ledger.price == price
    assert ledger.position.deemed == 500_000


def test_4c3_issued_or_issuable_lapse_of_a_mixed_grant_shrinks_the_overflow_first():
    ledger = mixed_ledger(ISSUED_OR_ISSUABLE)
    first = ledger.apply(Expiry(date=LATER, of="m", shares=600_000))
    grant = ledger.grants["m"]
    # 500,000 from the deemed overflow, the other 100,000 from the carve-out part
    assert grant.other.lapsed == 500_000
    assert grant.other.outstanding == 0
    assert grant.excluded.lapsed == 100_000
    assert grant.excluded.outstanding == 400_000
    assert ledger.position.carve_out_used == CAP - 100_000
    assert ledger.position.undeemed_options == CAP - 100_000
    assert ledger.position.deemed == 0
    assert ledger.price == P0  # readjusted on 0 shares for 0: no adjustment
    assert first.outcome is Outcome.READJUSTED
    assert first.reasons == (
        "100000 plan-option shares no longer issuable free their room in the carve-out "
        "(reading: issued-or-issuable)",
        ledger.adjustments[-1].note,
    )
    # now only the carve-out part is left: nothing deemed lapses, nothing waits
    second = ledger.apply(Expiry(date=LATEST, of="m", shares=100_000))
    assert second == Determination(
        event=EventRef(index=3, type="expiry"), date=LATEST, clause="4.C(3)",
        outcome=Outcome.NO_FURTHER_ADJUSTMENT,
        reasons=("100000 plan-option shares no longer issuable free their room in the "
                 "carve-out (reading: issued-or-issuable)",),
    )
    assert ledger.position.carve_out_used == CAP - 200_000


def test_4c3_cumulative_lapse_of_a_mixed_grant_is_pro_rata():
    ledger = mixed_ledger(CUMULATIVE)
    determination = ledger.apply(Expiry(date=LATER, of="m", shares=200_000))
    grant = ledger.grants["m"]
    assert grant.other.lapsed == grant.excluded.lapsed == 100_000
    assert ledger.position.carve_out_used == CAP
    assert ledger.position.undeemed_options == CAP - 100_000
    assert ledger.position.deemed == 400_000
    # kept 400,000 for 200,000: (7,000,000 + 200,000) / (7,000,000 + 400,000) = 36/37
    assert ledger.price == P0 * Fraction(36, 37)
    assert determination.reasons == (
        "100000 plan-option shares lapse; their room stays used (reading: cumulative-grants)",
        ledger.adjustments[-1].note,
    )


def test_4c3_readjustment_of_a_convertible_counts_what_was_paid_for_the_kept_shares():
    ledger = new_ledger()
    ledger.apply(
        ConvertibleIssuance(date=GRANT_DAY, id="cv", max_shares=400_000,
                            min_conversion_payment=100_000, consideration=40_000, expires=EXPIRES)
    )
    ledger.apply(Exercise(date=LATER, of="cv", shares=100_000))
    determination = ledger.apply(Expiry(date=LATEST, of="cv", shares=100_000))
    ref = EventRef(index=2, type="expiry")
    assert determination.event == ref
    assert determination.outcome is Outcome.READJUSTED
    adjustment = ledger.adjustments[-1]
    assert adjustment.event == ref
    # 0.10 paid per share for the 100,000 converted and the 200,000 still outstanding
    assert adjustment.consideration.for_rights == 30_000
    assert adjustment.consideration.cash == 25_000
    assert adjustment.consideration.minimum_exercise_payments == 50_000
    assert adjustment.additional_shares == 300_000
    assert adjustment.outstanding_before == COMMON
    assert adjustment.outstanding_after == COMMON + 300_000
    # (7,000,000 + 105,000) / (7,000,000 + 300,000)
    assert ledger.price == P0 * Fraction(7_105_000, 7_300_000)


def test_4c3_readjusting_an_earlier_deemed_issue_recomputes_a_later_readjusted_one():
    ledger = new_ledger()
    ledger.apply(options(gid="g1", shares=1_000_000))  # 7,500,000 / 8,000,000 = 15/16
    ledger.apply(options(gid="g2", shares=1_000_000))  # 8,500,000 / 9,000,000 = 17/18
    assert ledger.price == P0 * Fraction(15, 16) * Fraction(17, 18)
    ledger.apply(Expiry(date=LATER, of="g2", shares=500_000))
    # g2 kept 500,000 for 250,000 on A 8,000,000: 8,250,000 / 8,500,000 = 33/34
    assert ledger.price == P0 * Fraction(15, 16) * Fraction(33, 34)
    ledger.apply(Expiry(date=LATEST, of="g1"))
    # g1 back to 1; g2's A loses g1's 1,000,000: 7,250,000 / 7,500,000 = 29/30
    assert ledger.price == P0 * Fraction(29, 30)


def test_4c3_a_deemed_issue_readjusted_to_nothing_with_no_rights_left_is_retired():
    ledger = Ledger(
        capitalization=Capitalization(common_outstanding=COMMON), prices=flat_prices(),
        checkpoints=True,
    )
    ledger.apply(options(gid="g1"))  # step 0
    ledger.apply(options(gid="g2"))  # step 1
    ledger.apply(Expiry(date=LATER, of="g2"))  # 0 shares for 0: factor 1, nothing left
    ledger.apply(StockSplit(date=LATEST, ratio=2))  # first reads carve_out_follows_splits
    before_split = ledger.checkpoints[-1]
    assert before_split.index == 3
    assert before_split.live_steps == (0,)  # g1's step lives on; g2's can never change again
    assert ledger.price == P0 * Fraction(29, 30) / 2
