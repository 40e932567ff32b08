"""docs/python-api.md: every Python block runs, in order, from the repository's root, and
the table of event classes names every keyword each class takes."""

from __future__ import annotations

import os
import re
from pathlib import Path

import attrs

import warrant

ROOT = Path(__file__).resolve().parents[1]
PAGE = ROOT / "docs" / "python-api.md"


def blocks() -> list[str]:
    return re.findall(r"```python\n(.*?)```", PAGE.read_text(encoding="utf-8"), re.DOTALL)


def test_every_python_block_of_the_api_page_runs() -> None:
    found = blocks()
    assert len(found) >= 10
    namespace: dict[str, object] = {"__name__": "python_api_page"}
    before = Path.cwd()
    os.chdir(ROOT)
    try:
        for number, code in enumerate(found, 1):
            try:
                exec(compile(code, f"{PAGE.name} block {number}", "exec"), namespace)
            except Exception as error:  # name the block that failed
                raise AssertionError(f"block {number} of {PAGE.name} failed: {error!r}") from error
    finally:
        os.chdir(before)


def test_the_event_table_names_every_keyword_of_every_event_class() -> None:
    rows = re.findall(r"^\| `(\w+)` \| `([\w-]+)` \| (.*) \|$", PAGE.read_text(), re.MULTILINE)
    table = {name: (kind, keywords) for name, kind, keywords in rows}
    events = {
        name for name in warrant.__all__
        if isinstance(getattr(warrant, name), type)
        and issubclass(getattr(warrant, name), warrant.Event)
        and getattr(warrant, name) is not warrant.Event
    }
    assert events <= set(table)
    for name in events:
        cls = getattr(warrant, name)
        kind, keywords = table[name]
        assert kind == cls.TYPE, name
        expected = [
            f"**{f.name}**" if f.default is attrs.NOTHING else f.name
            for f in attrs.fields(cls) if f.name not in ("date", "id")
        ]
        assert keywords.split(", ") == expected, name
