"""docs/scenario-files.md documents every event type the library accepts: a section per
registered type, every key the type takes named in it, and an example that loads."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

import attrs
import pytest

from warrant.files.scenario_files import event_from_data
from warrant.register.events import EVENT_TYPES

REFERENCE = Path(__file__).parents[2] / "docs" / "scenario-files.md"
#: keys every event has, documented once above the sections
COMMON = {"date", "id"}


def sections() -> dict[str, str]:
    """Event type → the text of its ``### `type` `` section."""
    text = REFERENCE.read_text(encoding="utf-8")
    parts = re.split(r"^### `([a-z-]+)`\s*$", text, flags=re.MULTILINE)
    found = {}
    for name, body in zip(parts[1::2], parts[2::2], strict=True):
        found[name] = re.split(r"^## ", body, maxsplit=1, flags=re.MULTILINE)[0]
    return found


def test_every_registered_event_type_has_a_section():
    missing = sorted(set(EVENT_TYPES) - set(sections()))
    assert not missing, f"document these event types in {REFERENCE.name}: {missing}"


def test_every_section_is_a_registered_event_type():
    assert sorted(set(sections()) - set(EVENT_TYPES)) == []


@pytest.mark.parametrize("kind", sorted(EVENT_TYPES))
def test_every_key_of_the_type_is_in_its_table(kind):
    body = sections().get(kind, "")
    rows = set(re.findall(r"^\| `([a-z_]+)` \|", body, flags=re.MULTILINE))
    keys = {field.name for field in attrs.fields(EVENT_TYPES[kind])} - COMMON
    assert keys - rows == set(), f"{kind}: keys with no row"
    assert rows - keys - COMMON == set(), f"{kind}: rows for keys the type does not take"


@pytest.mark.parametrize("kind", sorted(EVENT_TYPES))
def test_the_example_of_each_type_loads(kind):
    body = sections().get(kind, "")
    examples = re.findall(r"```toml\n(.*?)```", body, flags=re.DOTALL)
    assert examples, f"{kind}: no example"
    for example in examples:
        events = tomllib.loads(example)["event"]
        for index, raw in enumerate(events):
            assert raw["type"] == kind
            event = event_from_data(raw, where=f"{kind} example, event[{index}]")
            assert type(event) is EVENT_TYPES[kind]
