"""Section 4.C(8): a record date is the date of issue.

When the Company takes a record of its holders to give them a dividend or
distribution payable in Common Stock or Convertible Securities, or rights to
subscribe for or buy either, the shares (or rights) count as issued on that
record date — so the 4.C test is made, and the Current Fair Market Value taken,
on the record date rather than on the day of delivery.

In the register, the events that may carry such a record date are a rights
offer to holders (``option-grant``), a distribution of Convertible Securities
(``convertible-issuance``) and rights to buy them (``option-on-convertible``).
A stock dividend also counts from its record date, but by 4.D(1)'s own terms
(:mod:`warrant.section4.d_stock_dividends`), and a distribution of other
property by 4.A's (:mod:`warrant.section4.a_distributions`).
"""

from __future__ import annotations

import datetime as dt

from warrant.register.events import ConvertibleIssuance, Event, OptionGrant, OptionOnConvertible

#: The kinds of event 4.C(8) reaches: rights to subscribe, and distributions of Convertible
#: Securities, to holders of record.
RECORD_DATED = (OptionGrant, ConvertibleIssuance, OptionOnConvertible)


def date_of_issue(event: Event) -> dt.date:
    """The date an issue counts from under 4.C(8): the record date, where one is fixed for a
    distribution or a rights offer to holders of record; otherwise the event's own date."""
    if isinstance(event, RECORD_DATED) and event.record_date is not None:
        return event.record_date
    return event.date
