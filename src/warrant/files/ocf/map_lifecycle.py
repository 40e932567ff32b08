"""What happens to what was issued: exercises, conversions, cancellations, transfers,
splits, repurchases (4.C(3), 4.C(5), 4.E), and the kinds the importer refuses.
"""

from __future__ import annotations

from fractions import Fraction

import attrs

from warrant.files.ocf import model as ocf
from warrant.files.ocf.map_core import (
    MapperCore,
    Raw,
    usd,
)
from warrant.files.ocf.overlay import Classify, TxOverlay
from warrant.files.ocf.report import FlagKind
from warrant.ground.errors import OcfRefused
from warrant.ground.exact import exact_str


class LifecycleRules(MapperCore):
    """One method per OCF transaction kind after issue, named by the reader's class for it."""

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
        paid = tx.quantity * usd(tx.release_price, tx.id, "release_price")
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
        if grant.the_warrants:  # 4.C(5)(i): shares on exercise of the Warrants are excluded
            issued = {"type": "issuance", "date": tx.date, "shares": shares}
            self._emit(tx, extra, {**issued, "warrant_exercise": True})
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
        source = getattr(self.issuances.get(tx.security_id), "stock_class_id", None)
        for security in tx.resulting_security_ids:
            target = getattr(self.issuances.get(security), "stock_class_id", None)
            if source is not None and target is not None and target != source:
                self._flag(
                    FlagKind.TRANSFER_OTHER_CLASS,
                    tx.id,
                    f"the resulting security {security} is of stock class {target}, the "
                    f"security transferred of {source}: a transfer changes the holder, not the "
                    "class; if the shares were converted, type the conversion as an [[event]]",
                    default="read as a change of holder",
                )
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
