"""JSON for the holder's side: the series, exercises, consents (the file contract of
``replay --json``, ``warrant exercise --json`` and ``warrant consent --json``).

Every quantity is an exact string (SPEC §2); the two figures Section 1 rounds —
the money due and the cash in lieu of a fraction — are written to the cent
beside their exact values.
"""

from __future__ import annotations

from fractions import Fraction

from warrant.ground.exact import exact_str, fixed_str
from warrant.holder.s11_consents import ConsentCount
from warrant.register.series import SeriesWarrant
from warrant.register.settlements import Delivery, ExerciseSettlement
from warrant.register.state import Position


def delivery_json(item: Delivery) -> dict[str, object]:
    entry: dict[str, object] = {
        "kind": item.kind,
        "quantity": exact_str(item.quantity),
        "clause": item.clause,
    }
    if item.record_date is not None:
        entry["record_date"] = item.record_date.isoformat()
    return entry


def series_json(position: Position, initial_price: Fraction) -> list[dict[str, object]]:
    """``series``: each warrant outstanding, its shares now and what 4.A has accrued to it."""
    return [warrant_json(item, position, initial_price) for item in position.series.warrants]


def warrant_json(
    item: SeriesWarrant, position: Position, initial_price: Fraction
) -> dict[str, object]:
    entry: dict[str, object] = {
        "id": item.id,
        "holder": item.holder,
        "face_shares": exact_str(item.face_shares),
        "shares": exact_str(item.shares(initial_price, position.price)),
        "entitlements": [
            {
                "kind": accrued.kind,
                "quantity": exact_str(accrued.per_face_share * item.face_shares),
                "record_date": accrued.record_date.isoformat(),
                "clause": "4.A",
            }
            for accrued in position.entitlements
        ],
    }
    substitution = position.substitution
    if substitution is not None:
        entry["basket"] = [
            {
                "kind": kind,
                "quantity": exact_str(
                    quantity * substitution.shares_per_face_share * item.face_shares
                ),
                "clause": "4.B",
            }
            for kind, quantity in substitution.basket
        ]
    return entry


def settlement_json(settled: ExerciseSettlement) -> dict[str, object]:
    """One exercise object (the contract's keys, then a few more for the reader)."""
    fmv = settled.fmv
    new = settled.new_warrant
    return {
        "warrant": settled.warrant,
        "holder": settled.holder,
        "date": settled.date.isoformat(),
        "received_at": settled.received_at.isoformat() if settled.received_at else None,
        "clause": "Section 1",
        "fmv": exact_str(fmv.value) if fmv is not None else None,
        "fmv_days": [day.isoformat() for day in fmv.days] if fmv is not None else [],
        "fmv_closes": [exact_str(price) for price in fmv.prices] if fmv is not None else [],
        "exercise_price": exact_str(settled.exercise_price),
        "shares_before": exact_str(settled.shares_before),
        "shares_exercised": exact_str(settled.shares_exercised),
        "sum_payable": exact_str(settled.sum_payable),
        "sum_payable_rounded": fixed_str(settled.sum_payable_rounded, 2),
        "paid_cash": exact_str(settled.paid_cash),
        "paid_debt": exact_str(settled.paid_debt),
        "paid_by_net_issuance": exact_str(settled.paid_by_net_issuance),
        "shares_withheld": exact_str(settled.shares_withheld),
        "shares_issued": exact_str(settled.shares_issued),
        "whole_shares": str(settled.whole_shares),
        "fraction": exact_str(settled.fraction),
        "cash_in_lieu": fixed_str(settled.cash_in_lieu, 2),
        "cash_in_lieu_exact": exact_str(settled.cash_in_lieu_exact),
        "new_warrant": (
            None if new is None or settled.new_warrant_shares is None
            else {
                "id": new.id,
                "holder": new.holder,
                "shares": exact_str(settled.new_warrant_shares),
                "face_shares": exact_str(new.face_shares),
            }
        ),
        "entitlements_delivered": [delivery_json(item) for item in settled.entitlements_delivered],
        "basket_delivered": [delivery_json(item) for item in settled.basket],
    }


def consent_json(count: ConsentCount) -> dict[str, object]:
    return {
        "clause": "Section 11",
        "as_of": count.as_of.isoformat(),
        "signed": list(count.signed),
        "warrants": [
            {"id": warrant_id, "shares": exact_str(shares)} for warrant_id, shares in count.warrants
        ],
        "signed_shares": exact_str(count.signed_shares),
        "total_shares": exact_str(count.total_shares),
        "share_of_total": exact_str(count.share_of_total),
        "majority": count.majority,
    }
