"""Counsel's verdict on a certificate written out: the ``verify --json`` object and a table.

JSON keys (fixed by the certificate file contract): ``verdict``, ``event``,
``clause``, ``figures`` (each with ``figure``, ``stated``, ``places``,
``recomputed``, ``rounded``, ``difference``, ``agrees``, ``clause``), ``missing``,
``not_applicable``, ``reproduced_by``; added beside them, ``difference_decimal`` and
``matched`` for each figure and ``reproduced_when`` (the reproducing readings in one
line); and, when the certificate states them,
``facts_digest`` and ``stated_reading_reproduces``.  Every quantity is an exact
string (SPEC §2).
"""

from __future__ import annotations

from fractions import Fraction

from warrant.analyses.verify import Check, FigureCheck, Verification
from warrant.files.certificate_output import adjustment_named
from warrant.files.for_people import plain
from warrant.files.json_output import reading_json
from warrant.ground.exact import exact_str, fixed_str, round_half_up, terminates
from warrant.section4.g_certificates import Certificate


def verification_json(result: Verification) -> dict[str, object]:
    cert = result.certificate
    data: dict[str, object] = {
        "verdict": result.verdict.value,
        "event": cert.event.label,
        "event_index": cert.event.index,
        "adjustment": cert.sequence,
        "clause": cert.clause,
        "readjustment": cert.readjustment,
        "date": cert.date.isoformat(),
        "warrant": result.warrant,
        "reading": reading_json(result.scenario_reading),
        "figures": [
            {
                "figure": check.figure,
                "stated": check.stated,
                "places": check.places,
                "recomputed": exact_str(check.recomputed),
                "rounded": _rounded(check),
                "difference": exact_str(check.difference),
                "agrees": check.agrees,
                "clause": check.clause,
                "difference_decimal": difference_decimal(check),
                "matched": check.matched or None,
            }
            for check in result.figures
        ],
        "missing": list(result.missing),
        "not_applicable": list(result.not_applicable),
        "reproduced_by": [reading_json(reading) for reading in result.reproduced_by],
        "readings_tried": result.readings_tried,
        "reproduced_when": result.reproduced_when,
    }
    if result.clause is not None:
        data["clause_stated"] = _check(result.clause)
    if result.date is not None:
        data["date_stated"] = _check(result.date)
    if result.facts_digest is not None:
        data["facts_digest"] = _check(result.facts_digest)
        under = result.facts_digest_under_stated_reading
        if under is not None:
            data["facts_digest"] = {
                **_check(result.facts_digest),
                "recomputed_under_stated_reading": under.recomputed,
                "agrees_under_stated_reading": under.agrees,
            }
    if result.stated_reading is not None:
        data["stated_reading"] = reading_json(result.stated_reading)
        data["stated_reading_reproduces"] = result.stated_reading_reproduces
    return data


def _rounded(check: FigureCheck) -> str:
    """The exact value as the stated figure writes it: to its places (``"1.9036"``, ``"1.00"``);
    for a ``p/q`` figure, the exact value itself."""
    if check.places is None:
        return exact_str(check.rounded)
    return fixed_str(check.rounded, check.places)


def _check(check: Check) -> dict[str, object]:
    return {"stated": check.stated, "recomputed": check.recomputed, "agrees": check.agrees}


def verification_text(result: Verification) -> str:
    """The verdict as a table a lawyer can read: one row per stated figure."""
    cert = result.certificate
    lines = [_title(cert, result), ""]
    rows = [("figure", "stated", "recomputed (exact)", "rounded", "difference", "clause", "")]
    for c in result.figures:
        rows.append(
            (
                c.figure,
                plain(c.stated),
                _exact_cell(c.recomputed),
                "exact" if c.places is None else _rounded(c),
                _difference(c),
                c.clause,
                ("agrees" if c.agrees else "DISAGREES") + _matched(c),
            )
        )
    for label, check in (("clause", result.clause), ("date", result.date)):
        if check is not None:
            rows.append(
                (
                    label,
                    plain(check.stated),
                    check.recomputed,
                    "",
                    "",
                    "4.G",
                    "agrees" if check.agrees else "DISAGREES",
                )
            )
    if len(rows) > 1:
        widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
        for row in rows:
            cells = (cell.ljust(width) for cell, width in zip(row, widths, strict=True))
            lines.append("  " + "  ".join(cells).rstrip())
    else:
        lines.append("  The certificate states no figures.")
    lines.append("")
    if result.facts_digest is not None:
        d = result.facts_digest
        lines.append(f"Facts digest: {'agrees' if d.agrees else 'DISAGREES'}")
        lines.append(f"  stated      {plain(d.stated)}")
        lines.append(f"  recomputed  {d.recomputed}")
        if not d.agrees:
            lines.append("  the certificate rests on other facts than those given")
    if result.missing:
        lines.append("Not stated, though 4.G requires it: " + ", ".join(result.missing))
    if result.not_applicable:
        lines.append(
            "Stated, but this kind of adjustment has no such figure (not counted): "
            + ", ".join(result.not_applicable)
        )
    if result.reproduced_by:
        lines.append(f"Readings that reproduce every stated figure: {result.reproduced_when}.")
    else:
        lines.append("No reading reproduces every stated figure.")
    if result.stated_reading is not None:
        verb = "reproduces" if result.stated_reading_reproduces else "does NOT reproduce"
        lines.append(
            f"The reading the certificate states ({result.stated_reading.label()}) {verb} it."
        )
    lines.append("")
    wrong = result.disagreeing
    lines.append("Verdict: AGREES" if result.agrees else f"Verdict: DISAGREES ({', '.join(wrong)})")
    return "\n".join(lines) + "\n"


def _title(cert: Certificate, result: Verification) -> str:
    index = f" (replay index {cert.sequence})" if cert.sequence is not None else ""
    return (
        f"Certificate of {adjustment_named(cert)}{index}; recomputed under the reading "
        f"{result.scenario_reading.label()}"
    )


_MATCHED = {
    "restated-issue": " (as A, A + C′ of the restated issue, in the shares of its date)",
    "outstanding-today": " (as the shares outstanding or deemed outstanding, today's shares)",
}


def _matched(check: FigureCheck) -> str:
    return _MATCHED.get(check.matched, "")


def difference_decimal(check: FigureCheck) -> str:
    """The difference as a decimal, to the stated figure's places (at least 4, and enough
    to show a difference that is not zero): ``-0.0077``."""
    places = max(check.places or 0, 4)
    value = check.difference
    while value and round_half_up(value, places) == 0 and places < 12:
        places += 1
    return fixed_str(value, places)


def _difference(check: FigureCheck) -> str:
    """``-0.0077 (exactly -1187/153850)``; the exact value alone where it is short."""
    exact = exact_str(check.difference)
    if terminates(check.difference) and len(exact) <= 20:
        return exact  # a short decimal already: -0.000075
    if len(exact) > 32:
        return f"{difference_decimal(check)} (≈{_ten_places(check.difference)})"
    return f"{difference_decimal(check)} (exactly {exact})"


def _exact_cell(value: Fraction) -> str:
    """The exact value where it is short; else rounded and marked ``≈`` (never cut off: a
    figure with its digits cut reads as another figure); ``--json`` has it exactly."""
    text = exact_str(value)
    if len(text) <= 32:
        return text
    return "≈" + _ten_places(value)


def _ten_places(value: Fraction) -> str:
    """Ten decimals, rounded half-up: enough to compare with any figure on paper."""
    return fixed_str(value, 10)
