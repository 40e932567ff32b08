"""4.F: an adjustment that leaves the Exercise Price below the par value ($0.03) is flagged,
and the price is the formula's — the warrant sets no floor at par.

Every expected figure is worked by hand with Fractions; the FMV is $1.00 on every date.
"""

from __future__ import annotations

from fractions import Fraction
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

import warrant
from engine_helpers import COMMON, FACE, P0, D, new_ledger, spec_first_issue
from warrant.analyses.replay import replay
from warrant.files.json_output import replay_json
from warrant.files.scenario_files import loads_scenario
from warrant.files.text_output import replay_table
from warrant.register.events import Expiry, Issuance, OptionGrant, StockSplit
from warrant.register.records import Outcome

PAR = Fraction("0.03")

#: A sale of 1,000,000,000 shares for $1,000,000 (FMV $1.00): B = 1,000,000, C = 1,000,000,000,
#: P' = 1.94 × (7,000,000 + 1,000,000) / (7,000,000 + 1,000,000,000)
HUGE = 1_000_000_000
BELOW_PAR_PRICE = P0 * Fraction(COMMON + 1_000_000, COMMON + HUGE)


def test_4f_par_value_of_the_2002_warrant_is_three_cents():
    assert warrant.ALPHA_2002.par_value == PAR


def test_4f_a_sale_that_takes_the_price_below_par_is_flagged_and_not_floored():
    ledger = new_ledger()
    determination = ledger.apply(Issuance(date=D(2002, 6, 3), shares=HUGE, cash=1_000_000))
    assert determination.outcome is Outcome.ADJUSTED
    (adjustment,) = ledger.adjustments
    # 1.94 × 8,000,000 / 1,007,000,000 = 15,520,000 / 1,007,000,000 ≈ 0.0154, below 0.03
    assert Fraction(15_520_000, 1_007_000_000) == BELOW_PAR_PRICE
    assert BELOW_PAR_PRICE < PAR
    assert adjustment.price_after == BELOW_PAR_PRICE
    assert ledger.price == BELOW_PAR_PRICE  # no floor at par
    assert ledger.shares(FACE) == FACE * Fraction(1_007_000_000, 8_000_000)  # 12,587,500
    assert adjustment.below_par is True
    assert any("below the par value" in r and "(4.F)" in r for r in determination.reasons)


def test_4f_an_adjustment_that_stays_above_par_is_not_flagged():
    ledger = new_ledger()
    determination = ledger.apply(spec_first_issue())
    (adjustment,) = ledger.adjustments
    assert adjustment.price_after == Fraction("1.903625")
    assert adjustment.below_par is False
    assert not any("4.F" in reason for reason in determination.reasons)


def test_4f_a_split_that_lands_exactly_on_par_is_not_below_it():
    # 1.94 / (194/3) = 0.03 exactly: at par, not below it
    ledger = new_ledger()
    ledger.apply(StockSplit(date=D(2002, 6, 3), ratio=Fraction(194, 3)))
    (adjustment,) = ledger.adjustments
    assert adjustment.price_after == PAR
    assert adjustment.below_par is False


def test_4f_a_split_below_par_is_flagged():
    # 100-for-1: 1.94 / 100 = 0.0194 < 0.03
    ledger = new_ledger()
    ledger.apply(StockSplit(date=D(2002, 6, 3), ratio=100))
    (adjustment,) = ledger.adjustments
    assert adjustment.price_after == Fraction("0.0194")
    assert adjustment.below_par is True


def test_4f_the_readjustment_back_above_par_is_not_flagged():
    # 1,000,000,000 options at $0.001, nothing paid: deemed issue for $1,000,000, the same
    # price as the sale above; they all expire, so the price returns to 1.94 (4.C(3)).
    ledger = new_ledger()
    ledger.apply(OptionGrant(id="g", date=D(2002, 6, 3), shares=HUGE,
                             exercise_price=Fraction(1, 1000), expires=D(2002, 12, 31)))
    ledger.apply(Expiry(date=D(2002, 12, 31), of="g"))
    first, readjusted = ledger.adjustments
    assert first.price_after == BELOW_PAR_PRICE
    assert first.below_par is True
    assert readjusted.readjustment is True
    assert readjusted.price_after == P0
    assert readjusted.below_par is False


def _write_prices(folder: Path) -> None:
    days = warrant.trading_days(D(2002, 1, 2), D(2002, 12, 31))
    (folder / "prices.csv").write_text(
        "date,close\n" + "".join(f"{day.isoformat()},1.00\n" for day in days), encoding="utf-8"
    )


SCENARIO = """\
[warrant]
preset = "alpha-2002"
face_shares = 100000

[capitalization]
common_outstanding = 7000000

[prices]
csv = "prices.csv"

[[event]]
type = "issuance"
date = 2002-06-03
shares = 1000000
cash = 900000
expenses = 50000

[[event]]
type = "issuance"
date = 2002-07-01
shares = 1000000000
cash = 1000000
"""


def test_4f_replay_json_and_text_flag_the_adjustment_below_par(tmp_path):
    _write_prices(tmp_path)
    result = replay(loads_scenario(SCENARIO, base=tmp_path))
    first, second = replay_json(result)["adjustments"]
    assert first["below_par"] is False
    assert second["below_par"] is True
    # P1 = 1.903625; P2 = P1 × (8,000,000 + 1,000,000) / (8,000,000 + 1,000,000,000)
    p2 = Fraction("1.903625") * Fraction(9_000_000, 1_008_000_000)
    assert Fraction(second["price_after"]) == p2
    assert p2 < PAR
    text = replay_table(result)
    flagged = [line for line in text.splitlines() if line.startswith("1 ")]
    # 15229/896000 shown rounded, marked as below par
    assert p2 == Fraction(15229, 896000)
    assert "≈0.016997 *" in flagged[0]
    assert "* below the par value 0.03 (4.F)" in text
    assert "(4.F)" in text.split("Events:")[1]
    assert "Exercise Price 15229/896000 (≈0.016997), below the par value 0.03 (4.F)" in text


@settings(max_examples=60, deadline=None)
@given(
    ratio=st.fractions(min_value=Fraction(1, 4), max_value=200).filter(lambda r: r != 1),
    sold=st.integers(min_value=1, max_value=10**9),
    cents=st.integers(min_value=0, max_value=99),
)
def test_4f_flag_is_exactly_price_after_below_par(ratio, sold, cents):
    # A split then a sale at cents/100 a share (FMV $1.00): whatever the formula gives,
    # each record is flagged exactly when the price it leaves is below $0.03.
    ledger = new_ledger()
    ledger.apply(StockSplit(date=D(2002, 6, 3), ratio=ratio))
    ledger.apply(Issuance(date=D(2002, 7, 1), shares=sold, cash=sold * Fraction(cents, 100)))
    for adjustment in ledger.adjustments:
        assert adjustment.below_par == (adjustment.price_after < PAR)
    assert ledger.adjustments[0].price_after == P0 / ratio  # no floor at par (4.E)
