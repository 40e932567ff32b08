"""OCF import benchmark.  Run: ``python benchmarks/ocf_import.py [--quick]``.

Builds synthetic OCF 1.2.0 packages shaped like the Alpha test package (the
Alpha package's stakeholders, classes and plan, plus N transactions: sales, plan
grants, exercises with their resulting issuances, cancellations) and times
``import_ocf`` on each, with and without the schema check; then checks that
``import warrant`` loads none of the importer.

Timings are wall-clock and machine-dependent: this is a benchmark, never a test.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import shutil
import subprocess
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

import warrant

ROOT = Path(__file__).resolve().parent.parent
ALPHA = ROOT / "tests" / "files" / "ocf" / "alpha"
OVERLAY = ROOT / "tests" / "files" / "ocf" / "alpha-overlay.toml"


def _usd(amount: str) -> dict[str, str]:
    return {"amount": amount, "currency": "USD"}


def synthetic_transactions(count: int) -> list[dict[str, object]]:
    """``count`` transactions after the Alpha package's own, in groups of four."""
    items: list[dict[str, object]] = []
    day = date(2002, 3, 11)
    common = {"security_law_exemptions": [], "stock_legend_ids": []}
    for n in range(count // 4):
        day += timedelta(days=1)
        iso = day.isoformat()
        items.append(
            {
                "object_type": "TX_STOCK_ISSUANCE",
                "id": f"s{n}",
                "security_id": f"ss{n}",
                "date": iso,
                "custom_id": f"s{n}",
                "stakeholder_id": "sh-investor",
                "stock_class_id": "class-common",
                "share_price": _usd("1.50"),
                "quantity": "1000",
                **common,
            }
        )
        items.append(
            {
                "object_type": "TX_EQUITY_COMPENSATION_ISSUANCE",
                "id": f"g{n}",
                "security_id": f"gs{n}",
                "date": iso,
                "custom_id": f"g{n}",
                "stakeholder_id": "sh-officer",
                "security_law_exemptions": [],
                "compensation_type": "OPTION",
                "quantity": "100",
                "exercise_price": _usd("1.60"),
                "expiration_date": "2012-01-01",
                "termination_exercise_windows": [],
                "stock_plan_id": "plan-1994",
            }
        )
        items.append(
            {
                "object_type": "TX_EQUITY_COMPENSATION_EXERCISE",
                "id": f"x{n}",
                "security_id": f"gs{n}",
                "date": iso,
                "quantity": "40",
                "resulting_security_ids": [f"xs{n}"],
            }
        )
        items.append(
            {
                "object_type": "TX_STOCK_ISSUANCE",
                "id": f"xr{n}",
                "security_id": f"xs{n}",
                "date": iso,
                "custom_id": f"xr{n}",
                "stakeholder_id": "sh-officer",
                "stock_class_id": "class-common",
                "share_price": _usd("1.60"),
                "quantity": "40",
                **common,
            }
        )
    return items  # fmt: skip


def build_package(folder: Path, count: int) -> Path:
    package = folder / f"synthetic-{count}-{len(list(folder.iterdir()))}"
    shutil.copytree(ALPHA, package)
    path = package / "Transactions.ocf.json"
    data = json.loads(path.read_text(encoding="utf-8"))
    data["items"] += synthetic_transactions(count)
    path.write_text(json.dumps(data), encoding="utf-8")
    manifest_path = package / "Manifest.ocf.json"
    manifest = json.loads(manifest_path.read_text(encoding="utf-8"))
    for key, refs in manifest.items():
        if key.endswith("_files"):
            for ref in refs:
                ref["md5"] = hashlib.md5((package / ref["filepath"]).read_bytes()).hexdigest()
    manifest_path.write_text(json.dumps(manifest), encoding="utf-8")
    return package


def timed(package: Path, overlay: Path, *, check_schema: bool = False) -> tuple[float, int]:
    start = time.perf_counter()
    result = warrant.import_ocf(package, overlay, check_schema=check_schema)
    return time.perf_counter() - start, len(result.scenario.events)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="skip the 10,000-transaction package")
    args = parser.parse_args()
    sizes = (1_000,) if args.quick else (1_000, 10_000)
    with tempfile.TemporaryDirectory() as folder:
        overlay = Path(folder) / "overlay.toml"
        overlay.write_text(
            OVERLAY.read_text(encoding="utf-8").replace(
                "alpha/prices.csv", str(ALPHA / "prices.csv")
            ),
            encoding="utf-8",
        )
        seconds, events = timed(ALPHA, OVERLAY)
        print(f"Alpha package (13 transactions): {seconds * 1000:.0f} ms, {events} events")
        for size in sizes:
            package = build_package(Path(folder), size)
            seconds, events = timed(package, overlay)
            rate = (size + 13) / seconds
            print(
                f"{size:>6,} extra transactions: {seconds:.2f} s ({rate:,.0f} transactions/s), "
                f"{events} events"
            )
        try:
            import fastjsonschema  # noqa: F401
        except ImportError:
            print("schema check: fastjsonschema not installed (pip install 'warrant[ocf-schema]')")
        else:
            package = build_package(Path(folder), 1_000)
            seconds, _ = timed(package, overlay, check_schema=True)
            print(
                f" 1,000 extra transactions with --check-schema: {seconds:.2f} s "
                "(compiling the schemas included)"
            )
    loaded = subprocess.run(
        [sys.executable, "-X", "importtime", "-c", "import warrant"],
        capture_output=True,
        text=True,
        check=True,
    ).stderr
    importer = [line for line in loaded.splitlines() if "warrant.files.ocf" in line]
    print(f"import warrant loads {len(importer)} importer modules (expected 0)")


if __name__ == "__main__":
    main()
