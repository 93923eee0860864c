"""quotes, metrics, entity_mentions and entities: the records extracted from each release body."""

import dagster as dg

from pipelines import settings
from pipelines.assets.ingest import releases
from pipelines.assets.rows import mention_rows, metric_rows, quote_rows
from pipelines.assets.stages import run_stage
from pipelines.resources import WarehouseResource


@dg.asset(
    group_name="extract",
    kinds={"duckdb", "python"},
    pool="warehouse",
    deps=[releases],
    description="Every counted thing in a release: value, qualifier, action, place and the period it happened.",
)
def metrics(warehouse: WarehouseResource) -> dg.MaterializeResult:
    with warehouse.writer() as conn:
        counts = run_stage(conn, "metrics", "metrics", metric_rows)
        return warehouse.report(
            "metrics",
            "SELECT name, value, qualifier, action, location, period_start, text FROM metrics "
            "ORDER BY period_start DESC NULLS LAST",
            **counts,
        )


@dg.asset(
    group_name="extract",
    kinds={"duckdb", "python"},
    pool="warehouse",
    deps=[releases],
    description="Every mention of a person, organization or place in a release body, with offsets.",
)
def entity_mentions(warehouse: WarehouseResource) -> dg.MaterializeResult:
    with warehouse.writer() as conn:
        counts = run_stage(conn, "entity_mentions", "entity_mentions", mention_rows)
        return warehouse.report(
            "entity_mentions", "SELECT entity_type, entity_name, text, release_id FROM entity_mentions", **counts
        )


@dg.asset(
    group_name="extract",
    kinds={"duckdb", "sql"},
    pool="warehouse",
    deps=[entity_mentions],
    description="People, organizations and places merged across releases, with aliases, latest rank and counts.",
)
def entities(warehouse: WarehouseResource) -> dg.MaterializeResult:
    with warehouse.writer() as conn:
        conn.execute((settings.SQL_DIR / "pipeline" / "rebuild_entities.sql").read_text(encoding="utf-8"))
        return warehouse.report(
            "entities",
            "SELECT type, name, rank, mention_count, release_count FROM entities ORDER BY mention_count DESC",
        )


@dg.asset(
    group_name="extract",
    kinds={"duckdb", "python"},
    pool="warehouse",
    deps=[releases, entities],
    description="Direct quotations with speaker, rank, role and offsets; named speakers linked to person entities.",
)
def quotes(warehouse: WarehouseResource) -> dg.MaterializeResult:
    with warehouse.writer() as conn:
        counts = run_stage(conn, "quotes", "quotes", quote_rows)
        conn.execute((settings.SQL_DIR / "pipeline" / "link_quote_speakers.sql").read_text(encoding="utf-8"))
        return warehouse.report(
            "quotes", "SELECT speaker, speaker_role, is_anonymous, quote_text FROM quotes", **counts
        )
