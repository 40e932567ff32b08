"""Section 1: a holder's exercise, priced and recorded (SPEC §2, §6).

Every expected figure is worked by hand with Fractions.  The market closes at
$1.00 until 2002-06-19 and at $2.50 from 2002-06-20, so the FMV of the SPEC §14
issue on 2002-06-03 is 1.00 (price 1.94 → 1.903625 = 1.94 × 157/160, shares
100,000 → 16,000,000/157) and the FMV on 2002-07-01 is 2.50.
"""

from __future__ import annotations

from fractions import Fraction

import attrs

from engine_helpers import P0, D, price_history, spec_first_issue
from holder_helpers import full_snapshot, series_ledger
from warrant.instrument.terms import ALPHA_2002
from warrant.market.price_history import PriceHistory
from warrant.register.events import Distribution, Reorganization
from warrant.register.holder_events import WarrantExercise
from warrant.register.ledger import Capitalization, Ledger
from warrant.register.records import Outcome
from warrant.register.series import SeriesWarrant

ISSUE = D(2002, 6, 3)
EXERCISE = D(2002, 7, 1)  # a Monday; its five trading days before are 2002-06-24 .. 28
P1 = Fraction("1.903625")
S1 = Fraction(16_000_000, 157)
FMV = Fraction("2.50")


def stepped_prices():
    return price_history(after={D(2002, 6, 20): "2.50"}, end=D(2002, 12, 31))


def ledger(adjusted=True):
    found = series_ledger(("W-1", "Bank A", 100_000), prices=stepped_prices())
    if adjusted:
        found.apply(spec_first_issue(ISSUE))
        assert (found.price, found.warrant_shares("W-1")) == (P1, S1)
    return found


def test_s1_cash_exercise_of_the_whole_warrant_after_an_adjustment():
    book = ledger()
    issued_before = book.position.issued
    # k × P = 16,000,000/157 × 1.903625 = 194,000: the aggregate price never moves
    determination = book.apply(WarrantExercise(date=EXERCISE, warrant="W-1", cash="194000"))
    (settled,) = book.exercises
    assert settled.shares_exercised == S1
    assert settled.sum_payable == 194_000
    assert settled.sum_payable_rounded == 194_000
    assert settled.shares_withheld == 0
    assert settled.shares_issued == S1
    # 157 × 101,910 = 15,999,870: 101,910 whole shares and 130/157 of a share
    assert settled.whole_shares == 101_910
    assert settled.fraction == Fraction(130, 157)
    # cash in lieu: 130/157 × 2.50 = 325/157 = 2.0700…; to the cent 2.07
    assert settled.cash_in_lieu_exact == Fraction(325, 157)
    assert settled.cash_in_lieu == Fraction("2.07")
    assert settled.fmv.value == FMV
    assert settled.fmv.days == (D(2002, 6, 24), D(2002, 6, 25), D(2002, 6, 26), D(2002, 6, 27),
                                D(2002, 6, 28))
    assert settled.new_warrant is None
    assert book.series == ()
    # whole shares join the issued count and are not Additional Shares (4.C(5)(i))
    assert book.position.issued == issued_before + 101_910
    assert book.price == P1
    assert determination.outcome is Outcome.EXCLUDED
    assert determination.clause == "Section 1; 4.C(5)(i)"
    assert determination.adjustments == ()


def test_s1_partial_exercise_leaves_a_new_warrant_for_the_rest():
    book = ledger()
    # 50,000 × 1.903625 = 95,181.25
    book.apply(WarrantExercise(date=EXERCISE, warrant="W-1", shares=50_000, cash="95181.25",
                               remainder_id="W-1b"))
    (settled,) = book.exercises
    assert settled.sum_payable == Fraction("95181.25")
    assert (settled.whole_shares, settled.cash_in_lieu) == (50_000, 0)
    # the rest: 16,000,000/157 − 50,000 = 8,150,000/157 shares; on the face
    # 8,150,000/157 × 157/160 = 50,937.5 (= 100,000 − 50,000 × 157/160)
    assert settled.new_warrant.id == "W-1b"
    assert settled.new_warrant.holder == "Bank A"
    assert settled.new_warrant.face_shares == Fraction("50937.5")
    assert settled.new_warrant_shares == Fraction(8_150_000, 157)
    assert [(w.id, w.face_shares) for w in book.series] == [("W-1b", Fraction("50937.5"))]
    assert book.warrant_shares("W-1b") == Fraction(8_150_000, 157)


def test_s1_partial_exercise_derives_the_new_id():
    book = ledger(adjusted=False)
    book.apply(WarrantExercise(date=EXERCISE, warrant="W-1", shares=1, cash="1.94"))
    book.apply(WarrantExercise(date=EXERCISE, warrant="W-1.1", shares=1, cash="1.94"))
    assert [w.id for w in book.series] == ["W-1.1.1"]
    assert book.warrant_shares("W-1.1.1") == 99_998


def test_s1_net_issuance_alone():
    book = ledger()
    book.apply(WarrantExercise(date=EXERCISE, warrant="W-1", net=True))
    (settled,) = book.exercises
    # 194,000 due, all by net issuance: 194,000 / 2.50 = 77,600 shares withheld;
    # 16,000,000/157 − 77,600 = 3,816,800/157 issued; 157 × 24,310 = 3,816,670
    assert settled.paid_by_net_issuance == 194_000
    assert settled.shares_withheld == 77_600
    assert settled.shares_issued == Fraction(3_816_800, 157)
    assert settled.whole_shares == 24_310
    assert settled.cash_in_lieu_exact == Fraction(130, 157) * FMV
    assert settled.cash_in_lieu == Fraction("2.07")
    # the SPEC §6 form: k × (FMV − P) / FMV
    assert settled.shares_issued == S1 * (FMV - P1) / FMV


def test_s1_net_issuance_with_cash():
    book = ledger(adjusted=False)
    # 10,000 × 1.94 = 19,400; cash 9,400; the other 10,000 by withholding 10,000/2.50 = 4,000
    book.apply(WarrantExercise(date=EXERCISE, warrant="W-1", shares=10_000, cash=9_400,
                               net=True))
    (settled,) = book.exercises
    assert (settled.paid_cash, settled.paid_by_net_issuance) == (9_400, 10_000)
    assert settled.shares_withheld == 4_000
    assert (settled.shares_issued, settled.whole_shares, settled.cash_in_lieu) == (6_000, 6_000, 0)
    assert book.warrant_shares("W-1.1") == 90_000


def test_s1_net_issuance_with_debt():
    book = ledger(adjusted=False)
    # 19,400 due; debt 5,000.50 cancelled; 14,399.50 by net issuance: 14,399.5 / 2.5 = 5,759.8
    # withheld; 4,240.2 issued: 4,240 whole and 0.2 × 2.50 = 0.50 in cash
    book.apply(WarrantExercise(date=EXERCISE, warrant="W-1", shares=10_000, debt="5000.50",
                               net=True))
    (settled,) = book.exercises
    assert settled.paid_debt == Fraction("5000.5")
    assert settled.paid_by_net_issuance == Fraction("14399.5")
    assert settled.shares_withheld == Fraction("5759.8")
    assert settled.whole_shares == 4_240
    assert settled.cash_in_lieu == settled.cash_in_lieu_exact == Fraction("0.5")


def test_s1_cash_debt_and_net_issuance_together_on_an_odd_sum():
    book = ledger()
    # 3 shares × 1.903625 = 5.710875, due to the cent 5.71; cash 2, debt 3: the rest
    # 0.710875 exact by net issuance, 0.710875 / 2.5 = 0.28435 withheld; 2.71565 issued
    book.apply(WarrantExercise(date=EXERCISE, warrant="W-1", shares=3, cash=2, debt=3, net=True))
    (settled,) = book.exercises
    assert settled.sum_payable == Fraction("5.710875")
    assert settled.sum_payable_rounded == Fraction("5.71")
    assert settled.paid_by_net_issuance == Fraction("0.710875")
    assert settled.shares_withheld == Fraction("0.28435")
    assert settled.whole_shares == 2
    # 0.71565 × 2.50 = 1.789125 → 1.79
    assert settled.cash_in_lieu_exact == Fraction("1.789125")
    assert settled.cash_in_lieu == Fraction("1.79")


def test_s1_cash_to_the_cent_pays_a_sum_with_more_places():
    book = ledger()
    # 3 × 1.903625 = 5.710875: 5.71 in cash settles it (the money due rounds half-up)
    book.apply(WarrantExercise(date=EXERCISE, warrant="W-1", shares=3, cash="5.71"))
    assert book.exercises[0].paid_by_net_issuance == 0


def test_s1_exercise_after_a_spin_off_delivers_the_basket_pro_rata():
    book = ledger()
    # 4.A after the adjustment: 1/4 Spinco share per share, 160/157 shares per face share
    # at the record date, so 40/157 Spinco per face share; 4,000,000/157 on the warrant
    book.apply(Distribution(date=D(2002, 6, 20), record_date=D(2002, 6, 14),
                            kind="Spinco common", per_share="1/4"))
    book.apply(WarrantExercise(date=EXERCISE, warrant="W-1", shares="8000000/157",
                               cash="97000"))
    (settled,) = book.exercises
    # half the shares (8,000,000/157 × 1.903625 = 97,000): half the Spinco, 2,000,000/157
    (item,) = settled.entitlements_delivered
    assert (item.kind, item.clause, item.record_date) == ("Spinco common", "4.A", D(2002, 6, 14))
    assert item.quantity == Fraction(2_000_000, 157)
    # and the new warrant keeps the other half of the accrual: 50,000 face × 40/157
    (rest,) = book.series
    assert rest.face_shares == 50_000
    assert book.position.entitlements[0].per_face_share * rest.face_shares == Fraction(
        2_000_000, 157)


def test_s1_exercise_after_a_reorganisation_delivers_the_basket_instead_of_common():
    book = ledger(adjusted=False)
    issued_before = book.position.issued
    book.apply(Reorganization(date=D(2002, 6, 20), basket={"cash": "2.00", "Acquirer": "1/2"}))
    # 40,000 of 100,000 shares at 1.94: 77,600; per share of Common, $2.00 and 1/2 Acquirer
    book.apply(WarrantExercise(date=EXERCISE, warrant="W-1", shares=40_000, cash=77_600))
    (settled,) = book.exercises
    assert [(i.kind, i.quantity, i.clause) for i in settled.basket] == [
        ("cash", 80_000, "4.B"), ("Acquirer", 20_000, "4.B")]
    assert (settled.shares_issued, settled.whole_shares) == (0, 0)
    assert book.position.issued == issued_before  # no Common Stock issued
    assert book.warrant_shares("W-1.1") == 60_000


def test_s1_exercised_shares_count_in_a_later_adjustment():
    book = series_ledger(("W-1", "Bank A", 100_000))  # FMV 1.00 throughout
    book.apply(WarrantExercise(date=D(2002, 5, 1), warrant="W-1", shares=40_000, cash=77_600))
    book.apply(spec_first_issue(ISSUE))
    # A = 7,000,000 + 40,000: P' = 1.94 × (7,040,000 + 850,000) / (7,040,000 + 1,000,000)
    assert book.price == P0 * Fraction(7_890_000, 8_040_000)
    assert book.warrant_shares("W-1.1") * book.price == 60_000 * P0


def test_s1_pricing_records_nothing_and_equals_what_applying_records():
    book = ledger()
    event = WarrantExercise(date=EXERCISE, warrant="W-1", shares=1_000, cash=1_000, net=True)
    before = full_snapshot(book)
    priced = book.price_exercise(event)
    assert full_snapshot(book) == before
    book.apply(event)
    assert book.exercises == (priced,)


def test_s1_a_cash_exercise_of_whole_shares_needs_no_prices():
    book = series_ledger(("W-1", "Bank A", 100_000),
                         prices=price_history(start=D(2002, 3, 1), end=D(2002, 3, 29)))
    book.apply(WarrantExercise(date=D(2002, 7, 1), warrant="W-1", shares=100, cash=194))
    (settled,) = book.exercises
    assert settled.fmv is None
    assert settled.whole_shares == 100


def test_s1_pricing_takes_the_event_or_its_fields():
    book = ledger(adjusted=False)
    by_fields = book.price_exercise(date=EXERCISE, warrant="W-1", shares=10, cash="19.40")
    assert by_fields == book.price_exercise(
        WarrantExercise(date=EXERCISE, warrant="W-1", shares=10, cash="19.40"))
    assert by_fields.sum_payable == Fraction("19.4")


def test_s1_a_day_past_the_trading_calendar_is_judged_by_the_reading_in_force_alone():
    # Terms running to 2040 and a cash exercise on Monday 2036-06-02, past the span of the
    # trading calendar (1995-2035). Under the default (federal) business-day basis the day
    # is a business day and the exercise settles; that the trading-day basis cannot say so
    # only tells a side-by-side view the two bases part here. Nothing is adjusted, so the
    # sum payable is 100 x 1.94 = 194.
    terms = attrs.evolve(ALPHA_2002, expiration=ALPHA_2002.expiration.replace(year=2040))
    book = Ledger(
        capitalization=Capitalization(common_outstanding=7_000_000), prices=PriceHistory(()),
        terms=terms, series=[SeriesWarrant(id="W-1", holder="A", face_shares=100_000)],
    )
    made = book.apply(
        WarrantExercise(date=D(2036, 6, 2), warrant="W-1", shares=100, cash="194")
    )
    assert made.outcome is Outcome.EXCLUDED
    assert book.position.issued == 7_000_100
    assert "business_day" in book.consulted
