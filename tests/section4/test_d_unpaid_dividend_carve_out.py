"""4.D(1) proviso: an unpaid dividend is recomputed away from the whole register (SPEC §5),
the 4.C(5)(iii) carve-out cap included when it follows 4.D share changes (the default
reading).  Every figure is worked by hand with Fractions: 8,000,000 shares outstanding at
the Issue Date, the cap 1,969,693 (SPEC §1)."""

from __future__ import annotations

import datetime as dt
from fractions import Fraction as F

from engine_helpers import CAP, P0, D, flat_prices, new_ledger
from warrant.ground.wording import UNWORDED
from warrant.instrument.readings import Reading
from warrant.register.events import (
    Cancellation,
    DividendUnpaid,
    Expiry,
    Issuance,
    OptionGrant,
    PromiseToGrant,
    StockDividend,
)
from warrant.register.holder_events import WarrantExercise
from warrant.register.ledger import Capitalization, Ledger
from warrant.register.series import SeriesWarrant

COMMON = 8_000_000
R1, R2 = D(2002, 6, 3), D(2002, 9, 3)


def dividends(**reading: object):
    ledger = new_ledger(common=COMMON, reading=Reading(**reading))
    # 10% on 8,000,000: N = 8,000,000, D = 800,000.
    ledger.apply(StockDividend(date=R1, record_date=R1, shares=800_000, paid=True))
    # then 880,000 on N = 8,800,000 (which counts the first dividend's shares).
    ledger.apply(StockDividend(date=R2, record_date=R2, shares=880_000, paid=True))
    return ledger


def test_both_paid_the_cap_follows_both() -> None:
    ledger = dividends()
    assert ledger.carve_out.cap == CAP * F(8_800_000, 8_000_000) * F(9_680_000, 8_800_000)
    assert ledger.price == P0 * F(8_000_000, 8_800_000) * F(8_800_000, 9_680_000)


def test_the_first_unpaid_the_second_is_recomputed_on_n_without_it() -> None:
    """Without the first dividend the second's N is 8,000,000: price 1.94 × 8,000,000 /
    8,880,000 and the cap 1,969,693 × 8,880,000 / 8,000,000 (not × 9,680,000 / 8,800,000)."""
    ledger = dividends()
    ledger.apply(DividendUnpaid(date=D(2002, 10, 1), record_date=R1))
    assert ledger.price == P0 * F(8_000_000, 8_880_000)
    assert ledger.carve_out.cap == CAP * F(8_880_000, 8_000_000)
    assert ledger.outstanding.issued == 8_880_000


def test_the_second_unpaid_leaves_the_first() -> None:
    ledger = dividends()
    ledger.apply(DividendUnpaid(date=D(2002, 10, 1), record_date=R2))
    assert ledger.price == P0 * F(8_000_000, 8_800_000)
    assert ledger.carve_out.cap == CAP * F(8_800_000, 8_000_000)


def test_both_unpaid_in_turn_restore_the_cap() -> None:
    ledger = dividends()
    ledger.apply(DividendUnpaid(date=D(2002, 10, 1), record_date=R1))
    ledger.apply(DividendUnpaid(date=D(2002, 10, 2), record_date=R2))
    assert ledger.price == P0
    assert ledger.carve_out.cap == CAP


def test_a_fixed_cap_does_not_move() -> None:
    ledger = dividends(carve_out_follows_splits=False)
    ledger.apply(DividendUnpaid(date=D(2002, 10, 1), record_date=R1))
    assert ledger.carve_out.cap == CAP
    assert ledger.price == P0 * F(8_000_000, 8_880_000)


def test_a_plan_grant_that_fitted_only_in_the_dividends_room_is_partly_deemed() -> None:
    """8,000,000 shares and 1,500,000 opening plan options (room 1,969,693 − 1,500,000 =
    469,693); FMV $1.00.  A 10% dividend (paid) lifts the cap to 1,969,693 × 8.8 / 8, so a
    plan grant of 600,000 at $0.50 fits whole, and a sale follows.  The dividend then goes
    unpaid: recomputed as if never declared, the grant had room for 469,693 only; the other
    130,307 are deemed issued at the grant's terms on its date (4.C(3)):
    B = 130,307 × 0.50 = 65,153.5, A = 8,000,000 — and the sale's A counts them too."""
    ledger = new_ledger(common=COMMON, plan_options=1_500_000)
    ledger.apply(StockDividend(date=R1, record_date=R1, shares=800_000, paid=True))
    ledger.apply(
        OptionGrant(
            date=D(2002, 7, 1), id="plan", shares=600_000, exercise_price="0.50",
            expires=D(2006, 7, 1), plan=True, grantee="employee",
        )
    )
    assert ledger.carve_out.used == 2_100_000  # all of it inside the grown cap
    ledger.apply(Issuance(date=D(2002, 8, 1), shares=1_000_000, cash=600_000))
    assert ledger.price == P0 * F(8_000_000, 8_800_000) * F(9_400_000, 9_800_000)
    ledger.apply(DividendUnpaid(date=D(2002, 9, 3), record_date=R1))
    over = 600_000 - (1_969_693 - 1_500_000)
    assert over == 130_307
    at_grant = F(8_000_000 + F(over, 2), 8_000_000 + over)
    at_sale = F(8_000_000 + over + 600_000, 8_000_000 + over + 1_000_000)
    assert ledger.price == P0 * at_grant * at_sale
    assert ledger.carve_out.cap == CAP
    assert ledger.carve_out.used == CAP
    assert ledger.carve_out.over_cap == 0
    assert ledger.outstanding.deemed == over
    assert ledger.outstanding.issued == 9_000_000
    record, restated = ledger.adjustments[-2:]
    assert record.clause == "4.D" and record.readjusts == 0 and "'plan'" in record.note
    assert record.price_after == ledger.price
    # the deemed issue the register never made has its own record, with its Current FMV
    # and consideration (4.G), dated on this event and naming the grant's date
    assert restated.clause == "4.C(3)" and restated.date == D(2002, 9, 3)
    assert restated.fmv is not None and restated.fmv.value == 1
    assert restated.consideration is not None
    assert restated.consideration.total == F(over, 2)
    assert restated.additional_shares == over
    assert "2002-07-01" in restated.note
    # the recomputation that found it is worded again for it (it joins the register)
    assert UNWORDED not in restated.note and UNWORDED not in record.note
    assert restated.price_before == restated.price_after == ledger.price
    # the grant's over-cap part lapsing later readjusts that restated deemed issue:
    # everything lapses, so the price returns to the path with no deemed issue at all.
    ledger.apply(Expiry(date=D(2002, 10, 1), of="plan"))
    lapse = ledger.adjustments[-1]
    assert lapse.readjustment and lapse.readjusts == restated.sequence
    assert lapse.fmv == restated.fmv
    assert ledger.outstanding.deemed == 0
    assert ledger.price == P0 * F(8_600_000, 9_000_000)


def test_a_holders_exercise_stays_as_it_was_settled_when_the_register_is_recomputed() -> None:
    """The same register with a holder's exercise after the dividend: 1,000 shares at the
    price then in force, 1.94 × 8,000,000 / 8,800,000 = 97/55, paid in cash, $1,763.64
    (1,763.6363… rounded half up).  Recomputed without the dividend the price would have
    been 1.94 — but the exercise was made, paid and issued: it stays (Section 1), and its
    1,000 shares stay in the issued count; only the grant's over-cap part is deemed."""
    ledger = Ledger(
        capitalization=Capitalization(
            common_outstanding=COMMON, plan_options_outstanding=1_500_000
        ),
        prices=flat_prices(),
        series=(SeriesWarrant(id="W-1", holder="Bank A", face_shares=100_000),),
    )
    ledger.apply(StockDividend(date=R1, record_date=R1, shares=800_000, paid=True))
    ledger.apply(
        WarrantExercise(date=D(2002, 6, 17), warrant="W-1", shares=1_000, cash="1763.64")
    )
    settled = ledger.exercises[0]
    assert settled.exercise_price == P0 * F(8, 88) * 10 and settled.whole_shares == 1_000
    ledger.apply(
        OptionGrant(
            date=D(2002, 7, 1), id="plan", shares=600_000, exercise_price="0.50",
            expires=D(2006, 7, 1), plan=True, grantee="employee",
        )
    )
    ledger.apply(DividendUnpaid(date=D(2002, 9, 3), record_date=R1))
    over = 130_307
    # A at the grant: 8,000,000 + the 1,000 issued to the holder.
    assert ledger.price == P0 * F(8_001_000 + F(over, 2), 8_001_000 + over)
    assert ledger.exercises == (settled,)
    assert ledger.outstanding.issued == 8_001_000
    assert ledger.outstanding.deemed == over


def test_ten_unpaid_dividends_end_where_ten_declared_unpaid_do() -> None:
    """Ten dividends, a plan grant after each, then each dividend goes unpaid in turn:
    the register ends exactly where the same register with every dividend declared
    unpaid from the start ends (SPEC §5: as if none had been declared) — price, shares
    issued and deemed, the carve-out.  (Each recomputation is one replay, however many
    dividends went unpaid before it.)"""

    def register(paid: bool) -> Ledger:
        ledger = new_ledger(common=COMMON, plan_options=1_900_000)
        day = D(2002, 4, 1)
        for n in range(10):
            record = day + dt.timedelta(days=30 * n)
            ledger.apply(
                StockDividend(date=record, record_date=record, shares=400_000, paid=paid)
            )
            ledger.apply(
                OptionGrant(
                    date=record + dt.timedelta(days=10), id=f"plan-{n}", shares=30_000,
                    exercise_price="0.50", expires=D(2006, 7, 1), plan=True,
                    grantee="employee",
                )
            )
        if paid:
            for n in range(10):
                record = day + dt.timedelta(days=30 * n)
                ledger.apply(DividendUnpaid(date=D(2003, 3, 1), record_date=record))
        return ledger

    undone, never = register(paid=True), register(paid=False)
    assert undone.price == never.price
    assert undone.outstanding == never.outstanding
    assert undone.carve_out.used == never.carve_out.used == CAP
    assert undone.carve_out.cap == CAP
    # without the dividends only 69,693 of the 300,000 plan shares fit: the rest deemed
    assert never.outstanding.deemed == 300_000 - 69_693


def test_a_promise_holds_only_the_room_the_register_without_the_dividend_had() -> None:
    """20,000,000 shares; a dividend of 3,400,000 (cap × 23.4 / 20 = 2,304,540.81); a plan
    grant of 1,500,000 fits, 750,000 of it are cancelled, a plan grant of 1,050,000 fits
    (1,800,000 used), and a promise for the cancelled 750,000 holds the room left:
    2,304,540.81 − 1,800,000 = 504,540.81.  Unpaid, the cap is 1,969,693 again; every grant
    still fits, but the promise could only have held 1,969,693 − 1,800,000 = 169,693."""
    ledger = new_ledger(common=20_000_000)
    ledger.apply(StockDividend(date=R1, record_date=R1, shares=3_400_000, paid=True))

    def plan(gid: str, day: dt.date, shares: int) -> OptionGrant:
        return OptionGrant(date=day, id=gid, shares=shares, exercise_price="1.10",
                           expires=D(2006, 7, 1), plan=True, grantee="officer")

    ledger.apply(plan("first", D(2002, 7, 1), 1_500_000))
    ledger.apply(Cancellation(date=D(2002, 8, 1), of="first", shares=750_000))
    ledger.apply(plan("second", D(2002, 9, 3), 1_050_000))
    ledger.apply(PromiseToGrant(date=D(2002, 10, 1), id="p", of="first", shares=750_000))
    assert ledger.carve_out.cap == CAP * F(23_400_000, 20_000_000)
    assert ledger.carve_out.promised == CAP * F(234, 200) - 1_800_000
    ledger.apply(DividendUnpaid(date=D(2002, 11, 1), record_date=R1))
    assert ledger.carve_out.cap == CAP
    assert ledger.carve_out.promised == 169_693
    assert ledger.carve_out.used == CAP and ledger.carve_out.remaining == 0
    assert ledger.price == P0  # nothing was ever below FMV
    assert "promise p" in ledger.adjustments[-1].note


def test_a_resumed_ledger_recomputes_with_its_series() -> None:
    """The side-by-side readings resume a ledger from a checkpoint; its recomputation of an
    unpaid dividend replays the holder's exercise against the same series of Warrants."""
    events = [
        StockDividend(date=R1, record_date=R1, shares=800_000, paid=True),
        WarrantExercise(date=D(2002, 6, 17), warrant="W-1", shares=1_000, cash="1763.64"),
        OptionGrant(
            date=D(2002, 7, 1), id="plan", shares=600_000, exercise_price="0.50",
            expires=D(2006, 7, 1), plan=True, grantee="employee",
        ),
        DividendUnpaid(date=D(2002, 9, 3), record_date=R1),
    ]
    ledger = Ledger(
        capitalization=Capitalization(
            common_outstanding=COMMON, plan_options_outstanding=1_500_000
        ),
        prices=flat_prices(),
        series=(SeriesWarrant(id="W-1", holder="Bank A", face_shares=100_000),),
        checkpoints=True,
    )
    ledger.apply_all(events)
    checkpoint = ledger.checkpoints[0]
    resumed = ledger.resume(checkpoint, Reading())
    resumed.apply_all(events[checkpoint.index:])
    assert resumed.price == ledger.price
    assert resumed.series == ledger.series
    assert resumed.exercises == ledger.exercises
