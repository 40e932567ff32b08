"""What the register answers and refuses outside applying an event (Sections 1, 4.C(1)(a), 11):
the shares on a warrant's face now and on a date, a warrant of the series, the consent
count, a priced exercise; and a rulebook's own table (its name, provisions, checks).

Every figure is worked by hand with Fractions.  The FMV is $1.00 on every date; the
SPEC §14 issue (1,000,000 shares for $850,000 net, 7,000,000 outstanding) on 2002-06-03
takes the price from 1.94 to 1.903625 = 1.94 × 157/160, so one face share is then
160/157 shares.  Every refusal's message is pinned whole (``str(error)`` is what the
command line prints).
"""

from __future__ import annotations

from fractions import Fraction

import attrs
import pytest

from engine_helpers import P0, D, flat_prices, spec_first_issue
from holder_helpers import series_ledger
from warrant.ground.errors import EventRejected, InvalidValue, UnknownWarrant
from warrant.register.book import Change
from warrant.register.events import Issuance
from warrant.register.holder_events import WarrantExercise
from warrant.register.ledger import Capitalization, Ledger
from warrant.register.records import Determination, EventRef, Outcome
from warrant.register.rulebook import Rulebook, provision
from warrant.register.series import SeriesWarrant

ISSUE = D(2002, 6, 3)
P1 = Fraction("1.903625")


def adjusted_ledger():
    """One warrant, W-1 for 100,000 face shares, and the SPEC §14 issue applied."""
    ledger = series_ledger(("W-1", "Bank A", 100_000))
    ledger.apply(spec_first_issue(ISSUE))
    assert ledger.price == P1 == P0 * Fraction(157, 160)
    return ledger


# -- 4.C(1)(a): shares on the face, now and on a date -----------------------------------------


def test_4c1a_shares_for_one_face_share_by_default_now_and_on_a_date():
    ledger = adjusted_ledger()
    # 1 × 1.94 / 1.903625 = 160/157
    assert ledger.shares() == Fraction(160, 157)
    assert ledger.shares_on(ISSUE) == Fraction(160, 157)
    assert ledger.shares_on(D(2002, 6, 2)) == 1  # before the adjustment: the face itself
    assert ledger.shares_on(ISSUE, 157) == 160


FACE_MESSAGE = "field 'face_shares': must be greater than zero, got 0 [4.C(1)(a)]"


def test_4c1a_shares_for_no_face_shares_are_refused_now_and_on_a_date():
    ledger = adjusted_ledger()
    for ask in (lambda: ledger.shares(0), lambda: ledger.shares_on(ISSUE, 0)):
        with pytest.raises(InvalidValue) as caught:
            ask()
        assert (caught.value.field, caught.value.clause) == ("face_shares", "4.C(1)(a)")
        assert str(caught.value) == FACE_MESSAGE


# -- Section 1: a warrant of the series ---------------------------------------------------------


def test_section_1_shares_under_a_warrant_not_in_the_series_are_refused_naming_those_that_are():
    ledger = adjusted_ledger()
    assert ledger.warrant_shares("W-1") == Fraction(16_000_000, 157)  # 100,000 × 160/157
    with pytest.raises(UnknownWarrant) as caught:
        ledger.warrant_shares("W-9")
    assert (caught.value.field, caught.value.clause) == ("warrant", "Section 1")
    assert str(caught.value) == (
        "field 'warrant': no warrant 'W-9' in the series (outstanding: W-1) [Section 1]"
    )


def test_section_1_a_register_with_no_series_says_none_is_outstanding():
    ledger = series_ledger()
    with pytest.raises(UnknownWarrant) as caught:
        ledger.warrant_shares("W-1")
    assert str(caught.value) == (
        "field 'warrant': no warrant 'W-1' in the series (outstanding: none) [Section 1]"
    )


# -- Section 11: consents ----------------------------------------------------------------------


def test_section_11_consents_are_counted_as_of_the_last_event_by_default():
    ledger = series_ledger(("W-1", "Bank A", 100_000), ("W-2", "Fund C", 50_000))
    assert ledger.consent(["Bank A"]).as_of == D(2002, 3, 4)  # nothing applied: the Issue Date
    ledger.apply(spec_first_issue(ISSUE))
    count = ledger.consent(["Bank A"])
    assert count.as_of == ISSUE
    # 100,000 × 160/157 of 150,000 × 160/157
    assert (count.signed_shares, count.total_shares) == (
        Fraction(16_000_000, 157), Fraction(24_000_000, 157))


def test_section_11_consents_as_of_a_day_before_the_register_stands_are_refused():
    ledger = adjusted_ledger()
    with pytest.raises(InvalidValue) as caught:
        ledger.consent(["Bank A"], as_of=D(2002, 6, 1))
    assert (caught.value.field, caught.value.clause) == ("as_of", "Section 11")
    assert str(caught.value) == (
        "field 'as_of': the register stands at 2002-06-03, after 2002-06-01: count consents "
        "on a register replayed to that date [Section 11]"
    )


# -- Section 1: pricing an exercise -------------------------------------------------------------


def test_section_1_pricing_an_exercise_given_both_the_event_and_fields_is_refused():
    ledger = adjusted_ledger()
    exercise = WarrantExercise(date=D(2002, 7, 1), warrant="W-1", shares=10)
    with pytest.raises(InvalidValue) as caught:
        ledger.price_exercise(exercise, cash="20.00", debt=0)
    assert (caught.value.field, caught.value.clause) == ("cash", "Section 1")
    assert str(caught.value) == (
        "field 'cash': give the exercise or its fields, not both [Section 1]"
    )


def test_section_1_a_priced_exercise_refused_names_the_event_it_would_be():
    ledger = adjusted_ledger()
    with pytest.raises(UnknownWarrant) as caught:
        ledger.price_exercise(date=D(2002, 7, 1), warrant="W-9", id="ex-1", shares=10)
    assert caught.value.where == "event[1] (warrant-exercise 'ex-1')"
    assert str(caught.value) == (
        "event[1] (warrant-exercise 'ex-1'): field 'warrant': no warrant 'W-9' in the series "
        "(outstanding: W-1) [Section 1]"
    )
    with pytest.raises(UnknownWarrant) as caught:
        ledger.price_exercise(date=D(2002, 7, 1), warrant="W-9", shares=10)
    assert str(caught.value) == (
        "event[1] (warrant-exercise): field 'warrant': no warrant 'W-9' in the series "
        "(outstanding: W-1) [Section 1]"
    )
    assert len(ledger.events) == 1  # pricing records nothing


# -- a rulebook of one's own: its name, its table, its checks -------------------------------


def _noted(book, event, ref):
    return Change(
        determination=Determination(
            event=ref, date=event.date, clause="Section 1", outcome=Outcome.NO_PROVISION,
            reasons=("noted only",),
        )
    )


def _countersigned(book, change):
    """A check that adds a reason to every determination."""
    decided = change.determination
    return attrs.evolve(
        change, determination=attrs.evolve(decided, reasons=(*decided.reasons, "checked")))


BARE = Rulebook.of(
    "bare",
    provision(WarrantExercise, "Section 1", _noted),
    provision(Issuance, "4.C(1)", _noted, within=("4.C(5)(iii)", "4.C(8)")),
    checks=(_countersigned,),
)


def test_section_4_a_rulebook_table_names_each_provision_and_the_clauses_within_it():
    assert BARE.name == "bare"
    assert BARE.describe() == (
        "warrant-exercise: Section 1\n"
        "issuance: 4.C(1) (within it: 4.C(5)(iii), 4.C(8))"
    )


def test_section_4_a_rulebook_runs_its_checks_on_what_each_provision_decided():
    ledger = Ledger(capitalization=Capitalization(common_outstanding=7_000_000),
                    prices=flat_prices(), rulebook=BARE)
    determination = ledger.apply(spec_first_issue(ISSUE))
    assert determination.reasons == ("noted only", "checked")
    assert determination.event == EventRef(index=0, type="issuance", id=None)


def test_section_1_a_rulebook_whose_exercise_rule_records_no_exercise_is_refused_by_name():
    ledger = Ledger(
        capitalization=Capitalization(common_outstanding=7_000_000), prices=flat_prices(),
        rulebook=BARE, series=[SeriesWarrant(id="W-1", holder="Bank A", face_shares=100_000)],
    )
    with pytest.raises(EventRejected) as caught:
        ledger.price_exercise(date=D(2002, 7, 1), warrant="W-1", shares=10)
    error = caught.value
    assert (error.field, error.clause) == ("type", "Section 1")
    assert error.where == "event[0] (warrant-exercise)"
    assert str(error) == (
        "event[0] (warrant-exercise): field 'type': the rulebook 'bare' recorded no exercise "
        "for this event [Section 1]"
    )


def test_section_1_a_priced_exercise_hands_the_rule_the_place_it_would_take():
    handed = []

    def watching(book, event, ref):
        handed.append(ref)
        return _noted(book, event, ref)

    ledger = Ledger(
        capitalization=Capitalization(common_outstanding=7_000_000), prices=flat_prices(),
        rulebook=Rulebook.of("watching", provision(WarrantExercise, "Section 1", watching),
                             provision(Issuance, "4.C(1)", _noted)),
        series=[SeriesWarrant(id="W-1", holder="Bank A", face_shares=100_000)],
    )
    ledger.apply(spec_first_issue(ISSUE))
    with pytest.raises(EventRejected):
        ledger.price_exercise(date=D(2002, 7, 1), warrant="W-1", id="ex-2", shares=10)
    assert handed == [EventRef(index=1, type="warrant-exercise", id="ex-2")]
