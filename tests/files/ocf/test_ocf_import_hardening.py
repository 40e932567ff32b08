"""import-ocf refuses what it cannot write and flags what it cannot know (SPEC §12).

An id the written scenario could not hold (the reserved ``opening-plan-options``, or an
id another event already has) and a transaction after the warrant's expiration are
refused at import, not left for ``replay`` to refuse; a transaction dated after the
export's ``as_of`` and a transfer into another stock class are flagged.
"""

from __future__ import annotations

from pathlib import Path

import pytest

import warrant
from ocf_helpers import (
    Json,
    change_transactions,
    copy_alpha,
    overlay_with,
    read,
    stock,
    write,
)
from warrant.files.ocf.report import FlagKind


def _import(tmp_path: Path, overlay: str | None = None) -> warrant.OcfImport:
    package, overlay_path = copy_alpha(tmp_path, overlay_text=overlay)
    return warrant.import_ocf(package, overlay_path)


def test_an_overlay_id_equal_to_the_reserved_grant_is_refused_at_import(tmp_path: Path) -> None:
    text = overlay_with("", replace=('id = "sale-2002"', 'id = "opening-plan-options"'))
    with pytest.raises(warrant.OcfRefused, match="opening-plan-options") as caught:
        _import(tmp_path, text)
    assert caught.value.field == "id"


def test_an_overlay_id_equal_to_another_events_id_is_refused_at_import(tmp_path: Path) -> None:
    text = overlay_with("", replace=('id = "sale-2002"', 'id = "dividend-2003"'))
    with pytest.raises(warrant.OcfRefused, match="dividend-2003") as caught:
        _import(tmp_path, text)
    assert caught.value.field == "id"


def _with(tmp_path: Path, *items: Json) -> tuple[Path, Path]:
    package, overlay = copy_alpha(tmp_path)
    change_transactions(package, lambda listed: listed.extend(items))
    return package, overlay


def test_a_transaction_after_the_warrants_expiration_is_refused_at_import(tmp_path: Path) -> None:
    package, overlay = _with(
        tmp_path, stock("tx-late", "sec-late", "2007-06-01", "1000", "0.50")
    )
    with pytest.raises(warrant.OcfRefused, match="expir") as caught:
        warrant.import_ocf(package, overlay)
    assert "tx-late" in str(caught.value)


def test_a_transaction_after_the_exports_as_of_is_flagged(tmp_path: Path) -> None:
    package, overlay = _with(
        tmp_path, stock("tx-after", "sec-after", "2004-06-01", "1000", "5.00")
    )
    report = warrant.import_ocf(package, overlay).report
    flagged = [flag for flag in report.flags if flag.kind is FlagKind.AFTER_AS_OF]
    assert [flag.ocf_id for flag in flagged] == ["tx-after"]


def test_a_transfer_into_another_stock_class_is_flagged(tmp_path: Path) -> None:
    package, overlay = copy_alpha(tmp_path)
    classes = read(package, "StockClasses.ocf.json")
    preferred = dict(classes["items"][0], id="class-pref", name="Preferred", class_type="PREFERRED")
    classes["items"].append(preferred)
    write(package, "StockClasses.ocf.json", classes)
    transfer = {
        "object_type": "TX_STOCK_TRANSFER",
        "id": "tx-transfer",
        "security_id": "sec-sale-2002",
        "date": "2003-04-01",
        "quantity": "1000",
        "resulting_security_ids": ["sec-moved"],
    }
    moved = stock("tx-moved", "sec-moved", "2003-04-01", "1000", "0.90",
                  stock_class_id="class-pref")
    change_transactions(package, lambda listed: listed.extend([transfer, moved]))
    report = warrant.import_ocf(package, overlay).report
    flagged = [flag for flag in report.flags if flag.kind is FlagKind.TRANSFER_OTHER_CLASS]
    assert [flag.ocf_id for flag in flagged] == ["tx-transfer"]
