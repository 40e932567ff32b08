"""4.B then 4.C(7), event by event: once a reorganisation has made the warrant exercisable for other
securities, every later event that 4.C would measure is recorded as needing a manual
determination and no figure changes (SPEC §6); the register keeps only the facts of grants,
apart from every figure, to check later events."""

from __future__ import annotations

import attrs
import pytest

from engine_helpers import P0, D, new_ledger, snapshot
from warrant.ground.errors import EventRejected
from warrant.register.events import (
    Buyback,
    Cancellation,
    ConvertibleIssuance,
    Distribution,
    Exercise,
    Expiry,
    Issuance,
    OptionGrant,
    OptionOnConvertible,
    OtherSecuritiesIssuance,
    Reorganization,
    Repricing,
    StockDividend,
    StockSplit,
)
from warrant.register.records import Outcome

GRANT_DAY = D(2002, 6, 3)
MERGER_DAY = D(2002, 9, 3)
AFTER = D(2002, 10, 1)
RECORD = D(2002, 9, 20)  # after the merger, before the event's own date

LATER_EVENTS = [
    Issuance(date=AFTER, shares=1_000_000, cash=100_000),
    OptionGrant(date=AFTER, id="new", shares=100_000, exercise_price="0.10", expires=D(2003, 1, 2)),
    OptionGrant(
        date=AFTER,
        id="rights",
        shares=100_000,
        exercise_price="0.10",
        expires=D(2003, 1, 2),
        record_date=RECORD,
    ),
    Exercise(date=AFTER, of="g", shares=1_000),
    Expiry(date=AFTER, of="g", shares=1_000),
    Cancellation(date=AFTER, of="g"),
    Buyback(date=AFTER, shares=1_000),
    ConvertibleIssuance(date=AFTER, max_shares=500_000, consideration=50_000, record_date=RECORD),
    OptionOnConvertible(date=AFTER, max_shares=500_000, min_exercise_payment=1_000),
    Repricing(date=AFTER, of="g", exercise_price="0.01"),
    StockSplit(date=AFTER, ratio=2),
    StockDividend(date=AFTER, shares=700_000, record_date=RECORD),
    Distribution(date=AFTER, kind="cash", per_share="0.10", record_date=RECORD),
    Reorganization(date=AFTER, basket={"cash": 3}),
    OtherSecuritiesIssuance(date=AFTER, description="Acquirer notes"),
]


@pytest.mark.parametrize(
    "event", LATER_EVENTS, ids=[e.TYPE + ("-" + e.id if e.id else "") for e in LATER_EVENTS]
)
def test_4c7_every_event_after_a_4b_reorganisation_needs_a_manual_determination(event):
    ledger = new_ledger()
    ledger.apply(
        OptionGrant(
            date=GRANT_DAY, id="g", shares=100_000, exercise_price="2.50", expires=D(2004, 1, 2)
        )
    )
    merged = ledger.apply(
        Reorganization(date=MERGER_DAY, basket={"cash": 2, "Acquirer common": "0.5"})
    )
    assert merged.outcome is Outcome.SUBSTITUTED
    before = snapshot(ledger)
    determination = ledger.apply(event)
    assert determination.outcome is Outcome.MANUAL_DETERMINATION
    assert determination.clause == "4.C(7)"
    assert determination.date == event.effective_date
    assert determination.adjustments == ()
    assert "2002-09-03" in determination.reasons[0]
    assert ledger.price == P0
    after = snapshot(ledger)
    for key in ("price", "shares", "outstanding", "carve_out", "adjustments"):
        assert after[key] == before[key], key
    # the grants keep the facts (see test_4c7_the_register_keeps_the_facts_of_grants)
    # the register moves on to the event's day and nothing else
    assert ledger.position == attrs.evolve(before["position"], last_date=event.effective_date)
    assert ledger.determinations[:-1] == before["determinations"]


def test_4c7_the_register_keeps_the_facts_of_grants():
    """After 4.B the register computes nothing for a grant's events but still knows them:
    a grant made then can be exercised later, what remains is counted, and more shares
    than remain, or an exercise after the rights expired, is refused (SPEC §12)."""
    ledger = new_ledger()
    ledger.apply(
        OptionGrant(
            date=GRANT_DAY, id="g", shares=100_000, exercise_price="2.50", expires=D(2004, 1, 2)
        )
    )
    ledger.apply(Reorganization(date=MERGER_DAY, basket={"cash": 2}))
    ledger.apply(
        OptionGrant(date=AFTER, id="new", shares=100_000, exercise_price="0.10",
                    expires=D(2003, 1, 2))
    )
    assert ledger.grants["new"].outstanding == 100_000
    frozen = (ledger.price, ledger.outstanding, ledger.carve_out)
    ledger.apply(Exercise(date=D(2002, 10, 2), of="new", shares=40_000))
    ledger.apply(Expiry(date=D(2002, 10, 3), of="g", shares=30_000))
    # counted apart: the figures stay as the reorganisation froze them
    assert ledger.grants["new"].gone_after_substitution == 40_000
    assert ledger.grants["g"].gone_after_substitution == 30_000
    assert (ledger.price, ledger.outstanding, ledger.carve_out) == frozen
    assert ledger.price == P0
    before = snapshot(ledger)
    with pytest.raises(EventRejected, match="only 60000 remain"):
        ledger.apply(Cancellation(date=D(2002, 10, 4), of="new", shares=60_001))
    with pytest.raises(EventRejected, match="expired on 2003-01-02"):
        ledger.apply(Exercise(date=D(2003, 1, 3), of="new", shares=1))
    assert snapshot(ledger) == before
