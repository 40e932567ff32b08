"""Fuzzing the rest of the library's surfaces: OCF packages (folder and zip), overlays and
the command line (issue "Hardening II").

Built on :mod:`fuzzing` (its counters, its one-second limit, its mutations and hostile
values).  The properties:

* :func:`check_package` — an OCF package (the Alpha export, its JSON changed, mutated,
  given a key twice, nested deep, zipped, its zip corrupted or given a member twice) with
  the Alpha overlay either imports — and then its scenario is written as TOML and JSON
  and read again, and its report renders — or is refused with the library's own error,
  in one line; nothing else, never more than a second of CPU;
* :func:`check_overlay` — an overlay (the Alpha overlay with hostile values, mutated)
  with the Alpha package: the same;
* :func:`check_command_line` — a command line of ``warrant`` with hostile arguments
  returns 0, 1 or 2, prints nothing but one line to stderr when it refuses, and never
  raises.
"""

from __future__ import annotations

import contextlib
import hashlib
import io
import json
import shutil
import tempfile
import zipfile
from pathlib import Path
from typing import Any

from hypothesis import strategies as st

from fuzzing import TRIED, _timed, assert_own_error, days, mutated, numbers, texts
from ocf_helpers import ALPHA, ALPHA_OVERLAY
from warrant.cli import main
from warrant.files.ocf import import_ocf
from warrant.files.scenario_files import loads_scenario, scenario_to_json, scenario_to_toml

WORK = Path(tempfile.mkdtemp(prefix="warrant-fuzz-ocf-"))
_ALPHA_FILES = {path.name: path.read_text(encoding="utf-8") for path in ALPHA.glob("*.json")}
_OVERLAY = ALPHA_OVERLAY.read_text(encoding="utf-8").replace(
    'csv = "alpha/prices.csv"', f'csv = "{(ALPHA / "prices.csv").as_posix()}"'
)
GOLDEN = Path(__file__).parent / "golden" / "scenarios"

_HOSTILE_STRINGS = st.sampled_from(
    ["", " ", "\x00", "\ud800", "x\n# y", "<script>", "\x1b[2J", "9" * 5000,
     "1e999999999999999999999", "9999-12-31", "0001-01-01", "opening-plan-options", "NaN"]
)
_JSON_VALUES = st.one_of(
    numbers, days.map(str), texts, _HOSTILE_STRINGS, st.none(), st.just([]), st.just({}),
)


# -- OCF packages --------------------------------------------------------------------------


def _changed_items(draw: st.DrawFn, files: dict[str, Any]) -> None:
    """Change, add or remove a few keys of a few items, anywhere in the package."""
    for _ in range(draw(st.integers(1, 4))):
        name = draw(st.sampled_from(sorted(files)))
        data = files[name]
        items = data.get("items") if isinstance(data, dict) else None
        if not isinstance(items, list) or not items:
            key = draw(st.sampled_from(sorted(data) or ["x"])) if isinstance(data, dict) else "x"
            if isinstance(data, dict):
                data[key] = draw(_JSON_VALUES)
            continue
        item = draw(st.sampled_from(items))
        if not isinstance(item, dict):
            continue
        key = draw(st.sampled_from([*sorted(item), "unknown_key"]))
        action = draw(st.sampled_from(["set", "set", "delete", "copy"]))
        if action == "delete":
            item.pop(key, None)
        elif action == "copy":
            items.append(dict(item))
        else:
            item[key] = draw(_JSON_VALUES)


@st.composite
def packages(draw: st.DrawFn) -> tuple[str, dict[str, bytes], bool, int]:
    """(form, files, refresh md5s): the Alpha package, changed; form is ``folder`` or ``zip``
    or ``zip-corrupt``; each file's bytes as written."""
    files: dict[str, Any] = {name: json.loads(text) for name, text in _ALPHA_FILES.items()}
    if draw(st.booleans()):
        _changed_items(draw, files)
    texts_out = {
        name: json.dumps(data, indent=2, default=str) for name, data in files.items()
    }
    edit = draw(st.sampled_from(["none", "none", "none", "none", "mutated", "repeated key",
                                 "deep", "BOM", "drop manifest", "not UTF-8"]))
    name = draw(st.sampled_from(sorted(texts_out)))
    if edit == "mutated":
        texts_out[name] = draw(mutated(texts_out[name]))
    elif edit == "repeated key":
        texts_out[name] = texts_out[name].replace("{", '{"id": "x", ', 1)
    elif edit == "deep":
        texts_out[name] = texts_out[name].replace("[", "[" * 3000 + "]" * 2999 + ",", 1)
    elif edit == "BOM":
        texts_out[name] = "\ufeff" + texts_out[name]
    elif edit == "drop manifest":
        texts_out.pop("Manifest.ocf.json")
    raw = {
        key: value.encode("utf-8", "surrogatepass") for key, value in texts_out.items()
    }
    if edit == "not UTF-8":
        raw[name] = raw[name][:10] + b"\xff" + raw[name][10:]
    form = draw(st.sampled_from(["folder", "folder", "zip", "zip", "zip-corrupt", "zip-twice"]))
    return form, raw, draw(st.integers(0, 4)) > 0, draw(st.integers(0, 2**20))


def _md5s(raw: dict[str, bytes]) -> None:
    try:
        manifest = json.loads(raw["Manifest.ocf.json"])
    except (KeyError, ValueError, UnicodeDecodeError, RecursionError):
        return  # the fuzzer's own reading of a broken manifest: left for the library to refuse
    if not isinstance(manifest, dict):
        return
    for key, refs in manifest.items():
        if key.endswith("_files") and isinstance(refs, list):
            for ref in refs:
                name = ref.get("filepath") if isinstance(ref, dict) else None
                name = name.removeprefix("./") if isinstance(name, str) else None
                if name in raw:
                    ref["md5"] = hashlib.md5(raw[name]).hexdigest()
    raw["Manifest.ocf.json"] = json.dumps(manifest, indent=2).encode("utf-8", "surrogatepass")


def _written(form: str, raw: dict[str, bytes], refresh: bool, seed: int) -> Path:
    folder = WORK / "case"
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir()
    if refresh:
        _md5s(raw)
    if form == "folder":
        package = folder / "alpha"
        package.mkdir()
        for name, data in raw.items():
            (package / name).write_bytes(data)
        return package
    archive = folder / "alpha.ocf.zip"
    with zipfile.ZipFile(archive, "w", compression=zipfile.ZIP_DEFLATED) as opened:
        for name, data in sorted(raw.items()):
            opened.writestr(name, data)
        if form == "zip-twice" and raw:
            with contextlib.suppress(Exception), _quiet():
                opened.writestr(sorted(raw)[0], b"{}")
    if form == "zip-corrupt":
        data = bytearray(archive.read_bytes())
        at = seed % max(len(data), 1)
        data[at] ^= 0x5A
        archive.write_bytes(bytes(data))
    return archive


@contextlib.contextmanager
def _quiet() -> Any:
    import warnings

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        yield


def _warm_up() -> None:
    """Import the Alpha package once, so that the first timed input does not pay for the
    importer's modules being loaded (the one-second limit is for the input, not Python)."""
    import_ocf(ALPHA, ALPHA_OVERLAY, output=WORK / "warm-up.toml")
    with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
        for argv in (["replay", _WORKED], ["certificate", _WORKED, "--adjustment", "0"],
                     ["exercise", _SERIES, "--warrant", "W-1", "--received", "2004-06-14"],
                     ["notices", _WORKED], ["readings", _WORKED]):
            main(argv)


def check_package(case: tuple[str, dict[str, bytes], bool, int]) -> str:
    """Import the package with the Alpha overlay; return what happened."""
    form, raw, refresh, seed = case
    kind = "ocf folder" if form == "folder" else "ocf zip"
    TRIED[kind] += 1
    package = _written(form, dict(raw), refresh, seed)
    overlay = WORK / "overlay.toml"
    overlay.write_text(_OVERLAY, encoding="utf-8")
    with _timed(kind):
        outcome = _import_outcome(package, overlay)
    TRIED[f"{kind}: {outcome}"] += 1
    return outcome


def _import_outcome(package: Path, overlay: Path) -> str:
    try:
        result = import_ocf(package, overlay, output=WORK / "imported.toml")
    except Exception as error:
        assert_own_error(error)
        return "refused"
    toml = scenario_to_toml(result.scenario)
    again = loads_scenario(toml, kind="toml", base=WORK)
    assert again == result.scenario, "an imported scenario did not load again (TOML)"
    assert loads_scenario(scenario_to_json(result.scenario), kind="json", base=WORK) == again
    result.report.text()
    json.dumps(result.report.to_json())
    return "imported"


# -- overlays ------------------------------------------------------------------------------

_OVERLAY_KEYS = ["as_of", "face_shares", "common_outstanding", "expenses", "consideration",
                 '"plan-1994"', '"sh-officer"', "id", "shares", "date", "type", "csv"]


@st.composite
def overlays(draw: st.DrawFn) -> str:
    """The Alpha overlay with a few values made hostile, and its text mutated or not."""
    text = _OVERLAY
    for _ in range(draw(st.integers(0, 3))):
        key = draw(st.sampled_from(_OVERLAY_KEYS))
        value = draw(st.one_of(numbers, days, texts, _HOSTILE_STRINGS))
        written = json.dumps(value, default=str, ensure_ascii=False) if not isinstance(
            value, bool) else str(value).lower()
        at = text.find(f"\n{key} = ")
        if at >= 0:
            end = text.find("\n", at + 1)
            text = text[: at + 1] + f"{key} = {written}" + text[end:]
    extra = draw(st.sampled_from(["", "", '[tx."tx-split"]\nid = "opening-plan-options"\n',
                                  '[tx."tx-sale-2002x"]\nexpenses = 1\n', "[plan]\nx = 1\n",
                                  "x = " + "[" * 600 + "]" * 600 + "\n"]))
    text += "\n" + extra
    if draw(st.booleans()):
        text = draw(mutated(text))
    return text


def check_overlay(text: str) -> str:
    """Import the Alpha package with the overlay ``text``; return what happened."""
    TRIED["overlay"] += 1
    overlay = WORK / "overlay-fuzz.toml"
    overlay.write_bytes(text.encode("utf-8", "surrogatepass"))
    with _timed("overlay"):
        outcome = _import_outcome(ALPHA, overlay)
    TRIED[f"overlay: {outcome}"] += 1
    return outcome


# -- the command line ----------------------------------------------------------------------

_WORKED = str(GOLDEN / "24-section-14-worked-example.toml")
_SERIES = str(GOLDEN / "07-series-and-exercise.toml")
_ARGUMENTS = st.one_of(
    st.sampled_from(["0", "1", "2", "-1", "W-1", "2002-06-03", "2004-06-14", "9" * 30,
                     "9" * 5000, "x\ny", "\x1b[2J", "<b>", "", "4.C(1)", "100000000",
                     "2004-06-14T10:00:00-08:00", "9999-12-31T23:00-10:00", "0001-01-01",
                     "1e99999999", "NaN", "/dev/zero", "1/3"]),
    st.text(max_size=10),
)


@st.composite
def command_lines(draw: st.DrawFn) -> list[str]:
    """A ``warrant`` command with its options, a few of them hostile."""
    a = _ARGUMENTS
    choice = draw(st.sampled_from(["replay", "certificate", "exercise", "consent", "notices",
                                   "fmv", "readings", "unknown"]))
    if choice == "replay":
        argv = ["replay", _WORKED, "--as-of", draw(a)] if draw(st.booleans()) else [
            "replay", draw(st.sampled_from([_WORKED, _SERIES, "/dev/zero", draw(a)]))]
    elif choice == "certificate":
        which = draw(st.sampled_from(["--adjustment", "--event"]))
        argv = ["certificate", _WORKED, which, draw(a), "--places", draw(a),
                "--format", draw(st.sampled_from(["md", "text", "json", draw(a)]))]
    elif choice == "exercise":
        argv = ["exercise", _SERIES, "--warrant", draw(a), "--received", draw(a),
                "--shares", draw(a), "--cash", draw(a)]
        if draw(st.booleans()):
            argv += ["--received-at", draw(a)]
    elif choice == "consent":
        argv = ["consent", _SERIES, "--as-of", draw(a), "--signed", draw(a)]
    elif choice == "notices":
        argv = ["notices", draw(st.sampled_from([_WORKED, draw(a)]))]
    elif choice == "fmv":
        argv = ["fmv", str(GOLDEN / "exchange-2003-prices.csv"), draw(a)]
    elif choice == "readings":
        argv = ["readings", _WORKED]
    else:
        argv = [draw(a), draw(a)]
    if draw(st.integers(0, 4)) == 0:
        argv.append(draw(a))
    return argv


def check_command_line(argv: list[str]) -> str:
    """Run ``warrant`` with ``argv``; return its exit status as text."""
    TRIED["command line"] += 1
    out, err = io.StringIO(), io.StringIO()
    with _timed("command line"), contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            status = main(argv)
        except SystemExit as done:  # --help, --version
            status = int(done.code or 0)
    assert status in (0, 1, 2), f"exit status {status}"
    if status == 2:
        lines = err.getvalue().strip().splitlines()
        assert len(lines) == 1, f"not one line: {err.getvalue()[:500]!r}"
        assert len(lines[0]) < 2000, "a message too long to read"
        assert "Traceback" not in err.getvalue()
    assert "\x1b" not in out.getvalue() and "\x1b" not in err.getvalue(), "a raw escape shown"
    outcome = f"exit {status}"
    TRIED[f"command line: {outcome}"] += 1
    return outcome


_warm_up()
