"""Replaying a scenario: the adjustment history and the price and shares in force.

``replay(scenario, as_of=...)`` applies the scenario's events dated on or
before ``as_of`` (all of them by default) to a fresh ledger and returns the
result, which renders as the JSON object of SPEC §10 or as a table for people.
"""

from __future__ import annotations

import datetime as dt
from fractions import Fraction

import attrs

from warrant.files.scenario_files import Scenario
from warrant.ground.errors import EventRejected
from warrant.ground.exact import exact_str, fixed_str, terminates
from warrant.register.ledger import Ledger


@attrs.frozen
class Replay:
    """The result of replaying a scenario up to ``as_of``."""

    scenario: Scenario
    ledger: Ledger = attrs.field(eq=False)
    as_of: dt.date

    @property
    def exercise_price(self) -> Fraction:
        return self.ledger.price_on(self.as_of)

    @property
    def shares(self) -> Fraction | None:
        face = self.scenario.face_shares
        return None if face is None else self.ledger.shares_on(self.as_of, face)

    def to_json(self) -> dict[str, object]:
        """SPEC §10: ``exercise_price``, ``shares``, ``as_of``, ``reading``, ``carve_out``,
        ``adjustments`` (every quantity an exact string), plus every event's determination."""
        terms = self.scenario.terms
        shares = self.shares
        return {
            "warrant": terms.name,
            "face_shares": exact_str(self.scenario.face_shares)
            if self.scenario.face_shares
            else None,
            "exercise_price": exact_str(self.exercise_price),
            "shares": exact_str(shares) if shares is not None else None,
            "as_of": self.as_of.isoformat(),
            "reading": self.scenario.reading.to_json(),
            "outstanding": self.ledger.outstanding.to_json(),
            "carve_out": self.ledger.carve_out.to_json(),
            "adjustments": [
                adjustment.to_json(
                    face_shares=self.scenario.face_shares, initial_price=terms.exercise_price
                )
                for adjustment in self.ledger.adjustments
            ],
            "entitlements": [
                item.to_json(self.scenario.face_shares)
                for item in self.ledger.position.entitlements
            ],
            "substitution": self._substitution(),
            "determinations": [d.to_json() for d in self.ledger.determinations],
        }

    def _substitution(self) -> dict[str, object] | None:
        """4.B: what the warrant is exercisable for after a reorganisation, per warrant."""
        substitution = self.ledger.position.substitution
        if substitution is None:
            return None
        shares = substitution.shares_per_face_share * (self.scenario.face_shares or 1)
        return {
            "date": substitution.date.isoformat(),
            "clause": "4.B",
            "per_share_of_common": {kind: exact_str(q) for kind, q in substitution.basket},
            "per_warrant": {kind: exact_str(q * shares) for kind, q in substitution.basket},
            "manual_determination": "further dilution protection of the new securities (4.C(7))",
        }

    def table(self) -> str:
        """The adjustment history as a plain-text table, then the position in force."""
        terms = self.scenario.terms
        face = self.scenario.face_shares
        rows = [
            (
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
        ]
        for a in self.ledger.adjustments:
            clause = a.clause + (" readj." if a.readjustment else "")
            shares_after = (
                "" if face is None else _shown(face * terms.exercise_price / a.price_after)
            )
            rows.append(
                (
                    str(a.sequence),
                    a.date.isoformat(),
                    clause,
                    str(a.event.label),
                    _shown(a.fmv.value) if a.fmv else "",
                    _shown(a.effective_price) if a.effective_price is not None else "",
                    _shown(a.price_before),
                    _shown(a.price_after),
                    shares_after,
                )
            )
        widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
        lines = [
            f"{terms.issuer}: warrant {terms.name}, reading: {self.scenario.reading.label()}",
            "",
        ]
        if len(rows) == 1:
            lines.append("No adjustments.")
        else:
            for row in rows:
                lines.append(
                    "  ".join(
                        cell.ljust(width) for cell, width in zip(row, widths, strict=True)
                    ).rstrip()
                )
        lines.append("")
        lines.append(
            f"In force on {self.as_of.isoformat()}: Exercise Price {exact_str(self.exercise_price)}"
        )
        if self.shares is not None and face is not None:
            lines.append(
                f"  shares receivable for {exact_str(face)} on the face: {exact_str(self.shares)}"
            )
        carve = self.ledger.carve_out
        lines.append(
            f"  carve-out 4.C(5)(iii): {exact_str(carve.used)} used of {exact_str(carve.cap)}, "
            f"{exact_str(carve.remaining)} remaining"
        )
        lines.append("")
        lines.append("Events:")
        for d in self.ledger.determinations:
            lines.append(
                f"  {d.event.describe()} {d.date.isoformat()}: {d.outcome.value} [{d.clause}]"
            )
            lines.extend(f"      {reason}" for reason in d.reasons)
        return "\n".join(lines)


def _shown(value: Fraction) -> str:
    """Exact where short, else rounded to 6 places and marked (the JSON carries the exact value)."""
    if terminates(value) and len(exact_str(value)) <= 14:
        return exact_str(value)
    return "~" + fixed_str(value, 6)


def _check_order(scenario: Scenario) -> None:
    """Events must be in date order, even those after ``as_of`` that are not applied."""
    previous = None
    for index, event in enumerate(scenario.events):
        day = event.effective_date
        if previous is not None and day < previous:
            raise EventRejected(
                f"effective {day.isoformat()}, before the previous event ({previous.isoformat()}): "
                "events must be in date order",
                field="date",
                where=f"event[{index}] ({event.TYPE})",
            )
        previous = day


def replay(scenario: Scenario, *, as_of: dt.date | None = None) -> Replay:
    """Apply the scenario's events (those dated on or before ``as_of``) to a fresh ledger."""
    _check_order(scenario)
    ledger = Ledger(
        capitalization=scenario.capitalization,
        prices=scenario.prices,
        terms=scenario.terms,
        reading=scenario.reading,
    )
    for event in scenario.events:
        if as_of is not None and event.date > as_of:
            break
        ledger.apply(event)
    if as_of is None:
        as_of = ledger.position.last_date or scenario.terms.issue_date
    return Replay(scenario=scenario, ledger=ledger, as_of=as_of)
