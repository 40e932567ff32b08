"""Corporate events, one frozen class per kind, validated when made (SPEC §10).

An event states facts — what the Company did, on which day, for what — and
never a conclusion: whether it adjusts the warrant is for the rules
(:mod:`warrant.section4`).  Judgements the warrant leaves to the Board (the fair
value of property, the allocation of a unit price) are inputs that carry who
made them and when.

Each class names its ``TYPE`` as the scenario file spells it; defining a new
subclass with a ``TYPE`` and decorating it with :func:`register` makes it known
to scenario files (:data:`EVENT_TYPES`).

Why this module is long: it is the one registry of event kinds that scenario files
read (:data:`EVENT_TYPES`), a list of declarations with no logic beyond validation;
splitting it by clause group waits for the 4.H notice fields being added to several
classes at once.
"""

from __future__ import annotations

import datetime as dt
import enum
from collections.abc import Mapping
from fractions import Fraction
from typing import ClassVar, TypeVar

import attrs

from warrant.ground.errors import EventRejected, InvalidValue
from warrant.ground.exact import (
    NON_NEGATIVE,
    OPTIONAL_NON_NEGATIVE,
    OPTIONAL_POSITIVE,
    POSITIVE,
    clause,
    shown,
    to_fraction,
)
from warrant.ground.validators import enum_field, flag, plain_date, text
from warrant.instrument.terms import WarrantTerms

#: Scenario ``type`` → event class.
EVENT_TYPES: dict[str, type[Event]] = {}


E = TypeVar("E", bound="type[Event]")


def register(cls: E) -> E:
    """Class decorator (outermost, above ``attrs.frozen``): make an event kind known to files."""
    if not cls.TYPE or cls.TYPE in EVENT_TYPES:
        raise ValueError(f"event type {cls.TYPE!r} is empty or registered twice")
    EVENT_TYPES[cls.TYPE] = cls
    return cls


@attrs.frozen(kw_only=True)
class Event:
    """What every event has: its day and, optionally, an id later events refer to."""

    TYPE: ClassVar[str] = ""

    date: dt.date = attrs.field(validator=plain_date)
    id: str | None = attrs.field(default=None, validator=text)

    @property
    def effective_date(self) -> dt.date:
        """The day the register orders the event by: its record date where one is fixed.

        The rules take their own dates from their clauses (4.C(8) in
        :mod:`warrant.section4.c8_record_dates`, 4.D(1), 4.A), which agree with this."""
        record_date: dt.date | None = getattr(self, "record_date", None)
        return record_date or self.date

    @property
    def grant_named(self) -> str | None:
        """The earlier grant this event is *of* (an exercise, lapse, repricing or promise),
        which must be in the register whatever provision then decides (SPEC §12)."""
        return None

    def date_refusal(self, terms: WarrantTerms) -> EventRejected | None:
        """The refusal, if any, that the event's own clause gives its date, checked before
        the ledger's general date checks (a holder's exercise names Section 1's period)."""
        return None


def _expires_not_before(
    event: Event, expires: dt.date | None, clause_ref: str, *, rights: str
) -> None:
    if expires is not None and expires < event.date:
        raise InvalidValue(
            f"{rights} expire on {expires}, before the event's date {event.date}",
            field="expires",
            clause=clause_ref,
        )


def _record_date_not_after(event: Event, record_date: dt.date | None, clause_ref: str) -> None:
    if record_date is not None and record_date > event.date:
        raise InvalidValue(
            f"the record date {record_date.isoformat()} is after the event's date "
            f"{event.date.isoformat()}",
            field="record_date",
            clause=clause_ref,
        )


def _notice_needs_record_date(
    event: Event, record_date: dt.date | None, notice_mailed: dt.date | None
) -> None:
    """4.H(1) asks for a notice of a record taken for rights; without a record date there is
    no record, so no notice to date."""
    if notice_mailed is not None and record_date is None:
        raise InvalidValue(
            "a 4.H notice is of a record date: give the record_date the notice names",
            field="notice_mailed",
            clause="4.H(1)",
        )


class Grantee(enum.Enum):
    """To whom options were granted; 4.C(5)(iii) covers officers, employees and directors."""

    OFFICER = "officer"
    EMPLOYEE = "employee"
    DIRECTOR = "director"
    CONSULTANT = "consultant"
    OTHER = "other"  # lenders, investors: anyone who is none of the above


#: The grantees 4.C(5)(iii) names.
CARVE_OUT_GRANTEES = frozenset({Grantee.OFFICER, Grantee.EMPLOYEE, Grantee.DIRECTOR})


@register
@attrs.frozen(kw_only=True)
class Issuance(Event):
    """Common Stock issued or sold (4.C(1)), with its consideration (4.C(2)).

    ``cash`` and ``property`` are what the Company received; ``property`` is the
    Board's good-faith fair value, so ``property_valued_by`` and
    ``property_valued_on`` are required with it.  Where the shares were sold in
    a unit with other securities, ``allocated`` is the part of the unit price
    the Board allocated to the shares (``allocated_by`` says who) and replaces
    cash plus property.  ``expenses`` are the Company's costs of the issue.

    ``warrant_exercise`` marks shares issued on exercise of the Warrants
    (4.C(5)(i)); ``restructuring`` names the Credit Agreement restructuring an
    equity financing belongs to (4.C(5)(ii)).
    """

    TYPE: ClassVar[str] = "issuance"

    shares: Fraction = attrs.field(converter=POSITIVE, metadata=clause("4.C(1)"))
    cash: Fraction = attrs.field(
        default=Fraction(0), converter=NON_NEGATIVE, metadata=clause("4.C(2)(i)")
    )
    property: Fraction = attrs.field(
        default=Fraction(0), converter=NON_NEGATIVE, metadata=clause("4.C(2)(ii)")
    )
    property_valued_by: str | None = attrs.field(default=None, validator=text)
    property_valued_on: dt.date | None = attrs.field(default=None, validator=plain_date)
    allocated: Fraction | None = attrs.field(
        default=None, converter=OPTIONAL_NON_NEGATIVE, metadata=clause("4.C(2)(iii)")
    )
    allocated_by: str | None = attrs.field(default=None, validator=text)
    expenses: Fraction = attrs.field(
        default=Fraction(0), converter=NON_NEGATIVE, metadata=clause("4.C(2)(iv)")
    )
    restructuring: str | None = attrs.field(default=None, validator=text)
    warrant_exercise: bool = attrs.field(default=False, validator=flag)

    def __attrs_post_init__(self) -> None:
        if self.property and (self.property_valued_by is None or self.property_valued_on is None):
            raise InvalidValue(
                "property is valued by the Board in good faith: say who valued it "
                "(property_valued_by) and when (property_valued_on)",
                field="property_valued_by"
                if self.property_valued_by is None
                else "property_valued_on",
                clause="4.C(2)(ii)",
            )
        if (self.allocated is None) != (self.allocated_by is None):
            raise InvalidValue(
                "an allocation of a unit price is the Board's: give both allocated and "
                "allocated_by",
                field="allocated_by" if self.allocated_by is None else "allocated",
                clause="4.C(2)(iii)",
            )
        if self.warrant_exercise and self.restructuring is not None:
            raise InvalidValue(
                "shares issued on exercise of the Warrants are not a restructuring financing",
                field="restructuring",
                clause="4.C(5)",
            )
        received = (
            self.allocated if self.allocated is not None else self.cash + self.property
        )
        if self.expenses > received:
            # A negative net consideration would lower the price further than issuing the
            # shares for nothing: it is an error in the facts, not a figure to compute with.
            proceeds = "allocated" if self.allocated is not None else "cash + property"
            raise InvalidValue(
                f"the expenses {shown(self.expenses)} exceed what the Company received for the "
                f"shares ({proceeds} = {shown(received)}): the net consideration cannot be "
                "negative",
                field="expenses",
                clause="4.C(2)(iv)",
            )


@register
@attrs.frozen(kw_only=True)
class OptionGrant(Event):
    """Rights, warrants or options to buy Common Stock (4.C(3); 4.C(5)(iii) for plan options).

    ``consideration`` is what the Company received for granting them (all of
    them, not per share); ``exercise_price`` the price per share payable on
    exercise.  ``plan`` says whether they were granted under the 1985 plan, the
    1994 plan or a later plan; ``grantee`` to whom.
    """

    TYPE: ClassVar[str] = "option-grant"

    shares: Fraction = attrs.field(converter=POSITIVE, metadata=clause("4.C(3)"))
    exercise_price: Fraction = attrs.field(converter=NON_NEGATIVE, metadata=clause("4.C(3)"))
    consideration: Fraction = attrs.field(
        default=Fraction(0), converter=NON_NEGATIVE, metadata=clause("4.C(2)")
    )
    expires: dt.date = attrs.field(validator=plain_date)
    plan: bool = attrs.field(default=False, validator=flag)
    grantee: Grantee | None = enum_field(Grantee, default=None)
    #: a rights offer to holders of record: the record date is the date of issue (4.C(8))
    record_date: dt.date | None = attrs.field(default=None, validator=plain_date)
    #: the day the 4.H notice of the record or effective date was mailed, where stated
    notice_mailed: dt.date | None = attrs.field(default=None, validator=plain_date)
    #: the id of the promise to grant (``promise-to-grant``) this grant honours
    fulfils: str | None = attrs.field(default=None, validator=text)

    def __attrs_post_init__(self) -> None:
        _record_date_not_after(self, self.record_date, "4.C(8)")
        _notice_needs_record_date(self, self.record_date, self.notice_mailed)
        _expires_not_before(self, self.expires, "4.C(3)", rights="the options")
        if self.plan and self.grantee is None:
            raise InvalidValue(
                "a plan grant must say to whom (officer, employee, director, consultant or "
                "other): only officers, employees and directors are in the carve-out",
                field="grantee",
                clause="4.C(5)(iii)",
            )

    @property
    def in_carve_out_class(self) -> bool:
        """Granted under a plan to an officer, employee or director (4.C(5)(iii))."""
        return self.plan and self.grantee in CARVE_OUT_GRANTEES


@register
@attrs.frozen(kw_only=True)
class Exercise(Event):
    """Shares issued on exercise of an earlier grant (``of`` its id).

    ``consideration`` is what was actually paid; by default the shares times the
    grant's exercise price.
    """

    TYPE: ClassVar[str] = "exercise"

    of: str = attrs.field(validator=text)
    shares: Fraction = attrs.field(converter=POSITIVE, metadata=clause("4.C(3)"))
    consideration: Fraction | None = attrs.field(default=None, converter=OPTIONAL_NON_NEGATIVE)

    @property
    def grant_named(self) -> str | None:
        return self.of


@register
@attrs.frozen(kw_only=True)
class Expiry(Event):
    """Rights of an earlier grant lapsing unexercised; ``shares`` omitted means all that remain."""

    TYPE: ClassVar[str] = "expiry"

    of: str = attrs.field(validator=text)
    shares: Fraction | None = attrs.field(
        default=None, converter=OPTIONAL_POSITIVE, metadata=clause("4.C(3)")
    )

    @property
    def grant_named(self) -> str | None:
        return self.of


@register
@attrs.frozen(kw_only=True)
class Cancellation(Event):
    """Rights of an earlier grant cancelled unexercised; no ``shares`` means all that remain."""

    TYPE: ClassVar[str] = "cancellation"

    of: str = attrs.field(validator=text)
    shares: Fraction | None = attrs.field(
        default=None, converter=OPTIONAL_POSITIVE, metadata=clause("4.C(3)")
    )

    @property
    def grant_named(self) -> str | None:
        return self.of


@register
@attrs.frozen(kw_only=True)
class PromiseToGrant(Event):
    """A binding promise to grant options later, given for options cancelled (``of``) in an
    exchange: the 2003 offer's Promise to Grant Stock Option(s).

    It is not a grant: nothing is issued or issuable under it until the options are
    granted (an ``option-grant`` whose ``fulfils`` names this promise's ``id``).  Whether it
    keeps the cancelled options' place in the 4.C(5)(iii) carve-out meanwhile is a reading
    (``promised_grants_hold_room``).
    """

    TYPE: ClassVar[str] = "promise-to-grant"

    of: str = attrs.field(validator=text)
    shares: Fraction = attrs.field(converter=POSITIVE, metadata=clause("4.C(5)(iii)"))

    def __attrs_post_init__(self) -> None:
        if self.id is None:
            raise InvalidValue(
                "a promise to grant needs an id: the grant that honours it names it in 'fulfils'",
                field="id",
                clause="4.C(5)(iii)",
            )

    @property
    def grant_named(self) -> str | None:
        return self.of


@register
@attrs.frozen(kw_only=True)
class Buyback(Event):
    """Shares reacquired or retired: they stay Additional Shares (4.C(5)) but leave the count."""

    TYPE: ClassVar[str] = "buyback"

    shares: Fraction = attrs.field(converter=POSITIVE, metadata=clause("4.C(5)"))


@register
@attrs.frozen(kw_only=True)
class ConvertibleIssuance(Event):
    """Stock or other securities convertible into or exchangeable for Common Stock (4.C(3)).

    ``max_shares`` is the most Common Stock issuable on conversion;
    ``min_conversion_payment`` the least the holders must still pay to convert
    (all of them together, leaving out payment by cancelling the security's own
    obligation); ``consideration`` what the Company received for the securities.
    """

    TYPE: ClassVar[str] = "convertible-issuance"

    max_shares: Fraction = attrs.field(converter=POSITIVE, metadata=clause("4.C(3)"))
    min_conversion_payment: Fraction = attrs.field(
        default=Fraction(0), converter=NON_NEGATIVE, metadata=clause("4.C(3)")
    )
    consideration: Fraction = attrs.field(
        default=Fraction(0), converter=NON_NEGATIVE, metadata=clause("4.C(2)")
    )
    expires: dt.date | None = attrs.field(default=None, validator=plain_date)
    #: a distribution to holders of record: the record date is the date of issue (4.C(8))
    record_date: dt.date | None = attrs.field(default=None, validator=plain_date)
    #: the day the 4.H notice of the record or effective date was mailed, where stated
    notice_mailed: dt.date | None = attrs.field(default=None, validator=plain_date)

    def __attrs_post_init__(self) -> None:
        _record_date_not_after(self, self.record_date, "4.C(8)")
        _notice_needs_record_date(self, self.record_date, self.notice_mailed)
        _expires_not_before(self, self.expires, "4.C(3)", rights="the conversion privileges")


@register
@attrs.frozen(kw_only=True)
class OptionOnConvertible(Event):
    """Options to buy Convertible Securities (4.C(4)): both layers at once.

    ``max_shares`` is the most Common Stock issuable on converting all the
    convertibles the options cover; ``min_exercise_payment`` and
    ``min_conversion_payment`` the least still payable on exercising the options
    and on converting (totals); ``consideration`` what was paid for the options.
    """

    TYPE: ClassVar[str] = "option-on-convertible"

    max_shares: Fraction = attrs.field(converter=POSITIVE, metadata=clause("4.C(4)"))
    min_exercise_payment: Fraction = attrs.field(
        default=Fraction(0), converter=NON_NEGATIVE, metadata=clause("4.C(4)")
    )
    min_conversion_payment: Fraction = attrs.field(
        default=Fraction(0), converter=NON_NEGATIVE, metadata=clause("4.C(4)")
    )
    consideration: Fraction = attrs.field(
        default=Fraction(0), converter=NON_NEGATIVE, metadata=clause("4.C(2)")
    )
    expires: dt.date | None = attrs.field(default=None, validator=plain_date)
    record_date: dt.date | None = attrs.field(default=None, validator=plain_date)
    #: the day the 4.H notice of the record or effective date was mailed, where stated
    notice_mailed: dt.date | None = attrs.field(default=None, validator=plain_date)

    def __attrs_post_init__(self) -> None:
        _record_date_not_after(self, self.record_date, "4.C(8)")
        _notice_needs_record_date(self, self.record_date, self.notice_mailed)
        _expires_not_before(self, self.expires, "4.C(4)", rights="the options")


@register
@attrs.frozen(kw_only=True)
class Repricing(Event):
    """A reduction (or increase) of the exercise or conversion price of a grant (4.C(6)).

    ``exercise_price`` is the new price per share of Common Stock.
    """

    TYPE: ClassVar[str] = "repricing"

    of: str = attrs.field(validator=text)
    exercise_price: Fraction = attrs.field(converter=NON_NEGATIVE, metadata=clause("4.C(6)"))

    @property
    def grant_named(self) -> str | None:
        return self.of


@register
@attrs.frozen(kw_only=True)
class StockSplit(Event):
    """A subdivision (``ratio`` > 1) or combination (``ratio`` < 1) of the Common Stock (4.E).

    ``ratio`` is new shares per old share: 3/2 for a 3-for-2 split, 1/10 for a
    1-for-10 reverse split.
    """

    TYPE: ClassVar[str] = "stock-split"

    ratio: Fraction = attrs.field(converter=POSITIVE, metadata=clause("4.E"))

    def __attrs_post_init__(self) -> None:
        if self.ratio == 1:
            raise InvalidValue("a ratio of 1 splits nothing", field="ratio", clause="4.E")


@register
@attrs.frozen(kw_only=True)
class StockDividend(Event):
    """A dividend or distribution payable in Common Stock (4.D).

    With a ``record_date`` the adjustment takes effect at the close of business
    on it (place the event in the register at that date); ``paid`` false means
    the dividend was not paid on the date fixed, so the adjustment is undone as
    of the record date.
    """

    TYPE: ClassVar[str] = "stock-dividend"

    shares: Fraction = attrs.field(converter=POSITIVE, metadata=clause("4.D"))
    record_date: dt.date | None = attrs.field(default=None, validator=plain_date)
    #: the day the 4.H notice of the record or effective date was mailed, where stated
    notice_mailed: dt.date | None = attrs.field(default=None, validator=plain_date)
    paid: bool = attrs.field(default=True, validator=flag)

    def __attrs_post_init__(self) -> None:
        _record_date_not_after(self, self.record_date, "4.D")
        if not self.paid and self.record_date is None:
            raise InvalidValue(
                "only a dividend with a record date fixed can be declared and not paid",
                field="record_date",
                clause="4.D(1)",
            )


@register
@attrs.frozen(kw_only=True)
class DividendUnpaid(Event):
    """The stock dividend of ``record_date`` was not fully paid on the date fixed (4.D(1))."""

    TYPE: ClassVar[str] = "dividend-unpaid"

    record_date: dt.date = attrs.field(validator=plain_date)

    @property
    def effective_date(self) -> dt.date:
        return self.date  # known only on the payment date; it undoes as of the record date

    def __attrs_post_init__(self) -> None:
        _record_date_not_after(self, self.record_date, "4.D(1)")


class Source(enum.Enum):
    """Where a cash distribution was paid from (4.A(2))."""

    RETAINED_EARNINGS = "retained-earnings"
    OTHER = "other"


@register
@attrs.frozen(kw_only=True)
class Distribution(Event):
    """A distribution to holders of something other than Common Stock (4.A).

    ``kind`` names what was distributed (``"cash"``, or the security or property,
    e.g. ``"Spinco common stock"``); ``per_share`` how much per share of Common
    Stock; ``source`` where cash came from.  Cash out of retained earnings
    entitles the warrant holder to nothing.
    """

    TYPE: ClassVar[str] = "distribution"

    kind: str = attrs.field(validator=text)
    per_share: Fraction = attrs.field(converter=POSITIVE, metadata=clause("4.A"))
    source: Source = enum_field(Source, default=Source.OTHER)
    record_date: dt.date | None = attrs.field(default=None, validator=plain_date)
    #: the day the 4.H notice of the record or effective date was mailed, where stated
    notice_mailed: dt.date | None = attrs.field(default=None, validator=plain_date)

    def __attrs_post_init__(self) -> None:
        _record_date_not_after(self, self.record_date, "4.A")
        if self.kind.strip().lower() in {"common stock", "common-stock", "common"}:
            raise InvalidValue(
                "a distribution of Common Stock is a stock dividend (4.D), not 4.A",
                field="kind",
                clause="4.A",
            )

    @property
    def is_cash(self) -> bool:
        return self.kind.strip().lower() == "cash"


def _basket(value: object) -> tuple[tuple[str, Fraction], ...]:
    if not isinstance(value, Mapping) or not value:
        raise InvalidValue(
            'the basket is a table of what one share receives, e.g. '
            '{cash = "2.00", "Acquirer common" = "0.5"}',
            field="basket",
            clause="4.B",
        )
    return tuple(
        (str(kind), to_fraction(quantity, field=f"basket.{kind}", clause="4.B"))
        for kind, quantity in value.items()
    )


@register
@attrs.frozen(kw_only=True)
class Reorganization(Event):
    """A reorganisation, consolidation, merger or sale of substantially all assets (4.B).

    ``basket`` is what one share of Common Stock receives on consummation.
    """

    TYPE: ClassVar[str] = "reorganization"

    basket: tuple[tuple[str, Fraction], ...] = attrs.field(converter=_basket)
    #: the day the 4.H notice of the date it takes place was mailed, where stated
    notice_mailed: dt.date | None = attrs.field(default=None, validator=plain_date)


@register
@attrs.frozen(kw_only=True)
class OtherSecuritiesIssuance(Event):
    """An issue of securities other than the Company's Common Stock that the warrant has
    become exercisable for (4.C(7)); ``description`` says what."""

    TYPE: ClassVar[str] = "other-securities-issuance"

    description: str = attrs.field(validator=text)


@register
@attrs.frozen(kw_only=True)
class Dissolution(Event):
    """A voluntary dissolution, liquidation or winding-up of the Company, on ``date`` (the day
    it is expected to take place).  No provision of Section 4 adjusts the warrant for it;
    4.H(3) requires notice of it.  ``voluntary`` false records an involuntary one, of which
    4.H asks no notice."""

    TYPE: ClassVar[str] = "dissolution"

    description: str | None = attrs.field(default=None, validator=text)
    voluntary: bool = attrs.field(default=True, validator=flag)
    #: the day the 4.H notice of the record or effective date was mailed, where stated
    notice_mailed: dt.date | None = attrs.field(default=None, validator=plain_date)
