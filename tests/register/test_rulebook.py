"""The rulebook: the engine knows no clause; each provision is a base rule and its labelled
exceptions, declared once (issue 8, items 2 and 3).

Figures are worked by hand with Fractions; the FMV is $1.00 on every date.
"""

from __future__ import annotations

import ast
import inspect
import re
import subprocess
import sys
from fractions import Fraction
from pathlib import Path
from typing import ClassVar

import attrs
import pytest

import warrant
from engine_helpers import COMMON, P0, D, flat_prices, new_ledger, snapshot, spec_first_issue
from warrant.ground.errors import DuplicateRule, EventRejected, UnknownRulebook
from warrant.register.book import Change
from warrant.register.events import EVENT_TYPES, Buyback, Issuance, StockSplit
from warrant.register.ledger import Capitalization, Ledger
from warrant.register.records import Determination, Outcome
from warrant.register.rulebook import Except, Noted, Rulebook, provision, rulebook_named
from warrant.section4.alpha_2002 import RULEBOOK

#: SPEC §14: 1.94 × 7,850,000 / 8,000,000
P1 = P0 * Fraction(7_850_000, 8_000_000)


def test_rulebook_alpha_2002_is_the_one_the_preset_names():
    assert warrant.ALPHA_2002.rulebook == "alpha-2002"
    assert rulebook_named("alpha-2002") is RULEBOOK
    assert RULEBOOK.name == "alpha-2002"


def test_rulebook_ledger_without_a_rulebook_uses_the_terms_rulebook():
    ledger = Ledger(capitalization=Capitalization(common_outstanding=COMMON), prices=flat_prices())
    assert ledger.rulebook is RULEBOOK
    ledger.apply(spec_first_issue())
    assert ledger.price == P1


def test_rulebook_every_scenario_event_type_has_exactly_one_provision():
    kinds = [item.kind for item in RULEBOOK]
    assert len(kinds) == len(set(kinds))
    assert set(kinds) == set(EVENT_TYPES.values())


def test_rulebook_reads_as_base_rule_and_labelled_exceptions():
    lines = RULEBOOK.describe().splitlines()
    assert "issuance: 4.C(1), except 4.C(7), except 4.C(5)(i), except 4.C(5)(ii)" in lines
    assert "dividend-unpaid: 4.D(1), except 4.C(7)" in lines
    # 4.C(7) is the first exception of every Section 4 provision that can adjust: none can
    # forget it.  4.H(3) (a dissolution) adjusts nothing under any provision, so 4.C(7)'s
    # "substantially in the manner of 4.C" has nothing to carry over to other securities.
    assert all(item.exceptions[0].clause == "4.C(7)" for item in RULEBOOK
               if item.clause.startswith("4.") and item.clause != "4.H(3)")
    assert "dissolution: 4.H(3)" in lines
    # the holder's own acts (Sections 1, 3, 11) are not dilution: 4.C(7) has no say in them
    holder = [item for item in RULEBOOK if not item.clause.startswith("4.")]
    assert [item.kind.TYPE for item in holder] == [
        "warrant-exercise", "warrant-transfer", "warrant-exchange", "amendment"]
    assert all(item.exceptions == () for item in holder)


def test_rulebook_rules_are_plain_functions_without_decorators():
    for item in RULEBOOK:
        for function in (item.rule, *(exception.test for exception in item.exceptions)):
            assert inspect.isfunction(function)
            assert not hasattr(function, "__wrapped__")
            source = inspect.getsource(function)
            assert not source.lstrip().startswith("@"), function.__qualname__


def test_rulebook_a_second_rule_for_one_kind_is_refused_not_overwritten():
    extra = provision(Issuance, "4.C(1)", lambda book, event, ref: None)
    with pytest.raises(DuplicateRule) as caught:
        RULEBOOK.with_provision(extra)
    assert "Issuance" in str(caught.value)
    assert caught.value.field == "type"
    with pytest.raises(DuplicateRule):
        Rulebook.of("twice", extra, extra)
    # the declared rulebook is unchanged
    assert RULEBOOK.provision_for(Issuance).rule is not extra.rule


def test_rulebook_unknown_name_is_refused():
    with pytest.raises(UnknownRulebook) as caught:
        rulebook_named("beta-2009")
    assert "beta-2009" in str(caught.value)
    terms = warrant.WarrantTerms(
        name="other", issuer="X", issue_date=warrant.ALPHA_2002.issue_date,
        expiration=warrant.ALPHA_2002.expiration, exercise_price="1", par_value="0.01",
        restructuring_floor="0.85", carve_out_cap=1, rulebook="beta-2009",
    )
    with pytest.raises(UnknownRulebook):
        Ledger(capitalization=Capitalization(common_outstanding=COMMON), prices=flat_prices(),
               terms=terms)


def test_rulebook_an_event_kind_without_a_provision_is_refused_and_nothing_changes():
    only_splits = Rulebook.of("splits-only", RULEBOOK.provision_for(StockSplit))
    ledger = Ledger(capitalization=Capitalization(common_outstanding=COMMON),
                    prices=flat_prices(), rulebook=only_splits)
    before = snapshot(ledger)
    with pytest.raises(EventRejected) as caught:
        ledger.apply(spec_first_issue())
    assert "no rule is registered for events of type Issuance" in str(caught.value)
    assert snapshot(ledger) == before
    ledger.apply(StockSplit(date=D(2002, 6, 3), ratio=2))
    assert ledger.price == P0 / 2


def _decline(book, event, ref):
    return Change(determination=Determination(
        event=ref, date=event.date, clause="X(1)", outcome=Outcome.NO_PROVISION,
        reasons=("declined by X(1)",)))


def test_rulebook_the_first_exception_that_applies_decides():
    seen = []

    def never(book, event, ref):
        seen.append("never")
        return None

    def after(book, event, ref):
        seen.append("after")
        return _decline(book, event, ref)

    rules = Rulebook.of("test", provision(
        Issuance, "4.C(1)", RULEBOOK.provision_for(Issuance).rule,
        Except("Y(1)", "never applies", never), Except("X(1)", "always applies", _decline),
        Except("Z(1)", "not reached", after),
    ))
    ledger = Ledger(capitalization=Capitalization(common_outstanding=COMMON),
                    prices=flat_prices(), rulebook=rules)
    determination = ledger.apply(spec_first_issue())
    assert determination.clause == "X(1)"
    assert ledger.price == P0
    assert seen == ["never"]


def test_rulebook_a_noted_exception_leads_the_reasons_and_the_base_rule_decides():
    def noted(book, event, ref):
        return Noted(Change(
            determination=Determination(event=ref, date=event.date, clause="N(1)",
                                        outcome=Outcome.NO_FURTHER_ADJUSTMENT,
                                        reasons=("noted first",)),
            position=book.position,
        ))

    rules = Rulebook.of("test", provision(
        Issuance, "4.C(1)", RULEBOOK.provision_for(Issuance).rule, Except("N(1)", "notes", noted),
    ))
    ledger = Ledger(capitalization=Capitalization(common_outstanding=COMMON),
                    prices=flat_prices(), rulebook=rules)
    determination = ledger.apply(spec_first_issue())
    assert determination.clause == "4.C(1)"
    assert determination.outcome is Outcome.ADJUSTED
    assert determination.reasons[0] == "noted first"
    assert ledger.price == P1


def test_rulebook_4c5ii_below_the_floor_claims_the_exclusion_and_4c1_adjusts():
    # 1,000,000 shares sold at $0.80 (below 85% of FMV $1.00): not excluded, so 4.C(1)
    # adjusts: 1.94 × (7,000,000 + 800,000) / 8,000,000; restructuring R1 holds the claim.
    ledger = new_ledger()
    determination = ledger.apply(
        Issuance(date=D(2002, 6, 3), shares=1_000_000, cash=800_000, restructuring="R1")
    )
    assert determination.clause == "4.C(1)"
    assert determination.outcome is Outcome.ADJUSTED
    assert "4.C(5)(ii)" in determination.reasons[0]
    assert ledger.price == P0 * Fraction(7_800_000, 8_000_000)
    assert ledger.position.restructuring == "R1"
    # a later R1 tranche at the floor is excluded; the price stays
    excluded = ledger.apply(
        Issuance(date=D(2002, 7, 1), shares=100_000, cash=85_000, restructuring="R1")
    )
    assert excluded.clause == "4.C(5)(ii)"
    assert excluded.outcome is Outcome.EXCLUDED
    assert ledger.price == P0 * Fraction(7_800_000, 8_000_000)


def test_rulebook_import_of_the_engine_loads_no_rule():
    rule_modules = {item.rule.__module__ for item in RULEBOOK} | {"warrant.section4.alpha_2002"}
    code = "import sys, warrant, warrant.register.ledger; print(sorted(sys.modules))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    loaded = set(ast.literal_eval(out.stdout))
    assert rule_modules & loaded == set()
    assert "warrant.section4.c1_weighted_average" in rule_modules


def test_rulebook_buyback_after_4b_is_decided_by_the_4c7_exception():
    ledger = new_ledger()
    ledger.apply(warrant.Reorganization(date=D(2002, 6, 3), basket={"cash": "2"}))
    determination = ledger.apply(Buyback(date=D(2002, 7, 1), shares=COMMON))  # would be refused
    assert determination.clause == "4.C(7)"
    assert determination.outcome is Outcome.MANUAL_DETERMINATION


def _normalised(text: str) -> str:
    return " ".join(text.split())


def test_rulebook_architecture_doc_shows_the_code_in_the_repository():
    root = Path(__file__).resolve().parents[2]
    doc = (root / "docs" / "architecture.md").read_text(encoding="utf-8")
    blocks = re.findall(r"```python\n(.*?)```", doc, flags=re.DOTALL)
    assert len(blocks) >= 5
    source = _normalised(
        "\n".join(path.read_text(encoding="utf-8") for path in (root / "src").rglob("*.py"))
    )
    for block in blocks:
        assert _normalised(block) in source, block
    described = re.findall(r"```text\n(.*?)```", doc, flags=re.DOTALL)
    assert described
    for line in "\n".join(described).splitlines():
        assert line in RULEBOOK.describe().splitlines(), line


@attrs.frozen(kw_only=True)
class _Bonus(warrant.Event):
    """A kind of event no instrument knows (not registered for scenario files)."""

    TYPE: ClassVar[str] = "test-bonus"


def _no_provision(book, event, ref):
    return Change(determination=Determination(
        event=ref, date=event.date, clause="4.C(1)", outcome=Outcome.NO_PROVISION,
        reasons=("no provision applies",)))


def test_rulebook_a_new_event_kind_is_one_class_and_one_row():
    extended = RULEBOOK.with_provision(
        provision(_Bonus, "4.C(1)", _no_provision, RULEBOOK.provision_for(Issuance).exceptions[0])
    )
    assert len(extended) == len(RULEBOOK) + 1
    assert _Bonus not in RULEBOOK  # the declared rulebook is a value: unchanged
    assert extended.describe().splitlines()[-1] == "test-bonus: 4.C(1), except 4.C(7)"
    ledger = Ledger(capitalization=Capitalization(common_outstanding=COMMON),
                    prices=flat_prices(), rulebook=extended)
    determination = ledger.apply(_Bonus(date=D(2002, 6, 3)))
    assert determination.outcome is Outcome.NO_PROVISION
    assert ledger.price == P0
    # after a 4.B reorganisation its 4.C(7) exception decides first
    ledger.apply(warrant.Reorganization(date=D(2002, 7, 1), basket={"cash": "2"}))
    assert ledger.apply(_Bonus(date=D(2002, 8, 1))).clause == "4.C(7)"
    with pytest.raises(EventRejected):
        new_ledger().apply(_Bonus(date=D(2002, 6, 3)))  # the 2002 rulebook has no row for it
