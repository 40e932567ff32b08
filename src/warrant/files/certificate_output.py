"""A 4.G certificate written out: JSON for machines, Markdown and plain text for people.

The JSON keeps every quantity exact (SPEC §2) and is laid out so that it can be
handed back to ``warrant verify`` unchanged: the table ``certificate`` has the
keys of the certificate file counsel types (event, adjustment, clause, date,
warrant, reading, facts digest, and the figures as exact strings), and
``detail`` carries everything else 4.G asks the certificate to show.

Markdown and text show each figure rounded half-up to ``places`` decimals, with
thousands separators, and the exact value beside it wherever rounding changed
it; the sections follow 4.G: (a) consideration, (b) shares outstanding, (c) the
Exercise Price before, (d) after, then the facts and the arithmetic.
"""

from __future__ import annotations

from collections.abc import Callable
from fractions import Fraction

from warrant.files.for_people import markdown, plain
from warrant.files.json_output import (
    carve_out_json,
    consideration_json,
    fmv_json,
    outstanding_json,
    reading_json,
)
from warrant.ground.exact import exact_str, fixed_str, round_half_up
from warrant.section4.g_certificates import Certificate, CertificateKind

FORMAT = "warrant-certificate/1"


# -- JSON -----------------------------------------------------------------------------------


def certificate_json(cert: Certificate, *, warrant: str | None = None) -> dict[str, object]:
    """The certificate as JSON-ready data; ``warrant`` picks the warrant whose shares the
    figures state (the only one by default)."""
    shares = cert.warrant_shares(warrant)
    head: dict[str, object] = {"event": cert.event.label}
    if cert.sequence is not None:
        head["adjustment"] = cert.sequence
    head["clause"] = cert.clause
    head["readjustment"] = cert.readjustment
    head["date"] = cert.date.isoformat()
    if shares is not None:
        head["warrant"] = shares.warrant
    head["reading"] = reading_json(cert.reading)
    head["facts_digest"] = cert.facts_digest
    head["figures"] = {name: exact_str(value) for name, value in cert.figures(warrant).items()}
    return {"format": FORMAT, "certificate": head, "detail": _detail(cert)}


def _detail(cert: Certificate) -> dict[str, object]:
    detail: dict[str, object] = {
        "warrant": cert.terms,
        "issuer": cert.issuer,
        "kind": cert.kind.value,
        "event": {"index": cert.event.index, "id": cert.event.id, "type": cert.event.type},
        "clause": cert.clause,
        "date": cert.date.isoformat(),
        "readjusts": cert.readjusts,
        "consideration": consideration_json(cert.consideration) if cert.consideration else None,
        "outstanding_before": outstanding_json(cert.outstanding_before)
        if cert.outstanding_before
        else None,
        "outstanding_after": (
            outstanding_json(cert.outstanding_after) if cert.outstanding_after else None
        ),
        "additional_shares": _exact(cert.additional_shares),
        "price_before": exact_str(cert.price_before),
        "price_after": exact_str(cert.price_after),
        "fmv": fmv_json(cert.fmv) if cert.fmv else None,
        "effective_price": _exact(cert.effective_price),
        "bought_at_fmv": _exact(cert.bought_at_fmv),
        "carve_out": carve_out_json(cert.carve_out) if cert.carve_out else None,
        "warrants": [
            {
                "warrant": item.warrant,
                "face_shares": exact_str(item.face_shares),
                "shares_before": exact_str(item.before),
                "shares_after": exact_str(item.after),
            }
            for item in cert.warrants
        ],
        "delivers": [
            {
                "kind": item.kind,
                "per_share_of_common": exact_str(item.per_share_of_common),
                "per_warrant": {name: exact_str(quantity) for name, quantity in item.per_warrant},
            }
            for item in cert.delivers
        ],
        "reading": reading_json(cert.reading),
        "arithmetic": list(cert.arithmetic),
        "note": cert.note,
        "facts_digest": {
            "algorithm": "sha256",
            "canonical_form": "warrant-facts/1",
            "value": cert.facts_digest,
        },
    }
    return detail


def _exact(value: Fraction | None) -> str | None:
    return None if value is None else exact_str(value)


# -- for people -----------------------------------------------------------------------------


def grouped(value: Fraction, places: int) -> str:
    """``value`` rounded half-up to ``places``, with thousands separators: ``101,910.8280``."""
    text = fixed_str(value, places)
    sign = "-" if text.startswith("-") else ""
    whole, _, decimals = text.lstrip("-").partition(".")
    groups: list[str] = []
    while len(whole) > 3:
        groups.insert(0, whole[-3:])
        whole = whole[:-3]
    groups.insert(0, whole)
    return sign + ",".join(groups) + ("." + decimals if decimals else "")


def figure(value: Fraction, places: int) -> str:
    """The rounded figure, and the exact value beside it where rounding changed it."""
    shown = grouped(value, places)
    if round_half_up(value, places) == value:
        return shown
    exact = exact_str(value)
    return f"{shown} (exactly {exact})" if len(exact) <= 40 else f"{shown} (rounded)"


Section = tuple[str, list[tuple[str, ...]]]
Escape = Callable[[object], str]


def _sections(cert: Certificate, places: int, esc: Escape = plain) -> list[Section]:
    """The sections of the certificate; text read from the input goes through ``esc``."""

    def f(value: Fraction) -> str:
        return figure(value, places)

    sections: list[Section] = []
    if cert.consideration is not None:
        c = cert.consideration
        rows: list[tuple[str, ...]] = []
        if c.allocated is not None:
            rows.append(
                (
                    "portion of the unit price allocated by "
                    + (esc(c.allocated_by) if c.allocated_by else "the Board"),
                    f(c.allocated),
                )
            )
        else:
            if c.cash:
                rows.append(("cash received (4.C(2)(i))", f(c.cash)))
            if c.property_value:
                on = c.property_valued_on.isoformat() if c.property_valued_on else "date not stated"
                valued = f"{esc(c.property_valued_by)}, {on}"
                rows.append(
                    (
                        f"property at the Board's fair value ({valued}) (4.C(2)(ii))",
                        f(c.property_value),
                    )
                )
        if c.for_rights:
            rows.append(("received for the rights or securities (4.C(3))", f(c.for_rights)))
        if c.minimum_exercise_payments:
            rows.append(
                (
                    "minimum exercise or conversion payments (4.C(3)/(4))",
                    f(c.minimum_exercise_payments),
                )
            )
        rows.append(
            (
                "less the Company's expenses of the issue (4.C(2))",
                f(-c.expenses) if c.expenses else f(c.expenses),
            )
        )
        rows.append(("consideration", f(c.total)))
        sections.append(("(a) Consideration received or deemed received", rows))
    elif cert.kind is not CertificateKind.DELIVERY:
        sections.append(
            (
                "(a) Consideration",
                [(f"none: an adjustment under {cert.clause} has no consideration",)],
            )
        )
    if cert.outstanding_before is not None and cert.outstanding_after is not None:
        b, a = cert.outstanding_before, cert.outstanding_after
        rows = [("", "before", "after"), ("issued and outstanding", f(b.issued), f(a.issued))]
        if b.deemed or a.deemed:
            rows.append(("deemed outstanding (4.C(3)/(4))", f(b.deemed), f(a.deemed)))
        counted = (
            "A and A + C of the readjusted issue"
            if cert.kind is CertificateKind.READJUSTMENT
            else f"counted under the reading ({cert.reading.outstanding_basis.value}): A, A + C"
        )
        rows.append((counted, f(b.basis), f(a.basis)))
        if cert.additional_shares is not None:
            rows.append(
                ("Additional Shares issued or deemed issued", f(cert.additional_shares), "")
            )
        sections.append(("(b) Shares outstanding or deemed outstanding", rows))
    sections.append(("(c) Exercise Price before the adjustment", [(f(cert.price_before),)]))
    sections.append(("(d) Exercise Price after the adjustment", [(f(cert.price_after),)]))
    if cert.warrants:
        rows = [("warrant", "on its face", "before", "after")]
        rows += [
            (esc(w.warrant), f(w.face_shares), f(w.before), f(w.after)) for w in cert.warrants
        ]
        sections.append(("Shares receivable on exercise", rows))
    for item in cert.delivers:
        rows = [("per share of Common Stock", f(item.per_share_of_common))]
        rows += [(f"warrant {esc(name)}", f(quantity)) for name, quantity in item.per_warrant]
        sections.append((f"Now delivered on exercise: {esc(item.kind)}", rows))
    if cert.fmv is not None:
        rows = [("day", "closing price", "rule")]
        rows += [(c.day.isoformat(), f(c.price), c.rule.value) for c in cert.fmv.closes]
        rows.append(
            (
                "Current Fair Market Value",
                f(cert.fmv.value),
                f"on {cert.fmv.on.isoformat()} (Section 1)",
            )
        )
        if cert.effective_price is not None:
            rows.append(("Effective Price", f(cert.effective_price), "4.C(1)"))
        sections.append(("Current Fair Market Value and Effective Price", rows))
    if cert.carve_out is not None:
        co = cert.carve_out
        sections.append(
            (
                "Plan-option carve-out (4.C(5)(iii))",
                [("cap", f(co.cap)), ("used", f(co.used)), ("remaining", f(co.remaining))],
            )
        )
    # shown as code in Markdown (nothing in it is read as markup): only made visible
    sections.append(("Arithmetic (exact)", [(plain(line),) for line in cert.arithmetic]))
    return sections


def _heading(cert: Certificate, esc: Escape = plain) -> list[tuple[str, str]]:
    what = (
        f"adjustment {cert.sequence}"
        if cert.sequence is not None
        else "change in what is delivered"
    )
    if cert.readjustment:
        what += f", readjusting adjustment {cert.readjusts}"
    named = f" '{esc(cert.event.id)}'" if cert.event.id else ""
    return [
        ("Warrant", f"{cert.terms} ({cert.issuer})"),
        ("Adjustment", f"{what}, under {cert.clause}, effective {cert.date.isoformat()}"),
        ("Event", f"event {cert.event.index}{named} ({cert.event.type})"),
        ("Reading", cert.reading.label()),
        ("Facts digest (SHA-256, warrant-facts/1)", cert.facts_digest),
    ]


def _numeric(cell: str) -> bool:
    return not cell or cell[0].isdigit() or cell[0] == "-"


def certificate_markdown(cert: Certificate, *, places: int = 4) -> str:
    """The certificate as Markdown: figures rounded to ``places``, exact values beside."""
    lines = ["# Certificate as to adjustment (Section 4.G)", ""]
    lines += [f"- **{label}:** {value}" for label, value in _heading(cert, markdown)]
    lines.append("")
    for title, rows in _sections(cert, places, markdown):
        lines += [f"## {title}", ""]
        if len(rows[0]) == 1:
            lines += [f"    {row[0]}" if title.startswith("Arithmetic") else row[0] for row in rows]
        else:
            header = rows[0] if rows[0][0] in ("", "day", "warrant") else ("item", "amount")
            body = rows[1:] if header is rows[0] else rows
            lines.append("| " + " | ".join(header) + " |")
            numeric = [i > 0 and all(_numeric(row[i]) for row in body) for i in range(len(header))]
            lines.append("|" + "|".join("---:" if right else "---" for right in numeric) + "|")
            lines += ["| " + " | ".join(row) + " |" for row in body]
        lines.append("")
    lines.append(
        f"Figures are rounded half-up to {places} decimal places; the JSON certificate carries "
        "every value exactly."
    )
    return "\n".join(lines) + "\n"


def certificate_text(cert: Certificate, *, places: int = 4) -> str:
    """The certificate as plain text with aligned columns."""
    title = "CERTIFICATE AS TO ADJUSTMENT (Section 4.G)"
    lines = [title, "=" * len(title), ""]
    width = max(len(label) for label, _ in _heading(cert))
    lines += [f"{label.ljust(width)}  {value}" for label, value in _heading(cert)]
    lines.append("")
    for section_title, rows in _sections(cert, places):
        lines += [section_title, "-" * len(section_title)]
        columns = len(rows[0])
        widths = [max(len(row[i]) for row in rows if len(row) == columns) for i in range(columns)]
        for row in rows:
            cells = [row[0].ljust(widths[0])] + [
                cell.rjust(w) for cell, w in zip(row[1:], widths[1:], strict=True)
            ]
            lines.append(("  " + "  ".join(cells)).rstrip())
        lines.append("")
    lines.append(
        f"Figures rounded half-up to {places} decimal places; the JSON certificate is exact."
    )
    return "\n".join(lines) + "\n"
