"""The dates of an option exchange offer, by the 2003 offer's own rules (SPEC §8).

* **Lookback start** — whoever tenders must tender every option granted in the six
  months before the offer commenced: commencement minus six calendar months, not
  moved to a business day (2003-02-28 gives 2002-08-28).  The offer once writes
  August 25 for the same date; the rule, restated in the offer's introduction and
  election form, gives August 28, and the library follows the rule.
* **Cancellation** — by default the next business day after the offer expires
  (2003-03-31 gives 2003-04-01).
* **Earliest grant date** — the first business day at least six months and one day
  after the cancellation, the period beginning the day after the cancellation: the
  first business day on or after (cancellation + 1 day) + 6 months + 1 day, months
  added as :class:`dateutil.relativedelta.relativedelta` adds them (2003-04-01 gives
  2003-10-03).

"Business day" here is the offer's own definition — not a Saturday, a Sunday or a
federal holiday — whatever the ``business_day`` reading says: that reading is for
the warrant's exercise, and the offer's dates are the offer's.
"""

from __future__ import annotations

import datetime as dt
from typing import Final

import attrs
from dateutil.relativedelta import relativedelta

from warrant.ground.errors import InvalidValue
from warrant.ground.validators import plain_date
from warrant.market.calendars.business import FederalBusinessDays

#: The offer's business days: not a Saturday, Sunday or federal holiday (offer, sections 2, 15).
OFFER_BUSINESS_DAYS: Final = FederalBusinessDays()

#: Where these rules come from, for error messages.
OFFER: Final = "offer to exchange"

_ONE_DAY: Final = dt.timedelta(days=1)


def lookback_start(commencement: dt.date) -> dt.date:
    """The first day of the six months before commencement whose grants must be tendered too."""
    start: dt.date = commencement - relativedelta(months=6)
    return start


def next_business_day_after(day: dt.date) -> dt.date:
    """The first day after ``day`` that is a business day by the offer's definition."""
    candidate = day + _ONE_DAY
    while not OFFER_BUSINESS_DAYS.is_business_day(candidate):
        candidate += _ONE_DAY
    return candidate


def _why_not(day: dt.date) -> str:
    """Why ``day`` is not a business day of the offer: ``a Saturday``, ``Columbus Day``."""
    if day.weekday() >= 5:
        return f"a {day:%A}"
    return OFFER_BUSINESS_DAYS.holiday_name(day) or "a federal holiday"


def earliest_grant_date(cancellation: dt.date) -> dt.date:
    """The first business day at least six months and one day after ``cancellation``,
    the period beginning the day after it."""
    period_end: dt.date = cancellation + _ONE_DAY + relativedelta(months=6) + _ONE_DAY
    if OFFER_BUSINESS_DAYS.is_business_day(period_end):
        return period_end
    return next_business_day_after(period_end)


@attrs.frozen(kw_only=True)
class OfferDates:
    """The dates of one exchange: the offer's, and the proposed grant date."""

    commencement: dt.date = attrs.field(validator=plain_date)
    lookback_start: dt.date = attrs.field(validator=plain_date)
    offer_expires: dt.date = attrs.field(validator=plain_date)
    cancellation: dt.date = attrs.field(validator=plain_date)
    earliest_grant: dt.date = attrs.field(validator=plain_date)
    grant_date: dt.date = attrs.field(validator=plain_date)

    @property
    def gap(self) -> tuple[dt.date, dt.date]:
        """The first and last day on which the cancelled options are gone and the new ones
        not yet granted."""
        return self.cancellation + _ONE_DAY, self.grant_date - _ONE_DAY


def offer_dates(
    *,
    commencement: dt.date,
    offer_expires: dt.date,
    cancellation: dt.date | None = None,
    grant_date: dt.date | None = None,
) -> OfferDates:
    """Every date of an exchange, checked against the offer's rules.

    The cancellation defaults to the next business day after expiry and may not precede
    the expiry; the grant date defaults to the earliest the offer allows and may not
    precede it.
    """
    if offer_expires < commencement:
        raise InvalidValue(
            f"the offer expires on {offer_expires.isoformat()}, before it commences on "
            f"{commencement.isoformat()}",
            field="offer_expires",
            clause=OFFER,
        )
    if cancellation is None:
        cancellation = next_business_day_after(offer_expires)
    elif cancellation < offer_expires:
        raise InvalidValue(
            f"options are cancelled once the offer expires ({offer_expires.isoformat()}), "
            f"not on {cancellation.isoformat()}",
            field="cancellation",
            clause=OFFER,
        )
    earliest = earliest_grant_date(cancellation)
    if grant_date is None:
        grant_date = earliest
    elif not OFFER_BUSINESS_DAYS.is_business_day(grant_date):
        raise InvalidValue(
            f"{grant_date.isoformat()} is not a business day by the offer's definition "
            f"({_why_not(grant_date)}): the new options are granted on a business day",
            field="grant_date",
            clause=OFFER,
        )
    elif grant_date < earliest:
        raise InvalidValue(
            f"the new options may be granted no earlier than {earliest.isoformat()}, the first "
            f"business day at least six months and one day after the cancellation on "
            f"{cancellation.isoformat()}; {grant_date.isoformat()} is too early",
            field="grant_date",
            clause=OFFER,
        )
    return OfferDates(
        commencement=commencement,
        lookback_start=lookback_start(commencement),
        offer_expires=offer_expires,
        cancellation=cancellation,
        earliest_grant=earliest,
        grant_date=grant_date,
    )
