"""How a warrant's terms adjust its price: the formula keys of ``WarrantTerms``.

The 2002 warrant's own formula is the default on every key, so a warrant that
says nothing else is adjusted exactly as Section 4.C(1) reads:

* ``reference`` — what an issue is measured against: the Current Fair Market Value
  (``fmv``: ``B`` is the consideration at that value, and an issue adjusts when its
  Effective Price is below it), or the Exercise Price in force immediately before
  the issue (``exercise-price``: the conversion-price form of start-up finance);
* ``trigger`` — an issue adjusts only when its Effective Price is below
  ``trigger × reference`` (bond terms say "less than 95 per cent of the current
  market price": ``95/100``); between 0 and 1, default 1;
* ``formula`` — ``weighted-average`` (``P × (A + B)/(A + C)``) or ``full-ratchet``
  (the price becomes the issue's Effective Price; never raised);
* ``price_rounding`` — the price after each adjustment rounded to ``places`` by
  ``mode``; the rounded price is the price in force (default: never rounded);
* ``share_rounding`` — the shares receivable the library states, rounded by that
  mode to a whole share (default: exact); the aggregate Exercise Price stays exact.

Nothing here is an engine: these are values, and the rounding arithmetic.
"""

from __future__ import annotations

import enum
import math
from fractions import Fraction
from typing import Any

import attrs

from warrant.ground.errors import InvalidValue
from warrant.ground.validators import enum_field


class Reference(enum.Enum):
    """What an issue's Effective Price is measured against, and ``B`` is priced at."""

    FMV = "fmv"
    EXERCISE_PRICE = "exercise-price"


class Formula(enum.Enum):
    """How an issue below the trigger changes the price."""

    WEIGHTED_AVERAGE = "weighted-average"
    FULL_RATCHET = "full-ratchet"


class RoundingMode(enum.Enum):
    """How a figure is rounded: halves away from zero, towards zero, or away from zero."""

    HALF_UP = "half-up"
    DOWN = "down"
    UP = "up"


class ShareRounding(enum.Enum):
    """How the shares receivable are stated: exactly, or rounded to a whole share."""

    NONE = "none"
    DOWN = "down"
    HALF_UP = "half-up"
    UP = "up"


def round_to(value: Fraction, places: int, mode: RoundingMode) -> Fraction:
    """``value`` (not negative) rounded to ``places`` decimals by ``mode``, exactly."""
    scale = 10**places
    scaled = value * scale
    if mode is RoundingMode.DOWN:
        whole = math.floor(scaled)
    elif mode is RoundingMode.UP:
        whole = math.ceil(scaled)
    else:
        whole = math.floor(scaled)
        if scaled - whole >= Fraction(1, 2):
            whole += 1
    return Fraction(whole, scale)


def _places(_instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= 12:
        raise InvalidValue(
            f"must be a whole number of decimals from 0 to 12, got {value!r}",
            field=f"price_rounding.{attribute.name}",
        )


@attrs.frozen(kw_only=True)
class PriceRounding:
    """The price in force rounded after each adjustment: ``places`` decimals, by ``mode``."""

    places: int = attrs.field(validator=_places)
    mode: RoundingMode = enum_field(RoundingMode, default=RoundingMode.HALF_UP)

    def __call__(self, price: Fraction) -> Fraction:
        rounded = round_to(price, self.places, self.mode)
        if rounded <= 0:
            raise InvalidValue(
                f"the adjusted price {price} rounds to {rounded} at {self.places} decimals: "
                "a price must stay above zero",
                field="price_rounding",
            )
        return rounded


def shares_rounded(shares: Fraction, mode: ShareRounding) -> Fraction:
    """The shares receivable as the terms state them (``none``: exactly)."""
    if mode is ShareRounding.NONE:
        return shares
    return round_to(shares, 0, RoundingMode(mode.value))
