"""Section 4.H: notice to the holders of a record date or of a fundamental change.

The Company must mail each holder a notice, at least ``notice_days`` (30) days
before the date the notice names, in three cases:

* 4.H(1): it takes a record of its holders to give them a dividend or other
  distribution, or a right to subscribe for or buy securities — here a stock
  dividend (4.D), a distribution (4.A, cash out of retained earnings included:
  4.H covers *any* dividend), convertible securities distributed to holders of
  record, and rights or options offered to holders of record (grants with a
  ``record_date``); the notice names the record date;
* 4.H(2): a capital reorganisation, reclassification, consolidation, merger, or
  sale of all or substantially all the assets (a ``reorganization`` event); the
  notice names the date it is expected to take place;
* 4.H(3): a voluntary dissolution, liquidation or winding-up (a ``dissolution``
  event), named the same way.

"At least 30 days prior" is counted in calendar days and not moved for
weekends or holidays: the last day to mail is the named date minus 30 days, and
a notice mailed on that day is on time.  A dissolution adjusts nothing — no
provision of Section 4 applies to it — but it needs its notice.
"""

from __future__ import annotations

import datetime as dt
import enum
from collections.abc import Iterable

import attrs

from warrant.instrument.terms import ALPHA_2002, WarrantTerms
from warrant.register.book import Book, Change
from warrant.register.events import (
    ConvertibleIssuance,
    Dissolution,
    Distribution,
    Event,
    OptionGrant,
    OptionOnConvertible,
    Reorganization,
    StockDividend,
)
from warrant.register.records import Determination, EventRef, Outcome


class NoticeKind(enum.Enum):
    """What the notice is of, and the part of 4.H that asks for it."""

    DIVIDEND = "dividend"
    DISTRIBUTION = "distribution"
    RIGHTS = "rights"
    REORGANIZATION = "reorganization"
    DISSOLUTION = "dissolution"

    @property
    def clause(self) -> str:
        if self is NoticeKind.REORGANIZATION:
            return "4.H(2)"
        if self is NoticeKind.DISSOLUTION:
            return "4.H(3)"
        return "4.H(1)"


@attrs.frozen
class Notice:
    """One notice 4.H requires: the date it names, the last day to mail it, and whether the
    day it was mailed (where the event states it) was on time."""

    event: EventRef
    kind: NoticeKind
    action_date: dt.date
    mail_by: dt.date
    mailed: dt.date | None = None

    @property
    def clause(self) -> str:
        return self.kind.clause

    @property
    def on_time(self) -> bool | None:
        """True when mailed on or before :attr:`mail_by`; None when the mailing is not stated."""
        return None if self.mailed is None else self.mailed <= self.mail_by

    @property
    def late_by_days(self) -> int | None:
        """Calendar days after :attr:`mail_by` the notice was mailed; None when on time or not
        stated."""
        if self.mailed is None or self.mailed <= self.mail_by:
            return None
        return (self.mailed - self.mail_by).days


def notice_kind(event: Event) -> tuple[NoticeKind, dt.date] | None:
    """The notice ``event`` needs and the date it names, or None when 4.H asks for none."""
    if isinstance(event, StockDividend):
        return NoticeKind.DIVIDEND, event.effective_date
    if isinstance(event, Distribution):
        return NoticeKind.DISTRIBUTION, event.effective_date
    if isinstance(event, ConvertibleIssuance) and event.record_date is not None:
        return NoticeKind.DISTRIBUTION, event.record_date
    if isinstance(event, (OptionGrant, OptionOnConvertible)) and event.record_date is not None:
        return NoticeKind.RIGHTS, event.record_date
    if isinstance(event, Reorganization):
        return NoticeKind.REORGANIZATION, event.date
    if isinstance(event, Dissolution) and event.voluntary:
        return NoticeKind.DISSOLUTION, event.date
    return None


def notices_of(events: Iterable[Event], *, terms: WarrantTerms = ALPHA_2002) -> tuple[Notice, ...]:
    """Every notice 4.H requires for ``events`` (in register order), with its deadline."""
    found = []
    for index, event in enumerate(events):
        needed = notice_kind(event)
        if needed is None:
            continue
        kind, action_date = needed
        found.append(
            Notice(
                event=EventRef(index=index, type=event.TYPE, id=event.id),
                kind=kind,
                action_date=action_date,
                mail_by=action_date - dt.timedelta(days=terms.notice_days),
                mailed=getattr(event, "notice_mailed", None),
            )
        )
    return tuple(found)


def dissolve(book: Book, event: Dissolution, ref: EventRef) -> Change:
    """A dissolution, liquidation or winding-up: no provision of Section 4 adjusts the warrant
    for it (4.H(3) asks only for notice)."""
    notice = (
        f"4.H(3) requires notice to the holders at least {book.terms.notice_days} days before "
        f"{event.date.isoformat()}"
        if event.voluntary
        else "an involuntary dissolution: 4.H(3) asks notice only of a voluntary one"
    )
    return Change(
        determination=Determination(
            event=ref,
            date=event.date,
            clause="4.H(3)",
            outcome=Outcome.NO_PROVISION,
            reasons=(
                "no provision of Section 4 adjusts the Exercise Price or the shares for a "
                "dissolution, liquidation or winding-up",
                notice,
            ),
        ),
    )
