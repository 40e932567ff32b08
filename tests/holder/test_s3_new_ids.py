"""Section 3: the ids of the warrants an exchange issues, and what a surrendered warrant's
refusal says.  A new warrant takes the id its part names, never one used before in the
series; a part that names none takes the lowest ``X.N`` not yet used, counting the ids the
other parts name.  Messages are pinned whole (``str(error)`` is what the command line prints).
"""

from __future__ import annotations

import pytest

from engine_helpers import D
from holder_helpers import full_snapshot, series_ledger
from warrant.ground.errors import SeriesChangeRefused, UnknownWarrant
from warrant.register.holder_events import ExchangePart, WarrantExchange

DAY = D(2002, 7, 1)


def test_s3_a_part_naming_a_used_id_is_refused_even_after_a_part_that_names_none():
    ledger = series_ledger(("W-1", "Bank A", 100_000))
    before = full_snapshot(ledger)
    with pytest.raises(SeriesChangeRefused) as caught:
        ledger.apply(WarrantExchange(date=DAY, warrant="W-1", into=[
            ExchangePart(shares=60_000), ExchangePart(id="W-1", shares=40_000)]))
    assert (caught.value.field, caught.value.clause) == ("into[1].id", "Section 3")
    assert str(caught.value) == (
        "event[0] (warrant-exchange): field 'into[1].id': the id 'W-1' is already used in the "
        "series: each new warrant needs its own [Section 3]"
    )
    assert full_snapshot(ledger) == before


def test_s3_a_derived_id_skips_the_ids_other_parts_name():
    ledger = series_ledger(("W-1", "Bank A", 100_000))
    ledger.apply(WarrantExchange(date=DAY, warrant="W-1", into=[
        ExchangePart(shares=60_000), ExchangePart(id="W-1.1", shares=40_000)]))
    # W-1.1 is taken by the second part, so the first gets W-1.2
    assert [(w.id, w.face_shares) for w in ledger.series] == [
        ("W-1.2", 60_000), ("W-1.1", 40_000)]


def test_s3_a_warrant_exchanged_is_refused_naming_the_warrants_in_its_place():
    ledger = series_ledger(("W-1", "Bank A", 100_000))
    ledger.apply(WarrantExchange(date=DAY, warrant="W-1", into=[
        ExchangePart(shares=60_000), ExchangePart(shares=30_000), ExchangePart(shares=10_000)]))
    with pytest.raises(UnknownWarrant) as caught:
        ledger.warrant_shares("W-1")
    assert (caught.value.field, caught.value.clause) == ("warrant", "Section 1")
    assert str(caught.value) == (
        "field 'warrant': warrant 'W-1' was exchanged on 2002-07-01; in its place: W-1.1, "
        "W-1.2, W-1.3: it is no longer outstanding [Section 1]"
    )
