"""The series of Warrants as the register holds it (preamble, Sections 1 and 3).

The Warrants issued under the Second Amendment, and those delivered in
substitution or exchange for them, are one series: one Exercise Price for all,
one holder and one share count each.  A warrant's share count is kept as its
*face shares* — what its shares were at the initial Exercise Price — so every
4.C/4.D/4.E adjustment moves every warrant alike: shares receivable now are
``face_shares × P₀ / P``.

A warrant surrendered (exercised, transferred, exchanged) leaves the series and
is remembered with how and when, so a later event that names it is refused
with the reason.  New warrants get the id their event names or, failing that,
one derived from the surrendered warrant's id: ``X.1``, ``X.2``, … — the lowest
numbers never used in the series, in the order the event issues them.
"""

from __future__ import annotations

import datetime as dt
import enum
from collections.abc import Iterable
from fractions import Fraction

import attrs

from warrant.ground.errors import InvalidValue, SeriesChangeRefused, UnknownWarrant
from warrant.ground.exact import POSITIVE, clause
from warrant.ground.validators import text
from warrant.instrument.terms import shares_receivable

#: The id of the single warrant of a scenario that gives only ``face_shares``.
SINGLE_WARRANT_ID = "W-1"


@attrs.frozen(kw_only=True)
class SeriesWarrant:
    """One warrant of the series: its id, its holder and the shares on its face."""

    id: str = attrs.field(validator=text)
    holder: str | None = attrs.field(default=None, validator=text)
    #: the warrant's shares at the initial Exercise Price (preamble)
    face_shares: Fraction = attrs.field(
        metadata=clause("preamble"), converter=POSITIVE
    )

    def shares(self, initial_price: Fraction, price: Fraction) -> Fraction:
        """Shares receivable now: the face shares moved by every adjustment (4.C(1)(a))."""
        return shares_receivable(self.face_shares, initial_price=initial_price, price=price)


class SurrenderedFor(enum.Enum):
    """Why a warrant left the series."""

    EXERCISE = "exercised"
    TRANSFER = "transferred"
    EXCHANGE = "exchanged"


@attrs.frozen
class Surrender:
    """A warrant that left the series: how, when, and the warrants issued in its place."""

    id: str
    how: SurrenderedFor
    date: dt.date
    replaced_by: tuple[str, ...] = ()

    def describe(self) -> str:
        instead = f"; in its place: {', '.join(self.replaced_by)}" if self.replaced_by else ""
        return f"warrant {self.id!r} was {self.how.value} on {self.date.isoformat()}{instead}"


@attrs.frozen
class SeriesState:
    """The warrants outstanding now, and those surrendered, in the order they were issued."""

    warrants: tuple[SeriesWarrant, ...] = ()
    surrendered: tuple[Surrender, ...] = ()

    @classmethod
    def of(cls, warrants: Iterable[SeriesWarrant]) -> SeriesState:
        """The series at the Issue Date; ids must be distinct."""
        listed = tuple(warrants)
        seen: set[str] = set()
        for item in listed:
            if not isinstance(item, SeriesWarrant):
                raise InvalidValue(
                    f"expected a SeriesWarrant, got {type(item).__name__}", field="series"
                )
            if item.id in seen:
                raise InvalidValue(
                    f"two warrants of the series have the id {item.id!r}", field="series.id",
                    clause="Section 3",
                )
            seen.add(item.id)
        return cls(warrants=listed)

    @property
    def total_face_shares(self) -> Fraction:
        return sum((item.face_shares for item in self.warrants), Fraction(0))

    def total_shares(self, initial_price: Fraction, price: Fraction) -> Fraction:
        """Shares receivable now under every warrant outstanding (the consent base of
        Section 11, the ``shares`` of replay)."""
        return shares_receivable(self.total_face_shares, initial_price=initial_price, price=price)

    def get(self, warrant_id: str, *, clause: str) -> SeriesWarrant:
        """The outstanding warrant ``warrant_id``; a surrendered or unknown one is refused."""
        for item in self.warrants:
            if item.id == warrant_id:
                return item
        for gone in self.surrendered:
            if gone.id == warrant_id:
                raise UnknownWarrant(
                    f"{gone.describe()}: it is no longer outstanding", field="warrant",
                    clause=clause,
                )
        known = ", ".join(item.id for item in self.warrants) or "none"
        raise UnknownWarrant(
            f"no warrant {warrant_id!r} in the series (outstanding: {known})", field="warrant",
            clause=clause,
        )

    def used_ids(self) -> frozenset[str]:
        return frozenset(
            [*(item.id for item in self.warrants), *(gone.id for gone in self.surrendered)]
        )

    def new_ids(
        self, surrendered: str, wanted: tuple[str | None, ...], *, fields: tuple[str, ...],
        clause: str,
    ) -> tuple[str, ...]:
        """Ids for the warrants issued on surrender of ``surrendered``: each ``wanted`` id
        as given (never one used before in the series), else ``surrendered.N``."""
        used = set(self.used_ids())
        for wanted_id, field in zip(wanted, fields, strict=True):
            if wanted_id is None:
                continue
            if wanted_id in used:
                raise SeriesChangeRefused(
                    f"the id {wanted_id!r} is already used in the series: each new warrant "
                    "needs its own", field=field, clause=clause,
                )
            used.add(wanted_id)
        found: list[str] = []
        number = 1
        for wanted_id in wanted:
            if wanted_id is not None:
                found.append(wanted_id)
                continue
            while f"{surrendered}.{number}" in used:
                number += 1
            derived = f"{surrendered}.{number}"
            used.add(derived)
            found.append(derived)
        return tuple(found)

    def replace(
        self, surrendered: SeriesWarrant, *, how: SurrenderedFor, day: dt.date,
        issued: tuple[SeriesWarrant, ...],
    ) -> SeriesState:
        """The series after ``surrendered`` leaves it and ``issued`` join it (in its place)."""
        at = self.warrants.index(surrendered)
        warrants = (*self.warrants[:at], *issued, *self.warrants[at + 1 :])
        gone = Surrender(
            id=surrendered.id, how=how, date=day, replaced_by=tuple(item.id for item in issued)
        )
        return SeriesState(warrants=warrants, surrendered=(*self.surrendered, gone))
