"""`quality_docs`: the Data Docs of this run's validation, as an asset (the UI's way to `make quality`).

Not registered by this package: definitions.py adds it to the assets. It reads the run's working copy after the
last extraction asset and writes the HTML beside the warehouse file (warehouse/quality/index.html).
"""

from pathlib import Path

import dagster as dg

from pipelines.quality.docs import default_docs_dir
from pipelines.quality.suites import ALL_CHECKS
from pipelines.quality.validate import QualityContext
from pipelines.resources import WarehouseResource


@dg.asset(
    group_name="quality",
    kinds={"python", "html"},
    deps=["quotes", "metrics", "entities"],
    description="Great Expectations Data Docs of every suite on this run's tables (warehouse/quality/index.html).",
)
def quality_docs(warehouse: WarehouseResource) -> dg.MaterializeResult:
    docs_dir = default_docs_dir(Path(warehouse.path).resolve())
    context = QualityContext(docs_dir=docs_dir)
    outcomes = [context.run_check(check, warehouse.reader()) for check in ALL_CHECKS]
    index = context.build_docs()
    return dg.MaterializeResult(
        metadata={
            "index": dg.MetadataValue.path(str(index)),
            "checks": {o.check.name: o.status for o in outcomes},
            "failed_expectations": sum(len(o.failures) for o in outcomes),
        }
    )
