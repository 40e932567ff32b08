"""The engine and the reference model on one register, compared figure by figure.

After every event the engine's ledger is read through its public views — the price, the
shares receivable under the series, the shares issued and deemed, the carve-out (cap,
used, remaining, promised, over cap) — and compared exactly with the reference model
replayed, from the Issue Date, on the events so far.  A refusal must come from both, at
the same position.  At the end the adjustments that moved the price are compared: clause,
date, event and price after.
"""

from __future__ import annotations

import datetime as dt
from fractions import Fraction
from pathlib import Path
from typing import Any

import attrs

from reference import model
from warrant.files.scenario_files import event_from_data, scenario_from_data
from warrant.ground.errors import WarrantError
from warrant.register.ledger import Ledger

#: The figures compared after each event, by name.
FIGURES = (
    "exercise_price", "shares", "issued", "deemed", "cap", "used", "remaining", "promised",
    "over_cap",
)


@attrs.frozen
class Disagreement(Exception):
    """The first place where the two sides part: an event position and what differs."""

    index: int
    what: str

    def __str__(self) -> str:
        return f"event[{self.index}]: {self.what}"


def engine_figures(ledger: Ledger, terms_price: Fraction) -> dict[str, Fraction]:
    position = ledger.position
    carve = ledger.carve_out
    outstanding = ledger.outstanding
    return {
        "exercise_price": ledger.price,
        "shares": position.series.total_shares(terms_price, ledger.price),
        "issued": outstanding.issued,
        "deemed": outstanding.deemed,
        "cap": carve.cap,
        "used": carve.used,
        "remaining": carve.remaining,
        "promised": carve.promised,
        "over_cap": carve.over_cap,
    }


def model_figures(result: model.RefResult) -> dict[str, Fraction]:
    return {name: getattr(result, name) for name in FIGURES}


def _prefix(scenario: dict[str, Any], count: int) -> dict[str, Any]:
    return {**scenario, "event": scenario["event"][:count]}


def _moves(entries: list[tuple[str, dt.date, str, Fraction]], start: Fraction) -> list[Any]:
    """The entries that moved the price, as (clause, date, event, price after)."""
    moved, price = [], start
    for entry in entries:
        if entry[3] != price:
            moved.append(entry)
        price = entry[3]
    return moved


def compare(scenario: dict[str, Any]) -> int:
    """Replay ``scenario`` on both sides; raise :class:`Disagreement` at the first figure
    or refusal that differs.  Returns the number of events both applied."""
    parsed = scenario_from_data(_prefix(scenario, 0), base=Path.cwd())
    ledger = Ledger(
        capitalization=parsed.capitalization, prices=parsed.prices, terms=parsed.terms,
        reading=parsed.reading, series=parsed.warrants,
    )
    initial = parsed.terms.exercise_price
    moves: list[tuple[str, dt.date, str, Fraction]] = []
    for index, raw in enumerate(scenario["event"]):
        engine_error: WarrantError | None = None
        before, made = ledger.price, len(ledger.adjustments)
        try:
            # an event is read as the scenario file reads it, so a refusal of its own
            # fields is a refusal at its position too
            ledger.apply(event_from_data(raw, where=f"event[{index}]"))
        except WarrantError as error:
            engine_error = error
        else:
            # what the event did to the price, net: an unpaid dividend's adjustment and
            # its undo on the record date are one event that moved nothing
            if ledger.price != before:
                last = ledger.adjustments[-1]
                moves.append(
                    (last.clause, last.date, last.event.id or f"#{index}", ledger.price)
                )
            del made
        try:
            expected = model.replay(_prefix(scenario, index + 1))
        except model.Refused as refused:
            if engine_error is None:
                raise Disagreement(index, f"the model refuses ({refused}); the engine applies "
                                   f"it") from None
            if refused.index != index:
                raise Disagreement(index, f"the model refuses event[{refused.index}]") from None
            return index
        if engine_error is not None:
            raise Disagreement(index, f"the engine refuses ({engine_error}); the model applies it")
        got = engine_figures(ledger, initial)
        want = model_figures(expected)
        differ = {name: (got[name], want[name]) for name in FIGURES if got[name] != want[name]}
        if differ:
            shown = "; ".join(f"{name}: engine {g} model {w}" for name, (g, w) in differ.items())
            raise Disagreement(index, shown)
    final = model.replay(scenario)
    # the model's entries netted per event, as the engine's are
    expected_moves, price, entries = [], initial, list(final.adjustments)
    for position, entry in enumerate(entries):
        if position + 1 < len(entries) and entries[position + 1].event == entry.event:
            continue  # not the event's last entry
        if entry.price_after != price:
            expected_moves.append((entry.clause, entry.date, entry.event, entry.price_after))
        price = entry.price_after
    if moves != expected_moves:
        raise Disagreement(len(scenario["event"]), f"adjustments: engine {moves} model "
                           f"{expected_moves}")
    return len(scenario["event"])
