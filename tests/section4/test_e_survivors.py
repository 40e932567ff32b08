"""4.E: the reasons and record of a subdivision or combination, word for word."""

from __future__ import annotations

from fractions import Fraction

import pytest

from engine_helpers import D, new_ledger
from warrant.instrument.readings import Reading
from warrant.register.events import OptionGrant, StockSplit
from warrant.register.records import EventRef

DAY = D(2002, 6, 3)
LATER = D(2002, 7, 1)
FOLLOWS = "the carve-out cap follows the split (reading: carve_out_follows_splits)"
FIXED = "the carve-out cap stays fixed (reading: carve_out_follows_splits = false)"


@pytest.mark.parametrize(
    ("ratio", "note"),
    [
        # 1.94 / 2 = 0.97
        ("2", "subdivision of 2 new shares per share: Exercise Price 1.94 / 2 = 0.97 (4.E)"),
        # 1.94 / (3/2) = 3.88 / 3 = 97/75
        (
            "3/2",
            "subdivision of 1.5 new shares per share: Exercise Price 1.94 / 1.5 = 97/75 "
            "(≈1.2933333333) (4.E)",
        ),
        # 1.94 / (1/10) = 19.4
        (
            "1/10",
            "combination (reverse split) of 0.1 new shares per share: Exercise Price 1.94 / 0.1 "
            "= 19.4 (4.E)",
        ),
    ],
)
def test_4e_split_reasons_name_the_kind_and_the_cap(ratio, note):
    ledger = new_ledger()
    determination = ledger.apply(StockSplit(date=DAY, ratio=ratio, id="s"))
    assert determination.event == EventRef(index=0, type="stock-split", id="s")
    assert determination.reasons == (note, FOLLOWS)
    assert ledger.price == Fraction("1.94") / Fraction(ratio)
    (adjustment,) = ledger.adjustments
    assert adjustment.event == EventRef(index=0, type="stock-split", id="s")


def test_4e_fixed_cap_split_past_the_cap_gives_every_note():
    # 1,500,000 plan shares in the carve-out, doubled: 3,000,000 − 1,969,693 = 1,030,307 over
    ledger = new_ledger(reading=Reading(carve_out_follows_splits=False))
    ledger.apply(
        OptionGrant(
            date=DAY, id="g", shares=1_500_000, exercise_price="0.50", expires=D(2004, 1, 2),
            plan=True, grantee="employee",
        )
    )
    determination = ledger.apply(StockSplit(date=LATER, ratio=2))
    assert determination.reasons == (
        "subdivision of 2 new shares per share: Exercise Price 1.94 / 2 = 0.97 (4.E)",
        FIXED,
        "the plan options in the carve-out now cover 3000000 shares, 1030307 over the fixed cap "
        "of 1969693: 4.C(5)(iii) excludes only up to the cap, so those are no longer excluded",
        "a subdivision is not an issue of Additional Shares (4.C(1) leaves 4.E aside): nothing "
        "is deemed issued and the price is not adjusted for them now; shares later issued on "
        "exercise beyond the cap are Additional Shares, whose 4.C(1) test is a manual "
        "determination",
    )
