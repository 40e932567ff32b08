"""Readings: the choices made where the warrant is silent or ambiguous (SPEC §9).

Every computation takes a :class:`Reading`.  The default is the product
owner's reading; any other can be run instead, or all side by side, so a
reader sees whether an answer depends on interpretation.
"""

from __future__ import annotations

import enum
import itertools

import attrs

from warrant.ground.validators import enum_field, flag


class OutstandingBasis(enum.Enum):
    """What ``A``, "shares outstanding immediately prior", counts in 4.C(1)(b)."""

    #: issued and outstanding, plus shares still deemed outstanding under 4.C(3)/(4)
    ISSUED_AND_DEEMED = "issued-and-deemed"
    #: issued and outstanding only
    ISSUED = "issued"
    #: issued, deemed, and every other option or convertible as if exercised
    FULLY_DILUTED = "fully-diluted"


class CarveOutCounting(enum.Enum):
    """How shares use the 4.C(5)(iii) plan-option carve-out."""

    #: shares issued on exercise since the Issue Date plus shares issuable under
    #: plan options outstanding now; cancelled or expired options free their room
    ISSUED_OR_ISSUABLE = "issued-or-issuable"
    #: every plan share ever granted (or outstanding at the Issue Date) uses room
    #: for good; nothing is freed
    CUMULATIVE_GRANTS = "cumulative-grants"


class ReadjustOn(enum.Enum):
    """When 4.C(3)'s readjustment on the expiry of rights happens."""

    #: at each expiry, pro rata; what is still outstanding stays deemed issued
    EACH_EXPIRY = "each-expiry"
    #: only when the last of the rights expires (or is exercised)
    FINAL_EXPIRY = "final-expiry"


class BusinessDayBasis(enum.Enum):
    """Which days are business days for exercise (Section 1) and the exchange offer."""

    #: not a Saturday, Sunday or U.S. federal legal public holiday (observed)
    FEDERAL = "federal"
    #: a trading day of the trading calendar
    TRADING = "trading"


@attrs.frozen
class Reading:
    """One complete set of interpretation choices; the defaults are SPEC §9's."""

    outstanding_basis: OutstandingBasis = enum_field(
        OutstandingBasis, default=OutstandingBasis.ISSUED_AND_DEEMED
    )
    carve_out_counting: CarveOutCounting = enum_field(
        CarveOutCounting, default=CarveOutCounting.ISSUED_OR_ISSUABLE
    )
    promised_grants_hold_room: bool = attrs.field(
        default=True, validator=flag
    )
    carve_out_follows_splits: bool = attrs.field(
        default=True, validator=flag
    )
    readjust_on: ReadjustOn = enum_field(ReadjustOn, default=ReadjustOn.EACH_EXPIRY)
    business_day: BusinessDayBasis = enum_field(BusinessDayBasis, default=BusinessDayBasis.FEDERAL)

    @classmethod
    def default(cls) -> Reading:
        return cls()

    @classmethod
    def all(cls) -> tuple[Reading, ...]:
        """Every combination of the choices (the default first)."""
        choices = itertools.product(
            OutstandingBasis,
            CarveOutCounting,
            (True, False),
            (True, False),
            ReadjustOn,
            BusinessDayBasis,
        )
        return tuple(cls(*combination) for combination in choices)

    @classmethod
    def variations(cls) -> tuple[Reading, ...]:
        """The default, then each alternative of one choice at a time (for side-by-side views)."""
        default = cls()
        found = [default]
        choices: tuple[tuple[str, tuple[object, ...]], ...] = (
            ("outstanding_basis", tuple(OutstandingBasis)),
            ("carve_out_counting", tuple(CarveOutCounting)),
            ("promised_grants_hold_room", (True, False)),
            ("carve_out_follows_splits", (True, False)),
            ("readjust_on", tuple(ReadjustOn)),
            ("business_day", tuple(BusinessDayBasis)),
        )
        for name, alternatives in choices:
            for value in alternatives:
                # a field named at run time: mypy cannot match the value to its field
                variant = attrs.evolve(default, **{name: value})  # type: ignore[arg-type]
                if variant not in found:
                    found.append(variant)
        return tuple(found)

    def differences(self) -> dict[str, str]:
        """The choices where this reading departs from the default, as file values."""
        default = Reading()
        return {
            field.name: _file_value(getattr(self, field.name))
            for field in attrs.fields(Reading)
            if getattr(self, field.name) != getattr(default, field.name)
        }

    def label(self) -> str:
        """A short name: ``default`` or the departures, ``outstanding_basis=issued``."""
        changed = self.differences()
        return "default" if not changed else ", ".join(f"{k}={v}" for k, v in changed.items())


def _json_value(value: object) -> str | bool:
    if isinstance(value, enum.Enum):
        return str(value.value)
    assert isinstance(value, bool)
    return value


def _file_value(value: object) -> str:
    rendered = _json_value(value)
    return str(rendered).lower() if isinstance(rendered, bool) else rendered
