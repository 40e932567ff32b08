"""The cyclic garbage collector paused while the ledger applies an event.

A replay makes millions of small objects — fractions, frozen records, positions — that
hold no reference cycles, so reference counting frees every one of them; the cyclic
collector finds nothing to free, yet walks the whole register again each time it runs,
and the register grows with every event (a third of a 100,000-event replay went to it).
It is paused while an event is applied (``Ledger.apply``) and left as it was found, so it
runs at most about once per event, between events; nothing else changes.
"""

from __future__ import annotations

import contextlib
import gc
from collections.abc import Iterator


@contextlib.contextmanager
def collector_paused() -> Iterator[None]:
    """Run the block with the cyclic collector off (if it was on), and turn it back on."""
    if not gc.isenabled():
        yield
        return
    gc.disable()
    try:
        yield
    finally:
        gc.enable()
