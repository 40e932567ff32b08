"""Section 11: a change or waiver needs the holders of a majority of the shares for which
the Warrants are then exercisable — more than half, both figures exact."""

from __future__ import annotations

from fractions import Fraction

import pytest

from engine_helpers import D, spec_first_issue
from holder_helpers import series_ledger
from warrant.ground.errors import InvalidValue, UnknownWarrant
from warrant.register.holder_events import WarrantExercise, WarrantTransfer

AFTER = D(2002, 7, 1)


def test_s11_just_above_a_majority():
    ledger = series_ledger(("X", "Bank X", 50_001), ("Y", "Bank Y", 49_999))
    count = ledger.consent(["X"], as_of=AFTER)
    # 50,001 of 100,000: 50,001 × 2 = 100,002 > 100,000
    assert (count.signed_shares, count.total_shares) == (50_001, 100_000)
    assert count.share_of_total == Fraction(50_001, 100_000)
    assert count.majority is True


def test_s11_just_below_a_majority():
    ledger = series_ledger(("X", "Bank X", 50_001), ("Y", "Bank Y", 49_999))
    count = ledger.consent(["Y"], as_of=AFTER)
    assert (count.signed_shares, count.total_shares) == (49_999, 100_000)
    assert count.majority is False


def test_s11_exactly_half_is_not_a_majority():
    ledger = series_ledger(("X", "Bank X", 50_000), ("Y", "Bank Y", 50_000))
    assert ledger.consent(["X"], as_of=AFTER).majority is False
    assert ledger.consent(["X", "Y"], as_of=AFTER).majority is True


def test_s11_counts_shares_exercisable_now_after_an_adjustment_and_an_exercise():
    ledger = series_ledger(("X", "Bank X", 60_000), ("Y", "Bank Y", 40_000))
    ledger.apply(spec_first_issue(D(2002, 6, 3)))
    # every warrant moves alike: 60,000 × 160/157 and 40,000 × 160/157
    count = ledger.consent(["Y"], as_of=AFTER)
    assert count.signed_shares == Fraction(6_400_000, 157)
    assert count.total_shares == Fraction(16_000_000, 157)
    assert count.majority is False
    # X exercises 20,000 × 160/157 shares for cash (20,000 × 1.94 = 38,800): 40,000 face
    # each remain, so Y now holds exactly half — still not a majority
    ledger.apply(WarrantExercise(date=AFTER, warrant="X", shares="3200000/157", cash=38_800))
    count = ledger.consent(["Y"], as_of=AFTER)
    assert (count.signed_shares, count.total_shares) == (
        Fraction(6_400_000, 157), Fraction(12_800_000, 157))
    assert count.majority is False


def test_s11_a_holder_signs_for_every_warrant_it_holds():
    ledger = series_ledger(("X", "Bank X", 30_000), ("Y", "Bank Y", 45_000))
    ledger.apply(WarrantTransfer(date=AFTER, warrant="Y", to="Bank X", shares=25_000))
    # Bank X now holds X (30,000) and Y.1 (25,000): 55,000 of 75,000
    count = ledger.consent(["Bank X"], as_of=AFTER)
    assert dict(count.warrants) == {"X": 30_000, "Y.1": 25_000}
    assert count.signed_shares == 55_000
    assert count.majority is True
    # naming a warrant twice, or a holder and its warrant, counts it once
    assert ledger.consent(["Bank X", "X", "X"], as_of=AFTER).signed_shares == 55_000


def test_s11_a_signer_of_a_surrendered_or_unknown_warrant_is_refused():
    ledger = series_ledger(("X", "Bank X", 30_000), ("Y", "Bank Y", 45_000))
    ledger.apply(WarrantTransfer(date=AFTER, warrant="Y", to="Fund Z"))
    with pytest.raises(UnknownWarrant, match="'Y' was transferred on 2002-07-01") as error:
        ledger.consent(["Y"], as_of=AFTER)
    assert error.value.clause == "Section 11"
    with pytest.raises(UnknownWarrant, match="no warrant 'Nobody'"):
        ledger.consent(["Nobody"], as_of=AFTER)


@pytest.mark.parametrize("day", [D(2002, 3, 1), D(2007, 3, 4)])
def test_s11_outside_the_term_of_the_warrants_is_refused(day):
    ledger = series_ledger(("X", "Bank X", 1))
    with pytest.raises(InvalidValue, match="outside the term") as error:
        ledger.consent(["X"], as_of=day)
    assert (error.value.field, error.value.clause) == ("as_of", "Section 11")


def test_s11_no_signer_is_refused():
    with pytest.raises(InvalidValue, match="at least one signer"):
        series_ledger(("X", "Bank X", 1)).consent([], as_of=AFTER)


def test_s11_a_consent_dated_before_the_register_stands_is_refused():
    ledger = series_ledger(("X", "Bank X", 1))
    ledger.apply(WarrantTransfer(date=AFTER, warrant="X", to="Fund Z"))
    with pytest.raises(InvalidValue, match="stands at 2002-07-01") as error:
        ledger.consent(["Fund Z"], as_of=D(2002, 6, 28))
    assert error.value.field == "as_of"
