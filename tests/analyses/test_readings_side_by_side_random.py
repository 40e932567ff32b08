"""Every reading side by side (SPEC §9) on random registers of every event type: the
shortcut — a run only for readings that can differ, resumed from the latest state before
they part; a reading refused at an event signed by what its rules read — gives, under each
of the 96 readings, exactly the figures or the refusal a replay from the start gives.

The registers come from the reference model's generator (``tests/reference/registers.py``),
keeping the events the default reading applies: other readings may refuse one of them.
"""

from __future__ import annotations

from pathlib import Path

import attrs
import pytest

from reference.registers import RandomChooser, register
from warrant.analyses.readings_side_by_side import _outcome, readings_side_by_side
from warrant.analyses.replay import replay
from warrant.files.scenario_files import event_from_data, scenario_from_data
from warrant.ground.errors import WarrantError
from warrant.instrument.readings import Reading
from warrant.register.ledger import Ledger

ROOT = Path(__file__).resolve().parent


# seed 41: 32 readings refuse event 48, with four different errors
@pytest.mark.parametrize("seed", [*range(8), 41])
def test_side_by_side_equals_a_replay_under_each_reading(seed: int) -> None:
    data = register(RandomChooser(1_000 + seed), events=60)
    data.pop("reading")
    rows = data.pop("event")
    case = scenario_from_data(data, base=ROOT)
    ledger = Ledger(
        capitalization=case.capitalization, prices=case.prices, terms=case.terms,
        series=case.warrants,
    )
    events = []
    for index, row in enumerate(rows):
        try:  # kept: the events the default reading applies (others may refuse them)
            event = event_from_data(row, where=f"event[{index}]")
            ledger.apply(event)
        except WarrantError:
            continue
        events.append(event)
    case = attrs.evolve(case, events=tuple(events))
    side = readings_side_by_side(case)
    answered = {r: group.outcome for group in side.groups for r in group.readings}
    refused = {r: group.refusal for group in side.refused for r in group.readings}
    assert len(answered) + len(refused) == len(Reading.all())
    for reading in Reading.all():
        under = attrs.evolve(case, reading=reading)
        try:
            full = replay(under)
        except WarrantError as error:
            assert reading in refused, reading.label()
            assert refused[reading].error == str(error)
            continue
        assert answered.get(reading) == _outcome(under, full.ledger), reading.label()


# Every drawn event kept, under a reading of the scenario's own: the register may be refused
# under it, and then side by side refuses it with the same error a replay gives.
@pytest.mark.parametrize("seed", range(60))
def test_side_by_side_refuses_what_a_replay_refuses_under_the_scenarios_own_reading(
    seed: int,
) -> None:
    data = register(RandomChooser(2_000 + seed), events=40)
    data.pop("reading")
    rows = data.pop("event")
    case = scenario_from_data(data, base=ROOT)
    events = []
    for index, row in enumerate(rows):
        try:  # an event its own validators refuse is not a register's event
            events.append(event_from_data(row, where=f"event[{index}]"))
        except WarrantError:
            continue
    own = Reading.all()[(seed * 37) % len(Reading.all())]
    case = attrs.evolve(case, events=tuple(events), reading=own)
    try:
        full = replay(case)
    except WarrantError as error:
        with pytest.raises(WarrantError) as refused:
            readings_side_by_side(case)
        assert str(refused.value) == str(error)
        return
    side = readings_side_by_side(case)
    assert side.groups[0].outcome == _outcome(case, full.ledger)
    assert own in side.groups[0].readings
