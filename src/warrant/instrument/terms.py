"""The terms of a warrant as data (SPEC §1).

The numbers of the instrument — Issue Date, expiration cut-off, initial
Exercise Price, par value, the 4.C(5) floor and carve-out, the FMV window of
Section 1, the notice period of 4.H — live in one frozen value, so a warrant
with other numbers is a new preset, not new code.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, datetime, timedelta, timezone
from fractions import Fraction
from typing import Any

import attrs

from warrant.ground.errors import InvalidValue, NaiveDatetime, UnknownPreset
from warrant.ground.exact import NON_NEGATIVE, OPTIONAL_POSITIVE, POSITIVE
from warrant.ground.validators import enum_field, plain_date, positive_int, text
from warrant.instrument.formula import (
    Formula,
    PriceRounding,
    Reference,
    ShareRounding,
    shares_rounded,
)


def _aware(_instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if not isinstance(value, datetime):
        raise InvalidValue(
            "the expiration cut-off is an instant: give a datetime with a time zone, not "
            f"{value!r}",
            field=attribute.name,
        )
    if value.tzinfo is None or value.utcoffset() is None:
        raise NaiveDatetime(
            "the expiration cut-off is an instant: give it a time zone", field=attribute.name
        )


def _price_rounding(value: object) -> PriceRounding | None:
    if value is None or isinstance(value, PriceRounding):
        return value
    if isinstance(value, dict):
        unknown = sorted(set(value) - {"places", "mode"})
        if unknown:
            raise InvalidValue(
                f"unknown key(s) {', '.join(unknown)} (known: places, mode)",
                field=f"price_rounding.{unknown[0]}",
            )
        if "places" not in value:
            raise InvalidValue("required but missing", field="price_rounding.places")
        return PriceRounding(**value)
    raise InvalidValue(
        f"expected a table {{ places = 2, mode = \"half-up\" }}, got {value!r:.60}",
        field="price_rounding",
    )


@attrs.frozen(kw_only=True)
class WarrantTerms:
    """The fixed terms of one series of warrants.

    * ``issue_date`` — the Issue Date of the preamble; 4.C(5) counts Additional
      Shares from it.
    * ``expiration`` — the aware instant before which the warrant may be
      exercised (preamble and Section 1).
    * ``exercise_price`` — the initial Exercise Price per share (preamble).
    * ``par_value`` — par value of the Common Stock; 4.F bars the Company from raising
      it above what an exercise pays, and an adjustment below it is flagged.
    * ``restructuring_floor`` — the share of fair market value at or above which
      a restructuring financing is excluded (4.C(5)(ii)).
    * ``carve_out_cap`` — shares under plan options excluded by 4.C(5)(iii).
    * ``fmv_window`` — trading days averaged for Fair Market Value (Section 1).
    * ``notice_days`` — days of notice before a record date (4.H).
    * ``rulebook`` — the name of the rulebook of its Section 4
      (:mod:`warrant.register.rulebook`); a warrant with other numbers but the
      same Section 4 shares ``alpha-2002``'s.
    * the formula keys — ``reference``, ``trigger``, ``formula``, ``price_rounding``
      and ``share_rounding`` (:mod:`warrant.instrument.formula`); their defaults are
      the 2002 warrant's own formula.

    Terms written alone need only ``issue_date``, ``expiration`` and
    ``exercise_price``: there is then no par value to flag (4.F), no restructuring
    exclusion (4.C(5)(ii)) and no plan-option carve-out (4.C(5)(iii)).
    """

    issue_date: date = attrs.field(validator=plain_date)
    expiration: datetime = attrs.field(validator=_aware)
    exercise_price: Fraction = attrs.field(converter=POSITIVE)
    name: str = attrs.field(default="terms", validator=text)
    issuer: str = attrs.field(default="the Company", validator=text)
    par_value: Fraction | None = attrs.field(default=None, converter=OPTIONAL_POSITIVE)
    restructuring_floor: Fraction | None = attrs.field(default=None, converter=OPTIONAL_POSITIVE)
    carve_out_cap: Fraction = attrs.field(default=Fraction(0), converter=NON_NEGATIVE)
    fmv_window: int = attrs.field(default=5, validator=positive_int)
    notice_days: int = attrs.field(default=30, validator=positive_int)
    governing_law: str = ""
    rulebook: str = attrs.field(default="alpha-2002", validator=text)
    reference: Reference = enum_field(Reference, default=Reference.FMV)
    trigger: Fraction = attrs.field(default=Fraction(1), converter=POSITIVE)
    formula: Formula = enum_field(Formula, default=Formula.WEIGHTED_AVERAGE)
    price_rounding: PriceRounding | None = attrs.field(default=None, converter=_price_rounding)
    share_rounding: ShareRounding = enum_field(ShareRounding, default=ShareRounding.NONE)

    def __attrs_post_init__(self) -> None:
        if self.trigger > 1:
            raise InvalidValue(
                f"must be a fraction of the reference no greater than 1, got {self.trigger}",
                field="trigger",
            )
        if self.restructuring_floor is not None and self.restructuring_floor > 1:
            raise InvalidValue(
                "must be a fraction of fair market value no greater than 1",
                field="restructuring_floor",
                clause="4.C(5)(ii)",
            )
        if self.expiration.date() < self.issue_date:
            raise InvalidValue("the warrant expires before it is issued", field="expiration")

    def shares_receivable(self, price: Fraction, face_shares: Fraction | int = 1) -> Fraction:
        """Shares receivable for ``face_shares`` on the face while ``price`` is in force."""
        return shares_receivable(face_shares, initial_price=self.exercise_price, price=price)

    def shares_stated(self, price: Fraction, face_shares: Fraction | int) -> Fraction:
        """The shares receivable as the terms state them: exact, or rounded to a whole share
        as ``share_rounding`` says (the aggregate Exercise Price stays exact)."""
        return shares_rounded(self.shares_receivable(price, face_shares), self.share_rounding)

    def price_in_force(self, price: Fraction) -> Fraction:
        """An adjusted price as it stands in force: rounded when ``price_rounding`` says so."""
        return price if self.price_rounding is None else self.price_rounding(price)

    @property
    def expiration_date(self) -> date:
        """The calendar day of the cut-off, in the cut-off's own time zone."""
        return self.expiration.date()

    def check_in_life(self, day: date, *, field: str = "as_of") -> date:
        """``day`` must fall in the warrant's life: nothing is in force before the Issue Date
        or after the expiration cut-off (preamble, Section 1)."""
        if day < self.issue_date:
            raise InvalidValue(
                f"{day.isoformat()} is before the Issue Date {self.issue_date.isoformat()}: "
                "the warrant did not exist yet",
                field=field,
                clause="preamble",
            )
        if day > self.expiration_date:
            raise InvalidValue(
                f"{day.isoformat()} is after the warrant expired "
                f"({self.expiration:%Y-%m-%d %H:%M} {self.expiration.tzname()}): nothing is in "
                f"force after it; the last price in force is the one as of "
                f"{self.expiration_date.isoformat()}",
                field=field,
                clause="Section 1",
            )
        return day


def shares_receivable(
    face_shares: Fraction | int, *, initial_price: Fraction, price: Fraction
) -> Fraction:
    """The shares a warrant for ``face_shares`` on its face buys at ``price``.

    Every adjustment keeps the aggregate Exercise Price — the face shares times
    the initial price — unchanged (4.C(1)(a), 4.D, 4.E), so the shares are that
    aggregate divided by the price in force.  The one place this is computed.
    """
    return face_shares * initial_price / price


#: Pacific Standard Time as the warrant names it: a fixed UTC-8 offset, with no
#: daylight saving (the cut-off is stated in standard time).
PACIFIC_STANDARD_TIME = timezone(timedelta(hours=-8), "PST")

#: The 2002 lender warrant of Alpha Technologies Group, Inc.
ALPHA_2002 = WarrantTerms(
    name="alpha-2002",
    issuer="Alpha Technologies Group, Inc.",
    issue_date=date(2002, 3, 4),
    expiration=datetime(2007, 3, 3, 17, 0, tzinfo=PACIFIC_STANDARD_TIME),
    exercise_price=Fraction("1.94"),
    par_value=Fraction("0.03"),
    restructuring_floor=Fraction(85, 100),
    carve_out_cap=Fraction(1_969_693),
    fmv_window=5,
    notice_days=30,
    governing_law="California",
    rulebook="alpha-2002",
)

PRESETS: dict[str, WarrantTerms] = {ALPHA_2002.name: ALPHA_2002}


def preset(name: str) -> WarrantTerms:
    """The built-in terms called ``name`` (``"alpha-2002"``)."""
    try:
        return PRESETS[name]
    except KeyError:
        known = ", ".join(sorted(PRESETS))
        raise UnknownPreset(f"no preset named {name!r} (known: {known})", field="preset") from None


#: The terms an amendment (Section 11) may change from its date on.  The Issue Date,
#: the initial Exercise Price (every share count is the aggregate price over the price
#: in force), the FMV window (a Fair Market Value once computed stays so) and the
#: rulebook are fixed for the life of the register; Sections 7 and 8 need a wider
#: majority and are outside the library.
AMENDABLE: tuple[str, ...] = (
    "expiration", "par_value", "restructuring_floor", "carve_out_cap", "notice_days",
    "governing_law", "reference", "trigger", "formula", "price_rounding", "share_rounding",
)


def _changes(value: object) -> tuple[tuple[str, object], ...]:
    if isinstance(value, TermsChange):
        return value.changes
    if value is None or value == ():
        return ()
    if isinstance(value, tuple):  # pairs, as a TermsChange holds them
        value = dict(value)
    if not isinstance(value, Mapping):
        raise InvalidValue(
            f"expected a table of the terms changed, got {value!r:.60}", field="terms",
            clause="Section 11",
        )
    pairs = {str(key): item for key, item in value.items()}
    unknown = sorted(str(key) for key in pairs if key not in AMENDABLE)
    if unknown:
        fixed = [key for key in unknown if key in attrs.fields_dict(WarrantTerms)]
        why = (
            "fixed for the life of the register" if fixed
            else f"not a term (amendable: {', '.join(AMENDABLE)})"
        )
        raise InvalidValue(
            f"{', '.join(unknown)}: {why}", field=f"terms.{unknown[0]}", clause="Section 11"
        )
    if isinstance(pairs.get("expiration"), str):  # JSON writes the instant as ISO text
        try:
            pairs["expiration"] = datetime.fromisoformat(pairs["expiration"].strip())
        except ValueError:
            raise InvalidValue(
                f"not a date and time in ISO form: {pairs['expiration']!r:.60}",
                field="terms.expiration", clause="Section 11",
            ) from None
    try:
        probe = attrs.evolve(ALPHA_2002, **pairs)  # each value read by its field's converter
    except InvalidValue as error:
        raise InvalidValue(
            error.message, field=f"terms.{error.field}" if error.field else "terms",
            clause="Section 11",
        ) from None
    return tuple((key, getattr(probe, key)) for key in sorted(pairs))


@attrs.frozen
class TermsChange:
    """The terms an amendment changes, each read as its field reads it (Section 11)."""

    changes: tuple[tuple[str, object], ...] = attrs.field(default=(), converter=_changes)

    def applied_to(self, terms: WarrantTerms) -> WarrantTerms:
        """``terms`` with these changes (refused, naming the field, when they do not fit)."""
        if not self.changes:
            return terms
        changes: dict[str, Any] = dict(self.changes)
        return attrs.evolve(terms, **changes)

    def __bool__(self) -> bool:
        return bool(self.changes)
