"""4.A and 4.B in detail: the determinations word for word.

The figures are those of ``test_a_b_distributions.py``, worked by hand: after the SPEC §14
first issue the Exercise Price is 1.94 × 157/160 = 1.903625, so a share on the warrant's
face buys 1.94 / 1.903625 = 160/157 shares.
"""

from __future__ import annotations

from fractions import Fraction

from engine_helpers import P0, D, new_ledger, spec_first_issue
from warrant.register.events import Distribution, Reorganization
from warrant.register.ledger import Ledger
from warrant.register.records import Determination, EventRef, Outcome

P1 = Fraction("1.903625")


def ledger_after_first_issue() -> Ledger:
    ledger = new_ledger()
    ledger.apply(spec_first_issue(D(2002, 6, 3)))
    assert ledger.price == P1 == P0 * Fraction(157, 160)
    return ledger


def test_4a2_cash_out_of_retained_earnings_determination_word_for_word() -> None:
    ledger = ledger_after_first_issue()
    determination = ledger.apply(
        Distribution(date=D(2002, 7, 15), record_date=D(2002, 7, 1), kind="cash",
                     per_share="0.10", source="retained-earnings")
    )
    assert determination == Determination(
        event=EventRef(index=1, type="distribution"),
        date=D(2002, 7, 1),
        clause="4.A(2)",
        outcome=Outcome.NO_PROVISION,
        reasons=(
            "a cash dividend paid out of retained earnings entitles the warrant holder to "
            "nothing: 4.A(2) covers only cash paid from other sources",
        ),
    )


def test_4b_merger_determination_word_for_word() -> None:
    ledger = ledger_after_first_issue()
    per_face = P0 / P1  # shares a face share buys after the first issue
    assert per_face == Fraction(160, 157)
    determination = ledger.apply(
        Reorganization(date=D(2002, 10, 1), basket={"cash": "2.00", "Acquirer common": "0.5"})
    )
    assert determination == Determination(
        event=EventRef(index=1, type="reorganization"),
        date=D(2002, 10, 1),
        clause="4.B",
        outcome=Outcome.SUBSTITUTED,
        reasons=(
            "on consummation each share of Common Stock received 2 cash, 0.5 Acquirer common; "
            "the warrant is now exercisable, per share on its face, for 160/157 "
            "(≈1.0191082803) times that basket, at the same aggregate Exercise Price (4.B)",
            "further protection of the new securities against dilution needs a manual "
            "determination (4.C(7))",
        ),
    )
