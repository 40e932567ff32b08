"""The optional schema check: each item against the published OCF v1.2.0 JSON schema.

The reader's own classes already refuse unknown keys and wrong types at the top
level of every object and in what the warrant reads; the published schemas also
check what it keeps as plain JSON (vesting schedules, contact details,
conversion triggers, enums, patterns).  They ship with the package
(``schemas/v1.2.0``, with their licence notice) and are compiled with
``fastjsonschema``, the ``ocf-schema`` extra, only when the check is asked for:
item by item, by ``object_type``, each schema compiled once.
"""

from __future__ import annotations

import functools
import json
from collections.abc import Callable
from importlib import resources
from typing import Any

from warrant.ground.errors import OcfRefused

BASE = "https://schema.opencaptablecoalition.com/v/1.2.0/"
MANIFEST_SCHEMA = "files/OCFManifestFile.schema.json"


def _schemas() -> Any:
    return resources.files("warrant.files.ocf").joinpath("schemas", "v1.2.0")


@functools.cache
def _load(relative: str) -> Any:
    node = _schemas()
    for part in relative.split("/"):
        node = node.joinpath(part)
    return json.loads(node.read_text(encoding="utf-8"))


def _by_url(url: str) -> Any:
    if not url.startswith(BASE):
        raise OcfRefused(f"the schema refers outside OCF 1.2.0: {url}")
    return _load(url.removeprefix(BASE))


@functools.cache
def _object_schemas() -> dict[str, str]:
    """``object_type`` → schema path; the current EQUITY_COMPENSATION schemas win over the
    PLAN_SECURITY ones they replace (which allow any key)."""
    found: dict[str, str] = {}
    objects = _schemas().joinpath("objects")
    stack = [(objects, "objects")]
    while stack:
        folder, prefix = stack.pop()
        for entry in folder.iterdir():
            if entry.is_dir():
                stack.append((entry, f"{prefix}/{entry.name}"))
                continue
            schema = _load(f"{prefix}/{entry.name}")
            kind = schema.get("properties", {}).get("object_type", {})
            if "const" in kind:
                found.setdefault(kind["const"], f"{prefix}/{entry.name}")
            for name in kind.get("enum", ()):
                found[name] = f"{prefix}/{entry.name}"
    return found


@functools.cache
def _validator(relative: str) -> Callable[[Any], Any]:
    try:
        import fastjsonschema
    except ImportError:
        raise OcfRefused(
            "the schema check needs fastjsonschema: pip install 'warrant-antidilution[ocf-schema]'"
        ) from None
    validate: Callable[[Any], Any] = fastjsonschema.compile(
        _load(relative), handlers={"https": _by_url}
    )
    return validate


def check_manifest(data: Any) -> None:
    _check(data, MANIFEST_SCHEMA, "Manifest.ocf.json")


def check_item(item: dict[str, Any], file: str) -> None:
    """Refuse an item its v1.2.0 schema does not accept (the reader refuses unknown kinds)."""
    relative = _object_schemas().get(str(item.get("object_type")))
    if relative is not None:
        _check(item, relative, str(item.get("id", file)))


def _check(data: Any, relative: str, owner: str) -> None:
    validate = _validator(relative)  # first: it says how to install the extra
    import fastjsonschema

    try:
        validate(data)
    except fastjsonschema.JsonSchemaValueException as error:
        where = (error.name or "data").removeprefix("data").lstrip(".") or None
        raise OcfRefused(
            f"the OCF 1.2.0 schema ({relative.rsplit('/', 1)[-1]}) refuses it: {error.message}",
            ocf_id=owner,
            field=where,
        ) from None
