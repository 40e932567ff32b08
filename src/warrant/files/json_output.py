"""The JSON the library writes (SPEC §10; Section 1 for the FMV): one function per record.

The domain objects hold values; this module writes them, every quantity as an
exact string (``Fraction(text)`` gives the value back, SPEC §2), every date in
ISO form.  ``warrant replay --json`` prints :func:`replay_json`, ``warrant fmv
--json`` prints :func:`fmv_json`.  The keys are a contract: add keys, never
rename or drop one (``docs/scenario-files.md`` lists them, and the outcome codes).
"""

from __future__ import annotations

import datetime as dt
from fractions import Fraction
from typing import TYPE_CHECKING

from warrant.files.text_output import PROPOSAL_NOT_APPLIED
from warrant.ground.exact import exact_str
from warrant.instrument.terms import shares_receivable

if TYPE_CHECKING:  # for the annotations only: ``warrant fmv --json`` loads no register
    from warrant.analyses.replay import Replay
    from warrant.instrument.readings import Reading
    from warrant.instrument.terms import WarrantTerms
    from warrant.market.fmv import FairMarketValue
    from warrant.register.records import (
        Adjustment,
        CarveOutPosition,
        Determination,
        Outstanding,
    )
    from warrant.register.state import Entitlement, Substitution
    from warrant.section4.c2_consideration import Consideration


def _optional(value: Fraction | None) -> str | None:
    return exact_str(value) if value is not None else None


def fmv_json(fmv: FairMarketValue) -> dict[str, object]:
    """Section 1's Fair Market Value with the five days and prices it rests on.

    ``fmv`` and ``value`` carry the same figure: ``fmv`` was the first key, and
    ``value`` (with ``dates`` and ``prices``) came with the flat summary; both
    stay, since tools read either.
    """
    value = exact_str(fmv.value)
    return {
        "date": fmv.on.isoformat(),
        "fmv": value,
        "value": value,
        "clause": "Section 1",
        "dates": [close.day.isoformat() for close in fmv.closes],
        "prices": [exact_str(close.price) for close in fmv.closes],
        "days": [
            {
                "date": close.day.isoformat(),
                "close": exact_str(close.price),
                "venue": close.venue.value,
                "rule": close.rule.value,
            }
            for close in fmv.closes
        ],
    }


def reading_json(reading: Reading) -> dict[str, str | bool]:
    """The reading as the scenario file writes it: every choice, enums by file spelling."""
    from warrant.case.plain import reading_to_data  # here: ``fmv --json`` loads no register

    return reading_to_data(reading)


def terms_json(terms: WarrantTerms) -> dict[str, object]:
    """The terms, exactly (every quantity an exact string, dates ISO; formula keys at their
    defaults left out, as the facts digest writes them)."""
    from warrant.case.plain import terms_to_data

    return {
        key: value.isoformat() if isinstance(value, (dt.date, dt.datetime)) else value
        for key, value in terms_to_data(terms).items()
    }


def consideration_json(consideration: Consideration) -> dict[str, object]:
    """4.C(2): the total and the parts that are there (expenses always)."""
    parts: dict[str, object] = {"total": exact_str(consideration.total)}
    if consideration.allocated is not None:
        parts["allocated"] = exact_str(consideration.allocated)
        parts["allocated_by"] = consideration.allocated_by
    if consideration.cash:
        parts["cash"] = exact_str(consideration.cash)
    if consideration.property_value:
        parts["property"] = exact_str(consideration.property_value)
        parts["property_valued_by"] = consideration.property_valued_by
        valued_on = consideration.property_valued_on
        parts["property_valued_on"] = valued_on.isoformat() if valued_on else None
    if consideration.for_rights:
        parts["for_rights"] = exact_str(consideration.for_rights)
    if consideration.minimum_exercise_payments:
        parts["minimum_exercise_payments"] = exact_str(consideration.minimum_exercise_payments)
    parts["expenses"] = exact_str(consideration.expenses)
    return parts


def carve_out_json(carve_out: CarveOutPosition) -> dict[str, object]:
    """4.C(5)(iii): the cap, the room used and left, and which grants use it."""
    return {
        "cap": exact_str(carve_out.cap),
        "used": exact_str(carve_out.used),
        "remaining": exact_str(carve_out.remaining),
        "promised": exact_str(carve_out.promised),
        "over_cap": exact_str(carve_out.over_cap),
        "by_grant": {grant: exact_str(shares) for grant, shares in carve_out.by_grant},
    }


def outstanding_json(outstanding: Outstanding) -> dict[str, str]:
    """Shares issued, deemed issued (4.C(3)/(4)), and the ``A`` of 4.C(1)(b)."""
    return {
        "issued": exact_str(outstanding.issued),
        "deemed": exact_str(outstanding.deemed),
        "basis": exact_str(outstanding.basis),
    }


def adjustment_json(
    adjustment: Adjustment, *, face_shares: Fraction | None, initial_price: Fraction
) -> dict[str, object]:
    """The SPEC §10 entry of one adjustment (4.G's facts): every quantity an exact string."""

    def shares(price: Fraction) -> str | None:
        if face_shares is None:
            return None
        return exact_str(shares_receivable(face_shares, initial_price=initial_price, price=price))

    a = adjustment
    entry: dict[str, object] = {
        "sequence": a.sequence,
        "clause": a.clause,
        "date": a.date.isoformat(),
        "event": a.event.label,
        "event_index": a.event.index,
        "event_type": a.event.type,
        "price_before": exact_str(a.price_before),
        "price_after": exact_str(a.price_after),
        "shares_before": shares(a.price_before),
        "shares_after": shares(a.price_after),
        "fmv": exact_str(a.fmv.value) if a.fmv else None,
        "fmv_days": [day.isoformat() for day in a.fmv.days] if a.fmv else [],
        "consideration": exact_str(a.consideration.total) if a.consideration else None,
        "consideration_parts": consideration_json(a.consideration) if a.consideration else None,
        "additional_shares": exact_str(a.additional_shares),
        "outstanding_before": exact_str(a.outstanding_before),
        "outstanding_after": exact_str(a.outstanding_after),
        "issued_before": exact_str(a.issued_before),
        "issued_after": exact_str(a.issued_after),
        "deemed_before": exact_str(a.deemed_before),
        "deemed_after": exact_str(a.deemed_after),
        "bought_at_fmv": _optional(a.bought_at_fmv),
        "effective_price": _optional(a.effective_price),
        "carve_out": carve_out_json(a.carve_out),
        "readjustment": a.readjustment,
        "below_par": a.below_par,
        "note": a.note,
    }
    if a.readjusts is not None:
        entry["readjusts"] = a.readjusts
    return entry


def determination_json(determination: Determination) -> dict[str, object]:
    """What the warrant makes of one event: the outcome code, its clause and reasons."""
    d = determination
    return {
        "event": d.event.label,
        "event_index": d.event.index,
        "type": d.event.type,
        "date": d.date.isoformat(),
        "clause": d.clause,
        "outcome": d.outcome.value,
        "reasons": list(d.reasons),
        "adjustments": list(d.adjustments),
    }


def entitlement_json(entitlement: Entitlement, face_shares: Fraction | None) -> dict[str, object]:
    """4.A: one distribution the holder receives on exercise, per warrant (or per face share)."""
    scale = face_shares if face_shares is not None else Fraction(1)
    return {
        "kind": entitlement.kind,
        "record_date": entitlement.record_date.isoformat(),
        "per_share": exact_str(entitlement.per_share),
        "source": entitlement.source.value,
        "warrant_shares_at_record": exact_str(entitlement.shares_per_face_share * scale),
        "accrued": exact_str(entitlement.per_face_share * scale),
    }


def substitution_json(
    substitution: Substitution, face_shares: Fraction | None
) -> dict[str, object]:
    """4.B: what the warrant is exercisable for after a reorganisation, per warrant."""
    shares = substitution.shares_per_face_share * (face_shares or 1)
    return {
        "date": substitution.date.isoformat(),
        "clause": "4.B",
        "per_share_of_common": {kind: exact_str(q) for kind, q in substitution.basket},
        "per_warrant": {kind: exact_str(q * shares) for kind, q in substitution.basket},
        "manual_determination": "further dilution protection of the new securities (4.C(7))",
    }


def replay_json(replay: Replay) -> dict[str, object]:
    """SPEC §10: ``exercise_price``, ``shares``, ``as_of``, ``reading``, ``carve_out``,
    ``adjustments`` (every quantity an exact string), plus every event's determination."""
    from warrant.files.holder_json import series_json, settlement_json

    scenario, ledger = replay.scenario, replay.ledger
    face = scenario.total_face_shares
    substitution = ledger.position.substitution
    return {
        "warrant": scenario.terms.name,
        "face_shares": exact_str(face) if face else None,
        "exercise_price": exact_str(replay.exercise_price),
        "shares": _optional(replay.shares),
        "as_of": replay.as_of.isoformat(),
        "reading": reading_json(scenario.reading),
        "outstanding": outstanding_json(ledger.outstanding),
        "carve_out": carve_out_json(ledger.carve_out),
        "adjustments": [
            adjustment_json(a, face_shares=face, initial_price=scenario.terms.exercise_price)
            for a in ledger.adjustments
        ],
        "entitlements": [entitlement_json(item, face) for item in ledger.position.entitlements],
        "substitution": substitution_json(substitution, face) if substitution else None,
        "determinations": [determination_json(d) for d in ledger.determinations],
        # the terms at the Issue Date, and as in force at ``as_of`` (Section 11 amendments)
        "terms": terms_json(scenario.terms),
        "terms_in_force": terms_json(ledger.terms),
        "series": series_json(ledger.position, scenario.terms.exercise_price),
        "exercises": [settlement_json(settled) for settled in ledger.exercises],
        **(
            {"proposal_applied": False, "proposal_note": PROPOSAL_NOT_APPLIED}
            if scenario.exchange is not None
            else {}
        ),
    }
