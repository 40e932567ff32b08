"""The option exchange check (SPEC §8): does cancelling and regranting options adjust the
warrant under Section 4.C, and if so, to what?

The proposal becomes events of the register's own kinds and the engine judges them as
it judges any others; nothing here decides a clause.  The register itself is not
changed: the proposal's events are merged into a copy of its event list —

* an exchange offer: on the cancellation date, after the register's events of that
  day, each tender's ``cancellation`` and the ``promise-to-grant`` of its new option;
  on the grant date, after that day's register events, each new ``option-grant``
  (honouring its promise) in tender order, each a grant of its own tested on its own;
* a repricing: each ``repricing`` on its date, after that day's register events —

and the copy is replayed (:mod:`warrant.analyses.exchange_events` makes the events).
The verdict reports the dates, the carve-out before the cancellation, on the last day
of the gap and after the new grants, each new grant's test, and the adjustments the
proposal's events made, exactly as ``replay`` records them; then the same verdict
under every reading.

(About 400 lines: the run, the verdict and the reasons it gives read best together.)
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from fractions import Fraction

import attrs

from warrant.analyses.exchange_events import (
    Planned,
    apply_proposal,
    merged_events,
    plan,
    plan_events,
    register_grants,
)
from warrant.analyses.offer_dates import OfferDates
from warrant.analyses.readings_side_by_side import (
    depends_on,
    replay_side_by_side,
    series_shares,
)
from warrant.case.proposal import ExchangeOffer, Proposal
from warrant.case.scenario import Scenario
from warrant.ground.errors import EventRejected, ScenarioError, WarrantError
from warrant.ground.exact import shown
from warrant.instrument.readings import Reading
from warrant.market.fmv import FairMarketValue, fair_market_value
from warrant.register.events import (
    Grantee,
    OptionGrant,
    Repricing,
)
from warrant.register.ledger import Ledger
from warrant.register.records import Adjustment, CarveOutPosition

__all__ = [
    "ExchangeVerdict",
    "NewGrantTest",
    "ReadingVerdict",
    "apply_proposal",
    "check_exchange",
    "merged_events",
    "plan_events",
]


@attrs.frozen
class NewGrantTest:
    """One new (or repriced) grant, tested as the engine tests it."""

    of: str
    grant: str
    grantee: Grantee | None
    holder: str | None
    shares: Fraction
    inside_carve_out: Fraction
    outside_carve_out: Fraction
    grant_price: Fraction
    #: the grant date's closing price (Section 1), which the offer prices the option at
    close: Fraction | None
    effective_price: Fraction
    fmv: FairMarketValue

    @property
    def below_fmv(self) -> bool:
        return self.effective_price < self.fmv.value


@attrs.frozen
class ReadingVerdict:
    """The verdict's three figures under one reading."""

    triggers: bool
    exercise_price: Fraction
    shares: Fraction | None


@attrs.frozen
class ExchangeVerdict:
    """What the warrant makes of a proposed exchange or repricing (SPEC §8)."""

    scenario: Scenario = attrs.field(eq=False)
    proposal: Proposal
    reading: Reading
    #: the offer's dates; ``None`` for a plain repricing
    dates: OfferDates | None
    #: the first proposal day (the cancellation, or the first repricing)
    first_day: dt.date
    carve_out_before: CarveOutPosition
    carve_out_gap: CarveOutPosition | None
    carve_out_after: CarveOutPosition
    grants: tuple[NewGrantTest, ...]
    triggers: bool
    readjusts: bool
    reasons: tuple[str, ...]
    #: every proposal event's determination reasons, labelled by event
    details: tuple[str, ...]
    exercise_price: Fraction
    shares: Fraction | None
    price_before: Fraction
    adjustments: tuple[Adjustment, ...]
    by_reading: tuple[tuple[Reading, ReadingVerdict], ...]
    depends_on: tuple[str, ...]
    #: runs of the register it took to cover every reading, and the events they applied
    runs: int
    applied: int = 0

    @property
    def verdict_depends_on(self) -> tuple[str, ...]:
        """The reading fields whose change alone changes whether the proposal triggers (a
        part of :attr:`depends_on`, which also counts changes of the figures)."""
        return depends_on(self.by_reading, lambda answer: answer.triggers)

    @property
    def figures_depend_on(self) -> tuple[str, ...]:
        """The reading fields whose change alone changes the new Exercise Price or shares."""
        return depends_on(self.by_reading, lambda answer: (answer.exercise_price, answer.shares))


# -- running the register with the proposal --------------------------------------------------


@attrs.frozen
class _Run:
    ledger: Ledger = attrs.field(eq=False)
    before: CarveOutPosition
    gap: CarveOutPosition
    after: CarveOutPosition
    proposal_refs: tuple[int, ...]  # register positions of the proposal's events
    last_day: dt.date


def _carve_out(ledger: Ledger) -> CarveOutPosition:
    position = ledger.position
    promised = position.carve_out_promised
    return CarveOutPosition.counted(
        cap=position.carve_out_cap, counted=position.carve_out_used + promised, promised=promised
    )


def _run(scenario: Scenario, planned: Planned, reading: Reading) -> _Run:
    proposed = [event for _, event in planned.events]
    labels = {id(event): item for item, event in planned.events}
    events = merged_events(scenario.events, proposed)
    ledger = Ledger(
        capitalization=scenario.capitalization,
        prices=scenario.prices,
        terms=scenario.terms,
        reading=reading,
        checkpoints=True,
        series=scenario.warrants,
    )
    grant_day = planned.grant_day
    first = proposed[0]
    last = proposed[-1]
    before = gap = after = None
    refs: list[int] = []
    for index, event in enumerate(events):
        if event is first:
            before = _carve_out(ledger)
        if gap is None and grant_day is not None and event.effective_date >= grant_day:
            gap = _carve_out(ledger)
        try:
            if isinstance(event, Repricing) and labels.get(id(event)) in planned.stated_shares:
                _check_whole(ledger, event, planned.stated_shares[labels[id(event)]])
            ledger.apply(event)
        except WarrantError as error:
            if id(event) in labels:
                kind = "tender" if isinstance(planned.dates, OfferDates) else "reprice"
                raise error.located(f"[[exchange.{kind}]] {labels[id(event)] + 1}") from None
            raise error.located("the register with the proposal applied") from None
        if id(event) in labels:
            refs.append(index)
        if event is last:
            after = _carve_out(ledger)
    assert before is not None and after is not None
    return _Run(
        ledger=ledger,
        before=before,
        gap=gap if gap is not None else after,
        after=after,
        proposal_refs=tuple(refs),
        last_day=ledger.position.last_date or scenario.terms.issue_date,
    )


def _check_whole(ledger: Ledger, event: Repricing, shares: Fraction) -> None:
    grant = ledger.grants.get(event.of)
    if grant is not None and grant.outstanding != shares:
        raise EventRejected(
            f"grant {event.of!r} has {shown(grant.outstanding)} rights outstanding on "
            f"{event.date.isoformat()}; the register reprices a grant whole, so a repricing of "
            f"{shown(shares)} of them must first be recorded as a grant of its own",
            field="shares",
            clause="4.C(6)",
        )


def _caused(run: _Run) -> tuple[Adjustment, ...]:
    refs = set(run.proposal_refs)
    return tuple(a for a in run.ledger.adjustments if a.event.index in refs)


def _triggered(adjustments: Sequence[Adjustment]) -> bool:
    return any(not a.readjustment and a.price_after < a.price_before for a in adjustments)


def _figures(scenario: Scenario, run: _Run) -> tuple[Fraction, Fraction | None]:
    price = run.ledger.price_on(run.last_day)
    return price, series_shares(scenario, run.ledger, price)


# -- the verdict -------------------------------------------------------------------------------


def check_exchange(
    scenario: Scenario, proposal: Proposal | None = None, *, reading: Reading | None = None
) -> ExchangeVerdict:
    """The option exchange check of SPEC §8 for ``proposal`` (by default the scenario's own
    ``[exchange]``), under ``reading`` (by default the scenario's), and under every other."""
    if proposal is None:
        if scenario.exchange is None:
            raise ScenarioError(
                "the scenario proposes no exchange: add an [exchange] table", field="exchange"
            )
        proposal = scenario.exchange
    reading = reading or scenario.reading
    planned = plan(scenario, proposal)
    run = _run(scenario, planned, reading)
    caused = _caused(run)
    price, shares = _figures(scenario, run)
    grants = _grant_tests(scenario, planned, run)

    events = merged_events(scenario.events, [event for _, event in planned.events])
    refs = set(run.proposal_refs)

    def build(candidate: Reading) -> Ledger:
        return Ledger(
            capitalization=scenario.capitalization, prices=scenario.prices,
            terms=scenario.terms, reading=candidate, checkpoints=True, series=scenario.warrants,
            explain=False,  # figures only: the verdict's own run (the seed) is worded
        )

    def finish(ledger: Ledger) -> ReadingVerdict:
        last = ledger.position.last_date or scenario.terms.issue_date
        made = [a for a in ledger.adjustments if a.event.index in refs]
        return ReadingVerdict(
            triggers=_triggered(made),
            exercise_price=ledger.price_on(last),
            shares=series_shares(scenario, ledger, ledger.price_on(last)),
        )

    side = replay_side_by_side(build, events, finish, seed=run.ledger)
    triggers = _triggered(caused)
    readjusts = any(a.readjustment for a in caused)
    price_before = caused[0].price_before if caused else price
    return ExchangeVerdict(
        scenario=scenario,
        proposal=proposal,
        reading=reading,
        dates=planned.dates,
        first_day=planned.events[0][1].date,
        carve_out_before=run.before,
        carve_out_gap=run.gap if planned.dates is not None else None,
        carve_out_after=run.after,
        grants=grants,
        triggers=triggers,
        readjusts=readjusts,
        reasons=_reasons(scenario, proposal, planned, run, grants, caused, triggers),
        details=_details(run),
        exercise_price=price,
        shares=shares,
        price_before=price_before,
        adjustments=caused,
        by_reading=side.answers,
        depends_on=depends_on(side.answers, lambda v: (v.triggers, v.exercise_price, v.shares)),
        runs=side.runs,
        applied=side.applied,
    )


def _grant_tests(scenario: Scenario, planned: Planned, run: _Run) -> tuple[NewGrantTest, ...]:
    tests: list[NewGrantTest] = []
    window = scenario.terms.fmv_window
    for item, event in planned.events:
        if isinstance(event, OptionGrant):
            assert event.id is not None
            grant = run.ledger.grants[event.id]
            tender = planned.tenders[item] if item < len(planned.tenders) else None
            tests.append(
                NewGrantTest(
                    of=tender.of if tender else event.id,
                    grant=event.id,
                    grantee=event.grantee,
                    holder=tender.holder if tender else None,
                    shares=event.shares,
                    inside_carve_out=grant.excluded.granted,
                    outside_carve_out=grant.other.granted,
                    grant_price=event.exercise_price,
                    close=planned.closes.get(item),
                    effective_price=event.consideration / event.shares + event.exercise_price,
                    fmv=fair_market_value(scenario.prices, event.date, window=window),
                )
            )
        elif isinstance(event, Repricing):
            assert event.id is not None
            grant = run.ledger.grants[event.of]
            original = register_grants(scenario).get(event.of)
            quote = scenario.prices.get(event.date)
            tests.append(
                NewGrantTest(
                    of=event.of,
                    grant=event.of,
                    grantee=original.grantee if isinstance(original, OptionGrant) else None,
                    holder=None,
                    shares=grant.outstanding,
                    inside_carve_out=grant.excluded.outstanding,
                    outside_carve_out=grant.other.outstanding,
                    grant_price=event.exercise_price,
                    close=quote.closing.price if quote is not None else None,
                    effective_price=grant.consideration_per_share + event.exercise_price,
                    fmv=fair_market_value(scenario.prices, event.date, window=window),
                )
            )
    return tuple(tests)


def _reasons(
    scenario: Scenario,
    proposal: Proposal,
    planned: Planned,
    run: _Run,
    grants: Sequence[NewGrantTest],
    caused: Sequence[Adjustment],
    triggers: bool,
) -> tuple[str, ...]:
    reasons: list[str] = []
    dates = planned.dates
    if dates is not None:
        reasons.append(
            f"options tendered are cancelled on {dates.cancellation.isoformat()}; the new options "
            f"are granted on {dates.grant_date.isoformat()} (the earliest the offer allows is "
            f"{dates.earliest_grant.isoformat()}) — business days by the offer's own definition"
        )
        reasons.extend(_lookback_note(scenario, proposal, dates, run))
    for test in grants:
        if test.outside_carve_out or (test.below_fmv and not test.inside_carve_out):
            relation = "below" if test.below_fmv else "not below"
            reasons.append(
                f"{test.grant} ({shown(test.shares)} shares to {_a(test.grantee)}, for "
                f"{test.of}): {shown(test.outside_carve_out)} outside the carve-out, at an "
                f"Effective Price {shown(test.effective_price)} {relation} the Current Fair "
                f"Market Value {shown(test.fmv.value)} of {test.fmv.on.isoformat()}"
            )
    inside = [test for test in grants if not test.outside_carve_out]
    if inside:
        reasons.append(
            f"{len(inside)} of the {len(grants)} grants fit wholly inside the carve-out: they "
            "adjust nothing, whatever their price (4.C(5)(iii))"
        )
    compared = {(t.fmv.on, t.close, t.fmv.value, t.fmv.days) for t in grants if t.close is not None}
    for day, close, fmv, days in sorted(compared):
        if close != fmv:
            reasons.append(
                f"on {day.isoformat()} the new options are priced at that day's closing price "
                f"{shown(close)}, while 4.C tests against {shown(fmv)}, the average of the five "
                f"trading days before it ({days[0].isoformat()} .. {days[-1].isoformat()})"
            )
    if triggers:
        lowered = [a for a in caused if not a.readjustment and a.price_after < a.price_before]
        reasons.append(
            f"triggers: {len(lowered)} adjustment(s) under "
            f"{', '.join(sorted({a.clause for a in lowered}))}; "
            f"Exercise Price {shown(lowered[0].price_before)} → {shown(lowered[-1].price_after)}"
        )
    else:
        reasons.append("does not trigger a Section 4.C adjustment that lowers the Exercise Price")
    if any(a.readjustment for a in caused):
        reasons.append(
            "readjusts: cancelling options that were deemed issued readjusts the price (4.C(3))"
        )
    return tuple(reasons)


def _a(grantee: Grantee | None) -> str:
    if grantee is None:
        return "its holder"
    return ("an " if grantee.value[0] in "aeiou" else "a ") + grantee.value


def _details(run: _Run) -> tuple[str, ...]:
    refs = set(run.proposal_refs)
    return tuple(
        f"{determination.event.label}: {reason}"
        for determination in run.ledger.determinations
        if determination.event.index in refs
        for reason in determination.reasons
    )


def _lookback_note(
    scenario: Scenario, proposal: Proposal, dates: OfferDates, run: _Run
) -> list[str]:
    """Grants of the six months before commencement that no tender covers: whoever holds
    them must tender them too if they tender anything (offer, Summary Term Sheet)."""
    if not isinstance(proposal, ExchangeOffer):
        return []
    tendered = {tender.of for tender in proposal.tenders}
    recent = [
        gid
        for gid, event in register_grants(scenario).items()
        if dates.lookback_start <= event.date < dates.commencement
        and gid not in tendered
        and gid in run.ledger.grants
        and run.ledger.grants[gid].outstanding
    ]
    if not recent:
        return []
    return [
        f"grants of the six months before commencement (since {dates.lookback_start.isoformat()}) "
        f"not tendered: {', '.join(recent)} — a holder who tenders anything must tender these too"
    ]
