"""Edits, renames and deletions of raw files replayed on the warehouse, and every path accounted for.

raw_paths holds each document path now in raw/ with the bytes it holds. From it (sql/pipeline/reconcile_paths.sql):
- a renamed file keeps its release, which takes the new path;
- an edited file's new release supersedes the old one (`releases.superseded_by`; the old row stays for provenance);
- a deleted file's release stays with `source_missing` set;
- marts count each live release once (`releases.counted_in_marts`): not superseded, its file present (unless
  COMMUNIQUE_MARTS_INCLUDE_MISSING is set), and the earliest live member of its copy group;
- a path whose bytes are listed under another path is listed in rejected_files as a copy of it.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING

import duckdb

from pipelines import settings
from pipelines.warehouse import delete_where_in, write_frame

if TYPE_CHECKING:  # the readers load only when a run has files to read, not on a rerun that finds nothing new
    from pipelines.assets.rows import FileRead

RECONCILE_SQL = settings.SQL_DIR / "pipeline" / "reconcile_paths.sql"
COUNTED_SQL = settings.SQL_DIR / "pipeline" / "counted_in_marts.sql"


def needs_backfill(conn: duckdb.DuckDBPyConnection) -> bool:
    """A warehouse made before raw_paths existed (no paths listed, yet releases whose files are known): its files
    must be read once more to list their document paths."""
    row = conn.execute(
        """
        SELECT NOT EXISTS (SELECT 1 FROM raw_paths) AND EXISTS (
            SELECT 1 FROM releases r JOIN raw_files f ON f.source_path = regexp_replace(r.source_path, '#[0-9]+$', ''))
        """
    ).fetchone()
    return bool(row and row[0])


def counts_out_of_date(conn: duckdb.DuckDBPyConnection) -> bool:
    """True when some release would be counted in marts differently now (a run must replay raw/ even if no file
    changed)."""
    row = conn.execute(f"SELECT count(*) FROM ({_counted()}) WHERE counted IS DISTINCT FROM was", _params()).fetchone()
    return bool(row and row[0])


def path_rows(reads: Iterable[tuple[str, FileRead]]) -> list[dict]:
    """One raw_paths row per document of each file read in this run (new, known or copied bytes alike)."""
    from pipelines.extract.reading.sources import SourceDocument

    return [
        {
            "source_path": item.source_path,
            "file_path": file_path,
            "content_sha256": item.content_sha256,
            "size_bytes": item.size_bytes,
        }
        for file_path, read in reads
        for item in read.items
        if isinstance(item, SourceDocument)
    ]


def record_paths(
    conn: duckdb.DuckDBPyConnection, files_read: Sequence[str], gone: Sequence[str], rows: list[dict]
) -> None:
    """Replace the paths of the files read again or gone from raw/ with what those files hold now."""
    delete_where_in(conn, "raw_paths", "file_path", [*files_read, *gone])
    write_frame(conn, "raw_paths", _unique_paths(rows))


def _unique_paths(rows: list[dict]) -> list[dict]:
    # Two files can never give the same document path, but be safe: the last one read wins, never a key error.
    return list({row["source_path"]: row for row in rows}.values())


def reconcile(conn: duckdb.DuckDBPyConnection) -> int:
    """Replay raw/ on releases and rejected_files (renames, edits, deletions, copies), then set which releases marts
    count; see the module doc. Returns how many release rows changed (0: what derives from releases is current)."""
    changed = 0
    for statement in _statements():
        result = conn.execute(statement)
        if statement.startswith("UPDATE releases"):
            changed += _count(result)
    recount = conn.execute(
        f"UPDATE releases SET counted_in_marts = c.counted FROM ({_counted()}) AS c "
        "WHERE c.release_id = releases.release_id AND c.counted IS DISTINCT FROM c.was",
        _params(),
    )
    return changed + _count(recount)


def _count(result: duckdb.DuckDBPyConnection) -> int:
    row = result.fetchone()
    return int(row[0]) if row else 0


def _params() -> dict[str, bool]:
    return {"include_missing": settings.marts_include_missing_sources()}


def _counted() -> str:
    return COUNTED_SQL.read_text(encoding="utf-8").strip().rstrip(";")


def _statements() -> list[str]:
    text = "\n".join(
        line for line in RECONCILE_SQL.read_text(encoding="utf-8").splitlines() if not line.startswith("--")
    )
    return [s.strip() for s in text.split(";") if s.strip()]
