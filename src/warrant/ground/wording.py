"""Whether the reasons a rule gives are worded, while a ledger applies an event.

Every record carries its figures exact, and its reasons in words for people: figures
rounded for the eye (:func:`warrant.ground.exact.shown`) inside sentences.  Wording costs
a fifth of a replay, and the side-by-side view of the readings replays a register a few
dozen times only to compare the figures in force: its ledgers are made with
``explain=False``, and while such a ledger applies an event ``shown`` returns a
placeholder instead of rounding.  The flag is a context variable set around one event and
reset after it, so nothing outside that ledger's own work sees it; a refusal is worded in
full (the ledger decides the refused event again with words, see ``Ledger._decide``).
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from contextvars import ContextVar

#: what ``shown`` gives while reasons are not worded
UNWORDED = "…"

_WORDED: ContextVar[bool] = ContextVar("warrant_reasons_worded", default=True)


def worded() -> bool:
    """Whether reasons are being worded now (always, outside a ledger that does not)."""
    return _WORDED.get()


@contextlib.contextmanager
def wording(on: bool) -> Iterator[None]:
    """Run the block with reasons worded (``on``) or not, and restore what was before."""
    token = _WORDED.set(on)
    try:
        yield
    finally:
        _WORDED.reset(token)
