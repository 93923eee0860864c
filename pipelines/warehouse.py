"""The only module that opens DuckDB.

Design (see README, "Readers and writers"): analysts read the *published* file read-only; a run never writes it.
A run takes an exclusive lock, makes a private working copy of the published file, writes there, and at the end
atomically renames the working copy over the published file. Readers holding the old file keep reading it; a run
killed at any point leaves the published file untouched and its working copy is swept by the next run.

Why publishing costs what the run changed, not what the warehouse holds (figures in the README):
- the writer stores tables in row groups of ROW_GROUP_ROWS rows, not DuckDB's 122,880: DuckDB rewrites a whole
  row group's column when rows are added to it, so 10 new releases rewrote all of a 100k table at checkpoint;
- the file a run replaces is kept as the *spare* (a hard link taken before the rename). The next run turns it into
  its working copy by writing only the blocks where it differs from the published file (what the previous run
  wrote), instead of copying the whole file, and its fsync flushes only those. The spare is used only when it is
  provably private: its one name is the spare's (not still the published file's) and nothing has it open (a
  reader that opened the warehouse before the last publish still reads that file), which the kernel vouches for
  by granting a write lease. Otherwise the run copies the whole file, as before.
Rejected on ext4 (this machine): reflinks (copy_file_range shares no blocks there), one database file per table
group (a reader could see a mix of runs between two renames, and `duckdb -readonly` on the published file alone
would lose the views), a WAL-only working copy (DuckDB's checkpoint writes the main file, which readers hold).
"""

from __future__ import annotations

import contextlib
import fcntl
import hashlib
import json
import os
import shutil
import time
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

import duckdb

from pipelines import settings

if TYPE_CHECKING:  # polars and pyarrow are imported where rows are written, never by the read-only CLI paths
    import polars as pl
    import pyarrow as pa

    from pipelines.lake.session import LakeSession

# Rows per row group in files this module writes (DuckDB's default is 122,880). Adding rows to a row group rewrites
# it whole at checkpoint: with the default, a run adding 10 releases to a 100k warehouse rewrote every table it
# touched; with 8,192 it rewrites at most one small group per table (the file grows 5%, scans are unaffected).
ROW_GROUP_ROWS = 8192
SYNC_CHUNK = 1 << 18  # the spare is compared and rewritten in chunks of DuckDB's block size (256 KiB)

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
    return _attached(path, path, "READ_ONLY")


def connect_writable(path: Path, name_from: Path | None = None) -> duckdb.DuckDBPyConnection:
    """A read-write connection to a warehouse file (a run's working copy), writing small row groups."""
    return _attached(Path(path), Path(name_from or path), f"ROW_GROUP_SIZE {ROW_GROUP_ROWS}")


def _attached(path: Path, name_from: Path, options: str) -> duckdb.DuckDBPyConnection:
    """A fresh in-memory instance with the file attached and in use, under the published file's name, so SQL that
    names the catalog (`communique.releases`) means the same in a run and in a reader."""
    conn = duckdb.connect()
    stem = name_from.stem
    name = stem if stem.isidentifier() and stem not in {"memory", "system", "temp"} else "warehouse"
    try:
        conn.execute(f"""ATTACH '{str(path).replace("'", "''")}' AS "{name}" ({options})""")
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


@contextlib.contextmanager
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
        self.spare = spare_path(self.published)
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
                written = reuse_spare(self.spare, self.published, self.working)
                if written is None:
                    copy_file(self.published, self.working)
                size = self.published.stat().st_size
                self.summary["working_copy"] = {
                    "bytes": size,
                    "bytes_written": size if written is None else written,
                    "from_spare": written is not None,
                    "copy_s": round(time.perf_counter() - started, 3),
                }
                how = "a full copy" if written is None else f"the spare, {written / 2**20:.1f} MB rewritten"
                self.log(f"Working copy made in {self.summary['working_copy']['copy_s']} s ({how})")
                # A write-ahead log beside the published file means someone wrote to it directly (a DuckDB shell
                # opened without -readonly): keep those changes, DuckDB replays the log into the copy.
                if _wal(self.published).exists():
                    copy_file(_wal(self.published), _wal(self.working))
            self.conn = connect_writable(self.working, name_from=self.published)
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
                started = time.perf_counter()
                self.conn.execute("CHECKPOINT")  # everything into the main file: the copy must stand alone
                self.conn.close()
                self.conn = None
                if _wal(self.working).exists() and _wal(self.working).stat().st_size:
                    raise RuntimeError(f"{_wal(self.working)} survived the checkpoint; not publishing a partial copy")
                checkpointed = time.perf_counter()
                _fsync(self.working)
                synced = time.perf_counter()
                _wal(self.published).unlink(missing_ok=True)  # replayed into this copy by open(); stale now
                keep_as_spare(self.published, self.spare)
                os.replace(self.working, self.published)
                _fsync(self.published.parent)
                published = True
                self.log(
                    f"Published in {time.perf_counter() - started:.3f} s (checkpoint {checkpointed - started:.3f} s, "
                    f"fsync {synced - checkpointed:.3f} s)"
                )
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


def spare_path(published: Path) -> Path:
    """Where the file the last publish replaced is kept, to become the next run's working copy."""
    return published.with_name(f".{published.name}.spare")


def keep_as_spare(published: Path, spare: Path) -> None:
    """Just before the working copy replaces the published file: keep the published file's blocks as the spare.

    Killed between this and the rename, the spare is a second name of the published file: reuse_spare sees two
    names and drops it (writing into it would write the published warehouse)."""
    spare.unlink(missing_ok=True)
    with contextlib.suppress(OSError):  # a filesystem without hard links: the next run copies the whole file
        os.link(published, spare)


def reuse_spare(spare: Path, published: Path, working: Path) -> int | None:
    """Turn the spare into the working copy by rewriting only the chunks that differ from the published file.

    Returns the bytes rewritten, or None (no spare, or one that is not provably private: the caller copies)."""
    try:
        fd = os.open(spare, os.O_RDWR)
    except OSError:
        return None
    try:
        if os.fstat(fd).st_nlink != 1 or not _open_only_here(fd):  # still published, or a reader has it open
            spare.unlink(missing_ok=True)  # readers keep their open file; the name goes
            return None
        os.rename(spare, working)  # ours now: a run killed from here on leaves a working copy, swept next time
        return sync_file(published, fd)
    finally:
        os.close(fd)


def _open_only_here(fd: int) -> bool:
    """True when no other open file (any process, this one included) refers to fd's file, as the kernel counts.

    A write lease is granted only then (fcntl(2)); it is let go at once, as holding it would make a later opener
    wait and signal this process. DuckDB's own file locks cannot tell: they are POSIX locks, which a process drops
    as soon as it closes any descriptor of the file (a second connection closed, a copy that read it)."""
    try:
        fcntl.fcntl(fd, fcntl.F_SETLEASE, fcntl.F_WRLCK)
    except OSError:  # open elsewhere (EAGAIN), not our file (EACCES), or no leases on this filesystem
        return False
    fcntl.fcntl(fd, fcntl.F_SETLEASE, fcntl.F_UNLCK)
    return True


def sync_file(source: Path, target_fd: int) -> int:
    """Make the target's bytes those of source, writing only the chunks that differ; returns the bytes written."""
    theirs, ours = bytearray(SYNC_CHUNK), bytearray(SYNC_CHUNK)
    written = offset = 0
    with open(source, "rb", buffering=0) as src:
        while (size := src.readinto(theirs)) > 0:
            if size < SYNC_CHUNK:  # the last chunk
                theirs, ours = theirs[:size], ours[:size]
            if os.preadv(target_fd, [ours], offset) != size or ours != theirs:
                os.pwrite(target_fd, theirs, offset)
                written += size
            offset += size
    os.ftruncate(target_fd, offset)
    return written


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


@contextlib.contextmanager
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
