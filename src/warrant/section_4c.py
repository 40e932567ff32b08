"""Section 4.C: sales of Additional Shares below Fair Market Value.

* 4.C(1) — an issue of Additional Shares for an Effective Price below the
  Current Fair Market Value lowers the Exercise Price by the weighted-average
  formula (:mod:`warrant.formula`) and raises the shares receivable in inverse
  proportion; an issue at or above it changes nothing but the share count.
* 4.C(2) — the consideration, part by part, net of expenses
  (:mod:`warrant.consideration`).
* 4.C(3) — a grant of rights or options whose Effective Price is below the
  FMV of its day is a deemed issue of the maximum shares for the grant price
  plus the minimum exercise payments.
* 4.C(5) — the base rule (every share issued on or after the Issue Date is an
  Additional Share, even if later bought back) and its three exceptions:
  (i) shares issued on exercise of the Warrants, (ii) the one restructuring
  financing at no less than 85% of fair market value, (iii) the plan-option
  carve-out.

Each rule below returns the whole change an event makes; nothing is mutated.
"""

from __future__ import annotations

import datetime as dt
import enum
from fractions import Fraction

import attrs

from warrant.book import Book, Change, Grant, Position, Step, Tally, basis_counts_deemed, rule_for
from warrant.consideration import Consideration
from warrant.errors import EventRejected
from warrant.events import (
    Buyback,
    ConvertibleIssuance,
    Event,
    Issuance,
    OptionGrant,
    OptionOnConvertible,
)
from warrant.exact import shown
from warrant.fmv import FairMarketValue
from warrant.formula import effective_price, shares_bought_at_fmv, weighted_average_factor
from warrant.records import Adjustment, Determination, EventRef, Outcome


class Into(enum.Enum):
    """Where Additional Shares land in the count after the issue."""

    ISSUED = "issued"  # shares actually issued
    DEEMED = "deemed"  # shares deemed issued under 4.C(3)/(4)
    OPTIONS = "options"  # shares under options that were not deemed issued


@attrs.frozen
class Tested:
    """The result of testing an issue of Additional Shares against the Current FMV."""

    position: Position
    outcome: Outcome
    reason: str
    step: Step | None = None
    adjustment: Adjustment | None = None


def other_securities_guard(book: Book, event: Event, ref: EventRef) -> Change | None:
    """4.C(7): once the warrant is exercisable for other securities (after a 4.B
    reorganisation), dilution of those is to be protected "substantially in the manner"
    of 4.C.  That is a judgement: the event is recorded and nothing is computed."""
    substitution = book.position.substitution
    if substitution is None:
        return None
    return Change(
        determination=Determination(
            event=ref,
            date=event.effective_date,
            clause="4.C(7)",
            outcome=Outcome.MANUAL_DETERMINATION,
            reasons=(
                f"since the reorganisation of {substitution.date.isoformat()} the warrant is exercisable "
                "for other securities; any protection against this event must be determined "
                "substantially in the manner of 4.C by the parties — the library computes no change (4.C(7))",
            ),
        ),
    )


def add_shares(position: Position, shares: Fraction, into: Into) -> Position:
    if into is Into.ISSUED:
        return attrs.evolve(position, issued=position.issued + shares)
    if into is Into.DEEMED:
        return attrs.evolve(position, deemed=position.deemed + shares)
    return attrs.evolve(position, undeemed_options=position.undeemed_options + shares)


def test_below_fmv(
    book: Book,
    *,
    ref: EventRef,
    day: dt.date,
    clause: str,
    shares: Fraction,
    consideration: Consideration,
    fmv: FairMarketValue,
    position: Position,
    into: Into,
    into_if_not_below: Into | None = None,
    grant: str | None = None,
    note: str = "",
) -> Tested:
    """4.C(1): adjust if the Effective Price is below the Current FMV, else only count the shares.

    ``position`` is the state immediately before the issue; ``into`` says where
    the shares are counted after an adjustment, ``into_if_not_below`` where they
    are counted when there is none (options at or above FMV are not deemed issued).
    """
    price_each = effective_price(consideration.total, shares)
    if price_each >= fmv.value:
        return Tested(
            position=add_shares(position, shares, into_if_not_below or into),
            outcome=Outcome.NOT_BELOW_FMV,
            reason=(
                f"Effective Price {shown(price_each)} is not below the Current Fair Market "
                f"Value {shown(fmv.value)}: no adjustment ({clause})"
            ),
        )
    before = position.outstanding(book.reading.outstanding_basis)
    bought = shares_bought_at_fmv(consideration.total, fmv.value)
    factor = weighted_average_factor(before.basis, bought, shares)
    after = attrs.evolve(add_shares(position, shares, into), price=position.price * factor)
    sequence = book.next_adjustment
    adjustment = book.adjustment(
        ref=ref, day=day, clause=clause, before=position, after=after, additional=shares,
        outstanding_before=before.basis, outstanding_after=before.basis + shares, note=note,
        fmv=fmv, consideration=consideration, bought=bought, effective=price_each,
    )
    step = Step(
        adjustment=sequence,
        factor=factor,
        scale=position.split_scale,
        outstanding=before.basis,
        bought=bought,
        additional=shares,
        counts_deemed=basis_counts_deemed(book.reading.outstanding_basis),
        fmv=fmv.value,
        grant=grant,
    )
    return Tested(
        position=after,
        outcome=Outcome.ADJUSTED,
        reason=(
            f"Effective Price {shown(price_each)} is below the Current Fair Market Value "
            f"{shown(fmv.value)}: Exercise Price {shown(position.price)} × "
            f"({shown(before.basis)} + {shown(bought)}) / "
            f"({shown(before.basis)} + {shown(shares)}) = {shown(after.price)} ({clause})"
        ),
        step=step,
        adjustment=adjustment,
    )


def change_from(
    tested: Tested, *, ref: EventRef, day: dt.date, clause: str, reasons: tuple[str, ...] = (),
    grants: tuple[Grant, ...] = (),
) -> Change:
    adjustments = (tested.adjustment,) if tested.adjustment else ()
    return Change(
        determination=Determination(
            event=ref,
            date=day,
            clause=clause,
            outcome=tested.outcome,
            reasons=(*reasons, tested.reason),
            adjustments=tuple(a.sequence for a in adjustments),
        ),
        position=tested.position,
        grants=grants,
        new_steps=(tested.step,) if tested.step else (),
        adjustments=adjustments,
    )


def excluded_issue(
    book: Book, event: Issuance, ref: EventRef, *, clause: str, reasons: tuple[str, ...],
    position: Position | None = None,
) -> Change:
    """Shares that are not Additional Shares: counted as issued, nothing adjusted."""
    after = add_shares(position or book.position, event.shares, Into.ISSUED)
    return Change(
        determination=Determination(
            event=ref, date=event.date, clause=clause, outcome=Outcome.EXCLUDED, reasons=reasons
        ),
        position=after,
    )


def consideration_of(event: Issuance) -> Consideration:
    """4.C(2): cash, property at the Board's value, or the Board's allocation of a unit, less expenses."""
    return Consideration(
        cash=event.cash,
        property_value=event.property,
        property_valued_by=event.property_valued_by,
        property_valued_on=event.property_valued_on,
        allocated=event.allocated,
        allocated_by=event.allocated_by,
        expenses=event.expenses,
    )


@rule_for(Issuance)
def issue_common_stock(book: Book, event: Issuance, ref: EventRef) -> Change:
    """4.C(1), with the exclusions of 4.C(5)(i) and (ii)."""
    manual = other_securities_guard(book, event, ref)
    if manual is not None:
        return manual
    if event.warrant_exercise:
        return excluded_issue(
            book, event, ref, clause="4.C(5)(i)",
            reasons=("shares issued on exercise of the Warrants are not Additional Shares (4.C(5)(i))",),
        )
    consideration = consideration_of(event)
    fmv = book.fmv(event.date)
    reasons: tuple[str, ...] = ()
    position = book.position
    if event.restructuring is not None:
        verdict = restructuring_exclusion(book, event, consideration, fmv)
        position = attrs.evolve(position, restructuring=verdict.restructuring)
        if verdict.excluded:
            return excluded_issue(
                book, event, ref, clause="4.C(5)(ii)", reasons=(verdict.reason,), position=position
            )
        reasons = (verdict.reason,)
    tested = test_below_fmv(
        book, ref=ref, day=event.date, clause="4.C(1)", shares=event.shares,
        consideration=consideration, fmv=fmv, position=position, into=Into.ISSUED,
    )
    return change_from(tested, ref=ref, day=event.date, clause="4.C(1)", reasons=reasons)


@attrs.frozen
class RestructuringVerdict:
    excluded: bool
    reason: str
    #: the restructuring that holds the one-time exclusion after this issue
    restructuring: str | None


def restructuring_exclusion(
    book: Book, event: Issuance, consideration: Consideration, fmv: FairMarketValue
) -> RestructuringVerdict:
    """4.C(5)(ii): the equity financing of *one* restructuring of the Credit Agreement,
    sold at no less than the floor (85%) of fair market value on the day of issue.

    The first issuance that names a restructuring claims the one-time exclusion
    for it; issues of that same restructuring may share it; another restructuring
    may not.  The floor is tested on the price per share the shares were sold at
    (before the Company's expenses, which 4.C(2) deducts only for the formula).
    """
    assert event.restructuring is not None
    claimed = book.position.restructuring or event.restructuring
    if event.date <= book.terms.issue_date:
        return RestructuringVerdict(
            excluded=False,
            reason=(
                "the restructuring exclusion covers shares issued after the Issue Date, not on it: "
                "these are Additional Shares (4.C(5)(ii))"
            ),
            restructuring=book.position.restructuring,
        )
    if claimed != event.restructuring:
        return RestructuringVerdict(
            excluded=False,
            reason=(
                f"restructuring {event.restructuring!r} is a second restructuring: the one-time "
                f"exclusion belongs to {claimed!r}, so these are Additional Shares (4.C(5)(ii))"
            ),
            restructuring=claimed,
        )
    sale_price = consideration.gross / event.shares
    floor = book.terms.restructuring_floor * fmv.value
    if sale_price < floor:
        return RestructuringVerdict(
            excluded=False,
            reason=(
                f"sold at {shown(sale_price)} per share, below {shown(book.terms.restructuring_floor * 100)}% "
                f"of the fair market value {shown(fmv.value)} (floor {shown(floor)}): "
                "not excluded (4.C(5)(ii))"
            ),
            restructuring=claimed,
        )
    return RestructuringVerdict(
        excluded=True,
        reason=(
            f"equity financing of restructuring {claimed!r} sold at {shown(sale_price)} per share, "
            f"at least {shown(book.terms.restructuring_floor * 100)}% of the fair market value "
            f"{shown(fmv.value)} (floor {shown(floor)}): not Additional Shares (4.C(5)(ii))"
        ),
        restructuring=claimed,
    )


def grant_id(event: Event, ref: EventRef) -> str:
    """A grant's id: its own, or ``#<position>`` when the scenario gave none."""
    return event.id if event.id is not None else f"#{ref.index}"


@attrs.frozen(kw_only=True)
class RightsTerms:
    """What 4.C(3)/(4) needs to know of rights, options or convertibles, per share of Common Stock."""

    clause: str
    kind: str
    shares: Fraction  # the maximum number of shares issuable
    payment_per_share: Fraction  # minimum exercise/conversion payments, per share
    consideration: Fraction  # paid for the rights themselves, in all
    expires: dt.date | None
    description: str


@rule_for(OptionGrant)
def grant_options(book: Book, event: OptionGrant, ref: EventRef) -> Change:
    """4.C(3) for a grant of rights or options, with the 4.C(5)(iii) carve-out first.

    A plan grant to officers, employees or directors uses the carve-out's room;
    what does not fit (the overflow) is tested as a deemed issue at the grant's
    own terms, with its pro rata share of what was paid for the grant.
    """
    reasons: list[str] = []
    if event.in_carve_out_class:
        grantee = event.grantee.value if event.grantee else ""
        reasons.append(f"plan options to {'an' if grantee[:1] in 'aeiou' else 'a'} {grantee}")
    elif event.plan:
        reasons.append("plan options to a consultant or other non-employee are not in the carve-out (4.C(5)(iii))")
    else:
        reasons.append("options granted outside the plans are not in the carve-out (4.C(5)(iii))")
    terms = RightsTerms(
        clause="4.C(3)", kind="option", shares=event.shares, payment_per_share=event.exercise_price,
        consideration=event.consideration, expires=event.expires,
        description="deemed issue of the maximum shares issuable on exercise",
    )
    return issue_rights(book, event, ref, terms, carve_out_class=event.in_carve_out_class, reasons=reasons)


@rule_for(ConvertibleIssuance)
def issue_convertibles(book: Book, event: ConvertibleIssuance, ref: EventRef) -> Change:
    """4.C(3) for Convertible Securities: deemed issue of the maximum shares on conversion for
    what was received plus the minimum conversion payments (cancelling the security's own
    obligation is not consideration)."""
    terms = RightsTerms(
        clause="4.C(3)", kind="convertible", shares=event.max_shares,
        payment_per_share=event.min_conversion_payment / event.max_shares,
        consideration=event.consideration, expires=event.expires,
        description="deemed issue of the maximum shares issuable on conversion",
    )
    return issue_rights(book, event, ref, terms, carve_out_class=False, reasons=[])


@rule_for(OptionOnConvertible)
def grant_options_on_convertibles(book: Book, event: OptionOnConvertible, ref: EventRef) -> Change:
    """4.C(4): options to buy Convertible Securities, through both layers at once: the maximum
    shares on converting everything the options cover, for the option price plus the minimum
    exercise and conversion payments.  Issuing the convertibles on exercise adjusts nothing."""
    terms = RightsTerms(
        clause="4.C(4)", kind="option-on-convertible", shares=event.max_shares,
        payment_per_share=(event.min_exercise_payment + event.min_conversion_payment) / event.max_shares,
        consideration=event.consideration, expires=event.expires,
        description="deemed issue of the maximum shares issuable on converting all the convertibles the options cover",
    )
    return issue_rights(book, event, ref, terms, carve_out_class=False, reasons=[])


def issue_rights(
    book: Book,
    event: Event,
    ref: EventRef,
    terms: RightsTerms,
    *,
    carve_out_class: bool,
    reasons: list[str],
    replacing: Grant | None = None,
) -> Change:
    """Register the rights and test them once, at issue (4.C(3)/(4)); plan options use the
    carve-out first and only their overflow is tested.  ``replacing`` is the grant whose
    old terms a repricing has just closed (4.C(6)): the new terms keep its id."""
    manual = other_securities_guard(book, event, ref)
    if manual is not None:
        return manual
    gid = replacing.id if replacing is not None else grant_id(event, ref)
    day = event.effective_date  # a record date, where one is fixed, is the date of issue (4.C(8))
    if replacing is None and gid in book.grants:
        raise EventRejected(f"a grant with id {gid!r} is already in the register", field="id", clause="4.C(3)")
    position = book.position
    inside = Fraction(0)
    if carve_out_class:
        room = max(position.carve_out_cap - position.carve_out_used, Fraction(0))
        inside = min(terms.shares, room)
        reasons.append(
            f"{shown(inside)} of {shown(terms.shares)} shares within the carve-out "
            f"(room {shown(room)} of {shown(position.carve_out_cap)}) (4.C(5)(iii))"
        )
        position = attrs.evolve(position, carve_out_used=position.carve_out_used + inside)
    overflow = terms.shares - inside
    grant = Grant(
        id=gid,
        event=ref,
        granted_on=day,
        expires=terms.expires,
        exercise_price=terms.payment_per_share,
        consideration_per_share=terms.consideration / terms.shares,
        in_carve_out_class=carve_out_class,
        before_issue_date=False,
        excluded=Tally(granted=inside, outstanding=inside),
        other=Tally(granted=overflow, outstanding=overflow),
        kind=terms.kind,
        history=(*replacing.history, attrs.evolve(replacing, history=())) if replacing is not None else (),
        units=position.split_scale,
    )
    if overflow == 0:
        return Change(
            determination=Determination(
                event=ref, date=day, clause="4.C(5)(iii)", outcome=Outcome.EXCLUDED,
                reasons=(*reasons, "the whole grant fits the carve-out: no adjustment"),
            ),
            position=add_shares(position, inside, Into.OPTIONS),
            grants=(grant,),
        )
    if inside:
        reasons.append(
            f"{shown(overflow)} shares over the cap are tested as a deemed issue at the "
            f"grant's terms ({terms.clause})"
        )
    tested = test_below_fmv(
        book, ref=ref, day=day, clause=terms.clause, shares=overflow,
        consideration=Consideration(
            for_rights=grant.consideration_per_share * overflow,
            minimum_exercise_payments=overflow * terms.payment_per_share,
        ),
        fmv=book.fmv(day), position=position,
        into=Into.DEEMED, into_if_not_below=Into.OPTIONS, grant=gid, note=terms.description,
    )
    # The carve-out part joins the options outstanding only after the test: it was not
    # outstanding immediately before this issue (4.C(1)(b)), under any basis.
    tested = attrs.evolve(tested, position=add_shares(tested.position, inside, Into.OPTIONS))
    # Tested once, at issue: rights at or above FMV never adjust the price later.
    if tested.step is not None:
        grant = attrs.evolve(grant, deemed_step=len(book.steps))
    return change_from(tested, ref=ref, day=day, clause=terms.clause, reasons=tuple(reasons), grants=(grant,))


@rule_for(Buyback)
def buy_back(book: Book, event: Buyback, ref: EventRef) -> Change:
    """Shares reacquired or retired: still Additional Shares (4.C(5)), but no longer outstanding."""
    manual = other_securities_guard(book, event, ref)
    if manual is not None:
        return manual
    if event.shares >= book.position.issued:
        raise EventRejected(
            f"cannot buy back {shown(event.shares)} shares: {shown(book.position.issued)} are "
            "issued and outstanding, and some must remain",
            field="shares",
            clause="4.C(5)",
        )
    return Change(
        determination=Determination(
            event=ref, date=event.date, clause="4.C(5)", outcome=Outcome.NO_FURTHER_ADJUSTMENT,
            reasons=(
                "shares reacquired or retired leave the outstanding count; the Exercise Price "
                "does not change (4.C(5): they remain Additional Shares)",
            ),
        ),
        position=attrs.evolve(book.position, issued=book.position.issued - event.shares),
    )
