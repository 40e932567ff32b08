"""Section 1: a holder's exercise of a warrant of the series, priced and recorded.

The holder surrenders the warrant with the subscription form on a business day
from the Issue Date until the cut-off, for all or part of the shares it is
exercisable for, and pays ``k × P`` by any mix of cash or check, cancellation
of indebtedness it owns, and net issuance (the Company keeps back shares whose
Fair Market Value on the day received equals what is left to pay).  Only whole
shares are issued; the fraction is paid in cash at that FMV.  A partial
exercise leaves a new warrant of the same tenor for the rest.  The holder also
receives, pro rata, what 4.A has accrued to the warrant and, after a 4.B
reorganisation, the basket instead of Common Stock.

Shares issued on exercise join the issued count and are never Additional
Shares (4.C(5)(i)); withheld shares are never issued.

Rounding, at the edge only: the money due is the sum payable rounded half-up
to the cent; cash in lieu of a fraction is rounded half-up to the cent.
"""

from __future__ import annotations

import math
from fractions import Fraction

import attrs

from warrant.ground.errors import (
    CalendarRangeError,
    ExerciseRefused,
    MissingPrices,
    NothingToIssue,
    PaymentMismatch,
    TooManyShares,
)
from warrant.ground.exact import fixed_str, round_half_up, shown
from warrant.holder.s1_business_days import is_business_day_under, require_business_day
from warrant.market.fmv import FairMarketValue
from warrant.register.book import Book, Change
from warrant.register.holder_events import WarrantExercise
from warrant.register.records import Determination, EventRef, Outcome
from warrant.register.series import SeriesWarrant, SurrenderedFor
from warrant.register.settlements import Delivery, ExerciseSettlement

CLAUSE = "Section 1"


def _money(value: Fraction) -> str:
    return fixed_str(value, 2)


def _paid(value: Fraction) -> str:
    """A payment as the holder stated it: to the cent, or exactly where it has more places
    (else 1903.625 would read as the 1903.63 it falls short of)."""
    return _money(value) if (value * 100).denominator == 1 else shown(value)


def _check_payment(event: WarrantExercise, sum_payable: Fraction, rounded: Fraction) -> Fraction:
    """What net issuance must pay: the rest of the exact sum after cash and debt."""
    paid = event.cash + event.debt
    if paid > rounded:
        raise PaymentMismatch(
            f"cash {_paid(event.cash)} plus debt cancelled {_paid(event.debt)} is "
            f"{shown(paid)}, more than the {_money(rounded)} due ({shown(sum_payable)} exact)",
            field="cash", clause=CLAUSE,
        )
    if not event.net and paid != rounded:
        raise PaymentMismatch(
            f"cash {_paid(event.cash)} plus debt cancelled {_paid(event.debt)} is "
            f"{shown(paid)}, short of the {_money(rounded)} due ({shown(sum_payable)} exact); "
            "pay the rest or set net = true for net issuance",
            field="cash", clause=CLAUSE,
        )
    return max(sum_payable - paid, Fraction(0)) if event.net else Fraction(0)


def _fmv_if_priced(book: Book, event: WarrantExercise) -> FairMarketValue | None:
    """The FMV for information where nothing needs it: None when the prices lack it."""
    try:
        return book.fmv(event.date)
    except (MissingPrices, CalendarRangeError):
        return None


def settle(book: Book, event: WarrantExercise) -> ExerciseSettlement:
    """The whole arithmetic of ``event`` against the register as ``book`` shows it."""
    position = book.position
    held = position.series.get(event.warrant, clause=CLAUSE)
    calendar = book.prices.calendar
    # a day every reading counts as a business day does not depend on the reading
    if not book.answer(
        "business_day", lambda basis: is_business_day_under(basis, event.date, calendar)
    ):
        require_business_day(event.date, book.reading, calendar)
    price, initial = position.price, book.terms.exercise_price
    available = held.shares(initial, price)
    shares = event.shares if event.shares is not None else available
    if shares > available:
        raise TooManyShares(
            f"{shown(shares)} shares, but warrant {held.id!r} is exercisable for "
            f"{shown(available)}", field="shares", clause=CLAUSE,
        )
    sum_payable = shares * price
    rounded = round_half_up(sum_payable, 2)
    by_net = _check_payment(event, sum_payable, rounded)
    substitution = position.substitution
    fmv: FairMarketValue | None = None
    withheld = Fraction(0)
    if by_net:
        if substitution is not None:
            raise ExerciseRefused(
                "net issuance values the withheld shares at Fair Market Value, but since the "
                f"reorganisation of {substitution.date.isoformat()} the warrant is exercisable "
                "for the 4.B basket, whose value the register does not hold: pay in cash or debt",
                field="net", clause="Section 1(c); 4.B",
            )
        fmv = book.fmv(event.date)
        if fmv.value <= price:
            raise NothingToIssue(
                f"net issuance at a Fair Market Value of {shown(fmv.value)}, not above the "
                f"Exercise Price {shown(price)}: the shares withheld would be worth at least "
                "the shares they pay for, leaving nothing to issue", field="net",
                clause="Section 1(c)",
            )
        withheld = by_net / fmv.value
    face_exercised = shares * price / initial
    if substitution is None:
        issued = shares - withheld
        whole = math.floor(issued)
        fraction = issued - whole
        if fmv is None:  # cash in lieu needs it; otherwise it is shown where priced
            fmv = book.fmv(event.date) if fraction else _fmv_if_priced(book, event)
        in_lieu = fraction * fmv.value if fmv is not None else Fraction(0)
        basket: tuple[Delivery, ...] = ()
    else:
        issued, whole, in_lieu = Fraction(0), 0, Fraction(0)
        basket = tuple(
            Delivery(
                kind=kind, clause="4.B",
                quantity=quantity * substitution.shares_per_face_share * face_exercised,
            )
            for kind, quantity in substitution.basket
        )
    remainder = held.face_shares - face_exercised
    new_warrant: SeriesWarrant | None = None
    if remainder:
        (new_id,) = position.series.new_ids(
            held.id, (event.remainder_id,), fields=("remainder_id",), clause=CLAUSE
        )
        new_warrant = SeriesWarrant(id=new_id, holder=held.holder, face_shares=remainder)
    entitlements = tuple(
        Delivery(kind=item.kind, quantity=item.per_face_share * face_exercised, clause="4.A",
                 record_date=item.record_date)
        for item in position.entitlements
    )
    return ExerciseSettlement(
        warrant=held.id, holder=held.holder, date=event.date, received_at=event.received_at,
        exercise_price=price, shares_before=available, fmv=fmv, shares_exercised=shares,
        sum_payable=sum_payable, sum_payable_rounded=rounded, paid_cash=event.cash,
        paid_debt=event.debt, paid_by_net_issuance=by_net, shares_withheld=withheld,
        shares_issued=issued, whole_shares=whole, cash_in_lieu_exact=in_lieu,
        cash_in_lieu=round_half_up(in_lieu, 2), new_warrant=new_warrant,
        new_warrant_shares=None if new_warrant is None else new_warrant.shares(initial, price),
        entitlements_delivered=entitlements, basket=basket,
    )


def _reasons(settled: ExerciseSettlement) -> tuple[str, ...]:
    reasons = [
        f"warrant {settled.warrant!r} exercised for {shown(settled.shares_exercised)} of "
        f"{shown(settled.shares_before)} shares at {shown(settled.exercise_price)}: sum payable "
        f"{shown(settled.sum_payable)}, {_money(settled.sum_payable_rounded)} to the cent "
        "(Section 1)",
        f"paid: cash {_money(settled.paid_cash)}, debt cancelled {_money(settled.paid_debt)}, "
        f"net issuance {shown(settled.paid_by_net_issuance)}"
        + (
            f" ({shown(settled.shares_withheld)} shares withheld at the FMV "
            f"{shown(settled.fmv.value)})" if settled.shares_withheld and settled.fmv else ""
        ),
    ]
    if settled.basket:
        items = ", ".join(f"{shown(item.quantity)} {item.kind}" for item in settled.basket)
        reasons.append(f"delivered instead of Common Stock, the 4.B basket: {items}")
    else:
        reasons.append(
            f"issued {settled.whole_shares} whole shares; cash in lieu of the fraction "
            f"{shown(settled.fraction)}: {_money(settled.cash_in_lieu)}"
        )
    if settled.entitlements_delivered:
        items = ", ".join(
            f"{shown(item.quantity)} {item.kind}" for item in settled.entitlements_delivered
        )
        reasons.append(f"delivered with the shares, pro rata (4.A): {items}")
    if settled.new_warrant is not None and settled.new_warrant_shares is not None:
        reasons.append(
            f"new warrant {settled.new_warrant.id!r} of the same tenor for the "
            f"{shown(settled.new_warrant_shares)} shares not exercised"
        )
    reasons.append(
        "shares issued on exercise of the Warrants are not Additional Shares: no adjustment "
        "(4.C(5)(i))"
    )
    return tuple(reasons)


def exercise_warrant(book: Book, event: WarrantExercise, ref: EventRef) -> Change:
    """Section 1: the holder pays and receives; whole shares join the issued count (4.C(5)(i))."""
    # Recomputing the register (4.D(1) proviso) replays an exercise as it was settled.
    settled = book.settled if book.settled is not None else settle(book, event)
    position = book.position
    held = position.series.get(event.warrant, clause=CLAUSE)
    issued_warrants = () if settled.new_warrant is None else (settled.new_warrant,)
    series = position.series.replace(
        held, how=SurrenderedFor.EXERCISE, day=event.date, issued=issued_warrants
    )
    after = attrs.evolve(
        position, issued=position.issued + settled.whole_shares, series=series,
        exercises=(*position.exercises, settled),
    )
    return Change(
        determination=Determination(
            event=ref, date=event.date, clause="Section 1; 4.C(5)(i)", outcome=Outcome.EXCLUDED,
            reasons=_reasons(settled),
        ),
        position=after,
    )
