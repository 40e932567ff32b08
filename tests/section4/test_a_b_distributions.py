"""4.A distributions of other property and 4.B reorganisations (SPEC §5, §4.7, §10).

Neither moves the Exercise Price.  4.A records what the holder receives on
exercise besides the shares, fixed at each record date; 4.B records the basket
the warrant has become exercisable for, after which further protection (4.C(7))
is a manual determination.  Every expected figure is worked by hand with
Fractions; the FMV is $1.00 on every date.
"""

from __future__ import annotations

from fractions import Fraction
from pathlib import Path

import pytest

import warrant
from engine_helpers import P0, D, new_ledger, snapshot, spec_first_issue
from warrant.analyses.replay import replay
from warrant.files.json_output import replay_json
from warrant.files.scenario_files import loads_scenario
from warrant.ground.errors import InvalidValue
from warrant.register.events import (
    Distribution,
    Issuance,
    Reorganization,
    Source,
    StockSplit,
)
from warrant.register.records import Outcome

FIRST_ISSUE = D(2002, 6, 3)
RECORD_DAY = D(2002, 7, 1)
PAY_DAY = D(2002, 7, 15)
SECOND_ISSUE = D(2002, 8, 1)
LATER_RECORD = D(2002, 9, 3)
LATER_PAY = D(2002, 9, 16)

#: SPEC §14: 1.94 × 7,850,000 / 8,000,000 = 1.903625 = 1.94 × 157/160
P1 = Fraction("1.903625")
#: shares receivable per share on the face after it: 1.94 / 1.903625 = 160/157
PER_FACE_1 = Fraction(160, 157)


def spinoff(record=RECORD_DAY, day=PAY_DAY, **overrides):
    fields = dict(date=day, record_date=record, kind="Spinco common", per_share="1/4")
    fields.update(overrides)
    return Distribution(**fields)


def ledger_after_first_issue():
    ledger = new_ledger()
    ledger.apply(spec_first_issue(FIRST_ISSUE))
    assert ledger.price == P1
    return ledger


# -- 4.A ----------------------------------------------------------------------------------


def test_4a_spin_off_leaves_the_price_and_records_an_entitlement():
    assert P0 / P1 == PER_FACE_1
    ledger = ledger_after_first_issue()
    determination = ledger.apply(spinoff())
    assert determination.outcome is Outcome.ENTITLEMENT
    assert determination.clause == "4.A"
    assert determination.date == RECORD_DAY
    assert determination.adjustments == ()
    assert ledger.price == P1
    assert len(ledger.adjustments) == 1
    (item,) = ledger.position.entitlements
    assert item.kind == "Spinco common"
    assert item.record_date == RECORD_DAY
    assert item.per_share == Fraction(1, 4)
    assert item.shares_per_face_share == Fraction(160, 157)
    # 1/4 × 160/157 = 40/157 Spinco shares per share on the warrant's face
    assert item.per_face_share == Fraction(40, 157)


def test_4a_a_later_4c_adjustment_does_not_change_an_earlier_entitlement():
    ledger = ledger_after_first_issue()
    ledger.apply(spinoff())
    ledger.apply(Issuance(date=SECOND_ISSUE, shares=1_000_000, cash=500_000))
    # A 8,000,000, B 500,000, C 1,000,000
    p2 = P1 * Fraction(8_500_000, 9_000_000)
    assert ledger.price == p2
    (item,) = ledger.position.entitlements
    assert item.shares_per_face_share == Fraction(160, 157)
    assert item.per_face_share == Fraction(40, 157)
    # a second distribution after the adjustment uses the new count: 1.94 / p2
    ledger.apply(
        spinoff(record=LATER_RECORD, day=LATER_PAY, kind="Spinco preferred", per_share="1/10")
    )
    first, second = ledger.position.entitlements
    assert first.per_face_share == Fraction(40, 157)
    per_face_2 = Fraction(160, 157) * Fraction(9_000_000, 8_500_000)  # = 1.94 / p2
    assert per_face_2 == P0 / p2
    assert second.kind == "Spinco preferred"
    assert second.record_date == LATER_RECORD
    assert second.shares_per_face_share == per_face_2
    assert second.per_face_share == per_face_2 / 10
    assert ledger.price == p2


def test_4a_record_date_counts_the_shares_receivable_on_it_not_after_a_later_split():
    ledger = ledger_after_first_issue()
    ledger.apply(spinoff())
    ledger.apply(StockSplit(date=SECOND_ISSUE, ratio=2))
    (item,) = ledger.position.entitlements
    assert item.per_face_share == Fraction(40, 157)


def test_4a2_cash_out_of_retained_earnings_is_no_provision():
    ledger = ledger_after_first_issue()
    before = snapshot(ledger)
    determination = ledger.apply(
        Distribution(date=PAY_DAY, record_date=RECORD_DAY, kind="cash", per_share="0.10",
                     source="retained-earnings")
    )
    assert determination.outcome is Outcome.NO_PROVISION
    assert determination.clause == "4.A(2)"
    assert ledger.position.entitlements == ()
    assert ledger.price == before["price"]
    assert ledger.adjustments == before["adjustments"]


def test_4a2_cash_from_another_source_is_an_entitlement():
    ledger = ledger_after_first_issue()
    determination = ledger.apply(
        Distribution(date=PAY_DAY, record_date=RECORD_DAY, kind="cash", per_share="0.10",
                     source=Source.OTHER)
    )
    assert determination.outcome is Outcome.ENTITLEMENT
    assert determination.clause == "4.A(2)"
    assert ledger.price == P1
    (item,) = ledger.position.entitlements
    assert item.kind == "cash"
    assert item.source is Source.OTHER
    # $0.10 × 160/157 = $16/157 per face share
    assert item.per_face_share == Fraction(16, 157)


def test_4a1_property_dividend_entitles_whatever_its_source():
    """4.A(1) covers securities or property other than cash by way of dividend, wherever
    it was paid from; only *cash* out of retained earnings is left out (4.A(2))."""
    ledger = ledger_after_first_issue()
    determination = ledger.apply(spinoff(source="retained-earnings"))
    assert determination.outcome is Outcome.ENTITLEMENT
    assert ledger.position.entitlements[0].per_face_share == Fraction(40, 157)


@pytest.mark.parametrize(
    "kind", ["common stock", "Common Stock", "common-stock", "common", " COMMON "]
)
def test_4a_distribution_of_common_stock_refused_it_is_4d(kind):
    with pytest.raises(InvalidValue) as caught:
        Distribution(date=PAY_DAY, record_date=RECORD_DAY, kind=kind, per_share="1/4")
    assert caught.value.field == "kind"
    assert caught.value.clause == "4.A"


def test_4a_record_date_after_the_payment_date_refused():
    with pytest.raises(InvalidValue) as caught:
        Distribution(date=RECORD_DAY, record_date=PAY_DAY, kind="Spinco common", per_share="1/4")
    assert caught.value.field == "record_date"


# -- scenario + replay --json --------------------------------------------------------------


def write_prices(folder: Path) -> None:
    days = warrant.trading_days(D(2002, 1, 2), D(2003, 12, 31))
    (folder / "prices.csv").write_text(
        "date,close\n" + "".join(f"{day.isoformat()},1.00\n" for day in days), encoding="utf-8"
    )


HEAD = """\
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
"""


def replayed_json(tmp_path: Path, events: str) -> dict[str, object]:
    write_prices(tmp_path)
    scenario = loads_scenario(HEAD + events, base=tmp_path)
    return replay_json(replay(scenario))


def test_4a_replay_json_gains_entitlements(tmp_path):
    data = replayed_json(tmp_path, """
[[event]]
type = "distribution"
date = 2002-07-15
record_date = 2002-07-01
kind = "Spinco common"
per_share = "1/4"

[[event]]
type = "distribution"
date = 2002-07-20
kind = "cash"
per_share = "0.10"
source = "retained-earnings"

[[event]]
type = "issuance"
date = 2002-08-01
shares = 1000000
cash = 500000
""")
    assert data["substitution"] is None
    (entry,) = data["entitlements"]
    assert entry["kind"] == "Spinco common"
    assert entry["record_date"] == "2002-07-01"
    assert Fraction(entry["per_share"]) == Fraction(1, 4)
    assert entry["source"] == "other"
    # 100,000 on the face × 160/157 = 16,000,000/157 shares at the record date;
    # × 1/4 = 4,000,000/157 Spinco shares accrued
    assert Fraction(entry["warrant_shares_at_record"]) == Fraction(16_000_000, 157)
    assert Fraction(entry["accrued"]) == Fraction(4_000_000, 157)
    assert entry["accrued"] == "4000000/157"
    assert Fraction(data["exercise_price"]) == P1 * Fraction(8_500_000, 9_000_000)
    outcomes = [d["outcome"] for d in data["determinations"]]
    assert outcomes[1] == Outcome.ENTITLEMENT.value
    assert outcomes[2] == Outcome.NO_PROVISION.value


# -- 4.B ----------------------------------------------------------------------------------

MERGER_DAY = D(2002, 10, 1)
BASKET = {"cash": "2.00", "Acquirer common": "0.5"}


def test_4b_merger_substitutes_the_basket_and_leaves_the_price():
    ledger = ledger_after_first_issue()
    determination = ledger.apply(Reorganization(date=MERGER_DAY, basket=BASKET))
    assert determination.outcome is Outcome.SUBSTITUTED
    assert determination.clause == "4.B"
    assert determination.adjustments == ()
    assert ledger.price == P1
    assert len(ledger.adjustments) == 1
    substitution = ledger.position.substitution
    assert substitution.date == MERGER_DAY
    assert dict(substitution.basket) == {"cash": 2, "Acquirer common": Fraction(1, 2)}
    assert substitution.shares_per_face_share == Fraction(160, 157)


def test_4b_replay_json_has_the_substitution_per_warrant(tmp_path):
    data = replayed_json(tmp_path, """
[[event]]
type = "reorganization"
date = 2002-10-01
basket = { cash = "2.00", "Acquirer common" = "0.5" }
""")
    substitution = data["substitution"]
    assert substitution["date"] == "2002-10-01"
    assert substitution["clause"] == "4.B"
    assert {k: Fraction(v) for k, v in substitution["per_share_of_common"].items()} == {
        "cash": 2, "Acquirer common": Fraction(1, 2),
    }
    # per warrant: the basket × 16,000,000/157 shares receivable
    assert {k: Fraction(v) for k, v in substitution["per_warrant"].items()} == {
        "cash": Fraction(32_000_000, 157),
        "Acquirer common": Fraction(8_000_000, 157),
    }
    assert Fraction(data["exercise_price"]) == P1
    assert data["determinations"][-1]["outcome"] == Outcome.SUBSTITUTED.value


@pytest.mark.parametrize(
    "basket", [{}, "cash", None, {"cash": 2.0}], ids=["empty", "text", "none", "float"]
)
def test_4b_bad_basket_refused(basket):
    with pytest.raises(InvalidValue) as caught:
        Reorganization(date=MERGER_DAY, basket=basket)
    assert caught.value.field.startswith("basket")
