"""What the register records of a holder's exercise (Section 1): the settlement.

An :class:`ExerciseSettlement` is the whole arithmetic of one exercise, exact,
with the two figures Section 1 rounds beside their exact values: the money due
(the sum payable to the cent, half-up) and the cash paid in lieu of a fraction
of a share (to the cent, half-up).  Pricing an exercise without recording it
gives the same value.
"""

from __future__ import annotations

import datetime as dt
from fractions import Fraction

import attrs

from warrant.market.fmv import FairMarketValue
from warrant.register.series import SeriesWarrant


@attrs.frozen
class Delivery:
    """Something other than the warrant's shares delivered on exercise: a 4.A entitlement
    (with its record date) or, after a 4.B reorganisation, an item of the basket."""

    kind: str
    quantity: Fraction
    clause: str
    record_date: dt.date | None = None


@attrs.frozen(kw_only=True)
class ExerciseSettlement:
    """One exercise, priced: what the holder pays, what it receives, what stays on a warrant.

    ``shares_exercised`` is ``k``; ``sum_payable`` is ``k × P``.  The part of it not
    paid in cash or by cancelled debt is ``paid_by_net_issuance``, paid by
    withholding ``shares_withheld`` shares worth it at the FMV.  ``shares_issued``
    is ``k`` less the shares withheld, exact; ``whole_shares`` of it are issued
    and the fraction is paid in cash at the FMV.  After a 4.B reorganisation no
    Common Stock is issued: ``basket`` is delivered instead.
    """

    warrant: str
    holder: str | None
    date: dt.date
    received_at: dt.datetime | None
    exercise_price: Fraction
    #: shares the warrant was exercisable for before the exercise
    shares_before: Fraction
    #: the FMV on the day received, where one is needed or the prices give it
    fmv: FairMarketValue | None
    shares_exercised: Fraction
    sum_payable: Fraction
    sum_payable_rounded: Fraction
    paid_cash: Fraction
    paid_debt: Fraction
    paid_by_net_issuance: Fraction
    shares_withheld: Fraction
    shares_issued: Fraction
    whole_shares: int
    cash_in_lieu_exact: Fraction
    cash_in_lieu: Fraction
    new_warrant: SeriesWarrant | None
    #: shares receivable under the new warrant
    new_warrant_shares: Fraction | None
    entitlements_delivered: tuple[Delivery, ...] = ()
    basket: tuple[Delivery, ...] = ()

    @property
    def fraction(self) -> Fraction:
        """The fraction of a share paid for in cash (Section 1)."""
        return self.shares_issued - self.whole_shares
