"""The ``[exchange]`` scenario table: read, refused when malformed, written back exactly."""

from __future__ import annotations

from pathlib import Path

import pytest

from warrant.case.proposal import ExchangeOffer, RepricingProposal
from warrant.files.packaged import demo_scenario
from warrant.files.scenario_files import loads_scenario, scenario_to_json, scenario_to_toml
from warrant.ground.errors import InvalidValue

BASE = "[capitalization]\ncommon_outstanding = 7000000\n"


def test_exchange_table_round_trips_through_toml_and_json() -> None:
    scenario = demo_scenario()
    assert isinstance(scenario.exchange, ExchangeOffer)
    base = scenario.source.parent if scenario.source else Path.cwd()
    again = loads_scenario(scenario_to_toml(scenario), base=base)
    assert again.exchange == scenario.exchange
    assert (
        loads_scenario(scenario_to_json(scenario), kind="json", base=base).exchange
        == scenario.exchange
    )


def test_exchange_reprice_table() -> None:
    text = BASE + '[[exchange.reprice]]\nof = "g1"\nnew_price = "0.50"\ndate = 2003-10-03\n'
    scenario = loads_scenario(text)
    assert isinstance(scenario.exchange, RepricingProposal)
    assert loads_scenario(scenario_to_toml(scenario)).exchange == scenario.exchange


@pytest.mark.parametrize(
    ("table", "field"),
    [
        (
            '[exchange]\noffer_expires = 2003-03-31\n[[exchange.tender]]\nof = "g"\nshares = 1\n',
            "commencement",
        ),
        ("[exchange]\ncommencement = 2003-02-28\noffer_expires = 2003-03-31\n", "tender"),
        ("[exchange]\ncommencement = 2003-02-28\noffer_expires = 2003-03-31\nwhen = 1\n", "when"),
        (
            "[exchange]\ncommencement = 2003-02-28\noffer_expires = 2003-03-31\n"
            '[[exchange.tender]]\nof = "g"\nshares = 1.5e0\ngrantee = "lender"\n',
            "grantee",
        ),
        ('[[exchange.reprice]]\nof = "g"\nnew_price = "0.5"\n', "date"),
    ],
)
def test_exchange_table_errors_name_the_key(table: str, field: str) -> None:
    with pytest.raises(InvalidValue) as caught:
        loads_scenario(BASE + table)
    assert caught.value.field == field
