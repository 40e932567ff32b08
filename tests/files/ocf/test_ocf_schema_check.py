"""The optional schema check (``--check-schema``): each item against the v1.2.0 schema."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

import warrant
from ocf_helpers import (
    ALPHA,
    ALPHA_OVERLAY,
    Json,
    change_transactions,
    copy_alpha,
    read,
    transaction,
    write,
)
from warrant.files.ocf import schema_check

pytest.importorskip("fastjsonschema")


def test_ocf_the_alpha_package_passes_the_schema() -> None:
    result = warrant.import_ocf(ALPHA, ALPHA_OVERLAY, check_schema=True)
    assert len(result.scenario.events) == 11


def test_ocf_the_schema_refuses_an_unknown_key_the_reader_keeps_as_json(tmp_path: Path) -> None:
    package, overlay = copy_alpha(tmp_path)

    def exemption_with_extra(items: list[Json]) -> None:
        sale = transaction(items, "tx-sale-2002")
        sale["security_law_exemptions"][0]["rule"] = "506(b)"

    change_transactions(package, exemption_with_extra)
    warrant.import_ocf(package, overlay)  # the reader does not look inside exemptions
    with pytest.raises(warrant.OcfRefused) as caught:
        warrant.import_ocf(package, overlay, check_schema=True)
    assert caught.value.ocf_id == "tx-sale-2002"
    assert "StockIssuance.schema.json" in str(caught.value)


def test_ocf_the_schema_refuses_a_value_outside_its_enum(tmp_path: Path) -> None:
    package, overlay = copy_alpha(tmp_path)
    stakeholders = read(package, "Stakeholders.ocf.json")
    stakeholders["items"][2]["current_relationship"] = "CHIEF"
    write(package, "Stakeholders.ocf.json", stakeholders)
    with pytest.raises(warrant.OcfRefused) as caught:
        warrant.import_ocf(package, overlay, check_schema=True)
    assert caught.value.ocf_id == "sh-officer"
    assert caught.value.field == "current_relationship"


def test_ocf_the_schema_refuses_a_manifest_without_its_issuer(tmp_path: Path) -> None:
    package, overlay = copy_alpha(tmp_path)
    manifest = read(package, "Manifest.ocf.json")
    del manifest["issuer"]["formation_date"]
    write(package, "Manifest.ocf.json", manifest, refresh=False)
    with pytest.raises(warrant.OcfRefused, match="OCFManifestFile"):
        warrant.import_ocf(package, overlay, check_schema=True)


def test_ocf_without_the_extra_the_schema_check_says_how_to_install_it(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    schema_check._validator.cache_clear()
    monkeypatch.setitem(sys.modules, "fastjsonschema", None)
    try:
        needs = r"pip install 'warrant-antidilution\[ocf-schema\]'"
        with pytest.raises(warrant.OcfRefused, match=needs):
            warrant.import_ocf(ALPHA, ALPHA_OVERLAY, check_schema=True)
    finally:
        schema_check._validator.cache_clear()


def test_ocf_the_shipped_schemas_keep_their_licence_notice() -> None:
    folder = Path(schema_check.__file__).parent / "schemas"
    assert (folder / "NOTICE.md").is_file()
    for path in (folder / "v1.2.0").rglob("*.schema.json"):
        assert "Copyright © 2024 Open Cap Table Coalition" in path.read_text(encoding="utf-8")
