"""The partitioned code location on DuckLake (issue 19): `dagster dev -m pipelines.lake.definitions`.

- `lake/releases`, `lake/quotes`, `lake/metrics`, `lake/entity_mentions`: one dynamic partition per raw batch (a
  sub-folder of raw/), added by `raw_batches_sensor` when a folder appears or changes (or by `add_batches`);
- `lake/entities`: entities merged from every partition's mentions, quote speakers linked (not partitioned);
- `lake/<mart>`: one monthly partition per month of the mart's date (`activity_date` or `month`).
Steps run in separate processes (multiprocess executor) and runs of different partitions at the same time; each
step writes in one DuckLake transaction (`LakeResource.write`), so a failed step leaves nothing behind and
concurrent commits are settled by the catalog. The default location (`pipelines.definitions`) is unchanged.
"""

import json
from pathlib import Path

import dagster as dg

from pipelines import settings
from pipelines.lake import batches
from pipelines.lake.resource import LakeResource

RAW_BATCHES = dg.DynamicPartitionsDefinition(name="raw_batches")
MONTHS = dg.MonthlyPartitionsDefinition(start_date=settings.lake_first_month(), end_offset=1)
STAGES = ("quotes", "metrics", "entity_mentions")


class LakeBatchConfig(dg.Config):
    raw_dir: str | None = None  # default: COMMUNIQUE_RAW_DIR or raw/


@dg.asset(
    key_prefix="lake",
    name="releases",
    partitions_def=RAW_BATCHES,
    group_name="lake_ingest",
    kinds={"ducklake", "python"},
    description="One raw batch (sub-folder of raw/): its files read, releases parsed, copies linked (raw_documents, "
    "rejected_files, raw_files, raw_paths, release_sketches, releases).",
)
def lake_releases(
    context: dg.AssetExecutionContext, config: LakeBatchConfig, lake: LakeResource
) -> dg.MaterializeResult:
    from pipelines.extract.version import extractor_version

    raw_dir = Path(config.raw_dir).resolve() if config.raw_dir else settings.raw_dir()
    if not (raw_dir / context.partition_key).is_dir():
        raise dg.Failure(f"raw batch {raw_dir / context.partition_key} does not exist")
    batch = batches.read_batch(raw_dir, context.partition_key, extractor_version())
    counts = lake.write(lambda conn: batches.write_batch(conn, batch), log=context.log.warning)
    return dg.MaterializeResult(metadata=counts)


def stage_asset(stage: str) -> dg.AssetsDefinition:
    @dg.asset(
        key_prefix="lake",
        name=stage,
        partitions_def=RAW_BATCHES,
        deps=[lake_releases],
        group_name="lake_extract",
        kinds={"ducklake", "python"},
        description=f"The {stage} of one raw batch's releases (pipelines.assets.rows.STAGE_ROWS['{stage}']).",
    )
    def _stage(context: dg.AssetExecutionContext, lake: LakeResource) -> dg.MaterializeResult:
        ids, rows = batches.stage_rows(lake.connection(), stage, context.partition_key)
        written = lake.write(lambda conn: batches.write_stage(conn, stage, context.partition_key, rows))
        return dg.MaterializeResult(metadata={"releases_processed": len(ids), "rows_written": written})

    return _stage


stage_assets = [stage_asset(stage) for stage in STAGES]


@dg.asset(
    key_prefix="lake",
    name="entities",
    deps=[dg.AssetKey(["lake", "entity_mentions"]), dg.AssetKey(["lake", "quotes"])],
    group_name="lake_extract",
    kinds={"ducklake", "sql"},
    description="People, organizations and places merged across every batch; quote speakers linked to them.",
)
def lake_entities(context: dg.AssetExecutionContext, lake: LakeResource) -> dg.MaterializeResult:
    count = lake.write(batches.rebuild_entities, log=context.log.warning)
    return dg.MaterializeResult(metadata={"entities": count})


def _mart_dep(name: str) -> dg.AssetDep:
    key = dg.AssetKey(["lake", name])
    # a month of a mart reads every batch: releases of any batch can speak of any month
    return dg.AssetDep(key) if name == "entities" else dg.AssetDep(key, partition_mapping=dg.AllPartitionMapping())


def mart_asset(path: Path) -> dg.AssetsDefinition:
    from pipelines.assets.marts import _header

    name = path.stem
    header = _header(path.read_text(encoding="utf-8"))
    deps = {d.strip() for d in header.get("deps", "").split(",") if d.strip()} | {"entities"}

    @dg.asset(
        key_prefix="lake",
        name=name,
        partitions_def=MONTHS,
        # a backfill of many months is one run and one transaction per mart (`--partition-range` or the UI)
        backfill_policy=dg.BackfillPolicy.single_run(),
        deps=[_mart_dep(dep) for dep in sorted(deps)],
        group_name="lake_marts",
        kinds={"ducklake", "sql"},
        description=f"One month of sql/marts/{path.name}: {header.get('description', '')}",
    )
    def _mart(context: dg.AssetExecutionContext, lake: LakeResource) -> dg.MaterializeResult:
        window = context.partition_time_window
        rows = lake.write(lambda conn: batches.write_mart_month(conn, name, window.start.date(), window.end.date()))
        return dg.MaterializeResult(metadata={"rows": rows})

    return _mart


mart_assets = [mart_asset(path) for path in sorted((settings.SQL_DIR / "marts").glob("*.sql"))]
batch_assets = [lake_releases, *stage_assets]
all_assets = [*batch_assets, lake_entities, *mart_assets]

lake_batches = dg.define_asset_job(
    "lake_batches",
    selection=batch_assets,
    partitions_def=RAW_BATCHES,
    description="Read, parse and extract one raw batch.",
)
lake_entities_job = dg.define_asset_job("lake_entities", selection=[lake_entities])
lake_marts = dg.define_asset_job("lake_marts", selection=mart_assets, partitions_def=MONTHS)


def add_batches(instance: dg.DagsterInstance, raw_dir: Path) -> list[str]:
    """Register every sub-folder of raw_dir as a raw_batches partition; returns the ones that were new."""
    new = [b for b in batches.batch_names(raw_dir) if not instance.has_dynamic_partition(RAW_BATCHES.name or "", b)]
    if new:
        instance.add_dynamic_partitions(RAW_BATCHES.name or "", new)
    return new


@dg.sensor(job=lake_batches, minimum_interval_seconds=30, default_status=dg.DefaultSensorStatus.RUNNING)
def raw_batches_sensor(context: dg.SensorEvaluationContext) -> dg.SensorResult:
    """A new or changed sub-folder of raw/ becomes a partition and gets a run (one per batch, run at once)."""
    raw_dir = settings.raw_dir()
    seen = json.loads(context.cursor or "{}")
    digests = {batch: batches.batch_digest(raw_dir, batch) for batch in batches.batch_names(raw_dir)}
    known = set(context.instance.get_dynamic_partitions(RAW_BATCHES.name or ""))
    new = [batch for batch in digests if batch not in known]
    changed = [batch for batch, digest in digests.items() if seen.get(batch) != digest]
    return dg.SensorResult(
        run_requests=[dg.RunRequest(partition_key=b, run_key=f"{b}:{digests[b]}") for b in changed],
        dynamic_partitions_requests=[RAW_BATCHES.build_add_request(new)] if new else [],
        cursor=json.dumps(digests),
    )


defs = dg.Definitions(
    assets=all_assets,
    jobs=[lake_batches, lake_entities_job, lake_marts],
    sensors=[raw_batches_sensor],
    resources={"lake": LakeResource(catalog=settings.lake_catalog(), data_path=settings.lake_data_path())},
    executor=dg.multiprocess_executor,
)
