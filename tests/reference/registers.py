"""Random registers for the reference model and the engine: every event type of the scenario
format, every reading field, grant consideration, odd split ratios, paid and unpaid
dividends, repricings, convertibles and options on them, promises, the series — and now
and then an invalid event, which both sides must refuse at the same position.

A register is built by :func:`register` from a :class:`Chooser`: a seeded
``random.Random`` for long runs (``benchmarks/reference_run.py``), or Hypothesis's ``data``
in the suite (:func:`hypothesis_chooser`), so a failing register shrinks.  The generator
keeps only rough counts of what is open (it does not compute a single figure); an event
it believes valid may still be refused, and both sides must then agree on that too.
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Sequence
from fractions import Fraction
from functools import lru_cache
from typing import Any, Protocol, TypeVar

import warrant

T = TypeVar("T")

FIRST_DAY = dt.date(2002, 3, 5)
LAST_DAY = dt.date(2007, 2, 28)
QUOTES_FROM = dt.date(2002, 1, 2)

READINGS: dict[str, tuple[Any, ...]] = {
    "outstanding_basis": ("issued-and-deemed", "issued", "fully-diluted"),
    "carve_out_counting": ("issued-or-issuable", "cumulative-grants"),
    "promised_grants_hold_room": (True, False),
    "carve_out_follows_splits": (True, False),
    "readjust_on": ("each-expiry", "final-expiry"),
    "business_day": ("federal", "trading"),
}

PRICES = ("0.20", "0.40", "0.50", "0.75", "0.90", "1.00", "1.10", "1.25", "1.60", "2.50")
RATIOS = ("2", "3", "3/2", "5/4", "7/3", "1/2", "2/3", "4/5", "10")
GRANTEES = ("officer", "employee", "director", "consultant", "other")


class Chooser(Protocol):
    def integer(self, low: int, high: int) -> int: ...

    def pick(self, options: Sequence[T]) -> T: ...


class RandomChooser:
    def __init__(self, seed: int) -> None:
        self._random = random.Random(seed)

    def integer(self, low: int, high: int) -> int:
        return self._random.randint(low, high)

    def pick(self, options: Sequence[T]) -> T:
        return options[self._random.randrange(len(options))]


def hypothesis_chooser(data: Any) -> Chooser:
    from hypothesis import strategies as st

    class _Drawn:
        def integer(self, low: int, high: int) -> int:
            return int(data.draw(st.integers(low, high)))

        def pick(self, options: Sequence[T]) -> T:
            return options[int(data.draw(st.integers(0, len(options) - 1)))]

    return _Drawn()


@lru_cache(maxsize=8)
def quotes(market: int) -> tuple[dict[str, Any], ...]:
    """A close on every trading day from 2002 to the warrant's end: market 0 is flat at
    $1.00; the others move month by month and day by day, so five-day means are odd
    fractions and the FMV is now above, now below the prices the events use."""
    rows = []
    for index, day in enumerate(warrant.trading_days(QUOTES_FROM, dt.date(2007, 3, 2))):
        if market == 0:
            close = Fraction(1)
        else:
            level = Fraction(PRICES[(day.month * market + day.year) % len(PRICES)])
            close = level + Fraction((index * market) % 7, 100)
        rows.append({"date": day, "close": str(close)})
    return tuple(rows)


def _amount(value: Fraction) -> str:
    return str(value)


class _Book:
    """What the generator remembers: ids, and rough open counts (never a figure)."""

    def __init__(self) -> None:
        self.grants: dict[str, Fraction] = {}  # id -> shares believed open
        self.plan_grants: set[str] = set()
        self.convertibles: set[str] = set()
        self.cancelled_plan: list[tuple[str, Fraction]] = []
        self.promises: list[str] = []
        self.paid_dividends: list[dt.date] = []
        self.warrants: dict[str, bool] = {"W-1": True, "W-2": True}
        self.reorganised = False
        self.count = 0

    def new_id(self, prefix: str) -> str:
        self.count += 1
        return f"{prefix}-{self.count}"

    def split(self, ratio: Fraction) -> None:
        for gid in self.grants:
            self.grants[gid] *= ratio
        self.cancelled_plan = [(gid, shares * ratio) for gid, shares in self.cancelled_plan]


def register(choose: Chooser, *, events: int | None = None) -> dict[str, Any]:
    """One random scenario, as the parsed structure of a scenario file."""
    reading = {key: choose.pick(values) for key, values in READINGS.items()}
    common = choose.pick((1_000_000, 8_000_000, 20_000_000))
    plan_options = choose.pick((0, 0, 500_000, 1_500_000, 2_500_000))
    book = _Book()
    if plan_options:
        book.grants["opening-plan-options"] = Fraction(plan_options)
        book.plan_grants.add("opening-plan-options")
    count = events if events is not None else choose.integer(1, 24)
    days = sorted(
        FIRST_DAY + dt.timedelta(days=choose.integer(0, (LAST_DAY - FIRST_DAY).days))
        for _ in range(count)
    )
    rows = []
    for day in days:
        event = _event(choose, book, day, common)
        if event is not None:
            rows.append(event)
    return {
        "warrant": {
            "preset": "alpha-2002",
            "series": [
                {"id": "W-1", "holder": "Bank A", "face_shares": 100_000},
                {"id": "W-2", "holder": "Bank B", "face_shares": 60_000},
            ],
        },
        "reading": reading,
        "capitalization": {
            "common_outstanding": common,
            "plan_options_outstanding": plan_options,
        },
        "prices": {"quote": list(quotes(choose.integer(0, 3)))},
        "event": rows,
    }


#: every kind of event the generator makes (``kind`` of :func:`event`)
KINDS = (
    "issuance", "issuance", "option-grant", "option-grant", "option-grant",
    "plan-grant", "plan-grant", "exercise", "exercise", "lapse", "lapse", "lapse",
    "repricing", "convertible-issuance", "option-on-convertible", "buyback",
    "stock-split", "stock-dividend", "stock-dividend", "dividend-unpaid",
    "promise", "warrant-exercise", "distribution", "other", "invalid",
    "reorganization", "dissolution",
)


def _event(choose: Chooser, book: _Book, day: dt.date, common: int) -> dict[str, Any] | None:
    kind = choose.pick(KINDS)
    if kind == "reorganization" and choose.integer(0, 3):
        kind = "issuance"  # rarer: it freezes the rest of the register
    return event(choose, book, day, common, kind)


#: what a generator remembers between events (see :func:`event`)
Book = _Book


def event(
    choose: Chooser, book: _Book, day: dt.date, common: int, kind: str
) -> dict[str, Any] | None:
    """One event of ``kind`` on ``day`` (``None`` when nothing of that kind can happen), as
    the parsed structure of a scenario file's ``[[event]]``."""
    base: dict[str, Any] = {"date": day}
    if kind == "issuance":
        shares = Fraction(choose.integer(1, 40) * 50_000)
        price = Fraction(choose.pick(PRICES))
        event = {"type": "issuance", **base, "shares": _amount(shares)}
        how = choose.integer(0, 9)
        if how == 0:
            event["property"] = _amount(shares * price)
            event["property_valued_by"] = "the Board"
            event["property_valued_on"] = day
        elif how == 1:
            event["cash"] = _amount(shares * price * 2)
            event["allocated"] = _amount(shares * price)
            event["allocated_by"] = "the Board"
        else:
            event["cash"] = _amount(shares * price)
        if choose.integer(0, 3) == 0:
            event["expenses"] = _amount(shares * price / choose.pick((10, 4, 1)))
        flag = choose.integer(0, 9)
        if flag == 0:
            event["restructuring"] = choose.pick(("R-1", "R-2"))
        elif flag == 1:
            event["warrant_exercise"] = True
        return event
    if kind in ("option-grant", "plan-grant"):
        gid = book.new_id("g")
        shares = Fraction(choose.integer(1, 30) * 50_000)
        event = {
            "type": "option-grant", **base, "id": gid, "shares": _amount(shares),
            "exercise_price": choose.pick(PRICES),
            "expires": day + dt.timedelta(days=choose.integer(30, 2000)),
        }
        if choose.integer(0, 2):
            per_option = Fraction(choose.pick(("0.01", "0.10", "0.50")))
            event["consideration"] = _amount(shares * per_option)
        if kind == "plan-grant":
            event["plan"] = True
            event["grantee"] = choose.pick(GRANTEES)
            if book.promises and choose.integer(0, 1):
                event["fulfils"] = book.promises.pop(0)
            if event["grantee"] in ("officer", "employee", "director"):
                book.plan_grants.add(gid)
        else:
            event["plan"] = False
        book.grants[gid] = shares
        return event
    if kind in ("convertible-issuance", "option-on-convertible"):
        gid = book.new_id("c")
        shares = Fraction(choose.integer(1, 20) * 100_000)
        event = {
            "type": kind, **base, "id": gid, "max_shares": _amount(shares),
            "min_conversion_payment": _amount(
                shares * Fraction(choose.pick(("0", "0.10", "0.50")))
            ),
            "consideration": _amount(shares * Fraction(choose.pick(PRICES))),
            "expires": day + dt.timedelta(days=choose.integer(30, 2000)),
        }
        if kind == "option-on-convertible":
            event["min_exercise_payment"] = _amount(shares * Fraction(choose.pick(("0", "0.20"))))
        book.grants[gid] = shares
        book.convertibles.add(gid)
        return event
    if kind in ("exercise", "lapse", "repricing"):
        open_ids = [gid for gid, left in book.grants.items() if left > 0]
        if not open_ids:
            return None
        gid = choose.pick(open_ids)
        left = book.grants[gid]
        if kind == "repricing":
            return {"type": "repricing", **base, "of": gid, "exercise_price": choose.pick(PRICES)}
        every = choose.integer(0, 2) == 0
        part = Fraction(int(left * choose.integer(1, 9) / 10))
        shares = left if every else max(part, Fraction(1))
        book.grants[gid] = left - shares
        if kind == "exercise":
            event = {"type": "exercise", **base, "of": gid, "shares": _amount(shares)}
            if gid == "opening-plan-options" or choose.integer(0, 4) == 0:
                event["consideration"] = _amount(shares * Fraction(choose.pick(PRICES)))
            return event
        verb = choose.pick(("expiry", "cancellation"))
        event = {"type": verb, **base, "of": gid}
        if not every or choose.integer(0, 1):
            event["shares"] = _amount(shares)
        if verb == "cancellation" and gid in book.plan_grants:
            book.cancelled_plan.append((gid, shares))
        return event
    if kind == "promise":
        if not book.cancelled_plan:
            return None
        gid, shares = book.cancelled_plan.pop(0)
        pid = book.new_id("p")
        book.promises.append(pid)
        return {
            "type": "promise-to-grant", **base, "id": pid, "of": gid, "shares": _amount(shares)
        }
    if kind == "buyback":
        bought = Fraction(choose.integer(1, 20) * 10_000)
        return {"type": "buyback", **base, "shares": _amount(bought)}
    if kind == "stock-split":
        ratio = Fraction(choose.pick(RATIOS))
        book.split(ratio)
        return {"type": "stock-split", **base, "ratio": str(ratio)}
    if kind == "stock-dividend":
        paid = choose.integer(0, 3) > 0
        if paid:
            book.paid_dividends.append(day)
        return {
            "type": "stock-dividend", **base, "record_date": day, "paid": paid,
            "shares": _amount(Fraction(common) * choose.integer(1, 20) / 100),
        }
    if kind == "dividend-unpaid":
        if not book.paid_dividends:
            return None
        record = book.paid_dividends.pop(choose.integer(0, len(book.paid_dividends) - 1))
        return {"type": "dividend-unpaid", **base, "record_date": record}
    if kind == "warrant-exercise":
        live = [wid for wid, open_ in book.warrants.items() if open_]
        if not live or not warrant.is_business_day(day) or day.weekday() >= 5:
            return None
        wid = choose.pick(live)
        book.warrants[wid] = False
        # by net issuance: the generator knows no price to pay in cash
        return {"type": "warrant-exercise", **base, "warrant": wid, "shares": "1000", "net": True}
    if kind == "distribution":
        return {
            "type": "distribution", **base, "kind": "cash", "per_share": "0.05",
            "source": choose.pick(("retained-earnings", "other")), "record_date": day,
        }
    if kind == "other":
        return {"type": "other-securities-issuance", **base, "description": "preferred"}
    if kind == "reorganization":
        book.reorganised = True
        return {"type": "reorganization", **base, "basket": {"cash": "2"}}
    if kind == "dissolution":
        return {"type": "dissolution", **base, "description": "voluntary"}
    # invalid: an event the register must refuse
    bad = choose.integer(0, 3)
    if bad == 0:
        return {"type": "exercise", **base, "of": "ghost", "shares": "1"}
    if bad == 1:
        gid = choose.pick(list(book.grants) or ["ghost"])
        return {"type": "expiry", **base, "of": gid, "shares": "999999999999"}
    if bad == 2:
        return {"type": "issuance", **base, "shares": "1", "cash": "2", "expenses": "4454763"}
    return {"type": "repricing", **base, "of": "ghost", "exercise_price": "0.01"}
