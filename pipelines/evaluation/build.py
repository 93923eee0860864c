"""Building a warehouse for a raw folder in-process (the contract tables only: no marts, no checks)."""

from __future__ import annotations

from pathlib import Path

import dagster as dg

from pipelines.assets.extraction import entities, entity_mentions, metrics, quotes
from pipelines.assets.ingest import raw_documents, releases
from pipelines.resources import WarehouseResource

CONTRACT_ASSETS = [raw_documents, releases, quotes, metrics, entity_mentions, entities]


def build_warehouse(raw_dir: Path, warehouse: Path, log_level: str = "WARNING") -> dg.ExecuteInJobResult:
    """Materialize the extraction assets for raw_dir into the warehouse file (published when the run ends)."""
    result = dg.materialize(
        CONTRACT_ASSETS,
        resources={"warehouse": WarehouseResource(path=str(warehouse))},
        run_config={
            "ops": {"raw_documents": {"config": {"raw_dir": str(Path(raw_dir).resolve())}}},
            "loggers": {"console": {"config": {"log_level": log_level}}},
        },
        raise_on_error=True,
    )
    return result
