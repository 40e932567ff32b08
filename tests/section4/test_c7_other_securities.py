"""4.C(7): once a 4.B reorganisation has made the warrant exercisable for other securities,
their protection is for the parties — every later event is a manual determination.

The 4.C(7) exception comes first in every provision of the rulebook
(:mod:`warrant.section4.alpha_2002`), ``dividend-unpaid`` included.  Figures are worked by
hand with Fractions; the FMV is $1.00 on every date.
"""

from __future__ import annotations

from fractions import Fraction

import pytest

from engine_helpers import D, new_ledger, snapshot, spec_first_issue
from warrant.register.events import (
    DividendUnpaid,
    Issuance,
    OtherSecuritiesIssuance,
    Reorganization,
    StockDividend,
    StockSplit,
)
from warrant.register.records import Outcome

FIRST_ISSUE = D(2002, 6, 3)
MERGER_DAY = D(2002, 10, 1)
BASKET = {"cash": "2.00", "Acquirer common": "0.5"}

#: SPEC §14: 1.94 × 7,850,000 / 8,000,000 = 1.903625
P1 = Fraction("1.903625")

DIVIDEND_RECORD = D(2002, 9, 3)
#: 4.D: 800,000 dividend shares on the 8,000,000 outstanding: P1 × 8,000,000 / 8,800,000
P2 = P1 * Fraction(8_000_000, 8_800_000)


def ledger_after_first_issue():
    ledger = new_ledger()
    ledger.apply(spec_first_issue(FIRST_ISSUE))
    assert ledger.price == P1
    return ledger


def test_4b_then_4c7_an_issue_below_fmv_needs_a_manual_determination():
    ledger = ledger_after_first_issue()
    ledger.apply(Reorganization(date=MERGER_DAY, basket=BASKET))
    before = snapshot(ledger)
    determination = ledger.apply(Issuance(date=D(2002, 11, 1), shares=1_000_000, cash=100_000))
    assert determination.outcome is Outcome.MANUAL_DETERMINATION
    assert determination.clause == "4.C(7)"
    assert determination.adjustments == ()
    assert ledger.price == P1
    assert ledger.adjustments == before["adjustments"]
    assert ledger.outstanding == before["outstanding"]


@pytest.mark.parametrize(
    "event",
    [
        StockSplit(date=D(2002, 11, 1), ratio=2),
        OtherSecuritiesIssuance(
            date=D(2002, 11, 1), description="Acquirer notes convertible into Acquirer common"
        ),
    ],
    ids=["stock-split", "other-securities-issuance"],
)
def test_4b_then_4c7_later_events_are_manual_determinations(event):
    ledger = ledger_after_first_issue()
    ledger.apply(Reorganization(date=MERGER_DAY, basket=BASKET))
    determination = ledger.apply(event)
    assert determination.outcome is Outcome.MANUAL_DETERMINATION
    assert determination.clause == "4.C(7)"
    assert ledger.price == P1


def test_4c7_other_securities_before_any_reorganisation_is_no_provision():
    ledger = ledger_after_first_issue()
    before = snapshot(ledger)
    determination = ledger.apply(
        OtherSecuritiesIssuance(date=MERGER_DAY, description="Series B preferred of a subsidiary")
    )
    assert determination.outcome is Outcome.NO_PROVISION
    assert determination.clause == "4.C(7)"
    assert ledger.price == P1
    assert ledger.adjustments == before["adjustments"]
    assert ledger.position.substitution is None


def ledger_with_dividend_then_merger():
    ledger = ledger_after_first_issue()
    ledger.apply(StockDividend(date=DIVIDEND_RECORD, shares=800_000, record_date=DIVIDEND_RECORD))
    assert ledger.price == P2
    ledger.apply(Reorganization(date=MERGER_DAY, basket=BASKET))
    return ledger


def test_4c7_dividend_unpaid_after_4b_is_a_manual_determination():
    # Before the merger the 4.D(1) proviso would undo the dividend (back to P1); after it the
    # warrant is exercisable for the basket fixed at P2, so 4.C(7) decides: nothing computed.
    ledger = ledger_with_dividend_then_merger()
    before = snapshot(ledger)
    determination = ledger.apply(DividendUnpaid(date=D(2002, 10, 15), record_date=DIVIDEND_RECORD))
    assert determination.outcome is Outcome.MANUAL_DETERMINATION
    assert determination.clause == "4.C(7)"
    assert determination.adjustments == ()
    assert ledger.price == P2
    assert ledger.adjustments == before["adjustments"]
    assert ledger.position.substitution == before["position"].substitution
    assert ledger.position.issued == before["position"].issued


def test_4c7_the_same_dividend_unpaid_before_4b_is_undone_by_4d1():
    ledger = ledger_after_first_issue()
    ledger.apply(StockDividend(date=DIVIDEND_RECORD, shares=800_000, record_date=DIVIDEND_RECORD))
    determination = ledger.apply(DividendUnpaid(date=D(2002, 9, 20), record_date=DIVIDEND_RECORD))
    assert determination.outcome is Outcome.READJUSTED
    assert determination.clause == "4.D"
    assert ledger.price == P1


def test_4c7_dividend_unpaid_after_4b_of_a_dividend_never_computed_is_not_refused():
    # A stock dividend declared after the merger was itself a manual determination; its
    # non-payment is too (not "no dividend in force to undo").
    ledger = ledger_after_first_issue()
    ledger.apply(Reorganization(date=MERGER_DAY, basket=BASKET))
    declared = ledger.apply(
        StockDividend(date=D(2002, 11, 1), shares=800_000, record_date=D(2002, 11, 1))
    )
    assert declared.outcome is Outcome.MANUAL_DETERMINATION
    unpaid = ledger.apply(DividendUnpaid(date=D(2002, 11, 15), record_date=D(2002, 11, 1)))
    assert unpaid.outcome is Outcome.MANUAL_DETERMINATION
    assert unpaid.clause == "4.C(7)"
    assert ledger.price == P1
