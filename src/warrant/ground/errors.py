"""The errors the library raises on purpose.

Every error carries, beside its message, the *field* it is about, the *clause* of
the warrant that makes it an error (where one does), and *where* it happened (a
file and line, or an event's position and id).  ``str(error)`` renders all of
them on one line, which is what the command line prints.

SPEC §12: each names the file, the event, the field and the clause.
"""

from __future__ import annotations

import copy
import re
from collections.abc import Sequence
from datetime import date
from typing import Self


class WarrantError(Exception):
    """Base class of every error the library raises deliberately."""

    #: for an event the ledger refused, the reading fields its rules had read for the first
    #: time when they refused it (the ledger forgets them; a side-by-side view of the
    #: readings needs them); ``None`` where not known
    consulted: tuple[str, ...] | None = None

    def __init__(
        self,
        message: str,
        *,
        field: str | None = None,
        clause: str | None = None,
        where: str | None = None,
    ) -> None:
        self.message = message
        self.field = field
        self.clause = clause
        self.where = where
        super().__init__(self.render())

    def render(self) -> str:
        parts: list[str] = []
        if self.where:
            parts.append(f"{self.where}: ")
        if self.field:
            parts.append(f"field '{self.field}': ")
        parts.append(self.message)
        if self.clause:
            parts.append(f" [{self.clause}]")
        return one_line("".join(parts))

    def located(self, where: str) -> Self:
        """The same error, placed (file and line, event position); the outer place goes first."""
        clone = copy.copy(self)
        clone.where = f"{where}, {self.where}" if self.where else where
        clone.args = (clone.render(),)
        return clone


def one_line(text: str) -> str:
    """The message with every unprintable character escaped (a key or value read from a
    file may hold a newline or a NUL): the command line prints errors as one line; and
    every word longer than :data:`LONGEST_WORD` shortened (:func:`_shortened`)."""
    if not text.isprintable():
        text = "".join(
            char if char.isprintable() else char.encode("unicode_escape").decode("ascii")
            for char in text
        )
    if len(text) > LONGEST_WORD:
        text = _LONG_WORD.sub(_shortened, text)
    return text


#: A value read from a file and quoted in a message may be thousands of characters long
#: (a key, an id, a figure of 4,000 digits): such a word is shown by its two ends and its
#: length, so that the message stays one readable line.
LONGEST_WORD = 200
_LONG_WORD = re.compile(rf"\S{{{LONGEST_WORD + 1},}}")


def _shortened(word: re.Match[str]) -> str:
    text = word.group()
    return f"{text[:60]}…({len(text):,} characters)…{text[-20:]}"


class InvalidValue(WarrantError, ValueError):
    """A value is of the right kind but not allowed (a negative share count, say)."""


class InvalidNumber(InvalidValue):
    """A quantity could not be read as an exact number."""


class FloatRefused(InvalidNumber, TypeError):
    """A binary float was given where an exact quantity is required (SPEC §2)."""


class NaiveDatetime(InvalidValue):
    """A datetime without a time zone was given where the instant matters."""


class CalendarRangeError(InvalidValue):
    """A date lies outside the years a calendar supports."""


class NotATradingDay(InvalidValue):
    """A price is dated on a day the market was closed (Section 1)."""


class PriceDataError(InvalidValue):
    """A price record or price file is malformed."""


class MissingPrices(WarrantError, LookupError):
    """Fewer than five priced trading days precede an FMV date (Section 1)."""

    def __init__(
        self,
        message: str,
        *,
        missing: Sequence[date] = (),
        field: str | None = None,
        clause: str | None = None,
        where: str | None = None,
    ) -> None:
        self.missing: tuple[date, ...] = tuple(missing)
        super().__init__(message, field=field, clause=clause, where=where)


class UnknownPreset(InvalidValue, LookupError):
    """No built-in set of warrant terms has that name."""


class UnknownRulebook(InvalidValue, LookupError):
    """No declared rulebook has that name (the terms name the rulebook of their Section 4)."""


class DuplicateRule(WarrantError, ValueError):
    """A rulebook was declared with two rules for one kind of event: refused, never overwritten."""


class EventRejected(InvalidValue):
    """An event cannot be applied to the register; the ledger is left as it was."""


class UnknownGrant(EventRejected, LookupError):
    """An event refers to a grant the register does not hold (or holds no longer)."""


class ScenarioError(InvalidValue):
    """A scenario file is malformed: an unknown key, a missing field, a bad value."""


class CertificateError(InvalidValue):
    """An adjustment certificate, or a request for one, is malformed (4.G)."""


class NoSuchAdjustment(CertificateError, LookupError):
    """The certificate names an event or sequence that made no adjustment (4.G)."""


class AmbiguousAdjustment(CertificateError):
    """The event made several adjustments and the certificate does not say which (4.G)."""


class QuantityTooLarge(InvalidNumber):
    """A quantity is beyond the bounds the library reads (see ``warrant.ground.exact``)."""


class UnknownWarrant(EventRejected, LookupError):
    """An event or a consent names a warrant of the series the register does not hold:
    never issued, or already surrendered (exercised, transferred or exchanged)."""


class ExerciseRefused(EventRejected):
    """A holder's exercise the warrant does not allow (Section 1); nothing is recorded."""


class NotABusinessDay(ExerciseRefused):
    """The warrant was received on a day that is not a business day under the reading."""


class OutsideExercisePeriod(ExerciseRefused):
    """Received before the Issue Date, or at or after the expiration cut-off."""


class TooManyShares(ExerciseRefused):
    """More shares than the warrant is exercisable (or transferable) for."""


class PaymentMismatch(ExerciseRefused):
    """The payment does not add up to the sum payable (short or over)."""


class NothingToIssue(ExerciseRefused):
    """Net issuance at a Fair Market Value at or below the Exercise Price."""


class SeriesChangeRefused(EventRejected):
    """A transfer or exchange of a warrant the warrant does not allow (Section 3)."""


class OcfRefused(ScenarioError):
    """An Open Cap Format package (or its overlay) cannot be imported as it stands.

    ``ocf_id`` names the OCF object (a transaction, stakeholder, plan or file) the
    refusal is about; the message says why and what the overlay could say instead.
    """

    def __init__(
        self,
        message: str,
        *,
        ocf_id: str | None = None,
        field: str | None = None,
        clause: str | None = None,
        where: str | None = None,
    ) -> None:
        self.ocf_id = ocf_id
        super().__init__(message, field=field, clause=clause, where=where)

    def render(self) -> str:
        """The place, then the OCF id, then the field and the reason."""
        rendered = super().render()
        if self.ocf_id is None:
            return rendered
        head = one_line(f"{self.where}: ") if self.where else ""
        return one_line(f"{head}{self.ocf_id}: {rendered.removeprefix(head)}")
