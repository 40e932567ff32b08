"""The 2003 offer's dates (SPEC §8), by the offer's own business days.

The expected dates are read off the calendar by hand: the offer states 2002-08-28,
2003-04-01 and 2003-10-03 itself.
"""

from __future__ import annotations

import datetime as dt

import pytest

from warrant.analyses.offer_dates import (
    earliest_grant_date,
    lookback_start,
    next_business_day_after,
    offer_dates,
)
from warrant.ground.errors import InvalidValue

D = dt.date


def test_offer_2003_dates_are_the_offers_own() -> None:
    dates = offer_dates(commencement=D(2003, 2, 28), offer_expires=D(2003, 3, 31))
    assert dates.lookback_start == D(2002, 8, 28)  # not the August 25 the offer once writes
    assert dates.cancellation == D(2003, 4, 1)  # Tuesday after the Monday expiry
    assert dates.earliest_grant == D(2003, 10, 3)  # 04-02 + 6 months = 10-02, + 1 day
    assert dates.grant_date == D(2003, 10, 3)
    assert dates.gap == (D(2003, 4, 2), D(2003, 10, 2))


def test_offer_lookback_is_six_calendar_months_not_moved_to_a_business_day() -> None:
    # 2003-03-15 minus six months is Sunday 2002-09-15: it stays a Sunday
    assert lookback_start(D(2003, 3, 15)) == D(2002, 9, 15)
    # month ends clip as relativedelta clips them: 2003-08-31 - 6 months = 2003-02-28
    assert lookback_start(D(2003, 8, 31)) == D(2003, 2, 28)


def test_offer_six_months_ending_on_a_weekend_move_to_monday() -> None:
    # 2003-04-03 + 1 day = 04-04, + 6 months = 10-04, + 1 day = Sunday 10-05 -> Monday 10-06
    assert earliest_grant_date(D(2003, 4, 3)) == D(2003, 10, 6)


def test_offer_six_months_ending_on_a_weekend_then_a_federal_holiday() -> None:
    # 2003-04-10 + 1 = 04-11, + 6 months = 10-11, + 1 = Sunday 10-12; Monday 10-13 is
    # Columbus Day, a federal holiday (though Nasdaq traded): the grant date is Tuesday 10-14
    assert earliest_grant_date(D(2003, 4, 10)) == D(2003, 10, 14)


def test_offer_business_days_ignore_the_business_day_reading() -> None:
    # Good Friday 2003-04-18 is a market holiday but not a federal one: a business day here
    assert next_business_day_after(D(2003, 4, 17)) == D(2003, 4, 18)
    # Veterans Day 2003-11-11 (Tuesday) is a federal holiday, though Nasdaq traded
    assert next_business_day_after(D(2003, 11, 10)) == D(2003, 11, 12)


def test_offer_leap_year_end_of_february() -> None:
    # 2003-08-28 + 1 = 08-29, + 6 months = 2004-02-29 (leap), + 1 = Monday 2004-03-01
    assert earliest_grant_date(D(2003, 8, 28)) == D(2004, 3, 1)


def test_offer_stated_cancellation_and_grant_date_are_kept() -> None:
    dates = offer_dates(
        commencement=D(2003, 2, 28),
        offer_expires=D(2003, 3, 31),
        cancellation=D(2003, 4, 3),
        grant_date=D(2003, 10, 20),
    )
    assert dates.cancellation == D(2003, 4, 3)
    assert dates.earliest_grant == D(2003, 10, 6)
    assert dates.grant_date == D(2003, 10, 20)


@pytest.mark.parametrize(
    ("kwargs", "field"),
    [
        ({"offer_expires": D(2003, 2, 27)}, "offer_expires"),
        ({"cancellation": D(2003, 3, 30)}, "cancellation"),
        ({"grant_date": D(2003, 10, 2)}, "grant_date"),
    ],
)
def test_offer_dates_out_of_order_are_refused(kwargs: dict[str, D], field: str) -> None:
    arguments = {"commencement": D(2003, 2, 28), "offer_expires": D(2003, 3, 31), **kwargs}
    with pytest.raises(InvalidValue) as caught:
        offer_dates(**arguments)
    assert caught.value.field == field
    assert caught.value.clause == "offer to exchange"
