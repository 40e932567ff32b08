"""From OCF transactions to the register's events (SPEC §10), refusing rather than guessing.

Transactions are taken in date order, same-day ones in file order.  Each maps to
at most one event table (``type`` plus fields), id ``ocf:<transaction id>``
unless the overlay names it; the overlay's ``[tx."<id>"]`` fills the fields OCF
cannot state and may never contradict one it does.  What a grant still has
outstanding is tracked per security so that expiries can be derived from
``expiration_date`` up to the manifest's ``as_of``.

Transactions dated before the warrant's Issue Date are the opening capital
(``[capitalization]``, checked in :mod:`warrant.files.ocf.opening`), not events:
plan options granted then are the register's ``opening-plan-options``; other
options and convertibles outstanding then are not in the register, and shares
issued on their exercise are an issuance at the price paid (SPEC §4.4).

This module is long because OCF has many transaction kinds; each has one short
method, named by the kind, in the order of the issue's mapping table.
"""

from __future__ import annotations

import datetime as dt
import heapq
from collections.abc import Iterable
from fractions import Fraction
from typing import Any

import attrs

from warrant.files.ocf import model as ocf
from warrant.files.ocf.overlay import RELATIONSHIP_GRANTEES, Classify, Overlay, PlanKind, TxOverlay
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

_ESTIMATED = {"HUMAN_ESTIMATED", "MACHINE_ESTIMATED", "INSTRUMENT_MIN"}


@attrs.define
class _Grant:
    """A grant in the register (or outside it, before the Issue Date) and what remains of it."""

    ref: str  # the register's id; OPENING_PLAN_OPTIONS for plan options at the Issue Date
    ocf_id: str
    remaining: Fraction
    expires: dt.date | None
    in_register: bool = True  # False: outstanding before the Issue Date outside the plans
    exercise_price: Fraction | None = None


@attrs.frozen
class Mapped:
    """One event table and where it came from (``group`` orders same-day events)."""

    raw: Raw
    ocf_id: str
    group: int  # 0 the package's, 1 the overlay's


class Mapper:
    """Maps one package under one overlay; :meth:`run` returns the event tables and flags."""

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
        self.grants: dict[str, _Grant] = {}  # by security id (aliases share one _Grant)
        self.expiries: list[tuple[dt.date, int, str]] = []  # heap of (date, seq, security)
        self.flags: list[Flag] = []
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
                    f"the overlay's {key} {_show(value)} contradicts the package's "
                    f"{_show(raw[key])}",
                    ocf_id=tx.id,
                    field=key,
                )
            raw[key] = value
        self.events.append(Mapped({**raw, "id": event_id}, tx.id, 0))
        return event_id

    def _flag(
        self, kind: FlagKind, ocf_id: str | None, message: str, *, default: str | None = None
    ) -> None:
        self.flags.append(Flag(kind=kind, ocf_id=ocf_id, message=message, default=default))

    def _before(self, tx: ocf.Transaction) -> bool:
        return tx.date < self.issue_date

    # -- issuances ----------------------------------------------------------------

    def _StockIssuance(self, tx: ocf.StockIssuance, extra: TxOverlay) -> None:
        if tx.security_id in self.pointed_to:
            return  # shares of an exercise, conversion, transfer or reissuance: not a new issue
        stock_class = self.classes[tx.stock_class_id]
        if not stock_class.is_common:
            raise OcfRefused(
                f"an issue of {stock_class.class_type} stock ({stock_class.name}): 4.C(3) needs "
                "its "
                "conversion terms; type it as a convertible-issuance [[event]] and skip it here",
                ocf_id=tx.id,
                field="stock_class_id",
                clause="4.C(3)",
            )
        price = _usd(tx.share_price, tx.id, "share_price")
        if self._before(tx):
            return  # the opening capital
        if price == 0:
            if extra.classify is Classify.STOCK_DIVIDEND:
                self._emit(
                    tx, extra, {"type": "stock-dividend", "date": tx.date, "shares": tx.quantity}
                )
                return
            if extra.classify is not Classify.ISSUANCE:
                raise OcfRefused(
                    "Common Stock issued at a zero price may be a stock dividend in disguise "
                    "(4.D): "
                    'classify it in the overlay as "stock-dividend" or "issuance"',
                    ocf_id=tx.id,
                    field="share_price",
                    clause="4.D",
                )
        elif extra.classify not in (None, Classify.ISSUANCE):
            raise OcfRefused(
                f"classify {extra.classify.value!r} applies to a zero-price issue only",
                ocf_id=tx.id,
                field="classify",
            )
        self._emit(
            tx,
            extra,
            {
                "type": "issuance",
                "date": tx.date,
                "shares": tx.quantity,
                "cash": tx.quantity * price,
            },
        )

    def _EquityCompensationIssuance(
        self, tx: ocf.EquityCompensationIssuance, extra: TxOverlay
    ) -> None:
        if self._alias_if_pointed_to(tx):
            return
        if tx.is_option:
            price = _usd(
                _required(tx.exercise_price, tx.id, "exercise_price"), tx.id, "exercise_price"
            )
        elif tx.compensation_type == "RSU" and extra.classify is Classify.OPTION_GRANT:
            price = Fraction(0)
        else:
            raise OcfRefused(
                f"compensation_type {tx.compensation_type} is not an option: classify an RSU as "
                '"option-grant" (no exercise payment), or skip it with a reason',
                ocf_id=tx.id,
                field="compensation_type",
                clause="4.C(3)",
            )
        kind = self._plan(tx.stock_plan_id, tx.id)
        expires = tx.expiration_date or extra.expires
        if self._before(tx):  # opening capital: the cap counts it whoever holds it
            self._grant(
                tx,
                extra,
                quantity=tx.quantity,
                price=price,
                expires=expires,
                plan=kind.in_plans,
                grantee=None,
                consideration=None,
            )
            return
        if expires is None:
            raise OcfRefused(
                "an option without an expiry: say when it expires ([tx] expires)",
                ocf_id=tx.id,
                field="expiration_date",
                clause="4.C(3)",
            )
        grantee = self._grantee(tx)
        if kind.in_plans and grantee is None:
            raise OcfRefused(
                f"a plan grant without a grantee: say in [grantee] whether stakeholder "
                f"{tx.stakeholder_id!r} is an officer, employee, director, consultant or other",
                ocf_id=tx.id,
                field="stakeholder_id",
                clause="4.C(5)(iii)",
            )
        self._grant(
            tx,
            extra,
            quantity=tx.quantity,
            price=price,
            expires=expires,
            plan=kind.in_plans,
            grantee=grantee,
            consideration=None,
        )

    def _WarrantIssuance(self, tx: ocf.WarrantIssuance, extra: TxOverlay) -> None:
        if self._alias_if_pointed_to(tx):
            return
        if tx.quantity is None or tx.exercise_price is None:
            missing = "quantity" if tx.quantity is None else "exercise_price"
            raise OcfRefused(
                f"a warrant without {missing}: 4.C(3) deems the maximum shares issued at the price "
                "payable; type it as an option-grant [[event]] and skip it here",
                ocf_id=tx.id,
                field=missing,
                clause="4.C(3)",
            )
        if tx.quantity_source in _ESTIMATED:
            raise OcfRefused(
                f"the warrant's quantity is {tx.quantity_source}, not the maximum 4.C(3) counts",
                ocf_id=tx.id,
                field="quantity_source",
                clause="4.C(3)",
            )
        price = _usd(tx.exercise_price, tx.id, "exercise_price")
        expires = tx.warrant_expiration_date or extra.expires
        if expires is None:
            raise OcfRefused(
                "a warrant without an expiry: say when it expires ([tx] expires)",
                ocf_id=tx.id,
                field="warrant_expiration_date",
                clause="4.C(3)",
            )
        self._grant(
            tx,
            extra,
            quantity=tx.quantity,
            price=price,
            expires=expires,
            plan=False,
            grantee=self._grantee(tx),
            consideration=_usd(tx.purchase_price, tx.id, "purchase_price"),
        )

    def _grant(
        self,
        tx: ocf.IssuanceBase,
        extra: TxOverlay,
        *,
        quantity: Fraction,
        price: Fraction,
        expires: dt.date | None,
        plan: bool,
        grantee: Grantee | None,
        consideration: Fraction | None,
    ) -> None:
        if self._before(tx):
            ref = OPENING_PLAN_OPTIONS if plan else f"ocf:{tx.id}"
            self._track(
                tx, _Grant(ref, tx.id, quantity, expires, in_register=plan, exercise_price=price)
            )
            return
        raw: Raw = {
            "type": "option-grant",
            "date": tx.date,
            "shares": quantity,
            "exercise_price": price,
            "expires": expires,
            "plan": plan,
        }
        if grantee is not None:
            raw["grantee"] = grantee.value
        if consideration is not None:
            raw["consideration"] = consideration
        elif extra.consideration is None:
            self._flag(
                FlagKind.GRANT_CONSIDERATION_ZERO,
                tx.id,
                "OCF states no price paid for granting options: taken as 0 (4.C(2))",
                default="0",
            )
        event_id = self._emit(tx, extra, raw)
        self._track(tx, _Grant(event_id, tx.id, quantity, raw["expires"], exercise_price=price))

    def _ConvertibleIssuance(self, tx: ocf.ConvertibleIssuance, extra: TxOverlay) -> None:
        if self._alias_if_pointed_to(tx):
            return
        amount = _usd(tx.investment_amount, tx.id, "investment_amount")
        fixed = _fixed_quantity(tx.conversion_triggers)
        max_shares = extra.max_shares if fixed is None else fixed
        if max_shares is None:
            raise OcfRefused(
                "a convertible without a fixed maximum number of shares on conversion: 4.C(3) "
                "deems the maximum issued; say it in [tx] max_shares",
                ocf_id=tx.id,
                field="conversion_triggers",
                clause="4.C(3)",
            )
        if self._before(tx):
            self._track(
                tx, _Grant(f"ocf:{tx.id}", tx.id, max_shares, extra.expires, in_register=False)
            )
            return
        raw: Raw = {
            "type": "convertible-issuance",
            "date": tx.date,
            "max_shares": max_shares,
            "consideration": amount,
        }
        event_id = self._emit(tx, extra, raw)
        self._track(tx, _Grant(event_id, tx.id, max_shares, extra.expires))

    # -- what happens to grants ----------------------------------------------------

    def _EquityCompensationExercise(
        self, tx: ocf.EquityCompensationExercise, extra: TxOverlay
    ) -> None:
        shares = self._resulting_common(tx)
        if shares != tx.quantity:
            raise OcfRefused(
                f"the resulting issuances hold {exact_str(shares)} shares but the exercise says "
                f"{exact_str(tx.quantity)}",
                ocf_id=tx.id,
                field="resulting_security_ids",
            )
        self._exercise(tx, extra, shares)

    def _WarrantExercise(self, tx: ocf.WarrantExercise, extra: TxOverlay) -> None:
        self._exercise(tx, extra, self._resulting_common(tx))

    def _EquityCompensationRelease(
        self, tx: ocf.EquityCompensationRelease, extra: TxOverlay
    ) -> None:
        paid = tx.quantity * _usd(tx.release_price, tx.id, "release_price")
        self._exercise(tx, extra, tx.quantity, paid=paid)

    def _ConvertibleConversion(self, tx: ocf.ConvertibleConversion, extra: TxOverlay) -> None:
        self._exercise(tx, extra, self._resulting_common(tx))

    def _exercise(
        self,
        tx: ocf.SecurityTransaction,
        extra: TxOverlay,
        shares: Fraction,
        paid: Fraction | None = None,
    ) -> None:
        grant = self._granted(tx)
        if grant is None:
            return
        grant.remaining -= shares
        if self._before(tx):
            return
        text = getattr(tx, "consideration_text", None)
        if not grant.in_register:  # outstanding before the Issue Date outside the plans
            cash = paid if paid is not None else extra.consideration
            if cash is None and grant.exercise_price is not None:
                cash = shares * grant.exercise_price
                self._flag(
                    FlagKind.EXERCISE_CONSIDERATION_DEFAULT,
                    tx.id,
                    "shares issued on exercise of options outstanding before the Issue Date: "
                    "an issuance at the price paid, taken as shares × exercise price",
                    default=exact_str(cash),
                )
            if cash is None:
                raise OcfRefused(
                    "shares issued on conversion of a security outstanding before the Issue Date "
                    "are "
                    "Additional Shares issued for what is paid: say it in [tx] consideration",
                    ocf_id=tx.id,
                    field="consideration",
                    clause="4.C(1)",
                )
            self._emit(
                tx,
                attrs.evolve(extra, consideration=None),
                {"type": "issuance", "date": tx.date, "shares": shares, "cash": cash},
            )
            return
        raw: Raw = {"type": "exercise", "date": tx.date, "of": grant.ref, "shares": shares}
        if paid is not None:
            raw["consideration"] = paid
        elif text is not None and extra.consideration is None:
            self._flag(
                FlagKind.EXERCISE_CONSIDERATION_DEFAULT,
                tx.id,
                f"consideration_text {text!r} is not read: the consideration is taken as "
                "shares × exercise price",
                default="shares × exercise price",
            )
        self._emit(tx, extra, raw, fill=("consideration",))

    def _QuantityCancellation(self, tx: ocf.QuantityCancellation, extra: TxOverlay) -> None:
        if tx.object_type == "TX_STOCK_CANCELLATION":
            self._stock_cancellation(tx, extra)
            return
        grant = self._granted(tx)
        if grant is None:
            return
        grant.remaining -= tx.quantity
        if tx.balance_security_id is not None:
            self.grants[tx.balance_security_id] = grant
        if self._before(tx) or not grant.in_register:
            return
        self._emit(
            tx,
            extra,
            {"type": "cancellation", "date": tx.date, "of": grant.ref, "shares": tx.quantity},
        )

    def _stock_cancellation(self, tx: ocf.QuantityCancellation, extra: TxOverlay) -> None:
        issuance = self.issuances[tx.security_id]
        if (
            not isinstance(issuance, ocf.StockIssuance)
            or not self.classes[issuance.stock_class_id].is_common
        ):
            self._flag(FlagKind.IGNORED, tx.id, "a cancellation of stock other than Common")
            return
        if self._before(tx):
            return
        if extra.classify is not Classify.BUYBACK:
            raise OcfRefused(
                'a cancellation of Common Stock: classify it as "buyback" if the shares left the '
                "outstanding count (they stay Additional Shares), or skip it with a reason",
                ocf_id=tx.id,
                field="classify",
                clause="4.C(5)",
            )
        self._emit(tx, extra, {"type": "buyback", "date": tx.date, "shares": tx.quantity})

    def _ConvertibleCancellation(self, tx: ocf.ConvertibleCancellation, extra: TxOverlay) -> None:
        grant = self._granted(tx)
        if grant is None:
            return
        if tx.balance_security_id is not None:
            raise OcfRefused(
                "a partial cancellation of a convertible: how many shares it frees is not in OCF; "
                "type the cancellation as an [[event]] and skip it here",
                ocf_id=tx.id,
                field="balance_security_id",
                clause="4.C(3)",
            )
        grant.remaining = Fraction(0)
        if self._before(tx) or not grant.in_register:
            return
        self._emit(tx, extra, {"type": "cancellation", "date": tx.date, "of": grant.ref})

    def _QuantityTransfer(
        self, tx: ocf.QuantityTransfer | ocf.ConvertibleTransfer, extra: TxOverlay
    ) -> None:
        grant = self.grants.get(tx.security_id)
        if grant is not None:
            for security in (*tx.resulting_security_ids, tx.balance_security_id):
                if security is not None:
                    self.grants[security] = grant
        self._flag(FlagKind.IGNORED, tx.id, f"{tx.object_type}: a change of holder, not an issue")

    _ConvertibleTransfer = _QuantityTransfer

    def _StockReissuance(self, tx: ocf.StockReissuance, extra: TxOverlay) -> None:
        self._flag(
            FlagKind.IGNORED, tx.id, "a reissuance replaces certificates; it issues nothing new"
        )

    def _StockRepurchase(self, tx: ocf.StockRepurchase, extra: TxOverlay) -> None:
        issuance = self.issuances[tx.security_id]
        if (
            not isinstance(issuance, ocf.StockIssuance)
            or not self.classes[issuance.stock_class_id].is_common
        ):
            self._flag(FlagKind.IGNORED, tx.id, "a repurchase of stock other than Common")
            return
        if self._before(tx):
            return
        self._emit(tx, extra, {"type": "buyback", "date": tx.date, "shares": tx.quantity})

    def _StockClassSplit(self, tx: ocf.StockClassSplit, extra: TxOverlay) -> None:
        if not self.classes[tx.stock_class_id].is_common:
            self._flag(FlagKind.IGNORED, tx.id, "a split of a class other than Common")
            return
        if tx.split_ratio.denominator == 0:
            raise OcfRefused(
                "a split ratio with a zero denominator", ocf_id=tx.id, field="split_ratio"
            )
        ratio = tx.split_ratio.numerator / tx.split_ratio.denominator
        # What remains follows the split, as in the register (aliases share one grant).
        for grant in {id(grant): grant for grant in self.grants.values()}.values():
            grant.remaining *= ratio
        if self._before(tx):
            return
        self._emit(tx, extra, {"type": "stock-split", "date": tx.date, "ratio": ratio})

    def _StockClassConversionRatioAdjustment(self, tx: ocf.Transaction, extra: TxOverlay) -> None:
        raise OcfRefused(
            "a conversion-ratio adjustment changes what convertible stock converts into: the "
            "importer does not read it; type the repricing as an [[event]] and skip it here",
            ocf_id=tx.id,
            clause="4.C(6)",
        )

    def _StockConversion(self, tx: ocf.Transaction, extra: TxOverlay) -> None:
        raise OcfRefused(
            "a conversion of stock: issues of stock other than Common are not imported; type the "
            "conversion as an [[event]] and skip it here",
            ocf_id=tx.id,
            clause="4.C(3)",
        )

    def _Retraction(self, tx: ocf.Transaction, extra: TxOverlay) -> None:
        raise OcfRefused(
            "a retraction says an issuance never validly happened: remove both from the export, "
            "or skip both with a reason",
            ocf_id=tx.id,
        )

    # -- helpers --------------------------------------------------------------

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

    def _track(self, tx: ocf.IssuanceBase, grant: _Grant) -> None:
        self.grants[tx.security_id] = grant
        if grant.expires is not None and grant.in_register:
            heapq.heappush(self.expiries, (grant.expires, len(self.expiries), tx.security_id))

    def _granted(self, tx: ocf.SecurityTransaction) -> _Grant | None:
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


def _usd(money: ocf.Monetary, ocf_id: str, field: str) -> Fraction:
    if money.currency != "USD":
        raise OcfRefused(
            f"an amount in {money.currency}: the warrant counts dollars; convert it in the overlay "
            "or type the event by hand",
            ocf_id=ocf_id,
            field=f"{field}.currency",
        )
    return money.amount


def _required(value: Any, ocf_id: str, field: str) -> Any:
    if value is None:
        raise OcfRefused("required for an option", ocf_id=ocf_id, field=field, clause="4.C(3)")
    return value


def _fixed_quantity(triggers: Any) -> Fraction | None:
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


def _show(value: object) -> str:
    if isinstance(value, Fraction):
        return exact_str(value)
    if isinstance(value, dt.date):
        return value.isoformat()
    return repr(value)
