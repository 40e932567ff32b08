"""The states a ledger keeps for a recomputation (``Change.keep_state_before``): an unpaid
dividend's recomputation that starts from one gives exactly what a replay from the first
event gives, record for record; a resumed run has them too; and a side-by-side run can
resume from another run's checkpoints through any ledger of the same facts."""

from __future__ import annotations

import contextlib
import sys
from pathlib import Path

import pytest

from reference.registers import RandomChooser, register
from warrant.files.scenario_files import Scenario, event_from_data, scenario_from_data
from warrant.ground.errors import WarrantError
from warrant.instrument.readings import CarveOutCounting, Reading
from warrant.register.events import Event
from warrant.register.ledger import Ledger


def _scenario(seed: int) -> tuple[Scenario, list[Event]]:
    data = register(RandomChooser(seed), events=80)
    rows = data.pop("event")
    scenario = scenario_from_data(data, base=Path.cwd())
    events = []
    for index, row in enumerate(rows):
        try:
            events.append(event_from_data(row, where=f"event[{index}]"))
        except WarrantError:
            continue  # an event refused as it is read: not part of the register
    return scenario, events


def _ledger(scenario: Scenario, reading: Reading | None = None, **kwargs: bool) -> Ledger:
    return Ledger(
        capitalization=scenario.capitalization, prices=scenario.prices,
        series=scenario.warrants, reading=reading, **kwargs,
    )


def _apply(ledger: Ledger, events: list[Event]) -> list[tuple[int, str]]:
    refused = []
    for index, event in enumerate(events):
        try:
            ledger.apply(event)
        except WarrantError as error:
            refused.append((index, str(error)))
    return refused


def _run(seed: int, *, keep: bool) -> tuple[object, ...]:
    scenario, events = _scenario(seed)
    ledger = _ledger(scenario)
    if not keep:
        ledger._states_before = None  # every recomputation replays from the first event
    refused = _apply(ledger, events)
    return (
        ledger.price, ledger.position, ledger.adjustments, ledger.determinations,
        dict(ledger.grants), refused, dict(ledger.consulted),
    )


#: random registers, some of whose unpaid dividends recompute the whole register
SEEDS = (2, 3, 5, 8, 13, 21, 34, 55, 89, 144)


@pytest.mark.parametrize("seed", SEEDS)
def test_a_recomputation_from_a_kept_state_equals_one_from_the_first_event(seed: int) -> None:
    sys.set_int_max_str_digits(0)
    assert _run(seed, keep=True) == _run(seed, keep=False)


def test_the_registers_do_recompute_from_a_kept_state(monkeypatch: pytest.MonkeyPatch) -> None:
    restored = []
    original = Ledger._restore

    def counted(self: Ledger, state: object, source: Ledger) -> None:
        restored.append(state)
        original(self, state, source)  # type: ignore[arg-type]

    monkeypatch.setattr(Ledger, "_restore", counted)
    for seed in SEEDS:
        scenario, events = _scenario(seed)
        _apply(_ledger(scenario), events)
    assert restored


def test_a_run_resumed_through_another_ledger_equals_one_resumed_through_its_own() -> None:
    scenario, events = _scenario(5)
    first = _ledger(scenario, checkpoints=True)
    _apply(first, events)
    assert first.checkpoints
    other = Reading(carve_out_counting=CarveOutCounting.CUMULATIVE_GRANTS)
    checkpoint = first.checkpoints[-1]
    own = first.resume(checkpoint, other)
    through = _ledger(scenario, checkpoints=True).resume(
        checkpoint, other, earlier=first.checkpoints
    )
    assert [c.index for c in own.checkpoints] == [c.index for c in through.checkpoints]
    for resumed in (own, through):
        for event in events[checkpoint.index:]:
            with contextlib.suppress(WarrantError):
                resumed.apply(event)
    assert (own.price, own.position, own.adjustments) == (
        through.price, through.position, through.adjustments
    )
