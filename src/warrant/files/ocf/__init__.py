"""Importing the register from an Open Cap Format (OCF 1.2.0) package plus an overlay.

``package`` opens and checks the package, ``model`` is its objects, ``overlay``
reads what the user adds, ``opening`` checks the capital at the Issue Date,
``mapping`` turns transactions into events, ``report`` says what was assumed,
``importer`` puts them together.  See docs/ocf.md.
"""

from warrant.files.ocf.importer import OcfImport, import_ocf
from warrant.files.ocf.report import Flag, FlagKind, ImportReport

__all__ = ["Flag", "FlagKind", "ImportReport", "OcfImport", "import_ocf"]
