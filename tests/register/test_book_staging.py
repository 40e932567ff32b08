"""A rule made of two steps (a 4.C(6) repricing closes the old terms, then issues new ones;
an exception noted before the base rule, 4.C(5)(ii)) reads the register as the first step
left it — ``Book.staged`` — and hands the ledger one change doing both — ``then``.

The register here: 1,000,000 shares outstanding, 100,000 issued for $1 on 2002-06-10 and
options G-1 for 50,000 at $0.10 granted on 2002-06-11, both below the $1.00 FMV, so the
price chain has two live 4.C(1) steps (0 and 1) and the rules have read only the
outstanding basis.
"""

from __future__ import annotations

from fractions import Fraction as F

import attrs

from engine_helpers import D, flat_prices
from warrant.register.book import Change, then
from warrant.register.events import Issuance, OptionGrant
from warrant.register.ledger import Capitalization, Ledger
from warrant.register.records import Determination, EventRef, Outcome
from warrant.section4.c1_formula import WeightedAverageStep

REF = EventRef(index=2, type="repricing", id="R-1")


def register():
    ledger = Ledger(capitalization=Capitalization(common_outstanding=1_000_000),
                    prices=flat_prices())
    ledger.apply(Issuance(date=D(2002, 6, 10), shares=100_000, cash=1))
    ledger.apply(OptionGrant(date=D(2002, 6, 11), id="G-1", shares=50_000,
                             exercise_price="0.10", expires=D(2004, 1, 1)))
    assert len(ledger.adjustments) == 2 and list(ledger.grants) == ["G-1"]
    assert dict(ledger.consulted) == {"outstanding_basis": 0}
    return ledger


def step(adjustment, factor=F(9, 10), *, live=True):
    return WeightedAverageStep(
        adjustment=adjustment, factor=factor, scale=F(1), outstanding=F(1_000_000),
        bought=F(0), additional=F(1), fmv=F(1), counts_deemed=live,
    )


def decided(*reasons):
    return Determination(event=REF, date=D(2002, 7, 1), clause="4.C(6)",
                         outcome=Outcome.ADJUSTED, reasons=reasons)


def test_4c6_the_second_step_reads_the_register_as_the_first_left_it():
    ledger = register()
    book = ledger._book()
    old = book.grants["G-1"]
    other = attrs.evolve(old, id="G-2")
    replacement, appended, dead = step(0, F(99, 100)), step(2), step(3, live=False)
    first = Change(
        determination=decided("closed"), grants=(other,), replaced_steps=((0, replacement),),
        new_steps=(appended, dead), retired_steps=(1,),
    )
    staged = book.staged(first)
    # grants: the first step's, over the register's own
    assert staged.grants["G-2"] is other and staged.grants["G-1"] is old
    # the chain: step 0 replaced, step 1 as it was, two appended
    assert len(staged.steps) == 4
    assert staged.steps[0] is replacement and staged.steps[1] is book.steps[1]
    assert staged.steps[2] is appended and staged.steps[3] is dead
    # live steps: 1 retired, 0 kept, the new live step numbered 2 after the chain's two
    assert list(staged.live_steps) == [0, 2]
    assert list(book.live_steps) == [0, 1]  # the register itself is untouched
    # a reading field the second step reads is noted against this event (position 2)
    assert staged.reading.readjust_on is ledger.reading.readjust_on
    assert dict(ledger.consulted) == {"outstanding_basis": 0, "readjust_on": 2}


def test_4c6_one_change_doing_both_steps_numbers_the_second_steps_replacements():
    book = register()._book()
    known = len(book.steps)
    assert known == 2
    r0, r1 = step(0, F(98, 100)), step(1, F(97, 100))
    a, b = step(2), step(3)
    first = Change(determination=decided("old terms closed"), replaced_steps=((0, r0),),
                   new_steps=(a, b), retired_steps=(1,))
    # the second step, on the staged chain: replaces step 0 again, step 1, and the first
    # step's appended steps 2 and 3; appends one more; retires step 0
    r0_again, a2, b2, c = step(0, F(96, 100)), step(2, F(95, 100)), step(3, F(94, 100)), step(4)
    second = Change(
        determination=decided("new terms issued"),
        replaced_steps=((0, r0_again), (1, r1), (known, a2), (known + 1, b2)),
        new_steps=(c,), retired_steps=(0,),
    )
    both = then(book, first, second)
    assert both.replaced_steps == ((0, r0_again), (1, r1))
    assert both.new_steps == (a2, b2, c)
    assert both.retired_steps == (1, 0)
    assert both.determination.reasons == ("old terms closed", "new terms issued")
