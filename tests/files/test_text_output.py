"""The replay table for people: long exact figures with their rounded value beside them, and
an event column that names the event (SPEC §10)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import warrant
from warrant.files.text_output import replay_table

EXAMPLE = Path(__file__).parents[2] / "examples" / "section-14.toml"


def test_spec_10_the_price_in_force_is_exact_with_its_rounded_value_beside_it():
    scenario = warrant.load_scenario(EXAMPLE)
    text = replay_table(warrant.replay(scenario, as_of=dt.date(2002, 7, 15)))
    # 1.903625 × 8,260,000 / 8,500,000 = 6,289,577 / 3,400,000 = 1.84987558…
    assert "In force on 2002-07-15: Exercise Price 6289577/3400000 (≈1.849876)" in text
    # 100,000 × 1.94 / (6,289,577 / 3,400,000) = 659,600,000,000 / 6,289,577, and with
    # 6,289,577 = 97 × 64,841: 6,800,000,000 / 64,841 = 104871.917460…
    assert "on the face: 6800000000/64841 (≈104871.917460)" in text


def test_spec_10_a_short_decimal_in_force_is_written_alone():
    text = replay_table(warrant.replay(warrant.load_scenario(EXAMPLE)))
    assert "In force on 2003-06-30: Exercise Price 1.903625\n" in text
    assert "on the face: 16000000/157 (≈101910.828025)" in text


def test_spec_10_the_event_column_names_an_event_without_an_id_by_type_and_position():
    text = replay_table(warrant.replay(warrant.load_scenario(EXAMPLE)))
    rows = [line.split() for line in text.splitlines() if line[:1].isdigit()]
    # the ids of the first two events; the expiry has none: its type and position
    assert [row[3] for row in rows[:2]] == ["sale-2002", "options-2002"]
    assert rows[2][4:6] == ["expiry", "#2"]


def test_spec_10_reasons_write_a_fraction_with_its_value():
    text = replay_table(warrant.replay(warrant.load_scenario(EXAMPLE)))
    # 413/425 = 0.97176470588…
    assert "instead of 413/425 (≈0.9717647059)" in text
