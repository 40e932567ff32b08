"""A ledger for the figures only (``Ledger(explain=False)``), as the side-by-side view of
the readings makes them: every figure of every record, and every refusal, exactly as a
ledger that words its reasons gives them; only the words of the reasons are left out.

The registers come from the reference model's generator (every event type, invalid
events included), under the reading it draws."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import attrs
import pytest

from reference.registers import RandomChooser, register
from warrant.files.scenario_files import event_from_data, scenario_from_data
from warrant.ground.errors import WarrantError
from warrant.ground.exact import shown
from warrant.ground.wording import UNWORDED
from warrant.register.ledger import Ledger

ROOT = Path(__file__).resolve().parent


def _without_words(record: Any) -> Any:
    if hasattr(record, "note"):
        return attrs.evolve(record, note="")
    return attrs.evolve(record, reasons=())


@pytest.mark.parametrize("seed", range(12))
def test_figures_only_gives_every_figure_and_refusal_a_worded_ledger_gives(seed: int) -> None:
    data = register(RandomChooser(2_000 + seed), events=60)
    rows = data.pop("event")
    case = scenario_from_data(data, base=ROOT)

    def ledger(explain: bool) -> Ledger:
        return Ledger(
            capitalization=case.capitalization, prices=case.prices, terms=case.terms,
            reading=case.reading, series=case.warrants, explain=explain,
        )

    worded, figures = ledger(True), ledger(False)
    refusals = 0
    for index, row in enumerate(rows):
        try:
            event = event_from_data(row, where=f"event[{index}]")
        except WarrantError:
            continue
        try:
            worded.apply(event)
        except WarrantError as error:
            refusals += 1
            with pytest.raises(WarrantError) as same:
                figures.apply(event)
            assert str(same.value) == str(error)  # a refusal is worded in full
            assert UNWORDED not in str(same.value)
            continue
        figures.apply(event)
    assert figures.price == worded.price
    assert [_without_words(a) for a in figures.adjustments] == [
        _without_words(a) for a in worded.adjustments
    ]
    assert [_without_words(d) for d in figures.determinations] == [
        _without_words(d) for d in worded.determinations
    ]
    assert dict(figures.consulted) == dict(worded.consulted)
    # the words are what is left out: where a text differs, a figure was not worded
    adjustments = zip(figures.adjustments, worded.adjustments, strict=True)
    texts = [(a.note, b.note) for a, b in adjustments] + [
        pair
        for a, b in zip(figures.determinations, worded.determinations, strict=True)
        for pair in zip(a.reasons, b.reasons, strict=True)
    ]
    for unworded, full in texts:
        assert unworded == full or (UNWORDED in unworded and UNWORDED not in full)
    if seed == 0:
        assert any(unworded != full for unworded, full in texts)
    # ... and only inside that ledger's work: a figure shown after it is worded
    assert shown(1) == "1"
