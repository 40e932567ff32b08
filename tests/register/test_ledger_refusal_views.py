"""A refused event, and a priced exercise, change no public view of the ledger (SPEC §12).

Beyond the register itself: the reading fields the ledger notes as consulted, the Fair
Market Values it lists, and the checkpoint the next event takes (which side-by-side
readings resume from) are as they were before the call.
"""

from __future__ import annotations

from fractions import Fraction

import attrs
import pytest

import warrant
from engine_helpers import COMMON, FACE, D, flat_prices
from warrant.register.holder_events import WarrantExercise
from warrant.register.ledger import Capitalization, Ledger
from warrant.register.series import SeriesWarrant

# Good Friday: a business day under the default (federal) reading, not under the trading
# one, so an exercise that day reads the business_day field and takes a checkpoint.
DAY = D(2003, 4, 18)


def _ledger() -> Ledger:
    return Ledger(
        capitalization=Capitalization(common_outstanding=COMMON),
        prices=flat_prices(),
        series=[SeriesWarrant(id="W-1", holder="Bank A", face_shares=FACE)],
        checkpoints=True,
    )


def _checkpoints(ledger: Ledger) -> list[dict[str, object]]:
    return [attrs.asdict(point, recurse=False) for point in ledger.checkpoints]


def _views(ledger: Ledger) -> tuple[object, ...]:
    return (dict(ledger.consulted), ledger.fair_market_values, _checkpoints(ledger))


def _refused_net_exercise() -> WarrantExercise:
    # net issuance at an FMV of $1, below the Exercise Price: refused after the FMV is read
    return WarrantExercise(date=DAY, warrant="W-1", shares=10, net=True)


def _paid_exercise() -> WarrantExercise:
    return WarrantExercise(date=DAY, warrant="W-1", shares=10, cash=Fraction("19.40"))


def test_a_refused_event_leaves_consulted_fmvs_and_checkpoints_as_they_were() -> None:
    ledger = _ledger()
    before = _views(ledger)
    with pytest.raises(warrant.WarrantError) as refused:
        ledger.apply(_refused_net_exercise())
    assert _views(ledger) == before
    # what the refused rule read is on the error, not in the ledger (a side-by-side view
    # of the readings needs it: another business-day basis might not refuse it here)
    assert refused.value.consulted == ("business_day",)


def test_price_exercise_records_nothing_in_any_view() -> None:
    ledger = _ledger()
    before = _views(ledger)
    ledger.price_exercise(_paid_exercise())
    assert _views(ledger) == before


def test_after_a_refusal_the_next_event_gets_its_checkpoint() -> None:
    refused_first = _ledger()
    with pytest.raises(warrant.WarrantError):
        refused_first.apply(_refused_net_exercise())
    refused_first.apply(_paid_exercise())
    clean = _ledger()
    clean.apply(_paid_exercise())
    assert len(clean.checkpoints) == 1
    assert _checkpoints(refused_first) == _checkpoints(clean)
    assert dict(refused_first.consulted) == dict(clean.consulted)
