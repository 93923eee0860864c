"""raw_documents and releases: every raw file read, decoded, cleaned, dated and accounted for."""

from dataclasses import dataclass, replace
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

import dagster as dg
import duckdb

from pipelines import settings
from pipelines.extract.version import extractor_version
from pipelines.parallel import map_batches, map_chunks
from pipelines.rawfolder import RawFile, SkippedFile, scan
from pipelines.resources import WarehouseResource
from pipelines.warehouse import delete_where_in, select_where_in, write_frame

if TYPE_CHECKING:  # the extractors, polars and pyarrow load when a step has work, not with the definitions
    import polars as pl
    import pyarrow as pa

    from pipelines.assets.rows import DocumentForParsing, FileRead
    from pipelines.extract.copies.dedup import CopyKeys
    from pipelines.extract.reading.sources import SourceDocument

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
    plan = plan_ingest(warehouse.reader(), list(scan(raw_dir)), max_bytes, _now())
    if plan.writes_anything:
        with warehouse.writer(changes=plan.tables_changed) as conn:
            if _write_ingest(conn, plan):
                warehouse.also_changed("releases")
    return warehouse.report(
        "raw_documents",
        "SELECT source_path, encoding, size_bytes, left(text, 80) AS text FROM raw_documents ORDER BY first_seen_at DESC",
        **plan.counts,
    )


@dataclass(frozen=True)
class FolderDiff:
    """raw/ against raw_files and rejected_files: what to read, which skips are new, which files left."""

    to_read: list[RawFile]
    new_skips: list[SkippedFile]
    missing: list[str]
    unchanged: int


@dataclass(frozen=True)
class IngestPlan:
    documents: list[dict]
    rejections: list[dict]
    file_rows: list[dict]
    reread_paths: list[str]
    missing: list[str]
    counts: dict[str, int]
    paths: list[dict]  # raw_paths rows of the files read (every document path they hold)
    backfill: bool = False  # a warehouse from before raw_paths: its paths are listed on this run
    recount: bool = False  # which releases marts count changed with the settings: replay raw/ on releases

    @property
    def writes_anything(self) -> bool:
        return bool(self.tables_changed)

    @property
    def tables_changed(self) -> tuple[str, ...]:
        """What writing the plan changes (a touched file with the same bytes: raw_files and its old rejections)."""
        changed = {
            "raw_documents": bool(self.documents),
            "rejected_files": bool(self.rejections or self.reread_paths or self.missing),
            "raw_files": bool(self.file_rows or self.missing),
            "raw_paths": bool(self.file_rows or self.missing or self.backfill or self.recount),
        }
        return tuple(table for table, yes in changed.items() if yes)


def diff_folder(conn: duckdb.DuckDBPyConnection, entries: list[RawFile | SkippedFile]) -> FolderDiff:
    """Compare a scan of raw/ with what the warehouse knows, in SQL (one join, whatever the folder's size)."""
    import pyarrow as pa

    frame = pa.table(
        {
            "i": pa.array(range(len(entries)), pa.int64()),
            "source_path": pa.array([e.source_path for e in entries], pa.string()),
            "size_bytes": pa.array([e.size_bytes for e in entries], pa.int64()),
            "mtime_ns": pa.array([e.mtime_ns if isinstance(e, RawFile) else None for e in entries], pa.int64()),
            "reason": pa.array([e.reason if isinstance(e, SkippedFile) else None for e in entries], pa.string()),
        }
    )
    conn.register("_communique_scan", frame)
    try:
        changed = conn.execute(DIFF_CHANGED_SQL).fetchall()
        missing = [row[0] for row in conn.execute(DIFF_MISSING_SQL).fetchall()]
    finally:
        conn.unregister("_communique_scan")
    indexes = {i for (i,) in changed}
    to_read = [e for i, e in enumerate(entries) if i in indexes and isinstance(e, RawFile)]
    new_skips = [e for i, e in enumerate(entries) if i in indexes and isinstance(e, SkippedFile)]
    unchanged = sum(isinstance(e, RawFile) for e in entries) - len(to_read)
    return FolderDiff(to_read, new_skips, missing, unchanged)


# Files that are new or whose size or mtime changed, and skips (hidden, unsupported …) not yet recorded.
DIFF_CHANGED_SQL = """
SELECT s.i FROM _communique_scan s
WHERE CASE WHEN s.reason IS NULL
    THEN NOT EXISTS (SELECT 1 FROM raw_files f
                     WHERE f.source_path = s.source_path AND f.size_bytes = s.size_bytes AND f.mtime_ns = s.mtime_ns)
    ELSE NOT EXISTS (SELECT 1 FROM rejected_files x WHERE x.source_path = s.source_path AND x.reason = s.reason)
END
ORDER BY s.i
"""
DIFF_MISSING_SQL = """
SELECT f.source_path FROM raw_files f
WHERE NOT EXISTS (SELECT 1 FROM _communique_scan s WHERE s.source_path = f.source_path)
ORDER BY 1
"""


def plan_ingest(
    conn: duckdb.DuckDBPyConnection, entries: list[RawFile | SkippedFile], max_bytes: int, now: datetime
) -> IngestPlan:
    """Everything this run writes for raw/: new documents, rejections and file rows (reading only what changed)."""
    from pipelines.assets.replacement import counts_out_of_date, needs_backfill, path_rows

    diff = diff_folder(conn, entries)
    backfill = needs_backfill(conn)
    # A warehouse from before raw_paths: every file is read once more to list its document paths.
    to_read = [e for e in entries if isinstance(e, RawFile)] if backfill else diff.to_read
    reads = _read_files(to_read, max_bytes)
    documents: list[dict] = []
    rejections = [_rejection(e.source_path, None, e.size_bytes, e.reason, now) for e in diff.new_skips]
    already_known = 0
    known_shas = _known_shas(conn, reads)
    for entry, read in zip(to_read, reads, strict=True):
        new_docs, new_rejections, known = _sort_read(entry, read, known_shas, now)
        documents += new_docs
        rejections += new_rejections
        already_known += known
    file_rows = [
        {
            "source_path": entry.source_path,
            "size_bytes": entry.size_bytes,
            "mtime_ns": entry.mtime_ns,
            "content_sha256": read.sha256,
            "last_seen_at": now,
            "name_hex": entry.name_hex,
        }
        for entry, read in zip(to_read, reads, strict=True)
    ]
    counts = {
        "files_seen": len(entries),
        "files_unchanged": len([e for e in entries if isinstance(e, RawFile)]) - len(to_read),
        "documents_new": len(documents),
        "documents_already_known": already_known,
        "rejected": len(rejections),
        "files_missing": len(diff.missing),
    }
    reread = [e.source_path for e in diff.new_skips] + [e.source_path for e in to_read]
    paths = path_rows(zip([e.source_path for e in to_read], reads, strict=True)) if reads else []
    recount = counts_out_of_date(conn)
    return IngestPlan(documents, rejections, file_rows, reread, diff.missing, counts, paths, backfill, recount)


def _read_files(to_read: list[RawFile], max_bytes: int) -> list["FileRead"]:
    """The files' documents and rejections; the readers (and the extractors they pull in) load only if needed."""
    if not to_read:
        return []
    from pipelines.assets.rows import FileToRead, read_raw_file

    return map_chunks(read_raw_file, [FileToRead(e.source_path, e.path, e.size_bytes, max_bytes) for e in to_read])


def _known_shas(conn: duckdb.DuckDBPyConnection, reads: list["FileRead"]) -> set[str]:
    """Which of the documents read are already in raw_documents (same bytes under another path, or before)."""
    if not reads:
        return set()
    from pipelines.extract.reading.sources import SourceDocument

    shas = sorted({item.content_sha256 for read in reads for item in read.items if isinstance(item, SourceDocument)})
    return {row[0] for row in select_where_in(conn, "SELECT content_sha256 FROM raw_documents", "content_sha256", shas)}


def _sort_read(
    entry: RawFile, read: "FileRead", known_shas: set[str], now: datetime
) -> tuple[list[dict], list[dict], int]:
    """One file's new documents, its rejections, and how many of its documents were already known.

    known_shas grows with each new document, so the same bytes twice in one run are one document."""
    from pipelines.extract.reading.sources import SourceRejection

    documents, rejections, already_known = [], [], 0
    if read.error:
        rejections.append(_rejection(entry.source_path, None, entry.size_bytes, read.error, now))
    for item in read.items:
        if isinstance(item, SourceRejection):
            rejections.append(_rejection(item.source_path, item.content_sha256, item.size_bytes, item.reason, now))
        elif item.content_sha256 in known_shas:
            already_known += 1  # same bytes seen under another path or before the change
        else:
            known_shas.add(item.content_sha256)
            documents.append(_document_row(item, now))
    return documents, rejections, already_known


def _document_row(doc: "SourceDocument", now: datetime) -> dict:
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


def _write_ingest(conn: duckdb.DuckDBPyConnection, plan: IngestPlan) -> bool:
    """Write the plan; True when replaying raw/ changed releases (a rename, an edit, a deletion, a copy group)."""
    from pipelines.assets.replacement import record_paths

    # A re-read file replaces its earlier rejections: the whole file's and its JSON lines' (`feed.jsonl#3`).
    # One statement for all paths: a statement per path costs a millisecond, a minute on a 50,000-file first run.
    delete_where_in(
        conn,
        "rejected_files",
        "regexp_replace(source_path, '#[0-9]+$', '')",
        plan.reread_paths + plan.missing,
        and_where="extractor_version IS NULL",
    )
    write_frame(conn, "raw_documents", plan.documents)
    write_frame(conn, "rejected_files", plan.rejections)
    delete_where_in(conn, "raw_files", "source_path", [r["source_path"] for r in plan.file_rows] + plan.missing)
    write_frame(conn, "raw_files", plan.file_rows)
    if not (plan.file_rows or plan.missing or plan.backfill or plan.recount):
        return False
    record_paths(conn, [r["source_path"] for r in plan.file_rows], plan.missing, plan.paths)
    return mark_missing_sources(conn) > 0


def mark_missing_sources(conn: duckdb.DuckDBPyConnection) -> int:
    """Nothing is lost, nothing counted twice: renames, edits and deletions in raw/ replayed on releases, copies
    listed (pipelines/assets/replacement.py). Returns how many release rows changed."""
    from pipelines.assets.replacement import reconcile

    return reconcile(conn)


@dg.asset(
    group_name="ingest",
    kinds={"duckdb", "python"},
    pool="warehouse",
    deps=[raw_documents],
    description="One row per press release: site chrome removed, title, date, dateline, publisher, kind, duplicates linked.",
)
def releases(warehouse: WarehouseResource) -> dg.MaterializeResult:
    version = extractor_version()
    pending = pending_documents(warehouse.reader(), version)
    counts = {"parsed": 0, "rejected": 0, "duplicates_linked": 0}
    if pending:
        with warehouse.writer(changes=RELEASE_TABLES) as conn:
            for start in range(0, len(pending), PARSE_BATCH):
                batch = _parse_batch(conn, pending[start : start + PARSE_BATCH], version)
                counts = {key: counts[key] + batch[key] for key in counts}
            if counts["parsed"]:
                mark_missing_sources(conn)  # re-extracted releases are written as present; some files may be gone
    counts["unchanged"] = warehouse.reader().execute("SELECT count(*) FROM releases").fetchone()[0] - counts["parsed"]
    return warehouse.report(
        "releases",
        "SELECT release_id, published_date, kind, title, dateline, publisher FROM releases "
        "ORDER BY ingested_at DESC, published_date DESC",
        **counts,
    )


RELEASE_TABLES = ("releases", "release_sketches", "rejected_files")


def pending_documents(conn: duckdb.DuckDBPyConnection, version: str) -> list[str]:
    """Raw documents with no release of this extractor version and no rejection by it, oldest first."""
    return [
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


def _parse_batch(conn: duckdb.DuckDBPyConnection, shas: list[str], version: str) -> dict[str, int]:
    """Parse a batch of raw documents and extract their quotes, metrics and mentions in the same pass; link copies.

    The stages' rows go straight to their tables; `staged_extraction` (a temporary table of this run) tells the
    stage assets which releases are done, so they only record them (and extract what was not staged)."""
    from pipelines.extract.release.chrome import learn_repeated_lines

    now = _now()
    docs = _documents(conn, shas)
    # release: lines shared by many documents of this batch are chrome evidence for the parser (issue 15).
    repeated = learn_repeated_lines([doc.text or "" for doc in docs])
    parsed = _parse_documents([replace(doc, repeated=repeated) for doc in docs])
    del docs
    rejections = [
        _rejection(d.source_path, d.content_sha256, d.size_bytes, reason, now, version) for d, reason in parsed.rejected
    ]
    sketches = _sketch_frame(parsed.releases)
    duplicates = _find_copies(conn, parsed.releases, parsed.copy_keys, sketches)
    releases = _with_run_columns(parsed.releases, duplicates, version, now)
    ids = [] if releases is None else releases["release_id"].to_list()
    _clear_stage_rows(conn, shas)
    _stage_rows(conn, ids, parsed.stage_rows)
    delete_where_in(conn, "releases", "release_id", ids)
    delete_where_in(conn, "release_sketches", "release_id", ids)
    write_frame(conn, "release_sketches", sketches)
    # Parser rejections of an older extractor version are replaced by this version's verdict.
    delete_where_in(conn, "rejected_files", "content_sha256", shas, and_where="extractor_version IS NOT NULL")
    if releases is not None:
        write_frame(conn, "releases", releases)
    write_frame(conn, "rejected_files", rejections)
    return {"parsed": len(ids), "rejected": len(rejections), "duplicates_linked": len(duplicates)}


def _documents(conn: duckdb.DuckDBPyConnection, shas: list[str]) -> list["DocumentForParsing"]:
    from pipelines.assets.rows import DocumentForParsing

    return [
        DocumentForParsing(*row)
        for row in select_where_in(
            conn,
            "SELECT content_sha256, source_path, size_bytes, text FROM raw_documents",
            "content_sha256",
            shas,
            order_by="first_seen_at, source_path",
        )
    ]


@dataclass
class _ParsedBatch:
    """A batch's chunks put together: one Arrow table per table, the copy keys in release order, rejections."""

    releases: "pa.Table | None"
    stage_rows: dict[str, "pa.Table | None"]
    copy_keys: list["CopyKeys"]
    rejected: list[tuple["DocumentForParsing", str]]


def _parse_documents(docs: list["DocumentForParsing"]) -> _ParsedBatch:
    """Every document through rows.parse_chunk (on every core for large batches); chunks come back in order."""
    from pipelines.assets.rows import STAGE_ROWS, parse_chunk

    releases, keys, rejected, offset = [], [], [], 0
    stages: dict[str, list] = {stage: [] for stage in STAGE_ROWS}
    for chunk in map_batches(parse_chunk, docs):
        chunk_docs = docs[offset : offset + chunk.release_count + len(chunk.rejections)]
        offset += len(chunk_docs)
        rejected += [(chunk_docs[i], reason) for i, reason in chunk.rejections]
        releases.append(chunk.releases)
        keys += chunk.copy_keys
        for stage, table in chunk.stage_rows.items():
            stages[stage].append(table)
    return _ParsedBatch(_concat(releases), {stage: _concat(tables) for stage, tables in stages.items()}, keys, rejected)


def _concat(tables: list) -> "pa.Table | None":
    """One table from the chunks' tables (a column all null in one chunk takes the type it has in the others)."""
    import pyarrow as pa

    present = [table for table in tables if table is not None]
    return pa.concat_tables(present, promote_options="permissive") if present else None


def _with_run_columns(
    releases: "pa.Table | None", duplicates: dict[str, str], version: str, now: datetime
) -> "pl.DataFrame | None":
    """The release rows as written: sketch dropped (it has its own table), this run's columns added."""
    import polars as pl

    if releases is None:
        return None
    frame = pl.DataFrame(releases.drop_columns(["sketch"]))
    return frame.with_columns(
        duplicate_of=pl.col("release_id").replace_strict(duplicates, default=None, return_dtype=pl.String),
        extractor_version=pl.lit(version),
        ingested_at=pl.lit(now),
        source_missing=pl.lit(False),
    )


def _find_copies(
    conn: duckdb.DuckDBPyConnection, releases: "pa.Table | None", keys: list["CopyKeys"], sketches: "pl.DataFrame"
) -> dict[str, str]:
    """{release_id: earliest copy} for the batch's releases. The earlier releases that may be copies come from the
    sketch join; their copy keys and every exact verification are computed in the workers (dedup.link_copies)."""
    from pipelines.extract.copies.dedup import copy_keys, link_copies

    if releases is None:
        return {}
    existing = _copy_candidates(conn, sketches)
    existing_keys = [key for batch in map_batches(copy_keys, [body for _, body in existing]) for key in batch]
    new = zip(releases.column("release_id").to_pylist(), releases.column("body").to_pylist(), keys, strict=True)
    return link_copies(
        list(new),
        [(rid, body, key) for (rid, body), key in zip(existing, existing_keys, strict=True)],
        map_items=map_chunks,
    )


def _clear_stage_rows(conn: duckdb.DuckDBPyConnection, shas: list[str]) -> None:
    """Delete the stage rows of the releases about to be re-extracted, once per batch (a delete scans the table),
    and only when some of them exist already (never on a first run)."""
    from pipelines.assets.rows import STAGE_ROWS
    from pipelines.extract.records import stable_id

    ids = [stable_id("release", sha) for sha in shas]
    known = [row[0] for row in select_where_in(conn, "SELECT release_id FROM releases", "release_id", ids)]
    for stage in STAGE_ROWS:
        delete_where_in(conn, stage, "release_id", known)


def _stage_rows(conn: duckdb.DuckDBPyConnection, ids: list[str], stage_rows: dict) -> None:
    """Write the stage rows of these releases (their old rows are gone) and note them as staged."""
    import pyarrow as pa

    if not ids:
        return
    conn.execute(STAGED_TABLE_SQL)
    for stage, table in stage_rows.items():
        counted = {}
        if table is not None:
            write_frame(conn, stage, table)
            counts = table.group_by("release_id").aggregate([("release_id", "count")])
            counted = dict(zip(counts["release_id"].to_pylist(), counts["release_id_count"].to_pylist(), strict=True))
        staged = pa.table(
            {
                "stage": pa.array([stage] * len(ids), pa.string()),
                "release_id": pa.array(ids, pa.string()),
                "rows": pa.array([counted.get(release_id, 0) for release_id in ids], pa.int32()),
            }
        )
        write_frame(conn, "staged_extraction", staged)


# This run's releases whose stage rows the releases step already wrote (a temporary table: gone with the run).
STAGED_TABLE_SQL = "CREATE TEMP TABLE IF NOT EXISTS staged_extraction (stage VARCHAR, release_id VARCHAR, rows INTEGER)"


def _sketch_frame(releases: "pa.Table | None") -> "pl.DataFrame":
    """(release_id, hash, is_digest) for every value of every new release's sketch."""
    import polars as pl

    schema = {"release_id": pl.String, "hash": pl.Int64, "is_digest": pl.Boolean}
    if releases is None:
        return pl.DataFrame(schema=schema)
    frame = pl.DataFrame(releases.select(["release_id", "sketch"]))
    length = pl.col("sketch").list.len()
    # The last value hashes the whole body: exact copies always become candidates.
    return (
        frame.with_columns(is_digest=pl.int_ranges(length).list.eval(pl.element() == pl.element().max()))
        .explode("sketch", "is_digest")
        .select(pl.col("release_id"), pl.col("sketch").cast(pl.Int64).alias("hash"), pl.col("is_digest"))
    )


def _copy_candidates(conn: duckdb.DuckDBPyConnection, sketches: "pl.DataFrame") -> list[tuple[str, str]]:
    """(release_id, body) of the earlier releases that share enough of a new release's sketch to be its copy."""
    from pipelines.extract.copies.sketch import MAX_RELEASES_PER_HASH, MIN_SHARED

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
