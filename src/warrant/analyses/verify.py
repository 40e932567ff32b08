"""Verifying an accountants' certificate (4.G) figure by figure, and which reading produced it.

Counsel types the certificate from the paper (:class:`StatedCertificate`, read by
:mod:`warrant.files.certificate_files`); :func:`verify` recomputes the adjustment
from the facts (a scenario) under the scenario's reading and reports, for every
figure stated, whether it agrees.

* A figure written with N decimals agrees when the exact value rounded half-up to
  N places equals it (``1.9036`` agrees with 1.903625, ``1.9037`` does not); a
  ``p/q`` figure must be exact.  ``difference`` is recomputed − stated, exact.
* A readjustment's ``outstanding_before`` and ``outstanding_after`` may be stated
  either as the restated issue's ``A`` and ``A + C′`` (in the shares of that issue's
  date) or as the shares outstanding or deemed outstanding immediately before and
  after the readjustment (issued plus deemed, today's shares); either agrees, and
  ``matched`` says which.
* A stated clause agrees when it names the adjustment's clause or a sub-clause of it.
* A figure the adjustment cannot have (an FMV for a 4.D dividend) is
  ``not_applicable`` and decides nothing; ``missing`` lists what 4.G requires and
  the certificate leaves out.
* A stated facts digest that differs from the digest of the facts given makes the
  verdict ``disagrees``: the certificate rests on other facts.
* When the stated figures do not all agree, every other reading is tried
  (:meth:`Reading.all`); ``reproduced_by`` names those under which every stated
  figure agrees.  The adjustment is found there by its event, clause and
  readjustment marker, never by its place in the list.
"""

from __future__ import annotations

import datetime as dt
import enum
import itertools
import re
from collections.abc import Iterable
from fractions import Fraction

import attrs

from warrant.analyses.certificates import EventKey, Located, clause_covers, locate
from warrant.analyses.facts_digest import normalized_digest
from warrant.case.scenario import Scenario
from warrant.ground.errors import CertificateError
from warrant.ground.exact import round_half_up, to_fraction
from warrant.instrument.readings import Reading
from warrant.section4.g_certificates import FIGURES, Certificate, applicable_figures

_DECIMAL = re.compile(
    r"(?P<sign>[-+]?)(?:(?:US|U\.S\.)?\s*\$\s*)?"
    r"(?P<whole>\d{1,3}(?:,\d{3})+|\d+)(?:\.(?P<decimals>\d+))?",
    re.IGNORECASE,
)
_RATIO = re.compile(r"(?P<sign>[-+]?)(?P<p>\d+)/(?P<q>\d+)")


@attrs.frozen
class StatedFigure:
    """One figure as the certificate writes it: the text, its value, and its decimals
    (``None`` for a ``p/q`` figure, which must be exact)."""

    name: str
    text: str
    value: Fraction
    places: int | None

    @classmethod
    def parse(cls, name: str, text: str) -> StatedFigure:
        """Read ``"1.9036"``, ``"$1,903.63"``, ``"$ 1.94"``, ``"US$1.94"``, ``"101,910.83"``
        or ``"16000000/157"``."""
        if name not in FIGURES:
            raise CertificateError(
                f"unknown figure {name!r} (known: {', '.join(FIGURES)})",
                field=f"figures.{name}",
                clause="4.G",
            )
        cleaned = text.strip()
        field = f"figures.{name}"
        decimal = _DECIMAL.fullmatch(cleaned)
        if decimal:
            # read within the bounds of every quantity (docs/numbers.md): a figure of
            # thousands of digits is refused by name, before any arithmetic
            digits = decimal["whole"].replace(",", "") + "." + (decimal["decimals"] or "0")
            value = to_fraction(digits, field=field, clause="4.G")
            value *= -1 if decimal["sign"] == "-" else 1
            return cls(name, text, value, len(decimal["decimals"] or ""))
        ratio = _RATIO.fullmatch(cleaned)
        if ratio and ratio["q"].strip("0"):
            value = to_fraction(f"{ratio['p']}/{ratio['q']}", field=field, clause="4.G")
            value *= -1 if ratio["sign"] == "-" else 1
            return cls(name, text, value, None)
        raise CertificateError(
            f'not a figure: {text!r} (write a decimal such as "1.9036", "$1,903.63" or "US$1.94", '
            f'or an exact "p/q" such as "16000000/157")',
            field=f"figures.{name}",
            clause="4.G",
        )

    def agrees_with(self, exact: Fraction) -> bool:
        if self.places is None:
            return exact == self.value
        return round_half_up(exact, self.places) == self.value


@attrs.frozen(kw_only=True)
class StatedCertificate:
    """A certificate as the accountants wrote it (the keys of the certificate file)."""

    event: EventKey | None = None
    adjustment: int | None = None
    clause: str | None = None
    readjustment: bool | None = None
    date: dt.date | None = None
    warrant: str | None = None
    reading: Reading | None = None
    facts_digest: str | None = None
    figures: tuple[StatedFigure, ...] = ()

    def __attrs_post_init__(self) -> None:
        if self.event is None and self.adjustment is None:
            raise CertificateError(
                "a certificate names its event (id or 0-based position) or its adjustment "
                "(the sequence replay shows)",
                field="event",
                clause="4.G",
            )
        names = [figure.name for figure in self.figures]
        repeated = sorted({name for name in names if names.count(name) > 1})
        if repeated:
            raise CertificateError(
                f"figure stated twice: {', '.join(repeated)}", field="figures", clause="4.G"
            )


class Verdict(enum.Enum):
    AGREES = "agrees"
    DISAGREES = "disagrees"


@attrs.frozen
class FigureCheck:
    """One stated figure against the recomputed exact value."""

    figure: str
    stated: str
    places: int | None
    recomputed: Fraction
    #: the exact value rounded to the stated places (the exact value for a ``p/q`` figure)
    rounded: Fraction
    #: recomputed − stated, exact and signed
    difference: Fraction
    agrees: bool
    clause: str
    #: what the agreeing value counts where a figure may be stated two ways (a
    #: readjustment's shares outstanding: ``restated-issue`` or ``outstanding-today``)
    matched: str = ""


@attrs.frozen
class Check:
    """A stated non-figure (clause, date, facts digest) against the recomputed one."""

    stated: str
    recomputed: str
    agrees: bool


@attrs.frozen(kw_only=True)
class Verification:
    """Counsel's verdict on one certificate."""

    verdict: Verdict
    certificate: Certificate
    warrant: str | None
    scenario_reading: Reading
    figures: tuple[FigureCheck, ...]
    missing: tuple[str, ...]
    not_applicable: tuple[str, ...]
    reproduced_by: tuple[Reading, ...]
    readings_tried: int
    clause: Check | None = None
    date: Check | None = None
    facts_digest: Check | None = None
    #: the digest of the facts given, recomputed under the reading the certificate states
    facts_digest_under_stated_reading: Check | None = None
    stated_reading: Reading | None = None
    #: whether every reading was tried (else only the scenario's and the stated one)
    searched: bool = False

    @property
    def reproduced_when(self) -> str:
        """The readings that reproduce the certificate, said in one short line: the fields
        that matter and their values (see :func:`readings_condition`)."""
        if not self.searched:
            labels = sorted({reading.label() for reading in self.reproduced_by})
            said = "; ".join(f"the reading {label}" for label in labels) or "no reading"
            return f"{said} (the other readings not tried: --all-readings tries them)"
        return readings_condition(self.reproduced_by)

    @property
    def agrees(self) -> bool:
        return self.verdict is Verdict.AGREES

    @property
    def stated_reading_reproduces(self) -> bool | None:
        return None if self.stated_reading is None else self.stated_reading in self.reproduced_by

    @property
    def disagreeing(self) -> tuple[str, ...]:
        """The figures (and clause, date, digest) that do not agree."""
        named = [check.figure for check in self.figures if not check.agrees]
        for label, check in (("clause", self.clause), ("date", self.date)):
            if check is not None and not check.agrees:
                named.append(label)
        if self.facts_digest is not None and not self.facts_digest.agrees:
            named.append("facts_digest")
        return tuple(named)


def verify(
    scenario: Scenario, stated: StatedCertificate, *, all_readings: bool = False
) -> Verification:
    """Recompute the certificate's adjustment from ``scenario`` and judge each stated figure.

    Other readings are tried when the stated figures do not all agree under the
    scenario's own (or always, with ``all_readings``).
    """
    found = locate(
        scenario,
        adjustment=stated.adjustment,
        event=stated.event,
        clause=stated.clause,
        readjustment=stated.readjustment,
        strict_clause=False,
    )
    warrants = found.series(stated.warrant)
    if stated.warrant is None and len(warrants) > 1 and _states_shares(stated):
        raise CertificateError(
            f"the series has {len(warrants)} warrants ({', '.join(n for n, _ in warrants)}): "
            "name the warrant whose shares the certificate states",
            field="warrant",
            clause="4.G",
        )
    cert = found.certificate(warrants)
    warrant = warrants[0][0] if len(warrants) == 1 else stated.warrant
    checks, not_applicable = _check_figures(cert, stated, warrant, has_shares=bool(warrants))
    stated_names = {figure.name for figure in stated.figures}
    missing = tuple(
        name
        for name in cert.required
        if name not in stated_names and (warrants or not name.startswith("shares_"))
    )
    clause = (
        Check(stated.clause, cert.clause, clause_covers(cert.clause, stated.clause))
        if stated.clause is not None
        else None
    )
    date = (
        Check(stated.date.isoformat(), cert.date.isoformat(), stated.date == cert.date)
        if stated.date is not None
        else None
    )
    digest = under_stated = None
    if stated.facts_digest is not None:
        given = normalized_digest(stated.facts_digest)
        digest = Check(stated.facts_digest, cert.facts_digest, given == cert.facts_digest)
        if stated.reading is not None and stated.reading != scenario.reading:
            other = found.digest_under(stated.reading)
            under_stated = Check(stated.facts_digest, other, given == other)
    applicable = {check.figure for check in checks}
    search = all_readings or not all(check.agrees for check in checks)
    reproduced, tried = _reproducing_readings(
        scenario,
        found,
        stated,
        warrant,
        applicable=applicable,
        own=all(check.agrees for check in checks),
        search=search,
    )
    agrees = all(check.agrees for check in checks) and all(
        c.agrees for c in (clause, date, digest) if c is not None
    )
    return Verification(
        verdict=Verdict.AGREES if agrees else Verdict.DISAGREES,
        certificate=cert,
        warrant=warrant,
        scenario_reading=scenario.reading,
        figures=checks,
        missing=missing,
        not_applicable=not_applicable,
        reproduced_by=reproduced,
        readings_tried=tried,
        clause=clause,
        date=date,
        facts_digest=digest,
        facts_digest_under_stated_reading=under_stated,
        stated_reading=stated.reading,
        searched=search,
    )


def readings_condition(readings: Iterable[Reading]) -> str:
    """Which readings these are, among every reading (:meth:`Reading.all`), in one short line:
    ``outstanding_basis = fully-diluted; the other fields any value``.

    When the set is not one value set per field, it is the union of such conditions
    (``… , or …``), each as short as it can be; past three of them the line says how many
    readings there are and leaves the list to ``reproduced_by``.
    """
    universe = Reading.all()
    names = [field.name for field in attrs.fields(Reading)]
    domains = {name: _values(universe, name) for name in names}
    points = {reading: tuple(getattr(reading, name) for name in names) for reading in universe}
    chosen = {points[reading] for reading in readings}
    if not chosen:
        return "no reading"
    if len(chosen) == len(universe):
        return "every reading"
    parts: list[str] = []
    left = set(chosen)
    while left:
        # the largest box of readings (one value set per field) inside ``chosen`` that holds
        # the first reading left, grown one value at a time
        seed = min(left, key=lambda point: _order(point, names, domains))
        box = [[value] for value in seed]
        grown = True
        while grown:
            grown = False
            for position, name in enumerate(names):
                for value in domains[name]:
                    if value in box[position]:
                        continue
                    trial = [*box[:position], [*box[position], value], *box[position + 1 :]]
                    if set(itertools.product(*trial)) <= chosen:
                        box = trial
                        grown = True
        left -= set(itertools.product(*box))
        parts.append(_box_text(dict(zip(names, box, strict=True)), domains))
    if len(parts) > 3:
        return (
            f"{len(chosen)} of the {len(universe)} readings, no shorter rule "
            "(reproduced_by lists them)"
        )
    return ", or ".join(parts)


def _order(
    point: tuple[object, ...], names: list[str], domains: dict[str, list[object]]
) -> list[int]:
    """A reading's place among every reading: its fields' values in :meth:`Reading.all`'s
    order, so the condition is always said the same way."""
    return [domains[name].index(value) for name, value in zip(names, point, strict=True)]


def _values(universe: Iterable[Reading], name: str) -> list[object]:
    seen: list[object] = []
    for reading in universe:
        value = getattr(reading, name)
        if value not in seen:
            seen.append(value)
    return seen


def _box_text(box: dict[str, list[object]], domains: dict[str, list[object]]) -> str:
    fixed = [
        f"{name} = " + " or ".join(_spelled(value) for value in values)
        for name, values in box.items()
        if len(values) < len(domains[name])
    ]
    if not fixed:
        return "every reading"
    if len(fixed) == len(box):
        return "; ".join(fixed)
    return "; ".join(fixed) + "; the other fields any value"


def _spelled(value: object) -> str:
    if isinstance(value, enum.Enum):
        return str(value.value)
    return str(value).lower()


def _check_figures(
    cert: Certificate, stated: StatedCertificate, warrant: str | None, *, has_shares: bool
) -> tuple[tuple[FigureCheck, ...], tuple[str, ...]]:
    recomputed = cert.figures(warrant)
    applicable = applicable_figures(cert.kind)
    checks: list[FigureCheck] = []
    not_applicable: list[str] = []
    for figure in _in_order(stated.figures):
        if figure.name.startswith("shares_") and not has_shares:
            raise CertificateError(
                "the scenario gives no face_shares for its warrant, so the shares receivable "
                "cannot be recomputed: add face_shares to [warrant]",
                field=f"figures.{figure.name}",
                clause="4.G",
            )
        exact = recomputed.get(figure.name)
        if figure.name not in applicable or exact is None:
            not_applicable.append(figure.name)
            continue
        accepted = cert.accepted(figure.name, warrant)
        matched = next(
            ((label, value) for label, value in accepted if figure.agrees_with(value)), None
        )
        label, exact = matched if matched is not None else accepted[0]
        rounded = exact if figure.places is None else round_half_up(exact, figure.places)
        checks.append(
            FigureCheck(
                figure=figure.name,
                stated=figure.text,
                places=figure.places,
                recomputed=exact,
                rounded=rounded,
                difference=exact - figure.value,
                agrees=matched is not None,
                clause=cert.figure_clause(figure.name),
                matched=label if matched is not None else "",
            )
        )
    return tuple(checks), tuple(not_applicable)


def _states_shares(stated: StatedCertificate) -> bool:
    return any(figure.name.startswith("shares_") for figure in stated.figures)


def _in_order(figures: Iterable[StatedFigure]) -> list[StatedFigure]:
    return sorted(figures, key=lambda figure: FIGURES.index(figure.name))


def _reproducing_readings(
    scenario: Scenario,
    found: Located,
    stated: StatedCertificate,
    warrant: str | None,
    *,
    applicable: set[str],
    own: bool,
    search: bool,
) -> tuple[tuple[Reading, ...], int]:
    """The readings under which every stated (applicable) figure agrees, and how many
    register replays it took to find them.

    The search runs the events up to the adjustment under every reading, but replays
    only readings that differ from those already run on a field the rules read
    (:meth:`Located.across_readings`).
    """
    figures = [figure for figure in stated.figures if figure.name in applicable]
    if not search:
        reproduced = [scenario.reading] if own else []
        if stated.reading is None or stated.reading == scenario.reading:
            return tuple(reproduced), 0
        if _agrees_in(found.under(stated.reading), figures, warrant):
            reproduced.append(stated.reading)
        return tuple(reproduced), 1
    side = found.across_readings(lambda again: _agrees_in(again, figures, warrant))
    return tuple(reading for reading, agrees in side.answers if agrees), side.runs


def _agrees_in(found: Located | None, figures: list[StatedFigure], warrant: str | None) -> bool:
    """Whether every figure agrees with the same adjustment found under another reading
    (``None``: under that reading the event made no such adjustment)."""
    if found is None:
        return False
    cert = found.certificate(found.series(warrant), with_digest=False)
    return all(
        any(figure.agrees_with(value) for _, value in cert.accepted(figure.name, warrant))
        for figure in figures
    )
