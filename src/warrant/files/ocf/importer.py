"""``import_ocf``: an OCF package plus an overlay → an ordinary scenario and a report.

The written scenario is a scenario file like any other: its price CSV path is
rewritten relative to where the scenario is written, so ``warrant replay``
reads it there.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Iterable, Iterator
from pathlib import Path

import attrs

from warrant.files.ocf import model as ocf
from warrant.files.ocf.mapping import Mapped, Mapper
from warrant.files.ocf.opening import check_opening
from warrant.files.ocf.overlay import Overlay, load_overlay
from warrant.files.ocf.package import open_package
from warrant.files.ocf.report import Flag, FlagKind, ImportReport
from warrant.files.scenario_files import PriceSource, Scenario, event_from_data
from warrant.ground.errors import OcfRefused, WarrantError
from warrant.register.events import Event
from warrant.register.ledger import OPENING_PLAN_OPTIONS


@attrs.frozen
class OcfImport:
    """What an import gives: the scenario (replay it) and the report (read it)."""

    scenario: Scenario
    report: ImportReport

    def __iter__(self) -> Iterator[Scenario | ImportReport]:
        """``scenario, report = import_ocf(...)`` reads as well as the attributes."""
        return iter((self.scenario, self.report))


def import_ocf(
    package: str | Path,
    overlay: str | Path,
    *,
    output: str | Path | None = None,
    check_schema: bool = False,
) -> OcfImport:
    """Read ``package`` (a folder or ``.ocf.zip``) and ``overlay`` (TOML) into a scenario.

    ``output`` is where the scenario will be written (its CSV path is made
    relative to it; by default the current folder).  Nothing is written here:
    pass the scenario to :func:`warrant.save_scenario`.  ``check_schema`` validates each
    item against the published v1.2.0 schema too (the ``ocf-schema`` extra).
    """
    try:
        opened = open_package(package, check_schema=check_schema)
    except WarrantError as error:
        raise error.located(str(package)) from None
    loaded = load_overlay(overlay)
    try:
        return _import(opened, loaded, Path(output) if output is not None else None)
    except WarrantError as error:
        raise error.located(f"{package} with {overlay}") from None


def _import(package: ocf.Package, overlay: Overlay, output: Path | None) -> OcfImport:
    _check_overlay(package, overlay)
    terms = overlay.base.terms
    flags: list[Flag] = check_opening(package, overlay, terms.issue_date)
    mapped, mapping_flags = Mapper(package, overlay, terms).run()
    flags += mapping_flags
    events = [_structured(item) for item in mapped]
    _check_events(package, overlay, mapped, events, terms.expiration_date)
    flags += _after_as_of(package)
    keyed = [(event.effective_date, 0, index, event) for index, event in enumerate(events)]
    keyed += [
        (event.effective_date, 1, index, event) for index, event in enumerate(overlay.base.events)
    ]
    merged = tuple(event for *_, event in sorted(keyed, key=lambda item: item[:3]))
    scenario = attrs.evolve(
        overlay.base, events=merged, price_source=_rebased(overlay, output), source=None
    )
    report = ImportReport(
        package=package.source,
        overlay=str(overlay.path),
        as_of=package.manifest.as_of.isoformat(),
        ocf_version=package.manifest.ocf_version,
        transactions=len(package.transactions),
        events=len(merged),
        overlay_events=len(overlay.base.events),
        flags=tuple(flags),
    )
    return OcfImport(scenario=scenario, report=report)


def _check_overlay(package: ocf.Package, overlay: Overlay) -> None:
    as_of = package.manifest.as_of
    if overlay.as_of != as_of:
        raise OcfRefused(
            f"the overlay was written for the export of {overlay.as_of.isoformat()}, the "
            f"package's as_of is {as_of.isoformat()}",
            field="as_of",
            where="[ocf]",
        )
    plan_ids = {plan.id for plan in package.stock_plans}
    for plan in package.stock_plans:
        if plan.id not in overlay.plans:
            raise OcfRefused(
                f"stock plan {plan.plan_name!r} is not mapped: say in [plans] whether it is the "
                '"1985" plan, the "1994" plan, a "later" plan or "outside" (4.C(5)(iii))',
                ocf_id=plan.id,
                field="plans",
                clause="4.C(5)(iii)",
            )
    _known(overlay.plans, plan_ids, "[plans]", "stock plan")
    tx_ids = {tx.id for tx in package.transactions}
    _known(overlay.tx, tx_ids, "[tx]", "transaction")
    holders = {s.id for s in package.stakeholders} | tx_ids
    _known(overlay.grantees, holders, "[grantee]", "stakeholder or transaction")


def _known(table: Iterable[str], ids: set[str], where: str, what: str) -> None:
    for key in table:
        if key not in ids:
            raise OcfRefused(f"names no {what} in the package", ocf_id=key, where=where)


def _check_events(
    package: ocf.Package,
    overlay: Overlay,
    mapped: list[Mapped],
    events: list[Event],
    expiration: dt.date,
) -> None:
    """What ``replay`` would refuse in the written scenario is refused here, where the OCF
    id can be named: an id the register reserves or another event already has, and an
    event after the warrant expired (nothing can be adjusted then)."""
    owners: dict[str, str] = {}
    sources = [(item.ocf_id, event) for item, event in zip(mapped, events, strict=True)]
    sources += [("[[event]]", event) for event in overlay.base.events]
    for ocf_id, event in sources:
        if event.id == OPENING_PLAN_OPTIONS:
            raise OcfRefused(
                f"the id {OPENING_PLAN_OPTIONS!r} is the register's own (the plan options at "
                "the Issue Date): give the event another id",
                ocf_id=ocf_id,
                field="id",
            )
        if event.id is not None:
            if event.id in owners:
                raise OcfRefused(
                    f"the id {event.id!r} is given to two events (also {owners[event.id]}): "
                    "each event's id names it alone",
                    ocf_id=ocf_id,
                    field="id",
                )
            owners[event.id] = ocf_id
        if ocf_id != "[[event]]" and event.effective_date > expiration:
            raise OcfRefused(
                f"dated {event.effective_date.isoformat()}, after the warrant expired on "
                f"{expiration.isoformat()}: nothing after it can adjust the warrant; skip it "
                "in the overlay ([tx] skip = \"...\")",
                ocf_id=ocf_id,
                field="date",
                clause="Section 1",
            )


def _after_as_of(package: ocf.Package) -> list[Flag]:
    as_of = package.manifest.as_of
    return [
        Flag(
            kind=FlagKind.AFTER_AS_OF,
            ocf_id=tx.id,
            message=f"dated {tx.date.isoformat()}, after the export's as_of "
            f"{as_of.isoformat()}: the package may not hold all that happened before it",
            default="imported as dated",
        )
        for tx in package.transactions
        if tx.date > as_of
    ]


def _structured(item: Mapped) -> Event:
    try:
        return event_from_data(item.raw, where=f"event {item.raw['id']}")
    except WarrantError as error:
        raise OcfRefused(
            f"{error.message} (as event {item.raw['type']} {item.raw['id']})",
            ocf_id=item.ocf_id,
            field=error.field,
            clause=error.clause,
        ) from None


def _rebased(overlay: Overlay, output: Path | None) -> PriceSource:
    source = overlay.base.price_source
    if source.csv is None:
        return source
    csv = (overlay.path.parent / source.csv).resolve()
    folder = (output.parent if output is not None else Path.cwd()).resolve()
    return PriceSource(csv=Path(os.path.relpath(csv, folder)).as_posix())
