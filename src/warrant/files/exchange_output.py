"""The option exchange check and the readings side by side, written out: JSON for the
option exchange tool (keys fixed by the file contract, SPEC §10), text for people.

JSON quantities are exact strings (SPEC §2); the text rounds for the eye and marks a
rounded figure with ``~``.  (Just over 300 lines: the two objects and their texts share
the table and rounding helpers.)
"""

from __future__ import annotations

from fractions import Fraction

from warrant.analyses.exchange import ExchangeVerdict, NewGrantTest
from warrant.analyses.readings_side_by_side import ReadingsSideBySide
from warrant.files.for_people import plain
from warrant.files.json_output import adjustment_json, reading_json
from warrant.files.text_output import PROPOSAL_NOT_APPLIED
from warrant.ground.exact import exact_str, fixed_str
from warrant.ground.exact import shown as shown_figure
from warrant.instrument.readings import Reading
from warrant.register.records import CarveOutPosition


def _exact(value: Fraction | None) -> str | None:
    return None if value is None else exact_str(value)


def _carve_out(position: CarveOutPosition | None) -> dict[str, str] | None:
    if position is None:
        return None
    return {
        "cap": exact_str(position.cap),
        "used": exact_str(position.used),
        "remaining": exact_str(position.remaining),
        "promised": exact_str(position.promised),
        "over_cap": exact_str(position.over_cap),
    }


def _grant(test: NewGrantTest) -> dict[str, object]:
    return {
        "of": test.of,
        "grant": test.grant,
        "holder": test.holder,
        "grantee": test.grantee.value if test.grantee else None,
        "shares": exact_str(test.shares),
        "inside_carve_out": exact_str(test.inside_carve_out),
        "outside_carve_out": exact_str(test.outside_carve_out),
        "grant_price": exact_str(test.grant_price),
        "close": _exact(test.close),
        "effective_price": exact_str(test.effective_price),
        "fmv": exact_str(test.fmv.value),
        "fmv_days": [day.isoformat() for day in test.fmv.days],
        "fmv_prices": [exact_str(price) for price in test.fmv.prices],
        "below_fmv": test.below_fmv,
    }


def _offer_date(verdict: ExchangeVerdict, key: str) -> str | None:
    """The offer's commencement or expiry: an exchange's, or a repricing's made by tender
    offer (None for a plain repricing)."""
    day = getattr(verdict.dates if verdict.dates is not None else verdict.proposal, key, None)
    return None if day is None else str(day.isoformat())


def exchange_to_json(verdict: ExchangeVerdict) -> dict[str, object]:
    """The ``exchange --json`` object of the file contract."""
    scenario = verdict.scenario
    dates = verdict.dates
    face = scenario.total_face_shares
    initial = scenario.terms.exercise_price
    return {
        "warrant": scenario.terms.name,
        "face_shares": _exact(face),
        "reading": reading_json(verdict.reading),
        "kind": "exchange" if dates is not None else "repricing",
        "dates": {
            "commencement": _offer_date(verdict, "commencement"),
            "lookback_start": dates.lookback_start.isoformat() if dates else None,
            "offer_expires": _offer_date(verdict, "offer_expires"),
            "cancellation": dates.cancellation.isoformat() if dates else None,
            "earliest_grant": dates.earliest_grant.isoformat() if dates else None,
            "grant_date": dates.grant_date.isoformat() if dates else verdict.first_day.isoformat(),
        },
        "carve_out": {
            "before": _carve_out(verdict.carve_out_before),
            "gap": _carve_out(verdict.carve_out_gap),
            "after": _carve_out(verdict.carve_out_after),
        },
        "grants": [_grant(test) for test in verdict.grants],
        "triggers": verdict.triggers,
        "readjusts": verdict.readjusts,
        "reasons": list(verdict.reasons),
        "details": list(verdict.details),
        "price_before": exact_str(verdict.price_before),
        "exercise_price": exact_str(verdict.exercise_price),
        "shares": _exact(verdict.shares),
        "adjustments": [
            adjustment_json(adjustment, face_shares=face, initial_price=initial)
            for adjustment in verdict.adjustments
        ],
        "by_reading": [
            {
                "reading": reading_json(reading),
                "triggers": answer.triggers,
                "exercise_price": exact_str(answer.exercise_price),
                "shares": _exact(answer.shares),
            }
            for reading, answer in verdict.by_reading
        ],
        "depends_on": list(verdict.depends_on),
        "verdict_depends_on": list(verdict.verdict_depends_on),
    }


def readings_to_json(side: ReadingsSideBySide) -> dict[str, object]:
    """The ``readings --json`` object of the file contract."""
    return {
        "warrant": side.scenario.terms.name,
        "face_shares": _exact(side.scenario.total_face_shares),
        "results": [
            {
                "exercise_price": exact_str(group.outcome.exercise_price),
                "shares": _exact(group.outcome.shares),
                "carve_out_used": exact_str(group.outcome.carve_out_used),
                "adjustments": group.outcome.adjustments,
                "as_of": group.outcome.as_of.isoformat(),
                "readings": [reading_json(reading) for reading in group.readings],
            }
            for group in side.groups
        ],
        "refused": [
            {
                "event": group.refusal.event,
                "error": group.refusal.error,
                "readings": [reading_json(reading) for reading in group.readings],
            }
            for group in side.refused
        ],
        "depends_on": list(side.depends_on),
        "replays": side.runs,
        "events_applied": side.applied,
        **(
            {"proposal_applied": False, "proposal_note": PROPOSAL_NOT_APPLIED}
            if side.scenario.exchange is not None
            else {}
        ),
    }


# -- text for people ---------------------------------------------------------------------


def shown(value: Fraction | None, places: int = 6) -> str:
    """A table cell: exact where it is a short decimal, else rounded to ``places`` and
    marked as :func:`warrant.ground.exact.shown` marks it; thousands grouped."""
    if value is None:
        return "-"
    text = shown_figure(value, places, width=14, fractions=False)
    return text[0] + _grouped(text[1:]) if text.startswith("≈") else _grouped(text)


#: decimals of a price or share count the exchange and demo texts round to (the
#: certificate's default, so a figure shown in both reads the same)
PLACES = 4


def money(value: Fraction | None) -> str:
    """Dollars per share as people write them: two decimals (``1.20``, not ``1.2``) where
    the value has no more, else rounded to :data:`PLACES` and marked ``≈``."""
    if value is None:
        return "-"
    if (value * 100).denominator == 1:
        return _grouped(fixed_str(value, 2))
    return shown(value, PLACES)


def _grouped(text: str) -> str:
    whole, dot, fraction = text.partition(".")
    sign = "-" if whole.startswith("-") else ""
    digits = whole.lstrip("-")
    if len(digits) > 4 and digits.isdigit():
        digits = f"{int(digits):,}"
    return sign + digits + dot + fraction


def table(rows: list[tuple[str, ...]], *, right: frozenset[int] = frozenset()) -> list[str]:
    """Rows as aligned columns (the first row is the header); ``right`` columns right-aligned."""
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    lines = []
    for row in rows:
        cells = [
            cell.rjust(width) if i in right else cell.ljust(width)
            for i, (cell, width) in enumerate(zip(row, widths, strict=True))
        ]
        lines.append("  ".join(cells).rstrip())
    return lines


def carve_out_lines(verdict: ExchangeVerdict) -> list[str]:
    rows: list[tuple[str, ...]] = [
        ("carve-out 4.C(5)(iii)", "cap", "used", "of which promised", "remaining")
    ]
    stages = (
        ("before the cancellation", verdict.carve_out_before),
        ("last day of the gap", verdict.carve_out_gap),
        ("after the new grants", verdict.carve_out_after),
    )
    for label, position in stages:
        if position is not None:
            rows.append(
                (
                    label,
                    shown(position.cap),
                    shown(position.used),
                    shown(position.promised),
                    shown(position.remaining),
                )
            )
    return table(rows, right=frozenset({1, 2, 3, 4}))


def grant_lines(verdict: ExchangeVerdict) -> list[str]:
    rows: list[tuple[str, ...]] = [
        (
            "new grant",
            "holder",
            "grantee",
            "shares",
            "inside",
            "outside",
            "price",
            "FMV",
            "below FMV",
        )
    ]
    for test in verdict.grants:
        rows.append(
            (
                test.grant,
                plain(test.holder or test.of),
                test.grantee.value if test.grantee else "-",
                shown(test.shares),
                shown(test.inside_carve_out),
                shown(test.outside_carve_out),
                money(test.effective_price),
                money(test.fmv.value),
                "yes" if test.below_fmv else "no",
            )
        )
    return table(rows, right=frozenset({3, 4, 5, 6, 7}))


def differing_readings(verdict: ExchangeVerdict) -> list[str]:
    """The verdict by the values of the fields it depends on: one row per combination
    (the row of the reading in force marked ``*``); empty when nothing depends on them."""
    fields = verdict.depends_on
    if not fields:
        return []
    in_force = tuple(reading_json(verdict.reading)[name] for name in fields)
    rows: set[tuple[object, ...]] = set()
    for reading, answer in verdict.by_reading:
        written = reading_json(reading)
        rows.add((
            *(written[name] for name in fields), answer.triggers, answer.exercise_price,
            answer.shares,
        ))
    header = ("", *fields, "verdict", "Exercise Price", "shares")
    lines: list[tuple[str, ...]] = [header]
    for row in sorted(rows, key=lambda k: tuple(str(v) for v in k[: len(fields)])):
        chosen, (triggers, price, shares) = row[: len(fields)], row[len(fields) :]
        mark = "*" if tuple(chosen) == in_force else ""
        lines.append((
            mark, *(_value(v) for v in chosen), "triggers" if triggers else "no trigger",
            # the row tuple mixes kinds, so mypy sees objects: price and shares are exact
            money(price), shown(shares, PLACES),  # type: ignore[arg-type]
        ))
    width = len(header)
    return ["  " + line for line in table(lines, right=frozenset({width - 2, width - 1}))]


def _value(value: object) -> str:
    return str(value).lower() if isinstance(value, bool) else str(value)


def exchange_text(verdict: ExchangeVerdict) -> str:
    """The verdict for a person: dates, carve-out, grants, verdict, readings that matter."""
    lines: list[str] = []
    scenario = verdict.scenario
    lines.append(
        f"{scenario.terms.issuer}: warrant {scenario.terms.name}, "
        f"reading: {verdict.reading.label()}"
    )
    dates = verdict.dates
    if dates is not None:
        lines += ["", "Dates (business days by the offer's own definition):"]
        lines += table(
            [
                ("offer commences", dates.commencement.isoformat()),
                ("lookback start (tender every grant since)", dates.lookback_start.isoformat()),
                ("offer expires", dates.offer_expires.isoformat()),
                ("options cancelled", dates.cancellation.isoformat()),
                ("earliest grant date", dates.earliest_grant.isoformat()),
                ("grant date", dates.grant_date.isoformat()),
            ]
        )
    offered = [
        (label, _offer_date(verdict, key))
        for label, key in (("offer commences", "commencement"), ("offer expires", "offer_expires"))
    ]
    if dates is None and any(day for _, day in offered):
        lines += ["", "The repricing is made by tender offer:"]
        lines += table([(label, day or "-") for label, day in offered])
    lines.append("")
    lines += carve_out_lines(verdict)
    lines.append("")
    lines += grant_lines(verdict)
    lines.append("")
    verdict_word = (
        "TRIGGERS an adjustment" if verdict.triggers else "does NOT trigger an adjustment"
    )
    lines.append(f"Verdict: the proposal {verdict_word} under Section 4.C.")
    if verdict.readjusts:
        lines.append("It also readjusts an earlier deemed issue (4.C(3)).")
    lines.append(price_line(verdict))
    lines += ["", "Reasons:"]
    lines += [f"  - {reason}" for reason in verdict.reasons]
    lines.append("")
    lines += dependence_lines(verdict, "the reading in force")
    return "\n".join(lines)


def price_line(verdict: ExchangeVerdict) -> str:
    """``Exercise Price 1.94 → ≈1.9394; shares per warrant ≈100,029.6412``."""
    shares = (
        "" if verdict.shares is None else f"; shares per warrant {shown(verdict.shares, PLACES)}"
    )
    return f"Exercise Price {money(verdict.price_before)} → {money(verdict.exercise_price)}{shares}"


def dependence_lines(verdict: ExchangeVerdict, marked: str) -> list[str]:
    """What the verdict depends on, and apart from it what the figures depend on, then the
    answer under each combination of the fields that matter (``*`` marks ``marked``)."""
    answers = [answer for _, answer in verdict.by_reading]
    verdict_fields = verdict.verdict_depends_on
    if verdict_fields:
        lines = [f"Whether it triggers depends on {', '.join(verdict_fields)}."]
    elif all(answer.triggers for answer in answers):
        lines = ["Whether it triggers depends on no reading: it triggers under every reading."]
    else:
        lines = ["Whether it triggers depends on no reading: it triggers under none."]
    if any(answer.triggers for answer in answers):
        figures = verdict.figures_depend_on
        lines.append(
            f"The new Exercise Price depends on {', '.join(figures)}."
            if figures
            else "The new Exercise Price is the same under every reading."
        )
    differing = differing_readings(verdict)
    if differing:
        lines.append(
            f"Under every reading ({marked} marked *; every other field changes nothing):"
        )
        lines += differing
    return lines


def readings_text(side: ReadingsSideBySide) -> str:
    """The scenario under every reading, one row per group of identical results."""
    scenario = side.scenario
    lines = [
        f"{scenario.terms.issuer}: warrant {scenario.terms.name} under every reading "
        f"({len(Reading.all())} readings, "
        f"{side.runs} replays)",
        "",
    ]
    if scenario.exchange is not None:
        lines += [PROPOSAL_NOT_APPLIED, ""]
    rows: list[tuple[str, ...]] = [
        ("#", "Exercise Price", "shares", "carve-out used", "adjustments", "readings")
    ]
    for number, group in enumerate(side.groups, start=1):
        outcome = group.outcome
        rows.append(
            (
                str(number),
                shown(outcome.exercise_price),
                shown(outcome.shares),
                shown(outcome.carve_out_used),
                str(outcome.adjustments),
                str(len(group.readings)),
            )
        )
    lines += table(rows, right=frozenset({1, 2, 3, 4, 5}))
    lines.append("")
    if side.depends_on:
        lines.append(f"The result depends on: {', '.join(side.depends_on)}.")
    else:
        lines.append("The result is the same under every reading.")
    for number, group in enumerate(side.groups, start=1):
        lines.append(f"  #{number}: " + _sample(group.readings))
    for refused in side.refused:
        lines += [
            "",
            f"Refused under {len(refused.readings)} reading(s): {plain(refused.refusal.error)}",
            "  " + _sample(refused.readings),
        ]
    return "\n".join(lines)


def _sample(readings: tuple[Reading, ...]) -> str:
    """The first three readings' labels, and how many more."""
    labels = sorted({reading.label() for reading in readings})
    return "; ".join(labels[:3] + ([f"... {len(labels) - 3} more"] if len(labels) > 3 else []))
