"""Builders for the exchange tests: a register, prices around the 2003 grant date, a scenario.

Nothing here computes an expected figure.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from engine_helpers import COMMON, FACE, price_history
from warrant.case.proposal import ExchangeOffer, Proposal, Tender
from warrant.files.scenario_files import PriceSource, Scenario
from warrant.register.events import Event, OptionGrant
from warrant.register.ledger import Capitalization

D = dt.date

COMMENCEMENT, EXPIRES = D(2003, 2, 28), D(2003, 3, 31)
GRANT_DAY = D(2003, 10, 3)
FIRST_GRANT_DAY = D(2002, 6, 3)
#: the five trading days before 2003-10-03, closing 1.10 .. 1.50: FMV 1.30
WINDOW = (D(2003, 9, 26), D(2003, 9, 29), D(2003, 9, 30), D(2003, 10, 1), D(2003, 10, 2))
WINDOW_CLOSES = ("1.10", "1.20", "1.30", "1.40", "1.50")


def falling_prices(grant_close: str = "0.90"):  # type: ignore[no-untyped-def]
    """Flat $1.00, but 1.10 .. 1.50 the week before 2003-10-03 and ``grant_close`` on it."""
    closes = dict(zip(WINDOW, WINDOW_CLOSES, strict=True))
    closes[GRANT_DAY] = grant_close
    return price_history(closes)


def grant(
    gid: str,
    shares: int,
    *,
    grantee: str | None = "employee",
    plan: bool = True,
    price: str = "2.00",
    day: D = FIRST_GRANT_DAY,
) -> OptionGrant:
    return OptionGrant(
        id=gid,
        date=day,
        shares=shares,
        exercise_price=price,
        expires=D(2012, 6, 3),
        plan=plan,
        grantee=grantee,
    )


def offer(*tenders: Tender, **dates: object) -> ExchangeOffer:
    return ExchangeOffer(commencement=COMMENCEMENT, offer_expires=EXPIRES, tenders=tenders, **dates)  # type: ignore[arg-type]


def scenario(
    events: Sequence[Event] = (),
    *,
    exchange: Proposal | None = None,
    plan_options: int = 0,
    prices=None,
    common: int = COMMON,  # type: ignore[no-untyped-def]
) -> Scenario:
    return Scenario(
        face_shares=FACE,
        capitalization=Capitalization(
            common_outstanding=common, plan_options_outstanding=plan_options
        ),
        price_source=PriceSource(),
        prices=prices if prices is not None else falling_prices(),
        events=tuple(events),
        exchange=exchange,
    )
