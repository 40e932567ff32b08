"""attrs validators shared by the value objects; each names the field it refuses.

SPEC §12 (bad input refused, naming the field).
"""

from __future__ import annotations

import enum
from typing import Any, TypeVar, overload

import attrs

from warrant.ground.dates import require_date
from warrant.ground.errors import InvalidValue


def plain_date(_instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    """A ``date`` and not a ``datetime`` (clauses count whole days); ``None`` if the default."""
    if value is None and attribute.default is None:
        return
    require_date(
        value, field=attribute.name, clause=attribute.metadata.get("clause"), text=False,
        bounded=True,
    )


def text(_instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    """Non-empty text; ``None`` where that is the default."""
    if value is None and attribute.default is None:
        return
    if not isinstance(value, str) or not value.strip():
        raise InvalidValue(f"expected non-empty text, got {value!r}", field=attribute.name)


def flag(_instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    """``True`` or ``False``, nothing that merely looks like one."""
    if not isinstance(value, bool):
        raise InvalidValue(f"expected true or false, got {value!r}", field=attribute.name)


def positive_int(_instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if isinstance(value, bool) or not isinstance(value, int) or value <= 0:
        raise InvalidValue(f"must be a positive whole number, got {value!r}", field=attribute.name)


def enum_converter(kind: type[enum.Enum]) -> attrs.Converter[Any, Any]:
    """Read an enum member or its file spelling; an unknown spelling names the choices."""

    def convert(value: object, _self: object, field: attrs.Attribute[Any]) -> enum.Enum | None:
        if value is None and field.default is None:
            return None
        if isinstance(value, kind):
            return value
        try:
            return kind(value)
        except ValueError:
            choices = ", ".join(str(member.value) for member in kind)
            raise InvalidValue(
                f"{value!r} is not one of: {choices}",
                field=field.name,
                clause=field.metadata.get("clause"),
            ) from None

    return attrs.Converter(convert, takes_self=True, takes_field=True)


E = TypeVar("E", bound=enum.Enum)


@overload
def enum_field(kind: type[E], *, default: E, clause: str | None = None) -> E: ...
@overload
def enum_field(kind: type[E], *, default: None, clause: str | None = None) -> E | None: ...
def enum_field(kind: type[E], *, default: E | None, clause: str | None = None) -> E | None:
    """An attrs field holding a member of ``kind``, read from the member or its file spelling.

    Typed as the member it holds, so mypy sees the field's type and its default
    (every enum field of the library has one).
    """
    metadata = {} if clause is None else {"clause": clause}
    field: E | None = attrs.field(
        default=default, converter=enum_converter(kind), metadata=metadata
    )
    return field
