"""The Dagster resource every writing asset and every check shares: one working copy per run."""


from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import dagster as dg
import duckdb
from pydantic import PrivateAttr

from pipelines.assets.metadata import result
from pipelines.warehouse import WriteSession


class WarehouseResource(dg.ConfigurableResource):
    """The DuckDB warehouse. Assets write into this run's working copy; it is published when the run ends."""

    path: str

    _session: WriteSession | None = PrivateAttr(default=None)

    @contextmanager
    def yield_for_execution(self, context: dg.InitResourceContext) -> Iterator["WarehouseResource"]:
        run_id = context.run_id or "adhoc"
        self._session = WriteSession(Path(self.path), run_id)
        try:
            yield self
        finally:
            # The in-process executor tears resources down once, after the last step of the run.
            self._session.close(publish=True)
            self._session = None

    def _open(self) -> tuple[WriteSession, duckdb.DuckDBPyConnection]:
        if self._session is None:
            raise RuntimeError("the warehouse resource is used outside a run")
        return self._session, self._session.open()

    @contextmanager
    def writer(self) -> Iterator[duckdb.DuckDBPyConnection]:
        """This run's connection for writing; a failure inside marks the run's copy as not to be published."""
        session, conn = self._open()
        conn.execute("BEGIN TRANSACTION")
        try:
            yield conn
            conn.execute("COMMIT")
            session.dirty = True
        except BaseException:
            conn.execute("ROLLBACK")
            session.failed = True
            raise

    def report(self, table: str, preview_query: str, **counts: Any) -> dg.MaterializeResult:
        """The asset's MaterializeResult (row count, counts, preview); counts also go into this run's `runs` row."""
        session, conn = self._open()
        materialized = result(conn, table, preview_query, **counts)
        session.summary[table] = {k: v for k, v in materialized.metadata.items() if k != "preview"}
        return materialized

    def record_check(self, name: str, outcome: str) -> None:
        """Note a check's outcome (passed / warn / failed) in this run's `runs` summary (`communique status`)."""
        if self._session is not None:
            self._session.summary.setdefault("checks", {})[name] = outcome

    def reader(self) -> duckdb.DuckDBPyConnection:
        """This run's connection for reading what the run has written (checks, marts)."""
        return self._open()[1]
