"""quotes, metrics, entity_mentions and entities: the records extracted from each release body.

The extraction itself happens once per document, in the releases step (ingest._parse_batch: parse, quotes, metrics,
mentions and copy keys together in the worker that received the text). That step stages the rows of these tables;
the assets here publish them: they record each release in extraction_state and extract only what was not staged
(a release whose stage state was lost, a stage run alone). One multi-asset would have done the same work, but these
stay separate assets on purpose: each keeps its own node, row counts and blocking checks in the Dagster UI, and the
releases checks still run before anything downstream is recorded.
"""

import dagster as dg

from pipelines import settings
from pipelines.assets.ingest import releases
from pipelines.assets.stages import pending_releases, run_stage, stage_extractor
from pipelines.resources import WarehouseResource

QUOTE_LINKS = "quote_speaker_links"  # not a table: when quote speakers were last linked to entities


@dg.asset(
    group_name="extract",
    kinds={"duckdb", "python"},
    pool="warehouse",
    deps=[releases],
    description="Every counted thing in a release: value, qualifier, action, place and the period it happened.",
)
def metrics(warehouse: WarehouseResource) -> dg.MaterializeResult:
    counts = _extract(warehouse, "metrics")
    return warehouse.report(
        "metrics",
        "SELECT name, value, qualifier, action, location, period_start, text FROM metrics "
        "ORDER BY period_start DESC NULLS LAST",
        **counts,
    )


def _extract(warehouse: WarehouseResource, stage: str) -> dict[str, int]:
    """Run one extraction stage (its table is named like it) over pending releases; no write when none is."""
    pending = pending_releases(warehouse.reader(), stage)
    if not pending:
        return {"releases_processed": 0, "rows_written": 0}
    with warehouse.writer(changes=(stage, "extraction_state")) as conn:
        return run_stage(conn, stage, stage, stage_extractor(stage), pending)


@dg.asset(
    group_name="extract",
    kinds={"duckdb", "python"},
    pool="warehouse",
    deps=[releases],
    description="Every mention of a person, organization or place in a release body, with offsets.",
)
def entity_mentions(warehouse: WarehouseResource) -> dg.MaterializeResult:
    counts = _extract(warehouse, "entity_mentions")
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
    rebuilt = warehouse.is_stale("entities", ["entity_mentions", "releases"])
    if rebuilt:
        # Merging surnames rewrites mentions and quote links too: all three change together.
        with warehouse.writer(changes=("entities", "entity_mentions", "quotes")) as conn:
            conn.execute((settings.SQL_DIR / "pipeline" / "rebuild_entities.sql").read_text(encoding="utf-8"))
    return warehouse.report(
        "entities",
        "SELECT type, name, rank, mention_count, release_count FROM entities ORDER BY mention_count DESC",
        rebuilt=rebuilt,
    )


@dg.asset(
    group_name="extract",
    kinds={"duckdb", "python"},
    pool="warehouse",
    deps=[releases, entities],
    description="Direct quotations with speaker, rank, role and offsets; named speakers linked to person entities.",
)
def quotes(warehouse: WarehouseResource) -> dg.MaterializeResult:
    pending = pending_releases(warehouse.reader(), "quotes")
    counts = {"releases_processed": 0, "rows_written": 0}
    # Speakers are linked again when quotes are new or entities changed since the last linking.
    if pending or warehouse.is_stale(QUOTE_LINKS, ["entities", "quotes"], must_exist=False):
        with warehouse.writer(changes=("quotes", QUOTE_LINKS, "extraction_state")) as conn:
            if pending:
                counts = run_stage(conn, "quotes", "quotes", stage_extractor("quotes"), pending)
            conn.execute((settings.SQL_DIR / "pipeline" / "link_quote_speakers.sql").read_text(encoding="utf-8"))
    return warehouse.report("quotes", "SELECT speaker, speaker_role, is_anonymous, quote_text FROM quotes", **counts)
