"""The engine and the reference model on one register, compared figure by figure.

After every event the engine's ledger is read through its public views — the price, the
shares receivable under the series, the shares issued and deemed, the carve-out (cap,
used, remaining, promised, over cap) — and compared exactly with the reference model
replayed, from the Issue Date, on the events so far.  A refusal must come from both, at
the same position, and must leave the ledger exactly as it was.  At the end the
adjustments that moved the price are compared: clause, date, event and price after (an
event's records netted, so an unpaid dividend's adjustment and undo, or a repricing's
restatement and re-issue, count as what they did to the price).
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

Move = tuple[str, dt.date, str, Fraction]


@attrs.frozen
class Disagreement(Exception):
    """The first place where the two sides part: an event position and what differs."""

    index: int
    what: str

    def __str__(self) -> str:
        return f"event[{self.index}]: {self.what}"


def engine_figures(ledger: Ledger, initial: Fraction) -> dict[str, Fraction]:
    carve = ledger.carve_out
    outstanding = ledger.outstanding
    return {
        "exercise_price": ledger.price,
        "shares": ledger.position.series.total_shares(initial, ledger.price),
        "issued": outstanding.issued,
        "deemed": outstanding.deemed,
        "cap": carve.cap,
        "used": carve.used,
        "remaining": carve.remaining,
        "promised": carve.promised,
        "over_cap": carve.over_cap,
    }


def _observable(ledger: Ledger) -> tuple[object, ...]:
    return (
        ledger.position, dict(ledger.grants), ledger.adjustments, ledger.determinations,
        ledger.events, ledger.carve_out,
    )


class Agreement:
    """One register built event by event on both sides (see :func:`compare`)."""

    def __init__(self, head: dict[str, Any]) -> None:
        self.head = {**head, "event": []}
        parsed = scenario_from_data(self.head, base=Path.cwd())
        self.ledger = Ledger(
            capitalization=parsed.capitalization, prices=parsed.prices, terms=parsed.terms,
            reading=parsed.reading, series=parsed.warrants,
        )
        self.initial = parsed.terms.exercise_price
        self.events: list[dict[str, Any]] = []
        self.moves: list[Move] = []

    def step(self, raw: dict[str, Any]) -> bool:
        """Apply ``raw`` on both sides: True when both applied it, False when both refused
        it at this position (and the ledger is unchanged); else :class:`Disagreement`."""
        index = len(self.events)
        ledger = self.ledger
        before, observed = ledger.price, _observable(ledger)
        made_before = len(ledger.adjustments)
        engine_error: WarrantError | None = None
        try:
            # read as the scenario file reads it: a refusal of the event's own fields is
            # a refusal at its position too
            ledger.apply(event_from_data(raw, where=f"event[{index}]"))
        except WarrantError as error:
            engine_error = error
        try:
            expected = model.replay({**self.head, "event": [*self.events, raw]})
        except model.Refused as refused:
            if engine_error is None:
                raise Disagreement(
                    index, f"the model refuses ({refused}); the engine applies it"
                ) from None
            if refused.index != index:
                raise Disagreement(index, f"the model refuses event[{refused.index}]") from None
            if _observable(ledger) != observed:
                raise Disagreement(index, "the engine's refusal changed the ledger") from None
            return False
        if engine_error is not None:
            raise Disagreement(index, f"the engine refuses ({engine_error}); the model applies it")
        self.events.append(raw)
        got = engine_figures(ledger, self.initial)
        want = {name: getattr(expected, name) for name in FIGURES}
        differ = [name for name in FIGURES if got[name] != want[name]]
        if differ:
            raise Disagreement(
                index, "; ".join(f"{n}: engine {got[n]} model {want[n]}" for n in differ)
            )
        if ledger.price != before:
            # the event's last record that moved the price names it (a recomputation may
            # add records beside it that restate and move nothing)
            made = [a for a in ledger.adjustments[made_before:] if a.price_after != a.price_before]
            last = (made or list(ledger.adjustments[made_before:]))[-1]
            self.moves.append((last.clause, last.date, last.event.id or f"#{index}", ledger.price))
        return True

    def finish(self) -> None:
        """Compare the adjustments that moved the price, event by event."""
        final = model.replay({**self.head, "event": self.events})
        expected: list[Move] = []
        price, entries = self.initial, list(final.adjustments)
        for position, entry in enumerate(entries):
            if position + 1 < len(entries) and entries[position + 1].event == entry.event:
                continue  # not the event's last entry
            if entry.price_after != price:
                expected.append((entry.clause, entry.date, entry.event, entry.price_after))
            price = entry.price_after
        if self.moves != expected:
            raise Disagreement(
                len(self.events), f"adjustments: engine {self.moves} model {expected}"
            )


def compare(scenario: dict[str, Any]) -> int:
    """Replay ``scenario`` on both sides, stopping at the first refusal; raise
    :class:`Disagreement` at the first figure or refusal that differs.  Returns the number
    of events both applied."""
    agreement = Agreement(scenario)
    for raw in scenario["event"]:
        if not agreement.step(raw):
            break
    agreement.finish()
    return len(agreement.events)
