"""Scenario text for the certificate and notice tests: the SPEC §14 company with a flat market.

Every trading day from 2002 to 2004 closes at $1.00, so every Fair Market Value is
exactly 1; the events are written by each test.  Nothing here computes a figure.
"""

from __future__ import annotations

import datetime as dt
import decimal
from fractions import Fraction
from functools import lru_cache
from pathlib import Path

import warrant
from warrant.files.scenario_files import loads_scenario

HEAD = """[warrant]
preset = "alpha-2002"
face_shares = 100000

[reading]
{reading}

[capitalization]
common_outstanding = 7000000
plan_options_outstanding = 0

[prices]
csv = "flat.csv"
"""

SALE = """[[event]]
type = "issuance"
id = "sale-2002"
date = 2002-06-03
shares = 1000000
cash = 900000
expenses = 50000
"""

GRANT = """[[event]]
type = "option-grant"
id = "options-2002"
date = 2002-07-01
shares = 500000
exercise_price = "0.50"
consideration = 10000
expires = 2003-06-30
"""

EXPIRY = """[[event]]
type = "expiry"
date = 2003-06-30
of = "options-2002"
"""

SECTION_14 = SALE + "\n" + GRANT + "\n" + EXPIRY


@lru_cache(maxsize=1)
def flat_csv(folder: str) -> Path:
    path = Path(folder) / "flat.csv"
    if not path.exists():
        days = warrant.trading_days(dt.date(2002, 1, 2), dt.date(2004, 12, 31))
        path.write_text("date,close\n" + "".join(f"{day.isoformat()},1.00\n" for day in days))
    return path


def scenario_text(events: str, *, reading: str = "") -> str:
    return HEAD.format(reading=reading) + "\n" + events


def scenario(folder: Path, events: str = SECTION_14, *, reading: str = "") -> warrant.Scenario:
    """Write the flat prices into ``folder`` and load a scenario with ``events``."""
    flat_csv(str(folder))
    return loads_scenario(scenario_text(events, reading=reading), base=folder)


def write_scenario(
    folder: Path, events: str = SECTION_14, *, reading: str = "", name: str = "s.toml"
) -> Path:
    flat_csv(str(folder))
    path = folder / name
    path.write_text(scenario_text(events, reading=reading), encoding="utf-8")
    return path


def decimal_text(value: Fraction, places: int) -> str:
    """``value`` rounded half-up to ``places`` decimals, written out (worked with Decimal, not
    with the library's rounding)."""
    context = decimal.Context(prec=200, rounding=decimal.ROUND_HALF_UP)
    exact = context.divide(decimal.Decimal(value.numerator), decimal.Decimal(value.denominator))
    return str(exact.quantize(decimal.Decimal(1).scaleb(-places), context=context))
