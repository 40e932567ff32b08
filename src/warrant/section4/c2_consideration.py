"""Consideration received for Additional Shares (4.C(2)), with its parts.

The aggregate consideration is computed as follows, and the certificate shows
each part (4.G(a)):

* cash at the amount the Company received (4.C(2)(i));
* property at the Board's good-faith fair value (4.C(2)(ii)) — an input that
  carries who valued it and when;
* where the shares were sold in a unit with other securities, only the part
  the Board allocated to them (4.C(2)(iii)), which then replaces cash and
  property;
* for deemed issues under 4.C(3)/(4): what was received for the rights plus
  the minimum payments due on their exercise or conversion;
* and always after deducting the Company's expenses of the issue (4.C(2)(iv)).
"""


from __future__ import annotations

import datetime as dt
from fractions import Fraction

import attrs

from warrant.register.events import (
    Issuance,
)


@attrs.frozen
class Consideration:
    """Aggregate consideration for an issue, part by part (every amount exact)."""

    cash: Fraction = Fraction(0)
    property_value: Fraction = Fraction(0)
    property_valued_by: str | None = None
    property_valued_on: dt.date | None = None
    allocated: Fraction | None = None
    allocated_by: str | None = None
    #: what was paid for rights/options/convertibles themselves (4.C(3))
    for_rights: Fraction = Fraction(0)
    #: the minimum exercise or conversion payments still due (4.C(3), 4.C(4))
    minimum_exercise_payments: Fraction = Fraction(0)
    expenses: Fraction = Fraction(0)

    @property
    def gross(self) -> Fraction:
        """Before expenses: the allocated portion of a unit, else cash plus property, plus
        what the rights bring in."""
        received = self.allocated if self.allocated is not None else self.cash + self.property_value
        return received + self.for_rights + self.minimum_exercise_payments

    @property
    def total(self) -> Fraction:
        """Net of the Company's expenses of the issue (4.C(2)(iv))."""
        return self.gross - self.expenses


def consideration_of(event: Issuance) -> Consideration:
    """4.C(2): cash, property at the Board's value or the Board's unit allocation, less costs."""
    return Consideration(
        cash=event.cash,
        property_value=event.property,
        property_valued_by=event.property_valued_by,
        property_valued_on=event.property_valued_on,
        allocated=event.allocated,
        allocated_by=event.allocated_by,
        expenses=event.expenses,
    )
