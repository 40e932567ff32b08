"""Files in and out: an input is one regular file of bounded size; an output is written whole.

Every reader of the library opens its file here (scenario, certificate, overlay, price
CSV, each file of an OCF package), so that one set of checks holds for all (SPEC §12):

* the file is opened without waiting (a named pipe is never waited on) and must be a
  regular file: a pipe, a device (``/dev/zero``, ``/dev/stdin``), a socket or a folder
  is refused at once;
* it is read only up to its bound (:data:`MAX_TEXT_BYTES` for TOML and JSON,
  :data:`MAX_CSV_BYTES` for a price CSV, :data:`MAX_ZIP_BYTES` for a zipped package):
  a larger file is refused by its size, and one that grows while it is read is refused
  when the bound is passed, never read to its end;
* text is UTF-8, a byte-order mark before it read past.

Every writer writes through :func:`write_whole`: the text goes to a temporary file beside
the target and is renamed over it only once every file of the output is complete, so a
failure leaves every existing file as it was and creates none.

Each refusal is the caller's error type (``ScenarioError``, ``CertificateError``,
``OcfRefused``, ``PriceDataError``), placed at the file.
"""

from __future__ import annotations

import os
import secrets
import stat
from collections.abc import Sequence
from pathlib import Path
from typing import IO, BinaryIO

from warrant.ground.errors import WarrantError

#: A scenario, certificate, overlay or OCF file: far above any register a company keeps
#: (the library's own scenario of 100,000 events is about 30 MB).
MAX_TEXT_BYTES = 64 * 2**20
#: A price CSV: one line per trading day; a century of quotes with every column is a few MB.
MAX_CSV_BYTES = 16 * 2**20
#: A zipped OCF package, as stored.
MAX_ZIP_BYTES = 64 * 2**20
#: Members of a zipped package (an export holds about ten files).
MAX_MEMBERS = 1_000
#: One member of a zip once inflated, and all the members read from one zip together.
MAX_MEMBER_BYTES = MAX_TEXT_BYTES
MAX_INFLATED_BYTES = 256 * 2**20
#: A member larger than :data:`RATIO_FROM` bytes inflated may be at most this many times
#: its stored size (JSON compresses about ten-fold; a zip bomb a thousand-fold).
MAX_RATIO = 100
RATIO_FROM = 2**20

_BYTE_ORDER_MARK = "\ufeff"
_CHUNK = 2**20


def read_text(
    path: str | Path, *, error: type[WarrantError], what: str, limit: int | None = None
) -> str:
    """The text of the regular file ``path``, UTF-8, at most ``limit`` bytes (by default
    :data:`MAX_TEXT_BYTES`); ``what`` names it in a refusal (``"scenario"``, ``"the overlay"``)."""
    data = read_bytes(path, error=error, what=what, limit=limit)
    return decode(data, error=error, what=what, where=str(path))


def decode(data: bytes, *, error: type[WarrantError], what: str, where: str) -> str:
    """UTF-8 text, a byte-order mark read past; a byte that is not UTF-8 is refused."""
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as caught:
        raise error(
            f"not UTF-8 text (byte {caught.start}): save the file as UTF-8", where=where
        ) from None
    return text.removeprefix(_BYTE_ORDER_MARK)


def read_bytes(
    path: str | Path, *, error: type[WarrantError], what: str, limit: int | None = None
) -> bytes:
    """The bytes of the regular file ``path``, at most ``limit`` of them."""
    with open_regular(path, error=error, what=what, limit=limit) as handle:
        bound = MAX_TEXT_BYTES if limit is None else limit
        return read_bounded(handle, bound, error=error, what=what, where=str(path))


def open_regular(
    path: str | Path, *, error: type[WarrantError], what: str, limit: int | None = None
) -> BinaryIO:
    """``path`` opened for reading as a binary file, once it is known to be a regular file
    within ``limit`` bytes; the caller closes it (``with``)."""
    limit = MAX_TEXT_BYTES if limit is None else limit
    name = str(path)
    if "\x00" in name:  # the operating system cannot open such a name
        raise error(f"cannot read {what}: its path contains a NUL character", where=name)
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)
    try:
        descriptor = os.open(name, flags)
    except FileNotFoundError:  # said plainly; the file is named once, by ``where``
        raise error(f"cannot read {what}: the file does not exist", where=name) from None
    except OSError as caught:
        raise error(f"cannot read {what}: {caught.strerror}", where=name) from None
    try:
        status = os.fstat(descriptor)
        if not stat.S_ISREG(status.st_mode):
            raise error(
                f"cannot read {what}: not a regular file (a folder, pipe, device or socket "
                "is never read)",
                where=name,
            )
        if status.st_size > limit:
            raise _too_large(error, what, status.st_size, limit, name)
        if hasattr(os, "set_blocking"):
            os.set_blocking(descriptor, True)
        handle = os.fdopen(descriptor, "rb")
    except BaseException:
        os.close(descriptor)
        raise
    return handle


def read_bounded(
    handle: IO[bytes], limit: int, *, error: type[WarrantError], what: str, where: str
) -> bytes:
    """Everything ``handle`` gives, refused as soon as it passes ``limit`` bytes."""
    chunks: list[bytes] = []
    size = 0
    while True:
        chunk = handle.read(min(_CHUNK, limit + 1 - size))
        if not chunk:
            return b"".join(chunks)
        size += len(chunk)
        if size > limit:
            raise _too_large(error, what, None, limit, where)
        chunks.append(chunk)


def _too_large(
    error: type[WarrantError], what: str, size: int | None, limit: int, where: str
) -> WarrantError:
    stated = f"is {size:,} bytes" if size is not None else "grew while it was read"
    return error(
        f"the file {stated}, past the bound of {limit:,} bytes for {what} (docs/hardening.md)",
        where=where,
    )


# -- writing ------------------------------------------------------------------------


def write_whole(
    outputs: Sequence[tuple[str | Path, str]], *, error: type[WarrantError]
) -> None:
    """Write each ``(path, text)`` whole, or none of them.

    Every text is encoded first (a character UTF-8 cannot hold refuses the whole output),
    then written to a temporary file beside its target; only when all are written are
    they renamed over their targets.  A target that exists and is not a regular file
    (a device, a folder) is refused: it is never replaced.
    """
    encoded: list[tuple[Path, bytes]] = []
    for path, text in outputs:
        target = Path(os.path.realpath(path))
        try:
            data = text.encode("utf-8")
        except UnicodeEncodeError as caught:
            raise error(
                f"cannot write: a character UTF-8 cannot hold (position {caught.start}); "
                "nothing was written",
                where=str(path),
            ) from None
        if target.exists() and not target.is_file():
            raise error(
                "cannot write: not a regular file (an output replaces only a file); "
                "nothing was written",
                where=str(path),
            )
        encoded.append((target, data))
    written: list[tuple[Path, Path]] = []
    try:
        for (target, data), (path, _text) in zip(encoded, outputs, strict=True):
            try:
                written.append((_temporary(target, data), target))
            except OSError as caught:
                raise error(
                    f"cannot write: {caught.strerror}; nothing was written", where=str(path)
                ) from None
        for index, (temporary, target) in enumerate(written):
            try:
                os.replace(temporary, target)
            except OSError as caught:
                raise error(
                    f"cannot write: {caught.strerror}; "
                    + ("nothing was written" if index == 0 else "earlier outputs were written"),
                    where=str(outputs[index][0]),
                ) from None
    finally:
        for temporary, _target in written:
            if temporary.exists():
                temporary.unlink()


def _temporary(target: Path, data: bytes) -> Path:
    """``data`` in a new file beside ``target`` (created with the usual permissions)."""
    temporary = target.with_name(f".{target.name}.{secrets.token_hex(6)}.tmp")
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0)
    descriptor = os.open(temporary, flags, 0o666)
    try:
        with os.fdopen(descriptor, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise
    return temporary
