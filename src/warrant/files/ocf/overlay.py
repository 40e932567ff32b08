"""The overlay: what the user says that an OCF package cannot (a TOML file).

``[ocf] as_of`` names the export it was written for.  ``[warrant]``,
``[reading]``, ``[capitalization]``, ``[prices]`` and ``[[event]]`` are read by
the scenario loader itself, so they mean exactly what they mean in a scenario
file (paths relative to the overlay).  ``[plans]`` says which of the warrant's
plans each OCF stock plan is (4.C(5)(iii)); ``[grantee]`` to whom grants were
made; ``[tx."<ocf id>"]`` adds event fields the mapping cannot fill, classifies
an ambiguous transaction, or skips one with a reason.
"""

from __future__ import annotations

import datetime as dt
import enum
from collections.abc import Mapping
from fractions import Fraction
from pathlib import Path
from typing import Any

import attrs
import cattrs
from cattrs.errors import ClassValidationError, ForbiddenExtraKeysError

from warrant.files import text_formats
from warrant.files.scenario_files import TOP_LEVEL_KEYS, Scenario, scenario_from_data
from warrant.ground import input_files
from warrant.ground.dates import require_date
from warrant.ground.errors import OcfRefused, WarrantError
from warrant.ground.exact import to_fraction
from warrant.register.events import Grantee

#: The scenario file's own tables (an ``[exchange]`` too), read by its loader.
SCENARIO_TABLES = TOP_LEVEL_KEYS
OVERLAY_TABLES = ("ocf", "plans", "grantee", "tx", *SCENARIO_TABLES)


class PlanKind(enum.Enum):
    """Which plan an OCF stock plan is, as 4.C(5)(iii) names them."""

    PLAN_1985 = "1985"
    PLAN_1994 = "1994"
    LATER = "later"
    OUTSIDE = "outside"  # not one of the plans the carve-out names

    @property
    def in_plans(self) -> bool:
        return self is not PlanKind.OUTSIDE


class Classify(enum.Enum):
    """What an ambiguous OCF transaction is, as the overlay says."""

    STOCK_DIVIDEND = "stock-dividend"  # a zero-price Common issue that is a 4.D dividend
    ISSUANCE = "issuance"  # a Common issue, tested under 4.C(1) as any other
    OPTION_GRANT = "option-grant"  # an RSU: a right to Common Stock for no exercise payment
    BUYBACK = "buyback"  # a Common stock cancellation: the shares leave the count
    THE_WARRANTS = "the-warrants"  # a warrant issuance that is the Warrants themselves


#: OCF ``current_relationship`` → grantee, when ``from_current_relationship`` is on.
RELATIONSHIP_GRANTEES = {
    "OFFICER": Grantee.OFFICER,
    "EMPLOYEE": Grantee.EMPLOYEE,
    "BOARD_MEMBER": Grantee.DIRECTOR,
    "CONSULTANT": Grantee.CONSULTANT,
}


@attrs.frozen(kw_only=True)
class TxOverlay:
    """``[tx."<ocf id>"]``: fields of the event a transaction maps to, or what to do with it."""

    id: str | None = None
    expenses: Fraction | None = None
    property: Fraction | None = None
    property_valued_by: str | None = None
    property_valued_on: dt.date | None = None
    allocated: Fraction | None = None
    allocated_by: str | None = None
    restructuring: str | None = None
    record_date: dt.date | None = None
    consideration: Fraction | None = None
    expires: dt.date | None = None
    max_shares: Fraction | None = None
    min_conversion_payment: Fraction | None = None
    classify: Classify | None = None
    skip: str | None = None

    def event_fields(self) -> dict[str, Any]:
        """The event fields it sets (not ``id``, ``classify`` or ``skip``)."""
        return {
            field.name: getattr(self, field.name)
            for field in attrs.fields(TxOverlay)
            if field.name not in ("id", "classify", "skip")
            and getattr(self, field.name) is not None
        }


@attrs.frozen(kw_only=True)
class Overlay:
    as_of: dt.date
    #: the scenario tables, read by the scenario loader; its events are the overlay's own
    base: Scenario
    plans: Mapping[str, PlanKind]
    grantees: Mapping[str, Grantee]
    from_current_relationship: bool
    tx: Mapping[str, TxOverlay]
    path: Path


def load_overlay(path: str | Path) -> Overlay:
    path = Path(path)
    text = input_files.read_text(path, error=OcfRefused, what="the overlay")
    try:
        data = text_formats.parse(text, "toml", error=OcfRefused)
        return overlay_from_data(data, base=path.parent, path=path)
    except WarrantError as error:
        raise error.located(str(path)) from None


def overlay_from_data(data: Mapping[str, Any], *, base: Path, path: Path) -> Overlay:
    unknown = sorted(key for key in data if key not in OVERLAY_TABLES)
    if unknown:
        raise OcfRefused(
            f"unknown table(s) {', '.join(unknown)} (known: {', '.join(OVERLAY_TABLES)})",
            field=unknown[0],
        )
    ocf = _table(data, "ocf")
    extra = sorted(key for key in ocf if key != "as_of")
    if extra:
        raise OcfRefused(
            f"unknown key(s) {', '.join(extra)} (known: as_of)", field=extra[0], where="[ocf]"
        )
    if "as_of" not in ocf:
        raise OcfRefused(
            "say which export the overlay was written for: as_of, the manifest's date",
            field="as_of",
            where="[ocf]",
        )
    as_of = require_date(ocf["as_of"], field="as_of")
    scenario = scenario_from_data(
        {key: data[key] for key in SCENARIO_TABLES if key in data}, base=base, source=None
    )
    plans = {
        str(key): _enum(PlanKind, value, field=str(key), where="[plans]")
        for key, value in _table(data, "plans").items()
    }
    grantee_table = dict(_table(data, "grantee"))
    relationship = grantee_table.pop("from_current_relationship", False)
    if not isinstance(relationship, bool):
        raise OcfRefused(
            "expected true or false", field="from_current_relationship", where="[grantee]"
        )
    grantees = {
        str(key): _enum(Grantee, value, field=str(key), where="[grantee]")
        for key, value in grantee_table.items()
    }
    tx = {}
    for key, value in _table(data, "tx").items():
        where = f'[tx."{key}"]'
        if not isinstance(value, Mapping):
            raise OcfRefused('each [tx."<ocf id>"] is a table', where=where)
        tx[str(key)] = _structure_tx(value, where)
    return Overlay(
        as_of=as_of,
        base=scenario,
        plans=plans,
        grantees=grantees,
        from_current_relationship=relationship,
        tx=tx,
        path=path,
    )


def _table(data: Mapping[str, Any], key: str) -> Mapping[str, Any]:
    value = data.get(key, {})
    if not isinstance(value, Mapping):
        raise OcfRefused(f"'{key}' must be a table", field=key)
    return value


def _enum(kind: type[enum.Enum], value: object, *, field: str, where: str) -> Any:
    try:
        return kind(value)
    except ValueError:
        choices = ", ".join(str(member.value) for member in kind)
        raise OcfRefused(f"{value!r} is not one of: {choices}", field=field, where=where) from None


def _quantity(value: Any, _type: Any) -> Fraction:
    return to_fraction(value, field="")


def _text(value: Any, _type: Any) -> str:
    if not isinstance(value, str) or not value.strip():
        raise OcfRefused(f"expected non-empty text, got {value!r}")
    return value


_converter = cattrs.Converter(forbid_extra_keys=True)
_converter.register_structure_hook(Fraction, _quantity)
_converter.register_structure_hook(str, _text)
_converter.register_structure_hook(dt.date, lambda value, _type: require_date(value, field=""))
_converter.register_structure_hook(
    Classify, lambda value, _type: _enum(Classify, value, field="classify", where="")
)


def _structure_tx(table: Mapping[str, Any], where: str) -> TxOverlay:
    try:
        result: TxOverlay = _converter.structure(dict(table), TxOverlay)
        return result
    except ClassValidationError as group:
        error = group.exceptions[0]
        names = [getattr(note, "name", "") for note in getattr(error, "__notes__", ())]
        field = names[0] if names else None
        if isinstance(error, ForbiddenExtraKeysError):
            known = ", ".join(f.name for f in attrs.fields(TxOverlay))
            extra = sorted(error.extra_fields)
            raise OcfRefused(
                f"unknown key(s) {', '.join(extra)} (known: {known})", field=extra[0], where=where
            ) from None
        if isinstance(error, WarrantError):
            raise OcfRefused(error.message, field=field or error.field, where=where) from None
        raise OcfRefused(str(error), field=field, where=where) from None
