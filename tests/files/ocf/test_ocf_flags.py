"""The import report: every default used is flagged, with the default it used."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

import warrant
from ocf_helpers import (
    ALPHA,
    ALPHA_OVERLAY,
    Json,
    change_transactions,
    copy_alpha,
    option,
    overlay_with,
    read,
    transaction,
    write,
)
from warrant import FlagKind

Change = Callable[[list[Json]], None]


def _report(
    tmp_path: Path, change: Change | None = None, overlay: str | None = None
) -> warrant.ImportReport:
    return _import(tmp_path, change, overlay).report


def _import(
    tmp_path: Path, change: Change | None = None, overlay: str | None = None
) -> warrant.OcfImport:
    package, overlay_path = copy_alpha(tmp_path, overlay_text=overlay)
    if change is not None:
        change_transactions(package, change)
    return warrant.import_ocf(package, overlay_path)


def _ids(report: warrant.ImportReport, kind: FlagKind) -> list[str | None]:
    return [flag.ocf_id for flag in report.of_kind(kind)]


ALPHA_REPORT = warrant.import_ocf(ALPHA, ALPHA_OVERLAY).report


def test_4C2_ocf_grant_consideration_taken_as_zero_is_flagged() -> None:
    flags = ALPHA_REPORT.of_kind(FlagKind.GRANT_CONSIDERATION_ZERO)
    assert [flag.ocf_id for flag in flags] == ["tx-officer-grant", "tx-consultant-grant"]
    assert all(flag.default == "0" for flag in flags)
    # the warrant states its purchase price: nothing assumed
    assert "tx-lender-warrant" not in _ids(ALPHA_REPORT, FlagKind.GRANT_CONSIDERATION_ZERO)


def test_4C2_ocf_grant_consideration_in_the_overlay_is_not_flagged(tmp_path: Path) -> None:
    report = _report(tmp_path, overlay=overlay_with('[tx."tx-officer-grant"]\nconsideration = 0'))
    assert "tx-officer-grant" not in _ids(report, FlagKind.GRANT_CONSIDERATION_ZERO)


def test_ocf_exercise_consideration_with_a_consideration_text_is_flagged(tmp_path: Path) -> None:
    text = overlay_with("", replace=('[tx."tx-officer-exercise"]\nconsideration = "55000"', ""))

    def with_text(items: list[Json]) -> None:
        transaction(items, "tx-officer-exercise")["consideration_text"] = "cash and a note"

    result = _import(tmp_path, with_text, text)
    [flag] = result.report.of_kind(FlagKind.EXERCISE_CONSIDERATION_DEFAULT)
    assert flag.ocf_id == "tx-officer-exercise"
    assert flag.default == "shares × exercise price"
    exercise = next(e for e in result.scenario.events if e.id == "ocf:tx-officer-exercise")
    assert isinstance(exercise, warrant.Exercise)
    assert exercise.consideration is None  # the register's own default: shares × price


def test_4C3_ocf_expiries_derived_for_what_is_outstanding_are_flagged() -> None:
    [flag] = ALPHA_REPORT.of_kind(FlagKind.EXPIRY_DERIVED)
    assert flag.ocf_id == "tx-consultant-grant"
    assert flag.default == "2003-12-31"


def test_4C3_ocf_no_expiry_after_the_manifests_as_of(tmp_path: Path) -> None:
    result = _import(
        tmp_path,
        lambda items: transaction(items, "tx-consultant-grant").update(
            expiration_date="2004-02-01"
        ),
    )
    assert not result.report.of_kind(FlagKind.EXPIRY_DERIVED)
    assert not [e for e in result.scenario.events if e.TYPE == "expiry"]


def test_4C3_ocf_no_expiry_for_a_grant_cancelled_whole(tmp_path: Path) -> None:
    cancel = {
        "object_type": "TX_EQUITY_COMPENSATION_CANCELLATION",
        "id": "tx-consultant-cancel",
        "security_id": "sec-consultant-grant",
        "date": "2003-05-01",
        "quantity": "100000",
        "reason_text": "left",
    }
    result = _import(tmp_path, lambda items: items.append(cancel))
    assert not result.report.of_kind(FlagKind.EXPIRY_DERIVED)


def test_4C3_ocf_plan_options_of_the_issue_date_expire_as_opening_plan_options(
    tmp_path: Path,
) -> None:
    def early(items: list[Json]) -> None:
        transaction(items, "tx-staff-grant-2000")["expiration_date"] = "2003-05-01"

    result = _import(tmp_path, early)
    [expiry] = [e for e in result.scenario.events if e.TYPE == "expiry"][:1]
    assert isinstance(expiry, warrant.Expiry)
    assert expiry.of == warrant.OPENING_PLAN_OPTIONS
    assert expiry.shares == 500_000
    assert "tx-staff-grant-2000" in _ids(result.report, FlagKind.EXPIRY_DERIVED)


def test_ocf_same_day_order_taken_from_the_file_is_flagged() -> None:
    [flag] = ALPHA_REPORT.of_kind(FlagKind.SAME_DAY_ORDER)
    assert flag.default == "file order"
    assert "2002-08-01" in flag.message
    assert flag.message.index("tx-consultant-grant") < flag.message.index("tx-lender-warrant")


def test_4C6_ocf_a_cancellation_and_regrant_on_one_day_is_flagged_not_merged(
    tmp_path: Path,
) -> None:
    regrant = option(
        "tx-regrant",
        "sec-regrant",
        "2003-02-03",
        "30000",
        "0.60",
        "2013-02-03",
        stock_plan_id="plan-1994",
    )
    result = _import(tmp_path, lambda items: items.append(regrant))
    [flag] = result.report.of_kind(FlagKind.CANCEL_AND_REGRANT)
    assert flag.ocf_id == "tx-regrant"
    assert "tx-officer-cancel" in flag.message
    kinds = [e.TYPE for e in result.scenario.events if e.date == dt.date(2003, 2, 3)]
    assert kinds == ["cancellation", "option-grant"]  # never a repricing by itself


def test_ocf_transactions_ignored_are_listed() -> None:
    assert _ids(ALPHA_REPORT, FlagKind.IGNORED) == ["tx-officer-vesting"]


def test_ocf_a_transfer_is_ignored_and_its_securities_stay_the_grant(tmp_path: Path) -> None:
    def transfer_then_exercise(items: list[Json]) -> None:
        items.append(
            {
                "object_type": "TX_WARRANT_TRANSFER",
                "id": "tx-warrant-transfer",
                "security_id": "sec-lender-warrant",
                "date": "2003-04-01",
                "quantity": "500000",
                "resulting_security_ids": ["sec-warrant-b"],
            }
        )
        items.append(
            dict(
                transaction(items, "tx-lender-warrant"),
                id="tx-warrant-b",
                security_id="sec-warrant-b",
                date="2003-04-01",
                custom_id="W-2",
            )
        )
        items.append(
            {
                "object_type": "TX_WARRANT_EXERCISE",
                "id": "tx-warrant-exercise",
                "security_id": "sec-warrant-b",
                "date": "2003-05-01",
                "trigger_id": "t",
                "resulting_security_ids": ["sec-warrant-shares"],
            }
        )
        items.append(
            {
                "object_type": "TX_STOCK_ISSUANCE",
                "id": "tx-warrant-shares",
                "security_id": "sec-warrant-shares",
                "date": "2003-05-01",
                "custom_id": "CS-9",
                "stakeholder_id": "sh-lender",
                "security_law_exemptions": [],
                "stock_class_id": "class-common",
                "share_price": {"amount": "0.50", "currency": "USD"},
                "quantity": "200000",
                "stock_legend_ids": [],
            }
        )

    result = _import(tmp_path, transfer_then_exercise)
    assert "tx-warrant-transfer" in _ids(result.report, FlagKind.IGNORED)
    exercise = next(e for e in result.scenario.events if e.id == "ocf:tx-warrant-exercise")
    assert isinstance(exercise, warrant.Exercise)
    assert exercise.of == "ocf:tx-lender-warrant"
    assert exercise.shares == 200_000
    assert not [e for e in result.scenario.events if e.id == "ocf:tx-warrant-b"]


def test_ocf_a_skipped_transaction_is_listed_with_its_reason(tmp_path: Path) -> None:
    report = _report(tmp_path, overlay=overlay_with('[tx."tx-buyback"]\nskip = "typed by hand"'))
    [flag] = report.of_kind(FlagKind.SKIPPED)
    assert flag.ocf_id == "tx-buyback"
    assert "typed by hand" in flag.message


def test_4C5iii_ocf_grantee_from_current_relationship_is_flagged(tmp_path: Path) -> None:
    text = overlay_with(
        "", replace=('"sh-officer" = "officer"', "from_current_relationship = true")
    )
    result = _import(tmp_path, overlay=text)
    [flag] = result.report.of_kind(FlagKind.GRANTEE_FROM_RELATIONSHIP)
    assert flag.ocf_id == "tx-officer-grant"
    assert flag.default == "officer"
    assert "as of the export" in flag.message
    grant = next(e for e in result.scenario.events if e.id == "ocf:tx-officer-grant")
    assert isinstance(grant, warrant.OptionGrant)
    assert grant.grantee is warrant.Grantee.OFFICER


def test_4C5iii_ocf_a_grants_own_entry_wins_over_its_stakeholders(tmp_path: Path) -> None:
    text = overlay_with(
        "",
        replace=(
            '"sh-officer" = "officer"',
            '"sh-officer" = "officer"\n"tx-officer-grant" = "consultant"',
        ),
    )
    grant = next(
        e for e in _import(tmp_path, overlay=text).scenario.events if e.id == "ocf:tx-officer-grant"
    )
    assert isinstance(grant, warrant.OptionGrant)
    assert grant.grantee is warrant.Grantee.CONSULTANT


def test_ocf_valuations_are_never_used_as_fmv(tmp_path: Path) -> None:
    package, overlay = copy_alpha(tmp_path)
    valuations = read(package, "Valuations.ocf.json")
    valuations["items"].append({"object_type": "VALUATION", "id": "409a-2003"})
    write(package, "Valuations.ocf.json", valuations)
    [flag] = warrant.import_ocf(package, overlay).report.of_kind(FlagKind.VALUATION_NOT_FMV)
    assert flag.default == "[prices]"


def test_ocf_a_capitalization_the_package_cannot_tell_is_flagged(tmp_path: Path) -> None:
    def later_history(items: list[Json]) -> None:
        items[:] = [
            item for item in items if item["date"] >= "2002-03-04" and item["id"] != "tx-buyback"
        ]

    report = _report(tmp_path, later_history)
    assert len(report.of_kind(FlagKind.CAPITALIZATION_NOT_CHECKED)) == 2
    assert not ALPHA_REPORT.of_kind(FlagKind.CAPITALIZATION_NOT_CHECKED)


def test_ocf_the_report_json_has_its_keys() -> None:
    data = ALPHA_REPORT.to_json()
    assert data["as_of"] == "2004-01-31"
    assert data["ocf_version"] == "1.2.0"
    assert data["events"] == 11
    assert data["overlay_events"] == 1
    assert isinstance(data["flags"], list)
    assert set(data["flags"][0]) == {"flag", "ocf_id", "default", "message"}


def test_ocf_a_pool_adjustment_and_an_acceptance_are_ignored(tmp_path: Path) -> None:
    pool = {
        "object_type": "TX_STOCK_PLAN_POOL_ADJUSTMENT",
        "id": "tx-pool",
        "date": "2002-09-01",
        "stock_plan_id": "plan-1994",
        "shares_reserved": "3000000",
    }
    acceptance = {
        "object_type": "TX_WARRANT_ACCEPTANCE",
        "id": "tx-accept",
        "date": "2002-08-02",
        "security_id": "sec-lender-warrant",
    }
    result = _import(tmp_path, lambda items: items.extend([pool, acceptance]))
    assert {"tx-pool", "tx-accept"} <= set(_ids(result.report, FlagKind.IGNORED))
    assert len(result.scenario.events) == 11
