"""4.C(1): the determination, reasons, note and step of a tested issue, word for word."""

from __future__ import annotations

from fractions import Fraction

from engine_helpers import D, new_ledger, spec_first_issue
from warrant.register.events import Issuance, OptionGrant
from warrant.register.records import EventRef, Outcome

DAY = D(2002, 6, 3)
LATER = D(2002, 7, 1)


def test_4c1_below_fmv_determination_names_event_date_and_the_worked_formula():
    # consideration 900,000 − 50,000 = 850,000 for 1,000,000 shares: Effective Price 0.85 < 1
    # 1.94 × (7,000,000 + 850,000) / (7,000,000 + 1,000,000) = 1.903625
    assert Fraction("1.94") * Fraction(7_850_000, 8_000_000) == Fraction("1.903625")
    ledger = new_ledger()
    determination = ledger.apply(spec_first_issue(DAY))
    assert determination.event == EventRef(index=0, type="issuance", id=None)
    assert determination.date == DAY
    assert determination.clause == "4.C(1)"
    assert determination.outcome is Outcome.ADJUSTED
    assert determination.reasons == (
        "Effective Price 0.85 is below the Current Fair Market Value 1: Exercise Price 1.94 × "
        "(7000000 + 850000) / (7000000 + 1000000) = 1.903625 (4.C(1))",
    )
    (adjustment,) = ledger.adjustments
    assert adjustment.note == ""


def test_4c1_issue_at_exactly_the_fmv_is_not_below_it_and_says_so():
    ledger = new_ledger()
    ledger.apply(spec_first_issue(DAY))
    # 100 shares for $100: Effective Price 1, equal to the Current FMV of 1
    determination = ledger.apply(Issuance(date=LATER, shares=100, cash=100, id="at-fmv"))
    assert determination.event == EventRef(index=1, type="issuance", id="at-fmv")
    assert determination.date == LATER
    assert determination.outcome is Outcome.NOT_BELOW_FMV
    assert determination.reasons == (
        "Effective Price 1 is not below the Current Fair Market Value 1: no adjustment (4.C(1))",
    )
    assert determination.adjustments == ()


def test_4c1_step_of_a_deemed_issue_names_its_grant():
    # 500,000 options at $0.50 with $0.02 paid each: Effective Price 0.52 < 1
    ledger = new_ledger()
    ledger.apply(
        OptionGrant(
            date=LATER, id="g", shares=500_000, exercise_price="0.50", consideration=10_000,
            expires=D(2003, 7, 1),
        )
    )
    (step,) = ledger._book().steps
    assert step.grant == "g"
    assert step.factor == Fraction(7_000_000 + 260_000, 7_000_000 + 500_000)
