"""The capital at the Issue Date as the package tells it, against ``[capitalization]``.

A package that holds transactions dated before the warrant's Issue Date is
taken as the whole history up to then: the Common shares still outstanding
the day before the Issue Date, and the plan options then outstanding, must be
what ``[capitalization]`` says (4.C(1)(b) counts from the first; 4.C(5)(iii)'s
cap from the second).  A package whose history starts later cannot tell, and
neither can one with a split before the Issue Date (OCF does not say whether
quantities before it were restated); the report says the check was not made.
"""

from __future__ import annotations

import datetime as dt
from fractions import Fraction

from warrant.files.ocf import model as ocf
from warrant.files.ocf.overlay import Overlay
from warrant.files.ocf.report import Flag, FlagKind
from warrant.ground.errors import OcfRefused
from warrant.ground.exact import exact_str


def check_opening(package: ocf.Package, overlay: Overlay, issue_date: dt.date) -> list[Flag]:
    """Refuse a ``[capitalization]`` the package contradicts; flag what it cannot tell."""
    before = [tx for tx in package.transactions if tx.date < issue_date]
    classes = {c.id: c for c in package.stock_classes}
    if any(isinstance(tx, ocf.StockClassSplit) for tx in before):
        return [_not_checked("a split before the Issue Date")]
    stated = overlay.base.capitalization
    flags: list[Flag] = []
    common = {
        tx.security_id: tx.quantity
        for tx in before
        if isinstance(tx, ocf.StockIssuance) and classes[tx.stock_class_id].is_common
    }
    plan_ids = {plan_id for plan_id, kind in overlay.plans.items() if kind.in_plans}
    options = {
        tx.security_id: tx.quantity
        for tx in before
        if isinstance(tx, ocf.EquityCompensationIssuance) and tx.stock_plan_id in plan_ids
    }
    for tx in sorted(before, key=lambda tx: tx.date):
        for held in (common, options):
            security = getattr(tx, "security_id", None)
            if security not in held or isinstance(tx, ocf.IssuanceBase):
                continue
            if isinstance(tx, ocf.QuantityTransfer | ocf.StockReissuance | ocf.StockConversion):
                held[security] = Fraction(0)  # the resulting securities are issuances of their own
            elif isinstance(tx, ocf.StockRepurchase | ocf.QuantityCancellation):
                held[security] = (
                    Fraction(0) if tx.balance_security_id else held[security] - tx.quantity
                )
            elif isinstance(tx, ocf.EquityCompensationExercise):
                held[security] -= tx.quantity
    if common:
        outstanding = sum(common.values(), Fraction(0))
        if outstanding != stated.common_outstanding:
            raise OcfRefused(
                f"[capitalization] common_outstanding {exact_str(stated.common_outstanding)} "
                f"contradicts the package: {exact_str(outstanding)} Common shares outstanding "
                f"before the Issue Date {issue_date.isoformat()}",
                field="common_outstanding",
                clause="4.C(1)(b)",
            )
    else:
        flags.append(
            _not_checked(
                "no Common Stock issued before the Issue Date in the package", "common_outstanding"
            )
        )
    if options:
        outstanding = sum(options.values(), Fraction(0))
        if outstanding != stated.plan_options_outstanding:
            raise OcfRefused(
                f"[capitalization] plan_options_outstanding "
                f"{exact_str(stated.plan_options_outstanding)} "
                f"contradicts the package: {exact_str(outstanding)} plan options outstanding "
                f"before the Issue Date {issue_date.isoformat()}",
                field="plan_options_outstanding",
                clause="4.C(5)(iii)",
            )
    else:
        flags.append(
            _not_checked(
                "no plan options granted before the Issue Date in the package",
                "plan_options_outstanding",
            )
        )
    return flags


def _not_checked(why: str, what: str = "[capitalization]") -> Flag:
    return Flag(
        kind=FlagKind.CAPITALIZATION_NOT_CHECKED,
        ocf_id=None,
        message=f"{what} taken from the overlay as written: the package cannot tell ({why})",
        default="the overlay's [capitalization]",
    )
