"""SPEC §11 invariant 12: net issuance reconciles exactly.

For any exercise paid wholly or partly by net issuance at an FMV above the
Exercise Price: the shares issued plus the shares withheld are the shares
exercised; the withheld shares at the FMV are worth exactly what net issuance
paid; whole shares plus the cash in lieu plus the value withheld come to the
shares exercised at the FMV; and the cash in lieu is less than one share's FMV.
"""

from __future__ import annotations

from fractions import Fraction

from hypothesis import given, settings
from hypothesis import strategies as st

from engine_helpers import P0, D, price_history
from holder_helpers import series_ledger
from warrant.register.holder_events import WarrantExercise

DAY = D(2002, 7, 1)
FACE = 100_000


def fmv_prices(close):
    return price_history(base=str(close), start=D(2002, 6, 3), end=D(2002, 7, 1))


@settings(max_examples=80, deadline=None)
@given(
    close=st.decimals("1.95", "40.00", places=2),
    shares=st.fractions(0, FACE, max_denominator=1000).filter(bool),
    cash_part=st.fractions(0, 1, max_denominator=100),
    debt_part=st.fractions(0, 1, max_denominator=100),
)
def test_spec_11_inv12_net_issuance_reconciles_to_the_shares_exercised_at_fmv(
    close, shares, cash_part, debt_part
):
    ledger = series_ledger(("W-1", "Bank A", FACE), prices=fmv_prices(close))
    fmv = Fraction(close)
    due = shares * P0
    # cash and debt pay parts of the sum in whole cents, never more than is due
    cash = Fraction(int(due * cash_part * 100), 100)
    debt = Fraction(int((due - cash) * debt_part * 100), 100)
    settled = ledger.price_exercise(
        WarrantExercise(date=DAY, warrant="W-1", shares=shares, cash=cash, debt=debt, net=True)
    )
    assert settled.fmv.value == fmv
    assert settled.paid_cash + settled.paid_debt + settled.paid_by_net_issuance == due
    assert settled.shares_withheld * fmv == settled.paid_by_net_issuance
    assert settled.shares_issued + settled.shares_withheld == shares
    assert (
        settled.whole_shares * fmv + settled.cash_in_lieu_exact + settled.shares_withheld * fmv
        == shares * fmv
    )
    assert 0 <= settled.cash_in_lieu_exact < fmv
    assert settled.whole_shares == int(settled.shares_issued)
    # the cent rounding of the cash in lieu is within half a cent of the exact figure
    assert abs(settled.cash_in_lieu - settled.cash_in_lieu_exact) <= Fraction(1, 200)
    if cash == 0 and debt == 0:
        assert settled.shares_issued == shares * (fmv - P0) / fmv
