"""The work of one partition on the lake, from the project's own functions (read-only use of them):

- a raw batch (one sub-folder of raw/): its files read and decoded (`rows.read_raw_file`), its documents parsed into
  releases (`rows.release_row`, with the batch's repeated lines as chrome evidence), copies linked
  (`find_duplicates` on candidates from `sql/pipeline/copy_candidates.sql`), then each extraction stage
  (`rows.STAGE_ROWS`) over the batch's releases;
- the warehouse-wide steps (`sql/pipeline/rebuild_entities.sql`, `link_quote_speakers.sql`);
- one month of a mart (`sql/marts/<name>.sql`, restricted to the month of its first date column).

Rows are computed before the transaction; writing them replaces whatever the same partition wrote before, so a
partition can be materialized again (a backfill) and two partitions never touch each other's rows. A row belongs to
the batch its `source_path` starts with (`<batch>/…`); extracted rows follow their release.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import duckdb

from pipelines import settings
from pipelines.rawfolder import RawFile, SkippedFile, scan
from pipelines.warehouse import select_where_in, write_frame

RELEASE_SQL = "SELECT release_id, body, kind, published_date, publisher FROM releases"
CANDIDATES_PER_RELEASE = 20  # as in pipelines/assets/ingest.py


def now() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None)


def batch_names(raw_dir: Path) -> list[str]:
    """The raw batches: the visible sub-folders of raw/ (files at its top level belong to no batch)."""
    if not raw_dir.is_dir():
        return []
    return sorted(p.name for p in raw_dir.iterdir() if p.is_dir() and not p.name.startswith(".") and not p.is_symlink())


def batch_entries(raw_dir: Path, batch: str) -> list[RawFile | SkippedFile]:
    """The files of one batch, with paths relative to raw/ (so `source_path` names the batch)."""
    entries = []
    for entry in scan(raw_dir / batch):
        entries.append(dataclasses.replace(entry, source_path=f"{batch}/{entry.source_path}"))
    return entries


def _in_batch(column: str = "source_path") -> str:
    return f"starts_with({column}, $prefix)"


@dataclass
class BatchRelease:
    """What reading and parsing one batch gives, before it is written."""

    batch: str
    documents: list[dict] = field(default_factory=list)
    rejections: list[dict] = field(default_factory=list)
    files: list[dict] = field(default_factory=list)
    paths: list[dict] = field(default_factory=list)
    releases: list[dict] = field(default_factory=list)
    counts: dict[str, int] = field(default_factory=dict)


def read_batch(raw_dir: Path, batch: str, version: str, max_bytes: int | None = None) -> BatchRelease:
    """Read and parse every file of the batch (no warehouse access): documents, rejections and release rows."""
    from pipelines.assets.replacement import path_rows
    from pipelines.assets.rows import FileToRead, read_raw_file
    from pipelines.parallel import map_chunks

    limit = max_bytes or settings.max_file_bytes()
    entries = batch_entries(raw_dir, batch)
    files = [e for e in entries if isinstance(e, RawFile)]
    reads = map_chunks(read_raw_file, [FileToRead(e.source_path, e.path, e.size_bytes, limit) for e in files])
    out = BatchRelease(batch)
    seen_at = now()
    out.rejections = [
        _rejection(e.source_path, None, e.size_bytes, e.reason, seen_at) for e in entries if isinstance(e, SkippedFile)
    ]
    for entry, read in zip(files, reads, strict=True):
        _sort_read(out, entry, read, seen_at)
    out.paths = path_rows(zip([e.source_path for e in files], reads, strict=True))
    _parse(out, version, seen_at)
    out.counts = {"files": len(entries), "documents": len(out.documents), "releases": len(out.releases)}
    return out


def _sort_read(out: BatchRelease, entry: RawFile, read: Any, seen_at: datetime) -> None:
    from pipelines.extract.reading.sources import SourceRejection

    out.files.append(
        {"source_path": entry.source_path, "size_bytes": entry.size_bytes, "mtime_ns": entry.mtime_ns,
         "content_sha256": read.sha256, "last_seen_at": seen_at, "name_hex": entry.name_hex}
    )  # fmt: skip
    if read.error:
        out.rejections.append(_rejection(entry.source_path, None, entry.size_bytes, read.error, seen_at))
    known = {d["content_sha256"] for d in out.documents}
    for item in read.items:
        if isinstance(item, SourceRejection):
            out.rejections.append(
                _rejection(item.source_path, item.content_sha256, item.size_bytes, item.reason, seen_at)
            )
        elif item.content_sha256 not in known:
            known.add(item.content_sha256)
            out.documents.append(
                {"content_sha256": item.content_sha256, "source_path": item.source_path, "size_bytes": item.size_bytes,
                 "encoding": item.encoding, "text": item.text, "first_seen_at": seen_at}
            )  # fmt: skip


def _parse(out: BatchRelease, version: str, seen_at: datetime) -> None:
    from pipelines.assets.rows import DocumentForParsing, release_row
    from pipelines.extract.release.chrome import learn_repeated_lines
    from pipelines.parallel import map_chunks

    docs = [
        DocumentForParsing(d["content_sha256"], d["source_path"], d["size_bytes"], d["text"]) for d in out.documents
    ]
    repeated = learn_repeated_lines([doc.text or "" for doc in docs])
    docs = [dataclasses.replace(doc, repeated=repeated) for doc in docs]
    for doc, row in zip(docs, map_chunks(release_row, docs), strict=True):
        if isinstance(row, str):
            out.rejections.append(
                _rejection(doc.source_path, doc.content_sha256, doc.size_bytes, row, seen_at, version)
            )
        else:
            extra = {
                "duplicate_of": None,
                "extractor_version": version,
                "ingested_at": seen_at,
                "source_missing": False,
            }
            out.releases.append(row | extra)


def _rejection(
    path: str, sha: str | None, size: int | None, reason: str, seen_at: datetime, version: str | None = None
) -> dict:
    return {"source_path": path, "content_sha256": sha, "size_bytes": size, "reason": reason, "seen_at": seen_at,
            "extractor_version": version}  # fmt: skip


BATCH_TABLES = ("raw_documents", "rejected_files", "raw_files", "raw_paths")


def write_batch(conn: duckdb.DuckDBPyConnection, batch: BatchRelease) -> dict[str, int]:
    """Inside one transaction: replace the batch's rows, link copies against releases already committed."""
    params = {"prefix": f"{batch.batch}/"}
    _delete_batch(conn, params)
    # Bytes already in the lake under another batch are that batch's document: listed once (as in raw_documents' key).
    shas = [d["content_sha256"] for d in batch.documents]
    known = {
        row[0] for row in select_where_in(conn, "SELECT content_sha256 FROM raw_documents", "content_sha256", shas)
    }
    documents = [d for d in batch.documents if d["content_sha256"] not in known]
    releases = [dict(r) for r in batch.releases if r["content_sha256"] not in known]
    sketches = _sketch_rows(releases)
    duplicates = _link_copies(conn, releases, sketches)
    write_frame(conn, "raw_documents", documents)
    write_frame(conn, "rejected_files", batch.rejections)
    write_frame(conn, "raw_files", batch.files)
    write_frame(conn, "raw_paths", batch.paths)
    write_frame(conn, "release_sketches", sketches)
    write_frame(conn, "releases", releases)
    return batch.counts | {"already_in_lake": len(batch.documents) - len(documents), "duplicates_linked": duplicates}


def _delete_batch(conn: duckdb.DuckDBPyConnection, params: dict[str, str]) -> None:
    # Only when the batch wrote before: a DELETE on a table conflicts with every concurrent DELETE on it.
    if not _count(conn, f"SELECT count(*) FROM raw_files WHERE {_in_batch()}", params):
        return
    ids = f"SELECT release_id FROM releases WHERE {_in_batch()}"
    for table in ("release_sketches", "quotes", "metrics", "entity_mentions"):
        conn.execute(f"DELETE FROM {table} WHERE release_id IN ({ids})", params)
    for table in ("releases", *BATCH_TABLES):
        conn.execute(f"DELETE FROM {table} WHERE {_in_batch()}", params)


def _count(conn: duckdb.DuckDBPyConnection, query: str, params: dict[str, Any]) -> int:
    row = conn.execute(query, params).fetchone()
    return int(row[0]) if row else 0


def _sketch_rows(releases: list[dict]) -> list[dict]:
    rows = []
    for release in releases:
        values = release.pop("sketch")
        # the last value hashes the whole body: exact copies always become candidates (as in ingest.py)
        rows += [
            {"release_id": release["release_id"], "hash": h, "is_digest": i == len(values) - 1}
            for i, h in enumerate(values)
        ]
    return rows


def _link_copies(conn: duckdb.DuckDBPyConnection, releases: list[dict], sketches: list[dict]) -> int:
    """Set duplicate_of on the batch's releases that copy an earlier one (in the lake or earlier in the batch)."""
    import polars as pl

    from pipelines.extract.copies.dedup import find_duplicates
    from pipelines.extract.copies.sketch import MAX_RELEASES_PER_HASH, MIN_SHARED

    if not releases:
        return 0
    frame = pl.DataFrame(sketches, schema={"release_id": pl.String, "hash": pl.Int64, "is_digest": pl.Boolean})
    conn.register("_new_sketches", frame.to_arrow())
    try:
        candidates = conn.execute(
            (settings.SQL_DIR / "pipeline" / "copy_candidates.sql").read_text(encoding="utf-8"),
            {"min_shared": MIN_SHARED, "per_release": CANDIDATES_PER_RELEASE, "max_per_hash": MAX_RELEASES_PER_HASH},
        ).fetchall()
    finally:
        conn.unregister("_new_sketches")
    duplicates = find_duplicates([(r["release_id"], r["body"]) for r in releases], candidates)
    for release in releases:
        release["duplicate_of"] = duplicates.get(release["release_id"])
    return len(duplicates)


def stage_rows(conn: duckdb.DuckDBPyConnection, stage: str, batch: str) -> tuple[list[str], list[dict]]:
    """(release ids, rows) of one extraction stage over the batch's releases, read from the lake."""
    from pipelines.assets.rows import STAGE_ROWS, ReleaseForExtraction
    from pipelines.parallel import map_chunks

    query = f"{RELEASE_SQL} WHERE {_in_batch()} ORDER BY release_id"
    releases = [ReleaseForExtraction(*row) for row in conn.execute(query, {"prefix": f"{batch}/"}).fetchall()]
    rows = [row for found in map_chunks(STAGE_ROWS[stage], releases) for row in found]
    return [r.release_id for r in releases], rows


def write_stage(conn: duckdb.DuckDBPyConnection, stage: str, batch: str, rows: list[dict]) -> int:
    """Inside one transaction: replace the stage's rows of the batch's releases."""
    params = {"prefix": f"{batch}/"}
    ids = f"SELECT release_id FROM releases WHERE {_in_batch()}"
    if _count(conn, f"SELECT count(*) FROM {stage} WHERE release_id IN ({ids})", params):
        conn.execute(f"DELETE FROM {stage} WHERE release_id IN ({ids})", params)
    return write_frame(conn, stage, rows)


def rebuild_entities(conn: duckdb.DuckDBPyConnection) -> int:
    """Inside one transaction: entities merged from every mention, then quote speakers linked to them."""
    for name in ("rebuild_entities", "link_quote_speakers"):
        conn.execute((settings.SQL_DIR / "pipeline" / f"{name}.sql").read_text(encoding="utf-8"))
    return _count(conn, "SELECT count(*) FROM entities", {})


def mart_sql(name: str) -> str:
    return (settings.SQL_DIR / "marts" / f"{name}.sql").read_text(encoding="utf-8").strip().rstrip(";")


def mart_date_column(conn: duckdb.DuckDBPyConnection, name: str) -> str:
    """The mart's first DATE column (`activity_date`, `month`): what its monthly partitions split on."""
    for column, kind, *_ in conn.execute(f"DESCRIBE SELECT * FROM (\n{mart_sql(name)}\n)").fetchall():
        if kind == "DATE":
            return str(column)
    raise ValueError(f"mart {name} has no DATE column to partition by month")


def write_mart_month(conn: duckdb.DuckDBPyConnection, name: str, start: date, end: date) -> int:
    """Inside one transaction: the mart's rows dated in [start, end) replaced by the mart query's rows there."""
    column = mart_date_column(conn, name)
    select = f"SELECT * FROM (\n{mart_sql(name)}\n) WHERE {column} >= $start AND {column} < $end"
    params = {"start": start, "end": end}
    conn.execute(f"CREATE TABLE IF NOT EXISTS {name} AS SELECT * FROM (\n{mart_sql(name)}\n) LIMIT 0")
    if _count(conn, f"SELECT count(*) FROM {name} WHERE {column} >= $start AND {column} < $end", params):
        conn.execute(f"DELETE FROM {name} WHERE {column} >= $start AND {column} < $end", params)
    conn.execute(f"INSERT INTO {name} {select}", params)
    return _count(conn, f"SELECT count(*) FROM {name} WHERE {column} >= $start AND {column} < $end", params)


def batch_digest(raw_dir: Path, batch: str) -> str:
    """A digest of the batch's file names, sizes and mtimes: what tells the sensor a batch changed."""
    import hashlib

    digest = hashlib.sha256()
    for entry in batch_entries(raw_dir, batch):
        digest.update(f"{entry.source_path}\0{entry.size_bytes}\0{getattr(entry, 'mtime_ns', '')}\n".encode())
    return digest.hexdigest()[:16]
