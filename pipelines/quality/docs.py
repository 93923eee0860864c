"""`make quality`: validate the published warehouse with every suite and write GX Data Docs under warehouse/quality/.

Read-only: it never blocks, nor is blocked by, a run. Exits 1 when a blocking check fails, 0 otherwise (warnings
are printed). Usage: python -m pipelines.quality.docs [--warehouse PATH] [--out DIR]
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from pipelines import settings
from pipelines.quality.suites import ALL_CHECKS
from pipelines.quality.validate import CheckOutcome, QualityContext
from pipelines.warehouse import WarehouseMissing, connect_read_only


def default_docs_dir(warehouse: Path) -> Path:
    return warehouse.parent / "quality"


def validate_warehouse(warehouse: Path, docs_dir: Path) -> tuple[list[CheckOutcome], Path]:
    """Run every check against the published warehouse; returns the outcomes and the Data Docs index."""
    context = QualityContext(docs_dir=docs_dir)
    conn = connect_read_only(warehouse)
    try:
        outcomes = [context.run_check(check, conn) for check in ALL_CHECKS]
    finally:
        conn.close()
    return outcomes, context.build_docs()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--warehouse", type=Path, default=None, help="default: COMMUNIQUE_WAREHOUSE")
    parser.add_argument("--out", type=Path, default=None, help="default: quality/ beside the warehouse file")
    args = parser.parse_args(argv)
    warehouse = (args.warehouse or settings.warehouse_path()).resolve()
    docs_dir = (args.out or default_docs_dir(warehouse)).resolve()
    started = time.perf_counter()
    try:
        outcomes, index = validate_warehouse(warehouse, docs_dir)
    except WarehouseMissing as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    for outcome in outcomes:
        check = outcome.check
        print(f"  {outcome.status:<7} {check.name:<28} on {check.asset:<16} ({check.severity})")
        for failure in outcome.failures:
            count = failure.unexpected_count if failure.unexpected_count is not None else failure.observed
            print(f"          - {failure.suite}: {failure.expectation}: {count} · {failure.reason}")
    print(f"{len(outcomes)} checks in {time.perf_counter() - started:.1f} s. Data Docs: {index}")
    return 1 if any(o.status == "failed" for o in outcomes) else 0


if __name__ == "__main__":
    sys.exit(main())
