"""An independent reference model of the 2002 lender warrant's anti-dilution adjustments.

Written from SPEC.md, the warrant (Exhibit 4.1, Sections 1, 3 and 4) and the prose docs only;
it shares no code and no data structure with the engine in ``src/``.  It is meant to be
compared, figure by figure, with the engine on random registers.

How it works
============

*Recompute from scratch.*  For every event number ``k`` the whole register ``events[0..k]`` is
walked again from the Issue Date.  Nothing is carried from one step to the next except the
facts of the past (which events happened and, for a holder's exercise, the price the holder
actually paid).  Each walk is done twice:

1. a *facts* walk decides everything that does not depend on the Exercise Price: shares issued,
   options outstanding, which part of each grant the carve-out (4.C(5)(iii)) covers, whether an
   issue is below the Current FMV, and every restatement that a lapse or repricing makes of an
   earlier deemed issue (4.C(3), 4.C(6));
2. a *price* walk applies every 4.C(1) factor ``(A + B) / (A + C)`` and every 4.D / 4.E factor
   in order, each deemed issue on the basis the facts walk found *as of step k* (so a lapse at
   step k restates the deemed issue at its own date and removes the lapsed shares from the
   ``A`` of every later step).

The price after step k is the price that walk ends with.  An adjustment entry is written for
event k when event k made or restated an adjustment; its ``price_after`` is the price in the
step-k walk right after event k's part (so history is not rewritten afterwards: an earlier
entry keeps the figure it had when it was made).

All share quantities inside a walk are in *Issue-Date shares* (the units before any 4.E split);
an event's quantities are converted with the split multiplier in force at the event, and the
figures reported are converted back.  Prices per Issue-Date share are the price per current
share times the multiplier.  This keeps every figure exact and makes splits trivially neutral.

Decisions where SPEC and docs are silent (or where the model had to choose)
===================================================================

Ordering and dates
  * Events must come in order of their *effective date* (the record date where one is given,
    4.C(8) / 4.D; else the date).  A record date after the event's date is refused.  An
    effective date or date before the Issue Date is refused.
  * Ids are unique across the whole event list (a repeated id is refused).  ``#N`` refers only
    to an event that has no id.  ``of`` must name an option-grant, convertible-issuance or
    option-on-convertible (or ``opening-plan-options``); anything else is an unknown grant.
  * Nothing is expired automatically at a grant's ``expires`` date; only explicit events lapse
    rights.  An exercise dated after ``expires`` is refused: rights cannot be exercised once
    their term has run (decided with the engine's maintainers; not in SPEC).

Fair Market Value
  * FMV(D) = mean of the usable closes of the 5 latest quoted dates strictly before D (the
    harness quotes every trading day).  A quote's figure: ``close``; else the mean of ``bid``
    and ``ask``; else ``board_value``.  Closes are not adjusted for a split between them and D.
  * FMV is looked up only where a test needs it (a non-excluded issuance, the outside part of a
    grant, a convertible, a repricing downwards, an exercise of opening options beyond the
    carve-out, a restructuring tranche, a net-issuance exercise).

4.C(1)-(3)
  * Consideration net of expenses below zero is refused (SPEC §12).  NOTE: docs/section-4c.md
    says the engine applies a negative consideration as written and refuses only ``A + B <= 0``;
    the brief and SPEC §12 say refuse, so the model refuses.
  * A deemed issue whose restated basis has 0 shares (everything lapsed, nothing exercised) is
    "no adjustment would have been made": factor 1 (SPEC §14).
  * Readjustment (each-expiry): basis = shares exercised so far + shares still outstanding,
    consideration = everything paid for the grant (the issue's share of it) + what was actually
    paid on its exercises + the minimum payments on what is outstanding, at the grant's terms
    as they stand.  Under final-expiry the restatement is made only when the
    issue's last right goes (by lapse or by exercise) and some right lapsed: basis = shares
    exercised, for grant consideration + exercise payments.
  * Each restatement is made afresh from the original issue: when it finds the Effective Price
    at or above the original Current FMV the factor is 1 and nothing of the issue is deemed;
    a later restatement that falls below FMV again adjusts again (not sticky).
  * The minimum payments still due on outstanding rights are at the grant's terms as they stand
    (a repricing upwards changes them though it adjusts nothing itself).
  * An exercise never restates (no further adjustment), except that under final-expiry the
    exercise of the last right of an issue with lapsed rights is the final readjustment.
  * "Last right" is per deemed issue: for a plan grant partly over the cap, the issue is the
    over-cap part, so under final-expiry its readjustment comes when the over-cap rights are all
    gone (lapses take that part first), even if carve-out options of the grant remain.
  * A readjustment entry is written for every restatement of an issue that was deemed when
    made, even if the price turns out unchanged.
  * Fully-diluted basis: A = issued + deemed + every outstanding option/convertible share not
    deemed (carve-out parts, opening plan options, grants at/above FMV).  For an issue that was
    deemed when made, its contribution is its (restated) basis minus exercises whatever the
    latest verdict, so lapsed rights leave the A of earlier steps exactly as under the default.
    The options being exercised or repriced are not in the A of their own issue.
  * Options on convertibles and convertibles are never in the carve-out; their per-share minimum
    payment is the stated total over ``max_shares``.  A conversion is an ``exercise`` whose
    default consideration is shares × that per-share minimum.
  * A ``repricing`` of a convertible is refused (a lower conversion price changes the shares
    issuable, which the event cannot state); an option on convertibles is an option, repriced
    at a new payment per share of Common Stock.

4.C(5)
  * Restructuring floor tested on the gross price per share (cash + property, or the
    allocation) against 85% of the Section 1 FMV; the first restructuring id named claims the
    exclusion even if that tranche fails the floor.
  * Opening plan options (``opening-plan-options``): inside the carve-out up to the cap at the
    Issue Date; any excess is never deemed, and its exercise is a 4.C(1) issue at the price paid
    (``consideration`` then required); their exercise price is unknown, so any repricing of them
    counts as a reduction.
  * issued-or-issuable: exercise takes the inside part first, lapse the outside part first;
    a grant's room = its inside shares exercised + inside shares outstanding.
    cumulative-grants: room = every inside share ever assigned; exercises and lapses draw on
    inside/outside pro rata to what each has outstanding.
  * A promise (issued-or-issuable with promised_grants_hold_room) holds min(shares promised,
    free room at the promise).  The grant that ``fulfils`` it releases the hold first, then
    takes room like any grant.  A promise fulfilled twice, or an unknown ``fulfils``, is refused.
  * Reported ledger: total = sum of rooms + holds; used = min(total, cap); over_cap = total -
    used; remaining = cap - used; promised = holds.  All exact, in current shares.
  * Cap and splits: cap follows 4.E splits and 4.D dividends (× (N+D)/N) under
    ``carve_out_follows_splits``; otherwise it stays 1,969,693 current shares.  No rounding.

4.D / 4.E
  * A stock dividend does not change option share counts or option prices (only 4.E splits
    do), nor deemed counts; it adds D to the shares issued.
  * ``paid = false``: the dividend is never in the register; no entry is written for it.
    ``dividend-unpaid``: from that step on the dividend is absent from the whole register
    (price, cap, later dividends' N, carve-out decisions, validity of later buybacks); one entry
    (clause 4.D, not a readjustment) dated on the dividend-unpaid event.  "Made instead when
    actually paid" is a new ``stock-dividend`` event.  It matches the latest dividend in force
    with that record date (its record date, or its date if none); none → refused (also after
    a reorganization, and a ``paid = false`` dividend is never a target).
  * A ``stock-split`` ratio of exactly 1 is refused (docs: "not 1").

4.B / 4.C(7) and events with no provision
  * After a reorganization every later event is validated (unknown/closed grants, shares
    beyond what remains, ordering, ids) and kept in a grant book for later validation, but
    changes no reported figure: price, shares issued, deemed, carve-out and the split multiplier
    are frozen at consummation; later lapses restate nothing; a holder's exercise then issues no
    Common Stock.  ``distribution``, ``other-securities-issuance``, ``dissolution`` never change
    anything.

Series (Sections 1 and 3)
  * A holder's exercise uses the price in force just before it (the price the previous step
    ended with), fixed as a fact of history; the whole shares issued join the shares issued.
    Payment checks follow docs/exercise-and-series.md (cash + debt at most the money due rounded
    half-up to the cent, equal to it without ``net``; net issuance refused at FMV <= price).
  * business_day "federal": not a weekend or an observed U.S. federal holiday (Sat → Fri,
    Sun → Mon; MLK from 1986, Juneteenth from 2021).  "trading": a quoted date, or, after the
    last quote, a weekday.  A date on or after 2007-03-03, or a received_at at or after 17:00
    UTC−8 on 2007-03-03, is refused.
  * Default new ids X.1, X.2, ... (lowest unused, transferee first); explicit ids must be new.

SPEC vs warrant (read Sections 1 and 4 of Exhibit 4.1; no plain contradiction, four tensions)
  * Exercise of rights granted at or above FMV.  SPEC §4.3: tested once, never again "whether
    or not the issue caused an adjustment".  4.C(3)'s no-further-adjustment sentence speaks only
    of the Exercise Price "adjusted upon the issuance" of the rights, and 4.C(5) makes every share
    issued after the Issue Date an Additional Share; read literally, exercise of rights that
    caused no adjustment is a 4.C(1) issue at the exercise price, tested on the exercise date
    (as SPEC itself does for pre-Issue-Date options).  The model follows SPEC; the constant
    ``RETEST_UNADJUSTED_RIGHTS_ON_EXERCISE`` switches to the literal reading.
  * 4.C(3) readjustment: the warrant restates "on the basis that the only Additional Shares so
    issued were" those actually issued on exercise, with no mention of rights still outstanding;
    SPEC's default each-expiry keeps the outstanding rights deemed (and adds their minimum
    payments).  That is a reading (SPEC §9), not a contradiction; final-expiry is the literal one.
  * 4.C(1)(b): the numerator counts shares "outstanding immediately prior", the denominator
    shares "outstanding or deemed outstanding immediately after"; SPEC uses one ``A`` for both.
  * 4.E's first sentence says a "reverse stock split or subdivision" decreases the price (a
    drafting slip: the second sentence has reverse splits increase it).  SPEC's reading (price /
    ratio, either way) is followed.
  * 4.C(5)(ii) writes "fair market value" in lower case; SPEC (and the model) use Section 1's.

Not modelled: ``amendment`` events and a ``[terms]`` table (refused / ValueError), a ``prices.csv``
file (inline quotes only), venue-specific closing rules beyond close/bid-ask/board_value.
"""

from __future__ import annotations

import datetime as _dt
import math
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from fractions import Fraction
from typing import Any

F = Fraction
ZERO = Fraction(0)

# SPEC §1: the alpha-2002 preset.
ISSUE_DATE = _dt.date(2002, 3, 4)
EXPIRATION = _dt.date(2007, 3, 3)
INITIAL_PRICE = F(194, 100)
CARVE_OUT_CAP = F(1_969_693)
RESTRUCTURING_FLOOR = F(85, 100)
FMV_DAYS = 5
PST = _dt.timezone(_dt.timedelta(hours=-8))
CUTOFF = _dt.datetime(2007, 3, 3, 17, 0, tzinfo=PST)

# SPEC §4.3 tests rights once, at issue, "whether or not the issue caused an adjustment".  The
# warrant's 4.C(3) bars a further adjustment only of "the Exercise Price, adjusted upon the
# issuance" of the rights; read literally, shares issued on exercise of rights that were NOT
# below FMV when granted are Additional Shares tested under 4.C(1) at exercise.  SPEC is followed
# (False); True gives the literal reading (see the module docstring).
RETEST_UNADJUSTED_RIGHTS_ON_EXERCISE = False

CARVE_OUT_GRANTEES = ("officer", "employee", "director")
GRANTEES = (*CARVE_OUT_GRANTEES, "consultant", "other")
OPENING = "opening-plan-options"


# --------------------------------------------------------------------------- public interface


class Refused(Exception):
    """The model refuses event number ``index`` (0-based position in the event list)."""

    def __init__(self, index: int, reason: str):
        super().__init__(f"event #{index}: {reason}")
        self.index = index
        self.reason = reason


@dataclass(frozen=True)
class RefAdjustment:
    clause: str
    date: _dt.date
    event: str
    price_after: Fraction
    readjustment: bool


@dataclass(frozen=True)
class RefResult:
    exercise_price: Fraction
    shares: Fraction
    issued: Fraction
    deemed: Fraction
    cap: Fraction
    used: Fraction
    remaining: Fraction
    promised: Fraction
    over_cap: Fraction
    adjustments: tuple[RefAdjustment, ...]


# --------------------------------------------------------------------------- reading inputs


class _Bad(Exception):
    """A bad input inside an event; turned into Refused(index) by the caller."""


_GROUPED = re.compile(r"^[+-]?\d{1,3}(,\d{3})+(\.\d*)?$")


def _q(value: Any, what: str) -> Fraction:
    """An exact quantity: int, Fraction, Decimal or a string ("0.40", "p/q"); never a float."""
    if isinstance(value, (bool, float)):
        raise _Bad(f"{what}: {type(value).__name__} is not an exact quantity")
    if isinstance(value, int):
        return F(value)
    if isinstance(value, Fraction):
        return value
    if isinstance(value, Decimal):
        if not value.is_finite():
            raise _Bad(f"{what}: not a finite number")
        return F(value)
    if isinstance(value, str):
        text = value.strip().replace("$", "", 1)
        if "," in text:
            if not _GROUPED.match(text):
                raise _Bad(f"{what}: malformed number {value!r}")
            text = text.replace(",", "")
        try:
            return F(text)
        except (ValueError, ZeroDivisionError) as exc:
            raise _Bad(f"{what}: malformed number {value!r}") from exc
    raise _Bad(f"{what}: {value!r} is not a quantity")


def _date(value: Any, what: str) -> _dt.date:
    if isinstance(value, _dt.datetime):
        raise _Bad(f"{what}: a date is expected, not a date-time")
    if isinstance(value, _dt.date):
        return value
    if isinstance(value, str):
        try:
            return _dt.date.fromisoformat(value)
        except ValueError as exc:
            raise _Bad(f"{what}: malformed date {value!r}") from exc
    raise _Bad(f"{what}: {value!r} is not a date")


def _bool(value: Any, what: str) -> bool:
    if not isinstance(value, bool):
        raise _Bad(f"{what}: true or false expected")
    return value


def _text(value: Any, what: str) -> str:
    if not isinstance(value, str) or not value:
        raise _Bad(f"{what}: text expected")
    return value


@dataclass(frozen=True)
class _Reading:
    outstanding_basis: str = "issued-and-deemed"
    carve_out_counting: str = "issued-or-issuable"
    promised_grants_hold_room: bool = True
    carve_out_follows_splits: bool = True
    readjust_on: str = "each-expiry"
    business_day: str = "federal"


_READING_CHOICES = {
    "outstanding_basis": ("issued-and-deemed", "issued", "fully-diluted"),
    "carve_out_counting": ("issued-or-issuable", "cumulative-grants"),
    "readjust_on": ("each-expiry", "final-expiry"),
    "business_day": ("federal", "trading"),
}


def _reading(table: Mapping[str, Any] | None) -> _Reading:
    table = dict(table or {})
    for key, value in table.items():
        if key in _READING_CHOICES:
            if value not in _READING_CHOICES[key]:
                raise ValueError(f"reading.{key}: {value!r}")
        elif key in ("promised_grants_hold_room", "carve_out_follows_splits"):
            if not isinstance(value, bool):
                raise ValueError(f"reading.{key}: true or false expected")
        else:
            raise ValueError(f"reading: unknown key {key!r}")
    return _Reading(**table)


# Keys each event type accepts (docs/scenario-files.md), besides type, date and id.
_KEYS: dict[str, set[str]] = {
    "issuance": {"shares", "cash", "property", "property_valued_by", "property_valued_on",
                 "allocated", "allocated_by", "expenses", "restructuring", "warrant_exercise"},
    "option-grant": {"shares", "exercise_price", "consideration", "expires", "plan", "grantee",
                     "record_date", "notice_mailed", "fulfils"},
    "exercise": {"of", "shares", "consideration"},
    "expiry": {"of", "shares"},
    "cancellation": {"of", "shares"},
    "buyback": {"shares"},
    "warrant-exercise": {"warrant", "shares", "received_at", "cash", "debt", "net",
                         "remainder_id"},
    "warrant-transfer": {"warrant", "to", "shares", "new_id", "remainder_id"},
    "warrant-exchange": {"warrant", "into"},
    "promise-to-grant": {"of", "shares"},
    "convertible-issuance": {"max_shares", "min_conversion_payment", "consideration", "expires",
                             "record_date", "notice_mailed"},
    "option-on-convertible": {"max_shares", "min_exercise_payment", "min_conversion_payment",
                              "consideration", "expires", "record_date", "notice_mailed"},
    "repricing": {"of", "exercise_price"},
    "stock-split": {"ratio"},
    "stock-dividend": {"shares", "record_date", "paid", "notice_mailed"},
    "dividend-unpaid": {"record_date"},
    "distribution": {"kind", "per_share", "source", "record_date", "notice_mailed"},
    "reorganization": {"basket", "notice_mailed"},
    "other-securities-issuance": {"description"},
    "dissolution": {"description", "voluntary", "notice_mailed"},
}


@dataclass
class _Event:
    """One event, its fields read exactly (quantities as Fractions, in the shares of its day)."""

    index: int
    type: str
    date: _dt.date
    eff: _dt.date  # effective date: the record date where one is fixed
    id: str | None
    label: str  # the id, or "#N"
    f: dict[str, Any]


def _parse_event(index: int, raw: Mapping[str, Any]) -> _Event:
    if not isinstance(raw, Mapping):
        raise _Bad("an event is a table")
    kind = raw.get("type")
    if kind not in _KEYS:
        raise _Bad(f"unknown or unmodelled event type {kind!r}")
    unknown = set(raw) - _KEYS[kind] - {"type", "date", "id"}
    if unknown:
        raise _Bad(f"{kind}: unknown key(s) {sorted(unknown)}")
    if "date" not in raw:
        raise _Bad("date is required")
    day = _date(raw["date"], "date")
    ident = raw.get("id")
    if ident is not None:
        ident = _text(ident, "id")
    f: dict[str, Any] = {}

    def need(key: str) -> Any:
        if key not in raw:
            raise _Bad(f"{kind}: {key} is required")
        return raw[key]

    def qty(key: str, *, required: bool = False, default: Fraction | None = None,
            positive: bool = False) -> Fraction | None:
        if key not in raw:
            if required:
                raise _Bad(f"{kind}: {key} is required")
            return default
        value = _q(raw[key], key)
        if positive and value <= 0:
            raise _Bad(f"{kind}: {key} must be positive")
        if not positive and value < 0:
            raise _Bad(f"{kind}: {key} must not be negative")
        return value

    record = _date(raw["record_date"], "record_date") if "record_date" in raw else None
    if record is not None and record > day:
        raise _Bad("record_date is after the event's date")
    eff = day

    if kind == "issuance":
        f["shares"] = qty("shares", required=True, positive=True)
        f["cash"] = qty("cash", default=F(0))
        f["property"] = qty("property", default=F(0))
        if "property" in raw:
            _text(need("property_valued_by"), "property_valued_by")
            _date(need("property_valued_on"), "property_valued_on")
        f["allocated"] = qty("allocated")
        if f["allocated"] is not None:
            _text(need("allocated_by"), "allocated_by")
        f["expenses"] = qty("expenses", default=F(0))
        f["restructuring"] = (_text(raw["restructuring"], "restructuring")
                              if "restructuring" in raw else None)
        f["warrant_exercise"] = _bool(raw.get("warrant_exercise", False), "warrant_exercise")
        if f["warrant_exercise"] and f["restructuring"] is not None:
            raise _Bad("issuance: warrant_exercise and restructuring together")
    elif kind == "option-grant":
        f["shares"] = qty("shares", required=True, positive=True)
        f["exercise_price"] = qty("exercise_price", required=True)
        f["consideration"] = qty("consideration", default=F(0))
        f["expires"] = _date(need("expires"), "expires")
        if f["expires"] < day:
            raise _Bad("option-grant: expires before its date")
        f["plan"] = _bool(raw.get("plan", False), "plan")
        grantee = raw.get("grantee")
        if grantee is not None and grantee not in GRANTEES:
            raise _Bad(f"option-grant: grantee {grantee!r}")
        if f["plan"] and grantee is None:
            raise _Bad("option-grant: grantee is required for a plan grant")
        f["grantee"] = grantee
        f["fulfils"] = _text(raw["fulfils"], "fulfils") if "fulfils" in raw else None
        eff = record or day
    elif kind in ("exercise", "expiry", "cancellation"):
        f["of"] = _text(need("of"), "of")
        f["shares"] = qty("shares", required=(kind == "exercise"), positive=True)
        if kind == "exercise":
            f["consideration"] = qty("consideration")
    elif kind == "buyback":
        f["shares"] = qty("shares", required=True, positive=True)
    elif kind == "promise-to-grant":
        if ident is None:
            raise _Bad("promise-to-grant: id is required")
        f["of"] = _text(need("of"), "of")
        f["shares"] = qty("shares", required=True, positive=True)
    elif kind == "convertible-issuance":
        f["max_shares"] = qty("max_shares", required=True, positive=True)
        f["min_payment"] = qty("min_conversion_payment", default=F(0))
        f["consideration"] = qty("consideration", default=F(0))
        f["expires"] = _date(raw["expires"], "expires") if "expires" in raw else None
        if "expires" in raw and _date(raw["expires"], "expires") < day:
            raise _Bad("convertible-issuance: expires before its date")
        eff = record or day
    elif kind == "option-on-convertible":
        f["max_shares"] = qty("max_shares", required=True, positive=True)
        f["min_payment"] = (qty("min_exercise_payment", default=F(0))
                            + qty("min_conversion_payment", default=F(0)))
        f["consideration"] = qty("consideration", default=F(0))
        f["expires"] = _date(raw["expires"], "expires") if "expires" in raw else None
        if "expires" in raw and _date(raw["expires"], "expires") < day:
            raise _Bad("option-on-convertible: expires before its date")
        eff = record or day
    elif kind == "repricing":
        f["of"] = _text(need("of"), "of")
        f["exercise_price"] = qty("exercise_price", required=True)
    elif kind == "stock-split":
        f["ratio"] = qty("ratio", required=True, positive=True)
        if f["ratio"] == 1:
            raise _Bad("stock-split: a ratio of 1 is no split")
    elif kind == "stock-dividend":
        f["shares"] = qty("shares", required=True, positive=True)
        f["paid"] = _bool(raw.get("paid", True), "paid")
        if not f["paid"] and record is None:
            raise _Bad("stock-dividend: paid = false needs a record_date")
        eff = record or day
    elif kind == "dividend-unpaid":
        f["record_date"] = _date(need("record_date"), "record_date")
    elif kind == "distribution":
        _text(need("kind"), "kind")
        qty("per_share", required=True, positive=True)
        if raw.get("source", "other") not in ("retained-earnings", "other"):
            raise _Bad("distribution: source")
        eff = record or day
    elif kind == "reorganization":
        basket = need("basket")
        if not isinstance(basket, Mapping) or not basket:
            raise _Bad("reorganization: basket must be a non-empty table")
        for name, amount in basket.items():
            qty_value = _q(amount, f"basket.{name}")
            if qty_value < 0:
                raise _Bad("reorganization: negative basket quantity")
    elif kind == "other-securities-issuance":
        _text(need("description"), "description")
    elif kind == "dissolution":
        if "voluntary" in raw:
            _bool(raw["voluntary"], "voluntary")
    elif kind == "warrant-exercise":
        f["warrant"] = _text(need("warrant"), "warrant")
        f["shares"] = qty("shares", positive=True)
        f["cash"] = qty("cash", default=F(0))
        f["debt"] = qty("debt", default=F(0))
        f["net"] = _bool(raw.get("net", False), "net")
        f["remainder_id"] = (_text(raw["remainder_id"], "remainder_id")
                             if "remainder_id" in raw else None)
        f["received_at"] = _received_at(raw.get("received_at"), day)
    elif kind == "warrant-transfer":
        f["warrant"] = _text(need("warrant"), "warrant")
        _text(need("to"), "to")
        f["shares"] = qty("shares", positive=True)
        f["new_id"] = _text(raw["new_id"], "new_id") if "new_id" in raw else None
        f["remainder_id"] = (_text(raw["remainder_id"], "remainder_id")
                             if "remainder_id" in raw else None)
    elif kind == "warrant-exchange":
        f["warrant"] = _text(need("warrant"), "warrant")
        parts = need("into")
        if not isinstance(parts, list) or len(parts) < 2:
            raise _Bad("warrant-exchange: into needs two or more parts")
        into = []
        for part in parts:
            if not isinstance(part, Mapping) or set(part) - {"shares", "id"}:
                raise _Bad("warrant-exchange: each part has shares and an optional id")
            shares = _q(part.get("shares"), "into.shares")
            if shares <= 0:
                raise _Bad("warrant-exchange: a part's shares must be positive")
            into.append((shares, _text(part["id"], "into.id") if "id" in part else None))
        f["into"] = into
    if eff < ISSUE_DATE or day < ISSUE_DATE:
        raise _Bad("dated before the Issue Date (2002-03-04)")
    return _Event(index, kind, day, eff, ident, ident if ident is not None else f"#{index}", f)


def _received_at(value: Any, day: _dt.date) -> _dt.datetime | None:
    if value is None:
        return None
    if isinstance(value, str):
        try:
            value = _dt.datetime.fromisoformat(value)
        except ValueError as exc:
            raise _Bad("received_at: malformed date-time") from exc
    if not isinstance(value, _dt.datetime):
        raise _Bad("received_at: a date-time is expected")
    if value.tzinfo is None or value.utcoffset() is None:
        raise _Bad("received_at: a naive date-time (the UTC offset is required)")
    if value.astimezone(PST).date() != day:
        raise _Bad("received_at: its day at UTC−8 is not the event's date")
    return value


# --------------------------------------------------------------------------- prices and calendars


class _Prices:
    def __init__(self, table: Mapping[str, Any] | None):
        table = dict(table or {})
        if "csv" in table:
            raise ValueError("prices.csv is not supported by the reference model; quote inline")
        closes: dict[_dt.date, Fraction] = {}
        for n, quote in enumerate(table.get("quote", [])):
            day = _date(quote["date"], f"prices.quote[{n}].date")
            if "close" in quote:
                value = _q(quote["close"], "close")
            elif "bid" in quote and "ask" in quote:
                value = (_q(quote["bid"], "bid") + _q(quote["ask"], "ask")) / 2
            elif "board_value" in quote:
                value = _q(quote["board_value"], "board_value")
            else:
                continue
            closes[day] = value
        self.days = sorted(closes)
        self.closes = closes
        self._cache: dict[_dt.date, Fraction | None] = {}

    def fmv(self, day: _dt.date) -> Fraction | None:
        """Mean of the closes of the 5 latest quoted dates strictly before ``day`` (Section 1)."""
        if day not in self._cache:
            before = [d for d in self.days if d < day][-FMV_DAYS:]
            self._cache[day] = (None if len(before) < FMV_DAYS
                                else sum((self.closes[d] for d in before), F(0)) / FMV_DAYS)
        return self._cache[day]

    def is_quoted(self, day: _dt.date) -> bool:
        return day in self.closes


def _nth_weekday(year: int, month: int, weekday: int, n: int) -> _dt.date:
    first = _dt.date(year, month, 1)
    return first + _dt.timedelta(days=(weekday - first.weekday()) % 7 + 7 * (n - 1))


def _last_weekday(year: int, month: int, weekday: int) -> _dt.date:
    nxt = _dt.date(year + (month == 12), month % 12 + 1, 1)
    last = nxt - _dt.timedelta(days=1)
    return last - _dt.timedelta(days=(last.weekday() - weekday) % 7)


def _observed(day: _dt.date) -> _dt.date:
    if day.weekday() == 5:
        return day - _dt.timedelta(days=1)
    if day.weekday() == 6:
        return day + _dt.timedelta(days=1)
    return day


def _federal_holidays(year: int) -> set[_dt.date]:
    fixed = [(1, 1), (7, 4), (11, 11), (12, 25)]
    if year >= 2021:
        fixed.append((6, 19))
    days = {_observed(_dt.date(year, m, d)) for m, d in fixed}
    days.add(_observed(_dt.date(year + 1, 1, 1)))  # a Saturday New Year's Day: Friday before
    if year >= 1986:
        days.add(_nth_weekday(year, 1, 0, 3))
    days.add(_nth_weekday(year, 2, 0, 3))
    days.add(_last_weekday(year, 5, 0))
    days.add(_nth_weekday(year, 9, 0, 1))
    days.add(_nth_weekday(year, 10, 0, 2))
    days.add(_nth_weekday(year, 11, 3, 4))
    return days


def _is_federal_business_day(day: _dt.date) -> bool:
    return day.weekday() < 5 and day not in _federal_holidays(day.year)


def _round_cents(value: Fraction) -> Fraction:
    """Half away from zero, to the cent."""
    scaled = value * 100
    sign = -1 if scaled < 0 else 1
    return F(sign * math.floor(abs(scaled) + F(1, 2)), 100)


# --------------------------------------------------------------------------- the register


@dataclass
class _Issue:
    """One deemed-issue candidate (4.C(3)/(4)/(6)): the outside-the-carve-out part of a grant,
    a convertible, an option on convertibles, or the re-issue of a repriced grant.
    All shares in Issue-Date units."""

    key: tuple
    clause: str
    index: int
    n: Fraction  # shares when issued
    c: Fraction  # what was paid for these rights (not the exercise payments)
    p: Fraction | None  # minimum payment per share on exercise/conversion (None: unknown)
    fmv: Fraction | None  # Current FMV per Issue-Date share
    tested: bool  # False for opening plan options beyond the carve-out (never deemed)
    deemed0: bool  # below FMV when issued
    out: Fraction
    ex: Fraction = ZERO
    paid: Fraction = ZERO
    lapsed: Fraction = ZERO
    restatements: list = field(default_factory=list)  # (index, shares, consideration)


@dataclass(frozen=True)
class _Basis:
    """An issue's basis as of the step being computed (from the facts walk)."""

    deemed_now: bool
    shares: Fraction
    consideration: Fraction
    verdicts: tuple  # (index, still below FMV) per restatement


def _basis_of(issue: _Issue) -> _Basis:
    shares = issue.n
    consideration = issue.c + (issue.p or 0) * issue.n
    verdicts = []
    for index, s, c in issue.restatements:
        verdicts.append((index, s > 0 and c / s < issue.fmv))
        shares, consideration = s, c
    # Each restatement is made afresh from the original issue on the facts as they stand
    # (4.C(3) readjusts to the price that would have been in effect on that basis): the
    # latest verdict decides, so an issue restated to "no adjustment" may adjust again.
    deemed_now = issue.tested and issue.deemed0 and (verdicts[-1][1] if verdicts else True)
    return _Basis(deemed_now, shares, consideration, tuple(verdicts))


@dataclass
class _Grant:
    gid: str
    kind: str  # "option", "convertible", "option-on-convertible"
    eligible: bool  # in the carve-out class (plan grant to officer/employee/director)
    g: Fraction  # grant consideration per Issue-Date share
    price: Fraction | None  # current exercise price per Issue-Date share (None: unknown)
    remaining: Fraction  # for validation (kept after a reorganization too)
    in_out: Fraction = ZERO
    in_ex: Fraction = ZERO
    in_assigned: Fraction = ZERO
    issue: _Issue | None = None
    expires: _dt.date | None = None
    #: carve-out room freed by lapses of the carve-out part under the current terms
    in_freed: Fraction = ZERO


@dataclass
class _Promise:
    pid: str
    hold: Fraction
    fulfilled: bool = False
    of: str = ""


class _Context:
    """The scenario, read once; events are parsed one by one as the replay reaches them."""

    def __init__(self, scenario: Mapping[str, Any]):
        unknown = set(scenario) - {"warrant", "reading", "capitalization", "prices", "event",
                                   "exchange"}
        if unknown:
            raise ValueError(f"scenario: unknown or unmodelled keys {sorted(unknown)}")
        w = dict(scenario.get("warrant", {}))
        if w.get("preset", "alpha-2002") != "alpha-2002":
            raise ValueError("only the alpha-2002 preset is modelled")
        if "series" in w:
            self.series = [(_text(s["id"], "series.id"), _q(s["face_shares"], "face_shares"))
                           for s in w["series"]]
        else:
            self.series = [("W-1", _q(w.get("face_shares", 0), "face_shares"))]
        self.reading = _reading(scenario.get("reading"))
        cap = dict(scenario.get("capitalization", {}))
        self.common = _q(cap.get("common_outstanding", 0), "common_outstanding")
        self.opening = _q(cap.get("plan_options_outstanding", 0), "plan_options_outstanding")
        self.prices = _Prices(scenario.get("prices"))
        self.raw_events = list(scenario.get("event", []))
        self.events: list[_Event] = []
        self.price_before: list[Fraction] = []  # the price in force when each event arrived


class _Walk:
    """The register ``events[0..upto]`` walked from the Issue Date.

    ``bases`` None: the facts walk (no prices).  Otherwise the price walk, each issue on the
    basis the facts walk found."""

    def __init__(self, ctx: _Context, upto: int, bases: dict | None):
        self.ctx = ctx
        self.r = ctx.reading
        self.upto = upto
        self.bases = bases
        self.pricing = bases is not None
        self.price = INITIAL_PRICE
        self.m = F(1)  # current shares per Issue-Date share (4.E)
        self.issued = ctx.common
        self.cap_followed = CARVE_OUT_CAP  # Issue-Date units, under carve_out_follows_splits
        self.grants: dict[str, _Grant] = {}
        self.issues: dict[tuple, _Issue] = {}
        self.promises: dict[str, _Promise] = {}
        self.restructuring: str | None = None
        self.reorganized = False
        self.ids: set[str] = {OPENING}
        self.last_eff: _dt.date | None = None
        self.series: dict[str, Fraction] = dict(ctx.series)
        self.series_ids: set[str] = set(self.series)
        self.marks: list[tuple[str, bool, Fraction]] = []
        self.absent = self._absent_dividends()
        self._open_plan_options()

    # ----------------------------------------------------------------- helpers

    def refuse(self, reason: str):
        raise Refused(self.upto, reason)

    def mark(self, index: int, clause: str, readjustment: bool = False):
        if self.pricing and index == self.upto:
            self.marks.append((clause, readjustment, self.price))

    def fmv(self, day: _dt.date) -> Fraction:
        """Current FMV per Issue-Date share."""
        value = self.ctx.prices.fmv(day)
        if value is None:
            self.refuse(f"no Fair Market Value for {day}: fewer than five prior closes")
        return value * self.m

    def cap(self) -> Fraction:
        if self.r.carve_out_follows_splits:
            return self.cap_followed
        return CARVE_OUT_CAP / self.m

    def room_of(self, grant: _Grant) -> Fraction:
        if self.r.carve_out_counting == "issued-or-issuable":
            return grant.in_ex + grant.in_out
        return grant.in_assigned

    def used_total(self) -> Fraction:
        total = sum((self.room_of(g) for g in self.grants.values() if g.eligible), F(0))
        return total + sum((p.hold for p in self.promises.values()), F(0))

    def free_room(self) -> Fraction:
        return max(F(0), self.cap() - self.used_total())

    def outstanding_basis(self) -> Fraction:
        """``A``: shares outstanding immediately before, under the reading (SPEC §9)."""
        basis = self.r.outstanding_basis
        total = self.issued
        if basis == "issued":
            return total
        for key, issue in self.issues.items():
            b = self.bases[key]
            if basis == "issued-and-deemed":
                if b.deemed_now:
                    total += b.shares - issue.ex
            elif issue.tested and issue.deemed0:
                total += b.shares - issue.ex
            else:
                total += issue.out
        if basis == "fully-diluted":
            total += sum((g.in_out for g in self.grants.values()), F(0))
        return total

    def apply_4c1(self, shares: Fraction, consideration: Fraction, fmv: Fraction):
        """4.C(1)(b): P × (A + B) / (A + C), all in Issue-Date shares."""
        if not self.pricing:
            return
        a = self.outstanding_basis()
        b = consideration / fmv
        if a + b <= 0:
            self.refuse("no meaningful price: A + B <= 0")
        self.price = self.price * (a + b) / (a + shares)

    def grant_of(self, ev: _Event, *, open_needed: bool = True) -> _Grant:
        gid = ev.f["of"]
        grant = self.grants.get(gid)
        if grant is None:
            self.refuse(f"{ev.type}: unknown grant {gid!r}")
        if open_needed and grant.remaining <= 0:
            self.refuse(f"{ev.type}: grant {gid!r} is closed")
        return grant

    def _absent_dividends(self) -> set[int]:
        """Stock dividends not in the register as of ``upto`` (unpaid: 4.D(1) proviso)."""
        absent: set[int] = set()
        live: list[_Event] = []
        reorganized = False
        for ev in self.ctx.events[: self.upto + 1]:
            if ev.type == "reorganization":
                reorganized = True
            elif ev.type == "stock-dividend":
                if not ev.f["paid"]:
                    absent.add(ev.index)
                else:
                    live.append(ev)
            elif ev.type == "dividend-unpaid":
                match = [d for d in live if d.eff == ev.f["record_date"]]
                if not match:
                    raise Refused(ev.index, "dividend-unpaid: no stock dividend of that record "
                                  "date in force")
                if not reorganized:  # after 4.B: a manual determination, nothing undone
                    absent.add(match[-1].index)
                    live.remove(match[-1])
        return absent

    def _open_plan_options(self):
        grant = _Grant(OPENING, "option", True, F(0), None, self.ctx.opening)
        inside = min(self.ctx.opening, CARVE_OUT_CAP)
        grant.in_out = grant.in_assigned = inside
        if self.ctx.opening > inside:
            issue = _Issue(("opening",), "4.C(1)", -1, self.ctx.opening - inside, F(0), None,
                           None, tested=False, deemed0=False, out=self.ctx.opening - inside)
            self.issues[issue.key] = issue
            grant.issue = issue
        self.grants[OPENING] = grant

    # ----------------------------------------------------------------- the walk

    def run(self) -> _Walk:
        for ev in self.ctx.events[: self.upto + 1]:
            if self.last_eff is not None and ev.eff < self.last_eff:
                self.refuse("out of date order")
            self.last_eff = ev.eff
            if ev.id is not None:
                if ev.id in self.ids:
                    self.refuse(f"id {ev.id!r} used twice")
                self.ids.add(ev.id)
            getattr(self, "ev_" + ev.type.replace("-", "_"))(ev)
        return self

    def bases_found(self) -> dict:
        return {key: _basis_of(issue) for key, issue in self.issues.items()}

    # 4.C(1), (2), (5)(i)-(ii)
    def ev_issuance(self, ev: _Event):
        f = ev.f
        gross = f["allocated"] if f["allocated"] is not None else f["cash"] + f["property"]
        net = gross - f["expenses"]
        if net < 0:
            self.refuse("issuance: expenses above the proceeds (negative consideration, 4.C(2))")
        if self.reorganized:
            return
        shares = f["shares"] / self.m
        if f["warrant_exercise"]:  # 4.C(5)(i)
            self.issued += shares
            return
        if f["restructuring"] is not None:  # 4.C(5)(ii)
            if self.restructuring is None:
                self.restructuring = f["restructuring"]
            fmv = self.fmv(ev.eff)
            if (f["restructuring"] == self.restructuring
                    and gross / shares >= RESTRUCTURING_FLOOR * fmv):
                self.issued += shares
                return
        fmv = self.fmv(ev.eff)
        if net / shares < fmv:
            self.apply_4c1(shares, net, fmv)
            self.mark(ev.index, "4.C(1)")
        self.issued += shares

    # 4.C(3), 4.C(5)(iii)
    def ev_option_grant(self, ev: _Event):
        f = ev.f
        shares = f["shares"] / self.m
        eligible = f["plan"] and f["grantee"] in CARVE_OUT_GRANTEES
        grant = _Grant(ev.label, "option", eligible, f["consideration"] / shares,
                       f["exercise_price"] * self.m, shares, expires=f["expires"])
        if f["fulfils"] is not None:
            promise = self.promises.get(f["fulfils"])
            if promise is None or promise.fulfilled:
                self.refuse(f"option-grant: fulfils unknown or fulfilled promise "
                            f"{f['fulfils']!r}")
            promise.fulfilled = True
            if not self.reorganized:
                promise.hold = F(0)
        self.grants[ev.label] = grant
        if self.reorganized:
            return
        inside = min(shares, self.free_room()) if eligible else F(0)
        self.issue_rights(ev, grant, shares - inside, ("grant", ev.index), "4.C(3)")
        grant.in_out = inside
        grant.in_assigned += inside

    def issue_rights(self, ev: _Event, grant: _Grant, n: Fraction, key: tuple, clause: str):
        """The part of ``grant`` outside the carve-out, tested under 4.C(3)/(4)/(6)."""
        grant.issue = None
        if n <= 0:
            return
        fmv = self.fmv(ev.eff)
        c = grant.g * n
        deemed0 = (c + grant.price * n) / n < fmv
        issue = _Issue(key, clause, ev.index, n, c, grant.price, fmv, True, deemed0, out=n)
        if self.pricing and self.bases[key].deemed_now:
            b = self.bases[key]
            self.apply_4c1(b.shares, b.consideration, fmv)
        self.issues[key] = issue
        grant.issue = issue
        if deemed0:
            self.mark(ev.index, clause)

    def ev_convertible_issuance(self, ev: _Event):
        self._convertible(ev, "convertible", "4.C(3)")

    def ev_option_on_convertible(self, ev: _Event):
        self._convertible(ev, "option-on-convertible", "4.C(4)")

    def _convertible(self, ev: _Event, kind: str, clause: str):
        f = ev.f
        shares = f["max_shares"] / self.m
        grant = _Grant(ev.label, kind, False, f["consideration"] / shares,
                       f["min_payment"] / shares, shares, expires=f.get("expires"))
        self.grants[ev.label] = grant
        if self.reorganized:
            return
        self.issue_rights(ev, grant, shares, ("grant", ev.index), clause)

    def split_parts(self, grant: _Grant, k: Fraction, lapse: bool) -> tuple[Fraction, Fraction]:
        """(from inside, from outside) of ``k`` shares exercised or lapsing."""
        out = grant.issue.out if grant.issue is not None else F(0)
        if self.r.carve_out_counting == "cumulative-grants":
            total = grant.in_out + out
            from_out = k * out / total if total else F(0)
        elif lapse:
            from_out = min(k, out)
        else:
            from_out = k - min(k, grant.in_out)
        return k - from_out, from_out

    @staticmethod
    def money(grant: _Grant, issue: _Issue, kept: Fraction) -> Fraction:
        """What was paid for the rights that counts on readjustment (4.C(3)): for rights,
        warrants and options, what was paid for granting all of them, exercised or not; for
        Convertible Securities, only what was paid for those actually converted (and, while
        the basis keeps them, those still outstanding) — the warrant's own words."""
        if grant.kind == "convertible":
            return issue.c * kept / issue.n
        return issue.c

    @staticmethod
    def still_payable(grant: _Grant, issue: _Issue) -> Fraction:
        """The minimum still payable per share on the rights outstanding: on the grant's
        terms as they stand (a repricing that adjusted nothing still changed what must be
        paid to exercise)."""
        if grant.kind != "convertible" and grant.price is not None:
            return grant.price
        return issue.p or F(0)

    def restate(self, ev: _Event, issue: _Issue, shares: Fraction, consideration: Fraction):
        """4.C(3) readjustment of ``issue`` at event ``ev`` (tested, deemed-when-issued only)."""
        if not (issue.tested and issue.deemed0) or self.reorganized:
            return
        issue.restatements.append((ev.index, shares, consideration))
        if self.pricing:
            # every restatement of an issue deemed when made is an entry (it may move the
            # price even when the issue was already restated to "no adjustment": under the
            # fully-diluted basis the lapsed options leave the later A)
            self.mark(ev.index, "4.C(3)", readjustment=True)

    def ev_exercise(self, ev: _Event):
        grant = self.grant_of(ev)
        if grant.expires is not None and ev.date > grant.expires:
            self.refuse("exercise: the rights expired before this date")
        k = ev.f["shares"] / self.m
        paid = ev.f["consideration"]
        if paid is None and grant.price is not None:
            paid = k * grant.price
        if not self.take(ev, grant, k):
            return
        from_in, from_out = self.split_parts(grant, k, lapse=False)
        grant.in_out -= from_in
        grant.in_ex += from_in
        issue = grant.issue
        if from_out > 0:
            if paid is None:
                self.refuse("exercise: consideration is required for opening plan options "
                            "beyond the carve-out")
            paid_out = paid * from_out / k
            issue.out -= from_out
            issue.ex += from_out
            issue.paid += paid_out
            if not issue.tested or (RETEST_UNADJUSTED_RIGHTS_ON_EXERCISE and not issue.deemed0):
                # options from before the Issue Date: Additional Shares at the price paid (4.C(1))
                fmv = self.fmv(ev.eff)
                if paid_out / from_out < fmv:
                    self.apply_4c1(from_out, paid_out, fmv)
                    self.mark(ev.index, "4.C(1)")
            elif (self.r.readjust_on == "final-expiry" and issue.out == 0
                  and issue.lapsed > 0):
                self.restate(ev, issue, issue.ex, self.money(grant, issue, issue.ex) + issue.paid)
        self.issued += k

    def take(self, ev: _Event, grant: _Grant, k: Fraction) -> bool:
        """``k`` rights of ``grant`` leave it (exercised or lapsed); refused beyond what
        remains.  False after a 4.B reorganisation: the facts are kept, nothing computed."""
        if k > grant.remaining:
            self.refuse(f"{ev.type}: more shares than remain outstanding")
        grant.remaining -= k
        return not self.reorganized

    def ev_expiry(self, ev: _Event):
        self._lapse(ev)

    def ev_cancellation(self, ev: _Event):
        self._lapse(ev)

    def _lapse(self, ev: _Event):
        grant = self.grant_of(ev)
        k = grant.remaining if ev.f["shares"] is None else ev.f["shares"] / self.m
        if not self.take(ev, grant, k):
            return
        from_in, from_out = self.split_parts(grant, k, lapse=True)
        grant.in_out -= from_in
        grant.in_freed += from_in
        issue = grant.issue
        if from_out > 0:
            issue.out -= from_out
            issue.lapsed += from_out
            if self.r.readjust_on == "each-expiry":
                self.restate(ev, issue, issue.ex + issue.out,
                             self.money(grant, issue, issue.ex + issue.out) + issue.paid
                             + self.still_payable(grant, issue) * issue.out)
            elif issue.out == 0:
                self.restate(ev, issue, issue.ex, self.money(grant, issue, issue.ex) + issue.paid)

    # 4.C(6)
    def ev_repricing(self, ev: _Event):
        grant = self.grant_of(ev)
        if grant.kind == "convertible":
            # An option on convertibles is an option (4.C(6) names the price of any option):
            # its new price is the payment per share of Common Stock, exercise and conversion.
            self.refuse("repricing: a convertible's conversion price cannot be repriced here")
        new = ev.f["exercise_price"] * self.m
        old = grant.price
        if self.reorganized:
            grant.price = new
            return
        lowered = old is None or new < old
        if not lowered or grant.g + new >= self.fmv(ev.date):
            grant.price = new  # upwards, or not below FMV: adjusts nothing
            return
        # close the old terms as if lapsed (the outstanding part of the grant consideration
        # leaves with the outstanding options) ...
        issue = grant.issue
        if issue is not None and issue.out > 0:
            moving = issue.out
            issue.out = F(0)
            self.restate(ev, issue, issue.ex, issue.c - grant.g * moving + issue.paid)
        outstanding = grant.remaining
        # ... and issue the outstanding options anew at the new price (4.C(3) via 4.C(6))
        grant.price = new
        grant.in_out = F(0)
        grant.in_freed = F(0)  # the new terms have freed nothing yet
        inside = min(outstanding, self.free_room()) if grant.eligible else F(0)
        self.issue_rights(ev, grant, outstanding - inside, ("reissue", ev.index), "4.C(6)")
        grant.in_out = inside
        grant.in_assigned += inside

    def ev_promise_to_grant(self, ev: _Event):
        grant = self.grant_of(ev, open_needed=False)
        hold = F(0)
        if (not self.reorganized and self.r.promised_grants_hold_room
                and self.r.carve_out_counting == "issued-or-issuable"):
            # the promise keeps the place the cancelled options had: at most the room their
            # carve-out part freed (under the grant's current terms), less what other
            # promises for the same grant already hold (documented in docs/option-exchange.md)
            already = sum((p.hold for p in self.promises.values()
                           if p.of == grant.gid and not p.fulfilled), F(0))
            hold = max(min(ev.f["shares"] / self.m, grant.in_freed - already,
                           self.free_room()), F(0))
        self.promises[ev.id] = _Promise(ev.id, hold, of=grant.gid)

    def ev_buyback(self, ev: _Event):
        if self.reorganized:
            return
        shares = ev.f["shares"] / self.m
        if shares >= self.issued:
            self.refuse("buyback: no shares would remain outstanding")
        self.issued -= shares

    # 4.E
    def ev_stock_split(self, ev: _Event):
        if self.reorganized:
            return
        ratio = ev.f["ratio"]
        self.m *= ratio
        self.price /= ratio
        self.mark(ev.index, "4.E")

    # 4.D
    def ev_stock_dividend(self, ev: _Event):
        if self.reorganized or ev.index in self.absent:
            return
        n = self.issued
        d = ev.f["shares"] / self.m
        if n <= 0:
            self.refuse("stock-dividend: no shares outstanding")
        self.price = self.price * n / (n + d)
        self.issued += d
        self.cap_followed = self.cap_followed * (n + d) / n
        self.mark(ev.index, "4.D")

    def ev_dividend_unpaid(self, ev: _Event):
        if self.reorganized:
            return
        if self.issued <= 0:
            self.refuse("dividend-unpaid: no shares would remain outstanding")
        self.mark(ev.index, "4.D")

    def ev_distribution(self, ev: _Event):  # 4.A: no price change
        return

    def ev_reorganization(self, ev: _Event):  # 4.B; from now on 4.C(7)
        self.reorganized = True

    def ev_other_securities_issuance(self, ev: _Event):
        return

    def ev_dissolution(self, ev: _Event):
        return

    # Sections 1 and 3: the series
    def _warrant(self, ev: _Event) -> tuple[str, Fraction]:
        wid = ev.f["warrant"]
        if wid not in self.series:
            self.refuse(f"{ev.type}: unknown or surrendered warrant {wid!r}")
        return wid, self.series[wid]

    def _new_id(self, wid: str, wanted: str | None, taken: set[str]) -> str:
        if wanted is not None:
            if wanted in self.series_ids or wanted in taken:
                self.refuse(f"warrant id {wanted!r} already used")
            return wanted
        n = 1
        while f"{wid}.{n}" in self.series_ids or f"{wid}.{n}" in taken:
            n += 1
        return f"{wid}.{n}"

    def ev_warrant_exercise(self, ev: _Event):
        f = ev.f
        wid, face = self._warrant(ev)
        price = self.ctx.price_before[ev.index]
        if ev.date > EXPIRATION or (f["received_at"] is not None and f["received_at"] >= CUTOFF):
            self.refuse("warrant-exercise: after the expiration cut-off (Section 1)")
        if self.r.business_day == "federal":
            business = _is_federal_business_day(ev.date)
        else:
            prices = self.ctx.prices
            business = (prices.is_quoted(ev.date) if prices.days and ev.date <= prices.days[-1]
                        else ev.date.weekday() < 5)
        if not business:
            self.refuse("warrant-exercise: not a business day (Section 1)")
        available = face * INITIAL_PRICE / price
        k = available if f["shares"] is None else f["shares"]
        if k > available:
            self.refuse("warrant-exercise: more shares than the warrant is exercisable for")
        exact = k * price
        due = _round_cents(exact)
        paid = f["cash"] + f["debt"]
        if paid > due or (not f["net"] and paid != due):
            self.refuse("warrant-exercise: payment does not match the sum payable")
        withheld = F(0)
        rest = exact - paid
        if f["net"] and rest > 0:
            if self.reorganized:
                # documented choice (docs/exercise-and-series.md): after 4.B the warrant is
                # for the basket, whose value the register does not hold
                self.refuse("warrant-exercise: net issuance after a reorganization")
            fmv = self.ctx.prices.fmv(ev.date)
            if fmv is None:
                self.refuse("warrant-exercise: no Fair Market Value for net issuance")
            if fmv <= price:
                self.refuse("warrant-exercise: net issuance at FMV <= price issues nothing")
            withheld = rest / fmv
        whole = math.floor(k - withheld)
        del self.series[wid]
        if k < available:
            new = self._new_id(wid, f["remainder_id"], set())
            self.series[new] = (available - k) * price / INITIAL_PRICE
            self.series_ids.add(new)
        if not self.reorganized:
            self.issued += F(whole) / self.m  # 4.C(5)(i): not Additional Shares

    def ev_warrant_transfer(self, ev: _Event):
        f = ev.f
        wid, face = self._warrant(ev)
        price = self.ctx.price_before[ev.index]
        available = face * INITIAL_PRICE / price
        k = available if f["shares"] is None else f["shares"]
        if k > available:
            self.refuse("warrant-transfer: more shares than the warrant is exercisable for")
        new = self._new_id(wid, f["new_id"], set())
        parts = {new: k * price / INITIAL_PRICE}
        if k < available:
            rest = self._new_id(wid, f["remainder_id"], {new})
            parts[rest] = face - parts[new]
        del self.series[wid]
        self.series.update(parts)
        self.series_ids.update(parts)

    def ev_warrant_exchange(self, ev: _Event):
        wid, face = self._warrant(ev)
        price = self.ctx.price_before[ev.index]
        available = face * INITIAL_PRICE / price
        if sum((s for s, _ in ev.f["into"]), F(0)) != available:
            self.refuse("warrant-exchange: the parts do not add up to the whole")
        parts: dict[str, Fraction] = {}
        for shares, wanted in ev.f["into"]:
            parts[self._new_id(wid, wanted, set(parts))] = shares * price / INITIAL_PRICE
        del self.series[wid]
        self.series.update(parts)
        self.series_ids.update(parts)

    # ----------------------------------------------------------------- what is reported

    def deemed_now(self) -> Fraction:
        total = F(0)
        for key, issue in self.issues.items():
            b = self.bases[key]
            if b.deemed_now:
                total += b.shares - issue.ex
        return total

    def result(self, adjustments: list[RefAdjustment]) -> RefResult:
        m = self.m
        cap = self.cap() * m
        total = self.used_total() * m
        used = min(total, cap)
        promised = sum((p.hold for p in self.promises.values()), F(0)) * m
        shares = sum((face * INITIAL_PRICE / self.price for face in self.series.values()), F(0))
        return RefResult(
            exercise_price=self.price,
            shares=shares,
            issued=self.issued * m,
            deemed=self.deemed_now() * m,
            cap=cap,
            used=used,
            remaining=cap - used,
            promised=promised,
            over_cap=total - used,
            adjustments=tuple(adjustments),
        )


def _step(ctx: _Context, upto: int) -> _Walk:
    """The register as of event ``upto``: facts walk, then price walk."""
    facts = _Walk(ctx, upto, None).run()
    return _Walk(ctx, upto, facts.bases_found()).run()


def replay(scenario: Mapping[str, Any]) -> RefResult:
    """Replay a parsed scenario; raises Refused for the first event the model refuses."""
    ctx = _Context(scenario)
    adjustments: list[RefAdjustment] = []
    walk = _step(ctx, -1)
    for index, raw in enumerate(ctx.raw_events):
        try:
            ev = _parse_event(index, raw)
        except _Bad as exc:
            raise Refused(index, str(exc)) from None
        except (KeyError, TypeError) as exc:
            raise Refused(index, f"malformed event: {exc}") from None
        ctx.events.append(ev)
        ctx.price_before.append(walk.price)
        try:
            walk = _step(ctx, index)
        except _Bad as exc:
            raise Refused(index, str(exc)) from None
        for clause, readjustment, price in walk.marks:
            adjustments.append(RefAdjustment(clause, ev.eff, ev.label, price, readjustment))
    return walk.result(adjustments)
