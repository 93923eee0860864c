"""LakeSession: one run's (or one step's) writes to the DuckLake warehouse, with WriteSession's public shape.

With the DuckDB file, a run writes a private copy and publishing renames it over the file. With DuckLake, publishing
is the catalog commit: each writer's transaction commits one snapshot, readers see the last committed snapshot, and a
worker that fails or is killed before its COMMIT leaves nothing (its Parquet files are never referenced by the
catalog; `ducklake_cleanup_old_files` removes them). Several processes write at once: DuckLake retries a commit that
does not conflict by itself; a real conflict (two transactions deleting from one table) fails the commit, and
`commit_with_retry` runs the whole write again on the new snapshot.
"""

from __future__ import annotations

import contextlib
import json
import random
import time
from collections.abc import Callable
from typing import Any, TypeVar

import duckdb

from pipelines.lake.catalog import LakeLocation, apply_lake_schema

T = TypeVar("T")

ATTEMPTS = 8  # whole-transaction attempts on a logical conflict, beyond DuckLake's own retries


def is_conflict(error: BaseException) -> bool:
    """A commit that lost to a concurrent one (DuckLake's logical conflict, or the catalog's own serialization)."""
    text = str(error).lower()
    return isinstance(error, duckdb.Error) and ("conflict" in text or "could not serialize" in text)


def commit_with_retry(
    conn: duckdb.DuckDBPyConnection,
    write: Callable[[duckdb.DuckDBPyConnection], T],
    attempts: int = ATTEMPTS,
    log: Callable[[str], None] | None = None,
) -> T:
    """Run write(conn) in one transaction and commit it; on a conflict, roll back and run it again from the start.

    write must compute its changes from what it reads inside the transaction (it sees the newest snapshot on each
    attempt) and may be called several times."""
    for attempt in range(1, attempts + 1):
        conn.execute("BEGIN TRANSACTION")
        try:
            result = write(conn)
            conn.execute("COMMIT")
            return result
        except duckdb.Error as exc:
            _rollback(conn)
            if not is_conflict(exc) or attempt == attempts:
                raise
            if log:
                log(f"commit conflict (attempt {attempt} of {attempts}), retrying: {str(exc).splitlines()[-1]}")
            time.sleep(min(5.0, 0.1 * 2**attempt) * random.uniform(0.5, 1.5))
        except BaseException:
            _rollback(conn)
            raise
    raise AssertionError("unreachable")


def _rollback(conn: duckdb.DuckDBPyConnection) -> None:
    with contextlib.suppress(duckdb.Error):  # no transaction left to roll back (a failed COMMIT ends it)
        conn.execute("ROLLBACK")


def ensure_schema(conn: duckdb.DuckDBPyConnection, log: Callable[[str], None] | None = None) -> None:
    """Create the tables if the lake is new; two workers doing it at once conflict, and the retry sees the tables."""
    commit_with_retry(conn, apply_lake_schema, log=log)


class LakeSession:
    """Same public shape as pipelines.warehouse.WriteSession (read, open, close(publish), summary, changed), on
    DuckLake: the writer's transactions commit to the catalog; close(publish) adds the run's `runs` row."""

    def __init__(self, run_id: str, log: Callable[[str], None] | None = None, location: LakeLocation | None = None):
        self.location = location or LakeLocation.from_settings()
        self.published = self.location.describe()  # what the resource names in its log lines
        self.run_id = run_id
        self.log = log or (lambda message: None)
        self.conn: duckdb.DuckDBPyConnection | None = None
        self.dirty = False
        self.failed = False
        self.summary: dict[str, Any] = {}
        self.changed: set[str] = set()
        self.pending_changes: set[str] = set()

    def read(self) -> duckdb.DuckDBPyConnection:
        """The run's connection: each query outside a transaction reads the newest committed snapshot."""
        return self.open()

    def open(self) -> duckdb.DuckDBPyConnection:
        """The run's connection for writing; each `BEGIN … COMMIT` on it is one snapshot of the lake."""
        if self.conn is None:
            conn = self.location.connect()
            try:
                ensure_schema(conn, self.log)
            except BaseException:
                conn.close()
                raise
            self.conn = conn
        return self.conn

    def close(self, publish: bool) -> bool:
        """Record the run in `runs` when it wrote and nothing failed; the data was committed step by step."""
        if self.conn is None:
            return False
        try:
            if not (publish and self.dirty and not self.failed):
                return False
            summary = json.dumps(self.summary, default=str)
            commit_with_retry(
                self.conn,
                lambda conn: conn.execute("INSERT INTO runs VALUES (?, now()::TIMESTAMP, ?)", [self.run_id, summary]),
                log=self.log,
            )
            return True
        finally:
            self.conn.close()
            self.conn = None
