"""The core of the OCF mapping: the walk in date order, the grants' tracking, the flags.

Transactions are taken in date order, same-day ones in file order.  Each maps to
at most one event table (``type`` plus fields), id ``ocf:<transaction id>``
unless the overlay names it; the overlay's ``[tx."<id>"]`` fills the fields OCF
cannot state and may never contradict one it does.  What a grant still has
outstanding is tracked per security so that expiries can be derived from
``expiration_date`` up to the manifest's ``as_of``.

The rules for each transaction kind are methods named by the kind, in
:mod:`~warrant.files.ocf.map_issuances` (issuances) and
:mod:`~warrant.files.ocf.map_lifecycle` (what happens to what was issued);
:mod:`~warrant.files.ocf.mapping` puts them together.
"""

from __future__ import annotations

import datetime as dt
import heapq
from collections.abc import Iterable
from fractions import Fraction
from typing import Any

import attrs

from warrant.files.ocf import model as ocf
from warrant.files.ocf.overlay import RELATIONSHIP_GRANTEES, Overlay, PlanKind, TxOverlay
from warrant.files.ocf.report import Flag, FlagKind
from warrant.ground.errors import OcfRefused
from warrant.ground.exact import exact_str
from warrant.instrument.terms import WarrantTerms
from warrant.register.events import Grantee
from warrant.register.ledger import OPENING_PLAN_OPTIONS

Raw = dict[str, Any]

#: Kinds that change nothing the warrant counts; listed in the report as ignored.
IGNORED_KINDS = {
    "TX_STOCK_ACCEPTANCE", "TX_EQUITY_COMPENSATION_ACCEPTANCE", "TX_PLAN_SECURITY_ACCEPTANCE",
    "TX_WARRANT_ACCEPTANCE", "TX_CONVERTIBLE_ACCEPTANCE",
    "TX_VESTING_START", "TX_VESTING_EVENT", "TX_VESTING_ACCELERATION",
    "TX_STOCK_PLAN_POOL_ADJUSTMENT", "TX_STOCK_PLAN_RETURN_TO_POOL",
    "TX_STOCK_CLASS_AUTHORIZED_SHARES_ADJUSTMENT", "TX_ISSUER_AUTHORIZED_SHARES_ADJUSTMENT",
}  # fmt: skip

ESTIMATED = {"HUMAN_ESTIMATED", "MACHINE_ESTIMATED", "INSTRUMENT_MIN"}


@attrs.define
class GrantState:
    """A grant in the register (or outside it, before the Issue Date) and what remains of it."""

    ref: str  # the register's id; OPENING_PLAN_OPTIONS for plan options at the Issue Date
    ocf_id: str
    remaining: Fraction
    expires: dt.date | None
    in_register: bool = True  # False: outstanding before the Issue Date outside the plans
    exercise_price: Fraction | None = None
    #: the Warrants themselves: shares on their exercise are excluded (4.C(5)(i))
    the_warrants: bool = False


@attrs.frozen
class Mapped:
    """One event table and where it came from (``group`` orders same-day events)."""

    raw: Raw
    ocf_id: str
    group: int  # 0 the package's, 1 the overlay's


class MapperCore:
    """The state of one mapping and what every rule uses; the rules are in the subclasses."""

    def __init__(self, package: ocf.Package, overlay: Overlay, terms: WarrantTerms) -> None:
        self.package = package
        self.overlay = overlay
        self.issue_date = terms.issue_date
        self.classes = {c.id: c for c in package.stock_classes}
        self.stakeholders = {s.id: s for s in package.stakeholders}
        self.issuances = {
            tx.security_id: tx for tx in package.transactions if isinstance(tx, ocf.IssuanceBase)
        }
        self.pointed_to = {
            security
            for tx in package.transactions
            for security in (
                *getattr(tx, "resulting_security_ids", ()),
                getattr(tx, "balance_security_id", None),
            )
            if security is not None
        }
        self.grants: dict[str, GrantState] = {}  # by security id (aliases share one GrantState)
        self.expiries: list[tuple[dt.date, int, str]] = []  # heap of (date, seq, security)
        self.flags: list[Flag] = []
        self.used: set[str] = set()  # transactions whose [tx] entry was applied
        self.events: list[Mapped] = []

    # -- driving --------------------------------------------------------------

    def run(self) -> tuple[list[Mapped], list[Flag]]:
        ordered = sorted(
            enumerate(self.package.transactions), key=lambda pair: (pair[1].date, pair[0])
        )
        for _, tx in ordered:
            self._expire_before(tx.date)
            self._one(tx)
        self._expire_before(self.package.manifest.as_of + dt.timedelta(days=1))
        self._every_tx_entry_used()
        self._same_day_flags()
        self._cancel_and_regrant_flags()
        if self.package.valuations:
            self._flag(
                FlagKind.VALUATION_NOT_FMV,
                None,
                f"{self.package.valuations} valuation(s) in the package (409A and others) are not "
                "used: the Fair Market Value is the five-day average of Section 1, from [prices]",
                default="[prices]",
            )
        return self.events, self.flags

    def _every_tx_entry_used(self) -> None:
        """A ``[tx]`` entry for a transaction that makes no event would be silently lost."""
        for ocf_id, entry in self.overlay.tx.items():
            if ocf_id not in self.used and entry.skip is None:
                raise OcfRefused(
                    "the overlay's [tx] entry is for a transaction that makes no event (ignored, "
                    "before the Issue Date, or part of another transaction): say it elsewhere",
                    ocf_id=ocf_id,
                    where="[tx]",
                )

    def _one(self, tx: ocf.Transaction) -> None:
        extra = self.overlay.tx.get(tx.id, TxOverlay())
        if extra.skip is not None:
            self._flag(
                FlagKind.SKIPPED, tx.id, f"{tx.object_type} skipped by the overlay: {extra.skip}"
            )
            return
        if tx.object_type in IGNORED_KINDS:
            self._flag(FlagKind.IGNORED, tx.id, f"{tx.object_type}: nothing the warrant counts")
            return
        handler = getattr(self, "_" + type(tx).__name__)
        handler(tx, extra)

    def _emit(
        self, tx: ocf.Transaction, extra: TxOverlay, raw: Raw, *, fill: Iterable[str] = ()
    ) -> str:
        """Add the event; the overlay's fields fill in but never contradict what OCF states."""
        event_id = extra.id or f"ocf:{tx.id}"
        for key, value in extra.event_fields().items():
            if key in raw and raw[key] != value and key not in fill:
                raise OcfRefused(
                    f"the overlay's {key} {show(value)} contradicts the package's {show(raw[key])}",
                    ocf_id=tx.id,
                    field=key,
                )
            raw[key] = value
        self.events.append(Mapped({**raw, "id": event_id}, tx.id, 0))
        self.used.add(tx.id)
        return event_id

    def _flag(
        self, kind: FlagKind, ocf_id: str | None, message: str, *, default: str | None = None
    ) -> None:
        self.flags.append(Flag(kind=kind, ocf_id=ocf_id, message=message, default=default))

    def _before(self, tx: ocf.Transaction) -> bool:
        return tx.date < self.issue_date

    # -- issuances ----------------------------------------------------------------

    def _plan(self, plan_id: str | None, tx_id: str) -> PlanKind:
        if plan_id is None:
            return PlanKind.OUTSIDE
        return self.overlay.plans[plan_id]  # every plan is mapped (checked before mapping)

    def _grantee(self, tx: ocf.IssuanceBase) -> Grantee | None:
        grantees = self.overlay.grantees
        if tx.id in grantees:
            return grantees[tx.id]
        if tx.stakeholder_id in grantees:
            return grantees[tx.stakeholder_id]
        if self.overlay.from_current_relationship:
            relationship = self.stakeholders[tx.stakeholder_id].current_relationship
            grantee = RELATIONSHIP_GRANTEES.get(relationship or "")
            if grantee is not None:
                self._flag(
                    FlagKind.GRANTEE_FROM_RELATIONSHIP,
                    tx.id,
                    f"grantee taken from {tx.stakeholder_id}'s current_relationship "
                    f"{relationship} as of the export, not as of the grant",
                    default=grantee.value,
                )
                return grantee
        return None

    def _alias_if_pointed_to(self, tx: ocf.IssuanceBase) -> bool:
        """A security issued by a transfer or a cancellation's balance: the same grant."""
        return tx.security_id in self.pointed_to

    def _track(self, tx: ocf.IssuanceBase, grant: GrantState) -> None:
        self.grants[tx.security_id] = grant
        if grant.expires is not None and grant.in_register:
            heapq.heappush(self.expiries, (grant.expires, len(self.expiries), tx.security_id))

    def _granted(self, tx: ocf.SecurityTransaction) -> GrantState | None:
        grant = self.grants.get(tx.security_id)
        if grant is None:  # a skipped grant, or one that maps to no register grant
            self._flag(
                FlagKind.SKIPPED, tx.id, f"{tx.object_type} of a security not in the register"
            )
        return grant

    def _resulting_common(self, tx: Any) -> Fraction:
        total = Fraction(0)
        for security in tx.resulting_security_ids:
            issuance = self.issuances.get(security)
            if (
                not isinstance(issuance, ocf.StockIssuance)
                or not self.classes[issuance.stock_class_id].is_common
            ):
                raise OcfRefused(
                    f"resulting security {security!r} is not an issue of Common Stock",
                    ocf_id=tx.id,
                    field="resulting_security_ids",
                )
            total += issuance.quantity
        return total

    def _expire_before(self, day: dt.date) -> None:
        while self.expiries and self.expiries[0][0] < day:
            expires, _, security = heapq.heappop(self.expiries)
            grant = self.grants[security]
            if grant.remaining <= 0 or expires < self.issue_date:
                continue
            raw: Raw = {"type": "expiry", "date": expires, "of": grant.ref}
            if grant.ref == OPENING_PLAN_OPTIONS:
                raw["shares"] = grant.remaining
            grant.remaining = Fraction(0)
            self.events.append(Mapped({**raw, "id": f"ocf:{grant.ocf_id}:expiry"}, grant.ocf_id, 0))
            self._flag(
                FlagKind.EXPIRY_DERIVED,
                grant.ocf_id,
                f"expiry on {expires.isoformat()} derived from the expiration date for what "
                "was still outstanding",
                default=expires.isoformat(),
            )

    def _same_day_flags(self) -> None:
        by_day: dict[dt.date, list[str]] = {}
        for mapped in self.events:
            by_day.setdefault(mapped.raw["date"], []).append(mapped.ocf_id)
        for day, ids in sorted(by_day.items()):
            if len(ids) > 1:
                self._flag(
                    FlagKind.SAME_DAY_ORDER,
                    None,
                    f"{len(ids)} events on {day.isoformat()} apply in file order: {', '.join(ids)}",
                    default="file order",
                )

    def _cancel_and_regrant_flags(self) -> None:
        cancelled: dict[dt.date, list[str]] = {}
        for mapped in self.events:
            if mapped.raw["type"] == "cancellation":
                cancelled.setdefault(mapped.raw["date"], []).append(mapped.ocf_id)
        for mapped in self.events:
            if mapped.raw["type"] == "option-grant" and mapped.raw["date"] in cancelled:
                self._flag(
                    FlagKind.CANCEL_AND_REGRANT,
                    mapped.ocf_id,
                    f"granted the day {', '.join(cancelled[mapped.raw['date']])} was cancelled: "
                    "a possible repricing (4.C(6)), kept as a cancellation and a new grant; "
                    "say it in [[event]] as a repricing if it is one",
                    default="cancellation and new grant",
                )


def usd(money: ocf.Monetary, ocf_id: str, field: str) -> Fraction:
    if money.currency != "USD":
        raise OcfRefused(
            f"an amount in {money.currency}: the warrant counts dollars; convert it in the overlay "
            "or type the event by hand",
            ocf_id=ocf_id,
            field=f"{field}.currency",
        )
    return money.amount


def required(value: Any, ocf_id: str, field: str) -> Any:
    if value is None:
        raise OcfRefused("required for an option", ocf_id=ocf_id, field=field, clause="4.C(3)")
    return value


def fixed_quantity(triggers: Any) -> Fraction | None:
    """The most shares any conversion trigger issues, when every trigger fixes its quantity."""
    quantities: list[Fraction] = []
    for trigger in triggers if isinstance(triggers, list) else []:
        mechanism = (trigger.get("conversion_right") or {}).get("conversion_mechanism") or {}
        quantity = mechanism.get("converts_to_quantity")
        if mechanism.get("type") != "FIXED_AMOUNT_CONVERSION" or not isinstance(quantity, str):
            return None
        try:
            quantities.append(Fraction(quantity))
        except ValueError:
            return None
    return max(quantities) if quantities else None


def show(value: object) -> str:
    if isinstance(value, Fraction):
        return exact_str(value)
    if isinstance(value, dt.date):
        return value.isoformat()
    return repr(value)
