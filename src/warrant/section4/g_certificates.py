"""Section 4.G: the accountants' certificate of an adjustment, built from the ledger's records.

For each adjustment of what the warrant delivers, 4.G asks for a certificate that
sets the adjustment out and shows the facts it rests on, stating at least (a) the
consideration received or deemed received for the Additional Shares, (b) the
shares outstanding or deemed outstanding, (c) the Exercise Price before and (d)
the Exercise Price after.  A :class:`Certificate` holds those four and the facts
behind them: the event and its clause, the Current Fair Market Value with its five
days, the Effective Price, the carve-out position, the shares receivable under
each warrant of the series before and after, the reading, and the arithmetic
written out.  It is built from an :class:`~warrant.register.records.Adjustment`
(4.C and its readjustments, 4.D, 4.E) or, for a change in *what* the warrant
delivers rather than in its price (4.A, 4.B), from the event's determination.

The *figures* of a certificate (:data:`FIGURES`) are the quantities counsel
checks one by one; each has the clause that defines it for this kind of
adjustment, and a figure the kind does not have (an FMV for a 4.D dividend) is
absent rather than zero.  Rendering (JSON, Markdown, text) is in
:mod:`warrant.files.certificate_output`; checking a stated certificate is in
:mod:`warrant.analyses.verify`.
"""

from __future__ import annotations

import datetime as dt
import enum
from collections.abc import Mapping, Sequence
from fractions import Fraction

import attrs

from warrant.ground.exact import shown
from warrant.instrument.readings import Reading
from warrant.instrument.terms import shares_receivable
from warrant.market.fmv import FairMarketValue
from warrant.register.records import (
    Adjustment,
    AppliedFormula,
    CarveOutPosition,
    EventRef,
    Outstanding,
)
from warrant.section4.c2_consideration import Consideration

#: The figures a certificate states, by the names ``replay --json`` uses.
FIGURES: tuple[str, ...] = (
    "consideration",
    "additional_shares",
    "outstanding_before",
    "outstanding_after",
    "price_before",
    "price_after",
    "shares_before",
    "shares_after",
    "fmv",
    "effective_price",
)

#: What 4.G names outright: (a) consideration, (b) shares outstanding, (c) and (d) the
#: Exercise Price before and after, and the adjustment itself (the shares receivable).
REQUIRED_BY_4G: tuple[str, ...] = (
    "consideration",
    "outstanding_before",
    "outstanding_after",
    "price_before",
    "price_after",
    "shares_before",
    "shares_after",
)


class CertificateKind(enum.Enum):
    """Which provision the certified change comes from; it decides the figures there are."""

    WEIGHTED_AVERAGE = "4.C"  # 4.C(1), (3), (4), (6), (8): a sale or deemed issue below FMV
    READJUSTMENT = "4.C(3) readjustment"  # rights lapsed unexercised
    STOCK_DIVIDEND = "4.D"
    SPLIT = "4.E"
    DELIVERY = "4.A/4.B"  # what the warrant delivers changes; the price does not


@attrs.frozen
class WarrantShares:
    """Shares receivable under one warrant of the series, before and after."""

    warrant: str
    face_shares: Fraction
    before: Fraction
    after: Fraction


@attrs.frozen
class Delivered:
    """4.A/4.B: one kind of property the warrant now delivers, per share of Common Stock
    and per warrant (``per_warrant`` pairs a warrant id with its quantity)."""

    kind: str
    per_share_of_common: Fraction
    per_warrant: tuple[tuple[str, Fraction], ...]


@attrs.frozen
class RestatedIssue:
    """A readjustment's restated issue: the adjustment it restates (sequence, date, clause)
    and every split since, as (date, new shares per old share).  The restated issue's ``A``
    and ``A + C′`` are counted in the shares of its own date, before those splits."""

    sequence: int
    date: dt.date
    clause: str
    splits: tuple[tuple[dt.date, Fraction], ...] = ()


@attrs.frozen(kw_only=True)
class Certificate:
    """One 4.G certificate: the four statements, the facts, and the arithmetic."""

    issuer: str
    terms: str
    kind: CertificateKind
    event: EventRef
    clause: str
    date: dt.date
    #: the adjustment's ``sequence`` (None for a 4.A/4.B change of what is delivered)
    sequence: int | None
    readjustment: bool
    readjusts: int | None
    consideration: Consideration | None
    additional_shares: Fraction | None
    outstanding_before: Outstanding | None
    outstanding_after: Outstanding | None
    price_before: Fraction
    price_after: Fraction
    fmv: FairMarketValue | None
    effective_price: Fraction | None
    bought_at_fmv: Fraction | None
    carve_out: CarveOutPosition | None
    warrants: tuple[WarrantShares, ...]
    delivers: tuple[Delivered, ...] = ()
    reading: Reading
    arithmetic: tuple[str, ...]
    note: str = ""
    facts_digest: str
    #: the formula applied, when the terms' formula keys are not the 2002 warrant's own
    formula: AppliedFormula | None = None
    #: on a readjustment, the issue it restates (None otherwise)
    restated: RestatedIssue | None = None

    @property
    def outstanding_today(self) -> tuple[Fraction, Fraction] | None:
        """On a readjustment: the shares outstanding or deemed outstanding (issued plus
        deemed) immediately before and after it, in the shares of its own date."""
        if self.kind is not CertificateKind.READJUSTMENT:
            return None
        if self.outstanding_before is None or self.outstanding_after is None:
            return None
        before, after = self.outstanding_before, self.outstanding_after
        return before.issued + before.deemed, after.issued + after.deemed

    def accepted(self, figure: str, warrant: str | None = None) -> tuple[tuple[str, Fraction], ...]:
        """Every value a stated ``figure`` may equal, each with what it counts.

        One value for every figure but a readjustment's shares outstanding, which a
        certificate may state either way: as the restated issue's ``A`` and ``A + C′``
        (``restated-issue``, in the shares of that issue's date) or as the shares
        outstanding or deemed outstanding immediately before and after the readjustment
        (``outstanding-today``, issued plus deemed, in today's shares).
        """
        value = self.figures(warrant).get(figure)
        if value is None:
            return ()
        today = self.outstanding_today
        if today is None or figure not in ("outstanding_before", "outstanding_after"):
            return (("", value),)
        other = today[0] if figure == "outstanding_before" else today[1]
        return (("restated-issue", value), ("outstanding-today", other))

    def warrant_shares(self, warrant: str | None = None) -> WarrantShares | None:
        """The named warrant's shares, or the only warrant's; None when the scenario has none."""
        if warrant is None:
            return self.warrants[0] if len(self.warrants) == 1 else None
        return next((item for item in self.warrants if item.warrant == warrant), None)

    def figures(self, warrant: str | None = None) -> dict[str, Fraction]:
        """Every figure this certificate has, exact, for ``warrant`` (absent ones left out)."""
        shares = self.warrant_shares(warrant)
        values: dict[str, Fraction | None] = {
            "consideration": self.consideration.total if self.consideration else None,
            "additional_shares": self.additional_shares,
            "outstanding_before": self.outstanding_before.basis
            if self.outstanding_before
            else None,
            "outstanding_after": self.outstanding_after.basis if self.outstanding_after else None,
            "price_before": self.price_before,
            "price_after": self.price_after,
            "shares_before": shares.before if shares else None,
            "shares_after": shares.after if shares else None,
            "fmv": self.fmv.value if self.fmv else None,
            "effective_price": self.effective_price,
        }
        return {name: value for name, value in values.items() if value is not None}

    def figure_clause(self, figure: str) -> str:
        """The clause that defines ``figure`` for this kind of adjustment."""
        return figure_clause(self.kind, self.clause, figure)

    @property
    def required(self) -> tuple[str, ...]:
        """What 4.G requires of this kind of certificate (a figure it cannot have is not)."""
        return tuple(name for name in REQUIRED_BY_4G if name in applicable_figures(self.kind))


_APPLICABLE: Mapping[CertificateKind, frozenset[str]] = {
    CertificateKind.WEIGHTED_AVERAGE: frozenset(FIGURES),
    CertificateKind.READJUSTMENT: frozenset(FIGURES),
    CertificateKind.STOCK_DIVIDEND: frozenset(FIGURES)
    - {"consideration", "fmv", "effective_price"},
    CertificateKind.SPLIT: frozenset(FIGURES) - {"consideration", "fmv", "effective_price"},
    CertificateKind.DELIVERY: frozenset(
        {"price_before", "price_after", "shares_before", "shares_after"}
    ),
}


def applicable_figures(kind: CertificateKind) -> frozenset[str]:
    """The figures an adjustment of ``kind`` has (4.D has no consideration and no FMV)."""
    return _APPLICABLE[kind]


def figure_clause(kind: CertificateKind, clause: str, figure: str) -> str:
    """The clause a figure comes from: 4.C's formula terms for a 4.C adjustment, else the
    adjustment's own clause; the price before is 4.G(c) in every case."""
    if figure == "price_before":
        return "4.G(c)"
    if kind not in (CertificateKind.WEIGHTED_AVERAGE, CertificateKind.READJUSTMENT):
        return clause
    return {
        "consideration": "4.C(2)",
        "outstanding_before": "4.C(1)(b)",
        "outstanding_after": "4.C(1)(b)",
        "shares_before": "4.C(1)(a)",
        "shares_after": "4.C(1)(a)",
        "fmv": "Section 1",
        "effective_price": "4.C(1)",
    }.get(figure, clause)


def kind_of(adjustment: Adjustment) -> CertificateKind:
    if adjustment.clause.startswith("4.D"):
        return CertificateKind.STOCK_DIVIDEND
    if adjustment.clause.startswith("4.E"):
        return CertificateKind.SPLIT
    if adjustment.readjustment:
        return CertificateKind.READJUSTMENT
    return CertificateKind.WEIGHTED_AVERAGE


def certificate_of_adjustment(
    adjustment: Adjustment,
    *,
    issuer: str,
    terms: str,
    initial_price: Fraction,
    warrants: Sequence[tuple[str, Fraction]],
    facts_digest: str,
    restated: RestatedIssue | None = None,
) -> Certificate:
    """The certificate of one recorded adjustment; ``warrants`` pairs each warrant of the
    series with the shares on its face; ``restated`` is a readjustment's restated issue."""
    kind = kind_of(adjustment)
    before = adjustment.price_before
    after = adjustment.price_after
    shares = tuple(
        WarrantShares(
            warrant=name,
            face_shares=face,
            before=shares_receivable(face, initial_price=initial_price, price=before),
            after=shares_receivable(face, initial_price=initial_price, price=after),
        )
        for name, face in warrants
    )
    counts_before = Outstanding(
        issued=adjustment.issued_before,
        deemed=adjustment.deemed_before,
        basis=adjustment.outstanding_before,
    )
    counts_after = Outstanding(
        issued=adjustment.issued_after,
        deemed=adjustment.deemed_after,
        basis=adjustment.outstanding_after,
    )
    return Certificate(
        issuer=issuer,
        terms=terms,
        kind=kind,
        event=adjustment.event,
        clause=adjustment.clause,
        date=adjustment.date,
        sequence=adjustment.sequence,
        readjustment=adjustment.readjustment,
        readjusts=adjustment.readjusts,
        consideration=adjustment.consideration,
        additional_shares=adjustment.additional_shares,
        outstanding_before=counts_before,
        outstanding_after=counts_after,
        price_before=before,
        price_after=after,
        fmv=adjustment.fmv if kind in _HAS_FMV else None,
        effective_price=adjustment.effective_price if kind in _HAS_FMV else None,
        bought_at_fmv=adjustment.bought_at_fmv if kind in _HAS_FMV else None,
        carve_out=adjustment.carve_out,
        warrants=shares,
        reading=adjustment.reading,
        arithmetic=_arithmetic(adjustment, kind, shares),
        note=adjustment.note,
        facts_digest=facts_digest,
        formula=adjustment.formula,
        restated=restated if adjustment.readjustment else None,
    )


_HAS_FMV = (CertificateKind.WEIGHTED_AVERAGE, CertificateKind.READJUSTMENT)


def certificate_of_delivery(
    *,
    event: EventRef,
    clause: str,
    date: dt.date,
    price: Fraction,
    basket: Sequence[tuple[str, Fraction]],
    shares_per_face_share: Fraction,
    issuer: str,
    terms: str,
    initial_price: Fraction,
    reading: Reading,
    warrants: Sequence[tuple[str, Fraction]],
    facts_digest: str,
    note: str = "",
) -> Certificate:
    """4.A/4.B: the warrant now delivers ``basket`` per share of Common Stock receivable;
    the Exercise Price and the share count stay as they were."""
    shares = tuple(
        WarrantShares(
            warrant=name,
            face_shares=face,
            before=shares_receivable(face, initial_price=initial_price, price=price),
            after=shares_receivable(face, initial_price=initial_price, price=price),
        )
        for name, face in warrants
    )
    delivered = tuple(
        Delivered(
            kind=kind,
            per_share_of_common=quantity,
            per_warrant=tuple(
                (name, quantity * shares_per_face_share * face) for name, face in warrants
            ),
        )
        for kind, quantity in basket
    )
    lines = [f"Exercise Price unchanged: {shown(price)} ({clause})"]
    for item in delivered:
        for name, quantity in item.per_warrant:
            lines.append(
                f"{item.kind} for warrant {name}: {shown(item.per_share_of_common)} per share × "
                f"{shown(quantity / item.per_share_of_common)} shares = {shown(quantity)}"
                if item.per_share_of_common
                else f"{item.kind} for warrant {name}: {shown(quantity)}"
            )
    return Certificate(
        issuer=issuer,
        terms=terms,
        kind=CertificateKind.DELIVERY,
        event=event,
        clause=clause,
        date=date,
        sequence=None,
        readjustment=False,
        readjusts=None,
        consideration=None,
        additional_shares=None,
        outstanding_before=None,
        outstanding_after=None,
        price_before=price,
        price_after=price,
        fmv=None,
        effective_price=None,
        bought_at_fmv=None,
        carve_out=None,
        warrants=shares,
        delivers=delivered,
        reading=reading,
        arithmetic=tuple(lines),
        note=note,
        facts_digest=facts_digest,
    )


def _n(value: Fraction) -> str:
    """A number inside a formula: a ``p/q`` value in parentheses, so the formula reads right."""
    text = shown(value)
    return f"({text})" if "/" in text else text


def _terms_formula(a: Adjustment, applied: AppliedFormula) -> list[str]:
    """The formula of the terms' own keys, written out (docs/terms.md)."""
    assert a.consideration is not None
    total = a.consideration.total
    measured = (
        "the Current FMV" if applied.reference == "fmv" else "the Exercise Price in force"
    )
    threshold = applied.trigger * applied.reference_value
    against = (
        f"{measured} {_n(applied.reference_value)}" if applied.trigger == 1
        else f"{_n(applied.trigger)} × {measured} {_n(applied.reference_value)} = "
        f"{_n(threshold)}"
    )
    lines = []
    if a.effective_price is not None:
        lines.append(
            f"Effective Price = consideration / C = {_n(total)} / {_n(a.additional_shares)} = "
            f"{_n(a.effective_price)}, below {against}"
        )
    computed = applied.unrounded if applied.unrounded is not None else a.price_after
    if applied.formula == "full-ratchet":
        lines.append(
            f"full ratchet: P' = the Effective Price = {_n(computed)} ({a.clause})"
        )
    else:
        assert a.bought_at_fmv is not None
        lines.append(
            f"B = consideration / {measured} = {_n(total)} / {_n(applied.reference_value)} = "
            f"{_n(a.bought_at_fmv)}"
        )
        lines.append(
            f"P' = P × (A + B) / (A + C) = {_n(a.price_before)} × ({_n(a.outstanding_before)} + "
            f"{_n(a.bought_at_fmv)}) / ({_n(a.outstanding_before)} + {_n(a.additional_shares)}) "
            f"= {_n(computed)} ({a.clause})"
        )
    if applied.unrounded is not None:
        lines.append(
            f"rounded as the terms say: {_n(applied.unrounded)} → {_n(a.price_after)}"
        )
    return lines


def _arithmetic(
    adjustment: Adjustment, kind: CertificateKind, shares: Sequence[WarrantShares]
) -> tuple[str, ...]:
    """The formula of the clause, written out with its numbers."""
    a = adjustment
    lines: list[str] = []
    if kind is CertificateKind.WEIGHTED_AVERAGE and a.formula is not None and a.consideration:
        lines.extend(_terms_formula(a, a.formula))
    elif (
        kind is CertificateKind.WEIGHTED_AVERAGE
        and a.fmv
        and a.consideration
        and a.bought_at_fmv is not None
    ):
        total = a.consideration.total
        lines.append(
            f"B = consideration / Current FMV = {_n(total)} / {_n(a.fmv.value)} = "
            f"{_n(a.bought_at_fmv)}"
        )
        if a.effective_price is not None:
            lines.append(
                f"Effective Price = consideration / C = {_n(total)} / {_n(a.additional_shares)} = "
                f"{_n(a.effective_price)}, below the Current FMV {_n(a.fmv.value)}"
            )
        lines.append(
            f"P' = P × (A + B) / (A + C) = {_n(a.price_before)} × ({_n(a.outstanding_before)} + "
            f"{_n(a.bought_at_fmv)}) / ({_n(a.outstanding_before)} + {_n(a.additional_shares)}) "
            f"= {_n(a.price_after)} ({a.clause})"
        )
    elif kind is CertificateKind.STOCK_DIVIDEND and not a.readjustment:
        lines.append(
            f"P' = P × N / (N + D) = {_n(a.price_before)} × {_n(a.outstanding_before)} / "
            f"{_n(a.outstanding_after)} = {_n(a.price_after)} (4.D)"
        )
    elif kind is CertificateKind.SPLIT:
        ratio = a.outstanding_after / a.outstanding_before
        lines.append(f"P' = P / r = {_n(a.price_before)} / {_n(ratio)} = {_n(a.price_after)} (4.E)")
    else:  # a readjustment: the record's note says what was recomputed
        if a.note:
            lines.append(a.note)
        lines.append(
            f"P' = P × {_n(a.factor)} = {_n(a.price_before)} × {_n(a.factor)} = {_n(a.price_after)}"
        )
    for item in shares:
        lines.append(
            f"S' = S × P / P' = {_n(item.before)} × {_n(a.price_before)} / {_n(a.price_after)} = "
            f"{_n(item.after)} (warrant {item.warrant}; S × P unchanged)"
        )
    return tuple(lines)
