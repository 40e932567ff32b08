"""The price chain's three kinds of step: what each keeps and how it is recomputed.

Expected values are worked by hand with Fractions, never by the code under test.
"""

from datetime import date
from fractions import Fraction as F

import attrs
import pytest

from warrant.section4.c1_formula import WeightedAverageStep
from warrant.section4.d_stock_dividends import StockDividendStep
from warrant.section4.e_splits import SplitStep


def weighted(**changes: object) -> WeightedAverageStep:
    step = WeightedAverageStep(
        adjustment=0, factor=F(1_000 + 50, 1_000 + 100), scale=F(1),
        outstanding=F(1_000), bought=F(50), additional=F(100), fmv=F(2), counts_deemed=True,
    )
    return attrs.evolve(step, **changes)


def test_4C1_step_recomputed_on_a_new_A():
    # A drops from 1,000 to 900: (900 + 50) / (900 + 100)
    again = weighted().with_outstanding(F(900))
    assert again.factor == F(950, 1000)
    assert (again.outstanding, again.bought, again.additional) == (F(900), F(50), F(100))
    assert again.fmv == F(2) and again.adjustment == 0


def test_4C1_clamped_step_stays_at_one_whatever_A_becomes():
    clamped = weighted(factor=F(1), clamped=True)
    assert clamped.with_outstanding(F(10)).factor == 1


def test_4C1_step_is_live_only_when_A_counts_deemed_shares():
    assert weighted().live
    assert not weighted(counts_deemed=False).live


def test_4D_step_recomputed_on_a_new_N():
    step = StockDividendStep(
        adjustment=3, factor=F(1_000, 1_100), scale=F(1), outstanding=F(1_000),
        additional=F(100), record_date=date(2003, 1, 2),
    )
    again = step.with_outstanding(F(400))
    assert again.factor == F(400, 500)
    assert again.record_date == date(2003, 1, 2)
    assert not again.live
    assert attrs.evolve(step, factor=F(1), clamped=True).with_outstanding(F(400)).factor == 1


def test_4E_step_keeps_its_factor_and_is_never_live():
    step = SplitStep(adjustment=1, factor=F(1, 2), scale=F(2))
    assert step.factor == F(1, 2) and not step.live
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        step.factor = F(1)  # type: ignore[misc]


def test_rules_see_the_price_chain_and_the_records_read_only():
    from engine_helpers import flat_prices
    from warrant.register.events import Issuance
    from warrant.register.ledger import Capitalization, Ledger

    ledger = Ledger(
        capitalization=Capitalization(common_outstanding=1_000_000), prices=flat_prices()
    )
    ledger.apply(Issuance(date=date(2002, 6, 10), shares=100_000, cash=1))
    book = ledger._book()
    assert len(book.steps) == 1 and len(book.adjustments) == 1
    for view in (book.steps, book.adjustments, book.live_steps):
        assert not hasattr(view, "append")
        with pytest.raises(TypeError):
            view[0] = None  # type: ignore[index]
    assert book.steps[0:1] == (book.steps[0],)
    with pytest.raises(TypeError):
        book.grants["x"] = None  # type: ignore[index]


def test_a_staged_chain_reads_replaced_steps_appended_steps_and_the_rest_unchanged():
    from warrant.register.steps import StepOverlay

    base = [weighted(adjustment=0), weighted(adjustment=1), weighted(adjustment=2)]
    replaced = weighted(adjustment=1, factor=F(99, 100))
    appended = [weighted(adjustment=3), weighted(adjustment=4)]
    chain = StepOverlay(base, {1: replaced}, appended)
    assert len(chain) == 5
    assert [step.adjustment for step in chain] == [0, 1, 2, 3, 4]
    assert chain[0] is base[0] and chain[2] is base[2]
    assert chain[1] is replaced
    assert chain[3] is appended[0] and chain[4] is appended[1]
    # counted from the end, as a list is
    assert chain[-1] is appended[1] and chain[-3] is base[2] and chain[-4] is replaced
    assert list(chain[1:4]) == [replaced, base[2], appended[0]]
    assert list(chain[::-2]) == [appended[1], base[2], base[0]]
    with pytest.raises(IndexError):
        chain[5]
