"""The full-mix register: every kind of event and every reading field at work, at any size.

``benchmarks/run.py``'s mixed register is easy for the engine: few deemed issues, no
consideration, nothing that recomputes.  This one draws its events from the reference
model's generator (``tests/reference/registers.py``) in a real register's proportions:
deemed grants with consideration that later lapse or are repriced, convertibles and
options on them, odd split ratios and reverse splits, paid and unpaid stock dividends,
promises to grant, buybacks, the holders' exercises, distributions.  Every rule that
reads a reading field meets one, so a side-by-side view has every field to tell apart.

One of the holders exercises first, in cash (later the exact price may grow past the
digits a quantity may have, and an exercise is refused).  An event the engine refuses (the
generator keeps only rough counts) is left out, so the
register replays whole: :func:`full_mix` applies the drawn events once, under the default
reading, and keeps those applied.

    python benchmarks/full_mix.py 1000        # the register's counts, and one replay
"""

from __future__ import annotations

import datetime as dt
import sys
import time
from pathlib import Path
from typing import Any

import attrs

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT / "tests") not in sys.path:
    sys.path[:0] = [str(ROOT / "tests"), str(ROOT)]

import warrant  # noqa: E402
from reference.registers import (  # noqa: E402
    FIRST_DAY,
    LAST_DAY,
    Book,
    RandomChooser,
    event,
    quotes,
)
from warrant.files.scenario_files import event_from_data, scenario_from_data  # noqa: E402
from warrant.ground.errors import WarrantError  # noqa: E402

#: events per thousand, by the generator's kind
MIX: tuple[tuple[str, int], ...] = (
    ("issuance", 230),
    ("option-grant", 170),  # outside the plans: deemed issues, two in three with consideration
    ("plan-grant", 100),
    ("exercise", 120),
    ("lapse", 170),  # expiries and cancellations, whole or in part
    ("repricing", 20),
    ("convertible-issuance", 30),
    ("option-on-convertible", 20),
    ("buyback", 60),
    ("stock-split", 10),  # 2, 3, 3/2, 5/4, 7/3 and reverse: 1/2, 2/3, 4/5; and 10
    ("stock-dividend", 25),  # three in four paid
    ("dividend-unpaid", 5),
    ("promise", 10),
    ("warrant-exercise", 4),
    ("distribution", 10),
    ("other", 8),
)
COMMON = 20_000_000


def full_mix_data(count: int, *, seed: int = 4) -> dict[str, Any]:
    """``count`` drawn events (before any refused is left out), as scenario-file data."""
    choose = RandomChooser(seed)
    kinds = [kind for kind, weight in MIX for _ in range(weight)]
    book = Book()
    book.grants["opening-plan-options"] = warrant.to_fraction(1_500_000)
    book.plan_grants.add("opening-plan-options")
    span = (LAST_DAY - FIRST_DAY).days
    days = sorted(FIRST_DAY + dt.timedelta(days=choose.integer(0, span)) for _ in range(count))
    rows = []
    price = warrant.preset("alpha-2002").exercise_price
    for day in days:
        if book.warrants["W-2"] and warrant.is_business_day(day):
            # a holder's exercise first, in cash at the price on the face
            book.warrants["W-2"] = False
            rows.append({
                "type": "warrant-exercise", "date": day, "warrant": "W-2", "shares": "1000",
                "cash": str(1000 * price),
            })
            continue
        row = event(choose, book, day, COMMON, choose.pick(kinds))
        if row is not None:
            rows.append(row)
    return {
        "warrant": {
            "preset": "alpha-2002",
            "series": [
                {"id": "W-1", "holder": "Bank A", "face_shares": 100_000},
                {"id": "W-2", "holder": "Bank B", "face_shares": 60_000},
            ],
        },
        "capitalization": {
            "common_outstanding": COMMON,
            "plan_options_outstanding": 1_500_000,
        },
        "prices": {"quote": list(quotes(2))},
        "event": rows,
    }


def full_mix(count: int, *, seed: int = 4) -> warrant.Scenario:
    """The full-mix register of about ``count`` events: those drawn that the engine applies."""
    data = full_mix_data(count, seed=seed)
    rows = data.pop("event")
    scenario = scenario_from_data(data, base=ROOT)
    ledger = warrant.Ledger(
        capitalization=scenario.capitalization, prices=scenario.prices, terms=scenario.terms,
        reading=scenario.reading, series=scenario.warrants,
    )
    kept = []
    for index, row in enumerate(rows):
        drawn = event_from_data(row, where=f"event[{index}]")
        try:
            ledger.apply(drawn)
        except WarrantError:
            continue
        kept.append(drawn)
    return attrs.evolve(scenario, events=tuple(kept))


def main() -> int:
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 1_000
    started = time.perf_counter()
    scenario = full_mix(count)
    made = time.perf_counter() - started
    kinds: dict[str, int] = {}
    for item in scenario.events:
        kinds[item.TYPE] = kinds.get(item.TYPE, 0) + 1
    print(f"{len(scenario.events):,} events of {count:,} drawn ({made:.2f} s to draw and check)")
    print(", ".join(f"{kind} {n}" for kind, n in sorted(kinds.items())))
    started = time.perf_counter()
    replayed = warrant.replay(scenario)
    elapsed = time.perf_counter() - started
    adjustments = replayed.ledger.adjustments
    print(
        f"replay: {elapsed:.2f} s, {len(adjustments):,} adjustments, "
        f"{sum(1 for a in adjustments if a.readjustment):,} readjustments, "
        f"reading fields read: {dict(replayed.ledger.consulted)}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
