"""4.C(6): lowering the price of rights already granted (SPEC §4.5).

Every expected figure is worked by hand with Fractions: ``P' = P × (A + B) / (A + C)``
with ``A`` the shares outstanding before (issued plus deemed, the default reading),
``B`` the consideration ÷ the Current FMV and ``C`` the Additional Shares.  The FMV is
$1.00 on every date unless a test uses ``varied_prices()`` (FMV $1.30 on 2002-09-16,
$1.00 again from 2002-09-24).
"""

from __future__ import annotations

import datetime as dt
from fractions import Fraction

import pytest

from engine_helpers import (
    CAP,
    P0,
    VARIED_DAY,
    VARIED_WINDOW,
    D,
    flat_prices,
    new_ledger,
    price_history,
    snapshot,
    spec_first_issue,
    varied_prices,
)
from warrant.ground.errors import EventRejected, UnknownGrant
from warrant.instrument.readings import CarveOutCounting, Reading
from warrant.register.events import (
    ConvertibleIssuance,
    Exercise,
    Expiry,
    Grantee,
    OptionGrant,
    Repricing,
)
from warrant.register.ledger import OPENING_PLAN_OPTIONS, Capitalization, Ledger
from warrant.register.records import Outcome

FIRST_ISSUE = D(2002, 6, 3)
GRANT_DAY = D(2002, 7, 1)


MIDDLE = D(2002, 8, 1)
LAPSE_DAY = D(2003, 1, 2)


EXPIRES = D(2003, 7, 1)
#: FMV on VARIED_DAY under varied_prices(): (1.10 + 1.20 + 1.30 + 1.40 + 1.50) / 5
FMV_VARIED = Fraction("1.30")
#: SPEC §14: 1.94 × 7,850,000 / 8,000,000; then 500,000 options at 0.50 with 10,000 paid
P1 = Fraction("1.903625")
P2 = P1 * Fraction(8_260_000, 8_500_000)


def options(day=GRANT_DAY, *, gid="g", shares=500_000, price="0.50", consideration=10_000, **more):
    return OptionGrant(
        date=day, id=gid, shares=shares, exercise_price=price, consideration=consideration,
        expires=EXPIRES, **more,
    )


def plan_options(**more):
    return options(
        gid="p", shares=1_000_000, price="1.00", plan=True, grantee=Grantee.EMPLOYEE, **more
    )


def test_4c6a_repricing_options_granted_at_fmv_to_below_fmv_is_a_deemed_issue_that_day():
    ledger = new_ledger(prices=varied_prices())
    granted = ledger.apply(options(price="1.00"))  # 0.02 + 1.00 ≥ 1.00: not deemed
    assert granted.outcome is Outcome.NOT_BELOW_FMV
    ledger.apply(Exercise(date=MIDDLE, of="g", shares=100_000))  # pays 100,000
    assert ledger.price == P0
    assert ledger.outstanding.issued == 7_100_000
    determination = ledger.apply(Repricing(date=VARIED_DAY, of="g", exercise_price="0.50"))
    assert determination.outcome is Outcome.ADJUSTED
    assert determination.clause == "4.C(6)"
    # the 400,000 rights outstanding, deemed issued on the repricing day (FMV 1.30) for
    # their share of the grant price, 10,000 × 400,000/500,000 = 8,000, plus
    # 400,000 × 0.50 = 200,000: 208,000, Effective Price 0.52
    # A = 7,100,000 issued; B = 208,000 / 1.30 = 160,000; C = 400,000
    expected = P0 * Fraction(7_100_000 + 160_000, 7_100_000 + 400_000)
    assert ledger.price == expected
    adjustment = ledger.adjustments[-1]
    assert adjustment.clause == "4.C(6)"
    assert adjustment.date == VARIED_DAY
    assert adjustment.fmv.value == FMV_VARIED
    assert adjustment.fmv.days == VARIED_WINDOW
    assert adjustment.consideration.for_rights == 8_000
    assert adjustment.consideration.minimum_exercise_payments == 200_000
    assert adjustment.consideration.total == 208_000
    assert adjustment.effective_price == Fraction("0.52")
    assert adjustment.outstanding_before == 7_100_000
    assert adjustment.additional_shares == 400_000
    assert adjustment.bought_at_fmv == 160_000
    assert ledger.outstanding.deemed == 400_000
    assert ledger.position.undeemed_options == 0
    grant = ledger.grants["g"]
    assert grant.exercise_price == Fraction("0.50")
    assert grant.outstanding == 400_000
    # and the repriced rights readjust when they lapse: nothing more issued, so back to 1.94
    ledger.apply(Expiry(date=LAPSE_DAY, of="g"))
    assert ledger.price == P0
    assert ledger.outstanding.deemed == 0


def test_4c6a_repriced_rights_exercised_in_full_adjust_nothing_more():
    ledger = new_ledger(prices=varied_prices())
    ledger.apply(options(price="1.00"))
    ledger.apply(Repricing(date=VARIED_DAY, of="g", exercise_price="0.50"))
    # 10,000 + 250,000 = 260,000 at FMV 1.30: B = 200,000; A 7,000,000; C 500,000
    expected = P0 * Fraction(7_200_000, 7_500_000)
    assert ledger.price == expected
    determination = ledger.apply(Exercise(date=D(2002, 10, 1), of="g", shares=500_000))
    assert determination.outcome is Outcome.NO_FURTHER_ADJUSTMENT
    assert ledger.price == expected
    assert ledger.outstanding.issued == 7_500_000
    assert ledger.outstanding.deemed == 0
    assert ledger.grants["g"].other.payments == 250_000  # at the new price


def test_4c6b_repricing_options_already_deemed_issued_after_a_partial_exercise():
    ledger = new_ledger(prices=varied_prices())
    ledger.apply(spec_first_issue(FIRST_ISSUE))
    ledger.apply(options())  # deemed: P2
    assert ledger.price == P2
    ledger.apply(Exercise(date=MIDDLE, of="g", shares=200_000))  # pays 100,000
    determination = ledger.apply(Repricing(date=VARIED_DAY, of="g", exercise_price="0.25"))
    assert determination.clause == "4.C(6)"
    assert determination.outcome is Outcome.ADJUSTED
    # old terms closed: the grant readjusted on the 200,000 exercised, for the 100,000 paid
    # plus the grant price belonging to them, 10,000 × 200/500 = 4,000: 104,000
    # (A 8,000,000 and FMV 1.00 of the original day): factor 8,104,000 / 8,200,000
    old = Fraction(8_000_000 + 104_000, 8_000_000 + 200_000)
    # new deemed issue of the 300,000 outstanding at 0.25, with their 6,000 of the grant
    # price: 6,000 + 75,000 = 81,000 (0.27 < 1.30); A = 8,200,000 issued, nothing deemed;
    # B = 81,000 / 1.30 = 810,000/13; C = 300,000
    new = (8_200_000 + Fraction(810_000, 13)) / (8_200_000 + 300_000)
    assert ledger.price == P1 * old * new
    readjusted, issued = ledger.adjustments[-2:]
    assert determination.adjustments == (readjusted.sequence, issued.sequence)
    assert readjusted.readjustment is True
    assert readjusted.readjusts == 1
    assert readjusted.price_after == P1 * old
    assert readjusted.consideration.total == 104_000
    assert readjusted.additional_shares == 200_000
    assert issued.clause == "4.C(6)"
    assert issued.readjustment is False
    assert issued.consideration.total == 81_000
    assert issued.outstanding_before == 8_200_000
    assert issued.additional_shares == 300_000
    assert ledger.outstanding.issued == 8_200_000
    assert ledger.outstanding.deemed == 300_000
    # the rest lapse: the new issue readjusts to nothing; the old one stays on 200,000
    ledger.apply(Expiry(date=LAPSE_DAY, of="g"))
    assert ledger.price == P1 * old
    assert ledger.outstanding.deemed == 0


def test_4c6b_repricing_after_an_each_expiry_readjustment():
    """Under the each-expiry reading a partial lapse readjusts first; the repricing then
    closes the rest.  Figures are kept where every reading of the grant price agrees:
    nothing was paid for the grant."""
    ledger = new_ledger()
    ledger.apply(options(consideration=0))  # A 7,000,000, B 250,000, C 500,000
    ledger.apply(Expiry(date=D(2002, 7, 10), of="g", shares=100_000))
    # kept: the 400,000 outstanding, for 400,000 × 0.50 = 200,000
    assert ledger.price == P0 * Fraction(7_200_000, 7_400_000)
    ledger.apply(Exercise(date=D(2002, 7, 15), of="g", shares=100_000))  # pays 50,000
    ledger.apply(Repricing(date=MIDDLE, of="g", exercise_price="0.25"))
    # old terms: 100,000 exercised for 50,000: factor 7,050,000 / 7,100,000
    # new: 300,000 at 0.25 = 75,000; A = 7,100,000 issued: factor 7,175,000 / 7,400,000
    assert ledger.price == P0 * Fraction(7_050_000, 7_100_000) * Fraction(7_175_000, 7_400_000)


def test_4c6b_repricing_after_a_partial_lapse_keeps_the_lapsed_rights_grant_price():
    ledger = new_ledger()
    ledger.apply(options())  # 500,000 at 0.50, 10,000 paid: 0.02 per right
    ledger.apply(Expiry(date=D(2002, 7, 10), of="g", shares=100_000))
    ledger.apply(Exercise(date=D(2002, 7, 15), of="g", shares=100_000))  # pays 50,000
    ledger.apply(Repricing(date=MIDDLE, of="g", exercise_price="0.25"))
    # the 300,000 outstanding take their 6,000 to the new issue; the old issue keeps the
    # rest of the 10,000 — 2,000 of the exercised rights and 2,000 of the lapsed ones:
    # 100,000 shares for 50,000 + 4,000 = 54,000 (A 7,000,000, FMV 1.00)
    old = Fraction(7_000_000 + 54_000, 7_000_000 + 100_000)
    # new: 300,000 for 6,000 + 75,000 = 81,000; A = 7,100,000
    new = Fraction(7_100_000 + 81_000, 7_100_000 + 300_000)
    assert ledger.price == P0 * old * new


def test_4c6c_repricing_upwards_adjusts_nothing():
    ledger = new_ledger()
    ledger.apply(spec_first_issue(FIRST_ISSUE))
    ledger.apply(options())
    before = len(ledger.adjustments)
    determination = ledger.apply(Repricing(date=MIDDLE, of="g", exercise_price="0.60"))
    assert determination.outcome is Outcome.NO_FURTHER_ADJUSTMENT
    assert determination.clause == "4.C(6)"
    assert determination.adjustments == ()
    assert len(ledger.adjustments) == before
    assert ledger.price == P2
    assert ledger.outstanding.deemed == 500_000
    # an unchanged price is no reduction either
    ledger.apply(Repricing(date=MIDDLE, of="g", exercise_price="0.60"))
    assert ledger.price == P2
    assert len(ledger.adjustments) == before


def test_4c6d_repricing_that_stays_at_or_above_fmv_adjusts_nothing():
    ledger = new_ledger()
    ledger.apply(options(price="1.50", consideration=0))
    # 1.00 + 0 is not below the FMV 1.00 of the day
    determination = ledger.apply(Repricing(date=MIDDLE, of="g", exercise_price="1.00"))
    assert determination.outcome is Outcome.NO_FURTHER_ADJUSTMENT
    assert ledger.adjustments == ()
    assert ledger.price == P0
    assert ledger.outstanding.deemed == 0
    assert ledger.position.undeemed_options == 500_000


def test_4c6d_lowering_deemed_options_in_a_fallen_market_adjusts_nothing():
    prices = price_history(after={D(2002, 8, 1): "0.40"})
    ledger = new_ledger(prices=prices)
    ledger.apply(options())  # 0.52 < 1.00: deemed
    deemed_price = P0 * Fraction(7_260_000, 7_500_000)
    assert ledger.price == deemed_price
    # on 2002-09-03 the FMV is 0.40: 0.02 + 0.45 = 0.47 is not below it
    determination = ledger.apply(Repricing(date=D(2002, 9, 3), of="g", exercise_price="0.45"))
    assert determination.outcome is Outcome.NO_FURTHER_ADJUSTMENT
    assert ledger.price == deemed_price
    assert ledger.outstanding.deemed == 500_000


def test_4c6e_plan_options_in_the_carve_out_stay_excluded_under_issued_or_issuable():
    ledger = new_ledger()
    assert ledger.apply(plan_options()).outcome is Outcome.EXCLUDED
    ledger.apply(Exercise(date=MIDDLE, of="p", shares=300_000))
    determination = ledger.apply(Repricing(date=D(2002, 9, 3), of="p", exercise_price="0.25"))
    assert determination.outcome is Outcome.EXCLUDED
    assert ledger.price == P0
    assert ledger.adjustments == ()
    assert ledger.outstanding.deemed == 0
    # 300,000 issued + 700,000 issuable
    assert ledger.carve_out.used == 1_000_000
    assert dict(ledger.carve_out.by_grant) == {"p": 1_000_000}


def test_4c6e_plan_options_repriced_under_cumulative_grants_need_new_room():
    ledger = new_ledger(reading=Reading(carve_out_counting=CarveOutCounting.CUMULATIVE_GRANTS))
    ledger.apply(plan_options())  # 10,000 paid for 1,000,000: 0.01 per share
    assert ledger.carve_out.used == 1_000_000
    determination = ledger.apply(Repricing(date=D(2002, 9, 3), of="p", exercise_price="0.25"))
    assert determination.clause == "4.C(6)"
    assert determination.outcome is Outcome.ADJUSTED
    # the regrant needs 1,000,000 more room: 969,693 is left, so 30,307 overflow and are
    # deemed issued at 0.25 with their 0.01 each of the grant price: 30,307 × 0.26
    overflow = 1_000_000 - (CAP - 1_000_000)
    assert overflow == 30_307
    consideration = overflow * Fraction("0.26")
    assert consideration == Fraction("7879.82")
    # A 7,000,000, B 7,879.82, C 30,307
    assert ledger.price == P0 * (7_000_000 + consideration) / (7_000_000 + overflow)
    assert ledger.adjustments[-1].consideration.total == consideration
    assert ledger.outstanding.deemed == overflow
    assert ledger.carve_out.used == CAP
    assert ledger.carve_out.remaining == 0
    assert dict(ledger.carve_out.by_grant) == {"p": CAP}


@pytest.mark.parametrize(
    "counting", list(CarveOutCounting), ids=[c.value for c in CarveOutCounting]
)
def test_4c6e_repricing_the_plan_options_outstanding_at_the_issue_date(counting):
    """4.C(6) reaches options outstanding on the Issue Date too (SPEC §8: 1,592,376)."""
    ledger = new_ledger(plan_options=1_592_376, reading=Reading(carve_out_counting=counting))
    ledger.apply(Repricing(date=D(2002, 9, 3), of=OPENING_PLAN_OPTIONS, exercise_price="0.25"))
    if counting is CarveOutCounting.ISSUED_OR_ISSUABLE:
        # the room they held is freed and taken again: nothing outside the carve-out
        assert ledger.price == P0
        assert ledger.carve_out.used == 1_592_376
        assert ledger.outstanding.deemed == 0
    else:
        # their 1,592,376 keep their room for good; the regrant finds 1,969,693 − 1,592,376
        # = 377,317 and 1,215,059 overflow, deemed issued at 0.25 (nothing paid for them)
        overflow = Fraction(1_592_376 - (1_969_693 - 1_592_376))
        assert overflow == 1_215_059
        # A 7,000,000, B = 1,215,059 × 0.25 = 303,764.75, C 1,215,059
        assert ledger.price == P0 * (7_000_000 + overflow / 4) / (7_000_000 + overflow)
        assert ledger.carve_out.used == CAP
        assert ledger.outstanding.deemed == overflow


def test_4c6f_repricing_an_unknown_grant_refused_and_nothing_changes():
    ledger = new_ledger()
    ledger.apply(options())
    before = snapshot(ledger)
    with pytest.raises(UnknownGrant) as caught:
        ledger.apply(Repricing(date=MIDDLE, of="nope", exercise_price="0.10"))
    assert caught.value.field == "of"
    assert snapshot(ledger) == before


@pytest.mark.parametrize("close", ["expire", "exercise"])
def test_4c6f_repricing_a_fully_closed_grant_refused_and_nothing_changes(close):
    ledger = new_ledger()
    ledger.apply(options())
    if close == "expire":
        ledger.apply(Expiry(date=MIDDLE, of="g"))
    else:
        ledger.apply(Exercise(date=MIDDLE, of="g", shares=500_000))
    before = snapshot(ledger)
    with pytest.raises(EventRejected) as caught:
        ledger.apply(Repricing(date=D(2002, 9, 3), of="g", exercise_price="0.10"))
    assert caught.value.field == "of"
    assert snapshot(ledger) == before


def flat_ledger(common: int = 7_000_000) -> Ledger:
    """A ledger with FMV $1.00 on every date and ``common`` shares at the Issue Date."""
    return Ledger(capitalization=Capitalization(common_outstanding=common), prices=flat_prices())


def test_4c6_repricing_a_convertible_is_refused_not_misread() -> None:
    book = flat_ledger()
    book.apply(
        ConvertibleIssuance(
            id="note", date=dt.date(2002, 6, 3), max_shares=1_000_000, consideration=1_000_000
        )
    )
    before = (book.price, len(book.determinations))
    with pytest.raises(EventRejected) as caught:
        book.apply(Repricing(date=dt.date(2002, 9, 3), of="note", exercise_price="0.50"))
    assert caught.value.clause == "4.C(6)"
    assert "event[1]" in str(caught.value)
    assert (book.price, len(book.determinations)) == before
