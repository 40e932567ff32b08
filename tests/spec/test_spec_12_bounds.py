"""Nothing unbounded, nothing out of range; the library reads back what it writes
(SPEC §11 invariants 10 and 11, §12).

Each bound is refused within a second or two, in one line naming the field; what the
engine may build is bounded as what is read, so that a figure it writes always loads.
"""

from __future__ import annotations

import time
from fractions import Fraction
from pathlib import Path

import pytest

from ocf_helpers import copy_alpha, read, write
from warrant.cli import main
from warrant.files.certificate_files import loads_certificate
from warrant.files.ocf.package import open_package
from warrant.ground.errors import OcfRefused, QuantityTooLarge
from warrant.ground.exact import MAX_DIGITS, exact_str, to_fraction
from warrant.register.series import SeriesWarrant

GOLDEN = Path(__file__).parents[1] / "golden" / "scenarios"
WORKED = GOLDEN / "24-section-14-worked-example.toml"

_SCENARIO = """\
[warrant]
face_shares = 100000

[capitalization]
common_outstanding = 7000000
plan_options_outstanding = 0

[prices]
quote = [{date = 2002-03-01, close = "2"}]
"""


def _one_line(capsys: pytest.CaptureFixture[str], argv: list[str], *, within: float = 5) -> str:
    started = time.process_time()
    assert main(argv) == 2
    assert time.process_time() - started < within
    err = capsys.readouterr().err
    lines = err.strip().splitlines()
    assert len(lines) == 1, err
    assert len(lines[0]) < 1000, lines[0][:300]
    return lines[0]


def test_places_are_bounded(capsys: pytest.CaptureFixture[str]) -> None:
    line = _one_line(capsys, ["certificate", str(WORKED), "--adjustment", "1", "--places",
                              "100000000"])
    assert "--places" in line


def test_an_event_position_of_5000_digits_is_refused_in_one_line(
    capsys: pytest.CaptureFixture[str],
) -> None:
    line = _one_line(capsys, ["certificate", str(WORKED), "--event", "9" * 5000])
    assert "event" in line


def test_an_adjustment_of_5000_digits_is_refused_in_one_line(
    capsys: pytest.CaptureFixture[str],
) -> None:
    _one_line(capsys, ["certificate", str(WORKED), "--adjustment", "9" * 5000])


def test_a_certificate_naming_an_event_by_5000_digits_is_refused_in_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    certificate = tmp_path / "c.toml"
    certificate.write_text(f'[certificate]\nevent = "{"9" * 5000}"\n', encoding="utf-8")
    line = _one_line(capsys, ["verify", str(WORKED), str(certificate)])
    assert "event" in line


def test_an_event_dated_in_year_1_is_refused_naming_the_date(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    scenario = tmp_path / "s.toml"
    scenario.write_text(
        _SCENARIO + '\n[[event]]\ntype = "stock-split"\ndate = 0001-01-05\nratio = 2\n',
        encoding="utf-8",
    )
    line = _one_line(capsys, ["notices", str(scenario)])
    assert "'date'" in line and "0001-01-05" in line


def test_an_exercise_received_at_the_end_of_time_is_refused(
    capsys: pytest.CaptureFixture[str],
) -> None:
    line = _one_line(capsys, ["exercise", str(WORKED), "--warrant", "W-1", "--received",
                              "9999-12-31", "--received-at", "9999-12-31T23:00-10:00"])
    assert "--received" in line


def test_an_ocf_as_of_at_the_end_of_time_is_refused(tmp_path: Path) -> None:
    package, _ = copy_alpha(tmp_path)
    manifest = read(package, "Manifest.ocf.json")
    manifest["as_of"] = "9999-12-31"
    write(package, "Manifest.ocf.json", manifest, refresh=False)
    with pytest.raises(OcfRefused, match="as_of"):
        open_package(package)


def test_a_csv_header_of_40000_columns_is_refused_at_once_in_a_short_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    prices = tmp_path / "prices.csv"
    prices.write_text(
        "date,close," + ",".join(f"c{n}" for n in range(40_000)) + "\n", encoding="utf-8"
    )
    line = _one_line(capsys, ["fmv", str(prices), "2002-06-03"], within=2)
    assert "c0" in line


def test_splits_whose_ratios_are_in_bounds_cannot_grow_the_price_without_bound(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    ratio = f"{'7' * 999}/{'3' * 998}1"
    events = "".join(
        f'\n[[event]]\ntype = "stock-split"\ndate = 2002-06-03\nratio = "{ratio}"\n'
        for _ in range(300)
    )
    scenario = tmp_path / "s.toml"
    scenario.write_text(_SCENARIO + events, encoding="utf-8")
    line = _one_line(capsys, ["replay", str(scenario)], within=20)
    assert "digits" in line and "event[" in line


# -- what the library writes, it reads -------------------------------------------------


def test_a_figure_of_the_size_a_long_register_builds_is_read_back() -> None:
    # at 100,000 events a certificate's figure was written with 4,945 digits
    figure = Fraction(3**9000 + 1, 2**1000 * 5**1000)
    assert to_fraction(exact_str(figure), field="price") == figure
    stated = loads_certificate(
        "[certificate]\nadjustment = 1\n[certificate.figures]\n"
        f'price_after = "{exact_str(figure)}"\n'
    )
    assert stated.figures


def test_a_remainder_warrant_past_1000_digits_is_a_warrant() -> None:
    face = Fraction(10**1500 + 1, 3)
    assert SeriesWarrant(id="W-2", face_shares=face).face_shares == face


def test_anything_within_the_bound_written_is_read_again() -> None:
    for value in (Fraction(10**MAX_DIGITS - 1, 7), Fraction(1, 2 ** (MAX_DIGITS * 3))):
        assert to_fraction(exact_str(value), field="x") == value


def test_past_the_bound_is_refused_by_name() -> None:
    with pytest.raises(QuantityTooLarge):
        to_fraction(exact_str(10**MAX_DIGITS), field="x")
