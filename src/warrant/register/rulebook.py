"""The rules for one instrument: which function decides each kind of event.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from warrant.register.book import Book, Change
from warrant.register.events import Event
from warrant.register.records import (
    EventRef,
)

Rule = Callable[[Book, Any, EventRef], Change]


RULES: dict[type[Event], Rule] = {}


E = TypeVar("E", bound=Event)


def rule_for(
    kind: type[E],
) -> Callable[[Callable[[Book, E, EventRef], Change]], Callable[[Book, E, EventRef], Change]]:
    """Register the rule that applies to events of ``kind``."""

    def register(
        function: Callable[[Book, E, EventRef], Change],
    ) -> Callable[[Book, E, EventRef], Change]:
        RULES[kind] = function
        return function

    return register
