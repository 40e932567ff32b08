"""Producing a 4.G certificate for one adjustment of a scenario.

``certificate(scenario, adjustment=N)`` or ``certificate(scenario, event=ID)``
replays the scenario up to the adjustment (never further: later events cannot
change it), builds the :class:`~warrant.section4.g_certificates.Certificate` from
the ledger's record and computes its facts digest.

An adjustment is named by its ``sequence`` under the scenario's reading, or by
its event (id, or 0-based position).  An event that made two adjustments (a
repricing of rights already deemed issued: a readjustment and a new deemed
issue; a stock dividend declared and not paid) needs its ``clause`` or the
``readjustment`` marker as well, else the request is refused naming the choices.
Under another reading the same adjustment is found by its :class:`Target` —
event, clause and readjustment marker — since its sequence can differ.
"""

from __future__ import annotations

from collections.abc import Sequence
from fractions import Fraction

import attrs

from warrant.files.facts_digest import canonical_facts, digest_of
from warrant.files.scenario_files import Scenario
from warrant.ground.errors import AmbiguousAdjustment, CertificateError, NoSuchAdjustment
from warrant.instrument.readings import Reading
from warrant.register.ledger import Ledger
from warrant.register.records import Adjustment, Outcome
from warrant.section4.g_certificates import (
    SINGLE_WARRANT,
    Certificate,
    certificate_of_adjustment,
    certificate_of_delivery,
)

EventKey = str | int


@attrs.frozen
class Target:
    """An adjustment as found under any reading: its event, clause and readjustment marker."""

    event_index: int
    clause: str
    readjustment: bool

    def matches(self, adjustment: Adjustment) -> bool:
        return (
            adjustment.event.index == self.event_index
            and adjustment.clause == self.clause
            and adjustment.readjustment == self.readjustment
        )


def series_of(scenario: Scenario, warrant: str | None = None) -> tuple[tuple[str, Fraction], ...]:
    """The warrants whose shares a certificate states: (id, face shares) each.

    A scenario holds one warrant today (``W-1``, with the scenario's face shares); a
    certificate naming another is refused.
    """
    if warrant is not None and warrant != SINGLE_WARRANT:
        raise CertificateError(
            f"no warrant {warrant!r} in the scenario: it holds the single warrant {SINGLE_WARRANT}",
            field="warrant",
            clause="4.G",
        )
    if scenario.face_shares is None:
        return ()
    return ((SINGLE_WARRANT, scenario.face_shares),)


def event_index(scenario: Scenario, event: EventKey) -> int:
    """The 0-based position of the event named by its id or position."""
    if isinstance(event, bool):
        raise CertificateError(
            f"not an event id or position: {event!r}", field="event", clause="4.G"
        )
    if isinstance(event, int):
        if not 0 <= event < len(scenario.events):
            raise NoSuchAdjustment(
                f"no event at position {event}: the scenario has {len(scenario.events)} "
                "events (0-based)",
                field="event",
                clause="4.G",
            )
        return event
    for index, candidate in enumerate(scenario.events):
        if candidate.id == event:
            return index
    if event.strip().isdigit():
        return event_index(scenario, int(event))
    raise NoSuchAdjustment(
        f"no event with id {event!r} in the scenario", field="event", clause="4.G"
    )


def ledger_through(scenario: Scenario, reading: Reading, last_event: int) -> Ledger:
    """A fresh ledger under ``reading`` with the events up to and including ``last_event``."""
    ledger = Ledger(
        capitalization=scenario.capitalization,
        prices=scenario.prices,
        terms=scenario.terms,
        reading=reading,
    )
    for event in scenario.events[: last_event + 1]:
        ledger.apply(event)
    return ledger


def ledger_until_sequence(scenario: Scenario, sequence: int) -> Ledger:
    """A fresh ledger under the scenario's reading, stopped at the event that made adjustment
    ``sequence``."""
    if isinstance(sequence, bool) or not isinstance(sequence, int) or sequence < 0:
        raise CertificateError(
            f"an adjustment is named by its sequence, a whole number from 0, got {sequence!r}",
            field="adjustment",
            clause="4.G",
        )
    ledger = Ledger(
        capitalization=scenario.capitalization,
        prices=scenario.prices,
        terms=scenario.terms,
        reading=scenario.reading,
    )
    for event in scenario.events:
        ledger.apply(event)
        if len(ledger.adjustments) > sequence:
            return ledger
    raise NoSuchAdjustment(
        f"no adjustment with sequence {sequence}: the scenario makes {len(ledger.adjustments)} "
        f"under its reading ({scenario.reading.label()})",
        field="adjustment",
        clause="4.G",
    )


def clause_covers(recomputed: str, stated: str) -> bool:
    """A stated clause agrees when it names the same clause or a sub-clause of it
    ("4.C(1)(b)" for "4.C(1)"); spacing, case and a leading "Section" are ignored."""
    mine, theirs = _clause_text(recomputed), _clause_text(stated)
    return theirs == mine or theirs.startswith(mine + "(")


def _clause_text(text: str) -> str:
    cleaned = "".join(text.split()).upper()
    return cleaned[len("SECTION") :] if cleaned.startswith("SECTION") else cleaned


def describe_adjustment(adjustment: Adjustment) -> str:
    marker = " readjustment" if adjustment.readjustment else ""
    return f"adjustment {adjustment.sequence} ({adjustment.clause}{marker})"


def choose(
    candidates: Sequence[Adjustment],
    *,
    where: str,
    clause: str | None,
    readjustment: bool | None,
) -> Adjustment:
    """The one adjustment among an event's that the clause and marker name."""
    chosen = [
        a
        for a in candidates
        if (clause is None or clause_covers(a.clause, clause))
        and (readjustment is None or a.readjustment == readjustment)
    ]
    if len(chosen) == 1:
        return chosen[0]
    listed = " or ".join(describe_adjustment(a) for a in candidates)
    if not chosen:
        raise NoSuchAdjustment(
            f"{where} made {listed}, none of them under clause {clause}",
            field="clause",
            clause="4.G",
        )
    raise AmbiguousAdjustment(
        f"{where} made {listed}: state the clause, or the adjustment's sequence, to say which",
        field="event",
        clause="4.G",
    )


def certificate(
    scenario: Scenario,
    *,
    adjustment: int | None = None,
    event: EventKey | None = None,
    clause: str | None = None,
    readjustment: bool | None = None,
    warrant: str | None = None,
) -> Certificate:
    """The 4.G certificate of one adjustment (or 4.A/4.B change) of ``scenario``."""
    warrants = series_of(scenario, warrant)
    if adjustment is None and event is None:
        raise CertificateError(
            "name the adjustment (its sequence) or its event", field="adjustment", clause="4.G"
        )
    if adjustment is not None:
        ledger = ledger_until_sequence(scenario, adjustment)
        record = ledger.adjustments[adjustment]
        if event is not None and event_index(scenario, event) != record.event.index:
            raise CertificateError(
                f"adjustment {adjustment} was made by {record.event.describe()}, "
                f"not by event {event!r}",
                field="event",
                clause="4.G",
            )
        return _from_record(scenario, ledger, record, warrants)
    assert event is not None
    index = event_index(scenario, event)
    ledger = ledger_through(scenario, scenario.reading, index)
    made = [a for a in ledger.adjustments if a.event.index == index]
    determination = ledger.determinations[index]
    where = determination.event.describe()
    if made:
        record = (
            made[0]
            if len(made) == 1 and clause is None and readjustment is None
            else choose(made, where=where, clause=clause, readjustment=readjustment)
        )
        return _from_record(scenario, ledger, record, warrants)
    if determination.outcome in (Outcome.ENTITLEMENT, Outcome.SUBSTITUTED):
        return _delivery(scenario, ledger, index, warrants)
    raise NoSuchAdjustment(
        f"{where} made no adjustment under the reading {scenario.reading.label()}: "
        f"{determination.outcome.label} [{determination.clause}]",
        field="event",
        clause="4.G",
    )


def scenario_digest(
    scenario: Scenario, ledger: Ledger, warrants: Sequence[tuple[str, Fraction]], last_event: int
) -> str:
    """The facts digest of a certificate whose ledger holds the events through ``last_event``."""
    return digest_of(
        canonical_facts(
            terms=scenario.terms,
            warrants=warrants,
            reading=ledger.reading,
            capitalization=scenario.capitalization,
            prices=scenario.prices,
            consulted=ledger.fair_market_values,
            events=scenario.events[: last_event + 1],
        )
    )


def _from_record(
    scenario: Scenario, ledger: Ledger, record: Adjustment, warrants: Sequence[tuple[str, Fraction]]
) -> Certificate:
    terms = scenario.terms
    return certificate_of_adjustment(
        record,
        issuer=terms.issuer,
        terms=terms.name,
        initial_price=terms.exercise_price,
        warrants=warrants,
        facts_digest=scenario_digest(scenario, ledger, warrants, record.event.index),
    )


def _delivery(
    scenario: Scenario, ledger: Ledger, index: int, warrants: Sequence[tuple[str, Fraction]]
) -> Certificate:
    """4.A (an entitlement) or 4.B (a substitution) made by the last event in ``ledger``."""
    determination = ledger.determinations[index]
    position = ledger.position
    terms = scenario.terms
    if determination.outcome is Outcome.SUBSTITUTED:
        assert position.substitution is not None
        basket = position.substitution.basket
        per_face = position.substitution.shares_per_face_share
    else:
        item = position.entitlements[-1]
        basket = ((item.kind, item.per_share),)
        per_face = item.shares_per_face_share
    return certificate_of_delivery(
        event=determination.event,
        clause=determination.clause,
        date=determination.date,
        price=ledger.price,
        basket=basket,
        shares_per_face_share=per_face,
        issuer=terms.issuer,
        terms=terms.name,
        initial_price=terms.exercise_price,
        reading=ledger.reading,
        warrants=warrants,
        facts_digest=scenario_digest(scenario, ledger, warrants, index),
        note=" ".join(determination.reasons),
    )
