"""The warrant's terms as data (SPEC §1) and the built-in preset ``alpha-2002``."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta, timezone
from fractions import Fraction
from typing import Any

import attrs
import pytest

import warrant
from warrant.ground.errors import (
    FloatRefused,
    InvalidValue,
    NaiveDatetime,
    UnknownPreset,
    WarrantError,
)
from warrant.instrument.terms import ALPHA_2002, PRESETS, WarrantTerms, preset

UTC_MINUS_8 = timezone(timedelta(hours=-8))


# -- the preset carries every figure of SPEC §1 ---------------------------------


def test_preamble_issue_date_is_2002_03_04() -> None:
    assert ALPHA_2002.issue_date == date(2002, 3, 4)
    assert type(ALPHA_2002.issue_date) is date


def test_preamble_expiration_is_aware_17_00_pst_on_2007_03_03() -> None:
    cutoff = ALPHA_2002.expiration
    assert cutoff.tzinfo is not None
    assert cutoff.utcoffset() == timedelta(hours=-8)
    assert cutoff == datetime(2007, 3, 3, 17, 0, tzinfo=UTC_MINUS_8)
    assert cutoff == datetime(2007, 3, 4, 1, 0, tzinfo=UTC)
    assert cutoff.astimezone(UTC).replace(tzinfo=None) == datetime(2007, 3, 4, 1, 0)
    assert ALPHA_2002.expiration_date == date(2007, 3, 3)
    assert ALPHA_2002.expiration_date.weekday() == 5  # a Saturday


def test_preamble_expiration_zone_is_a_fixed_offset_not_daylight_saving() -> None:
    # Pacific *Standard* Time as the warrant names it: -8 h in summer too.
    zone = ALPHA_2002.expiration.tzinfo
    assert zone is not None
    assert zone.utcoffset(datetime(2006, 7, 1, 12, 0)) == timedelta(hours=-8)
    assert zone.utcoffset(datetime(2007, 1, 15, 12, 0)) == timedelta(hours=-8)


def test_preamble_exercise_price_is_exactly_1_94() -> None:
    assert ALPHA_2002.exercise_price == Fraction(194, 100)
    assert type(ALPHA_2002.exercise_price) is Fraction


def test_preamble_par_value_is_exactly_0_03() -> None:
    assert ALPHA_2002.par_value == Fraction(3, 100)
    assert type(ALPHA_2002.par_value) is Fraction


def test_section_4_C_5_iii_carve_out_is_1_969_693_shares() -> None:
    assert ALPHA_2002.carve_out_cap == 1_969_693


def test_section_4_C_5_ii_restructuring_floor_is_85_percent() -> None:
    assert ALPHA_2002.restructuring_floor == Fraction(85, 100)


def test_section_1_fmv_window_is_five_trading_days() -> None:
    assert ALPHA_2002.fmv_window == 5


def test_section_4_H_notice_is_30_days() -> None:
    assert ALPHA_2002.notice_days == 30


def test_spec_14_governing_law_is_california() -> None:
    assert ALPHA_2002.governing_law == "California"


def test_preamble_issuer_is_alpha_technologies() -> None:
    assert ALPHA_2002.issuer == "Alpha Technologies Group, Inc."
    assert ALPHA_2002.name == "alpha-2002"


def test_preset_reachable_from_package_and_by_name() -> None:
    assert warrant.ALPHA_2002 is ALPHA_2002
    assert warrant.preset("alpha-2002") is ALPHA_2002
    assert preset("alpha-2002") is ALPHA_2002
    assert warrant.PRESETS["alpha-2002"] is ALPHA_2002
    assert PRESETS is warrant.PRESETS


@pytest.mark.parametrize("name", ["beta-2003", "ALPHA-2002", "alpha_2002", ""])
def test_unknown_preset_refused_naming_it(name: str) -> None:
    with pytest.raises(UnknownPreset) as caught:
        warrant.preset(name)
    error = caught.value
    assert isinstance(error, LookupError)
    assert isinstance(error, WarrantError)
    assert error.field == "preset"
    assert repr(name) in str(error)
    assert "alpha-2002" in str(error)  # the known names are listed


# -- WarrantTerms refuses bad terms ---------------------------------------------


def _terms(**changes: Any) -> WarrantTerms:
    fields: dict[str, Any] = {
        "name": "test",
        "issuer": "Test Co.",
        "issue_date": date(2002, 3, 4),
        "expiration": datetime(2007, 3, 3, 17, 0, tzinfo=UTC_MINUS_8),
        "exercise_price": "1.94",
        "par_value": "0.03",
        "restructuring_floor": "0.85",
        "carve_out_cap": 1_969_693,
    }
    fields.update(changes)
    return WarrantTerms(**fields)


def test_terms_read_text_exactly() -> None:
    terms = _terms(exercise_price="$2.10", carve_out_cap="1,000,000")
    assert terms.exercise_price == Fraction(21, 10)
    assert terms.carve_out_cap == Fraction(1_000_000)
    assert terms.restructuring_floor == Fraction(17, 20)
    assert terms.fmv_window == 5
    assert terms.notice_days == 30


def test_terms_equal_to_preset_when_built_with_the_same_figures() -> None:
    rebuilt = attrs.evolve(ALPHA_2002)
    assert rebuilt == ALPHA_2002


def test_naive_expiration_refused() -> None:
    with pytest.raises(NaiveDatetime) as caught:
        _terms(expiration=datetime(2007, 3, 3, 17, 0))
    assert caught.value.field == "expiration"


def test_expiration_given_as_a_date_refused_with_a_library_error() -> None:
    with pytest.raises(WarrantError) as caught:
        _terms(expiration=date(2007, 3, 3))
    assert caught.value.field == "expiration"


@pytest.mark.parametrize(
    "field_name", ["exercise_price", "par_value", "restructuring_floor", "carve_out_cap"]
)
def test_float_refused_for_every_number(field_name: str) -> None:
    with pytest.raises(FloatRefused) as caught:
        _terms(**{field_name: 0.5})
    assert caught.value.field == field_name
    assert field_name in str(caught.value)


@pytest.mark.parametrize("field_name", ["exercise_price", "par_value", "restructuring_floor"])
@pytest.mark.parametrize("bad", [0, "-1", Fraction(-1, 100)])
def test_zero_or_negative_number_refused(field_name: str, bad: object) -> None:
    with pytest.raises(InvalidValue) as caught:
        _terms(**{field_name: bad})
    assert caught.value.field == field_name
    assert "greater than zero" in str(caught.value)


@pytest.mark.parametrize("bad", ["-1", Fraction(-1, 100)])
def test_a_negative_carve_out_cap_refused(bad: object) -> None:
    with pytest.raises(InvalidValue) as caught:
        _terms(carve_out_cap=bad)
    assert caught.value.field == "carve_out_cap"


def test_a_carve_out_cap_of_zero_is_terms_without_a_carve_out() -> None:
    assert _terms(carve_out_cap=0).carve_out_cap == 0


def test_section_4_C_5_ii_floor_above_one_refused() -> None:
    with pytest.raises(InvalidValue) as caught:
        _terms(restructuring_floor="1.01")
    assert caught.value.field == "restructuring_floor"
    assert caught.value.clause == "4.C(5)(ii)"


def test_section_4_C_5_ii_floor_of_exactly_one_allowed() -> None:
    assert _terms(restructuring_floor=1).restructuring_floor == Fraction(1)


@pytest.mark.parametrize("field_name", ["fmv_window", "notice_days"])
@pytest.mark.parametrize("bad", [0, -5, True, "5", Fraction(5)])
def test_whole_day_counts_must_be_positive_ints(field_name: str, bad: object) -> None:
    with pytest.raises(InvalidValue) as caught:
        _terms(**{field_name: bad})
    assert caught.value.field == field_name


def test_issue_date_must_be_a_date_not_a_datetime() -> None:
    with pytest.raises(InvalidValue) as caught:
        _terms(issue_date=datetime(2002, 3, 4, 9, 0, tzinfo=UTC_MINUS_8))
    assert caught.value.field == "issue_date"


def test_expiration_before_issue_refused() -> None:
    with pytest.raises(InvalidValue) as caught:
        _terms(expiration=datetime(2001, 1, 1, tzinfo=UTC))
    assert caught.value.field == "expiration"


def test_terms_are_frozen() -> None:
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        ALPHA_2002.exercise_price = Fraction(1)  # type: ignore[misc]
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        ALPHA_2002.fmv_window = 4  # type: ignore[misc]
    assert ALPHA_2002.exercise_price == Fraction(97, 50)


def test_evolve_still_checks_the_new_figure() -> None:
    with pytest.raises(FloatRefused):
        attrs.evolve(ALPHA_2002, exercise_price=1.5)
