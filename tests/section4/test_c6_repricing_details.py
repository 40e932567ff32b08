"""4.C(6) in detail: what a repricing records — the determination's event, date and every
reason word for word, the terms the repriced grant keeps, the refusals' whole messages.

The figures are the ones of ``test_c6_repricing.py``, worked again here by hand with
Fractions; the FMV is $1.00 on every date unless a test uses ``varied_prices()`` (FMV $1.30
on 2002-09-16).
"""

from __future__ import annotations

import datetime as dt
from fractions import Fraction

import pytest

from engine_helpers import P0, VARIED_DAY, D, new_ledger, spec_first_issue, varied_prices
from warrant.ground.errors import EventRejected
from warrant.register.events import (
    ConvertibleIssuance,
    Exercise,
    Expiry,
    Grantee,
    OptionGrant,
    Repricing,
)
from warrant.register.records import Determination, EventRef, Outcome
from warrant.register.state import GrantKind

GRANT_DAY = D(2002, 7, 1)
MIDDLE = D(2002, 8, 1)
EXPIRES = D(2003, 7, 1)
#: SPEC §14: 1.94 × 7,850,000 / 8,000,000; then 500,000 options at 0.50 with 10,000 paid
P1 = Fraction("1.903625")
P2 = P1 * Fraction(8_260_000, 8_500_000)


def options(*, price: str = "0.50", consideration: int = 10_000) -> OptionGrant:
    return OptionGrant(
        date=GRANT_DAY, id="g", shares=500_000, exercise_price=price,
        consideration=consideration, expires=EXPIRES,
    )


def test_4c6_repricing_upwards_records_its_reason_and_the_new_price() -> None:
    ledger = new_ledger()
    ledger.apply(options())
    determination = ledger.apply(Repricing(date=MIDDLE, of="g", exercise_price="0.60"))
    assert determination == Determination(
        event=EventRef(index=1, type="repricing"),
        date=MIDDLE,
        clause="4.C(6)",
        outcome=Outcome.NO_FURTHER_ADJUSTMENT,
        reasons=(
            "the price of grant 'g' is raised (or unchanged) from 0.5 to 0.6: no adjustment "
            "(4.C(6))",
        ),
    )
    assert ledger.determinations[-1] == determination
    # the grant now carries the higher price: an exercise pays it
    assert ledger.grants["g"].exercise_price == Fraction("0.60")
    ledger.apply(Exercise(date=D(2002, 9, 3), of="g", shares=1_000))
    assert ledger.grants["g"].other.payments == 1_000 * Fraction("0.60")


def test_4c6_repricing_that_stays_at_fmv_records_its_reason_and_the_new_price() -> None:
    ledger = new_ledger()
    ledger.apply(options(price="1.50", consideration=0))
    # 0 + 1.00 is not below the FMV 1.00 of 2002-08-01
    determination = ledger.apply(Repricing(date=MIDDLE, of="g", exercise_price="1.00"))
    assert determination == Determination(
        event=EventRef(index=1, type="repricing"),
        date=MIDDLE,
        clause="4.C(6)",
        outcome=Outcome.NO_FURTHER_ADJUSTMENT,
        reasons=(
            "at the new price the Effective Price 1 is not below the Fair Market Value 1 of "
            "the day: no deemed issue (4.C(6))",
        ),
    )
    assert ledger.grants["g"].exercise_price == 1
    assert ledger.price == P0


def test_4c6_repricing_deemed_options_records_every_reason_and_the_new_terms() -> None:
    ledger = new_ledger(prices=varied_prices())
    ledger.apply(spec_first_issue(D(2002, 6, 3)))
    ledger.apply(options())  # deemed: P2
    ledger.apply(Exercise(date=MIDDLE, of="g", shares=200_000))  # pays 100,000
    determination = ledger.apply(Repricing(date=VARIED_DAY, of="g", exercise_price="0.25"))
    # the figures the reasons show, by hand: P1 = 15,229/8,000, so
    # P2 = 15,229 × 826 / 6,800,000 = 6,289,577 / 3,400,000
    assert Fraction(6_289_577, 3_400_000) == P2
    # old terms closed on the 200,000 exercised for 100,000 + 4,000 (A 8,000,000, FMV 1.00):
    old = Fraction(8_104_000, 8_200_000)
    assert old == Fraction(1013, 1025) and Fraction(8_260_000, 8_500_000) == Fraction(413, 425)
    assert P1 * old == Fraction(15_426_977, 8_200_000)
    # new: 300,000 at 0.25 with 6,000 of the grant price, 81,000 at FMV 1.30: B 810,000/13
    new = (8_200_000 + Fraction(810_000, 13)) / (8_200_000 + 300_000)
    assert P1 * old * new == Fraction(165_701_159_957, 90_610_000_000)
    assert ledger.price == P1 * old * new
    assert determination.event == EventRef(index=3, type="repricing")
    assert determination.date == VARIED_DAY
    assert determination.reasons == (
        "the price of grant 'g' is lowered to 0.25: Effective Price 0.27 below the Fair Market "
        "Value 1.3 — a deemed issue of the 300000 rights outstanding (4.C(6))",
        "old terms closed: readjustment of adjustment 1 (2002-07-01): 300000 deemed shares "
        "lapsed unexercised; on the basis of 200000 shares for 104000 the factor is "
        "1013/1025 (≈0.9882926829) instead of 413/425 (≈0.9717647059); Exercise Price "
        "6289577/3400000 (≈1.8498755882) → 15426977/8200000 (≈1.8813386585) (4.C(3))",
        "Effective Price 0.27 is below the Current Fair Market Value 1.3: Exercise Price "
        "15426977/8200000 (≈1.8813386585) × (8200000 + 810000/13 (≈62307.6923076923)) / "
        "(8200000 + 300000) = 165701159957/90610000000 (≈1.8287292789) (4.C(6))",
    )
    readjusted, issued = ledger.adjustments[-2:]
    assert (readjusted.date, readjusted.clause) == (VARIED_DAY, "4.C(3)")
    assert readjusted.event == EventRef(index=3, type="repricing")
    assert (issued.date, issued.clause) == (VARIED_DAY, "4.C(6)")
    assert issued.note == (
        "deemed issue, on repricing, of the rights still outstanding at the new price"
    )
    # the new terms keep the grant's kind and expiry date
    grant = ledger.grants["g"]
    assert grant.kind is GrantKind.OPTION
    assert grant.expires == EXPIRES
    assert grant.exercise_price == Fraction("0.25")
    ledger.apply(Exercise(date=EXPIRES, of="g", shares=1_000))  # the last day: still open
    with pytest.raises(EventRejected) as caught:
        ledger.apply(Exercise(date=EXPIRES + dt.timedelta(days=1), of="g", shares=1_000))
    assert str(caught.value) == (
        "event[5] (exercise): field 'date': grant 'g' expired on 2003-07-01; it cannot be "
        "exercised on 2003-07-02 [4.C(3)]"
    )


def test_4c6_repricing_plan_options_in_the_carve_out_keeps_them_outstanding_once() -> None:
    ledger = new_ledger()
    ledger.apply(
        OptionGrant(
            date=GRANT_DAY, id="p", shares=1_000_000, exercise_price="1.00",
            consideration=10_000, expires=EXPIRES, plan=True, grantee=Grantee.EMPLOYEE,
        )
    )
    ledger.apply(Exercise(date=MIDDLE, of="p", shares=300_000))
    assert ledger.position.undeemed_options == 700_000
    determination = ledger.apply(Repricing(date=D(2002, 9, 3), of="p", exercise_price="0.25"))
    assert determination.outcome is Outcome.EXCLUDED
    # the 700,000 outstanding are closed at the old price and granted anew: still 700,000
    assert ledger.position.undeemed_options == 700_000
    assert ledger.outstanding.deemed == 0
    # 0.01 of the grant price per right + 0.25 = 0.26, below the FMV 1.00
    assert determination.reasons[0] == (
        "the price of grant 'p' is lowered to 0.25: Effective Price 0.26 below the Fair Market "
        "Value 1 — a deemed issue of the 700000 rights outstanding (4.C(6))"
    )


def test_4c6_repricing_a_grant_with_nothing_left_names_the_repricing() -> None:
    ledger = new_ledger()
    ledger.apply(options())
    ledger.apply(Expiry(date=MIDDLE, of="g"))
    with pytest.raises(EventRejected) as caught:
        ledger.apply(Repricing(date=D(2002, 9, 3), of="g", exercise_price="0.10"))
    assert (caught.value.field, caught.value.clause) == ("of", "4.C(3)")
    assert str(caught.value) == (
        "event[2] (repricing): field 'of': grant 'g' has no rights left to reprice (all "
        "exercised, expired or cancelled) [4.C(3)]"
    )


def test_4c6_repricing_a_convertible_refusal_names_the_field_and_the_way_out() -> None:
    ledger = new_ledger()
    ledger.apply(
        ConvertibleIssuance(
            id="note", date=D(2002, 6, 3), max_shares=1_000_000, consideration=1_000_000
        )
    )
    with pytest.raises(EventRejected) as caught:
        ledger.apply(Repricing(date=D(2002, 9, 3), of="note", exercise_price="0.50"))
    assert (caught.value.field, caught.value.clause) == ("of", "4.C(6)")
    assert str(caught.value) == (
        "event[1] (repricing): field 'of': a lower conversion price changes how many shares "
        "the convertibles are issuable for, which a repricing event cannot state: record a "
        "cancellation of the old terms and a convertible-issuance of the new ones [4.C(6)]"
    )
