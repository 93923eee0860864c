"""Running one extractor over the releases it has not yet seen, in batches, replacing their old rows."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

import duckdb

from pipelines.parallel import map_chunks
from pipelines.warehouse import delete_where_in, select_where_in, write_frame

if TYPE_CHECKING:  # the extractors load when a stage has work, not with the Dagster definitions
    from pipelines.assets.rows import ReleaseForExtraction

BATCH = 5000


Extractor = Callable[["ReleaseForExtraction"], list[dict]]


def stage_extractor(stage: str) -> Extractor:
    """The function that turns one release into this stage's rows (rows.STAGE_ROWS)."""
    from pipelines.assets.rows import STAGE_ROWS

    return STAGE_ROWS[stage]


PENDING_SQL = """
SELECT r.release_id, r.extractor_version || '@' || CAST(r.ingested_at AS VARCHAR) AS fingerprint
FROM releases r
LEFT JOIN extraction_state s ON s.stage = $stage AND s.release_id = r.release_id
WHERE s.fingerprint IS DISTINCT FROM r.extractor_version || '@' || CAST(r.ingested_at AS VARCHAR)
ORDER BY r.release_id
"""


def pending_releases(conn: duckdb.DuckDBPyConnection, stage: str) -> list[tuple[str, str]]:
    """(release_id, fingerprint) of every release that is new or was re-extracted since this stage last ran.

    A release's fingerprint is its extractor version and ingestion time: both change exactly when the release row
    is rewritten, so unchanged releases are never read again.
    """
    return [
        (release_id, fingerprint) for release_id, fingerprint in conn.execute(PENDING_SQL, {"stage": stage}).fetchall()
    ]


def run_stage(
    conn: duckdb.DuckDBPyConnection,
    stage: str,
    table: str,
    extract: Extractor,
    pending: list[tuple[str, str]] | None = None,
) -> dict[str, int]:
    """Extract rows for the pending releases (by default: every release this stage has not seen), in batches,
    replacing their old rows."""
    if pending is None:
        pending = pending_releases(conn, stage)
    staged = staged_rows(conn, stage)
    written = 0
    for start in range(0, len(pending), BATCH):
        batch = pending[start : start + BATCH]
        ids = [release_id for release_id, _ in batch]
        to_extract = [release_id for release_id in ids if release_id not in staged]
        written += sum(staged.get(release_id, 0) for release_id in ids)
        written += _extract_rows(conn, table, extract, to_extract)
        # stage is one of the asset names in extraction.py, never outside input
        delete_where_in(conn, "extraction_state", "release_id", ids, and_where=f"stage = '{stage}'")
        write_frame(conn, "extraction_state", [{"stage": stage, "release_id": r, "fingerprint": f} for r, f in batch])
    return {"releases_processed": len(pending), "rows_written": written}


def _extract_rows(conn: duckdb.DuckDBPyConnection, table: str, extract: Extractor, ids: list[str]) -> int:
    """Extract the rows of these releases from their bodies (read from the warehouse) and replace their old rows."""
    from pipelines.assets.rows import ReleaseForExtraction

    if not ids:
        return 0
    releases = [
        ReleaseForExtraction(*row)
        for row in select_where_in(
            conn, "SELECT release_id, body, kind, published_date, publisher FROM releases", "release_id", ids
        )
    ]
    rows = [row for release_rows in map_chunks(extract, releases) for row in release_rows]
    delete_where_in(conn, table, "release_id", ids)
    return write_frame(conn, table, rows)


def staged_rows(conn: duckdb.DuckDBPyConnection, stage: str) -> dict[str, int]:
    """release_id -> row count for the releases whose rows for this stage the releases step wrote in this run."""
    exists = conn.execute(
        "SELECT count(*) FROM duckdb_tables() WHERE temporary AND table_name = 'staged_extraction'"
    ).fetchone()[0]
    if not exists:
        return {}
    query = "SELECT release_id, rows FROM staged_extraction WHERE stage = $stage"
    return dict(conn.execute(query, {"stage": stage}).fetchall())
