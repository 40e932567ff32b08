"""Importing the Alpha-shaped OCF package: the same register as typed by hand (SPEC §10).

The package (``alpha/``) holds a sale with expenses (in the overlay), plan and
non-plan grants, a warrant, an exercise with its resulting issuance, a
cancellation, a convertible note, a 3-for-2 split and a repurchase; the overlay
adds a stock dividend.  ``alpha-by-hand.toml`` is that register typed by hand.
"""

from __future__ import annotations

import csv
import datetime as dt
import json
import tempfile
from fractions import Fraction
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import warrant
from ocf_helpers import (
    ALPHA,
    ALPHA_BY_HAND,
    ALPHA_OVERLAY,
    change_transactions,
    copy_alpha,
    option,
    stock,
    zip_package,
)
from warrant.analyses.replay import replay
from warrant.files.json_output import replay_json
from warrant.files.scenario_files import load_scenario, save_scenario

F = Fraction


def _imported(package: Path = ALPHA, overlay: Path = ALPHA_OVERLAY) -> warrant.OcfImport:
    return warrant.import_ocf(package, overlay, output=ALPHA_BY_HAND)


def test_ocf_alpha_folder_replays_as_the_register_typed_by_hand() -> None:
    result = _imported()
    by_hand = load_scenario(ALPHA_BY_HAND)
    assert result.scenario.events == by_hand.events
    assert replay_json(replay(result.scenario)) == replay_json(replay(by_hand))


def test_ocf_alpha_zip_replays_as_the_register_typed_by_hand(tmp_path: Path) -> None:
    archive = zip_package(ALPHA, tmp_path / "alpha.ocf.zip")
    result = warrant.import_ocf(archive, ALPHA_OVERLAY, output=ALPHA_BY_HAND)
    assert replay_json(replay(result.scenario)) == replay_json(replay(load_scenario(ALPHA_BY_HAND)))


def test_ocf_a_zip_of_the_folder_itself_is_read_too(tmp_path: Path) -> None:
    import zipfile

    archive = tmp_path / "nested.ocf.zip"
    with zipfile.ZipFile(archive, "w") as out:
        for path in sorted(ALPHA.glob("*.ocf.json")):
            out.write(path, f"alpha-export/{path.name}")
    result = warrant.import_ocf(archive, ALPHA_OVERLAY, output=ALPHA_BY_HAND)
    assert result.scenario.events == load_scenario(ALPHA_BY_HAND).events


def test_ocf_the_manifest_path_names_the_package_too() -> None:
    result = _imported(ALPHA / "Manifest.ocf.json")
    assert result.scenario.events == load_scenario(ALPHA_BY_HAND).events


def _fmv_by_hand(day: dt.date) -> Fraction:
    """Section 1 by hand: the mean of the five closes listed before ``day`` (the CSV lists only
    trading days)."""
    with (ALPHA / "prices.csv").open(encoding="utf-8") as file:
        rows = [row for row in csv.DictReader(file) if dt.date.fromisoformat(row["date"]) < day]
    return sum((F(row["close"]) for row in rows[-5:]), F(0)) / 5


def test_4C1_ocf_the_sale_with_its_expenses_adjusts_as_computed_by_hand() -> None:
    fmv = _fmv_by_hand(dt.date(2002, 6, 3))
    # 1,000,000 shares at $0.90 less the overlay's $50,000 of expenses, on 7,000,000.
    consideration = F(1_000_000) * F("0.90") - F(50_000)
    assert consideration / 1_000_000 < fmv  # below FMV: 4.C(1) applies
    expected = F("1.94") * (F(7_000_000) + consideration / fmv) / F(8_000_000)
    first = replay_json(replay(_imported().scenario))["adjustments"][0]
    assert first["event"] == "sale-2002"
    assert first["clause"] == "4.C(1)"
    assert F(first["price_after"]) == expected
    assert F(first["shares_after"]) == F(100_000) * F("1.94") / expected


def test_ocf_event_ids_are_ocf_ids_unless_the_overlay_names_them() -> None:
    ids = [event.id for event in _imported().scenario.events]
    assert ids[0] == "sale-2002"  # [tx."tx-sale-2002"] id
    assert "ocf:tx-officer-grant" in ids
    assert "ocf:tx-consultant-grant:expiry" in ids
    assert "dividend-2003" in ids  # the overlay's own [[event]]


def test_ocf_the_resulting_issuance_of_an_exercise_is_not_a_new_issue() -> None:
    kinds = [(event.TYPE, event.date) for event in _imported().scenario.events]
    assert ("exercise", dt.date(2003, 1, 15)) in kinds
    assert ("issuance", dt.date(2003, 1, 15)) not in kinds


def test_ocf_transactions_before_the_issue_date_are_the_opening_capital() -> None:
    events = _imported().scenario.events
    assert all(event.date >= dt.date(2002, 3, 4) for event in events)
    assert not any(event.id == "ocf:tx-founders" for event in events)


def test_spec_10_ocf_written_scenario_replays_where_it_is_written(tmp_path: Path) -> None:
    target = tmp_path / "deep" / "folder" / "alpha.toml"
    target.parent.mkdir(parents=True)
    result = warrant.import_ocf(ALPHA, ALPHA_OVERLAY, output=target)
    save_scenario(result.scenario, target)
    assert replay_json(replay(load_scenario(target))) == replay_json(
        replay(load_scenario(ALPHA_BY_HAND))
    )


# -- the property: import → save → load → replay is stable ---------------------------------

_DAYS = st.integers(min_value=0, max_value=600)


@st.composite
def _registers(draw: st.DrawFn) -> list[dict[str, object]]:
    """Sales and outside grants after the Issue Date, with prices to the cent."""
    items: list[dict[str, object]] = []
    start = dt.date(2002, 3, 11)
    for index in range(draw(st.integers(min_value=1, max_value=5))):
        day = (start + dt.timedelta(days=draw(_DAYS))).isoformat()
        shares = str(draw(st.integers(min_value=1, max_value=2_000_000)))
        cents = draw(st.integers(min_value=1, max_value=300))
        price = f"{cents // 100}.{cents % 100:02d}"
        if draw(st.booleans()):
            items.append(stock(f"tx-sale-{index}", f"sec-sale-{index}", day, shares, price))
        else:
            expires = (dt.date.fromisoformat(day) + dt.timedelta(days=draw(_DAYS))).isoformat()
            items.append(
                option(
                    f"tx-grant-{index}",
                    f"sec-grant-{index}",
                    day,
                    shares,
                    price,
                    expires,
                    stakeholder_id="sh-consultant",
                )
            )
    return items


@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_registers(), st.sampled_from([".toml", ".json"]))
def test_spec_11_inv10_ocf_import_save_load_replay_is_stable(
    extra: list[dict[str, object]], suffix: str
) -> None:
    with tempfile.TemporaryDirectory() as folder:
        package, overlay = copy_alpha(Path(folder))
        change_transactions(package, lambda items: items.extend(extra))
        target = Path(folder) / f"imported{suffix}"
        result = warrant.import_ocf(package, overlay, output=target)
        save_scenario(result.scenario, target)
        loaded = load_scenario(target)
        assert loaded == result.scenario
        first = replay_json(replay(result.scenario))
        assert json.dumps(replay_json(replay(loaded))) == json.dumps(first)


# -- the overlay's scenario tables are the scenario loader's own ----------------------------


def test_spec_10_ocf_overlay_warrant_table_takes_a_series(tmp_path: Path) -> None:
    from ocf_helpers import overlay_with

    text = overlay_with(
        "",
        replace=(
            "face_shares = 100000\n",
            '[[warrant.series]]\nid = "A"\nholder = "Bank A"\nface_shares = 60000\n\n'
            '[[warrant.series]]\nid = "B"\nholder = "Bank B"\nface_shares = 40000\n',
        ),
    )
    package, overlay = copy_alpha(tmp_path, overlay_text=text)
    scenario = warrant.import_ocf(package, overlay).scenario
    assert [member.id for member in scenario.series] == ["A", "B"]


def test_4C6_ocf_an_overlay_repricing_of_an_imported_grant_is_merged_by_date(
    tmp_path: Path,
) -> None:
    from ocf_helpers import overlay_with

    text = overlay_with(
        '[[event]]\ntype = "repricing"\ndate = 2003-04-01\nof = "ocf:tx-officer-grant"\n'
        'exercise_price = "0.60"'
    )
    package, overlay = copy_alpha(tmp_path, overlay_text=text)
    events = warrant.import_ocf(package, overlay).scenario.events
    dates = [event.date for event in events]
    assert dates == sorted(dates)
    [repricing] = [event for event in events if event.TYPE == "repricing"]
    assert events.index(repricing) == [e.id for e in events].index("ocf:tx-note") + 1


def test_ocf_the_python_api_returns_the_scenario_and_the_report() -> None:
    scenario, report = warrant.import_ocf(ALPHA, ALPHA_OVERLAY)
    assert isinstance(scenario, warrant.Scenario)
    assert isinstance(report, warrant.ImportReport)


def test_spec_8_ocf_an_overlay_exchange_table_is_kept_in_the_scenario(tmp_path: Path) -> None:
    from ocf_helpers import overlay_with

    text = overlay_with(
        "[exchange]\ncommencement = 2003-02-28\noffer_expires = 2003-03-31\n\n"
        '[[exchange.tender]]\nholder = "Carol Chief"\nof = "ocf:tx-officer-grant"\n'
        'shares = 100000\ngrantee = "officer"\n'
    )
    package, overlay = copy_alpha(tmp_path, overlay_text=text)
    target = tmp_path / "with-exchange.toml"
    scenario = warrant.import_ocf(package, overlay, output=target).scenario
    assert scenario.exchange is not None
    save_scenario(scenario, target)
    assert load_scenario(target).exchange == scenario.exchange
