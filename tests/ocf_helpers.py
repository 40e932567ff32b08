"""Builders for the OCF import tests: copies of the Alpha package, changed one fact at a time.

Nothing here computes an expected figure.  A test copies ``tests/files/ocf/alpha``
(and its overlay) into a temporary folder, changes the JSON or the overlay, and
rewrites the manifest's md5s so that only the change it means to test is wrong.
"""

from __future__ import annotations

import hashlib
import json
import shutil
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

HERE = Path(__file__).parent / "files" / "ocf"
ALPHA = HERE / "alpha"
ALPHA_OVERLAY = HERE / "alpha-overlay.toml"
ALPHA_BY_HAND = HERE / "alpha-by-hand.toml"
SAMPLES = HERE / "samples-v1.2.0"

Json = dict[str, Any]


def copy_alpha(tmp: Path, *, overlay_text: str | None = None) -> tuple[Path, Path]:
    """The Alpha package and overlay copied under ``tmp``: (package folder, overlay path)."""
    package = tmp / "alpha"
    shutil.copytree(ALPHA, package)
    overlay = tmp / "alpha-overlay.toml"
    overlay.write_text(overlay_text or ALPHA_OVERLAY.read_text(encoding="utf-8"), encoding="utf-8")
    return package, overlay


def read(package: Path, name: str) -> Json:
    data: Json = json.loads((package / name).read_text(encoding="utf-8"))
    return data


def write(package: Path, name: str, data: Json, *, refresh: bool = True) -> None:
    (package / name).write_text(json.dumps(data, indent=2) + "\n", encoding="utf-8")
    if refresh:
        refresh_md5s(package)


def change_transactions(package: Path, change: Callable[[list[Json]], None]) -> None:
    data = read(package, "Transactions.ocf.json")
    change(data["items"])
    write(package, "Transactions.ocf.json", data)


def transaction(items: list[Json], ocf_id: str) -> Json:
    return next(item for item in items if item["id"] == ocf_id)


def refresh_md5s(package: Path) -> None:
    """Rewrite every md5 in the manifest from the files as they now are."""
    manifest = read(package, "Manifest.ocf.json")
    for key, value in manifest.items():
        if key.endswith("_files"):
            for ref in value:
                ref["md5"] = hashlib.md5((package / ref["filepath"]).read_bytes()).hexdigest()
    write(package, "Manifest.ocf.json", manifest, refresh=False)


def zip_package(package: Path, target: Path) -> Path:
    """The package's files (not the prices) zipped flat, as cap-table systems export them."""
    with zipfile.ZipFile(target, "w") as archive:
        for path in sorted(package.glob("*.ocf.json")):
            archive.write(path, path.name)
    return target


def overlay_with(extra: str, *, replace: tuple[str, str] | None = None) -> str:
    """The Alpha overlay with ``extra`` TOML appended (and one piece of text replaced)."""
    text = ALPHA_OVERLAY.read_text(encoding="utf-8")
    if replace is not None:
        assert replace[0] in text, replace[0]
        text = text.replace(*replace)
    return text + "\n" + extra + "\n"


def stock(ocf_id: str, security: str, date: str, quantity: str, price: str, **more: Any) -> Json:
    """A TX_STOCK_ISSUANCE of Alpha's Common class."""
    return {
        "object_type": "TX_STOCK_ISSUANCE",
        "id": ocf_id,
        "security_id": security,
        "date": date,
        "custom_id": ocf_id,
        "stakeholder_id": more.pop("stakeholder_id", "sh-investor"),
        "security_law_exemptions": [],
        "stock_class_id": "class-common",
        "share_price": {"amount": price, "currency": more.pop("currency", "USD")},
        "quantity": quantity,
        "stock_legend_ids": [],
        **more,
    }


def option(
    ocf_id: str,
    security: str,
    date: str,
    quantity: str,
    price: str,
    expires: str | None,
    **more: Any,
) -> Json:
    """A TX_EQUITY_COMPENSATION_ISSUANCE of an option."""
    return {
        "object_type": "TX_EQUITY_COMPENSATION_ISSUANCE",
        "id": ocf_id,
        "security_id": security,
        "date": date,
        "custom_id": ocf_id,
        "stakeholder_id": more.pop("stakeholder_id", "sh-officer"),
        "security_law_exemptions": [],
        "compensation_type": more.pop("compensation_type", "OPTION"),
        "quantity": quantity,
        "exercise_price": {"amount": price, "currency": "USD"},
        "expiration_date": expires,
        "termination_exercise_windows": [],
        **more,
    }
