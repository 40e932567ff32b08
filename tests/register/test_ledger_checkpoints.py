"""The ledger's record of the reading fields its rules read, and its checkpoints: the
register resumed under another reading from the state before the event that first read
a field gives exactly what a replay from the start under that reading gives."""

from __future__ import annotations

from fractions import Fraction

from engine_helpers import COMMON, D, flat_prices, new_ledger
from warrant.instrument.readings import OutstandingBasis, Reading, ReadjustOn
from warrant.register.events import Expiry, Issuance, OptionGrant, StockSplit
from warrant.register.ledger import Capitalization, Ledger


def kept_ledger() -> Ledger:
    return Ledger(
        capitalization=Capitalization(common_outstanding=COMMON), prices=flat_prices(),
        checkpoints=True,
    )

EVENTS = (
    OptionGrant(id="d1", date=D(2002, 5, 1), shares=200_000, exercise_price="0.50",
                expires=D(2004, 1, 1)),  # below the FMV of 1.00: deemed issued
    Issuance(date=D(2002, 6, 3), shares=1_000_000, cash="900000", expenses="50000"),
    StockSplit(date=D(2002, 7, 1), ratio=Fraction(3, 2)),
    Expiry(date=D(2002, 8, 1), of="d1", shares=100_000),
)


def test_ledger_notes_where_each_reading_field_was_first_read() -> None:
    ledger = new_ledger()
    ledger.apply_all(EVENTS)
    assert dict(ledger.consulted) == {
        "outstanding_basis": 0,  # the deemed issue's A
        "carve_out_follows_splits": 2,
        "readjust_on": 3,
    }


def test_ledger_resumed_under_another_reading_equals_a_replay_from_the_start() -> None:
    ledger = kept_ledger()
    ledger.apply_all(EVENTS)
    assert [c.index for c in ledger.checkpoints] == [0, 2, 3]
    other = Reading(readjust_on=ReadjustOn.FINAL_EXPIRY)
    resumed = ledger.resume(ledger.checkpoints[-1], other)
    resumed.apply_all(EVENTS[3:])
    fresh = new_ledger(reading=other)
    fresh.apply_all(EVENTS)
    assert (resumed.price, resumed.position) == (fresh.price, fresh.position)
    assert len(resumed.adjustments) == len(fresh.adjustments)
    # the original ledger is untouched by the resumed one
    assert ledger.price != resumed.price


def test_ledger_resumed_from_the_first_checkpoint_under_another_basis() -> None:
    ledger = kept_ledger()
    ledger.apply_all(EVENTS)
    other = Reading(outstanding_basis=OutstandingBasis.ISSUED)
    resumed = ledger.resume(ledger.checkpoints[0], other)
    resumed.apply_all(EVENTS)
    fresh = new_ledger(reading=other)
    fresh.apply_all(EVENTS)
    assert resumed.price == fresh.price
    assert dict(resumed.consulted) == dict(fresh.consulted)
