"""The ledger's own details: date checks, opening plan options, checkpoints, carve-out tally."""

from __future__ import annotations

from fractions import Fraction

import attrs
import pytest

from engine_helpers import CAP, COMMON, ISSUE_DATE, D, flat_prices, new_ledger, spec_first_issue
from holder_helpers import series_ledger
from warrant.ground.errors import EventRejected, OutsideExercisePeriod, UnknownGrant
from warrant.instrument.readings import Reading, ReadjustOn
from warrant.instrument.terms import ALPHA_2002
from warrant.register.book import Change
from warrant.register.events import Event, Exercise, Expiry, Issuance, OptionGrant, StockSplit
from warrant.register.holder_events import WarrantExercise
from warrant.register.ledger import OPENING_PLAN_OPTIONS, Capitalization, Ledger
from warrant.register.records import Determination, EventRef, Outcome
from warrant.register.rulebook import Rulebook, provision, rulebook_named
from warrant.register.state import Grant, Tally

F = Fraction

#: the events of test_ledger_checkpoints: their rules first read a reading field at 0, 2, 3
EVENTS = (
    OptionGrant(id="d1", date=D(2002, 5, 1), shares=200_000, exercise_price="0.50",
                expires=D(2004, 1, 1)),
    Issuance(date=D(2002, 6, 3), shares=1_000_000, cash="900000", expenses="50000"),
    StockSplit(date=D(2002, 7, 1), ratio=F(3, 2)),
    Expiry(date=D(2002, 8, 1), of="d1", shares=100_000),
)


def kept_ledger(**kwargs: object) -> Ledger:
    return Ledger(
        capitalization=Capitalization(common_outstanding=COMMON), prices=flat_prices(),
        checkpoints=True, **kwargs,  # type: ignore[arg-type]
    )


# -- 4.C(5) and Section 1: the dates an event may bear -------------------------------------------


def test_4c5_an_event_before_the_issue_date_is_refused():
    ledger = new_ledger()
    with pytest.raises(EventRejected) as caught:
        ledger.apply(Issuance(date=D(2002, 3, 1), shares=10, cash=10))
    error = caught.value
    assert (error.field, error.clause, error.where) == ("date", "4.C(5)", "event[0] (issuance)")
    assert error.message == (
        "effective 2002-03-01, before the Issue Date 2002-03-04: Section 4 counts from the "
        "Issue Date"
    )


def test_section_1_an_event_after_expiry_is_refused():
    ledger = new_ledger()
    with pytest.raises(EventRejected) as caught:
        ledger.apply(StockSplit(date=D(2007, 3, 4), ratio=2))
    error = caught.value
    assert (error.field, error.clause) == ("date", "Section 1")
    assert error.message == (
        "effective 2007-03-04, after the warrant expired on 2007-03-03: it can no longer be "
        "adjusted"
    )
    assert ledger.events == ()


def test_section_1_an_event_on_the_expiration_date_itself_is_applied():
    ledger = new_ledger()
    ledger.apply(StockSplit(date=D(2007, 3, 3), ratio=2))
    assert ledger.price == F("0.97")  # 1.94 / 2


def test_section_1_an_exercise_after_expiry_is_refused_by_its_own_clause_first():
    ledger = series_ledger(("W-1", "Bank A", 100_000))
    with pytest.raises(OutsideExercisePeriod) as caught:
        ledger.apply(WarrantExercise(date=D(2007, 3, 5), warrant="W-1", shares=1, cash="1.94"))
    error = caught.value
    assert (error.field, error.clause) == ("date", "Section 1")
    assert error.message == (
        "received on 2007-03-05, after the expiration cut-off 2007-03-03T17:00:00-08:00: "
        "the warrant is void"
    )


def test_section_4_an_event_before_the_previous_one_is_refused_as_out_of_date_order():
    ledger = new_ledger()
    ledger.apply(spec_first_issue(D(2002, 6, 3)))
    with pytest.raises(EventRejected) as caught:
        ledger.apply(Issuance(date=D(2002, 6, 1), shares=10, cash=10))
    error = caught.value
    assert (error.field, error.clause, error.where) == ("date", None, "event[1] (issuance)")
    assert error.message == (
        "effective 2002-06-01, before the previous event (2002-06-03): events must be in "
        "date order"
    )
    assert str(error) == f"event[1] (issuance): field 'date': {error.message}"
    # the same day as the previous event is in order
    ledger.apply(Issuance(date=D(2002, 6, 3), shares=10, cash=10))
    assert len(ledger.events) == 2


# -- applying: what is not an event, and where an error happened ---------------------------------


@pytest.mark.parametrize(("thing", "name"), [("issuance", "str"), (7, "int"), (None, "NoneType")])
def test_spec_12_a_non_event_is_refused_naming_its_type(thing: object, name: str):
    with pytest.raises(EventRejected) as caught:
        new_ledger().apply(thing)  # type: ignore[arg-type]
    assert caught.value.message == (
        f"expected an event (Issuance, OptionGrant, ...), got {name}"
    )


def test_spec_12_an_error_from_a_rule_is_located_with_the_event_description():
    ledger = new_ledger()
    with pytest.raises(UnknownGrant) as caught:
        ledger.apply(Expiry(date=D(2002, 6, 3), of="nope", id="x-1"))
    assert caught.value.where == "event[0] (expiry 'x-1')"
    assert str(caught.value).startswith("event[0] (expiry 'x-1'): field 'of': ")


@attrs.frozen(kw_only=True)
class Unlisted(Event):
    """An event kind with no TYPE of its own."""


def test_spec_12_an_event_without_a_type_is_described_by_its_class_name():
    with pytest.raises(EventRejected) as caught:
        new_ledger().apply(Unlisted(date=D(2002, 6, 3), id="u-1"))
    assert caught.value.where == "event[0] (Unlisted 'u-1')"
    assert caught.value.message == "no rule is registered for events of type Unlisted"


def test_section_4_the_determination_names_the_event_by_its_id():
    ledger = new_ledger()
    determination = ledger.apply(
        Issuance(date=D(2002, 6, 3), shares=1_000_000, cash="900000", id="iss-1")
    )
    assert determination.event == EventRef(index=0, type="issuance", id="iss-1")
    assert ledger.events[0].id == "iss-1"
    assert ledger.events == (
        Issuance(date=D(2002, 6, 3), shares=1_000_000, cash="900000", id="iss-1"),
    )


# -- 4.C(5)(iii): the plan options outstanding at the Issue Date --------------------------------


@pytest.mark.parametrize(
    ("opening", "inside"),
    [(1_000, F(1_000)), (2_000_000, CAP)],  # under the cap; over it by 30,307
)
def test_4c5iii_the_opening_plan_options_are_one_grant_split_at_the_cap(opening, inside):
    ledger = new_ledger(plan_options=opening)
    outside = opening - inside
    assert dict(ledger.grants) == {
        OPENING_PLAN_OPTIONS: Grant(
            id=OPENING_PLAN_OPTIONS,
            event=EventRef(index=-1, type="capitalization", id=OPENING_PLAN_OPTIONS),
            granted_on=ISSUE_DATE,
            expires=None,
            exercise_price=None,
            consideration_per_share=F(0),
            in_carve_out_class=True,
            before_issue_date=True,
            excluded=Tally(granted=inside, outstanding=inside),
            other=Tally(granted=outside, outstanding=outside),
        )
    }
    grant = ledger.grants[OPENING_PLAN_OPTIONS]
    assert grant.event.describe() == "event[-1] (capitalization 'opening-plan-options')"
    assert (grant.in_carve_out_class, grant.before_issue_date) == (True, True)
    assert grant.other.granted == outside
    assert ledger.carve_out.by_grant == ((OPENING_PLAN_OPTIONS, inside),)


def test_4c5iii_no_opening_plan_options_no_grant():
    assert dict(new_ledger().grants) == {}


# -- checkpoints and resuming under another reading ----------------------------------------------


def test_section_4_a_ledger_keeps_no_checkpoints_unless_asked():
    ledger = new_ledger()
    ledger.apply_all(EVENTS)
    assert ledger.checkpoints == ()


def test_section_4_a_checkpoint_names_only_the_fields_read_before_its_event():
    ledger = kept_ledger()
    ledger.apply_all(EVENTS)
    assert [dict(c.consulted) for c in ledger.checkpoints] == [
        {},
        {"outstanding_basis": 0},
        {"outstanding_basis": 0, "carve_out_follows_splits": 2},
    ]


def test_section_4_a_resumed_ledger_keeps_prices_terms_rulebook_and_earlier_checkpoints():
    terms = attrs.evolve(ALPHA_2002, name="alpha-copy")
    rulebook = attrs.evolve(rulebook_named("alpha-2002"), name="alpha-copy")
    ledger = kept_ledger(terms=terms, rulebook=rulebook)
    ledger.apply_all(EVENTS)
    first, second, _ = ledger.checkpoints
    other = Reading(readjust_on=ReadjustOn.FINAL_EXPIRY)
    resumed = ledger.resume(second, other)
    assert resumed.terms is terms
    assert resumed.rulebook is rulebook
    assert resumed.prices is ledger.prices
    assert resumed.reading is other
    assert resumed.checkpoints == (first,)
    assert dict(resumed.consulted) == {"outstanding_basis": 0}
    # it keeps checkpoints of its own from there on
    resumed.apply_all(EVENTS[2:])
    assert [c.index for c in resumed.checkpoints] == [0, 2, 3]
    assert resumed.checkpoints[0] is first


def test_section_4_a_resumed_ledger_from_the_first_checkpoint_has_none_before_it():
    ledger = kept_ledger()
    ledger.apply_all(EVENTS)
    resumed = ledger.resume(ledger.checkpoints[0], Reading())
    assert resumed.checkpoints == ()
    assert dict(resumed.consulted) == {}


# -- 4.G: each grant's room in the carve-out, as the records name it ----------------------------


def test_4g_a_closed_grant_keeps_its_room_scaled_across_two_splits():
    ledger = new_ledger(plan_options=100_000)
    # every opening option exercised: the grant is closed, its 100,000 shares still count
    ledger.apply(Exercise(date=D(2002, 5, 1), of=OPENING_PLAN_OPTIONS, shares=100_000,
                          consideration=200_000))
    assert ledger.grants[OPENING_PLAN_OPTIONS].outstanding == 0
    ledger.apply(StockSplit(date=D(2002, 6, 3), ratio=2))
    assert ledger.adjustments[-1].carve_out.by_grant == ((OPENING_PLAN_OPTIONS, F(200_000)),)
    ledger.apply(StockSplit(date=D(2002, 7, 1), ratio=3))
    # 100,000 × 2 × 3
    assert ledger.adjustments[-1].carve_out.by_grant == ((OPENING_PLAN_OPTIONS, F(600_000)),)
    assert ledger.carve_out.by_grant == ((OPENING_PLAN_OPTIONS, F(600_000)),)


def _closing(book, event, ref):
    """A rule that closes the grant ``event.of`` wholly: nothing inside the carve-out."""
    grant = book.grants[event.of]
    return Change(
        determination=Determination(
            event=ref, date=event.date, clause="4.C(5)(iii)", outcome=Outcome.NO_PROVISION,
            reasons=("closed",),
        ),
        grants=(attrs.evolve(grant, excluded=Tally(granted=F(0), outstanding=F(0))),),
    )


def test_4g_a_grant_that_leaves_the_carve_out_is_no_longer_named():
    ledger = Ledger(
        capitalization=Capitalization(common_outstanding=COMMON, plan_options_outstanding=1_000),
        prices=flat_prices(),
        rulebook=Rulebook.of("closing", provision(Expiry, "4.C(3)", _closing)),
    )
    assert ledger.carve_out.by_grant == ((OPENING_PLAN_OPTIONS, F(1_000)),)
    ledger.apply(Expiry(date=D(2002, 6, 3), of=OPENING_PLAN_OPTIONS))
    assert ledger.carve_out.by_grant == ()


# -- Section 1: pricing an exercise ----------------------------------------------------------


def test_section_1_a_priced_exercise_is_the_new_one_not_an_earlier_one():
    ledger = series_ledger(("W-1", "Bank A", 100_000))
    ledger.apply(WarrantExercise(date=D(2002, 7, 1), warrant="W-1", shares=1, cash="1.94"))
    ledger.apply(WarrantExercise(date=D(2002, 7, 1), warrant="W-1.1", shares=2, cash="3.88"))
    settled = ledger.price_exercise(date=D(2002, 7, 2), warrant="W-1.1.1", shares=3,
                                    cash="5.82")
    # 3 × 1.94
    assert (settled.warrant, settled.shares_exercised, settled.sum_payable) == (
        "W-1.1.1", 3, F("5.82"))
    assert settled.shares_before == 99_997
    assert len(ledger.exercises) == 2  # nothing recorded
