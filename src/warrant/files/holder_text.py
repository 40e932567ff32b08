"""The holder's side for people: an exercise priced, a consent counted.

Figures are exact where they are short and rounded for the eye (marked ``≈``)
where they are not; money is shown to the cent beside its exact value.  The
JSON (:mod:`warrant.files.holder_json`) always carries the exact values.
"""

from __future__ import annotations

from fractions import Fraction

from warrant.files.for_people import plain
from warrant.ground.exact import exact_str, fixed_str, shown
from warrant.holder.s11_consents import ConsentCount
from warrant.register.settlements import ExerciseSettlement


def _aligned(rows: list[tuple[str, str]]) -> list[str]:
    width = max(len(label) for label, _ in rows)
    return [f"  {label.ljust(width)}  {value}".rstrip() for label, value in rows]


def _money(exact: Fraction, rounded: Fraction) -> str:
    cents = fixed_str(rounded, 2)
    return cents if exact == rounded else f"{cents}  (exact {exact_str(exact)})"


def exercise_text(settled: ExerciseSettlement) -> str:
    """What the holder pays, receives, and keeps on a new warrant (Section 1)."""
    holder = f" ({plain(settled.holder)})" if settled.holder else ""
    lines = [f"Exercise of warrant {plain(settled.warrant)}{holder}, received "
             f"{(settled.received_at or settled.date).isoformat()} (Section 1)", ""]
    fmv = settled.fmv
    rows: list[tuple[str, str]] = [
        ("Exercise Price", shown(settled.exercise_price)),
        ("exercisable for", f"{shown(settled.shares_before)} shares"),
        ("shares exercised", shown(settled.shares_exercised)),
        ("sum payable", _money(settled.sum_payable, settled.sum_payable_rounded)),
        ("  paid in cash", fixed_str(settled.paid_cash, 2)),
        ("  paid by debt cancelled", fixed_str(settled.paid_debt, 2)),
        ("  paid by net issuance", shown(settled.paid_by_net_issuance)),
    ]
    if fmv is not None:
        rows.append(("Fair Market Value", shown(fmv.value)))
        rows.append(("  mean of the closes of", ", ".join(day.isoformat() for day in fmv.days)))
    if settled.shares_withheld:
        rows.append(("shares withheld", shown(settled.shares_withheld)))
    if settled.basket:
        for item in settled.basket:
            rows.append((f"delivered: {plain(item.kind)}", f"{shown(item.quantity)}  (4.B)"))
    else:
        rows += [
            ("shares issued", shown(settled.shares_issued)),
            ("whole shares delivered", str(settled.whole_shares)),
            ("cash in lieu of fraction", _money(settled.cash_in_lieu_exact, settled.cash_in_lieu)),
        ]
    for item in settled.entitlements_delivered:
        when = f", record date {item.record_date.isoformat()}" if item.record_date else ""
        rows.append((f"delivered: {plain(item.kind)}", f"{shown(item.quantity)}  (4.A{when})"))
    new = settled.new_warrant
    if new is not None and settled.new_warrant_shares is not None:
        rows.append(
            ("new warrant", f"{plain(new.id)} for {shown(settled.new_warrant_shares)} shares")
        )
    else:
        rows.append(("new warrant", "none: the warrant is exercised in full"))
    lines.extend(_aligned(rows))
    lines += ["", "Shares issued on exercise are not Additional Shares (4.C(5)(i))."]
    return "\n".join(lines)


def consent_text(count: ConsentCount) -> str:
    """Whether the signers hold a majority of the shares the Warrants are exercisable for."""
    lines = [f"Section 11 consent as of {count.as_of.isoformat()}", ""]
    rows = [(f"signed: {plain(warrant_id)}", f"{shown(shares)} shares")
            for warrant_id, shares in count.warrants]
    rows += [
        ("signed, in all", f"{shown(count.signed_shares)} shares"),
        ("the Warrants are exercisable for", f"{shown(count.total_shares)} shares"),
        ("share signed", shown(count.share_of_total)),
    ]
    lines.extend(_aligned(rows))
    verdict = "a majority" if count.majority else "NOT a majority (more than half is needed)"
    lines += ["", f"The signers hold {verdict}; the Company must sign as well."]
    return "\n".join(lines)
