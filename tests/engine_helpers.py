"""Shared builders for the Section 4.C engine tests.

Nothing here computes an expected figure: the tests do that by hand, with
Fractions.  These helpers only build the inputs (price histories, ledgers) and
take snapshots of a ledger's observable state, so a test can check that a
refused event left the ledger exactly as it was (SPEC §12).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from fractions import Fraction
from functools import lru_cache

import warrant
from warrant.instrument.readings import Reading
from warrant.market.closing_prices import Quote
from warrant.register.events import Issuance
from warrant.register.ledger import Capitalization, Ledger

D = dt.date

#: The preamble's Issue Date and the last day the warrant can be adjusted.
ISSUE_DATE = D(2002, 3, 4)
EXPIRATION_DATE = D(2007, 3, 3)

#: The initial Exercise Price and the carve-out cap of the 2002 warrant (SPEC §1).
P0 = Fraction("1.94")
CAP = Fraction(1_969_693)

#: The SPEC §14 company: 7,000,000 shares outstanding at the Issue Date.
COMMON = 7_000_000

#: Face shares of the SPEC §14 warrant.
FACE = 100_000

HISTORY_START = D(2002, 1, 2)
HISTORY_END = D(2007, 3, 2)


def price_history(
    closes: Mapping[dt.date, str] | None = None,
    *,
    base: str = "1.00",
    after: Mapping[dt.date, str] | None = None,
    omit: tuple[dt.date, ...] = (),
    start: dt.date = HISTORY_START,
    end: dt.date = HISTORY_END,
) -> warrant.PriceHistory:
    """A close on every trading day from ``start`` to ``end``.

    Every day closes at ``base`` unless ``closes`` names it; ``after`` maps a
    first day to the close in force from that day on (a step in the market);
    days in ``omit`` have no quote at all.
    """
    closes = dict(closes or {})
    steps = sorted((after or {}).items())
    quotes = []
    for day in warrant.trading_days(start, end):
        if day in omit:
            continue
        close = base
        for first, level in steps:
            if day >= first:
                close = level
        close = closes.get(day, close)
        quotes.append(Quote(day=day, close=close))
    return warrant.PriceHistory(quotes)


@lru_cache(maxsize=1)
def flat_prices() -> warrant.PriceHistory:
    """Every trading day closes at $1.00, so the FMV on every date is exactly 1."""
    return price_history()


def new_ledger(
    *,
    common: int | str | Fraction = COMMON,
    plan_options: int | str | Fraction = 0,
    reading: Reading | None = None,
    prices: warrant.PriceHistory | None = None,
) -> Ledger:
    return Ledger(
        capitalization=Capitalization(
            common_outstanding=common, plan_options_outstanding=plan_options
        ),
        prices=prices if prices is not None else flat_prices(),
        reading=reading,
    )


def snapshot(ledger: Ledger) -> dict[str, object]:
    """Everything observable about a ledger, as values that compare by equality."""
    return {
        "price": ledger.price,
        "shares": ledger.shares(FACE),
        "outstanding": ledger.outstanding,
        "position": ledger.position,
        "carve_out": ledger.carve_out,
        "adjustments": ledger.adjustments,
        "n_adjustments": len(ledger.adjustments),
        "determinations": ledger.determinations,
        "n_determinations": len(ledger.determinations),
        "events": ledger.events,
        "grants": dict(ledger.grants),
        "price_on_issue_date": ledger.price_on(ledger.terms.issue_date),
        # the last day in force under the ledger's own terms (price_on refuses a day after)
        "price_on_expiration": ledger.price_on(ledger.terms.expiration_date),
    }


#: A day whose five preceding trading days close at different prices (see varied_prices).
VARIED_DAY = D(2002, 9, 16)  # a Monday; Labor Day was 2002-09-02
VARIED_WINDOW = (D(2002, 9, 9), D(2002, 9, 10), D(2002, 9, 11), D(2002, 9, 12), D(2002, 9, 13))
VARIED_CLOSES = ("1.10", "1.20", "1.30", "1.40", "1.50")


def varied_prices() -> warrant.PriceHistory:
    """Flat $1.00, except the five trading days before VARIED_DAY (closes 1.10 .. 1.50),
    plus a wild close on the trading day just before that window and on VARIED_DAY
    itself: an FMV taken over the wrong five days would not come out at their mean."""
    closes = dict(zip(VARIED_WINDOW, VARIED_CLOSES, strict=True))
    closes[D(2002, 9, 6)] = "0.10"  # the sixth trading day back: must not count
    closes[VARIED_DAY] = "5.00"  # the day itself: must not count
    return price_history(closes)


SPEC_ISSUE_DAY = D(2002, 6, 3)


def spec_first_issue(day: dt.date = SPEC_ISSUE_DAY) -> Issuance:
    """SPEC §14: 1,000,000 shares for $900,000 cash, the Company paying $50,000 of expenses."""
    return Issuance(date=day, shares=1_000_000, cash=900_000, expenses=50_000)
