"""raw_documents and releases: every raw file read, decoded, cleaned, dated and accounted for."""

from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path

import dagster as dg
import duckdb
import polars as pl

from pipelines import settings
from pipelines.assets.replacement import needs_backfill, path_rows, reconcile, record_paths
from pipelines.assets.rows import DocumentForParsing, FileRead, FileToRead, read_raw_file, release_row
from pipelines.extract.copies.dedup import find_duplicates
from pipelines.extract.copies.sketch import MAX_RELEASES_PER_HASH, MIN_SHARED
from pipelines.extract.reading.sources import SourceDocument, SourceRejection
from pipelines.extract.release.chrome import learn_repeated_lines
from pipelines.extract.version import extractor_version
from pipelines.parallel import map_chunks
from pipelines.rawfolder import RawFile, SkippedFile, scan
from pipelines.resources import WarehouseResource
from pipelines.warehouse import delete_where_in, select_where_in, write_frame

PARSE_BATCH = 5000
CANDIDATES_PER_RELEASE = 20  # earlier releases fully compared with each new one


class RawFolderConfig(dg.Config):
    raw_dir: str | None = None  # default: COMMUNIQUE_RAW_DIR or raw/
    max_file_bytes: int | None = None  # default: COMMUNIQUE_MAX_FILE_BYTES or 20 MB


def _now() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None)


@dg.asset(
    group_name="ingest",
    kinds={"duckdb", "python"},
    pool="warehouse",
    description="Every file in raw/ decoded and hashed once; unusable files land in rejected_files with a reason.",
)
def raw_documents(config: RawFolderConfig, warehouse: WarehouseResource) -> dg.MaterializeResult:
    raw_dir = Path(config.raw_dir).resolve() if config.raw_dir else settings.raw_dir()
    max_bytes = config.max_file_bytes or settings.max_file_bytes()
    if not raw_dir.is_dir():
        raise dg.Failure(f"raw folder {raw_dir} does not exist (set COMMUNIQUE_RAW_DIR)")
    with warehouse.writer() as conn:
        counts = _ingest_folder(conn, raw_dir, max_bytes)
        return warehouse.report(
            "raw_documents",
            "SELECT source_path, encoding, size_bytes, left(text, 80) AS text FROM raw_documents ORDER BY first_seen_at DESC",
            **counts,
        )


def _ingest_folder(conn: duckdb.DuckDBPyConnection, raw_dir: Path, max_bytes: int) -> dict[str, int]:
    now = _now()
    known = {
        path: (size, mtime, sha)
        for path, size, mtime, sha in conn.execute(
            "SELECT source_path, size_bytes, mtime_ns, content_sha256 FROM raw_files"
        ).fetchall()
    }
    if needs_backfill(conn):
        known = {}  # a warehouse from before raw_paths: read every file once more to list its document paths
    known_shas = {row[0] for row in conn.execute("SELECT content_sha256 FROM raw_documents").fetchall()}
    existing_skips = set(conn.execute("SELECT source_path, reason FROM rejected_files").fetchall())

    documents: list[dict] = []
    rejections: list[dict] = []
    file_rows: list[dict] = []
    reread_paths: list[str] = []
    present: set[str] = set()
    counts = {"files_seen": 0, "files_unchanged": 0, "documents_new": 0, "documents_already_known": 0, "rejected": 0}

    to_read: list[RawFile] = []
    for entry in scan(raw_dir):
        counts["files_seen"] += 1
        present.add(entry.source_path)
        if isinstance(entry, SkippedFile):
            if (entry.source_path, entry.reason) not in existing_skips:
                reread_paths.append(entry.source_path)
                rejections.append(_rejection(entry.source_path, None, entry.size_bytes, entry.reason, now))
            continue
        previous = known.get(entry.source_path)
        if previous and previous[:2] == (entry.size_bytes, entry.mtime_ns):
            counts["files_unchanged"] += 1
        else:
            to_read.append(entry)

    reads = map_chunks(read_raw_file, [FileToRead(e.source_path, e.path, e.size_bytes, max_bytes) for e in to_read])
    for entry, read in zip(to_read, reads, strict=False):
        reread_paths.append(entry.source_path)
        _collect(entry, read, known_shas, documents, rejections, counts, now)
        file_rows.append(
            {
                "source_path": entry.source_path,
                "size_bytes": entry.size_bytes,
                "mtime_ns": entry.mtime_ns,
                "content_sha256": read.sha256,
                "last_seen_at": now,
                "name_hex": entry.name_hex,
            }
        )

    counts["rejected"] = len(rejections)
    missing = sorted(set(known) - present)
    read_paths = [e.source_path for e in to_read]
    record_paths(conn, read_paths, missing, path_rows(zip(read_paths, reads, strict=False)))
    _write_ingest(conn, documents, rejections, file_rows, reread_paths, missing)
    counts["files_missing"] = len(missing)
    return counts


def _collect(
    entry: RawFile,
    read: FileRead,
    known_shas: set[str],
    documents: list[dict],
    rejections: list[dict],
    counts: dict[str, int],
    now: datetime,
) -> None:
    """Sort one file's documents into new documents, already known ones and rejections."""
    if read.error:
        rejections.append(_rejection(entry.source_path, None, entry.size_bytes, read.error, now))
    for item in read.items:
        if isinstance(item, SourceRejection):
            rejections.append(_rejection(item.source_path, item.content_sha256, item.size_bytes, item.reason, now))
        elif item.content_sha256 in known_shas:
            counts["documents_already_known"] += 1  # same bytes seen under another path or before the change
        else:
            known_shas.add(item.content_sha256)
            counts["documents_new"] += 1
            documents.append(_document_row(item, now))


def _document_row(doc: SourceDocument, now: datetime) -> dict:
    return {
        "content_sha256": doc.content_sha256,
        "source_path": doc.source_path,
        "size_bytes": doc.size_bytes,
        "encoding": doc.encoding,
        "text": doc.text,
        "first_seen_at": now,
    }


def _rejection(
    source_path: str, sha: str | None, size: int | None, reason: str, now: datetime, version: str | None = None
) -> dict:
    return {
        "source_path": source_path,
        "content_sha256": sha,
        "size_bytes": size,
        "reason": reason,
        "seen_at": now,
        "extractor_version": version,
    }


def _write_ingest(conn, documents, rejections, file_rows, reread_paths, missing) -> None:
    # A re-read file replaces its earlier rejections: the whole file's and its JSON lines' (`feed.jsonl#3`).
    # One statement for all paths: a statement per path costs a millisecond, a minute on a 50,000-file first run.
    delete_where_in(
        conn,
        "rejected_files",
        "regexp_replace(source_path, '#[0-9]+$', '')",
        reread_paths + missing,
        and_where="extractor_version IS NULL",
    )
    write_frame(conn, "raw_documents", documents)
    write_frame(conn, "rejected_files", rejections)
    delete_where_in(conn, "raw_files", "source_path", [r["source_path"] for r in file_rows] + missing)
    write_frame(conn, "raw_files", file_rows)
    mark_missing_sources(conn)


def mark_missing_sources(conn: duckdb.DuckDBPyConnection) -> None:
    """Nothing is lost, nothing counted twice: renames, edits and deletions in raw/ replayed on releases, copies
    listed (pipelines/assets/replacement.py)."""
    reconcile(conn)


@dg.asset(
    group_name="ingest",
    kinds={"duckdb", "python"},
    pool="warehouse",
    deps=[raw_documents],
    description="One row per press release: site chrome removed, title, date, dateline, publisher, kind, duplicates linked.",
)
def releases(warehouse: WarehouseResource) -> dg.MaterializeResult:
    version = extractor_version()
    with warehouse.writer() as conn:
        pending = [
            row[0]
            for row in conn.execute(
                """
                SELECT d.content_sha256 FROM raw_documents d
                LEFT JOIN releases r USING (content_sha256)
                WHERE (r.release_id IS NULL OR r.extractor_version <> $v)
                  AND NOT EXISTS (SELECT 1 FROM rejected_files x
                                  WHERE x.content_sha256 = d.content_sha256 AND x.extractor_version = $v)
                ORDER BY d.first_seen_at, d.source_path
                """,
                {"v": version},
            ).fetchall()
        ]
        counts = {"parsed": 0, "rejected": 0, "duplicates_linked": 0}
        for start in range(0, len(pending), PARSE_BATCH):
            _parse_batch(conn, pending[start : start + PARSE_BATCH], version, counts)
        if counts["parsed"]:
            mark_missing_sources(conn)  # re-extracted releases are written as present; some files may be gone
        counts["unchanged"] = conn.execute("SELECT count(*) FROM releases").fetchone()[0] - counts["parsed"]
        return warehouse.report(
            "releases",
            "SELECT release_id, published_date, kind, title, dateline, publisher FROM releases "
            "ORDER BY ingested_at DESC, published_date DESC",
            **counts,
        )


def _parse_batch(conn: duckdb.DuckDBPyConnection, shas: list[str], version: str, counts: dict[str, int]) -> None:
    now = _now()
    docs = [
        DocumentForParsing(*row)
        for row in select_where_in(
            conn,
            "SELECT content_sha256, source_path, size_bytes, text FROM raw_documents",
            "content_sha256",
            shas,
            order_by="first_seen_at, source_path",
        )
    ]
    # release: lines shared by many documents of this batch are chrome evidence for the parser (issue 15).
    repeated = learn_repeated_lines([doc.text or "" for doc in docs])
    docs = [replace(doc, repeated=repeated) for doc in docs]
    rows, rejections = [], []
    for doc, parsed in zip(docs, map_chunks(release_row, docs), strict=False):
        if isinstance(parsed, str):
            rejections.append(_rejection(doc.source_path, doc.content_sha256, doc.size_bytes, parsed, now, version))
        else:
            rows.append(
                parsed
                | {"duplicate_of": None, "extractor_version": version, "ingested_at": now, "source_missing": False}
            )
    ids = [row["release_id"] for row in rows]
    sketches = _sketch_frame(rows)
    duplicates = find_duplicates([(row["release_id"], row["body"]) for row in rows], _copy_candidates(conn, sketches))
    for row in rows:
        row["duplicate_of"] = duplicates.get(row["release_id"])
    delete_where_in(conn, "releases", "release_id", ids)
    delete_where_in(conn, "release_sketches", "release_id", ids)
    write_frame(conn, "release_sketches", sketches)
    # Parser rejections of an older extractor version are replaced by this version's verdict.
    delete_where_in(conn, "rejected_files", "content_sha256", shas, and_where="extractor_version IS NOT NULL")
    write_frame(conn, "releases", rows)
    write_frame(conn, "rejected_files", rejections)
    counts["parsed"] += len(rows)
    counts["rejected"] += len(rejections)
    counts["duplicates_linked"] += len(duplicates)


def _sketch_frame(rows: list[dict]) -> pl.DataFrame:
    """(release_id, hash, is_digest) for every value of every new release's sketch (popped from its row)."""
    records = []
    for row in rows:
        values = row.pop("sketch")
        # The last value hashes the whole body: exact copies always become candidates.
        records += [(row["release_id"], h, i == len(values) - 1) for i, h in enumerate(values)]
    return pl.DataFrame(
        records, schema={"release_id": pl.String, "hash": pl.Int64, "is_digest": pl.Boolean}, orient="row"
    )


def _copy_candidates(conn: duckdb.DuckDBPyConnection, sketches: pl.DataFrame) -> list[tuple[str, str]]:
    """(release_id, body) of the earlier releases that share enough of a new release's sketch to be its copy."""
    if sketches.height == 0:
        return []
    conn.register("_new_sketches", sketches.to_arrow())
    try:
        return conn.execute(
            (settings.SQL_DIR / "pipeline" / "copy_candidates.sql").read_text(encoding="utf-8"),
            {"min_shared": MIN_SHARED, "per_release": CANDIDATES_PER_RELEASE, "max_per_hash": MAX_RELEASES_PER_HASH},
        ).fetchall()
    finally:
        conn.unregister("_new_sketches")
