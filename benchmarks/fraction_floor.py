"""The library's replay against a floor: the same exact Fraction arithmetic, in a bare loop.

    python benchmarks/fraction_floor.py [--quick] [--repeats 3]

Registers: ``benchmarks/run.py``'s ``mixed_register`` of 1,000, 10,000 and 100,000 events
(seed 7; ``--quick`` leaves out 100,000) and its readjustment-heavy register of 10,000
events (seed 11), on its saw-tooth ``price_history``, under the 2002 terms and the default
reading (nothing rounded: the price is ``initial × Π factor``).

What is measured (CPU seconds, ``time.process_time``, best of ``--repeats``, the library
and the floors taking turns in one process):

* **library**: a ``Ledger`` built as ``run.py`` builds it, and ``apply`` of every event —
  what ``run.py`` times (``warrant.replay`` adds only the scenario's date-order check).
  Everything the engine does is in it: the rules, the FMV, the carve-out, the share
  counts, the records and reasons of every event.
* **floor**: one pass over the events.  An event that adjusts nothing costs an integer
  add.  For each adjustment the event makes it does the arithmetic the formula needs on the
  exact price, from inputs worked out beforehand (not timed):

  - a 4.C issue or deemed issue: ``(A + B) / (A + C)`` built from the integer numerators
    and denominators of ``A``, ``B`` and ``C`` (one ``Fraction``, one gcd), multiplied into
    the price;
  - a split (4.E) or stock dividend (4.D): ``1 / ratio`` or ``N / (N + D)`` from integers,
    multiplied into the price;
  - a readjustment (4.C(3), or 4.C(6) closing the old terms): every step it recomputes —
    the deemed issue on its new basis and each later step on its new ``A`` — rebuilt from
    its ``A``, ``B``, ``C`` as above (a step that stays at its factor is not rebuilt), then
    the price multiplied once by ``Π new / Π old`` formed in integers (the old factors are
    inputs).

  It excludes everything that decides *which* arithmetic to do: the rules, the FMV and the
  below-FMV test, which steps a readjustment reaches and their new ``A``, the share
  counts, the records.
* **multiply**: the barest floor: one pass over the events, an integer add for an event
  that adjusts nothing and, for each adjustment record, ``price *= factor`` with the
  record's net factor ``price_after / price_before`` given.

The inputs are taken from one untimed replay: the adjustment records (``A`` =
``outstanding_before``, ``B`` = ``bought_at_fmv``, ``C`` = ``additional_shares``) and, for
readjustments, the steps ``readjust`` replaced (the records give only the deemed issue's
new basis, not the later steps it recomputes).  The run asserts that every rebuilt factor
is the library's, that ``initial × Π record factors`` is the ledger's final price, and that
each floor ends on that exact price.

Timings are machine-dependent: this is a benchmark, never a test.
"""

from __future__ import annotations

import argparse
import math
import time
from collections.abc import Callable
from fractions import Fraction
from typing import Any

from run import FIRST, LAST, mixed_register, price_history

import warrant
from warrant.register.events import Event, StockSplit
from warrant.register.ledger import Capitalization, Ledger
from warrant.section4 import c3_after_grant, c6_repricing
from warrant.section4.c1_formula import WeightedAverageStep

# One adjustment's inputs, for the floor:
#   (WEIGHTED, a, a_den, b, b_den, c, c_den)   price × (A + B) / (A + C)
#   (RATIO, numerator, denominator)            price × numerator / denominator
#   (READJUST, ((old, spec), ...))             price × Π new / Π old, each new built from
#                                              spec = (a, a_den, b, b_den, c, c_den), or
#                                              given as a Fraction when it is not rebuilt
WEIGHTED, RATIO, READJUST = 0, 1, 2
Op = tuple[Any, ...]
Plan = list[tuple[Op, ...]]


def new_ledger(prices: warrant.PriceHistory) -> Ledger:
    return Ledger(capitalization=Capitalization(common_outstanding=10_000_000), prices=prices)


def library_replay(events: list[Event], prices: warrant.PriceHistory) -> Ledger:
    ledger = new_ledger(prices)
    for event in events:
        ledger.apply(event)
    return ledger


def weighted(a: Fraction, b: Fraction, c: Fraction) -> tuple[int, ...]:
    return (a.numerator, a.denominator, b.numerator, b.denominator, c.numerator, c.denominator)


def weighted_factor(spec: tuple[int, ...]) -> Fraction:
    a, a_den, b, b_den, c, c_den = spec
    return Fraction((a * b_den + b * a_den) * c_den, (a * c_den + c * a_den) * b_den)


def collect(
    events: list[Event], prices: warrant.PriceHistory
) -> tuple[Ledger, Plan, list[tuple[Fraction, ...]], int]:
    """One replay with ``readjust`` watched: the floor's inputs, per event, and the steps
    the readjustments recomputed."""
    replaced: dict[int, tuple[tuple[Fraction, Any], ...]] = {}
    originals = c3_after_grant.readjust, c6_repricing.readjust
    assert originals[0] is originals[1]

    def watched(book: Any, *args: Any, **kwargs: Any) -> Any:
        result = originals[0](book, *args, **kwargs)
        pairs = []
        for index, new in result.replaced_steps:
            assert isinstance(new, WeightedAverageStep) and new.ratchet_price is None
            old = book.steps[index].factor
            if new.clamped or new.factor == old:
                pairs.append((old, new.factor))  # not rebuilt (rescaled skips new == old)
            else:
                spec = weighted(new.outstanding, new.bought, new.additional)
                assert weighted_factor(spec) == new.factor
                pairs.append((old, spec))
        replaced[result.adjustment.sequence] = tuple(pairs)
        return result

    c3_after_grant.readjust = c6_repricing.readjust = watched  # type: ignore[assignment]
    try:
        ledger = library_replay(events, prices)
    finally:
        c3_after_grant.readjust, c6_repricing.readjust = originals
    plan: list[list[Op]] = [[] for _ in events]
    factors: list[list[Fraction]] = [[] for _ in events]
    price = ledger.adjustments[0].price_before if ledger.adjustments else ledger.position.price
    initial, steps = price, 0
    for record in ledger.adjustments:
        assert record.price_before == price, "the records chain"
        price = record.price_after
        factor = record.factor
        op: Op
        if record.readjustment:
            pairs = replaced[record.sequence]
            steps += len(pairs)
            op = (READJUST, pairs)
        elif record.clause.startswith("4.C"):
            assert record.formula is None and record.bought_at_fmv is not None
            op = (
                WEIGHTED,
                *weighted(
                    record.outstanding_before, record.bought_at_fmv, record.additional_shares
                ),
            )
        elif record.clause == "4.D":
            n, d = record.outstanding_before, record.additional_shares
            op = (RATIO, *(n / (n + d)).as_integer_ratio())
        elif record.clause == "4.E":
            split = events[record.event.index]
            assert isinstance(split, StockSplit)
            op = (RATIO, *(1 / split.ratio).as_integer_ratio())
        else:
            raise AssertionError(f"no floor for clause {record.clause}")
        assert apply_op(Fraction(1), op) == factor, f"adjustment {record.sequence}"
        plan[record.event.index].append(op)
        factors[record.event.index].append(factor)
    assert initial * math.prod(f for fs in factors for f in fs) == ledger.position.price
    return ledger, [tuple(ops) for ops in plan], [tuple(fs) for fs in factors], steps


def apply_op(price: Fraction, op: Op) -> Fraction:
    kind = op[0]
    if kind == WEIGHTED:
        return price * weighted_factor(op[1:])
    if kind == RATIO:
        return price * Fraction(op[1], op[2])
    up, down = 1, 1
    for old, spec in op[1]:
        new = spec if isinstance(spec, Fraction) else weighted_factor(spec)
        if new != old:
            up *= new.numerator * old.denominator
            down *= new.denominator * old.numerator
    return price * Fraction(up, down)


def floor(initial: Fraction, plan: Plan) -> tuple[Fraction, int]:
    """The formula floor: each event's adjustments built from their inputs (see above)."""
    price, tally = initial, 0
    for ops in plan:
        if not ops:
            tally += 1
            continue
        for op in ops:
            kind = op[0]
            if kind == WEIGHTED:
                _, a, a_den, b, b_den, c, c_den = op
                price *= Fraction(
                    (a * b_den + b * a_den) * c_den, (a * c_den + c * a_den) * b_den
                )
            elif kind == RATIO:
                price *= Fraction(op[1], op[2])
            else:
                up, down = 1, 1
                for old, spec in op[1]:
                    if isinstance(spec, Fraction):
                        new = spec
                    else:
                        a, a_den, b, b_den, c, c_den = spec
                        new = Fraction(
                            (a * b_den + b * a_den) * c_den, (a * c_den + c * a_den) * b_den
                        )
                    if new != old:
                        up *= new.numerator * old.denominator
                        down *= new.denominator * old.numerator
                price *= Fraction(up, down)
    return price, tally


def multiply(initial: Fraction, factors: list[tuple[Fraction, ...]]) -> tuple[Fraction, int]:
    """The barest floor: each adjustment's net factor, given, multiplied into the price."""
    price, tally = initial, 0
    for fs in factors:
        if not fs:
            tally += 1
            continue
        for factor in fs:
            price *= factor
    return price, tally


def best_of(repeats: int, runs: list[Callable[[], object]]) -> list[float]:
    """The best CPU time of each of ``runs``, taking turns ``repeats`` times."""
    best = [float("inf")] * len(runs)
    for _ in range(repeats):
        for i, run in enumerate(runs):
            started = time.process_time()
            run()
            best[i] = min(best[i], time.process_time() - started)
    return best


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="skip the 100,000-event register")
    parser.add_argument("--repeats", type=int, default=3, help="best of this many (default 3)")
    args = parser.parse_args()
    prices = price_history(FIRST, LAST)
    cases = [("mixed", 1_000, 7, False), ("mixed", 10_000, 7, False)]
    if not args.quick:
        cases.append(("mixed", 100_000, 7, False))
    cases.append(("heavy", 10_000, 11, True))
    print(
        f"{'register':<8} {'events':>8} {'adjust.':>7} {'readj.':>6} {'steps':>6} "
        f"{'library s':>10} {'floor s':>9} {'ratio':>8} {'multiply s':>10} {'ratio':>8}"
    )
    for name, size, seed, heavy in cases:
        events = mixed_register(size, seed=seed, readjustment_heavy=heavy)
        ledger, plan, factors, steps = collect(events, prices)
        made = ledger.adjustments
        initial = made[0].price_before if made else ledger.position.price
        final = ledger.position.price
        assert floor(initial, plan)[0] == final
        assert multiply(initial, factors)[0] == final
        lib, flo, mul = best_of(
            args.repeats,
            [
                lambda events=events: library_replay(events, prices),
                lambda plan=plan, initial=initial: floor(initial, plan),
                lambda factors=factors, initial=initial: multiply(initial, factors),
            ],
        )
        print(
            f"{name:<8} {len(events):>8,} {len(made):>7,} "
            f"{sum(1 for a in made if a.readjustment):>6,} {steps:>6,} {lib:>10.3f} "
            f"{flo:>9.5f} {lib / flo:>8,.0f} {mul:>10.5f} {lib / mul:>8,.0f}"
        )
    print(
        "steps: the steps the readjustments recomputed; ratio: library / floor "
        "(CPU, best of each)"
    )


if __name__ == "__main__":
    main()
