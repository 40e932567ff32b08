"""Every input is one regular file of bounded size, read by one hardened reader (SPEC §12).

The scenario, the certificate, the overlay, the price CSV and each file of an OCF
package (folder or zip) are opened the same way (``ground/input_files``) and, where
structured, parsed the same way (``files/text_formats``): a pipe or a device is refused
at once rather than read forever, a file past its bound is refused by its size, a link
that leaves a package is refused without a word about its target, and the JSON and
TOML of every kind get the same checks.  Each refusal is one line of one of the
library's errors, naming the file.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest

import warrant
from ocf_helpers import ALPHA, copy_alpha, read, refresh_md5s, zip_package
from warrant.cli import main
from warrant.files.ocf.package import open_package
from warrant.ground import input_files
from warrant.ground.errors import ScenarioError

_SCENARIO = """\
[warrant]
face_shares = 100000

[capitalization]
common_outstanding = 7000000
plan_options_outstanding = 500000

[prices]
quote = [{date = 2002-03-01, close = "2"}]
"""


def _refused_line(capsys: pytest.CaptureFixture[str], argv: list[str]) -> str:
    assert main(argv) == 2
    captured = capsys.readouterr()
    lines = captured.err.strip().splitlines()
    assert len(lines) == 1, captured.err
    assert "Traceback" not in captured.err
    return lines[0]


# -- the hardened reader: the same checks for every structured file ----------------


def _overlay(tmp_path: Path, text: str) -> tuple[Path, Path]:
    package, overlay = copy_alpha(tmp_path)
    overlay.write_text(text, encoding="utf-8")
    return package, overlay


def test_an_overlay_nested_5000_deep_is_refused_by_line(tmp_path: Path) -> None:
    package, overlay = _overlay(tmp_path, "x = " + "[" * 5000 + "]" * 5000 + "\n")
    with pytest.raises(warrant.OcfRefused, match="nested more than"):
        warrant.import_ocf(package, overlay)


def test_an_overlay_with_a_byte_order_mark_is_read_as_a_scenario_is(tmp_path: Path) -> None:
    package, overlay = copy_alpha(tmp_path)
    overlay.write_text("\ufeff" + overlay.read_text(encoding="utf-8"), encoding="utf-8")
    assert warrant.import_ocf(package, overlay).report.events == 11


@pytest.mark.parametrize(
    "number", ["1e999999999999999999999", "9" * 5000], ids=["exponent", "digits"]
)
def test_an_overlay_number_out_of_range_is_refused(tmp_path: Path, number: str) -> None:
    package, overlay = copy_alpha(tmp_path)
    overlay.write_text(
        overlay.read_text(encoding="utf-8") + f"\n[tx.\"tx-sale-2002x\"]\nexpenses = {number}\n",
        encoding="utf-8",
    )
    with pytest.raises(warrant.OcfRefused) as caught:
        warrant.import_ocf(package, overlay)
    assert "line" in str(caught.value)
    assert len(str(caught.value)) < 400


def _package_with(tmp_path: Path, name: str, text: str) -> Path:
    package, _ = copy_alpha(tmp_path)
    (package / name).write_text(text, encoding="utf-8")
    refresh_md5s(package)
    return package


@pytest.mark.parametrize(
    ("text", "says"),
    [
        ('{"items": ' + "[" * 5000 + "]" * 5000 + "}", "nested more than"),
        ('{"items": [], "n": 1e999999999999999999999}', "out of any range"),
        ('{"items": [], "n": ' + "9" * 5000 + "}", "digits"),
        ('{"items": null}', "items"),
        ('{"items": [], "items": []}', "given twice"),
        ('{"items": [{"id": "\\ud800"}]}', "surrogate"),
        ('{"items": [], "n": NaN}', "NaN"),
    ],
    ids=["nesting", "exponent", "digits", "null-items", "key-twice", "surrogate", "nan"],
)
def test_an_ocf_file_gets_the_checks_of_every_structured_file(
    tmp_path: Path, text: str, says: str
) -> None:
    package = _package_with(tmp_path, "Valuations.ocf.json", text)
    with pytest.raises(warrant.OcfRefused) as caught:
        open_package(package)
    message = str(caught.value)
    assert says in message
    assert "Valuations.ocf.json" in message
    assert "\n" not in message and len(message) < 500


def test_a_key_given_twice_in_a_transaction_is_refused_not_last_one_wins(tmp_path: Path) -> None:
    package, _ = copy_alpha(tmp_path)
    text = (package / "Transactions.ocf.json").read_text(encoding="utf-8")
    text = text.replace('"quantity": "1000000"', '"quantity": "1000000", "quantity": "5"', 1)
    assert '"quantity": "5"' in text
    (package / "Transactions.ocf.json").write_text(text, encoding="utf-8")
    refresh_md5s(package)
    with pytest.raises(warrant.OcfRefused, match="given twice"):
        open_package(package)


def test_a_lone_surrogate_in_a_scenario_id_is_refused_when_read(tmp_path: Path) -> None:
    text = json.dumps(
        {
            "warrant": {"face_shares": 100000},
            "capitalization": {"common_outstanding": 7000000, "plan_options_outstanding": 0},
            "prices": {"quote": [{"date": "2002-03-01", "close": "2"}]},
            "event": [{"type": "stock-split", "id": "\ud800", "date": "2002-06-03", "ratio": 2}],
        }
    )
    with pytest.raises(ScenarioError, match="surrogate"):
        warrant.loads_scenario(text, kind="json")


# -- a zip: bounded, every member read once, a corrupt member refused ----------------


def _zip(tmp_path: Path, members: list[tuple[str, bytes]], **options: int) -> Path:
    target = tmp_path / "package.ocf.zip"
    with zipfile.ZipFile(target, "w", **options) as archive:  # type: ignore[arg-type]
        for name, data in members:
            archive.writestr(name, data)
    return target


def _alpha_members() -> list[tuple[str, bytes]]:
    return [(path.name, path.read_bytes()) for path in sorted(ALPHA.glob("*.ocf.json"))]


def test_a_zip_member_that_inflates_past_its_bound_is_refused_before_it_is_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(input_files, "MAX_MEMBER_BYTES", 1_000_000)
    members = _alpha_members()
    bomb = b'{"items": []' + b" " * 3_000_000 + b"}"
    members = [(n, bomb if n == "Valuations.ocf.json" else d) for n, d in members]
    archive = _zip(tmp_path, members, compression=zipfile.ZIP_DEFLATED)
    with pytest.raises(warrant.OcfRefused) as caught:
        open_package(archive)
    assert "Valuations.ocf.json" in str(caught.value)
    assert "1,000,000" in str(caught.value)


def test_a_zip_member_that_inflates_a_thousand_fold_is_refused(tmp_path: Path) -> None:
    members = _alpha_members()
    bomb = b'{"items": []' + b" " * 20_000_000 + b"}"
    members = [(n, bomb if n == "Valuations.ocf.json" else d) for n, d in members]
    archive = _zip(tmp_path, members, compression=zipfile.ZIP_DEFLATED)
    with pytest.raises(warrant.OcfRefused, match="inflates") as caught:
        open_package(archive)
    assert "Valuations.ocf.json" in str(caught.value)


def test_a_zip_with_two_members_of_one_name_is_refused(tmp_path: Path) -> None:
    members = _alpha_members()
    members.append(("Valuations.ocf.json", b'{"items": []}'))
    with pytest.warns(UserWarning):
        archive = _zip(tmp_path, members)
    with pytest.raises(warrant.OcfRefused, match="twice") as caught:
        open_package(archive)
    assert "Valuations.ocf.json" in str(caught.value)


def _corrupt(
    archive: Path, name: str, change: Callable[[bytearray, zipfile.ZipInfo], None]
) -> None:
    with zipfile.ZipFile(archive) as opened:
        info = opened.getinfo(name)
    data = bytearray(archive.read_bytes())
    change(data, info)
    archive.write_bytes(bytes(data))


def _bad_crc(data: bytearray, info: zipfile.ZipInfo) -> None:
    start = info.header_offset + 30 + len(info.filename.encode()) + len(info.extra)
    data[start + 5] ^= 0xFF


def _unknown_method(data: bytearray, info: zipfile.ZipInfo) -> None:
    for signature, offset in ((b"PK\x03\x04", 8), (b"PK\x01\x02", 10)):
        at = data.find(signature)
        while at >= 0:
            name_length = int.from_bytes(
                data[at + (26 if signature == b"PK\x03\x04" else 28) :][:2], "little"
            )
            name_at = at + (30 if signature == b"PK\x03\x04" else 46)
            if bytes(data[name_at : name_at + name_length]) == info.filename.encode():
                data[at + offset : at + offset + 2] = (99).to_bytes(2, "little")
            at = data.find(signature, at + 4)


def _encrypted(data: bytearray, info: zipfile.ZipInfo) -> None:
    for signature, offset in ((b"PK\x03\x04", 6), (b"PK\x01\x02", 8)):
        at = data.find(signature)
        while at >= 0:
            data[at + offset] |= 0x01
            at = data.find(signature, at + 4)


def _header_disagrees(data: bytearray, info: zipfile.ZipInfo) -> None:
    start = info.header_offset + 30
    data[start] = ord("X")


@pytest.mark.parametrize(
    "change",
    [_bad_crc, _unknown_method, _encrypted, _header_disagrees],
    ids=["bad-crc", "unknown-method", "encrypted", "header-and-directory-disagree"],
)
def test_a_corrupt_zip_member_is_refused_in_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], change: Callable[..., None]
) -> None:
    archive = zip_package(ALPHA, tmp_path / "alpha.ocf.zip")
    if change is _bad_crc:
        archive = _zip(tmp_path, _alpha_members(), compression=zipfile.ZIP_STORED)
    _corrupt(archive, "Transactions.ocf.json", change)
    overlay = copy_alpha(tmp_path / "copy")[1]
    line = _refused_line(capsys, ["import-ocf", str(archive), "--overlay", str(overlay)])
    assert str(archive) in line


def test_a_zip_is_bounded_in_its_number_of_members(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(input_files, "MAX_MEMBERS", 20)
    members = _alpha_members() + [(f"extra/{n}.txt", b"") for n in range(30)]
    archive = _zip(tmp_path, members)
    with pytest.raises(warrant.OcfRefused, match="members"):
        open_package(archive)


def test_each_zip_member_is_inflated_once(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    archive = zip_package(ALPHA, tmp_path / "alpha.ocf.zip")
    opened: list[str] = []
    original = zipfile.ZipFile.open

    def counting(self: zipfile.ZipFile, name: object, *args: object, **kwargs: object) -> object:
        opened.append(getattr(name, "filename", name))  # type: ignore[arg-type]
        return original(self, name, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(zipfile.ZipFile, "open", counting)
    open_package(archive)
    assert sorted(opened) == sorted(set(opened))


# -- special files, sizes, links ------------------------------------------------------


def _run_with_timeout(argv: list[str], cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "warrant", *argv],
        capture_output=True,
        text=True,
        timeout=60,
        cwd=cwd,
    )


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs named pipes")
@pytest.mark.parametrize("surface", ["scenario", "certificate", "overlay", "csv", "scenario-csv"])
def test_a_pipe_is_refused_at_once_never_read(tmp_path: Path, surface: str) -> None:
    fifo = tmp_path / ("pipe.csv" if "csv" in surface else "pipe.toml")
    os.mkfifo(fifo)
    scenario = tmp_path / "scenario.toml"
    scenario.write_text(_SCENARIO, encoding="utf-8")
    argv = {
        "scenario": ["replay", str(fifo)],
        "certificate": ["verify", str(scenario), str(fifo)],
        "overlay": ["import-ocf", str(ALPHA), "--overlay", str(fifo)],
        "csv": ["fmv", str(fifo), "2002-06-03"],
        "scenario-csv": ["replay", str(scenario)],
    }[surface]
    if surface == "scenario-csv":
        scenario.write_text(
            _SCENARIO.replace('quote = [{date = 2002-03-01, close = "2"}]', f'csv = "{fifo}"'),
            encoding="utf-8",
        )
    done = _run_with_timeout(argv, tmp_path)
    assert done.returncode == 2, done.stderr
    assert "not a regular file" in done.stderr
    assert len(done.stderr.strip().splitlines()) == 1


def _limit_memory() -> None:  # a regression would read /dev/zero until memory ran out
    import resource

    resource.setrlimit(resource.RLIMIT_AS, (2 * 2**30, 2 * 2**30))


@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="needs /dev/zero")
def test_a_device_is_refused_not_read_to_the_end(tmp_path: Path) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "warrant", "replay", "/dev/zero"],
        capture_output=True, text=True, timeout=60, cwd=tmp_path, preexec_fn=_limit_memory,
    )
    assert done.returncode == 2, done.stderr[-500:]
    assert "not a regular file" in done.stderr
    assert len(done.stderr.strip().splitlines()) == 1


def test_a_file_past_its_bound_is_refused_by_its_size(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(input_files, "MAX_CSV_BYTES", 1_000)
    prices = tmp_path / "prices.csv"
    prices.write_text("date,close\n" + "\n" * 5_000, encoding="utf-8")
    line = _refused_line(capsys, ["fmv", str(prices), "2002-06-03"])
    assert "1,000 bytes" in line
    assert str(prices) in line


def test_a_folder_package_refuses_a_link_that_leaves_it_naming_nothing_of_its_target(
    tmp_path: Path,
) -> None:
    package, _ = copy_alpha(tmp_path)
    outside = tmp_path / "outside.json"
    (package / "Valuations.ocf.json").rename(outside)
    (package / "Valuations.ocf.json").symlink_to(Path("..") / "outside.json")
    with pytest.raises(warrant.OcfRefused, match="leaves the package") as caught:
        open_package(package)
    assert "outside" not in str(caught.value)


def test_a_folder_package_refuses_a_link_to_a_system_file_without_its_md5(
    tmp_path: Path,
) -> None:
    package, _ = copy_alpha(tmp_path)
    secret = tmp_path / "secret"
    secret.write_text("root:x:0:0\n", encoding="utf-8")
    (package / "Valuations.ocf.json").unlink()
    (package / "Valuations.ocf.json").symlink_to(secret)
    with pytest.raises(warrant.OcfRefused, match="leaves the package") as caught:
        open_package(package)
    assert "md5" not in str(caught.value)
    assert "secret" not in str(caught.value)


def test_a_link_inside_the_package_is_read(tmp_path: Path) -> None:
    package, _ = copy_alpha(tmp_path)
    (package / "data").mkdir()
    (package / "Valuations.ocf.json").rename(package / "data" / "Valuations.ocf.json")
    (package / "Valuations.ocf.json").symlink_to(Path("data") / "Valuations.ocf.json")
    assert open_package(package).valuations == len(
        read(package, "Valuations.ocf.json")["items"]
    )


def test_a_folder_without_a_manifest_gives_the_real_reason(tmp_path: Path) -> None:
    package, _ = copy_alpha(tmp_path)
    (package / "Manifest.ocf.json").unlink()
    with pytest.raises(warrant.OcfRefused) as caught:
        open_package(package)
    assert "not valid JSON" not in str(caught.value)
    assert "Manifest.ocf.json" in str(caught.value)
    assert "not in the package" in str(caught.value)
