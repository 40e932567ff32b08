"""``warrant demo``: the packaged 2003 exchange, its figures recomputed here by hand.

The expected figures are worked from the packaged price file (read here with the csv
module, not the library) and the scenario's stated counts.
"""

from __future__ import annotations

import csv
import datetime as dt
from fractions import Fraction
from importlib import resources

from warrant.files.packaged import run_demo
from warrant.instrument.readings import Reading

P0 = Fraction("1.94")
COMMON = 7_000_000
FACE = 100_000
CAP = 1_969_693
GRANT_DAY = dt.date(2003, 10, 3)
# the five trading days before Friday 2003-10-03
WINDOW = ("2003-09-26", "2003-09-29", "2003-09-30", "2003-10-01", "2003-10-02")


def _closes() -> dict[str, Fraction]:
    path = resources.files("warrant") / "data" / "exchange-2003-prices.csv"
    with path.open(encoding="utf-8") as handle:
        return {row["date"]: Fraction(row["close"]) for row in csv.DictReader(handle)}


def test_demo_uses_the_offers_own_figures() -> None:
    demo = run_demo()
    scenario = demo.scenario
    tendered = sum(tender.shares for tender in scenario.exchange.tenders)  # type: ignore[union-attr]
    assert tendered == 1_592_376  # options outstanding at commencement (offer, Introduction)
    schedule_a = {
        "Lawrence Butler": 520_000,
        "Robert Streiter": 475_000,
        "James Polakiewicz": 71_275,
        "Steve Chupik": 70_267,
        "Marshall Butler": 130_000,
        "Richard Gormley": 35_000,
        "Donald Grierson": 40_000,
        "Frederic Heim": 65_000,
    }
    held: dict[str, Fraction] = {}
    for tender in scenario.exchange.tenders:  # type: ignore[union-attr]
        if tender.holder in schedule_a:
            held[tender.holder] = held.get(tender.holder, Fraction(0)) + tender.shares
    assert held == schedule_a and sum(schedule_a.values()) == 1_406_542
    assert _closes()["2003-02-24"] == Fraction("0.95")  # the offer's quoted close
    dates = demo.verdict.dates
    assert dates is not None
    assert (dates.lookback_start, dates.cancellation, dates.earliest_grant) == (
        dt.date(2002, 8, 28),
        dt.date(2003, 4, 1),
        dt.date(2003, 10, 3),
    )


def test_demo_default_verdict_recomputed_by_hand() -> None:
    closes = _closes()
    fmv = sum(closes[day] for day in WINDOW) / 5
    close = closes["2003-10-03"]
    assert close < fmv  # a falling market: the grant-date close is below the five-day FMV
    verdict = run_demo().verdict
    # every plan grant fits in the room its promise held; the consultant's 35,000 do not
    expected = P0 * (COMMON + 35_000 * close / fmv) / (COMMON + 35_000)
    assert verdict.triggers is True
    assert verdict.exercise_price == expected
    assert verdict.shares == FACE * P0 / expected
    (adjustment,) = verdict.adjustments
    assert adjustment.fmv is not None and adjustment.fmv.value == fmv
    gap = verdict.carve_out_gap
    assert gap is not None
    # before: 1,467,376 opening + 50,000 + 40,000 plan options in the carve-out
    assert verdict.carve_out_before.used == 1_557_376
    # in the gap: 1,557,376 promised, and the new hires take the 412,317 left
    assert (gap.used, gap.promised, gap.remaining) == (CAP, 1_557_376, 0)


def test_demo_without_promises_holding_room_recomputed_by_hand() -> None:
    closes = _closes()
    fmv = sum(closes[day] for day in WINDOW) / 5
    close = closes["2003-10-03"]
    answer = dict(run_demo().verdict.by_reading)[Reading(promised_grants_hold_room=False)]
    # the new hires take 450,000 of the freed room; the tenders fill the rest in order and
    # the 14th (50,000) overflows by 1,557,376 - (1,969,693 - 450,000) = 37,683
    overflow = 1_557_376 - (CAP - 450_000)
    assert overflow == 37_683
    first = P0 * (COMMON + overflow * close / fmv) / (COMMON + overflow)
    # then the consultant's 35,000, with the 37,683 now deemed outstanding
    second = first * (COMMON + overflow + 35_000 * close / fmv) / (COMMON + overflow + 35_000)
    assert answer.triggers is True
    assert answer.exercise_price == second
