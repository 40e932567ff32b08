"""The series' details (Section 3): exact refusals of a bad series, surrender wording, new ids."""

from __future__ import annotations

import pytest

from engine_helpers import D
from warrant.ground.errors import InvalidValue
from warrant.register.series import SeriesState, SeriesWarrant, Surrender, SurrenderedFor


def test_section_3_a_series_holds_only_warrants():
    with pytest.raises(InvalidValue) as caught:
        SeriesState.of([SeriesWarrant(id="W-1", face_shares=10), {"id": "W-2"}])
    assert caught.value.message == "expected a SeriesWarrant, got dict"
    assert (caught.value.field, caught.value.clause) == ("series", None)


def test_section_3_two_warrants_with_one_id_are_refused():
    with pytest.raises(InvalidValue) as caught:
        SeriesState.of([SeriesWarrant(id="W-1", face_shares=10),
                        SeriesWarrant(id="W-1", face_shares=20)])
    assert caught.value.message == "two warrants of the series have the id 'W-1'"
    assert (caught.value.field, caught.value.clause) == ("series.id", "Section 3")


@pytest.mark.parametrize(
    ("replaced_by", "text"),
    [((), "warrant 'W-1' was exercised on 2002-06-03"),
     (("W-1.1", "W-1.2"), "warrant 'W-1' was exercised on 2002-06-03; in its place: W-1.1, W-1.2")],
)
def test_section_3_a_surrender_says_what_replaced_it(replaced_by, text):
    gone = Surrender(id="W-1", how=SurrenderedFor.EXERCISE, date=D(2002, 6, 3),
                     replaced_by=replaced_by)
    assert gone.describe() == text


@pytest.mark.parametrize(
    ("wanted", "fields"), [(("A", None), ("to[0]",)), ((None,), ("to[0]", "to[1]"))]
)
def test_section_3_each_wanted_id_needs_its_field(wanted, fields):
    series = SeriesState.of([SeriesWarrant(id="W-1", face_shares=10)])
    with pytest.raises(ValueError, match="zip"):
        series.new_ids("W-1", wanted, fields=fields, clause="Section 3")
    assert series.new_ids("W-1", ("A", None), fields=("to[0]", "to[1]"),
                          clause="Section 3") == ("A", "W-1.1")
