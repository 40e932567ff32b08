"""A 4.G certificate written out: JSON for machines; Markdown, plain text and HTML for people.

The JSON keeps every quantity exact (SPEC §2) and is laid out so that it can be
handed back to ``warrant verify`` unchanged: the table ``certificate`` has the
keys of the certificate file counsel types (event, adjustment, clause, date,
warrant, reading, facts digest, and the figures as exact strings), and
``detail`` carries everything else 4.G asks the certificate to show.

Markdown, text and HTML show money in dollars to the cent (``$900,000.00``), share
counts whole where they are whole (``7,000,000``), and prices rounded half-up to
``places`` decimals; with thousands separators, and the exact value beside any
figure that rounding changed.  The adjustment is named as a reader names it (its
date, clause and event), the reading is spelled out field by field, and the
sections follow 4.G: (a) consideration, (b) shares outstanding, (c) the Exercise
Price before, (d) after, then the facts and the arithmetic.  The HTML page is one
self-contained, printable file (no script, nothing fetched), every text escaped.
"""

from __future__ import annotations

import html
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
from warrant.instrument.readings import Reading
from warrant.register.records import AppliedFormula
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


def _formula_json(applied: AppliedFormula) -> dict[str, object]:
    return {
        "reference": applied.reference,
        "reference_value": exact_str(applied.reference_value),
        "trigger": exact_str(applied.trigger),
        "formula": applied.formula,
        "unrounded_price": exact_str(applied.unrounded) if applied.unrounded is not None else None,
    }


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
        # the terms' formula keys, when they are not the 2002 warrant's own (docs/terms.md)
        "formula": _formula_json(cert.formula) if cert.formula is not None else None,
        "facts_digest": {
            "algorithm": "sha256",
            "canonical_form": "warrant-facts/1",
            "value": cert.facts_digest,
        },
        "named": adjustment_named(cert),
    }
    today = cert.outstanding_today
    if today is not None:
        detail["outstanding_today"] = {
            "before": exact_str(today[0]),
            "after": exact_str(today[1]),
            "counts": "shares outstanding or deemed outstanding (issued plus deemed) "
            "immediately before and after the readjustment, in today's shares",
        }
    if cert.restated is not None:
        detail["restated_issue"] = {
            "adjustment": cert.restated.sequence,
            "date": cert.restated.date.isoformat(),
            "clause": cert.restated.clause,
            "splits_since": [
                {"date": day.isoformat(), "ratio": exact_str(ratio)}
                for day, ratio in cert.restated.splits
            ],
            "counts": restated_label(cert),
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


#: Shares that are not whole are shown to this many decimals, the exact value beside.
SHARE_PLACES = 4


def money(value: Fraction) -> str:
    """Dollars to the cent, ``$900,000.00``; the exact value beside when it has more."""
    shown = "$" + grouped(abs(value), 2)
    shown = ("-" + shown) if value < 0 else shown
    if round_half_up(value, 2) == value:
        return shown
    exact = exact_str(value)
    return f"{shown} (exactly {exact})" if len(exact) <= 40 else f"{shown} (rounded)"


def share_count(value: Fraction) -> str:
    """A number of shares: whole when it is whole (``7,000,000``), else rounded to
    :data:`SHARE_PLACES` decimals with the exact value beside."""
    if value.denominator == 1:
        return grouped(value, 0)
    return figure(value, SHARE_PLACES)


def _ordinal(n: int) -> str:
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


_EVENT_NOUNS = {
    "issuance": "issue of shares",
    "option-grant": "grant",
    "convertible-issuance": "issue of convertible securities",
    "option-on-convertible": "grant of options on convertible securities",
    "exercise": "exercise",
    "expiry": "expiry",
    "cancellation": "cancellation",
    "repricing": "repricing",
    "stock-split": "stock split",
    "stock-dividend": "stock dividend",
    "dividend-unpaid": "unpaid dividend",
    "distribution": "distribution",
    "reorganization": "reorganisation",
    "buyback": "buyback",
    "promise-to-grant": "promise to grant",
}


#: how text read from the input is made safe where it is shown (``warrant.files.for_people``)
Escape = Callable[[object], str]


def event_named(cert: Certificate, esc: Escape = plain) -> str:
    """The event as a reader names it: ``the grant 'exchange-15-grant'``, or, without an
    id, ``the expiry (the 12th event of the scenario)``."""
    noun = _EVENT_NOUNS.get(cert.event.type, cert.event.type)
    if cert.event.id:
        return f"the {noun} '{esc(cert.event.id)}'"
    return f"the {noun} (the {_ordinal(cert.event.index + 1)} event of the scenario)"


def adjustment_named(cert: Certificate, esc: Escape = plain) -> str:
    """``the adjustment of 2003-10-03 under 4.C(3), on the grant 'exchange-15-grant'``."""
    on = event_named(cert, esc)
    if cert.sequence is None:
        return (
            f"the change of {cert.date.isoformat()} in what the warrant delivers, "
            f"under {cert.clause}, on {on}"
        )
    what = "readjustment" if cert.readjustment else "adjustment"
    text = f"the {what} of {cert.date.isoformat()} under {cert.clause}, on {on}"
    if cert.restated is not None:
        text += (
            f", restating the adjustment of {cert.restated.date.isoformat()} "
            f"under {cert.restated.clause}"
        )
    return text


def _split_words(ratio: Fraction) -> str:
    return f"{_int_text(ratio.numerator)}-for-{_int_text(ratio.denominator)}"


def _int_text(value: int) -> str:
    return grouped(Fraction(value), 0)


def restated_label(cert: Certificate) -> str:
    """What the restated issue's ``A`` and ``A + C′`` count, and in which shares."""
    restated = cert.restated
    if restated is None:
        return "A and A + C′ of the restated issue"
    on = restated.date.isoformat()
    if restated.splits:
        since = ", ".join(
            f"the {_split_words(ratio)} split of {day.isoformat()}"
            for day, ratio in restated.splits
        )
        shares = f"in shares of that date, before {since}"
    else:
        shares = "in shares of that date (no split since)"
    return f"A and A + C′ of the restated issue of {on} ({restated.clause}), {shares}"


def reading_rows(cert: Certificate) -> list[tuple[str, ...]]:
    """Every field of the reading, its value, and whether it is the default's."""
    differences = cert.reading.differences()
    defaults = reading_json(Reading())
    rows: list[tuple[str, ...]] = [("field", "value", "against the default")]
    for name, value in reading_json(cert.reading).items():
        written = str(value).lower() if isinstance(value, bool) else str(value)
        if name in differences:
            default = defaults[name]
            default_text = str(default).lower() if isinstance(default, bool) else str(default)
            mark = f"DIFFERS from the default ({default_text})"
        else:
            mark = "the default"
        rows.append((name, written, mark))
    return rows


Section = tuple[str, list[tuple[str, ...]]]


def _sections(cert: Certificate, places: int, esc: Escape = plain) -> list[Section]:
    """The sections of the certificate; text read from the input goes through ``esc``."""

    def f(value: Fraction) -> str:
        return figure(value, places)

    m, n = money, share_count
    sections: list[Section] = []
    if cert.consideration is not None:
        c = cert.consideration
        rows: list[tuple[str, ...]] = []
        if c.allocated is not None:
            rows.append(
                (
                    "portion of the unit price allocated by "
                    + (esc(c.allocated_by) if c.allocated_by else "the Board"),
                    m(c.allocated),
                )
            )
        else:
            if c.cash:
                rows.append(("cash received (4.C(2)(i))", m(c.cash)))
            if c.property_value:
                on = c.property_valued_on.isoformat() if c.property_valued_on else "date not stated"
                valued = f"{esc(c.property_valued_by)}, {on}"
                rows.append(
                    (
                        f"property at the Board's fair value ({valued}) (4.C(2)(ii))",
                        m(c.property_value),
                    )
                )
        if c.for_rights:
            rows.append(("received for the rights or securities (4.C(3))", m(c.for_rights)))
        if c.minimum_exercise_payments:
            rows.append(
                (
                    "minimum exercise or conversion payments (4.C(3)/(4))",
                    m(c.minimum_exercise_payments),
                )
            )
        rows.append(("less the Company's expenses of the issue (4.C(2))", m(c.expenses)))
        rows.append(("consideration", m(c.total)))
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
        columns = (
            ("", "immediately before", "immediately after")
            if cert.kind is CertificateKind.READJUSTMENT
            else ("", "before", "after")
        )
        rows = [columns, ("issued and outstanding", n(b.issued), n(a.issued))]
        if b.deemed or a.deemed:
            rows.append(("deemed outstanding (4.C(3)/(4))", n(b.deemed), n(a.deemed)))
        today = cert.outstanding_today
        if today is not None:
            rows.append(
                (
                    "shares outstanding or deemed outstanding (issued plus deemed), "
                    f"in today's shares ({cert.date.isoformat()})",
                    n(today[0]),
                    n(today[1]),
                )
            )
            rows.append((restated_label(cert), n(b.basis), n(a.basis)))
        else:
            rows.append(
                (
                    f"counted under the reading ({cert.reading.outstanding_basis.value}): A, A + C",
                    n(b.basis),
                    n(a.basis),
                )
            )
        if cert.additional_shares is not None:
            rows.append(
                ("Additional Shares issued or deemed issued", n(cert.additional_shares), "")
            )
        sections.append(("(b) Shares outstanding or deemed outstanding", rows))
    sections.append(("(c) Exercise Price before the adjustment", [(f(cert.price_before),)]))
    sections.append(("(d) Exercise Price after the adjustment", [(f(cert.price_after),)]))
    if cert.warrants:
        rows = [("warrant", "on its face", "before", "after")]
        rows += [
            (esc(w.warrant), n(w.face_shares), n(w.before), n(w.after)) for w in cert.warrants
        ]
        sections.append(("Shares receivable on exercise", rows))
    for item in cert.delivers:
        amount = m if item.kind.strip().lower() == "cash" else f  # cash is money
        rows = [("per share of Common Stock", amount(item.per_share_of_common))]
        rows += [
            (f"warrant {esc(name)}", amount(quantity)) for name, quantity in item.per_warrant
        ]
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
                [("cap", n(co.cap)), ("used", n(co.used)), ("remaining", n(co.remaining))],
            )
        )
    sections.append(("The reading (SPEC §9: the choices where the warrant is silent)",
                     reading_rows(cert)))
    # shown as code in Markdown (nothing in it is read as markup): only made visible
    sections.append(("Arithmetic (exact)", [(plain(line),) for line in cert.arithmetic]))
    return sections


def _heading(cert: Certificate, esc: Escape = plain) -> list[tuple[str, str]]:
    rows = [
        ("Warrant", f"{esc(cert.terms)} ({esc(cert.issuer)})"),
        ("Adjustment", adjustment_named(cert, esc)),
    ]
    if cert.sequence is not None:
        rows.append(
            ("Replay index", f"{cert.sequence} (the number --adjustment takes)")
        )
    rows += [
        ("Reading", cert.reading.label()),
        ("Facts digest (SHA-256, warrant-facts/1)", cert.facts_digest),
    ]
    return rows


def _numeric(cell: str) -> bool:
    return not cell or cell[0].isdigit() or cell[0] in "-$"


_HEADERS = ("", "day", "warrant", "field")


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
            header = rows[0] if rows[0][0] in _HEADERS else ("item", "amount")
            body = rows[1:] if header is rows[0] else rows
            lines.append("| " + " | ".join(header) + " |")
            numeric = [i > 0 and all(_numeric(row[i]) for row in body) for i in range(len(header))]
            lines.append("|" + "|".join("---:" if right else "---" for right in numeric) + "|")
            lines += ["| " + " | ".join(row) + " |" for row in body]
        lines.append("")
    lines.append(
        f"Money is in dollars to the cent, share counts whole where they are whole, prices "
        f"rounded half-up to {places} decimal places, the exact value beside any figure that "
        "rounding changed; the JSON certificate carries every value exactly."
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
        f"Money to the cent, shares whole where whole, prices rounded half-up to {places} "
        "decimal places (exact value beside where rounded); the JSON certificate is exact."
    )
    return "\n".join(lines) + "\n"


_STYLE = """
body { font-family: Georgia, 'Times New Roman', serif; max-width: 52em; margin: 2em auto;
       color: #000; background: #fff; line-height: 1.35; }
h1 { font-size: 1.4em; border-bottom: 2px solid #000; padding-bottom: .2em; }
h2 { font-size: 1.1em; margin-top: 1.4em; page-break-after: avoid; }
table { border-collapse: collapse; margin: .4em 0; page-break-inside: avoid; }
th, td { border-bottom: 1px solid #999; padding: .2em .6em; vertical-align: top;
         text-align: left; }
td.n { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
dl.head { display: grid; grid-template-columns: max-content auto; gap: .2em 1em; }
dl.head dt { font-weight: bold; }
dl.head dd { margin: 0; overflow-wrap: anywhere; }
pre { white-space: pre-wrap; overflow-wrap: anywhere; font-size: .85em; }
p.note { font-size: .9em; }
@page { margin: 2cm; }
@media print { body { margin: 0; max-width: none; } }
"""


def certificate_html(cert: Certificate, *, places: int = 4) -> str:
    """The certificate as one self-contained HTML page, ready to print (no script, nothing
    fetched); every text taken from the input is escaped."""

    def e(text: str) -> str:
        return html.escape(text, quote=True)

    title = "Certificate as to adjustment (Section 4.G)"
    out = [
        "<!DOCTYPE html>",
        '<html lang="en">',
        "<head>",
        '<meta charset="utf-8">',
        f"<title>{e(title)}: {e(adjustment_named(cert, plain))}</title>",
        f"<style>{_STYLE}</style>",
        "</head>",
        "<body>",
        f"<h1>{e(title)}</h1>",
        '<dl class="head">',
    ]
    for label, value in _heading(cert):
        out.append(f"<dt>{e(label)}</dt><dd>{e(value)}</dd>")
    out.append("</dl>")
    for section_title, rows in _sections(cert, places):
        out.append(f"<h2>{e(section_title)}</h2>")
        if len(rows[0]) == 1:
            if section_title.startswith("Arithmetic"):
                out.append("<pre>" + "\n".join(e(row[0]) for row in rows) + "</pre>")
            else:
                out += [f"<p>{e(row[0])}</p>" for row in rows]
            continue
        header = rows[0] if rows[0][0] in _HEADERS else None
        body = rows[1:] if header is not None else rows
        out.append("<table>")
        if header is not None:
            out.append("<tr>" + "".join(f"<th>{e(cell)}</th>" for cell in header) + "</tr>")
        for row in body:
            cells = [
                f'<td class="n">{e(cell)}</td>'
                if i > 0 and _numeric(cell)
                else f"<td>{e(cell)}</td>"
                for i, cell in enumerate(row)
            ]
            out.append("<tr>" + "".join(cells) + "</tr>")
        out.append("</table>")
    out.append(
        f'<p class="note">Money is shown in dollars to the cent, share counts whole where they '
        f"are whole, prices rounded half-up to {places} decimal places; the exact value stands "
        "beside any figure that rounding changed, and the JSON certificate carries every value "
        "exactly.</p>"
    )
    out += ["</body>", "</html>"]
    return "\n".join(out) + "\n"
