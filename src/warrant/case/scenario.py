"""The case (SPEC §10's scenario, as a value): terms, series, reading, capital, prices, events.

A scenario file is one way to write a case down (:mod:`warrant.files.scenario_files`
reads and writes it); a program may build one directly.  The value checks nothing
the engine would not: the ledger that replays it refuses what the warrant refuses.
"""

from __future__ import annotations

from fractions import Fraction
from pathlib import Path

import attrs

from warrant.case.proposal import Proposal
from warrant.ground.errors import ScenarioError
from warrant.instrument.readings import Reading
from warrant.instrument.terms import WarrantTerms, preset
from warrant.market.closing_prices import Quote
from warrant.market.price_history import PriceHistory
from warrant.register.events import Event
from warrant.register.holder_events import Amendment
from warrant.register.ledger import Capitalization
from warrant.register.series import SINGLE_WARRANT_ID, SeriesWarrant

#: The events whose adjustment a Section 11 waiver can give up: issues of Additional Shares.
WAIVABLE = (
    "issuance", "option-grant", "convertible-issuance", "option-on-convertible", "repricing",
)


@attrs.frozen
class PriceSource:
    """Where a scenario's prices come from: a CSV path as written in the file, or inline quotes."""

    csv: str | None = None
    quotes: tuple[Quote, ...] = ()


@attrs.frozen(kw_only=True)
class Scenario:
    """The facts of one case: terms, reading, opening capital, prices and events."""

    #: the preset the terms start from (``None``: the terms are written whole in ``[terms]``)
    preset: str | None = "alpha-2002"
    #: the terms as the case writes them (``[terms]``), over the preset or alone
    custom_terms: WarrantTerms | None = None
    face_shares: Fraction | None = None
    #: the Warrants at the Issue Date; a scenario giving only ``face_shares`` has one, ``W-1``
    series: tuple[SeriesWarrant, ...] = ()
    reading: Reading = attrs.field(factory=Reading)
    capitalization: Capitalization
    price_source: PriceSource
    prices: PriceHistory = attrs.field(eq=False, repr=False)
    events: tuple[Event, ...] = ()
    #: a proposed option exchange or repricing (``[exchange]``, SPEC §8)
    exchange: Proposal | None = None
    #: the file it was read from (CSV paths are relative to its folder)
    source: Path | None = attrs.field(default=None, eq=False)

    def __attrs_post_init__(self) -> None:
        if self.preset is None and self.custom_terms is None:
            raise ScenarioError(
                "name a preset or write the terms in [terms]", field="preset", where="[warrant]"
            )
        # Section 11: a waiver names events still to come (SPEC §10)
        later: dict[str, str] = {}  # id → type of the events after this one
        for index in range(len(self.events) - 1, -1, -1):
            event = self.events[index]
            for waived in event.waives if isinstance(event, Amendment) else ():
                if waived not in later:
                    raise ScenarioError(
                        f"waives {waived!r}, which is not the id of a later event",
                        field="waives", where=f"event[{index}] ({event.TYPE})",
                    )
                if later[waived] not in WAIVABLE:
                    raise ScenarioError(
                        f"waives {waived!r}, a {later[waived]}: a waiver covers an issue of "
                        f"Additional Shares ({', '.join(WAIVABLE)}) (Section 11)",
                        field="waives", where=f"event[{index}] ({event.TYPE})",
                    )
            if event.id is not None:
                later[event.id] = event.TYPE

    @property
    def terms(self) -> WarrantTerms:
        """The terms of the warrant at the Issue Date: ``[terms]`` over the preset, or alone."""
        if self.custom_terms is not None:
            return self.custom_terms
        assert self.preset is not None
        return preset(self.preset)

    @property
    def warrants(self) -> tuple[SeriesWarrant, ...]:
        """The series at the Issue Date: the warrants listed, or the one of ``face_shares``."""
        if self.series:
            return self.series
        if self.face_shares is not None:
            return (SeriesWarrant(id=SINGLE_WARRANT_ID, face_shares=self.face_shares),)
        return ()

    @property
    def total_face_shares(self) -> Fraction | None:
        """The face shares of the whole series at the Issue Date (``None`` when none is given)."""
        if self.series:
            return sum((item.face_shares for item in self.series), Fraction(0))
        return self.face_shares
