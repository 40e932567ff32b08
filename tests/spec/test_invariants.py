"""Property tests for the Section 4.C engine: SPEC §11 invariants 1, 2, 6, 7 and 8.

Random registers of events (issues at random prices relative to the Fair Market
Value, plan and non-plan option grants, exercises, expiries, cancellations,
buybacks, excluded issues) are applied to a :class:`~warrant.register.ledger.Ledger`
under every reading the library offers, and the invariants are checked against
figures the test works out itself: the Fair Market Value is recomputed here
from the closes the test made up, and the weighted-average factor of 4.C(1)(b)
is written out as ``P × (A + B) / (A + C)``.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, timedelta
from fractions import Fraction

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import warrant
from warrant.files.json_output import adjustment_json
from warrant.instrument.readings import CarveOutCounting, OutstandingBasis, Reading, ReadjustOn
from warrant.instrument.terms import ALPHA_2002
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

# The warrant's numbers, from the SPEC §1 table (not read back from the library).
INITIAL_PRICE = F("1.94")
CAP = F(1_969_693)
ISSUE_DATE = date(2002, 3, 4)
LAST_EXERCISE_DAY = date(2007, 3, 2)
RESTRUCTURING_FLOOR = F(85, 100)

# One price history for the whole module (it is immutable): made-up closes that
# wander between 0.60 and 2.10, starting early enough that the Issue Date has
# five trading days before it.
ALL_DAYS = warrant.trading_days(date(2001, 12, 3), LAST_EXERCISE_DAY)
CLOSE = {day: F(60 + (index * 37) % 151, 100) for index, day in enumerate(ALL_DAYS)}
PRICES = warrant.PriceHistory([Quote(day=day, close=close) for day, close in CLOSE.items()])
EVENT_DAYS = [day for day in ALL_DAYS if day >= ISSUE_DATE]

READINGS = Reading.variations()
DEFAULT = Reading()
PROPERTY_SETTINGS = settings(max_examples=150, deadline=None)


def fmv(day: date) -> Fraction:
    """Section 1, worked out here: the mean of the closes of the 5 trading days before ``day``."""
    index = bisect.bisect_left(ALL_DAYS, day)
    window = ALL_DAYS[index - 5 : index]
    assert len(window) == 5
    return sum((CLOSE[d] for d in window), F(0)) / 5


def weighted_average(price: Fraction, a: Fraction, b: Fraction, c: Fraction) -> Fraction:
    """4.C(1)(b): ``P × (A + B) / (A + C)``."""
    return price * (a + b) / (a + c)


def new_ledger(common: int, plan_options: int = 0, reading: Reading = DEFAULT) -> Ledger:
    return Ledger(
        capitalization=Capitalization(
            common_outstanding=common, plan_options_outstanding=plan_options
        ),
        prices=PRICES,
        reading=reading,
    )


# -- abstract operations, turned into concrete events by a Script -------------------


@dataclass(frozen=True)
class IssueOp:
    advance: int
    shares: int
    ratio: Fraction  # gross price per share ÷ FMV
    expense_ratio: Fraction  # expenses ÷ gross
    kind: str  # "plain", "warrant", "restructuring-a", "restructuring-b"


@dataclass(frozen=True)
class GrantOp:
    advance: int
    shares: int
    ratio: Fraction  # exercise price ÷ FMV
    paid: Fraction  # consideration for the grant per option ÷ FMV
    plan: bool
    grantee: Grantee | None


@dataclass(frozen=True)
class ExerciseOp:
    advance: int
    pick: int
    amount: int
    ratio: Fraction  # what is paid per share ÷ FMV, for options outstanding at the Issue Date


@dataclass(frozen=True)
class LapseOp:
    advance: int
    pick: int
    amount: int
    cancel: bool


@dataclass(frozen=True)
class BuybackOp:
    advance: int
    shares: int


@dataclass(frozen=True)
class TargetLapseOp:
    """A partial lapse of the grant under study (never all of it)."""

    advance: int
    amount: int
    cancel: bool


Op = IssueOp | GrantOp | ExerciseOp | LapseOp | BuybackOp | TargetLapseOp

advances = st.one_of(st.just(0), st.integers(0, 45))  # same-day events are common
ratios = st.one_of(
    st.sampled_from([F(1), RESTRUCTURING_FLOOR, F(99, 100), F(101, 100)]),
    st.fractions(min_value=F(1, 20), max_value=F(5, 2), max_denominator=40),
)
below_ratios = st.fractions(min_value=F(0), max_value=F(99, 100), max_denominator=100)
paid_ratios = st.one_of(
    st.just(F(0)), st.fractions(min_value=F(0), max_value=F(1, 5), max_denominator=50)
)
expense_ratios = st.one_of(
    st.just(F(0)), st.fractions(min_value=F(0), max_value=F(1, 10), max_denominator=50)
)
grantees = st.sampled_from(list(Grantee))

issue_ops = st.builds(
    IssueOp,
    advance=advances,
    shares=st.integers(1, 3_000_000),
    ratio=ratios,
    expense_ratio=expense_ratios,
    kind=st.sampled_from(["plain", "plain", "warrant", "restructuring-a", "restructuring-b"]),
)
grant_ops = st.builds(
    GrantOp,
    advance=advances,
    shares=st.integers(1, 2_000_000),
    ratio=ratios,
    paid=paid_ratios,
    plan=st.booleans(),
    grantee=st.one_of(st.none(), grantees),
)
exercise_ops = st.builds(
    ExerciseOp,
    advance=advances,
    pick=st.integers(0, 50),
    amount=st.integers(0, 10**7),
    ratio=ratios,
)
lapse_ops = st.builds(
    LapseOp,
    advance=advances,
    pick=st.integers(0, 50),
    amount=st.integers(0, 10**7),
    cancel=st.booleans(),
)
buyback_ops = st.builds(BuybackOp, advance=advances, shares=st.integers(1, 2_000_000))
target_lapse_ops = st.builds(
    TargetLapseOp, advance=advances, amount=st.integers(0, 10**7), cancel=st.booleans()
)
# grants and lapses weigh double, so that deemed issues and their readjustments are common
any_op = st.one_of(issue_ops, grant_ops, grant_ops, exercise_ops, lapse_ops, lapse_ops, buyback_ops)
commons = st.integers(500_000, 20_000_000)
plan_openings = st.one_of(st.just(0), st.integers(1, 2_500_000))


@dataclass
class Script:
    """Turns abstract operations into valid events, keeping just enough bookkeeping
    (dates, shares outstanding under each grant, issued shares) to stay valid."""

    issued: int
    open: dict[str, int] = field(default_factory=dict)
    expires: dict[str, date] = field(default_factory=dict)
    reserved: frozenset[str] = frozenset()
    index: int = 0
    count: int = 0
    events: list[tuple[Event, bool]] = field(default_factory=list)

    @classmethod
    def start(cls, common: int, plan_options: int) -> Script:
        script = cls(issued=common)
        if plan_options:
            script.open[OPENING_PLAN_OPTIONS] = plan_options
        return script

    def day(self, advance: int) -> date:
        self.index = min(self.index + advance, len(EVENT_DAYS) - 1)
        return EVENT_DAYS[self.index]

    def _emit(self, event: Event, about_target: bool = False) -> Event:
        self.events.append((event, about_target))
        return event

    def _pick(self, pick: int, day: date | None = None) -> str | None:
        candidates = sorted(
            gid
            for gid, left in self.open.items()
            if left > 0
            and gid not in self.reserved
            and (day is None or self.expires.get(gid, day) >= day)
        )
        return candidates[pick % len(candidates)] if candidates else None

    def add(self, op: Op) -> Event | None:
        if isinstance(op, IssueOp):
            day = self.day(op.advance)
            gross = op.shares * fmv(day) * op.ratio
            common = {"shares": op.shares, "cash": gross, "expenses": gross * op.expense_ratio}
            self.issued += op.shares
            if op.kind == "warrant":
                return self._emit(Issuance(date=day, warrant_exercise=True, **common))
            if op.kind.startswith("restructuring"):
                return self._emit(Issuance(date=day, restructuring=op.kind, **common))
            return self._emit(Issuance(date=day, **common))
        if isinstance(op, GrantOp):
            day = self.day(op.advance)
            value = fmv(day)
            gid = f"g{self.count}"
            self.count += 1
            self.open[gid] = op.shares
            self.expires[gid] = day + timedelta(days=3650)
            return self._emit(
                OptionGrant(
                    date=day,
                    id=gid,
                    shares=op.shares,
                    exercise_price=value * op.ratio,
                    consideration=op.shares * value * op.paid,
                    expires=self.expires[gid],
                    plan=op.plan,
                    grantee=op.grantee if op.grantee or not op.plan else Grantee.EMPLOYEE,
                )
            )
        if isinstance(op, ExerciseOp):
            day = self.day(op.advance)
            gid = self._pick(op.pick, day)
            if gid is None:
                return None
            shares = 1 + op.amount % self.open[gid]
            self.open[gid] -= shares
            self.issued += shares
            paid = shares * fmv(day) * op.ratio if gid == OPENING_PLAN_OPTIONS else None
            return self._emit(Exercise(date=day, of=gid, shares=shares, consideration=paid))
        if isinstance(op, LapseOp):
            day = self.day(op.advance)
            gid = self._pick(op.pick)
            if gid is None:
                return None
            shares = 1 + op.amount % self.open[gid]
            self.open[gid] -= shares
            kind = Cancellation if op.cancel else Expiry
            return self._emit(kind(date=day, of=gid, shares=shares))
        if isinstance(op, BuybackOp):
            day = self.day(op.advance)
            shares = min(op.shares, self.issued - 1)
            if shares < 1:
                return None
            self.issued -= shares
            return self._emit(Buyback(date=day, shares=shares))
        assert isinstance(op, TargetLapseOp)
        (target,) = self.reserved
        if self.open.get(target, 0) <= 1:
            return None
        day = self.day(op.advance)
        shares = 1 + op.amount % (self.open[target] - 1)  # always leave one for the final lapse
        self.open[target] -= shares
        kind = Cancellation if op.cancel else Expiry
        return self._emit(kind(date=day, of=target, shares=shares), about_target=True)

    def add_all(self, ops: list[Op]) -> None:
        for op in ops:
            self.add(op)

    def target_grant(self, gid: str, advance: int, shares: int, ratio: Fraction) -> OptionGrant:
        """A grant outside the plans, nothing paid for it, exercise price ``ratio`` × FMV."""
        day = self.day(advance)
        self.reserved = frozenset({gid})
        self.open[gid] = shares
        event = OptionGrant(
            date=day, id=gid, shares=shares, exercise_price=fmv(day) * ratio,
            consideration=0, expires=day + timedelta(days=3650),
        )
        self._emit(event, about_target=True)
        return event

    def final_target_lapse(self, advance: int, cancel: bool, name_shares: bool) -> None:
        (target,) = self.reserved
        day = self.day(advance)
        kind = Cancellation if cancel else Expiry
        shares = self.open[target] if name_shares else None
        self.open[target] = 0
        self._emit(kind(date=day, of=target, shares=shares), about_target=True)


def events_of(common: int, plan_options: int, ops: list[Op]) -> list[Event]:
    script = Script.start(common, plan_options)
    script.add_all(ops)
    return [event for event, _ in script.events]


@dataclass(frozen=True)
class Applied:
    """One event applied, with the ledger's state just before and just after."""

    event: Event
    price_before: Fraction
    price_after: Fraction
    adjustments_before: int
    adjustments_after: int
    issued_before: Fraction
    issued_after: Fraction
    deemed_before: Fraction
    deemed_after: Fraction
    basis_before: Fraction
    basis_after: Fraction
    used_before: Fraction
    used_after: Fraction
    remaining_before: Fraction


def replay(ledger: Ledger, events: list[Event]) -> Iterator[Applied]:
    for event in events:
        before_out, before_carve = ledger.outstanding, ledger.carve_out
        price, count = ledger.price, len(ledger.adjustments)
        ledger.apply(event)
        after_out, after_carve = ledger.outstanding, ledger.carve_out
        yield Applied(
            event=event,
            price_before=price,
            price_after=ledger.price,
            adjustments_before=count,
            adjustments_after=len(ledger.adjustments),
            issued_before=before_out.issued,
            issued_after=after_out.issued,
            deemed_before=before_out.deemed,
            deemed_after=after_out.deemed,
            basis_before=before_out.basis,
            basis_after=after_out.basis,
            used_before=before_carve.used,
            used_after=after_carve.used,
            remaining_before=before_carve.remaining,
        )


def test_preset_matches_the_spec_table() -> None:
    """The module's constants are the SPEC §1 figures the preset must carry."""
    assert ALPHA_2002.exercise_price == INITIAL_PRICE
    assert ALPHA_2002.carve_out_cap == CAP
    assert ALPHA_2002.issue_date == ISSUE_DATE
    assert ALPHA_2002.restructuring_floor == RESTRUCTURING_FLOOR


def test_fmv_helper_agrees_with_the_library() -> None:
    for day in (ISSUE_DATE, date(2003, 1, 2), date(2005, 7, 5), LAST_EXERCISE_DAY):
        assert warrant.fair_market_value(PRICES, day).value == fmv(day)


# -- invariant 1: shares × price per warrant never changes -----------------------------


@PROPERTY_SETTINGS
@given(
    reading=st.sampled_from(READINGS),
    common=commons,
    plan_options=plan_openings,
    ops=st.lists(any_op, min_size=2, max_size=16),
    face=st.integers(1, 10**7),
)
def test_aggregate_exercise_price_is_unchanged(
    reading: Reading, common: int, plan_options: int, ops: list[Op], face: int
) -> None:
    """§11.1: every 4.C adjustment and readjustment keeps ``shares × price`` at ``face × 1.94``."""
    ledger = new_ledger(common, plan_options, reading)
    events = events_of(common, plan_options, ops)
    ledger.apply_all(events)
    aggregate = face * INITIAL_PRICE

    assert ledger.shares(face) * ledger.price == aggregate
    for event in events:
        assert ledger.shares_on(event.date, face) * ledger.price_on(event.date) == aggregate

    price = INITIAL_PRICE
    for adjustment in ledger.adjustments:
        # the adjustments chain: each starts where the one before ended
        assert adjustment.price_before == price
        price = adjustment.price_after
        entry = adjustment_json(adjustment, face_shares=F(face), initial_price=INITIAL_PRICE)
        assert F(entry["shares_before"]) * adjustment.price_before == aggregate
        assert F(entry["shares_after"]) * adjustment.price_after == aggregate
        if not adjustment.readjustment:
            # each 4.C(1) adjustment is the weighted-average formula on its own recorded facts
            assert adjustment.fmv is not None and adjustment.consideration is not None
            c = adjustment.additional_shares
            b = adjustment.consideration.total / adjustment.fmv.value
            assert adjustment.bought_at_fmv == b
            assert adjustment.outstanding_after == adjustment.outstanding_before + c
            assert adjustment.price_after == weighted_average(
                adjustment.price_before, adjustment.outstanding_before, b, c
            )
            assert adjustment.fmv.value == fmv(adjustment.date)
    assert price == ledger.price
    if ledger.adjustments:
        last = ledger.adjustments[-1]
        assert ledger.price_on(last.date) == ledger.price


# -- invariant 2: 4.C adjustments never raise the price --------------------------------


@PROPERTY_SETTINGS
@given(
    reading=st.sampled_from(READINGS),
    common=commons,
    plan_options=plan_openings,
    ops=st.lists(any_op, min_size=2, max_size=16),
)
def test_adjustments_never_raise_and_non_dilutive_issues_change_nothing(
    reading: Reading, common: int, plan_options: int, ops: list[Op]
) -> None:
    """§11.2: below FMV the price falls; at or above FMV, or excluded, price and
    shares stay put while the outstanding count moves."""
    ledger = new_ledger(common, plan_options, reading)
    claimed: str | None = None
    for step in replay(ledger, events_of(common, plan_options, ops)):
        event = step.event
        unchanged = (
            step.price_after == step.price_before
            and step.adjustments_after == step.adjustments_before
        )
        if isinstance(event, Issuance):
            assert step.issued_after == step.issued_before + event.shares  # the count always moves
            excluded = event.warrant_exercise
            if event.restructuring is not None and event.date > ISSUE_DATE:
                # 4.C(5)(ii) excludes shares issued *after* the Issue Date
                claimed = claimed or event.restructuring
                excluded = event.restructuring == claimed and (
                    event.cash / event.shares >= RESTRUCTURING_FLOOR * fmv(event.date)
                )
            below = (event.cash - event.expenses) / event.shares < fmv(event.date)
            if excluded or not below:
                assert unchanged, event
            else:
                assert step.adjustments_after == step.adjustments_before + 1
                assert step.price_after < step.price_before
        elif isinstance(event, OptionGrant):
            per_share = event.consideration / event.shares + event.exercise_price
            fits = event.in_carve_out_class and event.shares <= step.remaining_before
            if fits or per_share >= fmv(event.date):
                assert unchanged, event
                assert step.issued_after == step.issued_before
                assert step.deemed_after == step.deemed_before
            else:
                assert step.adjustments_after == step.adjustments_before + 1
                assert step.price_after < step.price_before
                assert step.deemed_after > step.deemed_before
        elif isinstance(event, Buyback):
            assert unchanged
            assert step.issued_after == step.issued_before - event.shares
        elif isinstance(event, Exercise):
            assert step.issued_after == step.issued_before + event.shares
            if event.of == OPENING_PLAN_OPTIONS:
                assert step.price_after <= step.price_before  # tested now under 4.C(1)
            elif reading.readjust_on is ReadjustOn.EACH_EXPIRY:
                assert unchanged, "rights are tested once, at grant: exercise adjusts nothing"
    for adjustment in ledger.adjustments:
        if not adjustment.readjustment:
            assert adjustment.price_after < adjustment.price_before
            assert adjustment.effective_price is not None and adjustment.fmv is not None
            assert adjustment.effective_price < adjustment.fmv.value


non_dilutive_ops = st.one_of(
    st.builds(
        IssueOp, advance=advances, shares=st.integers(1, 3_000_000),
        ratio=st.fractions(min_value=1, max_value=3, max_denominator=40),
        expense_ratio=st.just(F(0)), kind=st.sampled_from(["plain", "warrant"]),
    ),
    st.builds(
        GrantOp, advance=advances, shares=st.integers(1, 2_000_000),
        ratio=st.fractions(min_value=1, max_value=3, max_denominator=40),
        paid=paid_ratios, plan=st.booleans(), grantee=st.one_of(st.none(), grantees),
    ),
    buyback_ops,
)


@PROPERTY_SETTINGS
@given(
    reading=st.sampled_from(READINGS),
    common=commons,
    plan_options=plan_openings,
    prefix=st.lists(any_op, max_size=8),
    advance=advances,
    shares=st.integers(1, 3_000_000),
    ratio=below_ratios,
    paid=paid_ratios,
    middle=st.lists(non_dilutive_ops, max_size=5),
    lapse_advance=advances,
    lapse_amount=st.integers(0, 10**7),
    cancel=st.booleans(),
)
def test_readjustment_moves_back_toward_but_never_above_the_path_without_the_grant(
    reading: Reading, common: int, plan_options: int, prefix: list[Op], advance: int,
    shares: int, ratio: Fraction, paid: Fraction, middle: list[Op], lapse_advance: int,
    lapse_amount: int, cancel: bool,
) -> None:
    """§11.2 / §4.3: with nothing dilutive after the deemed issue, a lapse of its
    rights lifts the price back toward — never above — where it was without it."""
    script = Script.start(common, plan_options)
    script.add_all(prefix)
    day = script.day(advance)
    value = fmv(day)
    paid = min(paid, (1 - ratio) / 2)  # effective price (ratio + paid) × FMV stays below FMV
    grant = OptionGrant(
        date=day, id="target", shares=shares, exercise_price=value * ratio,
        consideration=shares * value * paid, expires=day + timedelta(days=3650),
    )
    ledger = new_ledger(common, plan_options, reading)
    ledger.apply_all(event for event, _ in script.events)
    without_grant = ledger.price
    ledger.apply(grant)
    assert ledger.price < without_grant  # a deemed issue below FMV
    script.events.clear()
    script.add_all(middle)
    ledger.apply_all(event for event, _ in script.events)
    before_lapse = ledger.price
    lapsed = 1 + lapse_amount % shares
    kind = Cancellation if cancel else Expiry
    ledger.apply(kind(date=script.day(lapse_advance), of="target", shares=lapsed))
    assert before_lapse <= ledger.price <= without_grant
    if lapsed == shares and paid == 0:
        assert ledger.price == without_grant


def test_a_readjustment_can_lower_the_price_when_a_dilutive_issue_came_between() -> None:
    """§4.3: everything after the deemed issue is recomputed on the new basis.

    A deemed issue just below FMV barely moves the price, but it swells ``A`` for a
    later cheap issue, softening that one.  When the rights lapse, the later issue
    is recomputed on the smaller ``A`` and hits harder: the readjustment takes the
    price *down*, to exactly the path on which the grant never happened.  (So
    "readjustments only move the price up" is not an invariant.)
    """
    grant_day, issue_day, lapse_day = date(2003, 6, 2), date(2003, 9, 2), date(2004, 1, 5)
    common = F(1_000_000)
    options = F(1_000_000)
    option_price = fmv(grant_day) * F(999, 1000)
    issue_shares, issue_cash = F(1_000_000), F(10_000)

    ledger = new_ledger(1_000_000)
    ledger.apply(
        OptionGrant(
            date=grant_day,
            id="g",
            shares=options,
            exercise_price=option_price,
            expires=date(2010, 1, 1),
        )
    )
    ledger.apply(Issuance(date=issue_day, shares=issue_shares, cash=issue_cash))
    p1 = weighted_average(INITIAL_PRICE, common, options * option_price / fmv(grant_day), options)
    p2 = weighted_average(p1, common + options, issue_cash / fmv(issue_day), issue_shares)
    assert ledger.price == p2
    ledger.apply(Expiry(date=lapse_day, of="g"))
    no_grant = weighted_average(INITIAL_PRICE, common, issue_cash / fmv(issue_day), issue_shares)
    assert ledger.price == no_grant
    assert ledger.price < p2
    assert ledger.adjustments[-1].readjustment


# -- invariant 6: rights that all lapse, nothing paid, leave no trace -----------------


@PROPERTY_SETTINGS
@given(
    reading=st.sampled_from(READINGS),
    common=commons,
    plan_options=plan_openings,
    before=st.lists(any_op, max_size=6),
    advance=advances,
    shares=st.integers(1, 3_000_000),
    ratio=below_ratios,
    middle=st.lists(st.one_of(any_op, target_lapse_ops), max_size=8),
    final_advance=advances,
    cancel=st.booleans(),
    name_shares=st.booleans(),
    after=st.lists(any_op, max_size=4),
)
def test_lapsed_deemed_issue_leaves_no_trace(
    reading: Reading, common: int, plan_options: int, before: list[Op], advance: int,
    shares: int, ratio: Fraction, middle: list[Op], final_advance: int, cancel: bool,
    name_shares: bool, after: list[Op],
) -> None:
    """§11.6: a deemed issue (outside the plans, below FMV, nothing paid) whose rights
    all lapse leaves price and shares where the register without it has them."""
    script = Script.start(common, plan_options)
    script.add_all(before)
    script.target_grant("target", advance, shares, ratio)
    script.add_all(middle)
    script.final_target_lapse(final_advance, cancel, name_shares)
    lapsed_at = len(script.events)
    script.add_all(after)

    with_grant = new_ledger(common, plan_options, reading)
    without_grant = new_ledger(common, plan_options, reading)
    deemed_seen = False
    for position, (event, about_target) in enumerate(script.events, start=1):
        with_grant.apply(event)
        if isinstance(event, OptionGrant) and about_target:
            deemed_seen = with_grant.outstanding.deemed > without_grant.outstanding.deemed
        if not about_target:
            without_grant.apply(event)
        if position >= lapsed_at:
            assert with_grant.price == without_grant.price
            assert with_grant.shares(1) == without_grant.shares(1)
            assert with_grant.outstanding == without_grant.outstanding
    assert deemed_seen, "the grant under study was a deemed issue"


# -- invariant 7: cheaper or bigger issues never raise the resulting price -------------


@PROPERTY_SETTINGS
@given(
    reading=st.sampled_from(READINGS),
    common=commons,
    plan_options=plan_openings,
    prefix=st.lists(any_op, max_size=10),
    advance=advances,
    shares=st.tuples(st.integers(1, 3_000_000), st.integers(1, 3_000_000)),
    ratios_=st.tuples(ratios, ratios),
    expense_ratio=expense_ratios,
)
def test_cheaper_or_larger_issues_never_raise_the_price(
    reading: Reading, common: int, plan_options: int, prefix: list[Op], advance: int,
    shares: tuple[int, int], ratios_: tuple[Fraction, Fraction], expense_ratio: Fraction,
) -> None:
    """§11.7: from the same register, compare issues pairwise."""
    script = Script.start(common, plan_options)
    script.add_all(prefix)
    events = [event for event, _ in script.events]
    day = script.day(advance)
    value = fmv(day)
    low_ratio, high_ratio = sorted(ratios_)
    many, few = max(shares), min(shares)

    def price_after(*extra: Event) -> Fraction:
        ledger = new_ledger(common, plan_options, reading)
        ledger.apply_all(events)
        ledger.apply_all(extra)
        return ledger.price

    def issue(count: int, cash: Fraction) -> Issuance:
        return Issuance(date=day, shares=count, cash=cash, expenses=cash * expense_ratio)

    start = price_after()
    # a lower issue price, same shares
    cheap = price_after(issue(few, few * value * low_ratio))
    dear = price_after(issue(few, few * value * high_ratio))
    assert cheap <= dear <= start
    # more shares at the same price per share
    more = price_after(issue(many, many * value * low_ratio))
    assert more <= cheap
    if many > few and low_ratio * (1 - expense_ratio) < 1:
        assert more < cheap
    # more shares for the same money
    same_money = few * value * low_ratio
    assert price_after(issue(many, same_money)) <= price_after(issue(few, same_money))

    # the same for options outside the plans: a lower exercise price, or more options
    def grant(count: int, ratio: Fraction) -> OptionGrant:
        return OptionGrant(
            date=day,
            id="pair",
            shares=count,
            exercise_price=value * ratio,
            expires=date(2012, 1, 1),
        )

    assert price_after(grant(few, low_ratio)) <= price_after(grant(few, high_ratio)) <= start
    assert price_after(grant(many, low_ratio)) <= price_after(grant(few, low_ratio))


# -- invariant 8: the carve-out never exceeds its cap ------------------------------------


plan_grant_ops = st.builds(
    GrantOp, advance=advances, shares=st.integers(1, 1_500_000), ratio=ratios, paid=paid_ratios,
    plan=st.just(True), grantee=grantees,
)
plan_heavy_ops = st.one_of(
    plan_grant_ops,
    plan_grant_ops,
    grant_ops,
    exercise_ops,
    lapse_ops,
    issue_ops,
)


@PROPERTY_SETTINGS
@given(
    reading=st.sampled_from(READINGS),
    common=commons,
    plan_options=st.one_of(plan_openings, st.integers(1_000_000, 2_000_000)),
    ops=st.lists(plan_heavy_ops, min_size=2, max_size=16),
)
def test_carve_out_never_exceeds_the_cap(
    reading: Reading, common: int, plan_options: int, ops: list[Op]
) -> None:
    """§11.8: excluded plan shares stay within 1,969,693; grants that fit change nothing;
    what does not fit is tested as Additional Shares, and only that part."""
    ledger = new_ledger(common, plan_options, reading)
    cumulative = reading.carve_out_counting is CarveOutCounting.CUMULATIVE_GRANTS
    assert ledger.carve_out.used == min(F(plan_options), CAP)
    for step in replay(ledger, events_of(common, plan_options, ops)):
        event = step.event
        carve = ledger.carve_out
        assert 0 <= carve.used <= CAP
        assert carve.remaining == CAP - carve.used
        assert sum((usage for _, usage in carve.by_grant), F(0)) == carve.used
        # 4.G: every record the event made names the room per grant as it stands after it
        for record in ledger.adjustments[step.adjustments_before:]:
            assert record.carve_out.by_grant == carve.by_grant
        if isinstance(event, OptionGrant):
            if event.in_carve_out_class:
                inside = min(F(event.shares), step.remaining_before)
                assert step.used_after == step.used_before + inside
                if event.shares <= step.remaining_before:
                    assert step.price_after == step.price_before
                    assert step.adjustments_after == step.adjustments_before
                    if reading.outstanding_basis is not OutstandingBasis.FULLY_DILUTED:
                        assert step.basis_after == step.basis_before
                        assert step.deemed_after == step.deemed_before
                elif step.adjustments_after > step.adjustments_before:
                    # only the overflow is deemed issued
                    assert (
                        ledger.adjustments[-1].additional_shares
                        == event.shares - step.remaining_before
                    )
            else:
                assert step.used_after == step.used_before
        elif isinstance(event, Exercise | Issuance):
            assert step.used_after == step.used_before
        elif isinstance(event, Expiry | Cancellation):
            assert event.shares is not None
            freed = step.used_before - step.used_after
            if cumulative:
                assert freed == 0
            else:
                assert 0 <= freed <= event.shares


def test_carve_out_fills_exactly_to_the_cap_then_overflows() -> None:
    """4.C(5)(iii): grants that fill the cap exactly are excluded; the next share is not."""
    day = date(2004, 2, 2)
    value = fmv(day)
    ledger = new_ledger(10_000_000, plan_options=969_693)
    cheap = value / 2
    ledger.apply(
        OptionGrant(
            date=day,
            id="a",
            shares=600_000,
            exercise_price=cheap,
            expires=date(2012, 1, 1),
            plan=True,
            grantee="officer",
        )
    )
    ledger.apply(
        OptionGrant(
            date=day,
            id="b",
            shares=400_000,
            exercise_price=cheap,
            expires=date(2012, 1, 1),
            plan=True,
            grantee="director",
        )
    )
    assert ledger.price == INITIAL_PRICE and not ledger.adjustments
    assert ledger.carve_out.used == CAP and ledger.carve_out.remaining == 0
    ledger.apply(
        OptionGrant(
            date=day,
            id="c",
            shares=10,
            exercise_price=cheap,
            expires=date(2012, 1, 1),
            plan=True,
            grantee="employee",
        )
    )
    assert ledger.price == weighted_average(INITIAL_PRICE, F(10_000_000), 10 * cheap / value, F(10))
    assert ledger.carve_out.used == CAP
    # a consultant's plan options never use the carve-out, even with room
    ledger.apply(Cancellation(date=day, of="a", shares=100))
    assert ledger.carve_out.remaining == 100
    ledger.apply(
        OptionGrant(
            date=day,
            id="d",
            shares=50,
            exercise_price=value,
            expires=date(2012, 1, 1),
            plan=True,
            grantee="consultant",
        )
    )
    assert ledger.carve_out.remaining == 100


@pytest.mark.parametrize("counting", list(CarveOutCounting))
def test_lapsed_plan_options_free_room_only_when_issued_or_issuable(
    counting: CarveOutCounting,
) -> None:
    day = date(2005, 3, 1)
    ledger = new_ledger(5_000_000, reading=Reading(carve_out_counting=counting))
    ledger.apply(
        OptionGrant(
            date=day,
            id="a",
            shares=1_000,
            exercise_price=fmv(day),
            expires=date(2012, 1, 1),
            plan=True,
            grantee="employee",
        )
    )
    ledger.apply(Exercise(date=day, of="a", shares=300))
    ledger.apply(Expiry(date=day, of="a"))
    expected = F(300) if counting is CarveOutCounting.ISSUED_OR_ISSUABLE else F(1_000)
    assert ledger.carve_out.used == expected
