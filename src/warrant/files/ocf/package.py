"""Opening and checking an OCF 1.2.0 package: a folder with ``Manifest.ocf.json`` or a zip.

The checks, in order, each a refusal naming the file or OCF id: the manifest's
``ocf_version``; every file the manifest lists is present and has the md5 it
states; every file is JSON (numbers read as ``Decimal``) with no JSON float in
it (OCF writes numbers as strings); every item is an object kind this version
knows, with no key its schema does not allow; ids are unique; every reference
a transaction makes (security, stakeholder, stock class, stock plan) exists.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import lzma
import os
import re
import zipfile
import zlib
from collections.abc import Callable, Iterator, Mapping
from decimal import Decimal
from fractions import Fraction
from pathlib import Path, PurePosixPath
from typing import Any

import cattrs
from cattrs.errors import ClassValidationError, ForbiddenExtraKeysError

from warrant.files import text_formats
from warrant.files.ocf.model import (
    OBJECT_TYPES,
    TRANSACTION_TYPES,
    FileRef,
    Manifest,
    OcfObject,
    Package,
    SecurityTransaction,
    Stakeholder,
    StockClass,
    StockPlan,
    Transaction,
)
from warrant.ground import input_files
from warrant.ground.dates import parse_date
from warrant.ground.errors import OcfRefused, WarrantError

SUPPORTED_VERSIONS = ("1.2.0",)
MANIFEST = "Manifest.ocf.json"
_NUMERIC = re.compile(r"[+-]?[0-9]+(\.[0-9]{1,10})?")


def open_package(path: str | Path, *, check_schema: bool = False) -> Package:
    """Read and check the package at ``path`` (a folder, its manifest, or a ``.zip``).

    ``check_schema`` also validates every item against its published v1.2.0 schema
    (:mod:`warrant.files.ocf.schema_check`; needs the ``ocf-schema`` extra).
    """
    path = Path(path)
    schema: Any = None
    if check_schema:
        from warrant.files.ocf import schema_check as schema
    with _Container.open(path) as container:
        manifest_data = container.json(MANIFEST)
        version = manifest_data.get("ocf_version") if isinstance(manifest_data, dict) else None
        if version not in SUPPORTED_VERSIONS:
            raise OcfRefused(
                f"ocf_version {version!r} is not supported (this importer reads "
                f"{', '.join(SUPPORTED_VERSIONS)})",
                ocf_id=MANIFEST,
                field="ocf_version",
            )
        if schema is not None:
            schema.check_manifest(manifest_data)
        manifest: Manifest = _structure(manifest_data, Manifest, MANIFEST)
        listed = (
            manifest.stock_plans_files
            + manifest.stock_legend_templates_files
            + manifest.stock_classes_files
            + manifest.vesting_terms_files
            + manifest.valuations_files
            + manifest.transactions_files
            + manifest.stakeholders_files
            + manifest.financings_files
            + manifest.documents_files
        )
        for ref in listed:
            container.check_md5(ref)

        def items(refs: tuple[FileRef, ...]) -> Iterator[tuple[str, dict[str, Any]]]:
            for ref in refs:
                data = container.json(ref.filepath)
                listed = data.get("items", []) if isinstance(data, dict) else []
                if not isinstance(listed, list):
                    raise OcfRefused(
                        "items is a JSON list of objects", ocf_id=ref.filepath, field="items"
                    )
                for item in listed:
                    if not isinstance(item, dict):
                        raise OcfRefused("every item is a JSON object", ocf_id=ref.filepath)
                    if schema is not None:
                        schema.check_item(item, ref.filepath)
                    yield ref.filepath, item

        stakeholders = tuple(_objects(items(manifest.stakeholders_files), Stakeholder))
        stock_classes = tuple(_objects(items(manifest.stock_classes_files), StockClass))
        stock_plans = tuple(_objects(items(manifest.stock_plans_files), StockPlan))
        transactions = tuple(
            _transaction(name, item) for name, item in items(manifest.transactions_files)
        )
        valuations = sum(1 for _ in items(manifest.valuations_files))
        for refs in (
            manifest.vesting_terms_files,
            manifest.stock_legend_templates_files,
            manifest.financings_files,
            manifest.documents_files,
        ):
            for _ in items(refs):  # read for JSON floats; not needed by the warrant
                pass
    package = Package(
        source=str(path),
        manifest=manifest,
        stakeholders=stakeholders,
        stock_classes=stock_classes,
        stock_plans=stock_plans,
        transactions=transactions,
        valuations=valuations,
    )
    check_references(package)
    return package


# -- the container ----------------------------------------------------------------


class _Container:
    """A package's files, from a folder or a zip, by their manifest paths; each file read
    once, within the bounds of ``ground/input_files``, and kept for the md5 and the JSON."""

    def __init__(self, path: Path, read: Callable[[str], bytes | None], close: Callable[[], None]):
        self.path = path
        self._read = read
        self._close = close
        self._read_once: dict[str, bytes | None] = {}

    @classmethod
    def open(cls, path: Path) -> _Container:
        if not path.exists():  # named once, by the place the error is located at
            raise OcfRefused(
                f"does not exist (expected a folder holding {MANIFEST} or a .ocf.zip)"
            )
        if path.name == MANIFEST and not path.is_dir():
            path = path.parent
        if path.is_dir():
            return cls._folder(path)
        handle = input_files.open_regular(
            path, error=OcfRefused, what="the package", limit=input_files.MAX_ZIP_BYTES
        )
        try:
            archive = zipfile.ZipFile(handle)
        except (zipfile.BadZipFile, OSError, EOFError, ValueError):
            handle.close()
            raise OcfRefused(
                f"not an OCF package: expected a folder holding {MANIFEST} or a .ocf.zip",
                ocf_id=str(path),
            ) from None
        try:
            return cls._zip(path, archive, handle)
        except BaseException:
            archive.close()
            handle.close()
            raise

    @classmethod
    def _folder(cls, path: Path) -> _Container:
        root = path.resolve()

        def read_file(name: str) -> bytes | None:
            target = root / _inside(name, path)
            if not os.path.lexists(target):
                return None
            real = Path(os.path.realpath(target))
            if real != root and root not in real.parents:
                raise OcfRefused(
                    "the file is a link that leaves the package: only files inside it are read",
                    ocf_id=name,
                )
            if not real.exists():
                return None
            return input_files.read_bytes(real, error=OcfRefused, what=name)

        return cls(path, read_file, lambda: None)

    @classmethod
    def _zip(cls, path: Path, archive: zipfile.ZipFile, handle: Any) -> _Container:
        members = archive.infolist()
        if len(members) > input_files.MAX_MEMBERS:
            raise OcfRefused(
                f"the zip has {len(members):,} members; at most {input_files.MAX_MEMBERS:,} "
                "are read",
                ocf_id=str(path),
            )
        names: dict[str, zipfile.ZipInfo] = {}
        for member in members:
            name = PurePosixPath(member.filename).as_posix()
            if name in names:
                raise OcfRefused(
                    "the zip holds a member of this name twice (which would be read?)", ocf_id=name
                )
            names[name] = member
        # Some tools zip the folder itself: the manifest may sit one level down.
        prefix = ""
        if MANIFEST not in names:
            nested = [name for name in names if PurePosixPath(name).name == MANIFEST]
            if len(nested) == 1:
                prefix = str(PurePosixPath(nested[0]).parent) + "/"
        inflated = [0]

        def read_member(name: str) -> bytes | None:
            member = names.get(prefix + _inside(name, path))
            if member is None:
                return None
            data = _inflate(archive, member, name, input_files.MAX_INFLATED_BYTES - inflated[0])
            inflated[0] += len(data)
            return data

        def close() -> None:
            archive.close()
            handle.close()

        return cls(path, read_member, close)

    def __enter__(self) -> _Container:
        return self

    def __exit__(self, *_exc: object) -> None:
        self._close()

    def bytes(self, name: str) -> bytes:
        if name not in self._read_once:
            self._read_once[name] = self._read(name)
        data = self._read_once[name]
        if data is None:
            raise OcfRefused("the file the manifest lists is not in the package", ocf_id=name)
        return data

    def check_md5(self, ref: FileRef) -> None:
        digest = hashlib.md5(self.bytes(ref.filepath), usedforsecurity=False).hexdigest()
        if digest != ref.md5.lower():
            raise OcfRefused(
                f"md5 mismatch: the manifest says {ref.md5}, the file's is {digest} "
                "(the file changed after the manifest was written, or the md5 is a placeholder)",
                ocf_id=ref.filepath,
                field="md5",
            )

    def json(self, name: str) -> Any:
        text = input_files.decode(self.bytes(name), error=OcfRefused, what=name, where=name)
        try:
            data = text_formats.parse(text, "json", error=OcfRefused)
        except OcfRefused as error:
            message = f"{error.where}: {error.message}" if error.where else error.message
            raise OcfRefused(message, ocf_id=name, field=error.field) from None
        _no_floats(data, name, name, "")
        return data


def _inflate(archive: zipfile.ZipFile, member: zipfile.ZipInfo, name: str, room: int) -> bytes:
    """One member, inflated within its bounds (its size, its ratio, what is left of the
    zip's whole); a member that cannot be read is refused in one line."""
    limit = min(input_files.MAX_MEMBER_BYTES, max(room, 0))
    if member.file_size > limit:
        raise OcfRefused(
            f"the zip member inflates to {member.file_size:,} bytes, past the bound of "
            f"{limit:,} bytes (docs/hardening.md)",
            ocf_id=name,
        )
    _check_ratio(member.file_size, member.compress_size, name)
    try:
        with archive.open(member) as opened:
            data = input_files.read_bounded(
                opened, limit, error=OcfRefused, what="a zip member", where=name
            )
    except OcfRefused as error:
        raise OcfRefused(error.message, ocf_id=name) from None
    except (zipfile.BadZipFile, zlib.error, RuntimeError, NotImplementedError, EOFError,
            OSError, ValueError, lzma.LZMAError) as error:
        raise OcfRefused(
            f"the zip member cannot be read ({_zip_reason(error)}): zip the package again",
            ocf_id=name,
        ) from None
    _check_ratio(len(data), member.compress_size, name)
    return data


def _check_ratio(size: int, stored: int, name: str) -> None:
    if size > input_files.RATIO_FROM and size > input_files.MAX_RATIO * max(stored, 1):
        raise OcfRefused(
            f"the zip member inflates {size // max(stored, 1):,}-fold; at most "
            f"{input_files.MAX_RATIO}-fold is read past {input_files.RATIO_FROM:,} bytes "
            "(docs/hardening.md)",
            ocf_id=name,
        )


def _zip_reason(error: BaseException) -> str:
    text = str(error).lower()
    if "encrypt" in text or "password" in text:
        return "encrypted"
    if "compression" in text or isinstance(error, NotImplementedError):
        return "compressed by a method this reader does not know"
    if "crc" in text:
        return "its checksum disagrees: corrupt"
    if "differ" in text or "overlap" in text:
        return "its header and the zip's directory disagree"
    return "corrupt"


def _inside(name: str, package: Path) -> str:
    """A manifest path as a path inside the package; one that climbs out is refused."""
    parts = [part for part in PurePosixPath(name.replace("\\", "/")).parts if part not in ("", ".")]
    if not parts or ".." in parts or name.startswith("/"):
        raise OcfRefused(f"a file path must stay inside the package {package}", ocf_id=name)
    return "/".join(parts)


def _no_floats(value: Any, file: str, owner: str, path: str) -> None:
    """OCF numbers are strings: a JSON number with a fraction or exponent is refused."""
    if isinstance(value, Decimal):
        raise OcfRefused(
            f'JSON number {value} where OCF writes numbers as strings ("{value}"): a binary '
            f"float is never read as money or shares (in {file})",
            ocf_id=owner,
            field=path,
        )
    if isinstance(value, dict):
        if isinstance(value.get("id"), str):  # an OCF object: name it, and the path inside it
            owner, path = str(value["id"]), ""
        for key, item in value.items():
            _no_floats(item, file, owner, f"{path}.{key}" if path else str(key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            _no_floats(item, file, owner, f"{path}[{index}]")


# -- structuring ----------------------------------------------------------------


def _numeric(value: Any, _type: Any) -> Fraction:
    if not isinstance(value, str) or not _NUMERIC.fullmatch(value):
        raise OcfRefused(f"an OCF Numeric is a string of digits (up to 10 decimals), got {value!r}")
    return Fraction(value)


def _date(value: Any, _type: Any) -> dt.date:
    if not isinstance(value, str):
        raise OcfRefused(f"an OCF date is a YYYY-MM-DD string, got {value!r}")
    return parse_date(value, field="")


def _exact(kind: type) -> Callable[[Any, Any], Any]:
    def check(value: Any, _type: Any) -> Any:
        if type(value) is not kind:
            raise OcfRefused(f"expected a JSON {kind.__name__}, got {value!r}")
        return value

    return check


_converter = cattrs.Converter(forbid_extra_keys=True)
_converter.register_structure_hook(Fraction, _numeric)
_converter.register_structure_hook(dt.date, _date)
_converter.register_structure_hook(str, _exact(str))
_converter.register_structure_hook(bool, _exact(bool))
_converter.register_structure_hook(int, _exact(int))


def _structure(data: Any, cls: type[Any], where: str) -> Any:
    owner = str(data["id"]) if isinstance(data, dict) and isinstance(data.get("id"), str) else where
    if not isinstance(data, dict):
        raise OcfRefused("expected a JSON object", ocf_id=owner)
    try:
        return _converter.structure(data, cls)
    except ClassValidationError as group:
        raise _first(group, owner, where) from None


def _first(group: ClassValidationError, owner: str, where: str) -> OcfRefused:
    path: list[str] = []
    error: BaseException = group
    while isinstance(error, ClassValidationError | cattrs.IterableValidationError):
        inner = error.exceptions[0]
        notes = [
            note
            for note in getattr(inner, "__notes__", ())
            if hasattr(note, "name") or hasattr(note, "index")
        ]
        if notes:
            note = notes[0]
            path.append(
                str(getattr(note, "name", None) if hasattr(note, "name") else f"[{note.index}]")
            )
        error = inner
    field = ".".join(path).replace(".[", "[") or None
    if isinstance(error, ForbiddenExtraKeysError):
        extra = ", ".join(sorted(error.extra_fields))
        return OcfRefused(
            f"unknown key(s) {extra}: the OCF {SUPPORTED_VERSIONS[0]} schema allows none "
            f"(in {where})",
            ocf_id=owner,
            field=(f"{field}." if field else "") + sorted(error.extra_fields)[0],
        )
    if isinstance(error, KeyError):  # cattrs' note already names the missing key
        return OcfRefused(f"required key missing (in {where})", ocf_id=owner, field=field)
    if isinstance(error, WarrantError):
        return OcfRefused(f"{error.message} (in {where})", ocf_id=owner, field=field)
    return OcfRefused(f"{error} (in {where})", ocf_id=owner, field=field)


def _objects(items: Iterator[tuple[str, dict[str, Any]]], cls: type[OcfObject]) -> Iterator[Any]:
    expected = next(kind for kind, known in OBJECT_TYPES.items() if known is cls)
    for name, item in items:
        if item.get("object_type") != expected:
            raise OcfRefused(
                f"object_type {item.get('object_type')!r} does not belong in this file "
                f"(expected {expected}, in {name})",
                ocf_id=str(item.get("id", name)),
                field="object_type",
            )
        yield _structure(item, cls, name)


def _transaction(name: str, item: dict[str, Any]) -> Transaction:
    kind = item.get("object_type")
    cls = TRANSACTION_TYPES.get(str(kind))
    if cls is None:
        raise OcfRefused(
            f"object_type {kind!r} is not an OCF {SUPPORTED_VERSIONS[0]} transaction (in {name})",
            ocf_id=str(item.get("id", name)),
            field="object_type",
        )
    transaction: Transaction = _structure(item, cls, name)
    return transaction


# -- references -----------------------------------------------------------------


def check_references(package: Package) -> None:
    """Every id a transaction names exists; ids are unique."""
    seen: set[str] = set()
    for obj in (
        *package.stakeholders,
        *package.stock_classes,
        *package.stock_plans,
        *package.transactions,
    ):
        if obj.id in seen:
            raise OcfRefused("the id is used twice in the package", ocf_id=obj.id, field="id")
        seen.add(obj.id)
    pools: Mapping[str, set[str]] = {
        "stakeholder_id": {s.id for s in package.stakeholders},
        "stock_class_id": {c.id for c in package.stock_classes},
        "stock_plan_id": {p.id for p in package.stock_plans},
        "security_id": {
            tx.security_id
            for tx in package.transactions
            if isinstance(tx, SecurityTransaction) and tx.object_type.endswith("_ISSUANCE")
        },
    }
    for plan in package.stock_plans:
        for class_id in (plan.stock_class_id, *(plan.stock_class_ids or ())):
            if class_id is not None and class_id not in pools["stock_class_id"]:
                raise _dangling(plan.id, "stock_class_id", class_id)
    for tx in package.transactions:
        for key, pool in pools.items():
            value = getattr(tx, key, None)
            if value is None or (key == "security_id" and tx.object_type.endswith("_ISSUANCE")):
                continue
            if value not in pool:
                raise _dangling(tx.id, key, value)
        for key in ("resulting_security_ids", "balance_security_id"):
            value = getattr(tx, key, None)
            for security in (value,) if isinstance(value, str) else value or ():
                if security not in pools["security_id"]:
                    raise _dangling(tx.id, key, security)


def _dangling(ocf_id: str, key: str, value: str) -> OcfRefused:
    what = key.removesuffix("_ids").removesuffix("_id").replace("_", " ")
    return OcfRefused(
        f"dangling reference: {key} {value!r} names no {what} in the package",
        ocf_id=ocf_id,
        field=key,
    )
