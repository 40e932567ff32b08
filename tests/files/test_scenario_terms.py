"""``[terms]`` and the ``amendment`` event in scenario files (issue 22 §1, §2; SPEC §10)."""

from __future__ import annotations

import datetime as dt
from fractions import Fraction
from pathlib import Path

import pytest

from warrant.analyses.replay import replay
from warrant.files.json_output import replay_json
from warrant.files.scenario_files import (
    load_scenario,
    loads_scenario,
    save_scenario,
)
from warrant.ground.errors import ScenarioError, WarrantError
from warrant.instrument.formula import Formula, PriceRounding, Reference, RoundingMode
from warrant.instrument.terms import ALPHA_2002
from warrant.register.records import Outcome

QUOTES = "\n".join(
    f'[[prices.quote]]\ndate = {day}\nclose = "1.00"\n'
    for day in ("2020-05-22", "2020-05-26", "2020-05-27", "2020-05-28", "2020-05-29")
)

ALONE = f"""
[warrant]
face_shares = 1000

[terms]
exercise_price = "1.50"
issue_date = 2020-01-02
expiration = 2025-01-02T17:00:00-05:00
reference = "exercise-price"
trigger = "95/100"
formula = "full-ratchet"
price_rounding = {{ places = 2, mode = "down" }}
share_rounding = "down"

[capitalization]
common_outstanding = 1000000

{QUOTES}
[[event]]
type = "issuance"
date = 2020-06-01
shares = 3000
cash = 3000
"""


def test_terms_written_alone():
    scenario = loads_scenario(ALONE)
    terms = scenario.terms
    assert scenario.preset is None
    assert terms.exercise_price == Fraction(3, 2)
    assert terms.issue_date == dt.date(2020, 1, 2)
    assert terms.expiration == dt.datetime(2020 + 5, 1, 2, 17, tzinfo=dt.timezone(
        dt.timedelta(hours=-5)))
    assert terms.reference is Reference.EXERCISE_PRICE
    assert terms.trigger == Fraction(19, 20)
    assert terms.formula is Formula.FULL_RATCHET
    assert terms.price_rounding == PriceRounding(places=2, mode=RoundingMode.DOWN)
    # the defaults of terms written alone
    assert (terms.par_value, terms.restructuring_floor, terms.carve_out_cap) == (None, None, 0)
    assert (terms.fmv_window, terms.notice_days) == (5, 30)
    result = replay(scenario)
    # 1.00 < 0.95 × 1.50: the ratchet takes the price to 1.00; 1000 × 1.50 / 1.00 = 1500
    assert result.exercise_price == 1
    assert result.shares == 1500


def test_terms_over_a_preset_override_it():
    text = """
[warrant]
preset = "alpha-2002"

[terms]
carve_out_cap = 2500000

[capitalization]
common_outstanding = 7000000
"""
    scenario = loads_scenario(text)
    assert scenario.preset == "alpha-2002"
    assert scenario.terms.carve_out_cap == 2_500_000
    assert scenario.terms.exercise_price == ALPHA_2002.exercise_price
    assert scenario.terms.par_value == ALPHA_2002.par_value


@pytest.mark.parametrize(
    ("key", "field"),
    [("exercise_price", "exercise_price"), ("issue_date", "issue_date"),
     ("expiration", "expiration")],
)
def test_terms_alone_need_the_three_keys(key, field):
    text = "\n".join(line for line in ALONE.splitlines() if not line.startswith(key + " "))
    with pytest.raises(WarrantError) as refused:
        loads_scenario(text)
    assert refused.value.field == field
    assert "[terms]" in str(refused.value)


def test_an_unknown_key_in_terms_is_refused_naming_it():
    with pytest.raises(ScenarioError) as refused:
        loads_scenario(ALONE.replace("share_rounding", "foo = 1\nshare_rounding"))
    assert refused.value.field == "foo"


@pytest.mark.parametrize("suffix", [".toml", ".json"])
def test_terms_and_amendments_round_trip(tmp_path: Path, suffix: str):
    text = ALONE.replace("[warrant]\nface_shares = 1000", (
        '[warrant]\n[[warrant.series]]\nid = "W-1"\nholder = "Bank A"\nface_shares = 600\n'
        '[[warrant.series]]\nid = "W-2"\nholder = "Bank B"\nface_shares = 400'
    )) + """
[[event]]
type = "amendment"
date = 2020-06-02
signed = ["W-1"]
terms = { carve_out_cap = 5000, price_rounding = { places = 3, mode = "up" }, \
expiration = 2026-01-02T17:00:00-05:00 }
waives = ["later"]

[[event]]
type = "issuance"
id = "later"
date = 2020-06-03
shares = 1000
cash = 500
"""
    scenario = loads_scenario(text)
    path = tmp_path / f"again{suffix}"
    save_scenario(scenario, path)
    assert load_scenario(path) == scenario
    result = replay(scenario)
    assert result.ledger.determinations[-1].outcome is Outcome.WAIVED
    assert result.exercise_price == 1
    data = replay_json(result)
    assert data["terms"]["formula"] == "full-ratchet"
    assert data["terms_in_force"]["carve_out_cap"] == "5000"
    assert data["terms_in_force"]["expiration"] == "2026-01-02T17:00:00-05:00"
    assert data["terms_in_force"]["price_rounding"] == {"places": 3, "mode": "up"}


def test_a_waiver_must_name_a_later_event():
    text = ALONE + """
[[event]]
type = "amendment"
date = 2020-06-02
signed = ["W-1"]
waives = ["earlier"]
"""
    with pytest.raises(ScenarioError) as refused:
        loads_scenario(text)
    assert refused.value.field == "waives"
    assert "event[1] (amendment)" in str(refused.value)


def test_a_waiver_of_an_event_no_waiver_covers_is_refused_when_read():
    text = ALONE.replace("[warrant]\nface_shares = 1000", (
        '[warrant]\n[[warrant.series]]\nid = "W-1"\nface_shares = 1000'
    )) + """
[[event]]
type = "amendment"
date = 2020-06-02
signed = ["W-1"]
waives = ["split"]

[[event]]
type = "stock-split"
id = "split"
date = 2020-06-03
ratio = 2
"""
    with pytest.raises(ScenarioError) as refused:
        loads_scenario(text)
    assert refused.value.field == "waives"
    assert "stock-split" in str(refused.value)
