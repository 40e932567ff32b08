"""What the importer refuses rather than guesses (the mapping and the overlay).

Each test changes one fact of a copy of the Alpha package or overlay, checks the
one-line refusal names the OCF id, the field and (where one applies) the clause,
and, where the overlay can say what OCF cannot, that saying it is accepted.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from fractions import Fraction
from pathlib import Path

import pytest

import warrant
from ocf_helpers import (
    Json,
    change_transactions,
    copy_alpha,
    overlay_with,
    read,
    stock,
    transaction,
    write,
)

Change = Callable[[list[Json]], None]


def _case(
    tmp_path: Path, change: Change | None = None, overlay: str | None = None
) -> tuple[Path, Path]:
    package, overlay_path = copy_alpha(tmp_path, overlay_text=overlay)
    if change is not None:
        change_transactions(package, change)
    return package, overlay_path


def _refused(
    tmp_path: Path, change: Change | None = None, overlay: str | None = None
) -> warrant.OcfRefused:
    package, overlay_path = _case(tmp_path, change, overlay)
    with pytest.raises(warrant.OcfRefused) as caught:
        warrant.import_ocf(package, overlay_path)
    assert "\n" not in str(caught.value)
    return caught.value


def _imported(
    tmp_path: Path, change: Change | None = None, overlay: str | None = None
) -> warrant.OcfImport:
    package, overlay_path = _case(tmp_path, change, overlay)
    return warrant.import_ocf(package, overlay_path)


def _event(result: warrant.OcfImport, event_id: str) -> warrant.Event:
    return next(event for event in result.scenario.events if event.id == event_id)


def _set(ocf_id: str, **values: object) -> Change:
    return lambda items: transaction(items, ocf_id).update(values)


# -- the overlay against the package ---------------------------------------------------------


def test_ocf_an_overlay_for_another_export_date_is_refused(tmp_path: Path) -> None:
    text = overlay_with("", replace=("as_of = 2004-01-31", "as_of = 2004-02-29"))
    error = _refused(tmp_path, overlay=text)
    assert error.field == "as_of"
    assert "2004-02-29" in str(error) and "2004-01-31" in str(error)


def test_ocf_an_overlay_without_as_of_is_refused(tmp_path: Path) -> None:
    error = _refused(tmp_path, overlay=overlay_with("", replace=("as_of = 2004-01-31", "")))
    assert error.field == "as_of"


def test_4C5iii_ocf_a_stock_plan_the_overlay_does_not_map_is_refused(tmp_path: Path) -> None:
    error = _refused(tmp_path, overlay=overlay_with("", replace=('"plan-1994" = "1994"', "")))
    assert error.ocf_id == "plan-1994"
    assert error.clause == "4.C(5)(iii)"
    assert '"1985" plan' in str(error)


def test_ocf_a_plan_mapped_to_something_else_is_refused(tmp_path: Path) -> None:
    text = overlay_with("", replace=('"plan-1994" = "1994"', '"plan-1994" = "2001"'))
    assert "'2001' is not one of: 1985, 1994, later, outside" in str(
        _refused(tmp_path, overlay=text)
    )


def test_ocf_an_overlay_naming_no_plan_of_the_package_is_refused(tmp_path: Path) -> None:
    text = overlay_with("", replace=('"plan-1994" = "1994"', '"plan-1994" = "1994"\n"x" = "1985"'))
    error = _refused(tmp_path, overlay=text)
    assert error.ocf_id == "x"
    assert "names no stock plan" in str(error)


def test_ocf_an_overlay_tx_naming_no_transaction_is_refused(tmp_path: Path) -> None:
    error = _refused(tmp_path, overlay=overlay_with('[tx."tx-nothing"]\nexpenses = 1'))
    assert error.ocf_id == "tx-nothing"


def test_ocf_an_unknown_key_in_an_overlay_tx_is_refused(tmp_path: Path) -> None:
    error = _refused(tmp_path, overlay=overlay_with('[tx."tx-split"]\nratio = 2'))
    assert error.field == "ratio"
    assert error.where is not None and '[tx."tx-split"]' in error.where


def test_ocf_an_unknown_overlay_table_is_refused(tmp_path: Path) -> None:
    assert _refused(tmp_path, overlay=overlay_with("[plan]\nx = 1")).field == "plan"


def test_ocf_an_overlay_field_the_event_does_not_have_is_refused(tmp_path: Path) -> None:
    error = _refused(tmp_path, overlay=overlay_with('[tx."tx-split"]\nexpenses = 1'))
    assert error.ocf_id == "tx-split"
    assert "expenses" in str(error)


def test_ocf_the_overlay_cannot_contradict_what_the_package_states(tmp_path: Path) -> None:
    error = _refused(tmp_path, overlay=overlay_with('[tx."tx-lender-warrant"]\nconsideration = 1'))
    assert error.ocf_id == "tx-lender-warrant"
    assert error.field == "consideration"
    assert "contradicts the package's 10000" in str(error)


def test_spec_2_ocf_a_float_in_the_overlay_is_read_exactly(tmp_path: Path) -> None:
    text = overlay_with("", replace=('expenses = "50000"', "expenses = 50000.10"))
    sale = _event(_imported(tmp_path, overlay=text), "sale-2002")
    assert isinstance(sale, warrant.Issuance)
    assert sale.expenses == Fraction("50000.10")


# -- the capital at the Issue Date -----------------------------------------------------------


def test_4C1_ocf_a_capitalization_the_package_contradicts_is_refused(tmp_path: Path) -> None:
    text = overlay_with(
        "", replace=("common_outstanding = 7000000", "common_outstanding = 6000000")
    )
    error = _refused(tmp_path, overlay=text)
    assert error.field == "common_outstanding"
    assert "7000000 Common shares outstanding" in str(error)


def test_4C5iii_ocf_plan_options_the_package_contradicts_are_refused(tmp_path: Path) -> None:
    text = overlay_with(
        "", replace=("plan_options_outstanding = 500000", "plan_options_outstanding = 400000")
    )
    error = _refused(tmp_path, overlay=text)
    assert error.field == "plan_options_outstanding"
    assert error.clause == "4.C(5)(iii)"


def test_ocf_shares_bought_back_before_the_issue_date_leave_the_opening_count(
    tmp_path: Path,
) -> None:
    def change(items: list[Json]) -> None:
        buyback = dict(transaction(items, "tx-buyback"), id="tx-early-buyback", date="2001-01-02")
        items.append(buyback)

    error = _refused(tmp_path, change)
    assert "6900000 Common shares outstanding" in str(error)


# -- grants ----------------------------------------------------------------------------------


def test_4C5iii_ocf_a_plan_grant_without_a_grantee_is_refused(tmp_path: Path) -> None:
    error = _refused(tmp_path, overlay=overlay_with("", replace=('"sh-officer" = "officer"', "")))
    assert error.ocf_id == "tx-officer-grant"
    assert error.clause == "4.C(5)(iii)"
    assert "'sh-officer'" in str(error)


def test_4C3_ocf_an_option_without_an_expiry_is_refused(tmp_path: Path) -> None:
    error = _refused(tmp_path, _set("tx-officer-grant", expiration_date=None))
    assert error.ocf_id == "tx-officer-grant"
    assert error.field == "expiration_date"


def test_4C3_ocf_the_overlay_can_give_the_expiry(tmp_path: Path) -> None:
    result = _imported(
        tmp_path,
        _set("tx-officer-grant", expiration_date=None),
        overlay_with('[tx."tx-officer-grant"]\nexpires = 2012-07-01'),
    )
    grant = _event(result, "ocf:tx-officer-grant")
    assert isinstance(grant, warrant.OptionGrant)
    assert grant.expires == dt.date(2012, 7, 1)


@pytest.mark.parametrize("missing", ["quantity", "exercise_price"])
def test_4C3_ocf_a_warrant_without_quantity_or_price_is_refused(
    tmp_path: Path, missing: str
) -> None:
    error = _refused(tmp_path, lambda items: transaction(items, "tx-lender-warrant").pop(missing))
    assert error.ocf_id == "tx-lender-warrant"
    assert error.field == missing


def test_4C3_ocf_a_warrant_with_an_estimated_quantity_is_refused(tmp_path: Path) -> None:
    error = _refused(tmp_path, _set("tx-lender-warrant", quantity_source="HUMAN_ESTIMATED"))
    assert error.field == "quantity_source"


def test_4C3_ocf_an_rsu_is_refused_unless_classified(tmp_path: Path) -> None:
    rsu = _set("tx-consultant-grant", compensation_type="RSU")
    assert _refused(tmp_path / "a", rsu).field == "compensation_type"
    result = _imported(
        tmp_path / "b", rsu, overlay_with('[tx."tx-consultant-grant"]\nclassify = "option-grant"')
    )
    grant = _event(result, "ocf:tx-consultant-grant")
    assert isinstance(grant, warrant.OptionGrant)
    assert grant.exercise_price == 0


def _no_fixed_quantity(items: list[Json]) -> None:
    trigger = transaction(items, "tx-note")["conversion_triggers"][0]
    trigger["conversion_right"]["conversion_mechanism"] = {
        "type": "CUSTOM_CONVERSION",
        "custom_conversion_description": "at the next round's price",
    }


def test_4C3_ocf_a_convertible_without_a_fixed_maximum_is_refused(tmp_path: Path) -> None:
    error = _refused(tmp_path, _no_fixed_quantity)
    assert error.ocf_id == "tx-note"
    assert error.clause == "4.C(3)"


def test_4C3_ocf_the_overlay_can_give_the_convertibles_maximum(tmp_path: Path) -> None:
    result = _imported(
        tmp_path, _no_fixed_quantity, overlay_with('[tx."tx-note"]\nmax_shares = 600000')
    )
    note = _event(result, "ocf:tx-note")
    assert isinstance(note, warrant.ConvertibleIssuance)
    assert note.max_shares == 600_000


def test_ocf_a_non_usd_amount_is_refused(tmp_path: Path) -> None:
    def euros(items: list[Json]) -> None:
        transaction(items, "tx-sale-2002")["share_price"]["currency"] = "EUR"

    error = _refused(tmp_path, euros)
    assert error.ocf_id == "tx-sale-2002"
    assert error.field == "share_price.currency"
    assert "EUR" in str(error)


def test_4C6_ocf_a_conversion_ratio_adjustment_is_refused(tmp_path: Path) -> None:
    adjustment = {
        "object_type": "TX_STOCK_CLASS_CONVERSION_RATIO_ADJUSTMENT",
        "id": "tx-ratio",
        "date": "2003-04-01",
        "stock_class_id": "class-common",
        "new_ratio_conversion_mechanism": {},
    }
    error = _refused(tmp_path, lambda items: items.append(adjustment))
    assert error.ocf_id == "tx-ratio"
    assert error.clause == "4.C(6)"


# -- zero-price Common -------------------------------------------------------------------------

_FREE = stock("tx-free", "sec-free", "2003-04-01", "80000", "0")


def test_4D_ocf_a_zero_price_common_issue_is_refused_unless_classified(tmp_path: Path) -> None:
    error = _refused(tmp_path, lambda items: items.append(dict(_FREE)))
    assert error.ocf_id == "tx-free"
    assert error.clause == "4.D"
    assert "stock dividend in disguise" in str(error)


def test_4D_ocf_a_zero_price_issue_classified_as_a_stock_dividend(tmp_path: Path) -> None:
    result = _imported(
        tmp_path,
        lambda items: items.append(dict(_FREE)),
        overlay_with('[tx."tx-free"]\nclassify = "stock-dividend"\nrecord_date = 2003-03-25'),
    )
    dividend = _event(result, "ocf:tx-free")
    assert isinstance(dividend, warrant.StockDividend)
    assert dividend.shares == 80_000
    assert dividend.record_date == dt.date(2003, 3, 25)


def test_4C1_ocf_a_zero_price_issue_classified_as_an_issuance(tmp_path: Path) -> None:
    result = _imported(
        tmp_path,
        lambda items: items.append(dict(_FREE)),
        overlay_with('[tx."tx-free"]\nclassify = "issuance"'),
    )
    issue = _event(result, "ocf:tx-free")
    assert isinstance(issue, warrant.Issuance)
    assert issue.cash == 0


# -- kinds the importer does not read ------------------------------------------------------


def test_4C3_ocf_an_issue_of_preferred_stock_is_refused(tmp_path: Path) -> None:
    package, overlay = copy_alpha(tmp_path)
    classes = read(package, "StockClasses.ocf.json")
    preferred = dict(classes["items"][0], id="class-preferred", class_type="PREFERRED")
    classes["items"].append(preferred)
    write(package, "StockClasses.ocf.json", classes)
    change_transactions(package, _set("tx-sale-2002", stock_class_id="class-preferred"))
    with pytest.raises(warrant.OcfRefused) as caught:
        warrant.import_ocf(package, overlay)
    assert caught.value.ocf_id == "tx-sale-2002"
    assert "PREFERRED" in str(caught.value)


def test_ocf_a_retraction_is_refused(tmp_path: Path) -> None:
    retraction = {
        "object_type": "TX_STOCK_RETRACTION",
        "id": "tx-retract",
        "date": "2002-06-10",
        "security_id": "sec-sale-2002",
        "reason_text": "entered twice",
    }
    assert _refused(tmp_path, lambda items: items.append(retraction)).ocf_id == "tx-retract"


def test_4C5_ocf_a_common_stock_cancellation_is_refused_unless_classified(tmp_path: Path) -> None:
    cancellation = {
        "object_type": "TX_STOCK_CANCELLATION",
        "id": "tx-forfeit",
        "date": "2003-10-01",
        "security_id": "sec-sale-2002",
        "quantity": "1000",
        "reason_text": "forfeited",
    }
    error = _refused(tmp_path / "a", lambda items: items.append(dict(cancellation)))
    assert error.ocf_id == "tx-forfeit"
    result = _imported(
        tmp_path / "b",
        lambda items: items.append(dict(cancellation)),
        overlay_with('[tx."tx-forfeit"]\nclassify = "buyback"'),
    )
    buyback = _event(result, "ocf:tx-forfeit")
    assert isinstance(buyback, warrant.Buyback)
    assert buyback.shares == 1000


def test_ocf_an_exercise_whose_shares_do_not_match_is_refused(tmp_path: Path) -> None:
    error = _refused(tmp_path, _set("tx-officer-exercise", quantity="40000"))
    assert error.ocf_id == "tx-officer-exercise"
    assert "hold 50000 shares but the exercise says 40000" in str(error)


def test_spec_12_ocf_a_refused_import_writes_nothing(tmp_path: Path) -> None:
    from warrant.cli import main

    package, overlay = _case(tmp_path, _set("tx-officer-grant", expiration_date=None))
    target = tmp_path / "out.toml"
    assert main(["import-ocf", str(package), "--overlay", str(overlay), "-o", str(target)]) == 2
    assert not target.exists()


# -- the Warrants themselves ---------------------------------------------------------------


def test_4C5i_ocf_a_warrant_issued_on_the_issue_date_is_refused_unless_classified(
    tmp_path: Path,
) -> None:
    error = _refused(tmp_path, _set("tx-lender-warrant", date="2002-03-04"))
    assert error.ocf_id == "tx-lender-warrant"
    assert error.clause == "4.C(5)(i)"


def test_4C5i_ocf_the_warrants_themselves_are_no_grant_and_their_exercise_is_excluded(
    tmp_path: Path,
) -> None:
    def issued_and_exercised(items: list[Json]) -> None:
        transaction(items, "tx-lender-warrant")["date"] = "2002-03-04"
        items.append(
            {
                "object_type": "TX_WARRANT_EXERCISE",
                "id": "tx-lender-exercise",
                "security_id": "sec-lender-warrant",
                "date": "2003-05-01",
                "trigger_id": "t",
                "resulting_security_ids": ["sec-lender-shares"],
            }
        )
        items.append(stock("tx-lender-shares", "sec-lender-shares", "2003-05-01", "20000", "0.50"))

    result = _imported(
        tmp_path,
        issued_and_exercised,
        overlay_with('[tx."tx-lender-warrant"]\nclassify = "the-warrants"'),
    )
    ids = [event.id for event in result.scenario.events]
    assert "ocf:tx-lender-warrant" not in ids
    issue = _event(result, "ocf:tx-lender-exercise")
    assert isinstance(issue, warrant.Issuance)
    assert issue.warrant_exercise is True
    assert issue.shares == 20_000


def test_ocf_an_overlay_entry_for_a_transaction_that_makes_no_event_is_refused(
    tmp_path: Path,
) -> None:
    error = _refused(tmp_path, overlay=overlay_with('[tx."tx-officer-vesting"]\nexpenses = 10'))
    assert error.ocf_id == "tx-officer-vesting"
    assert "makes no event" in str(error)
    error = _refused(tmp_path / "b", overlay=overlay_with('[tx."tx-founders"]\nexpenses = 10'))
    assert error.ocf_id == "tx-founders"  # before the Issue Date: the opening capital
