"""Sanity checks of the reference model against figures worked by hand (SPEC §14, the docs'
worked examples and a few more), every expected figure written out as a Fraction."""

from __future__ import annotations

import datetime as dt
from fractions import Fraction as F

import pytest
from tests.reference.model import Refused, replay

P0 = F("1.94")


def flat_prices(close: str = "1.00", start=dt.date(2002, 2, 1), end=dt.date(2005, 12, 31)):
    """A close on every weekday: the FMV is ``close`` on every date in range."""
    quotes, day = [], start
    while day <= end:
        if day.weekday() < 5:
            quotes.append({"date": day, "close": close})
        day += dt.timedelta(days=1)
    return {"quote": quotes}


def scenario(events, outstanding=7_000_000, plan_options=0, reading=None, prices=None):
    return {
        "warrant": {"preset": "alpha-2002", "face_shares": 100_000},
        "reading": reading or {},
        "capitalization": {"common_outstanding": outstanding,
                           "plan_options_outstanding": plan_options},
        "prices": prices or flat_prices(),
        "event": events,
    }


def d(text):
    return dt.date.fromisoformat(text)


def test_section_14_worked_example():
    result = replay(scenario([
        {"type": "issuance", "id": "sale", "date": d("2002-06-03"), "shares": 1_000_000,
         "cash": 900_000, "expenses": 50_000},
        {"type": "option-grant", "id": "g", "date": d("2002-07-01"), "shares": 500_000,
         "exercise_price": "0.50", "consideration": 10_000, "expires": d("2003-06-30")},
        {"type": "expiry", "date": d("2003-06-30"), "of": "g"},
    ]))
    prices = [a.price_after for a in result.adjustments]
    assert prices == [F("1.903625"), F(6289577, 3400000), F("1.903625")]
    assert [a.clause for a in result.adjustments] == ["4.C(1)", "4.C(3)", "4.C(3)"]
    assert [a.readjustment for a in result.adjustments] == [False, False, True]
    assert result.adjustments[2].event == "#2"
    assert result.exercise_price == F("1.903625")
    assert result.shares == F(16_000_000, 157)
    assert result.issued == 8_000_000
    assert result.deemed == 0


def test_readjustment_to_no_adjustment_leaves_the_rest_out_of_A():
    # 8,000,000 outstanding, FMV 1.00; 500,000 non-plan options at 0.40, 250,000 paid:
    # consideration 250,000 + 200,000 = 450,000, EP 0.90 < 1.00.
    result = replay(scenario(outstanding=8_000_000, events=[
        {"type": "option-grant", "id": "g", "date": d("2002-07-01"), "shares": 500_000,
         "exercise_price": "0.40", "consideration": 250_000, "expires": d("2004-07-01")},
        # 300,000 lapse: basis 200,000 shares for 250,000 + 80,000 = 330,000, EP 1.65 >= 1.00:
        # factor 1, and the 200,000 still outstanding are no longer deemed.
        {"type": "expiry", "date": d("2003-01-06"), "of": "g", "shares": 300_000},
        # 1,000,000 sold for 600,000: A = 8,000,000 (not 8,200,000).
        {"type": "issuance", "date": d("2003-02-03"), "shares": 1_000_000, "cash": 600_000},
    ]))
    first = P0 * 8_450_000 / 8_500_000
    last = P0 * 8_600_000 / 9_000_000
    assert [a.price_after for a in result.adjustments] == [first, P0, last]
    assert result.deemed == 0
    assert result.exercise_price == last
    assert result.shares == 100_000 * P0 / last


def test_repricing_of_deemed_options_docs_example():
    # docs/section-4c.md, 4.C(6): 500,000 at 0.90, nothing paid; 100,000 exercised for 90,000;
    # the rest repriced to 0.50; then the 400,000 expire.
    events = [
        {"type": "option-grant", "id": "g", "date": d("2002-07-01"), "shares": 500_000,
         "exercise_price": "0.90", "expires": d("2005-07-01")},
        {"type": "exercise", "date": d("2002-09-03"), "of": "g", "shares": 100_000},
        {"type": "repricing", "date": d("2003-04-01"), "of": "g", "exercise_price": "0.50"},
    ]
    result = replay(scenario(events))
    grant = P0 * F(7_450_000, 7_500_000)
    readjusted = P0 * F(7_090_000, 7_100_000)
    reissued = readjusted * F(7_300_000, 7_500_000)
    assert reissued == F(5020429, 2662500)
    assert [(a.clause, a.readjustment, a.price_after) for a in result.adjustments] == [
        ("4.C(3)", False, grant),
        ("4.C(3)", True, readjusted),
        ("4.C(6)", False, reissued),
    ]
    assert result.deemed == 400_000
    result = replay(scenario([*events,
                              {"type": "expiry", "date": d("2004-01-05"), "of": "g"}]))
    assert result.exercise_price == F(68773, 35500)
    assert result.deemed == 0


def test_convertibles_docs_example():
    result = replay(scenario([
        {"type": "convertible-issuance", "id": "notes", "date": d("2003-02-03"),
         "max_shares": 1_000_000, "consideration": 800_000},
        {"type": "option-on-convertible", "id": "opt", "date": d("2003-03-03"),
         "max_shares": 200_000, "min_exercise_payment": 100_000,
         "min_conversion_payment": 20_000, "consideration": 10_000},
    ]))
    assert [(a.clause, a.price_after) for a in result.adjustments] == [
        ("4.C(3)", F("1.8915")), ("4.C(4)", F(3075579, 1640000))]
    assert result.deemed == 1_200_000


def test_carve_out_overflow_is_deemed_and_lapses_first():
    # A plan grant to an employee of 2,000,000 at 0.50: 1,969,693 fit, 30,307 over the cap are
    # deemed issued for 30,307 × 0.50 = 15,153.5.
    events = [
        {"type": "option-grant", "id": "p", "date": d("2002-07-01"), "shares": 2_000_000,
         "exercise_price": "0.50", "expires": d("2012-07-01"), "plan": True,
         "grantee": "employee"},
    ]
    result = replay(scenario(events))
    after_grant = P0 * (7_000_000 + F("15153.5")) / 7_030_307
    assert result.exercise_price == after_grant
    assert (result.used, result.remaining, result.deemed) == (1_969_693, 0, 30_307)
    # a lapse of 30,307 takes the over-cap part first: back to 1.94, the cap still full
    result = replay(scenario([*events, {"type": "cancellation", "date": d("2003-01-06"),
                                        "of": "p", "shares": 30_307}]))
    assert result.exercise_price == P0
    assert (result.used, result.deemed) == (1_969_693, 0)
    assert result.adjustments[-1].readjustment


def test_final_expiry_keeps_lapsed_rights_deemed_until_the_last():
    events = [
        {"type": "option-grant", "id": "g", "date": d("2002-07-01"), "shares": 500_000,
         "exercise_price": "0.50", "expires": d("2005-07-01")},
        {"type": "expiry", "date": d("2003-01-06"), "of": "g", "shares": 200_000},
        {"type": "issuance", "date": d("2003-02-03"), "shares": 1_000_000, "cash": 600_000},
    ]
    p1 = P0 * F(7_250_000, 7_500_000)
    final = replay(scenario(events, reading={"readjust_on": "final-expiry"}))
    assert final.exercise_price == p1 * F(8_100_000, 8_500_000)
    assert final.deemed == 500_000
    each = replay(scenario(events))
    assert each.exercise_price == P0 * F(7_150_000, 7_300_000) * F(7_900_000, 8_300_000)
    assert each.deemed == 300_000
    # the last 300,000 lapse: the deemed issue goes entirely, the sale is recomputed on A = 7M
    closed = replay(scenario([*events, {"type": "expiry", "date": d("2003-06-02"), "of": "g"}],
                             reading={"readjust_on": "final-expiry"}))
    assert closed.exercise_price == P0 * F(7_600_000, 8_000_000)
    assert closed.adjustments[-1].readjustment


def test_unpaid_dividend_recomputes_the_carve_out():
    # 10% dividend: 97/55 and the cap × 11/10; a plan grant of 2,100,000 fits in the bigger cap.
    events = [
        {"type": "stock-dividend", "date": d("2002-07-15"), "record_date": d("2002-06-28"),
         "shares": 700_000},
        {"type": "option-grant", "id": "p", "date": d("2002-08-01"), "shares": 2_100_000,
         "exercise_price": "0.50", "expires": d("2012-08-01"), "plan": True,
         "grantee": "officer"},
    ]
    result = replay(scenario(events))
    assert result.exercise_price == F(97, 55)
    assert result.cap == F(1_969_693) * F(11, 10)
    assert result.deemed == 0
    # not paid: as if never declared; 130,307 of the grant are over the cap, deemed at 0.50
    result = replay(scenario([*events, {"type": "dividend-unpaid", "date": d("2002-09-03"),
                                        "record_date": d("2002-06-28")}]))
    expected = P0 * (7_000_000 + F("65153.5")) / 7_130_307
    assert result.exercise_price == expected
    assert [(a.clause, a.price_after) for a in result.adjustments] == [
        ("4.D", F(97, 55)), ("4.D", expected)]
    assert (result.cap, result.used, result.deemed, result.issued) == (
        1_969_693, 1_969_693, 130_307, 7_000_000)


def test_splits_and_reverse_splits():
    result = replay(scenario([
        {"type": "stock-split", "date": d("2004-01-02"), "ratio": "3/2"},
        {"type": "stock-split", "date": d("2004-02-02"), "ratio": "1/10"},
    ]))
    assert [a.price_after for a in result.adjustments] == [F(97, 75), F(194, 15)]
    assert result.shares == 15_000
    assert result.issued == 1_050_000
    assert result.cap == F(1_969_693) * F(3, 20)


@pytest.mark.parametrize(("events", "index"), [
    ([{"type": "exercise", "date": d("2002-07-01"), "of": "nope", "shares": 1}], 0),
    ([{"type": "issuance", "date": d("2002-07-01"), "shares": 10, "cash": 5},
      {"type": "issuance", "date": d("2002-06-03"), "shares": 10, "cash": 5}], 1),
    ([{"type": "issuance", "date": d("2002-03-01"), "shares": 10, "cash": 5}], 0),
    ([{"type": "issuance", "date": d("2002-07-01"), "shares": 10, "cash": 5,
       "expenses": 6}], 0),
    ([{"type": "option-grant", "id": "g", "date": d("2002-07-01"), "shares": 10,
       "exercise_price": 1, "expires": d("2003-07-01")},
      {"type": "exercise", "date": d("2002-08-01"), "of": "g", "shares": 11}], 1),
    ([{"type": "reorganization", "date": d("2002-07-01"), "basket": {"cash": 2}},
      {"type": "expiry", "date": d("2002-08-01"), "of": "ghost"}], 1),
    ([{"type": "issuance", "date": d("2002-03-05"), "shares": 10, "cash": 5}], 0),  # no FMV
])
def test_refusals(events, index):
    prices = flat_prices(start=dt.date(2002, 3, 1))
    with pytest.raises(Refused) as caught:
        replay(scenario(events, prices=prices))
    assert caught.value.index == index
