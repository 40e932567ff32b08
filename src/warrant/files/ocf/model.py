"""The objects of an OCF 1.2.0 package that the importer reads, as frozen attrs classes.

Each class lists exactly the properties its v1.2.0 schema allows (the schemas
say ``additionalProperties: false``), so cattrs, told to forbid extra keys,
refuses an unknown key as the schema does.  Numbers in OCF are strings
(``Numeric``: an optional sign, digits, up to ten decimals); they are read
exactly as ``Fraction`` and a JSON number where a string belongs is refused.

Nested structures the warrant never needs (vesting schedules, securities-law
exemptions, contact details, termination windows) are kept as the plain JSON
they are; the optional schema check (:mod:`warrant.files.ocf.schema_check`)
validates them.  This module is long because it mirrors the schema's list of
transaction kinds, one small class per shape.
"""

from __future__ import annotations

import datetime as dt
from fractions import Fraction
from typing import Any

import attrs

Json = Any  # nested OCF data the warrant does not read (checked by the schema extra)


@attrs.frozen(kw_only=True)
class Monetary:
    amount: Fraction
    currency: str


@attrs.frozen(kw_only=True)
class Ratio:
    numerator: Fraction
    denominator: Fraction


@attrs.frozen(kw_only=True)
class FileRef:
    filepath: str
    md5: str


@attrs.frozen(kw_only=True)
class Manifest:
    ocf_version: str
    file_type: str
    issuer: Json
    as_of: dt.date
    generated_at: str
    stock_plans_files: tuple[FileRef, ...]
    stock_legend_templates_files: tuple[FileRef, ...]
    stock_classes_files: tuple[FileRef, ...]
    vesting_terms_files: tuple[FileRef, ...]
    valuations_files: tuple[FileRef, ...]
    transactions_files: tuple[FileRef, ...]
    stakeholders_files: tuple[FileRef, ...]
    financings_files: tuple[FileRef, ...] = ()
    documents_files: tuple[FileRef, ...] = ()
    comments: tuple[str, ...] = ()


# -- the objects transactions refer to ---------------------------------------


@attrs.frozen(kw_only=True)
class OcfObject:
    id: str
    object_type: str
    comments: tuple[str, ...] = ()


@attrs.frozen(kw_only=True)
class Stakeholder(OcfObject):
    name: Json
    stakeholder_type: str
    issuer_assigned_id: str | None = None
    current_relationship: str | None = None
    primary_contact: Json = None
    contact_info: Json = None
    addresses: Json = None
    tax_ids: Json = None


@attrs.frozen(kw_only=True)
class StockClass(OcfObject):
    name: str
    class_type: str
    default_id_prefix: str
    initial_shares_authorized: Json
    votes_per_share: Fraction
    seniority: Fraction
    board_approval_date: dt.date | None = None
    stockholder_approval_date: dt.date | None = None
    par_value: Monetary | None = None
    price_per_share: Monetary | None = None
    conversion_rights: Json = None
    liquidation_preference_multiple: Fraction | None = None
    participation_cap_multiple: Fraction | None = None

    @property
    def is_common(self) -> bool:
        return self.class_type == "COMMON"


@attrs.frozen(kw_only=True)
class StockPlan(OcfObject):
    plan_name: str
    initial_shares_reserved: Fraction
    board_approval_date: dt.date | None = None
    stockholder_approval_date: dt.date | None = None
    default_cancellation_behavior: str | None = None
    stock_class_id: str | None = None
    stock_class_ids: tuple[str, ...] | None = None


# -- transactions ----------------------------------------------------------------


@attrs.frozen(kw_only=True)
class Transaction(OcfObject):
    date: dt.date


@attrs.frozen(kw_only=True)
class SecurityTransaction(Transaction):
    security_id: str


@attrs.frozen(kw_only=True)
class IssuanceBase(SecurityTransaction):
    custom_id: str
    stakeholder_id: str
    security_law_exemptions: Json
    board_approval_date: dt.date | None = None
    stockholder_approval_date: dt.date | None = None
    consideration_text: str | None = None


@attrs.frozen(kw_only=True)
class StockIssuance(IssuanceBase):
    stock_class_id: str
    share_price: Monetary
    quantity: Fraction
    stock_legend_ids: tuple[str, ...]
    stock_plan_id: str | None = None
    share_numbers_issued: Json = None
    vesting_terms_id: str | None = None
    vestings: Json = None
    cost_basis: Monetary | None = None
    issuance_type: str | None = None


@attrs.frozen(kw_only=True)
class EquityCompensationIssuance(IssuanceBase):
    compensation_type: str
    quantity: Fraction
    expiration_date: dt.date | None
    termination_exercise_windows: Json
    stock_plan_id: str | None = None
    stock_class_id: str | None = None
    option_grant_type: str | None = None
    exercise_price: Monetary | None = None
    base_price: Monetary | None = None
    early_exercisable: bool | None = None
    vesting_terms_id: str | None = None
    vestings: Json = None

    @property
    def is_option(self) -> bool:
        return self.compensation_type in {"OPTION", "OPTION_NSO", "OPTION_ISO"}


@attrs.frozen(kw_only=True)
class WarrantIssuance(IssuanceBase):
    purchase_price: Monetary
    exercise_triggers: Json
    quantity: Fraction | None = None
    exercise_price: Monetary | None = None
    warrant_expiration_date: dt.date | None = None
    vesting_terms_id: str | None = None
    vestings: Json = None
    quantity_source: str | None = None


@attrs.frozen(kw_only=True)
class ConvertibleIssuance(IssuanceBase):
    investment_amount: Monetary
    convertible_type: str
    conversion_triggers: Json
    seniority: int
    pro_rata: Fraction | None = None


@attrs.frozen(kw_only=True)
class Acceptance(SecurityTransaction):
    pass


@attrs.frozen(kw_only=True)
class Retraction(SecurityTransaction):
    reason_text: str


@attrs.frozen(kw_only=True)
class QuantityCancellation(SecurityTransaction):
    """A stock, equity-compensation or warrant cancellation."""

    reason_text: str
    quantity: Fraction
    balance_security_id: str | None = None


@attrs.frozen(kw_only=True)
class ConvertibleCancellation(SecurityTransaction):
    reason_text: str
    amount: Monetary
    balance_security_id: str | None = None


@attrs.frozen(kw_only=True)
class QuantityTransfer(SecurityTransaction):
    """A stock, equity-compensation or warrant transfer."""

    resulting_security_ids: tuple[str, ...]
    quantity: Fraction
    consideration_text: str | None = None
    balance_security_id: str | None = None


@attrs.frozen(kw_only=True)
class ConvertibleTransfer(SecurityTransaction):
    resulting_security_ids: tuple[str, ...]
    amount: Monetary
    consideration_text: str | None = None
    balance_security_id: str | None = None


@attrs.frozen(kw_only=True)
class EquityCompensationExercise(SecurityTransaction):
    resulting_security_ids: tuple[str, ...]
    quantity: Fraction
    consideration_text: str | None = None


@attrs.frozen(kw_only=True)
class WarrantExercise(SecurityTransaction):
    resulting_security_ids: tuple[str, ...]
    trigger_id: str
    consideration_text: str | None = None


@attrs.frozen(kw_only=True)
class ConvertibleConversion(SecurityTransaction):
    resulting_security_ids: tuple[str, ...]
    reason_text: str
    trigger_id: str
    quantity_converted: Fraction | None = None
    balance_security_id: str | None = None
    capitalization_definition: Json = None


@attrs.frozen(kw_only=True)
class StockConversion(SecurityTransaction):
    resulting_security_ids: tuple[str, ...]
    quantity_converted: Fraction
    balance_security_id: str | None = None


@attrs.frozen(kw_only=True)
class StockReissuance(SecurityTransaction):
    resulting_security_ids: tuple[str, ...]
    split_transaction_id: str | None = None
    reason_text: str | None = None


@attrs.frozen(kw_only=True)
class EquityCompensationRelease(SecurityTransaction):
    settlement_date: dt.date
    release_price: Monetary
    quantity: Fraction
    resulting_security_ids: tuple[str, ...]
    consideration_text: str | None = None


@attrs.frozen(kw_only=True)
class StockRepurchase(SecurityTransaction):
    price: Monetary
    quantity: Fraction
    consideration_text: str | None = None
    balance_security_id: str | None = None


@attrs.frozen(kw_only=True)
class StockPlanReturnToPool(SecurityTransaction):
    stock_plan_id: str
    reason_text: str
    quantity: Fraction


@attrs.frozen(kw_only=True)
class VestingAcceleration(SecurityTransaction):
    quantity: Fraction
    reason_text: str


@attrs.frozen(kw_only=True)
class VestingConditionEvent(SecurityTransaction):
    """A vesting start or vesting event."""

    vesting_condition_id: str


@attrs.frozen(kw_only=True)
class StockClassSplit(Transaction):
    stock_class_id: str
    split_ratio: Ratio


@attrs.frozen(kw_only=True)
class StockClassConversionRatioAdjustment(Transaction):
    stock_class_id: str
    new_ratio_conversion_mechanism: Json


@attrs.frozen(kw_only=True)
class StockClassAuthorizedSharesAdjustment(Transaction):
    stock_class_id: str
    new_shares_authorized: Fraction
    board_approval_date: dt.date | None = None
    stockholder_approval_date: dt.date | None = None


@attrs.frozen(kw_only=True)
class IssuerAuthorizedSharesAdjustment(Transaction):
    issuer_id: str
    new_shares_authorized: Fraction
    board_approval_date: dt.date | None = None
    stockholder_approval_date: dt.date | None = None


@attrs.frozen(kw_only=True)
class StockPlanPoolAdjustment(Transaction):
    stock_plan_id: str
    shares_reserved: Fraction
    board_approval_date: dt.date | None = None
    stockholder_approval_date: dt.date | None = None


def _kinds(cls: type[Transaction], *names: str) -> dict[str, type[Transaction]]:
    return {f"TX_{name}": cls for name in names}


#: OCF 1.2.0 ``object_type`` → the class that reads it (``PLAN_SECURITY`` is the old
#: spelling of ``EQUITY_COMPENSATION`` that 1.2.0 still accepts).
TRANSACTION_TYPES: dict[str, type[Transaction]] = {
    "TX_STOCK_ISSUANCE": StockIssuance,
    **_kinds(EquityCompensationIssuance, "EQUITY_COMPENSATION_ISSUANCE", "PLAN_SECURITY_ISSUANCE"),
    "TX_WARRANT_ISSUANCE": WarrantIssuance,
    "TX_CONVERTIBLE_ISSUANCE": ConvertibleIssuance,
    **_kinds(
        Acceptance,
        "STOCK_ACCEPTANCE",
        "EQUITY_COMPENSATION_ACCEPTANCE",
        "PLAN_SECURITY_ACCEPTANCE",
        "WARRANT_ACCEPTANCE",
        "CONVERTIBLE_ACCEPTANCE",
    ),
    **_kinds(
        Retraction,
        "STOCK_RETRACTION",
        "EQUITY_COMPENSATION_RETRACTION",
        "PLAN_SECURITY_RETRACTION",
        "WARRANT_RETRACTION",
        "CONVERTIBLE_RETRACTION",
    ),
    **_kinds(
        QuantityCancellation,
        "STOCK_CANCELLATION",
        "EQUITY_COMPENSATION_CANCELLATION",
        "PLAN_SECURITY_CANCELLATION",
        "WARRANT_CANCELLATION",
    ),
    "TX_CONVERTIBLE_CANCELLATION": ConvertibleCancellation,
    **_kinds(
        QuantityTransfer,
        "STOCK_TRANSFER",
        "EQUITY_COMPENSATION_TRANSFER",
        "PLAN_SECURITY_TRANSFER",
        "WARRANT_TRANSFER",
    ),
    "TX_CONVERTIBLE_TRANSFER": ConvertibleTransfer,
    **_kinds(EquityCompensationExercise, "EQUITY_COMPENSATION_EXERCISE", "PLAN_SECURITY_EXERCISE"),
    "TX_WARRANT_EXERCISE": WarrantExercise,
    "TX_CONVERTIBLE_CONVERSION": ConvertibleConversion,
    "TX_STOCK_CONVERSION": StockConversion,
    "TX_STOCK_REISSUANCE": StockReissuance,
    **_kinds(EquityCompensationRelease, "EQUITY_COMPENSATION_RELEASE", "PLAN_SECURITY_RELEASE"),
    "TX_STOCK_REPURCHASE": StockRepurchase,
    "TX_STOCK_PLAN_RETURN_TO_POOL": StockPlanReturnToPool,
    "TX_VESTING_ACCELERATION": VestingAcceleration,
    **_kinds(VestingConditionEvent, "VESTING_START", "VESTING_EVENT"),
    "TX_STOCK_CLASS_SPLIT": StockClassSplit,
    "TX_STOCK_CLASS_CONVERSION_RATIO_ADJUSTMENT": StockClassConversionRatioAdjustment,
    "TX_STOCK_CLASS_AUTHORIZED_SHARES_ADJUSTMENT": StockClassAuthorizedSharesAdjustment,
    "TX_ISSUER_AUTHORIZED_SHARES_ADJUSTMENT": IssuerAuthorizedSharesAdjustment,
    "TX_STOCK_PLAN_POOL_ADJUSTMENT": StockPlanPoolAdjustment,
}

#: The other files' item ``object_type`` → class.
OBJECT_TYPES: dict[str, type[OcfObject]] = {
    "STAKEHOLDER": Stakeholder,
    "STOCK_CLASS": StockClass,
    "STOCK_PLAN": StockPlan,
}


@attrs.frozen(kw_only=True)
class Package:
    """A read and checked OCF package: the manifest and the objects the warrant needs."""

    source: str
    manifest: Manifest
    stakeholders: tuple[Stakeholder, ...]
    stock_classes: tuple[StockClass, ...]
    stock_plans: tuple[StockPlan, ...]
    #: in file order: the manifest's files in order, each file's items in order
    transactions: tuple[Transaction, ...]
    #: how many valuations (409A and others) the package holds; never used as FMV
    valuations: int = 0
