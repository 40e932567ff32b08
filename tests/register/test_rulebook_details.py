"""The rulebook's details: chained noted findings, the ref every rule sees, exact refusals."""

from __future__ import annotations

from types import MappingProxyType

import attrs
import pytest

import warrant.register.rulebook as rulebook_module
from engine_helpers import D, new_ledger, spec_first_issue
from warrant.ground.errors import EventRejected, UnknownRulebook
from warrant.register.book import Change
from warrant.register.events import Issuance, StockSplit
from warrant.register.records import Determination, EventRef, Outcome
from warrant.register.rulebook import Except, Noted, Provision, Rulebook, provision, rulebook_named

REF = EventRef(index=0, type="issuance")


def change(ref, clause):
    return Change(determination=Determination(
        event=ref, date=D(2002, 6, 3), clause=clause, outcome=Outcome.NO_PROVISION,
        reasons=(f"found by {clause}",)))


class Seen:
    """Rules and tests that note the ref they were handed."""

    def __init__(self):
        self.refs = []

    def noting(self, clause):
        def test(book, event, ref):
            self.refs.append(ref)
            return Noted(change(ref, clause))
        return Except(clause, "notes", test)

    def deciding(self, clause):
        def test(book, event, ref):
            self.refs.append(ref)
            return change(ref, clause)
        return Except(clause, "decides", test)

    def rule(self, book, event, ref):
        self.refs.append(ref)
        return change(ref, "4.C(1)")


@pytest.mark.parametrize(
    ("kinds", "clause", "reasons"),
    [
        (("noting", "noting"), "4.C(1)", ("N(0)", "N(1)", "4.C(1)")),
        (("noting", "deciding"), "N(1)", ("N(0)", "N(1)")),
        (("noting", "noting", "deciding"), "N(2)", ("N(0)", "N(1)", "N(2)")),
        (("deciding",), "N(0)", ("N(0)",)),
        ((), "4.C(1)", ("4.C(1)",)),
    ],
)
def test_section_4_noted_findings_chain_and_every_rule_sees_the_ref(kinds, clause, reasons):
    seen = Seen()
    exceptions = [getattr(seen, kind)(f"N({n})") for n, kind in enumerate(kinds)]
    rules = Rulebook.of("test", provision(Issuance, "4.C(1)", seen.rule, *exceptions))
    decided = rules.decide(new_ledger()._book(), spec_first_issue(), REF)
    assert decided.determination.clause == clause
    assert decided.determination.reasons == tuple(f"found by {item}" for item in reasons)
    assert len(seen.refs) == len(reasons) and all(ref is REF for ref in seen.refs)


def test_section_4_a_provision_lists_the_clauses_within_it():
    made = provision(Issuance, "4.C(1)", Seen().rule, within=("4.C(5)(iii)",))
    assert made == Provision(kind=Issuance, clause="4.C(1)", rule=made.rule,
                             within=("4.C(5)(iii)",))
    assert made.describe() == "issuance: 4.C(1) (within it: 4.C(5)(iii))"


def test_section_4_a_rulebook_keeps_its_name_and_runs_its_checks():
    def check(book, decided):
        return attrs.evolve(decided, determination=attrs.evolve(
            decided.determination, reasons=(*decided.determination.reasons, "checked")))

    rules = Rulebook.of("named", provision(Issuance, "4.C(1)", Seen().rule), checks=(check,))
    assert rules.name == "named" and rules.checks == (check,)
    decided = rules.decide(new_ledger()._book(), spec_first_issue(), REF)
    assert decided.determination.reasons == ("found by 4.C(1)", "checked")


def test_section_4_an_event_without_a_provision_is_refused_on_its_type():
    rules = Rulebook.of("splits", provision(StockSplit, "4.E", Seen().rule))
    with pytest.raises(EventRejected) as caught:
        rules.decide(new_ledger()._book(), spec_first_issue(), REF)
    assert caught.value.message == "no rule is registered for events of type Issuance"
    assert (caught.value.field, caught.value.clause) == ("type", None)


def test_section_4_an_unknown_rulebook_name_lists_the_known_ones(monkeypatch):
    with pytest.raises(UnknownRulebook) as caught:
        rulebook_named("beta-2009")
    assert caught.value.message == "no rulebook named 'beta-2009' (known: alpha-2002)"
    assert caught.value.field == "rulebook"
    both = {"alpha-2002": ("warrant.section4.alpha_2002", "RULEBOOK"), "beta": ("x", "Y")}
    monkeypatch.setattr(rulebook_module, "DECLARED", MappingProxyType(both))
    with pytest.raises(UnknownRulebook) as caught:
        rulebook_named("gamma")
    assert caught.value.message == "no rulebook named 'gamma' (known: alpha-2002, beta)"
    assert caught.value.field == "rulebook"


@pytest.mark.parametrize(
    ("module", "attribute"),
    [("warrant.section4.alpha_2002", "RULEBOOK"), ("warrant.register.rulebook", "DECLARED")],
    ids=["another-rulebook", "not-a-rulebook"],
)
def test_section_4_a_declaration_must_name_its_own_rulebook(monkeypatch, module, attribute):
    monkeypatch.setattr(rulebook_module, "DECLARED",
                        MappingProxyType({"other": (module, attribute)}))
    with pytest.raises(UnknownRulebook) as caught:
        rulebook_named("other")
    assert caught.value.message == f"{module}.{attribute} does not declare the rulebook 'other'"
    assert caught.value.field == "rulebook"
