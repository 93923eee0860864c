"""quotes, metrics, entity_mentions and entities: the records extracted from each release body."""


import dagster as dg

from pipelines import settings
from pipelines.assets.ingest import releases
from pipelines.assets.stages import ReleaseForExtraction, run_stage
from pipelines.extract.entities import extract_mentions
from pipelines.extract.metrics import extract_metrics
from pipelines.extract.quotes import extract_quotes
from pipelines.extract.records import entity_id, stable_id
from pipelines.resources import WarehouseResource


def _unique_ids(rows: list[dict], key: str) -> list[dict]:
    # Two records on the same span (rare: one sentence counted twice) still get distinct, stable ids.
    seen: dict[str, int] = {}
    for row in rows:
        base = row[key]
        seen[base] = seen.get(base, 0) + 1
        if seen[base] > 1:
            row[key] = stable_id(base, seen[base])
    return rows


def quote_rows(release: ReleaseForExtraction) -> list[dict]:
    quotes = extract_quotes(release.body, kind=release.kind, publisher=release.publisher)
    return _unique_ids(
        [
            {"quote_id": stable_id("quote", release.release_id, q.char_start, q.char_end),
             "release_id": release.release_id, "quote_text": q.quote_text, "speaker": q.speaker,
             "speaker_role": q.speaker_role,
             "speaker_entity_id": entity_id("person", q.speaker_name) if q.speaker_name else None,
             "is_anonymous": q.is_anonymous, "char_start": q.char_start, "char_end": q.char_end}
            for q in quotes
        ],
        "quote_id",
    )


def metric_rows(release: ReleaseForExtraction) -> list[dict]:
    metrics = extract_metrics(release.body, published_date=release.published_date, kind=release.kind)
    return _unique_ids(
        [
            {"metric_id": stable_id("metric", release.release_id, m.char_start, m.char_end, m.name, m.location),
             "release_id": release.release_id, "name": m.name, "value": float(m.value), "qualifier": m.qualifier,
             "action": m.action, "location": m.location, "period_start": m.period_start,
             "period_end": m.period_end, "is_cumulative": m.is_cumulative, "text": m.text,
             "char_start": m.char_start, "char_end": m.char_end}
            for m in metrics
        ],
        "metric_id",
    )


def mention_rows(release: ReleaseForExtraction) -> list[dict]:
    mentions = extract_mentions(release.body)
    return _unique_ids(
        [
            {"mention_id": stable_id("mention", release.release_id, m.char_start, m.char_end),
             "release_id": release.release_id, "entity_id": entity_id(m.type, m.name), "text": m.text,
             "char_start": m.char_start, "char_end": m.char_end, "entity_name": m.name, "entity_type": m.type,
             "rank": m.rank, "latitude": m.latitude, "longitude": m.longitude}
            for m in mentions
        ],
        "mention_id",
    )


@dg.asset(group_name="extract", kinds={"duckdb", "python"}, pool="warehouse", deps=[releases],
          description="Every counted thing in a release: value, qualifier, action, place and the period it happened.")
def metrics(warehouse: WarehouseResource) -> dg.MaterializeResult:
    with warehouse.writer() as conn:
        counts = run_stage(conn, "metrics", "metrics", metric_rows)
        return warehouse.report("metrics", "SELECT name, value, qualifier, action, location, period_start, text FROM metrics "
                      "ORDER BY period_start DESC NULLS LAST", **counts)


@dg.asset(group_name="extract", kinds={"duckdb", "python"}, pool="warehouse", deps=[releases],
          description="Every mention of a person, organization or place in a release body, with offsets.")
def entity_mentions(warehouse: WarehouseResource) -> dg.MaterializeResult:
    with warehouse.writer() as conn:
        counts = run_stage(conn, "entity_mentions", "entity_mentions", mention_rows)
        return warehouse.report("entity_mentions", "SELECT entity_type, entity_name, text, release_id FROM entity_mentions",
                      **counts)


@dg.asset(group_name="extract", kinds={"duckdb", "sql"}, pool="warehouse", deps=[entity_mentions],
          description="People, organizations and places merged across releases, with aliases, latest rank and counts.")
def entities(warehouse: WarehouseResource) -> dg.MaterializeResult:
    with warehouse.writer() as conn:
        conn.execute((settings.SQL_DIR / "pipeline" / "rebuild_entities.sql").read_text(encoding="utf-8"))
        return warehouse.report("entities", "SELECT type, name, rank, mention_count, release_count FROM entities "
                      "ORDER BY mention_count DESC")


@dg.asset(group_name="extract", kinds={"duckdb", "python"}, pool="warehouse", deps=[releases, entities],
          description="Direct quotations with speaker, rank, role and offsets; named speakers linked to person entities.")
def quotes(warehouse: WarehouseResource) -> dg.MaterializeResult:
    with warehouse.writer() as conn:
        counts = run_stage(conn, "quotes", "quotes", quote_rows)
        conn.execute("UPDATE quotes SET speaker_entity_id = NULL WHERE speaker_entity_id IS NOT NULL "
                     "AND speaker_entity_id NOT IN (SELECT entity_id FROM entities)")
        return warehouse.report("quotes", "SELECT speaker, speaker_role, is_anonymous, quote_text FROM quotes", **counts)
