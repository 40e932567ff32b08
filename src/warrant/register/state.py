"""The register's scalar state and its grants: what the rules read and replace.

* :class:`Position` — the price in force and the share counts 4.C(1) needs
  (issued, deemed issued under 4.C(3)/(4), options not deemed issued), the
  4.C(5)(iii) carve-out's cap and use, the split scale, what 4.A/4.B have
  attached to the warrant, and the series of Warrants with their exercises;
* :class:`Grant` and its two :class:`Tally` parts (inside and outside the
  carve-out) — rights, options and convertibles as the register tracks them;
* :class:`Entitlement` (4.A) and :class:`Substitution` (4.B).
"""

from __future__ import annotations

import bisect
import datetime as dt
import enum
from fractions import Fraction

import attrs

from warrant.instrument.readings import OutstandingBasis
from warrant.instrument.terms import WarrantTerms
from warrant.register.events import Source
from warrant.register.records import (
    EventRef,
    Outstanding,
)
from warrant.register.series import SeriesState
from warrant.register.settlements import ExerciseSettlement


@attrs.frozen
class Tally:
    """One part of a grant (inside or outside the carve-out), share by share.

    ``granted == outstanding + exercised + lapsed`` always; ``payments`` is the
    money actually received on exercise of this part.
    """

    granted: Fraction
    outstanding: Fraction
    exercised: Fraction = Fraction(0)
    lapsed: Fraction = Fraction(0)
    payments: Fraction = Fraction(0)

    def exercise(self, shares: Fraction, payment: Fraction) -> Tally:
        return attrs.evolve(
            self,
            outstanding=self.outstanding - shares,
            exercised=self.exercised + shares,
            payments=self.payments + payment,
        )

    def lapse(self, shares: Fraction) -> Tally:
        return attrs.evolve(
            self, outstanding=self.outstanding - shares, lapsed=self.lapsed + shares
        )

    def scaled(self, ratio: Fraction) -> Tally:
        return Tally(
            granted=self.granted * ratio,
            outstanding=self.outstanding * ratio,
            exercised=self.exercised * ratio,
            lapsed=self.lapsed * ratio,
            payments=self.payments,
        )


class GrantKind(enum.Enum):
    """What a grant gives the right to: Common Stock (4.C(3)), Common Stock on conversion
    (4.C(3)), or convertibles on exercise (4.C(4))."""

    OPTION = "option"
    CONVERTIBLE = "convertible"
    OPTION_ON_CONVERTIBLE = "option-on-convertible"


@attrs.frozen
class Grant:
    """Rights, warrants or options to buy Common Stock, as the register tracks them.

    ``excluded`` is the part inside the 4.C(5)(iii) carve-out, ``other`` the rest.
    ``deemed_step`` points at the price-chain step of the 4.C(3) deemed issue of
    ``other``, if there was one; ``lapsed_applied`` counts lapsed ``other``
    shares already readjusted.
    """

    id: str
    event: EventRef
    granted_on: dt.date
    expires: dt.date | None
    #: per share of Common Stock: the exercise or (minimum) conversion payment
    exercise_price: Fraction | None
    #: what was paid for granting the rights, per share they cover
    consideration_per_share: Fraction
    in_carve_out_class: bool
    before_issue_date: bool
    excluded: Tally
    other: Tally
    deemed_step: int | None = None
    lapsed_applied: Fraction = Fraction(0)
    kind: GrantKind = GrantKind.OPTION
    #: earlier terms of the same rights, closed by a repricing (4.C(6))
    history: tuple[Grant, ...] = ()
    #: the split scale its share counts are written in; splits rescale only open
    #: grants, so a closed grant keeps the units of its last split
    units: Fraction = Fraction(1)
    #: a readjustment found that on the basis of the shares actually issued no adjustment
    #: would have been made (4.C(3)): nothing of this grant is deemed outstanding, and its
    #: rights still outstanding are options like any not deemed issued
    readjusted_to_none: bool = False
    #: exercises of ``other`` since the deemed issue: (the length of the price chain when
    #: exercised, the shares at split scale 1), so that a readjustment knows which later
    #: steps counted those shares as deemed (see ``exercised_after_step``)
    exercised_at: tuple[tuple[int, Fraction], ...] = ()
    #: shares exercised, lapsed or cancelled since a 4.B reorganisation: the register
    #: computes nothing for them (4.C(7)) and keeps them apart, only to check later events
    gone_after_substitution: Fraction = Fraction(0)

    @property
    def counts_as_deemed(self) -> bool:
        """Whether the rights outside the carve-out are deemed outstanding now."""
        return self.deemed_step is not None and not self.readjusted_to_none

    def exercised_after_step(self, step_index: int) -> Fraction:
        """Shares of ``other`` (at split scale 1) exercised after the step ``step_index``
        was made: that step's ``A`` counted them as deemed, not yet issued."""
        return sum(
            (shares for made, shares in self.exercised_at if made > step_index), Fraction(0)
        )

    @property
    def granted(self) -> Fraction:
        return self.excluded.granted + self.other.granted

    @property
    def outstanding(self) -> Fraction:
        return self.excluded.outstanding + self.other.outstanding

    @property
    def is_deemed(self) -> bool:
        return self.deemed_step is not None

    def scaled(self, ratio: Fraction) -> Grant:
        """The grant after a split of ``ratio`` (4.E): more shares, each at a lower price."""
        return attrs.evolve(
            self,
            excluded=self.excluded.scaled(ratio),
            other=self.other.scaled(ratio),
            lapsed_applied=self.lapsed_applied * ratio,
            exercise_price=None if self.exercise_price is None else self.exercise_price / ratio,
            consideration_per_share=self.consideration_per_share / ratio,
            units=self.units * ratio,
        )

    def split(self, shares: Fraction) -> tuple[Fraction, Fraction]:
        """Divide ``shares`` between the carve-out part and the rest, pro rata to
        what each has outstanding (the warrant does not say which part goes first)."""
        if self.outstanding == 0:
            return Fraction(0), Fraction(0)
        inside = shares * self.excluded.outstanding / self.outstanding
        return inside, shares - inside


@attrs.frozen
class Promise:
    """A promise to grant options for ones cancelled in an exchange (4.C(5)(iii)).

    ``held`` is the carve-out room it keeps for the grant that will honour it (zero
    when the reading says promises hold no room, or when the cancellation freed none);
    shares are in the register's current split scale.
    """

    id: str
    of: str
    date: dt.date
    shares: Fraction
    held: Fraction

    def scaled(self, ratio: Fraction) -> Promise:
        return attrs.evolve(self, shares=self.shares * ratio, held=self.held * ratio)


@attrs.frozen
class Waiver:
    """An adjustment the holders gave up in writing before its event (Section 11)."""

    event_id: str
    #: the amendment that waived it
    amendment: EventRef
    signed: tuple[str, ...]
    #: the signers' shares over all the Warrants were exercisable for, that day
    share_of_total: Fraction


def _waived_id(waiver: Waiver) -> str:
    return waiver.event_id


@attrs.frozen
class Position:
    """The scalar state of the register after some events."""

    price: Fraction
    issued: Fraction
    #: shares deemed issued under 4.C(3)/(4) and still deemed outstanding
    deemed: Fraction
    #: shares under options outstanding that were not deemed issued (plan options
    #: in the carve-out, grants at or above FMV, options from before the Issue Date)
    undeemed_options: Fraction
    carve_out_cap: Fraction
    carve_out_used: Fraction
    #: the one restructuring of 4.C(5)(ii), once an issuance has named it
    restructuring: str | None = None
    #: product of split ratios since the Issue Date (the units shares are counted in)
    split_scale: Fraction = Fraction(1)
    last_date: dt.date | None = None
    #: 4.A: what a warrant is entitled to receive on exercise besides the shares
    entitlements: tuple[Entitlement, ...] = ()
    #: 4.B: once a reorganisation is consummated, what one share became
    substitution: Substitution | None = None
    #: promises to grant not yet honoured, with the carve-out room each holds
    promises: tuple[Promise, ...] = ()
    #: the Warrants (preamble, Section 3): who holds which, and those surrendered
    series: SeriesState = attrs.field(factory=SeriesState)
    #: the holders' exercises so far (Section 1), in order
    exercises: tuple[ExerciseSettlement, ...] = ()
    #: the terms as amended under Section 11 (None: the register's own, never amended)
    amended_terms: WarrantTerms | None = None
    #: later events whose adjustment the holders waived under Section 11, in event id order
    waivers: tuple[Waiver, ...] = ()

    def waiver_of(self, event_id: str | None) -> Waiver | None:
        """The Section 11 waiver of the event with this id, if the holders signed one
        (``waivers`` is kept in order of event id, so this is a binary search)."""
        if event_id is None or not self.waivers:
            return None
        at = bisect.bisect_left(self.waivers, event_id, key=_waived_id)
        if at < len(self.waivers) and self.waivers[at].event_id == event_id:
            return self.waivers[at]
        return None

    @property
    def carve_out_promised(self) -> Fraction:
        """Carve-out room held by promises to grant (on top of ``carve_out_used``)."""
        return sum((promise.held for promise in self.promises), Fraction(0))

    @property
    def carve_out_room(self) -> Fraction:
        """Room left in the carve-out for a grant that honours no promise."""
        return max(self.carve_out_cap - self.carve_out_used - self.carve_out_promised, Fraction(0))

    def outstanding(self, basis: OutstandingBasis) -> Outstanding:
        """Shares outstanding immediately before an issue: ``A`` under ``basis``."""
        if basis is OutstandingBasis.ISSUED:
            total = self.issued
        elif basis is OutstandingBasis.ISSUED_AND_DEEMED:
            total = self.issued + self.deemed
        else:
            total = self.issued + self.deemed + self.undeemed_options
        return Outstanding(issued=self.issued, deemed=self.deemed, basis=total)


@attrs.frozen
class Entitlement:
    """One 4.A distribution a warrant holder receives on exercise, fixed at its record date.

    ``shares_per_face_share`` is the shares receivable per share on the warrant's
    face at the record date; ``per_face_share`` the property accrued per face share.
    Later adjustments of the share count do not change it.
    """

    kind: str
    per_share: Fraction
    record_date: dt.date
    shares_per_face_share: Fraction
    source: Source

    @property
    def per_face_share(self) -> Fraction:
        return self.per_share * self.shares_per_face_share


@attrs.frozen
class Substitution:
    """4.B: what one share of Common Stock received on a reorganisation, and when."""

    date: dt.date
    basket: tuple[tuple[str, Fraction], ...]
    shares_per_face_share: Fraction


def basis_counts_deemed(basis: OutstandingBasis) -> bool:
    return basis is not OutstandingBasis.ISSUED


class Into(enum.Enum):
    """Where Additional Shares land in the count after the issue."""

    ISSUED = "issued"  # shares actually issued
    DEEMED = "deemed"  # shares deemed issued under 4.C(3)/(4)
    OPTIONS = "options"  # shares under options that were not deemed issued


def add_shares(position: Position, shares: Fraction, into: Into) -> Position:
    if into is Into.ISSUED:
        return attrs.evolve(position, issued=position.issued + shares)
    if into is Into.DEEMED:
        return attrs.evolve(position, deemed=position.deemed + shares)
    return attrs.evolve(position, undeemed_options=position.undeemed_options + shares)
