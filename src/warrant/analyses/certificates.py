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

from collections.abc import Callable, Sequence
from fractions import Fraction

import attrs

from warrant.analyses.facts_digest import canonical_facts, digest_of
from warrant.analyses.readings_side_by_side import SideBySide, replay_side_by_side
from warrant.case.scenario import Scenario
from warrant.ground.errors import (
    AmbiguousAdjustment,
    CertificateError,
    NoSuchAdjustment,
    WarrantError,
)
from warrant.instrument.readings import Reading
from warrant.register.ledger import Ledger
from warrant.register.records import Adjustment, Outcome
from warrant.section4.g_certificates import (
    Certificate,
    RestatedIssue,
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


def series_of(ledger: Ledger, warrant: str | None = None) -> tuple[tuple[str, Fraction], ...]:
    """The warrants whose shares a certificate states, as (id, face shares): every warrant of
    the series outstanding when the adjustment was made, or only ``warrant`` when one is named
    (a warrant not outstanding then is refused, naming those that were)."""
    outstanding = tuple((item.id, item.face_shares) for item in ledger.series)
    if warrant is None:
        return outstanding
    for name, face in outstanding:
        if name == warrant:
            return ((name, face),)
    known = ", ".join(name for name, _ in outstanding) or "none"
    raise CertificateError(
        f"no warrant {warrant!r} in the series when the adjustment was made (outstanding: {known})",
        field="warrant",
        clause="4.G",
    )


#: A position written with more digits than this names no event any scenario can hold.
_MAX_POSITION_DIGITS = 18


def event_index(scenario: Scenario, event: EventKey) -> int:
    """The 0-based position of the event named by its id or position."""
    if isinstance(event, bool):
        raise CertificateError(
            f"not an event id or position: {event!r}", field="event", clause="4.G"
        )
    if isinstance(event, int):
        if not 0 <= event < len(scenario.events):
            shown = f"{event}" if abs(event) < 10**_MAX_POSITION_DIGITS else "so far out"
            raise NoSuchAdjustment(
                f"no event at position {shown}: the scenario has {len(scenario.events)} "
                "events (0-based)",
                field="event",
                clause="4.G",
            )
        return event
    for index, candidate in enumerate(scenario.events):
        if candidate.id == event:
            return index
    if event.strip().isdigit():
        digits = event.strip().lstrip("0") or "0"
        if len(digits) > _MAX_POSITION_DIGITS:
            raise NoSuchAdjustment(
                f"no event at a position of {len(digits):,} digits: the scenario has "
                f"{len(scenario.events)} events (0-based)",
                field="event",
                clause="4.G",
            )
        return event_index(scenario, int(digits))
    raise NoSuchAdjustment(
        f"no event with id {event!r} in the scenario", field="event", clause="4.G"
    )


def new_ledger(
    scenario: Scenario, reading: Reading, *, checkpoints: bool = False, explain: bool = True
) -> Ledger:
    """A fresh ledger for the scenario's facts under ``reading``, no event applied yet."""
    return Ledger(
        capitalization=scenario.capitalization,
        prices=scenario.prices,
        terms=scenario.terms,
        reading=reading,
        series=scenario.warrants,
        checkpoints=checkpoints,
        explain=explain,
    )


def ledger_through(scenario: Scenario, reading: Reading, last_event: int) -> Ledger:
    """A fresh ledger under ``reading`` with the events up to and including ``last_event``."""
    ledger = new_ledger(scenario, reading)
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
        series=scenario.warrants,
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


@attrs.frozen
class Located:
    """An adjustment found in a replay of a scenario: the ledger stopped at its event, and its
    record (None for a 4.A/4.B change of what the warrant delivers, made by the event at
    ``index``).

    What a certificate of it needs is asked of it: the series whose shares it states
    (:meth:`series`), the certificate itself (:meth:`certificate`), the digest of its facts
    under another reading (:meth:`digest_under`), and the same adjustment under other
    readings (:meth:`under`, :meth:`across_readings`).
    """

    scenario: Scenario = attrs.field(eq=False)
    ledger: Ledger = attrs.field(eq=False)
    index: int
    record: Adjustment | None

    @property
    def target(self) -> Target | None:
        if self.record is None:
            return None
        return Target(self.record.event.index, self.record.clause, self.record.readjustment)

    def series(self, warrant: str | None = None) -> tuple[tuple[str, Fraction], ...]:
        """The warrants whose shares the certificate states (see :func:`series_of`)."""
        return series_of(self.ledger, warrant)

    def certificate(
        self, warrants: Sequence[tuple[str, Fraction]], *, with_digest: bool = True
    ) -> Certificate:
        """The certificate of this adjustment (``with_digest`` false leaves the facts digest
        empty, for a comparison of figures only)."""
        scenario = self.scenario
        digest = scenario_digest(scenario, self.ledger, self.index) if with_digest else ""
        if self.record is None:
            return _delivery(scenario, self.ledger, self.index, warrants, digest)
        return _from_record(scenario, self.record, warrants, digest, self.ledger)

    def digest_under(self, reading: Reading) -> str:
        """The facts digest a certificate of this adjustment would state under ``reading``."""
        ledger = ledger_through(self.scenario, reading, self.index)
        return scenario_digest(self.scenario, ledger, self.index)

    def in_ledger(self, ledger: Ledger) -> Located | None:
        """The same adjustment in another reading's replay through this event: found by its
        event, clause and readjustment marker (None when that reading made no such one)."""
        target = self.target
        if target is None:
            return Located(scenario=self.scenario, ledger=ledger, index=self.index, record=None)
        matching = [a for a in ledger.adjustments if target.matches(a)]
        if not matching:
            return None
        return Located(scenario=self.scenario, ledger=ledger, index=self.index, record=matching[0])

    def under(self, reading: Reading) -> Located | None:
        """The same adjustment, replayed under ``reading`` (None when it makes no such one,
        or when ``reading`` refuses one of the events up to it)."""
        try:
            ledger = ledger_through(self.scenario, reading, self.index)
        except WarrantError:
            return None
        return self.in_ledger(ledger)

    def across_readings(self, judge: Callable[[Located | None], bool]) -> SideBySide[bool]:
        """``judge`` of the same adjustment under every reading, replaying the events through
        this one only for readings that can differ (SPEC §9).  Under a reading that refuses
        one of those events the adjustment is not made: ``judge(None)``."""
        return replay_side_by_side(
            # figures only: the judge compares figures, and no record of these is shown
            lambda reading: new_ledger(self.scenario, reading, checkpoints=True, explain=False),
            self.scenario.events[: self.index + 1],
            lambda ledger: judge(self.in_ledger(ledger)),
            refused=lambda reading, position, error: judge(None),
        )


def locate(
    scenario: Scenario,
    *,
    adjustment: int | None = None,
    event: EventKey | None = None,
    clause: str | None = None,
    readjustment: bool | None = None,
    strict_clause: bool = True,
) -> Located:
    """Find the adjustment named by its sequence, or by its event (and clause and marker where
    the event made more than one), under the scenario's reading.

    With ``strict_clause`` false, a clause that does not cover an event's only adjustment is
    left for the caller to judge (verification reports it as a disagreement).
    """
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
        return Located(scenario=scenario, ledger=ledger, index=record.event.index, record=record)
    assert event is not None
    index = event_index(scenario, event)
    ledger = ledger_through(scenario, scenario.reading, index)
    made = [a for a in ledger.adjustments if a.event.index == index]
    determination = ledger.determinations[index]
    where = determination.event.describe()
    if len(made) == 1 and (not strict_clause or (clause is None and readjustment is None)):
        return Located(scenario=scenario, ledger=ledger, index=index, record=made[0])
    if made:
        record = choose(made, where=where, clause=clause, readjustment=readjustment)
        return Located(scenario=scenario, ledger=ledger, index=index, record=record)
    if determination.outcome in (Outcome.ENTITLEMENT, Outcome.SUBSTITUTED):
        return Located(scenario=scenario, ledger=ledger, index=index, record=None)
    raise NoSuchAdjustment(
        f"{where} made no adjustment under the reading {scenario.reading.label()}: "
        f"{determination.outcome.label} [{determination.clause}]",
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
    found = locate(
        scenario, adjustment=adjustment, event=event, clause=clause, readjustment=readjustment
    )
    return found.certificate(found.series(warrant))


def scenario_digest(scenario: Scenario, ledger: Ledger, last_event: int) -> str:
    """The facts digest of a certificate whose ledger holds the events through ``last_event``;
    the series counts as it stood at the Issue Date (later changes are events)."""
    return digest_of(
        canonical_facts(
            terms=scenario.terms,
            warrants=[(item.id, item.face_shares) for item in scenario.warrants],
            reading=ledger.reading,
            capitalization=scenario.capitalization,
            prices=scenario.prices,
            consulted=ledger.fair_market_values,
            events=scenario.events[: last_event + 1],
        )
    )


def _from_record(
    scenario: Scenario,
    record: Adjustment,
    warrants: Sequence[tuple[str, Fraction]],
    digest: str,
    ledger: Ledger,
) -> Certificate:
    terms = scenario.terms
    return certificate_of_adjustment(
        record,
        issuer=terms.issuer,
        terms=terms.name,
        initial_price=terms.exercise_price,
        warrants=warrants,
        facts_digest=digest,
        restated=restated_issue(ledger.adjustments, record),
    )


def restated_issue(adjustments: Sequence[Adjustment], record: Adjustment) -> RestatedIssue | None:
    """A readjustment's restated issue, and the splits (4.E) made since it, each as its date
    and the new shares per old share."""
    if not record.readjustment or record.readjusts is None:
        return None
    found = [a for a in adjustments if a.sequence == record.readjusts]
    if not found:
        return None
    issue = found[0]
    splits = tuple(
        (a.date, a.outstanding_after / a.outstanding_before)
        for a in adjustments
        if issue.sequence < a.sequence < record.sequence
        and a.clause.startswith("4.E")
        and not a.readjustment
        and a.outstanding_before
    )
    return RestatedIssue(
        sequence=issue.sequence, date=issue.date, clause=issue.clause, splits=splits
    )


def _delivery(
    scenario: Scenario,
    ledger: Ledger,
    index: int,
    warrants: Sequence[tuple[str, Fraction]],
    digest: str,
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
        facts_digest=digest,
        note=" ".join(determination.reasons),
    )
