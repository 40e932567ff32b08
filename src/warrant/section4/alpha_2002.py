"""The rulebook of the 2002 warrant: for each kind of event, the base rule and its exceptions.

Every row names the clause of its base rule and, in the order they are tested,
the labelled exceptions that come before it; ``within`` lists clauses the rule
applies to part of an event.  Print :data:`RULEBOOK` ``.describe()`` to read the
table as the instrument's reader would::

    issuance: 4.C(1), except 4.C(7), except 4.C(5)(i), except 4.C(5)(ii)

4.C(7) comes first in every provision of Section 4: once a 4.B reorganisation
has made the warrant exercisable for other securities, no rule written for
Common Stock decides an event — a dividend not paid included (see
``docs/section-4.md``).  After each provision, 4.F flags an adjustment that
takes the price below par.

The table also holds the holder's own acts (Section 1 exercise, Section 3
transfer and exchange; their rules are in :mod:`warrant.holder`), so one
rulebook decides every event of the register.

The ``alpha-2002`` terms name this rulebook (``WarrantTerms.rulebook``); a new
event kind is one event class and one row here.
"""

from __future__ import annotations

from warrant.holder.s1_exercise import exercise_warrant
from warrant.holder.s3_transfers import exchange_warrant, transfer_warrant
from warrant.holder.s11_amendments import amend, waiver_honoured
from warrant.register.events import (
    Buyback,
    Cancellation,
    ConvertibleIssuance,
    Dissolution,
    Distribution,
    DividendUnpaid,
    Exercise,
    Expiry,
    Issuance,
    OptionGrant,
    OptionOnConvertible,
    OtherSecuritiesIssuance,
    PromiseToGrant,
    Reorganization,
    Repricing,
    StockDividend,
    StockSplit,
)
from warrant.register.holder_events import (
    Amendment,
    WarrantExchange,
    WarrantExercise,
    WarrantTransfer,
)
from warrant.register.rulebook import Except, Rulebook, provision
from warrant.section4.a_distributions import distribute_property
from warrant.section4.b_reorganizations import reorganize
from warrant.section4.c1_weighted_average import issue_common_stock
from warrant.section4.c3_after_grant import cancel_rights, exercise_rights, expire_rights
from warrant.section4.c3_c4_deemed_issues import (
    grant_options,
    grant_options_on_convertibles,
    issue_convertibles,
)
from warrant.section4.c5_exclusions import (
    buy_back,
    promise_to_grant,
    restructuring_financing,
    warrant_shares,
)
from warrant.section4.c6_repricing import reprice
from warrant.section4.c7_other_securities import after_reorganization, issue_other_securities
from warrant.section4.d_stock_dividends import dividend_not_paid, pay_stock_dividend
from warrant.section4.e_splits import split_shares
from warrant.section4.f_par_value import flag_below_par
from warrant.section4.h_notices import dissolve

__all__ = ["RULEBOOK"]

# The labelled exceptions, each named by the clause that makes it.
C7 = Except("4.C(7)", "exercisable for other securities since a 4.B reorganisation",
            after_reorganization)
C5_I = Except("4.C(5)(i)", "shares issued on exercise of the Warrants", warrant_shares)
C5_II = Except("4.C(5)(ii)", "the equity financing of one restructuring",
               restructuring_financing)

# Clauses a base rule applies to part of an event.
CARVE_OUT = "4.C(5)(iii)"
RECORD_DATE = "4.C(8)"

RULEBOOK = Rulebook.of(
    "alpha-2002",
    # event kind, the clause of its base rule, the rule, then its exceptions in order
    provision(Issuance, "4.C(1)", issue_common_stock, C7, C5_I, C5_II),
    provision(OptionGrant, "4.C(3)", grant_options, C7, within=(CARVE_OUT, RECORD_DATE)),
    provision(ConvertibleIssuance, "4.C(3)", issue_convertibles, C7, within=(RECORD_DATE,)),
    provision(OptionOnConvertible, "4.C(4)", grant_options_on_convertibles, C7,
              within=(RECORD_DATE,)),
    provision(Exercise, "4.C(3)", exercise_rights, C7, within=(CARVE_OUT, "4.C(1)")),
    provision(Expiry, "4.C(3)", expire_rights, C7, within=(CARVE_OUT,)),
    provision(Cancellation, "4.C(3)", cancel_rights, C7, within=(CARVE_OUT,)),
    provision(Repricing, "4.C(6)", reprice, C7, within=(CARVE_OUT,)),
    provision(Buyback, "4.C(5)", buy_back, C7),
    provision(PromiseToGrant, CARVE_OUT, promise_to_grant, C7),
    provision(OtherSecuritiesIssuance, "4.C(7)", issue_other_securities, C7),
    provision(StockDividend, "4.D", pay_stock_dividend, C7),
    provision(DividendUnpaid, "4.D(1)", dividend_not_paid, C7),
    provision(StockSplit, "4.E", split_shares, C7),
    provision(Distribution, "4.A", distribute_property, C7),
    provision(Reorganization, "4.B", reorganize, C7),
    # No provision adjusts for a dissolution; 4.H(3) asks for notice of it (no 4.C(7) either:
    # nothing is decided for Common Stock that other securities could replace).
    provision(Dissolution, "4.H(3)", dissolve),
    # The holder's own acts.  No 4.C(7) here: after a 4.B reorganisation the warrant is
    # still exercised, transferred and exchanged; it then delivers the basket (4.B).
    provision(WarrantExercise, "Section 1", exercise_warrant, within=("4.C(5)(i)", "4.A", "4.B")),
    provision(WarrantTransfer, "Section 3", transfer_warrant),
    provision(WarrantExchange, "Section 3", exchange_warrant),
    provision(Amendment, "Section 11", amend),
    checks=(flag_below_par, waiver_honoured),
)
