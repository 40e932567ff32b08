"""The OCF issuances as events: Common Stock, options, warrants, convertibles (4.C(1), (3)).

Transactions dated before the warrant's Issue Date are the opening capital
(``[capitalization]``, checked in :mod:`warrant.files.ocf.opening`), not events:
plan options granted then are the register's ``opening-plan-options``; other
options and convertibles outstanding then are not in the register, and shares
issued on their exercise are an issuance at the price paid (SPEC §4.4).
"""

from __future__ import annotations

import datetime as dt
from fractions import Fraction

from warrant.files.ocf import model as ocf
from warrant.files.ocf.map_core import (
    ESTIMATED,
    GrantState,
    MapperCore,
    Raw,
    fixed_quantity,
    required,
    usd,
)
from warrant.files.ocf.overlay import Classify, TxOverlay
from warrant.files.ocf.report import FlagKind
from warrant.ground.errors import OcfRefused
from warrant.register.events import Grantee
from warrant.register.ledger import OPENING_PLAN_OPTIONS


class IssuanceRules(MapperCore):
    """One method per OCF issuance kind, named by the reader's class for it."""

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
        price = usd(tx.share_price, tx.id, "share_price")
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
            price = usd(
                required(tx.exercise_price, tx.id, "exercise_price"), tx.id, "exercise_price"
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
        if extra.classify is Classify.THE_WARRANTS:
            self._flag(
                FlagKind.IGNORED,
                tx.id,
                "the Warrants themselves: [warrant] describes them, and shares issued on their "
                "exercise are not Additional Shares (4.C(5)(i))",
            )
            self.grants[tx.security_id] = GrantState(
                "", tx.id, tx.quantity or Fraction(0), None, in_register=False, the_warrants=True
            )
            self.used.add(tx.id)
            return
        if extra.classify not in (None, Classify.OPTION_GRANT):
            raise OcfRefused(
                f"classify {extra.classify.value!r} does not apply to a warrant "
                '(only "the-warrants" or "option-grant")',
                ocf_id=tx.id,
                field="classify",
            )
        if tx.date == self.issue_date and extra.classify is None:
            raise OcfRefused(
                "a warrant issued on the Issue Date may be one of the Warrants themselves "
                '(4.C(5)(i)): classify it as "the-warrants" or as an "option-grant"',
                ocf_id=tx.id,
                field="classify",
                clause="4.C(5)(i)",
            )
        if tx.quantity is None or tx.exercise_price is None:
            missing = "quantity" if tx.quantity is None else "exercise_price"
            raise OcfRefused(
                f"a warrant without {missing}: 4.C(3) deems the maximum shares issued at the price "
                "payable; type it as an option-grant [[event]] and skip it here",
                ocf_id=tx.id,
                field=missing,
                clause="4.C(3)",
            )
        if tx.quantity_source in ESTIMATED:
            raise OcfRefused(
                f"the warrant's quantity is {tx.quantity_source}, not the maximum 4.C(3) counts",
                ocf_id=tx.id,
                field="quantity_source",
                clause="4.C(3)",
            )
        price = usd(tx.exercise_price, tx.id, "exercise_price")
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
            consideration=usd(tx.purchase_price, tx.id, "purchase_price"),
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
                tx,
                GrantState(ref, tx.id, quantity, expires, in_register=plan, exercise_price=price),
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
        self._track(tx, GrantState(event_id, tx.id, quantity, raw["expires"], exercise_price=price))

    def _ConvertibleIssuance(self, tx: ocf.ConvertibleIssuance, extra: TxOverlay) -> None:
        if self._alias_if_pointed_to(tx):
            return
        amount = usd(tx.investment_amount, tx.id, "investment_amount")
        fixed = fixed_quantity(tx.conversion_triggers)
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
                tx, GrantState(f"ocf:{tx.id}", tx.id, max_shares, extra.expires, in_register=False)
            )
            return
        raw: Raw = {
            "type": "convertible-issuance",
            "date": tx.date,
            "max_shares": max_shares,
            "consideration": amount,
        }
        event_id = self._emit(tx, extra, raw)
        self._track(tx, GrantState(event_id, tx.id, max_shares, extra.expires))

    # -- what happens to grants ----------------------------------------------------
