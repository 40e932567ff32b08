"""The holder's events: exercise (Section 1), transfer and exchange (Section 3).

Like every event they state facts — which warrant, what the holder surrendered
and paid, on which day — and leave the conclusions to the rules
(:mod:`warrant.holder`).  Their scenario ``type`` names are fixed by the file
contract: ``warrant-exercise``, ``warrant-transfer``, ``warrant-exchange``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from fractions import Fraction
from typing import Any, ClassVar

import attrs

from warrant.ground.dates import in_range
from warrant.ground.errors import (
    EventRejected,
    InvalidValue,
    NaiveDatetime,
    OutsideExercisePeriod,
)
from warrant.ground.exact import NON_NEGATIVE, OPTIONAL_POSITIVE, clause, positive
from warrant.ground.validators import flag, text
from warrant.instrument.terms import PACIFIC_STANDARD_TIME, TermsChange, WarrantTerms
from warrant.register.events import Event, register


def _aware_or_none(_instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if value is None:
        return
    if not isinstance(value, dt.datetime):
        raise InvalidValue(
            f"expected a date and time with a UTC offset, got {value!r}", field=attribute.name,
            clause="Section 1",
        )
    in_range(value.date(), field=attribute.name, clause="Section 1")
    if value.tzinfo is None or value.utcoffset() is None:
        raise NaiveDatetime(
            "the time the warrant was received is an instant checked against the 5:00 P.M. "
            "Pacific Standard Time cut-off: give it a UTC offset (e.g. 2004-06-14T10:00:00-08:00)",
            field=attribute.name, clause="Section 1",
        )


def _window_refusal(
    event: Event, terms: WarrantTerms, at: dt.datetime | None
) -> EventRejected | None:
    """Section 1: from and after the Issue Date, before the expiration cut-off."""
    if event.date < terms.issue_date:
        return OutsideExercisePeriod(
            f"received on {event.date.isoformat()}, before the Issue Date "
            f"{terms.issue_date.isoformat()}: the warrant is exercisable only from and after it",
            field="date", clause="Section 1",
        )
    cut_off = terms.expiration
    if at is not None and at >= cut_off:
        return OutsideExercisePeriod(
            f"received at {at.isoformat()}, at or after the expiration cut-off "
            f"{cut_off.isoformat()}: the warrant is void", field="received_at", clause="Section 1",
        )
    if event.date > terms.expiration_date:
        return OutsideExercisePeriod(
            f"received on {event.date.isoformat()}, after the expiration cut-off "
            f"{cut_off.isoformat()}: the warrant is void", field="date", clause="Section 1",
        )
    return None


@register
@attrs.frozen(kw_only=True)
class WarrantExercise(Event):
    """The holder's exercise of a warrant of the series (Section 1).

    ``date`` is the day the warrant and its subscription form are received;
    ``received_at``, when given, the instant (with its UTC offset), whose day at
    Pacific Standard Time must be ``date``.  ``shares`` defaults to all the
    warrant is exercisable for.  Payment is any combination of ``cash`` (cash or
    check), ``debt`` (indebtedness the holder owns, cancelled) and, with
    ``net`` true, net issuance of whatever the two leave of the sum payable.
    ``remainder_id`` names the new warrant for the shares not exercised.
    """

    TYPE: ClassVar[str] = "warrant-exercise"

    warrant: str = attrs.field(validator=text)
    shares: Fraction | None = attrs.field(
        default=None, metadata=clause("Section 1"),
        converter=OPTIONAL_POSITIVE,
    )
    received_at: dt.datetime | None = attrs.field(default=None, validator=_aware_or_none)
    cash: Fraction = attrs.field(
        default=Fraction(0), metadata=clause("Section 1(a)"),
        converter=NON_NEGATIVE,
    )
    debt: Fraction = attrs.field(
        default=Fraction(0), metadata=clause("Section 1(b)"),
        converter=NON_NEGATIVE,
    )
    net: bool = attrs.field(default=False, validator=flag)
    remainder_id: str | None = attrs.field(default=None, validator=text)

    def __attrs_post_init__(self) -> None:
        if self.received_at is not None:
            local_day = self.received_at.astimezone(PACIFIC_STANDARD_TIME).date()
            if local_day != self.date:
                raise InvalidValue(
                    f"received_at {self.received_at.isoformat()} falls on "
                    f"{local_day.isoformat()} at Pacific Standard Time (UTC-8), not on the "
                    f"event's date {self.date.isoformat()}", field="received_at",
                    clause="Section 1",
                )

    def date_refusal(self, terms: WarrantTerms) -> EventRejected | None:
        return _window_refusal(self, terms, self.received_at)


@register
@attrs.frozen(kw_only=True)
class WarrantTransfer(Event):
    """A transfer of a warrant, in whole or in part, to a named holder (Section 3).

    ``shares`` (shares receivable now) defaults to all of them; the transferee's
    new warrant gets ``new_id``, the holder's warrant for the rest ``remainder_id``.
    """

    TYPE: ClassVar[str] = "warrant-transfer"

    warrant: str = attrs.field(validator=text)
    to: str = attrs.field(validator=text)
    shares: Fraction | None = attrs.field(
        default=None, metadata=clause("Section 3"),
        converter=OPTIONAL_POSITIVE,
    )
    new_id: str | None = attrs.field(default=None, validator=text)
    remainder_id: str | None = attrs.field(default=None, validator=text)

    def __attrs_post_init__(self) -> None:
        if self.new_id is not None and self.new_id == self.remainder_id:
            raise InvalidValue(
                "the transferee's warrant and the holder's remainder need different ids",
                field="remainder_id", clause="Section 3",
            )


def _part_shares(value: object) -> Fraction:
    return positive(value, field="shares", clause="Section 3")


@attrs.frozen(kw_only=True)
class ExchangePart:
    """One of the warrants a warrant is exchanged into: its id (optional) and its shares."""

    id: str | None = attrs.field(default=None, validator=text)
    shares: Fraction = attrs.field(converter=_part_shares)


def _parts(value: object) -> tuple[ExchangePart, ...]:
    if isinstance(value, (str, bytes)) or not isinstance(value, Sequence) or len(value) < 2:
        raise InvalidValue(
            "an exchange is into several warrants: an array of at least two tables, each with "
            "shares (and an optional id)", field="into", clause="Section 3",
        )
    parts: list[ExchangePart] = []
    for index, item in enumerate(value):
        if isinstance(item, ExchangePart):
            parts.append(item)
            continue
        if not isinstance(item, Mapping):
            raise InvalidValue("each part is a table with shares and id", field=f"into[{index}]",
                               clause="Section 3")
        unknown = sorted(str(key) for key in item if key not in ("id", "shares"))
        if unknown:
            raise InvalidValue(
                f"unknown key(s) {', '.join(unknown)} (known: id, shares)",
                field=f"into[{index}].{unknown[0]}", clause="Section 3",
            )
        if "shares" not in item:
            raise InvalidValue("required but missing", field=f"into[{index}].shares",
                               clause="Section 3")
        try:
            parts.append(ExchangePart(id=item.get("id"), shares=item["shares"]))
        except InvalidValue as error:
            raise InvalidValue(error.message, field=f"into[{index}].{error.field or 'shares'}",
                               clause="Section 3") from None
    ids = [part.id for part in parts if part.id is not None]
    if len(ids) != len(set(ids)):
        raise InvalidValue("two parts of the exchange have the same id", field="into",
                           clause="Section 3")
    return tuple(parts)


@register
@attrs.frozen(kw_only=True)
class WarrantExchange(Event):
    """A warrant exchanged for several warrants for the same total shares (Section 3)."""

    TYPE: ClassVar[str] = "warrant-exchange"

    warrant: str = attrs.field(validator=text)
    into: tuple[ExchangePart, ...] = attrs.field(converter=_parts)


def _names(value: object, *, field: str, what: str, each: str) -> tuple[str, ...]:
    """A list of non-blank texts, each named once (Section 11's signers, waived events)."""
    if isinstance(value, str) or not isinstance(value, Sequence):
        raise InvalidValue(f"expected a list of {what}", field=field, clause="Section 11")
    names = tuple(value)
    for name in names:
        if not isinstance(name, str) or not name.strip():
            raise InvalidValue(f"{each}, got {name!r:.60}", field=field, clause="Section 11")
    seen: set[str] = set()
    for name in names:  # one pass: a list may be as long as a file allows
        if name in seen:
            raise InvalidValue(f"{name!r:.60} is named twice", field=field, clause="Section 11")
        seen.add(name)
    return names


def _signers(value: object) -> tuple[str, ...]:
    signers = _names(
        value, field="signed", what="warrant ids or holders' names",
        each="a signer is a warrant id or a holder's name",
    )
    if not signers:
        raise InvalidValue(
            "name the signers: a list of warrant ids or holders' names", field="signed",
            clause="Section 11",
        )
    return signers


def _waived(value: object) -> tuple[str, ...]:
    return _names(
        value, field="waives",
        what="the ids of the later events whose adjustment is waived", each="an event id",
    )


@register
@attrs.frozen(kw_only=True)
class Amendment(Event):
    """A change or waiver of the Warrants in writing (Section 11): signed by the Company and
    by ``signed`` (warrant ids or holders' names), who must hold a majority of the shares the
    Warrants are exercisable for on ``date``.  ``terms`` changes the terms from that date on;
    ``waives`` names later events whose adjustment the holders give up."""

    TYPE: ClassVar[str] = "amendment"

    signed: tuple[str, ...] = attrs.field(converter=_signers)
    terms: TermsChange = attrs.field(factory=TermsChange, converter=TermsChange)
    waives: tuple[str, ...] = attrs.field(default=(), converter=_waived)

    def __attrs_post_init__(self) -> None:
        if not self.terms and not self.waives:
            raise InvalidValue(
                "an amendment changes terms or waives events: give terms or waives",
                field="terms", clause="Section 11",
            )
        if self.id is not None and self.id in self.waives:
            raise InvalidValue(
                "an amendment cannot waive itself", field="waives", clause="Section 11"
            )
