"""The option exchange check's proposal as register events (SPEC §8).

* an exchange offer: on the cancellation date, after the register's events of that
  day, each tender's ``cancellation`` and the ``promise-to-grant`` of its new option;
  on the grant date, after that day's register events, each new ``option-grant``
  (honouring its promise) in tender order, each a grant of its own tested on its own;
* a repricing: each ``repricing`` on its date, after that day's register events.

The new options are priced at the grant date's closing price (Section 1's rule for
that day) unless the proposal states a price; nothing is paid for them — the
surrendered options are not consideration.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from fractions import Fraction

import attrs
from dateutil.relativedelta import relativedelta

from warrant.analyses.offer_dates import OfferDates, offer_dates
from warrant.case.proposal import ExchangeOffer, Proposal, RepricingProposal, Tender
from warrant.case.scenario import Scenario
from warrant.ground.errors import MissingPrices, ScenarioError
from warrant.register.events import (
    Cancellation,
    Event,
    Grantee,
    OptionGrant,
    PromiseToGrant,
    Repricing,
)
from warrant.register.ledger import OPENING_PLAN_OPTIONS

#: Where the offer's pricing rule comes from, for messages.
OFFER = "offer to exchange"



@attrs.frozen
class Planned:
    events: tuple[tuple[int, Event], ...]  # (proposal item, event) in date order
    dates: OfferDates | None
    grant_day: dt.date | None
    closes: Mapping[int, Fraction]  # tender index -> grant-date close
    tenders: tuple[Tender, ...] = ()
    #: repricing index -> the shares the proposal says it reprices
    stated_shares: Mapping[int, Fraction] = attrs.field(factory=dict)


def register_grants(scenario: Scenario) -> dict[str, Event]:
    found: dict[str, Event] = {}
    for index, event in enumerate(scenario.events):
        if isinstance(event, OptionGrant):
            found[event.id if event.id is not None else f"#{index}"] = event
    return found


def _grant_close(scenario: Scenario, day: dt.date) -> Fraction:
    quote = scenario.prices.get(day)
    if quote is None:
        raise MissingPrices(
            f"no closing price for the grant date {day.isoformat()}: the offer prices the new "
            "options at that day's close, and the library does not guess one",
            missing=(day,),
            field="grant_date",
            clause=OFFER,
        )
    return quote.closing.price


def _plan_offer(scenario: Scenario, offer: ExchangeOffer) -> Planned:
    dates = offer_dates(
        commencement=offer.commencement,
        offer_expires=offer.offer_expires,
        cancellation=offer.cancellation,
        grant_date=offer.grant_date,
    )
    grants = register_grants(scenario)
    taken = {event.id for event in scenario.events if event.id is not None}
    cancellations: list[tuple[int, Event]] = []
    new_grants: list[tuple[int, Event]] = []
    closes: dict[int, Fraction] = {}
    for index, tender in enumerate(offer.tenders):
        where = f"[[exchange.tender]] {index + 1}"
        original = grants.get(tender.of)
        if original is None and not (
            tender.of == OPENING_PLAN_OPTIONS and scenario.capitalization.plan_options_outstanding
        ):
            raise ScenarioError(
                f"no option grant {tender.of!r} in the register to tender",
                field="of",
                where=where,
                clause=OFFER,
            )
        grantee = tender.grantee
        if grantee is None and isinstance(original, OptionGrant):
            grantee = original.grantee
        if grantee is None:
            raise ScenarioError(
                "say to whom the new option is granted (officer, employee, director or "
                "consultant): the register does not say who holds the tendered options",
                field="grantee",
                where=where,
                clause=OFFER,
            )
        if tender.grantee is None:
            Tender(of=tender.of, shares=tender.shares, grantee=grantee)  # eligibility check
        ids = [f"exchange-{index + 1}-{part}" for part in ("cancellation", "promise", "grant")]
        clash = next((name for name in ids if name in taken), None)
        if clash is not None:
            raise ScenarioError(
                f"the register already has an event with id {clash!r}, which the exchange's "
                "own events use",
                field="id",
                where=where,
            )
        price = tender.grant_price or offer.grant_price
        if price is None:
            price = closes[index] = _grant_close(scenario, dates.grant_date)
        else:
            quote = scenario.prices.get(dates.grant_date)
            if quote is not None:
                closes[index] = quote.closing.price
        cancellations.append(
            (
                index,
                Cancellation(
                    date=dates.cancellation, id=ids[0], of=tender.of, shares=tender.shares
                ),
            )
        )
        cancellations.append(
            (
                index,
                PromiseToGrant(
                    date=dates.cancellation, id=ids[1], of=tender.of, shares=tender.new_shares
                ),
            )
        )
        new_grants.append(
            (
                index,
                OptionGrant(
                    date=dates.grant_date,
                    id=ids[2],
                    shares=tender.new_shares,
                    exercise_price=price,
                    expires=_term_end(dates.grant_date, grantee),
                    plan=tender.plan,
                    grantee=grantee,
                    fulfils=ids[1],
                ),
            )
        )
    return Planned(
        events=(*cancellations, *new_grants),
        dates=dates,
        grant_day=dates.grant_date,
        closes=closes,
        tenders=offer.tenders,
    )


def _term_end(granted: dt.date, grantee: Grantee) -> dt.date:
    """The new option's term by the 1994 plan as the offer summarises it: ten years, five
    for (non-employee) directors.  Nothing in 4.C turns on it here."""
    end: dt.date = granted + relativedelta(years=5 if grantee is Grantee.DIRECTOR else 10)
    return end


def _plan_repricing(scenario: Scenario, proposal: RepricingProposal) -> Planned:
    taken = {event.id for event in scenario.events if event.id is not None}
    events: list[tuple[int, Event]] = []
    for index, item in enumerate(proposal.reprices):
        rid = f"reprice-{index + 1}"
        if rid in taken:
            raise ScenarioError(
                f"the register already has an event with id {rid!r}, which the repricing uses",
                field="id",
                where=f"[[exchange.reprice]] {index + 1}",
            )
        events.append(
            (index, Repricing(date=item.date, id=rid, of=item.of, exercise_price=item.new_price))
        )
    events.sort(key=lambda pair: pair[1].date)
    stated = {
        index: item.shares
        for index, item in enumerate(proposal.reprices)
        if item.shares is not None
    }
    return Planned(
        events=tuple(events), dates=None, grant_day=None, closes={}, stated_shares=stated
    )


def plan_events(scenario: Scenario, proposal: Proposal) -> tuple[Event, ...]:
    """The proposal as register events, in the order they apply."""
    return tuple(event for _, event in plan(scenario, proposal).events)


def plan(scenario: Scenario, proposal: Proposal) -> Planned:
    if isinstance(proposal, ExchangeOffer):
        return _plan_offer(scenario, proposal)
    return _plan_repricing(scenario, proposal)


def merged_events(register: Sequence[Event], proposed: Sequence[Event]) -> tuple[Event, ...]:
    """The register's events with the proposal's merged in: each proposed event after every
    register event whose effective date is on or before its own."""
    merged: list[Event] = []
    position = 0
    for event in proposed:
        while position < len(register) and register[position].effective_date <= event.date:
            merged.append(register[position])
            position += 1
        merged.append(event)
    merged.extend(register[position:])
    return tuple(merged)


def apply_proposal(scenario: Scenario, proposal: Proposal) -> Scenario:
    """The scenario with the proposal's events in its register (the scenario is unchanged)."""
    return attrs.evolve(
        scenario, events=merged_events(scenario.events, plan_events(scenario, proposal))
    )


