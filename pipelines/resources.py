"""The Dagster resource every writing asset and every check shares: one working copy per run."""

import contextlib
import os
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import dagster as dg
import duckdb
from pydantic import PrivateAttr

from pipelines.assets.metadata import result
from pipelines.runguard import reap_quietly
from pipelines.warehouse import WriteSession

# Tests only: seconds each write holds its step after committing, so a test can kill a run mid-way on cue.
TEST_WRITE_DELAY_ENV = "COMMUNIQUE_TEST_WRITE_DELAY"


class WarehouseResource(dg.ConfigurableResource):
    """The DuckDB warehouse. Assets write into this run's working copy; it is published when the run ends."""

    path: str

    _session: WriteSession | None = PrivateAttr(default=None)

    @contextmanager
    def yield_for_execution(self, context: dg.InitResourceContext) -> Iterator["WarehouseResource"]:
        # The in-process executor (definitions.py) runs every step of a run in this process and tears resources
        # down once, after the last step: the one place where the whole run's work can be published at once.
        reap_quietly(context.instance, exclude=context.run_id, log=context.log.warning)  # dead runs never block
        session = WriteSession(Path(self.path), context.run_id or "adhoc", log=context.log.info)
        self._session = session
        try:
            yield self
        except BaseException:
            session.failed = True  # run interrupted (terminated from the UI, KeyboardInterrupt): discard
            raise
        finally:
            self._session = None
            _finish(context, session)

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
            session.failed = True
            # the transaction may already be aborted by the error; the copy is discarded anyway
            with contextlib.suppress(duckdb.Error):
                conn.execute("ROLLBACK")
            raise
        delay = float(os.environ.get(TEST_WRITE_DELAY_ENV) or 0)
        if delay:
            time.sleep(delay)

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


def _finish(context: dg.InitResourceContext, session: WriteSession) -> None:
    """Publish the run's copy if every step succeeded, else discard it; a failed publish fails the run."""
    failed_steps = _failed_steps(context)
    if failed_steps:
        session.failed = True
    try:
        published = session.close(publish=True)
    except Exception as exc:
        # Dagster logs an ordinary exception from resource teardown and still reports the run as a success;
        # this one error type makes it a failed run, so nobody believes a warehouse that was never published.
        context.log.error(f"The warehouse was NOT published; {session.published} is unchanged: {exc}")
        raise dg.DagsterExecutionInterruptedError(f"publishing the warehouse failed: {exc}") from exc
    if published:
        context.log.info(f"Published the warehouse: {session.published}")
    elif failed_steps:
        context.log.warning(
            f"Not published (failed steps: {', '.join(failed_steps)}); {session.published} is unchanged"
        )
    elif session.failed:
        context.log.warning(f"Not published (a write failed); {session.published} is unchanged")


def _failed_steps(context: dg.InitResourceContext) -> list[str]:
    # A step can fail outside writer() (a check raising, a bad config) after earlier steps wrote: the run's event
    # log is the one record of that.
    if context.instance is None or not context.run_id:
        return []
    records = context.instance.all_logs(context.run_id, of_type=dg.DagsterEventType.STEP_FAILURE)
    return sorted({r.step_key or "?" for r in records})
