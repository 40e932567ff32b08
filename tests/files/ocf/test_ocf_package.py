"""Reading and checking an OCF package: each refusal names the OCF id and the reason.

Each test changes one fact of a copy of the Alpha package (the md5s are
rewritten unless the md5 is what is tested) and checks the refusal.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import pytest

import warrant
from ocf_helpers import (
    SAMPLES,
    change_transactions,
    copy_alpha,
    read,
    refresh_md5s,
    stock,
    transaction,
    write,
)
from warrant.files.ocf.package import open_package


def _refused(package: Path, overlay: Path) -> warrant.OcfRefused:
    with pytest.raises(warrant.OcfRefused) as caught:
        warrant.import_ocf(package, overlay)
    assert "\n" not in str(caught.value)
    return caught.value


def test_ocf_an_unsupported_version_is_refused(tmp_path: Path) -> None:
    package, overlay = copy_alpha(tmp_path)
    manifest = read(package, "Manifest.ocf.json")
    manifest["ocf_version"] = "1.1.0"
    write(package, "Manifest.ocf.json", manifest, refresh=False)
    error = _refused(package, overlay)
    assert error.ocf_id == "Manifest.ocf.json"
    assert "ocf_version '1.1.0' is not supported" in str(error)


def test_ocf_an_md5_mismatch_is_refused(tmp_path: Path) -> None:
    package, overlay = copy_alpha(tmp_path)
    path = package / "Transactions.ocf.json"
    path.write_text(path.read_text(encoding="utf-8") + " ", encoding="utf-8")
    error = _refused(package, overlay)
    assert error.ocf_id == "./Transactions.ocf.json"
    assert error.field == "md5"
    assert "md5 mismatch" in str(error)


def test_ocf_a_listed_file_missing_is_refused(tmp_path: Path) -> None:
    package, overlay = copy_alpha(tmp_path)
    (package / "Valuations.ocf.json").unlink()
    error = _refused(package, overlay)
    assert error.ocf_id == "./Valuations.ocf.json"
    assert "not in the package" in str(error)


def test_ocf_a_path_out_of_the_package_is_refused(tmp_path: Path) -> None:
    package, overlay = copy_alpha(tmp_path)
    manifest = read(package, "Manifest.ocf.json")
    manifest["valuations_files"][0]["filepath"] = "../elsewhere.json"
    write(package, "Manifest.ocf.json", manifest, refresh=False)
    assert "stay inside the package" in str(_refused(package, overlay))


def test_spec_2_ocf_a_json_float_is_refused_naming_the_object(tmp_path: Path) -> None:
    package, overlay = copy_alpha(tmp_path)
    path = package / "Transactions.ocf.json"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace('"amount": "0.90"', '"amount": 0.90'), encoding="utf-8")
    refresh_md5s(package)
    error = _refused(package, overlay)
    assert error.ocf_id == "tx-sale-2002"
    assert error.field == "share_price.amount"
    assert "JSON number 0.90" in str(error)


def test_ocf_a_json_integer_where_ocf_writes_a_string_is_refused(tmp_path: Path) -> None:
    package, overlay = copy_alpha(tmp_path)
    change_transactions(
        package, lambda items: transaction(items, "tx-sale-2002").update(quantity=1000000)
    )
    error = _refused(package, overlay)
    assert error.ocf_id == "tx-sale-2002"
    assert error.field == "quantity"
    assert "OCF Numeric is a string" in str(error)


def test_ocf_an_unknown_key_is_refused_as_the_schema_does(tmp_path: Path) -> None:
    package, overlay = copy_alpha(tmp_path)
    change_transactions(
        package, lambda items: transaction(items, "tx-sale-2002").update(discount="0.1")
    )
    error = _refused(package, overlay)
    assert error.ocf_id == "tx-sale-2002"
    assert error.field == "discount"
    assert "unknown key(s) discount" in str(error)


def test_ocf_an_unknown_key_inside_an_amount_is_refused(tmp_path: Path) -> None:
    package, overlay = copy_alpha(tmp_path)
    change_transactions(
        package,
        lambda items: transaction(items, "tx-sale-2002")["share_price"].update(note="x"),
    )
    error = _refused(package, overlay)
    assert error.field == "share_price.note"


def test_ocf_a_missing_required_key_is_refused(tmp_path: Path) -> None:
    package, overlay = copy_alpha(tmp_path)
    change_transactions(package, lambda items: transaction(items, "tx-split").pop("split_ratio"))
    error = _refused(package, overlay)
    assert error.ocf_id == "tx-split"
    assert error.field == "split_ratio"


def test_ocf_an_unknown_object_type_is_refused(tmp_path: Path) -> None:
    package, overlay = copy_alpha(tmp_path)
    change_transactions(
        package, lambda items: transaction(items, "tx-split").update(object_type="TX_STOCK_SPLIT")
    )
    assert "'TX_STOCK_SPLIT' is not an OCF 1.2.0 transaction" in str(_refused(package, overlay))


def test_ocf_an_id_used_twice_is_refused(tmp_path: Path) -> None:
    package, overlay = copy_alpha(tmp_path)
    change_transactions(
        package, lambda items: transaction(items, "tx-split").update(id="tx-sale-2002")
    )
    error = _refused(package, overlay)
    assert error.ocf_id == "tx-sale-2002"
    assert "used twice" in str(error)


@pytest.mark.parametrize(
    ("ocf_id", "key", "value"),
    [
        ("tx-sale-2002", "stakeholder_id", "sh-nobody"),
        ("tx-sale-2002", "stock_class_id", "class-preferred"),
        ("tx-officer-grant", "stock_plan_id", "plan-2010"),
        ("tx-buyback", "security_id", "sec-nothing"),
        ("tx-officer-exercise", "resulting_security_ids", ["sec-nothing"]),
    ],
)
def test_ocf_a_dangling_reference_is_refused(
    tmp_path: Path, ocf_id: str, key: str, value: Any
) -> None:
    package, overlay = copy_alpha(tmp_path)
    change_transactions(package, lambda items: transaction(items, ocf_id).update({key: value}))
    error = _refused(package, overlay)
    assert error.ocf_id == ocf_id
    assert error.field == key
    assert "dangling reference" in str(error)


def test_ocf_not_a_package_is_refused(tmp_path: Path) -> None:
    (tmp_path / "note.txt").write_text("hello", encoding="utf-8")
    with pytest.raises(warrant.OcfRefused, match="not an OCF package"):
        open_package(tmp_path / "note.txt")


def test_ocf_invalid_json_is_refused(tmp_path: Path) -> None:
    package, overlay = copy_alpha(tmp_path)
    (package / "Stakeholders.ocf.json").write_text("{", encoding="utf-8")
    refresh_md5s(package)
    error = _refused(package, overlay)
    assert error.ocf_id == "./Stakeholders.ocf.json"
    assert "not valid JSON" in str(error)


# -- the official v1.2.0 samples -------------------------------------------------------------


def test_ocf_the_official_samples_are_refused_for_their_placeholder_md5s(tmp_path: Path) -> None:
    _, overlay = copy_alpha(tmp_path)
    error = _refused(SAMPLES, overlay)
    assert error.field == "md5"
    assert error.ocf_id == "./StockPlans.ocf.json"  # the first file the manifest lists


def test_ocf_the_official_samples_with_true_md5s_have_dangling_references(
    tmp_path: Path,
) -> None:
    samples = tmp_path / "samples"
    shutil.copytree(SAMPLES, samples)
    refresh_md5s(samples)
    with pytest.raises(warrant.OcfRefused) as caught:
        open_package(samples)
    assert caught.value.ocf_id == "test-convertible-acceptance-minimal"
    assert caught.value.field == "security_id"
    assert "dangling reference: security_id '2936wa8yefhdsvcn'" in str(caught.value)


def test_ocf_every_sample_object_is_read_by_the_model(tmp_path: Path) -> None:
    """The samples use every property of every transaction kind: none is an unknown key."""
    samples = tmp_path / "samples"
    shutil.copytree(SAMPLES, samples)
    refresh_md5s(samples)
    # Drop the transactions whose references dangle: what is left must read cleanly.
    data = json.loads((samples / "Transactions.ocf.json").read_text(encoding="utf-8"))
    kinds = {item["object_type"] for item in data["items"]}
    assert len(kinds) >= 36
    from warrant.files.ocf import package as reader

    items = [reader._transaction("Transactions.ocf.json", item) for item in data["items"]]
    assert {item.object_type for item in items} == kinds


def test_ocf_the_stock_issuance_helper_builds_what_the_model_reads() -> None:
    from warrant.files.ocf import package as reader

    item = reader._transaction("t", stock("a", "s", "2002-06-03", "10", "1.00"))
    assert item.id == "a"
