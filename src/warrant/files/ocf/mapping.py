"""From OCF transactions to the register's events (SPEC §10), refusing rather than guessing.

:class:`Mapper` is the walk of :mod:`~warrant.files.ocf.map_core` with the rules of
:mod:`~warrant.files.ocf.map_issuances` and :mod:`~warrant.files.ocf.map_lifecycle`.
"""

from __future__ import annotations

from warrant.files.ocf.map_core import Mapped
from warrant.files.ocf.map_issuances import IssuanceRules
from warrant.files.ocf.map_lifecycle import LifecycleRules

__all__ = ["Mapped", "Mapper"]


class Mapper(IssuanceRules, LifecycleRules):
    """Maps one package under one overlay; :meth:`run` returns the event tables and flags."""
