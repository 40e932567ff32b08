"""Importing the register from an Open Cap Format (OCF 1.2.0) package plus an overlay.

``package`` opens and checks the package, ``model`` is its objects, ``overlay``
reads what the user adds, ``opening`` checks the capital at the Issue Date,
``mapping`` turns transactions into events (the walk in ``map_core``, one rule per
kind in ``map_issuances`` and ``map_lifecycle``), ``report`` says what was assumed,
``importer`` puts them together; ``schema_check`` is the optional check against the
published schemas.  See docs/ocf.md.
"""

from warrant.files.ocf.importer import OcfImport, import_ocf
from warrant.files.ocf.report import Flag, FlagKind, ImportReport

__all__ = ["Flag", "FlagKind", "ImportReport", "OcfImport", "import_ocf"]
