"""The one Definitions object: assets, checks, resources, jobs and the sensor on raw/."""

from __future__ import annotations

import dagster as dg

from pipelines import settings
from pipelines.assets.column_docs import column_comments_asset, with_column_schemas
from pipelines.assets.extraction import entities, entity_mentions, metrics, quotes
from pipelines.assets.ingest import raw_documents, releases
from pipelines.assets.marts import mart_assets
from pipelines.quality import asset_checks
from pipelines.quality.docs_asset import quality_docs
from pipelines.resources import WarehouseResource
from pipelines.sensors import build_raw_folder_sensor

# The warehouse itself: what tests and benchmarks materialize.
all_assets = [raw_documents, releases, quotes, metrics, entity_mentions, entities, *mart_assets()]
all_assets = [*with_column_schemas(all_assets), column_comments_asset(all_assets)]  # documented columns

# The warehouse and its checks: what `make demo` and the sensor run.
refresh_warehouse = dg.define_asset_job(
    "refresh_warehouse",
    selection=dg.AssetSelection.all() - dg.AssetSelection.assets(quality_docs),
    description="Read raw/, extract releases, quotes, metrics and entities, rebuild the marts, run the checks.",
)

# Data Docs re-validate every table in full, which the incremental runs of the sensor should not pay for each time.
quality_report = dg.define_asset_job(
    "quality_report",
    selection=dg.AssetSelection.assets(quality_docs),
    description="Validate the published warehouse with every suite and write Great Expectations Data Docs.",
)

defs = dg.Definitions(
    assets=[*all_assets, quality_docs],  # + the Great Expectations Data Docs of the run's validations
    asset_checks=asset_checks,
    jobs=[refresh_warehouse, quality_report],
    sensors=[build_raw_folder_sensor(refresh_warehouse)],
    resources={"warehouse": WarehouseResource(path=str(settings.warehouse_path()))},
    # One process per run: the run's working copy of the warehouse is shared by its steps and published once.
    executor=dg.in_process_executor,
)
