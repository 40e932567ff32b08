"""``warrant demo``: the 2003 option exchange judged against the 2002 lender warrant.

The scenario ships with the package (``warrant/data/exchange-2003.toml`` and its price
file, read by :mod:`warrant.files.packaged`), so a new user sees the whole check work
with no files of their own.  It holds the offer's own facts — its dates, the 1,592,376
options outstanding at commencement, Schedule A's holdings, the classes who may take
part — and, where the documents give no figure, illustrative ones, labelled as such in
the file, in :data:`ILLUSTRATIVE` and in the output.
"""

from __future__ import annotations

from typing import Final

import attrs

from warrant.analyses.certificates import certificate
from warrant.analyses.exchange import ExchangeVerdict, apply_proposal, check_exchange
from warrant.case.scenario import Scenario
from warrant.section4.g_certificates import Certificate

#: What the offer to exchange itself states, as the demo prints it.
OFFER_FACTS: Final = (
    ("offer commenced", "2003-02-28"),
    ("offer and withdrawal rights expire", "2003-03-31, 5:00 p.m. EST"),
    ("options cancelled", "2003-04-01 (the next business day)"),
    ("new options granted", "no earlier than 2003-10-03, at that day's Nasdaq close, 1994 plan"),
    (
        "tender too every grant since",
        "2002-08-28 (once written August 25: the rule gives the 28th)",
    ),
    ("options outstanding at commencement", "1,592,376, all held by Eligible Employees"),
    ("Schedule A (8 directors and officers)", "1,406,542 options, about 88%"),
    ("who may take part", "employees, directors and consultants"),
    ("business day", "not a Saturday, Sunday or federal holiday"),
    ("closing price on 2003-02-24", "$0.95"),
)

#: Figures the documents do not give, which the demo invents (and says so).
ILLUSTRATIVE: Final = (
    "the lenders' face shares (100,000 on this warrant)",
    "the capitalisation at the Issue Date (7,000,000 shares; 1,467,376 plan options)",
    "the daily prices (only the 2003-02-24 close of $0.95 is the offer's)",
    "who holds the 185,834 options outside Schedule A (other employees; a consultant's 35,000)",
    "the grants of 2002 and a grant of 450,000 to new hires during the gap",
)

#: The same, by name, for programs (``demo --json``'s ``illustrative``): each figure the
#: demo invents, in the order of :data:`ILLUSTRATIVE`.
ILLUSTRATIVE_ITEMS: Final = (
    "face_shares",
    "capitalization",
    "prices",
    "holders_outside_schedule_a",
    "gap_grants",
)


@attrs.frozen
class Demo:
    """The packaged scenario and the exchange check's verdict on it."""

    scenario: Scenario = attrs.field(eq=False)
    verdict: ExchangeVerdict = attrs.field(eq=False)
    #: the 4.G certificate of each adjustment the exchange makes
    certificates: tuple[Certificate, ...] = attrs.field(eq=False, default=())


def judge_demo(scenario: Scenario) -> Demo:
    """Judge the packaged exchange (``warrant.files.packaged.demo_scenario``) under its reading
    and every other, with the certificate of each adjustment it makes."""
    verdict = check_exchange(scenario)
    applied = apply_proposal(scenario, verdict.proposal)
    certificates = tuple(
        certificate(applied, adjustment=adjustment.sequence) for adjustment in verdict.adjustments
    )
    return Demo(scenario=scenario, verdict=verdict, certificates=certificates)
