"""Certificate files (4.G): what counsel types from the paper certificate, in TOML or JSON.

One table ``[certificate]`` with ``event`` (the event's id, or its 0-based position
as an integer) or ``adjustment`` (the sequence ``replay`` shows), and optionally
``clause``, ``readjustment``, ``date``, ``warrant``, ``reading`` (a table as in
scenario files), ``facts_digest``, and a table ``[certificate.figures]`` of figures
written as strings (``"1.9036"``, ``"$1,903.63"``, ``"16000000/157"``).  The JSON
certificate the library writes is read unchanged (its ``format`` and ``detail``
are ignored).  An unknown key, an unknown figure, a malformed figure or a number
that is not a string is an error naming the key and the file.  The text is read as
scenario files are (``files/text_formats``): a byte-order mark read past, a key given
twice in JSON refused, nesting bounded, a parse error named by its line.
"""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal
from pathlib import Path
from typing import Any

from warrant.analyses.verify import StatedCertificate, StatedFigure
from warrant.files import text_formats
from warrant.files.scenario_files import _structure
from warrant.ground import input_files
from warrant.ground.dates import require_date
from warrant.ground.errors import CertificateError, WarrantError
from warrant.instrument.readings import Reading

TOP_LEVEL_KEYS = ("certificate", "format", "detail")
#: An event position or adjustment sequence at or past this names nothing in any scenario.
_FAR = 10**18
CERTIFICATE_KEYS = (
    "event",
    "adjustment",
    "clause",
    "readjustment",
    "date",
    "warrant",
    "reading",
    "facts_digest",
    "figures",
)


def load_certificate(path: str | Path) -> StatedCertificate:
    """Read a ``.toml`` or ``.json`` certificate file."""
    path = Path(path)
    text = input_files.read_text(path, error=CertificateError, what="certificate")
    kind = "json" if path.suffix.lower() == ".json" else "toml"
    try:
        return loads_certificate(text, kind=kind)
    except WarrantError as error:
        raise error.located(str(path)) from None


def loads_certificate(text: str, *, kind: str = "toml") -> StatedCertificate:
    """Parse certificate text (``kind`` is ``"toml"`` or ``"json"``)."""
    data = text_formats.parse(text, kind, error=CertificateError)
    if not isinstance(data, dict):
        raise CertificateError("a certificate file is a table with one table [certificate]")
    return certificate_from_data(data)


def certificate_from_data(data: Mapping[str, Any]) -> StatedCertificate:
    _known(data, TOP_LEVEL_KEYS, where=None)
    table = data.get("certificate")
    if not isinstance(table, Mapping):
        raise CertificateError("missing table [certificate]", field="certificate", clause="4.G")
    _known(table, CERTIFICATE_KEYS, where="[certificate]")
    try:
        return StatedCertificate(
            event=_event(table.get("event")),
            adjustment=_whole(table.get("adjustment")),
            clause=_text(table, "clause"),
            readjustment=_flag(table.get("readjustment")),
            date=None if table.get("date") is None else require_date(table["date"], field="date"),
            warrant=_text(table, "warrant"),
            reading=_reading(table.get("reading")),
            facts_digest=_text(table, "facts_digest"),
            figures=_figures(table.get("figures", {})),
        )
    except WarrantError as error:
        raise error.located("[certificate]") from None


def _known(table: Mapping[str, Any], known: tuple[str, ...], *, where: str | None) -> None:
    unknown = sorted(str(key) or '""' for key in table if key not in known)
    if unknown:
        raise CertificateError(
            f"unknown key(s) {', '.join(unknown)} (known: {', '.join(known)})",
            field=unknown[0],
            where=where,
            clause="4.G",
        )


def _event(value: object) -> str | int | None:
    if value is None or (isinstance(value, str) and value.strip()):
        return value
    if isinstance(value, int) and not isinstance(value, bool) and 0 <= value < _FAR:
        return value
    raise CertificateError(
        f"an event is its id (text) or its 0-based position (a whole number), got {value!r}",
        field="event",
        clause="4.G",
    )


def _whole(value: object) -> int | None:
    if value is None:
        return None
    if isinstance(value, int) and not isinstance(value, bool) and 0 <= value < _FAR:
        return value
    raise CertificateError(
        f"the adjustment's sequence is a whole number from 0, got {value!r}",
        field="adjustment",
        clause="4.G",
    )


def _flag(value: object) -> bool | None:
    if value is None or isinstance(value, bool):
        return value
    raise CertificateError(f"expected true or false, got {value!r}", field="readjustment")


def _text(table: Mapping[str, Any], key: str) -> str | None:
    value = table.get(key)
    if value is None:
        return None
    if not isinstance(value, str) or not value.strip():
        raise CertificateError(f"expected non-empty text, got {value!r}", field=key, clause="4.G")
    return value


def _reading(value: object) -> Reading | None:
    if value is None:
        return None
    if not isinstance(value, Mapping):
        raise CertificateError("the reading is a table, as in scenario files", field="reading")
    try:
        reading: Reading = _structure(value, Reading)
    except WarrantError as error:
        raise error.located("reading") from None
    return reading


def _figures(value: object) -> tuple[StatedFigure, ...]:
    if not isinstance(value, Mapping):
        raise CertificateError(
            "the figures are a table [certificate.figures]", field="figures", clause="4.G"
        )
    figures = []
    for name, text in value.items():
        if not isinstance(text, str):
            written = "a number" if isinstance(text, (int, Decimal)) else type(text).__name__
            raise CertificateError(
                f'each figure is a string, as the certificate writes it ("1.9036"); '
                f"got {written} {text}, whose written decimals are lost",
                field=f"figures.{name}",
                clause="4.G",
            )
        figures.append(StatedFigure.parse(str(name), text))
    return tuple(figures)
