"""What the option exchange tool proposes (SPEC §8): an exchange offer, or a plain repricing.

* :class:`ExchangeOffer` — the 2003 kind: options tendered during the offer are
  cancelled after it expires, and new options are granted (by default one per
  tendered option, the same shares, to the same grantee, under the 1994 plan) on a
  date at least six months and one day later, at that day's closing price.
* :class:`RepricingProposal` — these grants, this new price, on this date (4.C(6)).

These are facts and choices, not conclusions: :mod:`warrant.analyses.exchange` says
what the warrant makes of them.
"""

from __future__ import annotations

import datetime as dt
from fractions import Fraction
from typing import Final

import attrs

from warrant.ground.errors import InvalidValue
from warrant.ground.exact import NON_NEGATIVE, OPTIONAL_POSITIVE, POSITIVE, clause
from warrant.ground.validators import enum_field, flag, plain_date, text
from warrant.register.events import Grantee

#: Who may take part in the 2003 offer: employees (officers among them), directors and
#: consultants of the Company or its subsidiaries (offer, section 1).
ELIGIBLE_GRANTEES: Final = frozenset(
    {Grantee.OFFICER, Grantee.EMPLOYEE, Grantee.DIRECTOR, Grantee.CONSULTANT}
)


def _eligible(_instance: object, _attribute: object, value: Grantee | None) -> None:
    if value is not None and value not in ELIGIBLE_GRANTEES:
        raise InvalidValue(
            f"{value.value!r} is not eligible: the offer is made to employees, directors and "
            "consultants (offer to exchange, section 1)",
            field="grantee",
            clause="offer to exchange",
        )


@attrs.frozen(kw_only=True)
class Tender:
    """Options tendered (``shares`` of grant ``of``) and the new option promised for them.

    ``grantee`` and ``plan`` describe the new option (by default: the tendered grant's
    grantee, under the 1994 plan); ``shares_granted`` its shares (by default those
    tendered); ``grant_price`` its own price where the offer's rule gives one (110% of
    the close for a holder of more than 10%); ``holder`` a name, for the reader only.
    """

    of: str = attrs.field(validator=text)
    shares: Fraction = attrs.field(converter=POSITIVE, metadata=clause("offer to exchange"))
    grantee: Grantee | None = enum_field(Grantee, default=None)
    plan: bool = attrs.field(default=True, validator=flag)
    shares_granted: Fraction | None = attrs.field(
        default=None, converter=OPTIONAL_POSITIVE, metadata=clause("offer to exchange")
    )
    grant_price: Fraction | None = attrs.field(
        default=None, converter=OPTIONAL_POSITIVE, metadata=clause("offer to exchange")
    )
    holder: str | None = attrs.field(default=None, validator=text)

    def __attrs_post_init__(self) -> None:
        _eligible(self, None, self.grantee)

    @property
    def new_shares(self) -> Fraction:
        return self.shares if self.shares_granted is None else self.shares_granted


@attrs.frozen(kw_only=True)
class ExchangeOffer:
    """An offer to exchange options: its dates (the last three optional) and the tenders."""

    commencement: dt.date = attrs.field(validator=plain_date)
    offer_expires: dt.date = attrs.field(validator=plain_date)
    cancellation: dt.date | None = attrs.field(default=None, validator=plain_date)
    grant_date: dt.date | None = attrs.field(default=None, validator=plain_date)
    #: the price of every new option, where the proposal fixes one (default: the close)
    grant_price: Fraction | None = attrs.field(
        default=None, converter=OPTIONAL_POSITIVE, metadata=clause("offer to exchange")
    )
    tenders: tuple[Tender, ...] = attrs.field(converter=tuple)

    def __attrs_post_init__(self) -> None:
        if not self.tenders:
            raise InvalidValue(
                "an exchange needs at least one tender ([[exchange.tender]])",
                field="tender",
                clause="offer to exchange",
            )


@attrs.frozen(kw_only=True)
class Reprice:
    """Lowering (or raising) the price of the grant ``of`` to ``new_price`` on ``date``.

    ``shares``, when given, must be every right of the grant still outstanding: the
    register reprices a grant whole.
    """

    of: str = attrs.field(validator=text)
    new_price: Fraction = attrs.field(converter=NON_NEGATIVE, metadata=clause("4.C(6)"))
    date: dt.date = attrs.field(validator=plain_date)
    shares: Fraction | None = attrs.field(
        default=None, converter=OPTIONAL_POSITIVE, metadata=clause("4.C(6)")
    )


@attrs.frozen(kw_only=True)
class RepricingProposal:
    """A repricing of grants already in the register (4.C(6)).  Made by tender offer, it
    may give the offer's ``commencement`` and ``offer_expires``, which are reported with
    the verdict (the repricings keep their own dates)."""

    reprices: tuple[Reprice, ...] = attrs.field(converter=tuple)
    commencement: dt.date | None = attrs.field(default=None, validator=plain_date)
    offer_expires: dt.date | None = attrs.field(default=None, validator=plain_date)

    def __attrs_post_init__(self) -> None:
        if (
            self.commencement is not None
            and self.offer_expires is not None
            and self.offer_expires < self.commencement
        ):
            raise InvalidValue(
                f"the offer expires ({self.offer_expires.isoformat()}) before it commences "
                f"({self.commencement.isoformat()})",
                field="offer_expires",
                clause="offer to exchange",
            )
        if not self.reprices:
            raise InvalidValue(
                "a repricing needs at least one [[exchange.reprice]]",
                field="reprice",
                clause="4.C(6)",
            )


Proposal = ExchangeOffer | RepricingProposal
