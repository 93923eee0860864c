"""The only module that opens DuckDB.

Design (see README, "Readers and writers"): analysts read the *published* file read-only; a run never writes it.
A run takes an exclusive lock, copies the published file to a private working copy, writes there, and at the end
atomically renames the working copy over the published file. Readers holding the old file keep reading it; a run
killed at any point leaves the published file untouched and its working copy is swept by the next run.
"""

from __future__ import annotations

import fcntl
import hashlib
import json
import os
import shutil
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

import duckdb

from pipelines import settings

if TYPE_CHECKING:  # polars and pyarrow are imported where rows are written, never by the read-only CLI paths
    import polars as pl
    import pyarrow as pa

    from pipelines.lake.session import LakeSession

# How long a run waits for another writer (`make demo` while the UI's sensor run is writing): a run queued behind a
# long first ingestion should wait, not fail and leave the sensor's changes for later.
LOCK_TIMEOUT_SECONDS = 3 * 3600


class WarehouseMissing(Exception):
    """No published warehouse yet."""


SCHEMA_KEY = "__schema__"  # the table_changes row whose seq is the digest of the schema the file was built with


def schema_statements() -> list[str]:
    return [path.read_text(encoding="utf-8") for path in sorted((settings.SQL_DIR / "schema").glob("*.sql"))]


def schema_digest() -> int:
    """A 60-bit digest of every schema statement: a published file built with another schema must be migrated."""
    return int(hashlib.sha256("\n".join(schema_statements()).encode()).hexdigest()[:15], 16)


def apply_schema(conn: duckdb.DuckDBPyConnection) -> None:
    for statement in schema_statements():
        conn.execute(statement)
    conn.execute("DELETE FROM table_changes WHERE table_name = $k", {"k": SCHEMA_KEY})
    conn.execute("INSERT INTO table_changes VALUES ($k, $d)", {"k": SCHEMA_KEY, "d": schema_digest()})


def _one(conn: duckdb.DuckDBPyConnection, query: str, params: dict[str, Any]) -> tuple:
    """The one row an aggregate query returns."""
    row = conn.execute(query, params).fetchone()
    assert row is not None, query
    return row


def has_current_schema(conn: duckdb.DuckDBPyConnection) -> bool:
    """True when the connected warehouse was built with today's schema (it can be read without migrating)."""
    if not _table_exists(conn, "table_changes"):
        return False
    return (
        _one(conn, "SELECT max(seq) FROM table_changes WHERE table_name = $k", {"k": SCHEMA_KEY})[0] == schema_digest()
    )


def _table_exists(conn: duckdb.DuckDBPyConnection, table: str) -> bool:
    query = "SELECT count(*) FROM duckdb_tables() WHERE table_name = $t AND database_name = current_database()"
    return bool(_one(conn, query, {"t": table})[0])


def mark_changed(conn: duckdb.DuckDBPyConnection, tables: Sequence[str]) -> None:
    """Record that these tables changed, with one new sequence number (inside the writer's transaction)."""
    if not tables:
        return
    seq = _one(conn, "SELECT coalesce(max(seq), 0) + 1 FROM table_changes WHERE table_name <> $k", {"k": SCHEMA_KEY})[0]
    delete_where_in(conn, "table_changes", "table_name", list(tables))
    conn.executemany("INSERT INTO table_changes VALUES (?, ?)", [(table, seq) for table in sorted(set(tables))])


def is_stale(conn: duckdb.DuckDBPyConnection, table: str, inputs: Sequence[str], must_exist: bool = True) -> bool:
    """True when table was never built (since change tracking began) or one of its inputs changed after it.

    table may name a step's product that is not a table (must_exist=False)."""
    if not _table_exists(conn, "table_changes") or (must_exist and not _table_exists(conn, table)):
        return True
    own, newest_input = _one(
        conn,
        "SELECT max(seq) FILTER (WHERE table_name = $t), max(seq) FILTER (WHERE list_contains($inputs, table_name)) "
        "FROM table_changes",
        {"t": table, "inputs": list(inputs)},
    )
    return own is None or (newest_input is not None and newest_input > own)


def connect_read_only(path: Path | None = None) -> duckdb.DuckDBPyConnection:
    """A read-only connection to the published warehouse; never blocks, nor is blocked by, a run."""
    path = Path(path or settings.warehouse_path())
    if not path.exists():
        raise WarehouseMissing(f"no warehouse at {path}; run `make demo` (or materialize the assets) first")
    # Attached to a fresh in-memory instance, not duckdb.connect(path): DuckDB hands every later connect in a process
    # the instance it already has open for that path, so a notebook that reconnects after a run, while any older
    # connection lives, would go on reading the file that run replaced.
    conn = duckdb.connect()
    name = path.stem if path.stem.isidentifier() and path.stem not in {"memory", "system", "temp"} else "warehouse"
    try:
        conn.execute(f"""ATTACH '{str(path).replace("'", "''")}' AS "{name}" (READ_ONLY)""")
        conn.execute(f'USE "{name}"')
    except BaseException:
        conn.close()
        raise
    return conn


def write_frame(
    conn: duckdb.DuckDBPyConnection, table: str, rows: pl.DataFrame | pa.Table | Sequence[dict[str, Any]]
) -> int:
    """Bulk insert rows (matched to columns by name) through Arrow; returns the row count."""
    import polars as pl

    if isinstance(rows, pl.DataFrame):
        batch = rows.to_arrow()
    elif isinstance(rows, Sequence):
        if not rows:
            return 0
        batch = pl.DataFrame(list(rows), infer_schema_length=None).to_arrow()
    else:
        batch = rows
    if batch.num_rows == 0:
        return 0
    conn.register("_communique_batch", batch)
    try:
        conn.execute(f"INSERT INTO {table} BY NAME SELECT * FROM _communique_batch")
    finally:
        conn.unregister("_communique_batch")
    return batch.num_rows


@contextmanager
def _key_table(conn: duckdb.DuckDBPyConnection, values: Sequence[str]) -> Iterator[str]:
    """A set of string keys visible to SQL as the view `_communique_keys(key)`, passed through Arrow in one go."""
    import pyarrow as pa

    conn.register("_communique_keys", pa.table({"key": pa.array(list(values), pa.string())}))
    try:
        yield "_communique_keys"
    finally:
        conn.unregister("_communique_keys")


def select_where_in(
    conn: duckdb.DuckDBPyConnection, select: str, column: str, values: Sequence[str], order_by: str | None = None
) -> list[tuple]:
    """Rows of `select` (a SELECT … FROM … without WHERE) whose column is one of values."""
    if not values:
        return []
    order = f" ORDER BY {order_by}" if order_by else ""
    with _key_table(conn, values) as keys:
        return conn.execute(f"{select} WHERE {column} IN (SELECT key FROM {keys}){order}").fetchall()


def delete_where_in(
    conn: duckdb.DuckDBPyConnection, table: str, column: str, values: Sequence[str], and_where: str | None = None
) -> None:
    """DELETE FROM table WHERE column IN values [AND and_where], in one statement through Arrow.

    column may be an expression over the table's columns."""
    if not values:
        return
    extra = f" AND ({and_where})" if and_where else ""
    with _key_table(conn, values) as keys:
        conn.execute(f"DELETE FROM {table} WHERE {column} IN (SELECT key FROM {keys}){extra}")


class WriteSession:
    """One run's private working copy of the warehouse, published atomically or thrown away."""

    def __init__(self, published: Path, run_id: str, log: Callable[[str], None] | None = None):
        self.published = Path(published)
        self.run_id = run_id
        self.log = log or (lambda message: None)
        self.working = self.published.with_name(f".{self.published.name}.{run_id}.work")
        self.lock_path = self.published.with_name(f".{self.published.name}.lock")
        self.conn: duckdb.DuckDBPyConnection | None = None
        self.dirty = False
        self.failed = False
        self.summary: dict[str, Any] = {}  # asset name -> the counts it reported, stored in `runs` on publish
        self.changed: set[str] = set()  # tables this run has changed (committed into the working copy)
        self.pending_changes: set[str] = set()  # tables the open write transaction changes
        self._lock_fd: int | None = None
        self._peek: duckdb.DuckDBPyConnection | None = None

    def read(self) -> duckdb.DuckDBPyConnection:
        """A connection that sees everything this run has written: the working copy once a step has written,
        before that the published file read-only (under the run's lock), so a run that finds nothing to do
        never copies, writes or publishes the warehouse."""
        if self.conn is not None:
            return self.conn
        if self._peek is not None:
            return self._peek
        self._lock()
        if not self.published.exists():
            return self.open()
        peek = connect_read_only(self.published)
        if not has_current_schema(peek):  # built by an older schema: migrate in the working copy first
            peek.close()
            return self.open()
        self._peek = peek
        return peek

    def open(self) -> duckdb.DuckDBPyConnection:
        """This run's working copy for writing: the published file copied once, on the run's first write."""
        if self.conn is not None:
            return self.conn
        self._close_peek()
        self._lock()
        try:
            if self.published.exists():
                started = time.perf_counter()
                copy_file(self.published, self.working)
                self.summary["working_copy"] = {
                    "bytes": self.published.stat().st_size,
                    "copy_s": round(time.perf_counter() - started, 3),
                }
                self.log(f"Working copy made in {self.summary['working_copy']['copy_s']} s")
                # A write-ahead log beside the published file means someone wrote to it directly (a DuckDB shell
                # opened without -readonly): keep those changes, DuckDB replays the log into the copy.
                if _wal(self.published).exists():
                    copy_file(_wal(self.published), _wal(self.working))
            self.conn = duckdb.connect(str(self.working))
            apply_schema(self.conn)
        except BaseException:
            self._discard()
            raise
        return self.conn

    def close(self, publish: bool) -> bool:
        """Publish the working copy (when asked, written to and not failed) or discard it. True if published."""
        if self.conn is None:
            self._discard()  # never opened, or open() failed: nothing to publish, but let go of the lock
            return False
        published = False
        try:
            if publish and self.dirty and not self.failed:
                self.conn.execute(
                    "INSERT INTO runs VALUES (?, now()::TIMESTAMP, ?)",
                    [self.run_id, json.dumps(self.summary, default=str)],
                )
                self.conn.execute("CHECKPOINT")  # everything into the main file: the copy must stand alone
                self.conn.close()
                self.conn = None
                if _wal(self.working).exists() and _wal(self.working).stat().st_size:
                    raise RuntimeError(f"{_wal(self.working)} survived the checkpoint; not publishing a partial copy")
                _fsync(self.working)
                _wal(self.published).unlink(missing_ok=True)  # replayed into this copy by open(); stale now
                os.replace(self.working, self.published)
                _fsync(self.published.parent)
                published = True
        finally:
            self._discard()
        return published

    def _lock(self) -> None:
        if self._lock_fd is None:
            self.published.parent.mkdir(parents=True, exist_ok=True)
            self._acquire_lock()
            self._sweep_stale_copies()

    def _close_peek(self) -> None:
        if self._peek is not None:
            peek, self._peek = self._peek, None
            peek.close()

    def _discard(self) -> None:
        """Close, delete this run's working copy (if not published) and release the lock."""
        try:
            self._close_peek()
            if self.conn is not None:
                self.conn.close()
        finally:
            self.conn = None
            self.working.unlink(missing_ok=True)
            _wal(self.working).unlink(missing_ok=True)
            self._release_lock()

    def _acquire_lock(self) -> None:
        # flock is released by the kernel when the process dies, so a killed run never leaves a stale lock.
        self._lock_fd = os.open(self.lock_path, os.O_RDWR | os.O_CREAT, 0o644)
        deadline = time.monotonic() + LOCK_TIMEOUT_SECONDS
        waiting = False
        while True:
            try:
                fcntl.flock(self._lock_fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                holder = self.lock_path.read_text(errors="replace").strip() or "another run"
                if time.monotonic() > deadline:
                    self._release_lock()
                    raise TimeoutError(f"{holder} has held {self.lock_path} for {LOCK_TIMEOUT_SECONDS}s") from None
                if not waiting:
                    self.log(f"Waiting for {holder} to finish writing the warehouse")
                    waiting = True
                time.sleep(0.2)
        # Who holds it, for the message of a run that has to wait.
        os.ftruncate(self._lock_fd, 0)
        os.pwrite(self._lock_fd, f"run {self.run_id} (pid {os.getpid()})".encode(), 0)

    def _release_lock(self) -> None:
        if self._lock_fd is not None:
            fd, self._lock_fd = self._lock_fd, None
            os.close(fd)  # closing the only descriptor of the lock file releases the flock

    def _sweep_stale_copies(self) -> None:
        # Working copies of runs that crashed; we hold the lock, so none of them is in use.
        for stale in self.published.parent.glob(f".{self.published.name}.*.work*"):
            stale.unlink(missing_ok=True)


def copy_file(source: Path, target: Path) -> None:
    """Copy a file in the kernel: copy_file_range shares the blocks on filesystems that can (btrfs, XFS, ZFS),
    so publishing a large warehouse costs no copy there; elsewhere it is an in-kernel copy (see the README)."""
    with open(source, "rb") as src, open(target, "wb") as dst:
        size = os.fstat(src.fileno()).st_size
        copied = 0
        try:
            while copied < size:
                step = os.copy_file_range(src.fileno(), dst.fileno(), size - copied)
                if step == 0:
                    break
                copied += step
        except OSError:
            copied = -1  # not supported between these files (old kernel, other filesystem): plain copy below
    if copied != size:
        shutil.copyfile(source, target)


def _wal(path: Path) -> Path:
    return path.with_name(path.name + ".wal")


def _fsync(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def open_session(published: Path, run_id: str, log: Callable[[str], None] | None = None) -> WriteSession | LakeSession:
    """The run's write session for the configured backend (COMMUNIQUE_BACKEND, issue 19): the DuckDB file's working
    copy (default) or a DuckLake session (pipelines/lake/), with the same public shape."""
    if settings.warehouse_backend() == "ducklake":
        from pipelines.lake.session import LakeSession

        return LakeSession(run_id, log=log)
    return WriteSession(published, run_id, log)


@contextmanager
def standalone_session(published: Path, run_id: str = "standalone") -> Iterator[WriteSession]:
    """A write session outside Dagster (tests, maintenance scripts): published on a clean exit."""
    session = WriteSession(published, run_id)
    try:
        yield session
    except BaseException:
        session.failed = True
        raise
    finally:
        session.close(publish=True)
