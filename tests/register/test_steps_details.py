"""The live steps of the price chain after a change: 4.C(3) retires some, new live steps join."""

from __future__ import annotations

from fractions import Fraction as F

import pytest

from engine_helpers import D
from warrant.register.book import Change
from warrant.register.records import Determination, EventRef, Outcome
from warrant.register.steps import advance_live_steps
from warrant.section4.e_splits import SplitStep

DECIDED = Determination(event=EventRef(index=0, type="issuance"), date=D(2002, 6, 3),
                        clause="4.C(3)", outcome=Outcome.READJUSTED, reasons=())


class Live:
    def __init__(self, live):
        self.live = live


@pytest.mark.parametrize(
    ("retired", "new", "expected"),
    [
        ((1, 3), (), [0, 2]),
        ((), (), [0, 1, 2, 3]),
        ((), (True, False, True, True), [0, 1, 2, 3, 10, 12, 13]),
        ((0,), (True, True), [1, 2, 3, 10, 11]),
    ],
)
def test_4c3_live_steps_after_a_change(retired, new, expected):
    change = Change(determination=DECIDED, retired_steps=retired,
                    new_steps=tuple(Live(live) for live in new))
    assert advance_live_steps([0, 1, 2, 3], 10, change) == expected


def test_4e_a_split_step_never_joins_the_live_steps():
    step = SplitStep(adjustment=4, factor=F(1, 2), scale=F(2))
    assert advance_live_steps([0], 4, Change(determination=DECIDED, new_steps=(step,))) == [0]
