"""``warrant demo`` for a person: the facts, the dates, the carve-out through the gap, the
verdict, the readings that change it, and the adjustment it makes."""

from __future__ import annotations

from warrant.analyses.demo import ILLUSTRATIVE, ILLUSTRATIVE_ITEMS, OFFER_FACTS, Demo
from warrant.files.certificate_output import certificate_text
from warrant.files.exchange_output import (
    carve_out_lines,
    dependence_lines,
    exchange_to_json,
    grant_lines,
    money,
    price_line,
    shown,
    table,
)


def demo_json(demo: Demo) -> dict[str, object]:
    """``demo --json``: the exchange object, and ``illustrative``, what the demo invents
    where the documents give no figure, so a program cannot take those figures as the
    offer's."""
    data = exchange_to_json(demo.verdict)
    data["illustrative"] = [
        {"item": item, "description": description}
        for item, description in zip(ILLUSTRATIVE_ITEMS, ILLUSTRATIVE, strict=True)
    ]
    return data


def demo_text(demo: Demo) -> str:
    verdict = demo.verdict
    scenario = demo.scenario
    terms = scenario.terms
    lines = [
        f"The 2003 option exchange of {terms.issuer} against its 2002 lender warrant "
        f"({terms.name}: Exercise Price {money(terms.exercise_price)}, carve-out "
        f"{shown(terms.carve_out_cap)} plan-option shares, 4.C(5)(iii))",
        "",
        "From the offer to exchange:",
    ]
    lines += ["  " + line for line in table([(k, v) for k, v in OFFER_FACTS])]
    lines += ["", "ILLUSTRATIVE (the documents give no figure):"]
    lines += [f"  - {item}" for item in ILLUSTRATIVE]
    dates = verdict.dates
    if dates is not None:
        lines += ["", "Dates, by the offer's own business days:"]
        lines += [
            "  " + line
            for line in table(
                [
                    ("lookback start", dates.lookback_start.isoformat()),
                    ("cancellation", dates.cancellation.isoformat()),
                    ("earliest grant date", dates.earliest_grant.isoformat()),
                    ("grant date used", dates.grant_date.isoformat()),
                ]
            )
        ]
    lines += ["", f"The carve-out through the gap (reading: {verdict.reading.label()}):"]
    lines += ["  " + line for line in carve_out_lines(verdict)]
    lines += ["", "The new grants, each tested as the engine tests it:"]
    lines += ["  " + line for line in grant_lines(verdict)]
    lines.append("")
    word = "TRIGGERS" if verdict.triggers else "does NOT trigger"
    lines.append(
        f"Verdict under the default reading: the exchange {word} a Section 4.C adjustment."
    )
    for reason in verdict.reasons[1:]:
        lines.append(f"  - {reason}")
    lines.append("  " + price_line(verdict))
    lines.append("")
    lines += dependence_lines(verdict, "the default")
    for cert in demo.certificates:
        lines += ["", "The adjustment's certificate (4.G):", "", certificate_text(cert, places=4)]
    return "\n".join(lines).rstrip() + "\n"
