"""Section 11: a change or waiver of the Warrants needs the holders of a majority.

A term of the Warrants may be changed, waived, discharged or terminated only in
writing, signed by the Company and by the holders of Warrants for a majority of
the shares for which the Warrants are then exercisable.  :func:`count_consents`
says whether a set of signers reaches that majority — more than half, both
figures exact.  (Changes to Sections 7 and 8, on registration, count a
different base — holders of Registrable Securities as well — and are not
computed here; the Company's own signature is for the caller to check.)

A signer is named by a warrant id (that warrant counts) or by a holder's name
(every warrant that holder holds counts).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from fractions import Fraction

import attrs

from warrant.ground.errors import InvalidValue, UnknownWarrant
from warrant.instrument.terms import WarrantTerms
from warrant.register.series import SeriesState

CLAUSE = "Section 11"


@attrs.frozen(kw_only=True)
class ConsentCount:
    """Whether the signers hold a majority of the shares the Warrants are exercisable for."""

    as_of: dt.date
    signed: tuple[str, ...]
    #: the warrants whose holders signed, with the shares each is exercisable for
    warrants: tuple[tuple[str, Fraction], ...]
    signed_shares: Fraction
    total_shares: Fraction

    @property
    def share_of_total(self) -> Fraction:
        return self.signed_shares / self.total_shares

    @property
    def majority(self) -> bool:
        """More than half of the shares for which the Warrants are then exercisable."""
        return self.signed_shares * 2 > self.total_shares


def _matches(series: SeriesState, signer: str) -> tuple[str, ...]:
    by_id = tuple(item.id for item in series.warrants if item.id == signer)
    by_holder = tuple(item.id for item in series.warrants if item.holder == signer)
    if by_id and by_holder and set(by_id) != set(by_holder):
        raise InvalidValue(
            f"{signer!r} is both a warrant id and the name of a holder of other warrants: "
            "name the warrants by id", field="signed", clause=CLAUSE,
        )
    if not by_id and not by_holder:
        series.get(signer, clause=CLAUSE)  # raises, saying why (surrendered or unknown)
    return by_id or by_holder


def count_consents(
    series: SeriesState, *, terms: WarrantTerms, price: Fraction, as_of: dt.date,
    signed: Iterable[str],
) -> ConsentCount:
    """Section 11: the shares the signers' warrants are exercisable for, against all."""
    if as_of < terms.issue_date or as_of > terms.expiration_date:
        raise InvalidValue(
            f"{as_of.isoformat()} is outside the term of the Warrants "
            f"({terms.issue_date.isoformat()} .. {terms.expiration_date.isoformat()}): "
            "they are exercisable for nothing then", field="as_of", clause=CLAUSE,
        )
    signers = tuple(dict.fromkeys(signed))
    if not signers:
        raise InvalidValue("name at least one signer", field="signed", clause=CLAUSE)
    if not series.warrants:
        raise UnknownWarrant(
            "no Warrant is outstanding: there is nobody whose consent counts", field="signed",
            clause=CLAUSE,
        )
    counted: dict[str, Fraction] = {}
    shares_of = {
        item.id: item.shares(terms.exercise_price, price) for item in series.warrants
    }
    for signer in signers:
        for warrant_id in _matches(series, signer):
            counted[warrant_id] = shares_of[warrant_id]
    return ConsentCount(
        as_of=as_of,
        signed=signers,
        warrants=tuple(counted.items()),
        signed_shares=sum(counted.values(), Fraction(0)),
        total_shares=series.total_shares(terms.exercise_price, price),
    )
