"""A Hypothesis state machine: the ledger against a deliberately simple model (SPEC §11).

The machine drives a :class:`~warrant.register.ledger.Ledger` (default reading) with random
events — issues at random prices relative to the Fair Market Value, excluded
issues, plan grants inside and over the 4.C(5)(iii) carve-out, grants outside the
plans, exercises, expiries, cancellations, buybacks — and with invalid ones
(unknown grants, too many shares, closed grants, dates out of order or past the
warrant's expiry, duplicate ids, exercises after a grant expired).

The model keeps plain numbers: shares issued, each grant's shares inside and
outside the carve-out, the carve-out used, and the history of what happened.
Its price is recomputed *from scratch* at every step: it replays the history with
the 4.C(1)(b) formula ``P × (A + B) / (A + C)`` (``A`` = issued + deemed, the
default reading), treating every deemed issue as if only the shares that did not
lapse had ever been deemed issued — which is exactly what the 4.C(3)
readjustment promises.  Slow, but obviously right.

Prices are a step function of the calendar quarter, and events fall only on days
whose five preceding trading days lie in the same quarter, so the Fair Market
Value of an event day is simply its quarter's close.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from fractions import Fraction

import pytest
from hypothesis import settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, initialize, invariant, rule

import warrant
from warrant.ground.errors import WarrantError
from warrant.market.closing_prices import Quote
from warrant.register.events import (
    Buyback,
    Cancellation,
    Event,
    Exercise,
    Expiry,
    Grantee,
    Issuance,
    OptionGrant,
)
from warrant.register.ledger import OPENING_PLAN_OPTIONS, Capitalization, Ledger

F = Fraction

# SPEC §1
INITIAL_PRICE = F("1.94")
CAP = F(1_969_693)
ISSUE_DATE = date(2002, 3, 4)
LAST_DAY = date(2007, 3, 2)
FLOOR = F(85, 100)

QUARTER_CLOSES = [F(1), F(3, 2), F(4, 5), F(2), F(5, 4), F(3, 5), F(9, 8)]


def quarter(day: date) -> int:
    return (day.year - 2002) * 4 + (day.month - 1) // 3


def quarter_close(day: date) -> Fraction:
    return QUARTER_CLOSES[quarter(day) % len(QUARTER_CLOSES)]


ALL_DAYS = warrant.trading_days(date(2001, 12, 3), LAST_DAY)
PRICES = warrant.PriceHistory([Quote(day=day, close=quarter_close(day)) for day in ALL_DAYS])
#: event days: on or after the Issue Date, with the 5 trading days before them in their own quarter
DAYS = [
    day
    for index, day in enumerate(ALL_DAYS)
    if day >= ISSUE_DATE and index >= 5 and quarter(ALL_DAYS[index - 5]) == quarter(day)
]


def model_fmv(day: date) -> Fraction:
    """The FMV of an event day: every close of the five days before it is its quarter's."""
    return quarter_close(day)


CARVE_OUT_GRANTEES = {Grantee.OFFICER, Grantee.EMPLOYEE, Grantee.DIRECTOR}


@dataclass
class ModelGrant:
    id: str
    shares: Fraction
    exercise_price: Fraction | None  # None: options outstanding at the Issue Date
    consideration: Fraction  # paid for the whole grant
    fmv: Fraction  # on the day of grant
    expires: date | None
    inside: Fraction  # granted within the carve-out
    overflow: Fraction  # granted outside it
    deemed: bool  # the overflow was deemed issued under 4.C(3)
    inside_left: Fraction
    outside_left: Fraction
    outside_lapsed: Fraction = Fraction(0)

    @property
    def left(self) -> Fraction:
        return self.inside_left + self.outside_left

    def split_exercise(self, shares: Fraction) -> tuple[Fraction, Fraction]:
        """An exercise draws on the carve-out part first (the library's documented choice
        under the issued-or-issuable reading: the warrant does not say)."""
        inside = min(shares, self.inside_left)
        return inside, shares - inside

    def split_lapse(self, shares: Fraction) -> tuple[Fraction, Fraction]:
        """A lapse shrinks the part over the cap first (documented choice under the
        issued-or-issuable reading: the room stays used while the plan shares exceed it)."""
        outside = min(shares, self.outside_left)
        return shares - outside, outside


class Model:
    """Plain numbers and a history; the price is recomputed from the whole history."""

    def __init__(self, common: Fraction, plan_options: Fraction) -> None:
        self.common = common
        self.issued = common
        self.used = min(plan_options, CAP)
        self.grants: dict[str, ModelGrant] = {}
        self.history: list[tuple[object, ...]] = []
        self.restructuring: str | None = None
        self.events = 0
        if plan_options:
            inside = min(plan_options, CAP)
            self.grants[OPENING_PLAN_OPTIONS] = ModelGrant(
                id=OPENING_PLAN_OPTIONS, shares=plan_options, exercise_price=None,
                consideration=F(0), fmv=F(0), expires=None, inside=inside,
                overflow=plan_options - inside, deemed=False, inside_left=inside,
                outside_left=plan_options - inside,
            )

    @property
    def deemed(self) -> Fraction:
        return sum(
            (g.outside_left for g in self.grants.values() if g.deemed and self.adjusts(g)), F(0)
        )

    @staticmethod
    def adjusts(grant: ModelGrant) -> bool:
        """Whether the deemed issue, restated on the shares that did not lapse, is still
        below FMV; if not, nothing of the grant is deemed outstanding (SPEC §4.3)."""
        kept = grant.overflow - grant.outside_lapsed
        assert grant.exercise_price is not None
        paid = grant.consideration * grant.overflow / grant.shares + kept * grant.exercise_price
        return bool(kept) and paid / kept < grant.fmv

    # -- events ------------------------------------------------------------------------

    def issue(self, shares: Fraction, cash: Fraction, expenses: Fraction, day: date, *,
              warrant_exercise: bool, restructuring: str | None) -> None:
        fmv = model_fmv(day)
        tested = not warrant_exercise
        if (
            restructuring is not None and day > ISSUE_DATE
        ):  # 4.C(5)(ii): issued *after* the Issue Date
            self.restructuring = self.restructuring or restructuring
            if restructuring == self.restructuring and cash / shares >= FLOOR * fmv:
                tested = False
        self.history.append(("issue", shares, cash - expenses, fmv, tested))
        self.issued += shares
        self.events += 1

    def grant(self, gid: str, shares: Fraction, exercise_price: Fraction, consideration: Fraction,
              day: date, expires: date, *, in_class: bool) -> None:
        fmv = model_fmv(day)
        inside = min(shares, CAP - self.used) if in_class else F(0)
        overflow = shares - inside
        self.used += inside
        deemed = overflow > 0 and consideration / shares + exercise_price < fmv
        self.grants[gid] = ModelGrant(
            id=gid, shares=shares, exercise_price=exercise_price, consideration=consideration,
            fmv=fmv, expires=expires, inside=inside, overflow=overflow, deemed=deemed,
            inside_left=inside, outside_left=overflow,
        )
        self.history.append(("grant", gid))
        self.events += 1

    def exercise(self, gid: str, shares: Fraction, paid: Fraction | None, day: date) -> None:
        grant = self.grants[gid]
        inside, outside = grant.split_exercise(shares)
        grant.inside_left -= inside
        grant.outside_left -= outside
        if grant.exercise_price is None and outside:
            # options from before the Issue Date: never deemed issued, so the shares over the
            # carve-out are Additional Shares issued now for what is paid now (4.C(1)), with
            # A taken immediately before the exercise
            assert paid is not None
            self.history.append(("issue", outside, paid * outside / shares, model_fmv(day), True))
            self.history.append(("issued", inside))
        else:
            self.history.append(("exercised", gid, inside + outside, outside))
        self.issued += shares
        self.events += 1

    def lapse(self, gid: str, shares: Fraction) -> None:
        grant = self.grants[gid]
        inside, outside = grant.split_lapse(shares)
        grant.inside_left -= inside
        grant.outside_left -= outside
        grant.outside_lapsed += outside
        self.used -= inside  # default reading: issued-or-issuable
        self.events += 1

    def buyback(self, shares: Fraction) -> None:
        self.history.append(("buyback", shares))
        self.issued -= shares
        self.events += 1

    # -- the price, from scratch ---------------------------------------------------------

    def price(self) -> Fraction:
        price = INITIAL_PRICE
        issued = self.common
        deemed: dict[str, Fraction] = {}
        for entry in self.history:
            kind = entry[0]
            if kind == "issue":
                _, shares, net, fmv, tested = entry
                if tested and net / shares < fmv:
                    a = issued + sum(deemed.values(), F(0))
                    price = price * (a + net / fmv) / (a + shares)
                issued += shares
            elif kind == "issued":
                issued += entry[1]
            elif kind == "grant":
                grant = self.grants[entry[1]]
                if not grant.deemed:
                    continue
                # as if only the shares that have not lapsed had ever been deemed issued
                kept = grant.overflow - grant.outside_lapsed
                assert grant.exercise_price is not None
                paid = (
                    grant.consideration * grant.overflow / grant.shares
                    + kept * grant.exercise_price
                )
                if kept and paid / kept < grant.fmv:
                    a = issued + sum(deemed.values(), F(0))
                    price = price * (a + paid / grant.fmv) / (a + kept)
                    deemed[grant.id] = kept
                # else no adjustment would have been made: nothing of it is deemed
            elif kind == "exercised":
                _, gid, shares, outside = entry
                issued += shares
                if gid in deemed:
                    deemed[gid] -= outside
            else:
                assert kind == "buyback"
                issued -= entry[1]
        return price


def test_the_model_reproduces_the_spec_worked_example() -> None:
    """SPEC §14, through the model alone (so the model is checked against the SPEC)."""
    day = ISSUE_DATE  # Q1 2002: every close 1.00
    assert model_fmv(day) == 1 and day in DAYS
    model = Model(F(7_000_000), F(0))
    model.issue(
        F(1_000_000), F(900_000), F(50_000), day, warrant_exercise=False, restructuring=None
    )
    assert model.price() == F("1.903625")
    model.grant("g", F(500_000), F("0.50"), F(10_000), day, date(2004, 1, 1), in_class=False)
    assert model.price() == F(6_289_577, 3_400_000)
    model.lapse("g", F(500_000))
    assert model.price() == F("1.903625")


def test_the_ledger_reproduces_the_spec_worked_example() -> None:
    day = ISSUE_DATE
    ledger = Ledger(capitalization=Capitalization(common_outstanding=7_000_000), prices=PRICES)
    ledger.apply(Issuance(date=day, shares=1_000_000, cash=900_000, expenses=50_000))
    assert ledger.price == F("1.903625")
    assert ledger.shares(100_000) == F(16_000_000, 157)
    ledger.apply(
        OptionGrant(
            date=day,
            id="g",
            shares=500_000,
            exercise_price="0.50",
            consideration=10_000,
            expires=date(2004, 1, 1),
        )
    )
    assert ledger.price == F(6_289_577, 3_400_000)
    ledger.apply(Expiry(date=day, of="g"))
    assert ledger.price == F("1.903625")
    assert ledger.shares(100_000) == F(16_000_000, 157)


advances = st.one_of(st.just(0), st.integers(0, 45))  # same-day events are common
ratios = st.one_of(
    st.sampled_from([F(1), FLOOR, F(9, 10), F(1, 2), F(101, 100)]),
    st.fractions(min_value=F(1, 10), max_value=F(2), max_denominator=20),
)


class LedgerMachine(RuleBasedStateMachine):
    """Every step: the ledger agrees with the model; an invalid event changes nothing."""

    def __init__(self) -> None:
        super().__init__()
        self.ledger: Ledger | None = None
        self.model: Model | None = None
        self.index = 0  # into DAYS: the date of the last event (or the Issue Date)
        self.count = 0

    @initialize(
        common=st.integers(200_000, 20_000_000),
        plan_options=st.one_of(st.just(0), st.integers(1, 2_500_000)),
    )
    def start(self, common: int, plan_options: int) -> None:
        self.ledger = Ledger(
            capitalization=Capitalization(
                common_outstanding=common, plan_options_outstanding=plan_options
            ),
            prices=PRICES,
        )
        self.model = Model(F(common), F(plan_options))

    # -- helpers -------------------------------------------------------------------------

    @property
    def led(self) -> Ledger:
        assert self.ledger is not None
        return self.ledger

    @property
    def mod(self) -> Model:
        assert self.model is not None
        return self.model

    def day(self, advance: int) -> date:
        return DAYS[min(self.index + advance, len(DAYS) - 1)]

    def apply(self, event: Event) -> None:
        """A valid event: the ledger must take it."""
        self.led.apply(event)
        self.index = DAYS.index(event.date)

    def snapshot(self) -> tuple[object, ...]:
        ledger = self.led
        return (
            ledger.price,
            ledger.outstanding,
            ledger.carve_out,
            len(ledger.adjustments),
            len(ledger.determinations),
            len(ledger.events),
            ledger.position,
            dict(ledger.grants),
        )

    def refused(self, event: Event) -> None:
        """An invalid event: a WarrantError, and nothing changed."""
        before = self.snapshot()
        with pytest.raises(WarrantError):
            self.led.apply(event)
        assert self.snapshot() == before

    def open_grants(self, day: date | None = None) -> list[ModelGrant]:
        return [
            grant
            for grant in self.mod.grants.values()
            if grant.left > 0 and (day is None or grant.expires is None or grant.expires >= day)
        ]

    # -- valid events --------------------------------------------------------------------

    @rule(
        advance=advances,
        shares=st.integers(1, 3_000_000),
        ratio=ratios,
        expense_ratio=st.sampled_from([F(0), F(0), F(1, 20)]),
        kind=st.sampled_from(["plain", "plain", "warrant", "restructuring-1", "restructuring-2"]),
    )
    def issue(
        self, advance: int, shares: int, ratio: Fraction, expense_ratio: Fraction, kind: str
    ) -> None:
        day = self.day(advance)
        cash = shares * model_fmv(day) * ratio
        expenses = cash * expense_ratio
        restructuring = kind if kind.startswith("restructuring") else None
        self.apply(Issuance(
            date=day, shares=shares, cash=cash, expenses=expenses,
            warrant_exercise=kind == "warrant", restructuring=restructuring,
        ))
        self.mod.issue(
            F(shares),
            cash,
            expenses,
            day,
            warrant_exercise=kind == "warrant",
            restructuring=restructuring,
        )

    @rule(
        advance=advances,
        shares=st.integers(1, 1_500_000),
        ratio=ratios,
        paid=st.sampled_from([F(0), F(0), F(1, 50), F(1, 5)]),
        plan=st.booleans(),
        grantee=st.one_of(st.none(), st.sampled_from(list(Grantee))),
        term=st.sampled_from([30, 180, 3650, 3650]),
    )
    def grant(self, advance: int, shares: int, ratio: Fraction, paid: Fraction, plan: bool,
              grantee: Grantee | None, term: int) -> None:
        day = self.day(advance)
        gid = f"g{self.count}"
        self.count += 1
        if plan and grantee is None:
            grantee = Grantee.EMPLOYEE
        price = model_fmv(day) * ratio
        consideration = shares * model_fmv(day) * paid
        expires = day + timedelta(days=term)
        self.apply(OptionGrant(
            date=day, id=gid, shares=shares, exercise_price=price, consideration=consideration,
            expires=expires, plan=plan, grantee=grantee,
        ))
        self.mod.grant(gid, F(shares), price, consideration, day, expires,
                       in_class=plan and grantee in CARVE_OUT_GRANTEES)

    @rule(
        advance=advances,
        shares=st.integers(1, 3_000_000),
        ratio=st.fractions(min_value=0, max_value=F(19, 20), max_denominator=20),
        paid=st.sampled_from([F(0), F(0), F(1, 50)]),
    )
    def deemed_grant(self, advance: int, shares: int, ratio: Fraction, paid: Fraction) -> None:
        """Options outside the plans below FMV: always a 4.C(3) deemed issue."""
        self.grant(advance, shares, ratio, paid, False, None, 3650)

    @rule(
        advance=advances,
        pick=st.integers(0, 100),
        amount=st.integers(0, 10**7),
        every=st.booleans(),
        ratio=ratios,
    )
    def exercise(self, advance: int, pick: int, amount: int, every: bool, ratio: Fraction) -> None:
        day = self.day(advance)
        candidates = self.open_grants(day)
        if not candidates:
            return
        grant = candidates[pick % len(candidates)]
        shares = grant.left if every else F(1 + amount % int(grant.left))
        paid = shares * model_fmv(day) * ratio if grant.exercise_price is None else None
        self.apply(Exercise(date=day, of=grant.id, shares=shares, consideration=paid))
        self.mod.exercise(grant.id, shares, paid, day)

    @rule(
        advance=advances,
        pick=st.integers(0, 100),
        amount=st.integers(0, 10**7),
        every=st.booleans(),
        cancel=st.booleans(),
    )
    def lapse(
        self,
        advance: int,
        pick: int,
        amount: int,
        every: bool,
        cancel: bool,
        deemed_first: bool = False,
    ) -> None:
        day = self.day(advance)
        candidates = self.open_grants()
        if deemed_first:
            candidates = [grant for grant in candidates if grant.deemed] or candidates
        if not candidates:
            return
        grant = candidates[pick % len(candidates)]
        shares = grant.left if every else F(1 + amount % int(grant.left))
        kind = Cancellation if cancel else Expiry
        self.apply(kind(date=day, of=grant.id, shares=None if every else shares))
        self.mod.lapse(grant.id, shares)

    # exercises and lapses of what was granted are where 4.C(3) is subtle: give them more turns
    @rule(
        advance=advances,
        pick=st.integers(0, 100),
        amount=st.integers(0, 10**7),
        every=st.booleans(),
        ratio=ratios,
    )
    def exercise_again(
        self, advance: int, pick: int, amount: int, every: bool, ratio: Fraction
    ) -> None:
        self.exercise(advance, pick, amount, every, ratio)

    @rule(
        advance=advances,
        pick=st.integers(0, 100),
        amount=st.integers(0, 10**7),
        every=st.booleans(),
        cancel=st.booleans(),
    )
    def lapse_deemed(self, advance: int, pick: int, amount: int, every: bool, cancel: bool) -> None:
        self.lapse(advance, pick, amount, every, cancel, deemed_first=True)

    @rule(advance=advances, shares=st.integers(1, 3_000_000))
    def buyback(self, advance: int, shares: int) -> None:
        count = min(F(shares), self.mod.issued - 1)
        if count < 1:
            return
        day = self.day(advance)
        self.apply(Buyback(date=day, shares=count))
        self.mod.buyback(count)

    # -- invalid events: refused, nothing changes ------------------------------------------

    @rule(
        kind=st.sampled_from([
            "unknown grant", "too many shares", "closed grant", "after the grant expired",
            "buyback too many", "out of order", "outside the warrant term", "duplicate id",
            "opening options over the cap, nothing said of the price paid",
        ]),
        advance=advances,
        pick=st.integers(0, 100),
        extra=st.integers(1, 1000),
        verb=st.sampled_from([Exercise, Expiry, Cancellation]),
    )
    def invalid(self, kind: str, advance: int, pick: int, extra: int, verb: type[Event]) -> None:
        event = self.invalid_event(kind, self.day(advance), pick, extra, verb)
        if event is None:  # nothing to build it from yet: an unknown grant will do
            event = verb(date=self.day(advance), of=f"nope-{pick}", shares=extra)  # type: ignore[call-arg]
        self.refused(event)

    def invalid_event(
        self, kind: str, day: date, pick: int, extra: int, verb: type[Event]
    ) -> Event | None:
        grants = self.mod.grants
        if kind == "too many shares":
            candidates = self.open_grants()
            if not candidates:
                return None
            grant = candidates[pick % len(candidates)]
            paid = (
                {"consideration": F(0)} if verb is Exercise and grant.exercise_price is None else {}
            )
            return verb(date=day, of=grant.id, shares=grant.left + extra, **paid)  # type: ignore[call-arg]
        if kind == "closed grant":
            closed = sorted(gid for gid, grant in grants.items() if grant.left == 0)
            if not closed:
                return None
            return verb(date=day, of=closed[pick % len(closed)], shares=1)  # type: ignore[call-arg]
        if kind == "after the grant expired":
            expired = [
                grant for grant in grants.values()
                if grant.expires is not None and grant.left > 0 and grant.expires < DAYS[-1]
            ]
            if not expired:
                return None
            grant = expired[pick % len(expired)]
            assert grant.expires is not None
            later = [d for d in DAYS if d > grant.expires and d >= day]
            return Exercise(date=later[0], of=grant.id, shares=1) if later else None
        if kind == "buyback too many":
            return Buyback(date=day, shares=self.mod.issued + extra)
        if kind == "out of order":
            earlier = DAYS[max(self.index - 1 - pick, 0)]
            if self.index == 0 or not self.mod.events:
                return None
            return Issuance(date=earlier, shares=extra, cash=extra * model_fmv(earlier) / 2)
        if kind == "outside the warrant term":
            outside = [date(2002, 3, 1), date(2007, 3, 5), date(2008, 1, 2)][pick % 3]
            return Issuance(date=outside, shares=extra, cash=extra)
        if kind == "duplicate id":
            if not grants:
                return None
            ids = sorted(grants)
            return OptionGrant(
                date=day,
                id=ids[pick % len(ids)],
                shares=extra,
                exercise_price=0,
                expires=date(2010, 1, 1),
            )
        if kind == "opening options over the cap, nothing said of the price paid":
            opening = grants.get(OPENING_PLAN_OPTIONS)
            if opening is None or opening.outside_left == 0:
                return None
            # their exercise price is not in the register, and the part over the cap is tested now
            return Exercise(date=day, of=OPENING_PLAN_OPTIONS, shares=opening.left)
        assert kind == "unknown grant"
        return verb(date=day, of=["nope", "g999", "#0"][pick % 3], shares=1)  # type: ignore[call-arg]

    # -- the checks ----------------------------------------------------------------------

    @invariant()
    def agrees_with_the_model(self) -> None:
        if self.ledger is None:
            return
        ledger, model = self.led, self.mod
        assert ledger.price == model.price()
        outstanding = ledger.outstanding
        assert outstanding.issued == model.issued
        assert outstanding.deemed == model.deemed
        assert outstanding.basis == model.issued + model.deemed
        carve = ledger.carve_out
        assert carve.used == model.used
        assert 0 <= carve.used <= CAP
        assert carve.remaining == CAP - model.used
        assert sum((usage for _, usage in carve.by_grant), F(0)) == carve.used
        assert len(ledger.determinations) == len(ledger.events) == model.events
        assert set(ledger.grants) == set(model.grants)
        for gid, grant in model.grants.items():
            assert ledger.grants[gid].outstanding == grant.left
            assert ledger.grants[gid].is_deemed == grant.deemed
        if ledger.position.last_date is not None:
            assert ledger.price_on(ledger.position.last_date) == ledger.price
        assert ledger.shares(1) * ledger.price == INITIAL_PRICE


LedgerMachine.TestCase.settings = settings(max_examples=150, stateful_step_count=30, deadline=None)
TestLedgerMachine = LedgerMachine.TestCase
