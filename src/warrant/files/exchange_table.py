"""The scenario's ``[exchange]`` table (SPEC §8, §10): a proposed exchange or repricing.

```toml
[exchange]
commencement = 2003-02-28
offer_expires = 2003-03-31
# cancellation = 2003-04-01    default: the next business day after expiry
# grant_date = 2003-10-03      default: the earliest the offer allows
# grant_price = "1.60"         default: the grant date's closing price

[[exchange.tender]]
of = "opening-plan-options"    # a grant id in the register
shares = 520000
grantee = "officer"            # of the new option; default the tendered grant's
# plan = true                  # the new option is under the 1994 plan
# shares_granted = 520000      # default the shares tendered
# grant_price = "1.76"         # this tender's own price (110% rule)
# holder = "Lawrence Butler"   # a name, for the reader
```

or, for a repricing, ``[[exchange.reprice]]`` tables with ``of``, ``new_price``, ``date``
and optionally ``shares``; a repricing made by tender offer may give the offer's
``commencement`` and ``offer_expires`` in ``[exchange]`` beside them, reported with the
verdict.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from warrant.case.proposal import (
    ExchangeOffer,
    Proposal,
    Reprice,
    RepricingProposal,
    Tender,
)
from warrant.ground.dates import require_date
from warrant.ground.errors import ScenarioError, WarrantError
from warrant.ground.exact import exact_str

OFFER_KEYS = (
    "commencement",
    "offer_expires",
    "cancellation",
    "grant_date",
    "grant_price",
    "tender",
)
TENDER_KEYS = ("of", "shares", "grantee", "plan", "shares_granted", "grant_price", "holder")
REPRICE_KEYS = ("of", "shares", "new_price", "date")
#: ``[exchange]`` keys beside ``[[exchange.reprice]]``: a repricing made by tender offer
REPRICING_OFFER_KEYS = ("reprice", "commencement", "offer_expires")
_DATE_KEYS = ("commencement", "offer_expires", "cancellation", "grant_date", "date")


def _unknown(table: Mapping[str, Any], known: tuple[str, ...], where: str) -> None:
    unknown = sorted(key for key in table if key not in known)
    if unknown:
        raise ScenarioError(
            f"unknown key(s) {', '.join(unknown)} (known: {', '.join(known)})",
            field=unknown[0],
            where=where,
        )


def _values(table: Mapping[str, Any], where: str) -> dict[str, Any]:
    values = dict(table)
    for key in _DATE_KEYS:
        if key in values:
            try:
                values[key] = require_date(values[key], field=key)
            except WarrantError as error:
                raise error.located(where) from None
    return values


def _rows(table: Mapping[str, Any], key: str) -> list[Mapping[str, Any]]:
    rows = table.get(key, [])
    if not isinstance(rows, list) or not all(isinstance(row, Mapping) for row in rows):
        raise ScenarioError(
            f"'{key}' must be an array of tables ([[exchange.{key}]])",
            field=key,
            where="[exchange]",
        )
    return rows


def exchange_from_table(table: Any) -> Proposal:
    """Read the ``[exchange]`` table: an offer with tenders, or repricings."""
    if not isinstance(table, Mapping):
        raise ScenarioError("'exchange' must be a table", field="exchange")
    if "reprice" in table:
        _unknown(table, REPRICING_OFFER_KEYS, "[exchange]")
        reprices = []
        for index, row in enumerate(_rows(table, "reprice")):
            where = f"[[exchange.reprice]] {index + 1}"
            _unknown(row, REPRICE_KEYS, where)
            reprices.append(_build(Reprice, _values(row, where), where))
        offer = _values(
            {k: v for k, v in table.items() if k in ("commencement", "offer_expires")},
            "[exchange]",
        )
        repricing: RepricingProposal = _build(
            RepricingProposal, {"reprices": tuple(reprices), **offer}, "[exchange]"
        )
        return repricing
    _unknown(table, OFFER_KEYS, "[exchange]")
    tenders = []
    for index, row in enumerate(_rows(table, "tender")):
        where = f"[[exchange.tender]] {index + 1}"
        _unknown(row, TENDER_KEYS, where)
        tenders.append(_build(Tender, _values(row, where), where))
    values = _values({k: v for k, v in table.items() if k != "tender"}, "[exchange]")
    for required in ("commencement", "offer_expires"):
        if required not in values:
            raise ScenarioError("required but missing", field=required, where="[exchange]")
    exchange: ExchangeOffer = _build(
        ExchangeOffer, {**values, "tenders": tuple(tenders)}, "[exchange]"
    )
    return exchange


def _build(cls: type[Any], values: Mapping[str, Any], where: str) -> Any:
    try:
        return cls(**values)
    except WarrantError as error:
        raise error.located(where) from None
    except TypeError as error:  # a required key is missing
        missing = str(error).split("'")[1] if "'" in str(error) else "?"
        raise ScenarioError("required but missing", field=missing, where=where) from None


def exchange_to_table(proposal: Proposal) -> dict[str, Any]:
    """The proposal as the ``[exchange]`` table writes it (quantities as exact strings)."""
    if isinstance(proposal, RepricingProposal):
        rows = []
        for item in proposal.reprices:
            row: dict[str, Any] = {
                "of": item.of,
                "new_price": exact_str(item.new_price),
                "date": item.date,
            }
            if item.shares is not None:
                row["shares"] = exact_str(item.shares)
            rows.append(row)
        written: dict[str, Any] = {
            key: getattr(proposal, key)
            for key in ("commencement", "offer_expires")
            if getattr(proposal, key) is not None
        }
        return {**written, "reprice": rows}
    table: dict[str, Any] = {
        "commencement": proposal.commencement,
        "offer_expires": proposal.offer_expires,
    }
    for key in ("cancellation", "grant_date"):
        if getattr(proposal, key) is not None:
            table[key] = getattr(proposal, key)
    if proposal.grant_price is not None:
        table["grant_price"] = exact_str(proposal.grant_price)
    tenders = []
    for tender in proposal.tenders:
        row = {"of": tender.of, "shares": exact_str(tender.shares)}
        if tender.grantee is not None:
            row["grantee"] = tender.grantee.value
        if not tender.plan:
            row["plan"] = False
        for key in ("shares_granted", "grant_price"):
            if getattr(tender, key) is not None:
                row[key] = exact_str(getattr(tender, key))
        if tender.holder is not None:
            row["holder"] = tender.holder
        tenders.append(row)
    table["tender"] = tenders
    return table
