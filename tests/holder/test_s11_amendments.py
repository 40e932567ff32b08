"""Section 11: an amendment changes the terms, or waives a later adjustment, only when
its signers hold a majority of the shares the Warrants are exercisable for that day.

Every figure below is worked here from the SPEC §14 example (7,000,000 outstanding, every
close $1.00, the Exercise Price $1.94) and the counts of the series."""

from __future__ import annotations

from fractions import Fraction

import pytest

from engine_helpers import D, spec_first_issue
from holder_helpers import full_snapshot, series_ledger
from warrant.ground.errors import EventRejected, InvalidValue
from warrant.register.events import Grantee, Issuance, OptionGrant
from warrant.register.holder_events import Amendment
from warrant.register.records import Outcome

F = Fraction
DAY = D(2002, 5, 1)


def _two_banks():
    return series_ledger(("X", "Bank X", 60_000), ("Y", "Bank Y", 40_000))


def test_an_amendment_without_the_majority_is_refused_and_changes_nothing():
    ledger = _two_banks()
    before = full_snapshot(ledger)
    amendment = Amendment(date=DAY, signed=("Y",), terms={"carve_out_cap": 2_500_000})
    with pytest.raises(EventRejected) as refused:
        ledger.apply(amendment)
    assert refused.value.field == "signed"
    assert refused.value.clause == "Section 11"
    # 40,000 of 100,000 shares: 40%
    assert "40000 of the 100000" in str(refused.value)
    assert full_snapshot(ledger) == before
    assert ledger.terms.carve_out_cap == 1_969_693


def test_a_raised_cap_makes_room_at_once():
    ledger = _two_banks()
    ledger.apply(Amendment(date=DAY, signed=("X",), terms={"carve_out_cap": 2_500_000}))
    assert ledger.determinations[-1].outcome is Outcome.AMENDED
    assert ledger.terms.carve_out_cap == 2_500_000
    # A plan grant of 2,400,000 at $0.50 to employees: within the new cap, nothing deemed
    # (under the old cap 430,307 shares would have been a deemed issue below FMV).
    ledger.apply(OptionGrant(
        date=D(2002, 5, 2), shares=2_400_000, exercise_price="0.50", plan=True,
        grantee=Grantee.EMPLOYEE, expires=D(2006, 5, 2),
    ))
    assert ledger.price == F("1.94")
    assert ledger.carve_out.used == 2_400_000


def test_a_waived_issue_is_counted_and_adjusts_nothing():
    ledger = _two_banks()
    ledger.apply(Amendment(date=DAY, signed=("Bank X",), waives=("sale",)))
    sale = spec_first_issue(D(2002, 6, 3))
    ledger.apply(Issuance(
        date=sale.date, id="sale", shares=sale.shares, cash=sale.cash, expenses=sale.expenses
    ))
    determination = ledger.determinations[-1]
    assert determination.outcome is Outcome.WAIVED
    assert ledger.price == F("1.94")
    assert ledger.adjustments == ()
    assert ledger.outstanding.issued == 8_000_000  # the shares are counted
    # the signers' share of the total: 60,000 of 100,000
    assert any("60%" in reason for reason in determination.reasons)
    # a later issue is not waived: SPEC §14 from 8,000,000 outstanding at FMV 1:
    # 1.94 × (8,000,000 + 850,000) / (8,000,000 + 1,000,000) = 1.94 × 885/900
    ledger.apply(spec_first_issue(D(2002, 7, 1)))
    assert ledger.price == F("1.94") * F(8_850_000, 9_000_000)


def test_terms_fixed_for_the_life_of_the_register_are_refused_by_name():
    with pytest.raises(InvalidValue) as refused:
        Amendment(date=DAY, signed=("X",), terms={"exercise_price": "1.00"})
    assert refused.value.field == "terms.exercise_price"
    assert "fixed for the life" in str(refused.value)
    with pytest.raises(InvalidValue) as unknown:
        Amendment(date=DAY, signed=("X",), terms={"colour": "blue"})
    assert unknown.value.field == "terms.colour"


def test_an_amendment_must_change_or_waive_something():
    with pytest.raises(InvalidValue) as refused:
        Amendment(date=DAY, signed=("X",))
    assert refused.value.field == "terms"


def test_a_formula_key_amended_governs_the_next_issue():
    ledger = _two_banks()
    ledger.apply(Amendment(date=DAY, signed=("X", "Y"), terms={"trigger": "95/100"}))
    # an issue at an Effective Price of 0.96 (960,000 net for 1,000,000 shares) is below
    # the FMV of 1 but not below 95% of it: no adjustment
    ledger.apply(Issuance(date=D(2002, 6, 3), shares=1_000_000, cash=960_000))
    assert ledger.determinations[-1].outcome is Outcome.NOT_BELOW_FMV
    assert ledger.price == F("1.94")


def test_a_waived_split_is_refused_not_adjusted_in_silence():
    from warrant.register.events import StockSplit

    ledger = _two_banks()
    ledger.apply(Amendment(date=DAY, signed=("X",), waives=("split",)))
    before = full_snapshot(ledger)
    with pytest.raises(EventRejected) as refused:
        ledger.apply(StockSplit(date=D(2002, 6, 3), id="split", ratio=2))
    assert refused.value.clause == "Section 11"
    assert "waiver covers an issue" in str(refused.value)
    assert full_snapshot(ledger) == before
