"""A small clean warehouse for the quality tests, and the helpers that corrupt copies of it.

releases come from the made-up raw files in tests/fixtures/quality/ through the real ingestion assets; quotes,
metrics, mentions and entities are written here with SQL (from hand-picked spans of those bodies) so these tests
do not depend on the extractors' progress.
"""

from __future__ import annotations

import re
import shutil
from datetime import date
from pathlib import Path

import duckdb

from pipelines.assets.ingest import raw_documents, releases
from pipelines.extract.records import entity_id, stable_id
from pipelines.warehouse import write_frame
from tests.conftest import build_warehouse

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "quality"
NEWS = "news_training_milestone.txt"
STRIKES = "strike_report_small.txt"
APR_2 = date(2017, 4, 2)

# (file, text of the span, anchor the span follows, name, value, qualifier, action, location, period, cumulative)
METRICS = [
    (STRIKES, "11 strikes", None, "strikes", 11, "exact", "conduct", "Syria and Iraq", APR_2, False),
    (STRIKES, "23 engagements", None, "engagements", 23, "exact", "conduct", "Syria and Iraq", APR_2, False),
    (STRIKES, "seven strikes", None, "strikes", 7, "exact", "conduct", "Syria", APR_2, False),
    (STRIKES, "nine engagements", None, "engagements", 9, "exact", "conduct", "Syria", APR_2, False),
    (STRIKES, "three strikes", "Near Al Qaim", "strikes", 3, "exact", None, "Al Qaim", APR_2, False),
    (STRIKES, "four strikes", "In Iraq", "strikes", 4, "exact", "conduct", "Iraq", APR_2, False),
    (STRIKES, "14 engagements", None, "engagements", 14, "exact", "conduct", "Iraq", APR_2, False),
    (
        STRIKES,
        "six fighting positions",
        "Near Mosul",
        "fighting_positions",
        6,
        "exact",
        "destroy",
        "Mosul",
        APR_2,
        False,
    ),
    (STRIKES, "more than 19,000 strikes", None, "strikes", 19000, "over", "conduct", None, None, True),
    (NEWS, "More than 120 soldiers", None, "soldiers", 120, "over", "graduate", None, None, False),
    (NEWS, "over 18,000 Iraqi soldiers", None, "soldiers", 18000, "over", "train", None, None, True),
]

# (file, surface form, canonical name, type, rank)
MENTIONS = [
    (NEWS, "Iraqi Security Forces", "Iraqi Security Forces", "organization", None),
    (NEWS, "Camp Taji", "Camp Taji", "location", None),
    (NEWS, "Col. Harlan Voss", "Harlan Voss", "person", "Col."),
    (NEWS, "Brig. Gen. Kadhim Rasoul", "Kadhim Rasoul", "person", "Brig. Gen."),
    (STRIKES, "ISIS", "ISIS", "organization", None),
    (STRIKES, "Syria", "Syria", "location", None),
    (STRIKES, "Iraq", "Iraq", "location", None),
    (STRIKES, "Mosul", "Mosul", "location", None),
]

# Speakers of the news release's quotes, in order of appearance.
NEWS_SPEAKERS = [
    ("Col. Harlan Voss", "Harlan Voss"),
    ("Col. Harlan Voss", "Harlan Voss"),
    ("Brig. Gen. Kadhim Rasoul", "Kadhim Rasoul"),
]
QUOTED = re.compile(r"“([^”]+?)[,.]?”")


def build_clean_warehouse(workdir: Path) -> Path:
    """Ingest the fixture raw files with the real assets, then add extracted rows by hand."""
    raw = workdir / "raw"
    raw.mkdir(parents=True)
    for name in (NEWS, STRIKES):
        shutil.copy(FIXTURES / name, raw / name)
    path = workdir / "communique.duckdb"
    result = build_warehouse(raw, path, assets=[raw_documents, releases])
    assert result.success
    conn = duckdb.connect(str(path))
    try:
        # The releases step extracts quotes, metrics and mentions in the same pass: replaced by the hand-made rows.
        for table in ("quotes", "metrics", "entity_mentions", "entities"):
            conn.execute(f"DELETE FROM {table}")
        add_extracted_rows(conn)
    finally:
        conn.close()
    return path


def add_extracted_rows(conn: duckdb.DuckDBPyConnection) -> None:
    bodies = {
        Path(p).name: (rid, body)
        for rid, p, body in conn.execute("SELECT release_id, source_path, body FROM releases").fetchall()
    }
    metrics, mentions, quotes = [], [], []
    for file, text, anchor, name, value, qualifier, action, location, period, cumulative in METRICS:
        release_id, body = bodies[file]
        start = span_start(body, text, anchor)
        metrics.append(
            {
                "metric_id": stable_id("metric", release_id, start),
                "release_id": release_id,
                "name": name,
                "value": float(value),
                "qualifier": qualifier,
                "action": action,
                "location": location,
                "period_start": period,
                "period_end": period,
                "is_cumulative": cumulative,
                "text": text,
                "char_start": start,
                "char_end": start + len(text),
            }
        )
    for file, text, name, type_, rank in MENTIONS:
        release_id, body = bodies[file]
        start = span_start(body, text)
        mentions.append(
            {
                "mention_id": stable_id("mention", release_id, start),
                "release_id": release_id,
                "entity_id": entity_id(type_, name),
                "text": text,
                "char_start": start,
                "char_end": start + len(text),
                "entity_name": name,
                "entity_type": type_,
                "rank": rank,
            }
        )
    release_id, body = bodies[NEWS]
    for match, (speaker, person) in zip(QUOTED.finditer(body), NEWS_SPEAKERS, strict=True):
        quotes.append(
            {
                "quote_id": stable_id("quote", release_id, match.start(1)),
                "release_id": release_id,
                "quote_text": match.group(1),
                "speaker": speaker,
                "speaker_role": None,
                "speaker_entity_id": entity_id("person", person),
                "is_anonymous": False,
                "char_start": match.start(1),
                "char_end": match.end(1),
            }
        )
    write_frame(conn, "metrics", metrics)
    write_frame(conn, "entity_mentions", mentions)
    conn.execute("""
        INSERT INTO entities BY NAME
        SELECT m.entity_id, any_value(m.entity_name) AS name, any_value(m.entity_type) AS type,
               list_distinct(list(m.text)) AS aliases, any_value(m.rank) AS rank,
               count(*)::INTEGER AS mention_count, count(DISTINCT m.release_id)::INTEGER AS release_count,
               min(r.published_date) AS first_seen, max(r.published_date) AS last_seen
        FROM entity_mentions m JOIN releases r USING (release_id)
        GROUP BY m.entity_id
    """)
    write_frame(conn, "quotes", quotes)


def span_start(body: str, text: str, anchor: str | None = None) -> int:
    start = body.index(text, body.index(anchor) if anchor else 0)
    return start


def drop_constraints(conn: duckdb.DuckDBPyConnection, table: str) -> None:
    """Recreate a table without its primary key and NOT NULLs, so a test can write the rows DuckDB would refuse."""
    conn.execute(f"CREATE TABLE _unconstrained AS SELECT * FROM {table}")
    conn.execute(f"DROP TABLE {table}")
    conn.execute(f"ALTER TABLE _unconstrained RENAME TO {table}")


def release_id_of(conn: duckdb.DuckDBPyConnection, file: str) -> str:
    return conn.execute("SELECT release_id FROM releases WHERE source_path LIKE '%' || ?", [file]).fetchone()[0]
