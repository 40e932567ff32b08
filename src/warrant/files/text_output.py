"""The text the library writes for people: the replay table (SPEC §10) and the FMV (Section 1).

Figures are shown exactly where they are short and rounded for the eye where
they are not (marked, see :func:`warrant.ground.exact.shown`); the JSON output
keeps every exact value.
"""

from __future__ import annotations

from fractions import Fraction
from typing import TYPE_CHECKING

from warrant.files.for_people import plain
from warrant.ground.exact import exact_str, shown, terminates
from warrant.market.closing_prices import describe
from warrant.market.fmv import FairMarketValue

#: said by ``replay`` and ``readings`` on a scenario that names a proposed exchange
PROPOSAL_NOT_APPLIED = (
    "The scenario's [exchange] proposal is NOT applied here: this is the register without it "
    "(warrant exchange SCENARIO judges the proposal, under every reading)."
)

if TYPE_CHECKING:
    from warrant.analyses.replay import Replay
    from warrant.register.records import EventRef

_HEADER = (
    "#",
    "date",
    "clause",
    "event",
    "FMV",
    "eff. price",
    "price before",
    "price after",
    "shares after",
)


def replay_table(replay: Replay) -> str:
    """The adjustment history as a plain-text table, then the position in force and the events."""
    scenario, ledger = replay.scenario, replay.ledger
    terms, face = scenario.terms, scenario.total_face_shares
    rows: list[tuple[str, ...]] = [_HEADER]
    for a in ledger.adjustments:
        clause = a.clause + (" readj." if a.readjustment else "")
        shares_after = "" if face is None else _shown(terms.shares_receivable(a.price_after, face))
        rows.append(
            (
                str(a.sequence),
                a.date.isoformat(),
                clause,
                event_label(a.event),
                _shown(a.fmv.value) if a.fmv else "",
                _shown(a.effective_price) if a.effective_price is not None else "",
                _shown(a.price_before),
                _shown(a.price_after) + (" *" if a.below_par else ""),
                shares_after,
            )
        )
    lines = [f"{terms.issuer}: warrant {terms.name}, reading: {scenario.reading.label()}", ""]
    if scenario.exchange is not None:
        lines += [PROPOSAL_NOT_APPLIED, ""]
    if len(rows) == 1:
        lines.append("No adjustments.")
    else:
        lines.extend(_aligned(rows))
        if terms.par_value is not None and any(a.below_par for a in ledger.adjustments):
            lines.append(
                f"* below the par value {exact_str(terms.par_value)} (4.F): the price is as "
                "the formula gives it, with no floor at par"
            )
    lines.append("")
    in_force = (
        f"In force on {replay.as_of.isoformat()}: "
        f"Exercise Price {with_rounded(replay.exercise_price)}"
    )
    if terms.par_value is not None and replay.exercise_price < terms.par_value:
        in_force += f", below the par value {exact_str(terms.par_value)} (4.F)"
    lines.append(in_force)
    if replay.shares is not None and face is not None:
        lines.extend(_series_lines(replay, face))
    carve = ledger.carve_out
    lines.append(
        f"  carve-out 4.C(5)(iii): {with_rounded(carve.used)} used of "
        f"{with_rounded(carve.cap)}, {with_rounded(carve.remaining)} remaining"
    )
    if carve.over_cap:
        lines.append(
            f"  {exact_str(carve.over_cap)} more plan-option shares are over the fixed cap "
            "(reading: carve_out_follows_splits = false): not excluded by 4.C(5)(iii)"
        )
    lines.append("")
    lines.append("Events:")
    for d in ledger.determinations:
        lines.append(
            f"  {plain(d.event.describe())} {d.date.isoformat()}: {d.outcome.label} [{d.clause}]"
        )
        lines.extend(f"      {plain(reason)}" for reason in d.reasons)
    return "\n".join(lines)


def _series_lines(replay: Replay, face: Fraction) -> list[str]:
    """The shares in force: for one warrant as on its face, for a series warrant by warrant."""
    scenario, warrants = replay.scenario, replay.ledger.series
    shares = replay.shares
    assert shares is not None
    if not scenario.series and len(warrants) == 1 and warrants[0].face_shares == face:
        return [f"  shares receivable for {exact_str(face)} on the face: {with_rounded(shares)}"]
    lines = [f"  shares receivable under the Warrants outstanding: {with_rounded(shares)}"]
    for item in warrants:
        holder = f" ({plain(item.holder)})" if item.holder else ""
        own = item.shares(scenario.terms.exercise_price, replay.exercise_price)
        lines.append(f"    {plain(item.id)}{holder}: {with_rounded(own)}")
    return lines


def _aligned(rows: list[tuple[str, ...]]) -> list[str]:
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    return [
        "  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=True)).rstrip()
        for row in rows
    ]


def fmv_text(fmv: FairMarketValue) -> str:
    """The Fair Market Value and the closing price of each of its days, one per line."""
    lines = [
        f"Fair Market Value on {fmv.on.isoformat()} (Section 1): {exact_str(fmv.value)}",
        f"mean of the closing prices of the {len(fmv.closes)} trading days before it:",
    ]
    lines.extend(f"  {describe(close)}" for close in fmv.closes)
    return "\n".join(lines)


#: Longest exact figure written out in text; past it only the rounded value (JSON has both).
_LONGEST_EXACT = 40


def with_rounded(value: Fraction) -> str:
    """A figure for a line people read: the exact value, and beside it the value rounded to six
    places where the exact one is not a short decimal (``16000000/157 (≈101910.828025)``);
    an exact value too long to read is left to the JSON (``≈1.743118 (exact in --json)``)."""
    text = exact_str(value)
    if terminates(value) and len(text) <= 14:
        return text
    rounded = shown(value, 6, width=0)
    if len(text) > _LONGEST_EXACT:
        return f"{rounded} (exact in --json)"
    return f"{text} ({rounded})"


def event_label(event: EventRef) -> str:
    """The event column: its id, or its type and position (``expiry #2``), never a bare number."""
    return plain(event.id) if event.id is not None else f"{event.type} #{event.index}"


def _shown(value: Fraction) -> str:
    """A table cell: exact where it is a short decimal, else rounded to 6 places."""
    return shown(value, 6, width=14, fractions=False)
