"""The Dagster resource every writing asset and every check shares: one working copy per run."""

import contextlib
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any, ClassVar

import dagster as dg
import duckdb
from pydantic import PrivateAttr

from pipelines.assets.metadata import result
from pipelines.runguard import reap_quietly
from pipelines.warehouse import WriteSession, is_stale, mark_changed, open_session


class WarehouseResource(dg.ConfigurableResource):
    """The DuckDB warehouse. Assets write into this run's working copy; it is published when the run ends."""

    path: str

    # Called after every committed write. Production leaves it unset; tests set it (the `slow_writes` fixture in
    # tests/conftest.py) to hold a run after a write, so it can be killed or read from mid-way on cue.
    after_commit: ClassVar[Callable[[], None] | None] = None

    _session: WriteSession | None = PrivateAttr(default=None)

    @contextmanager
    def yield_for_execution(self, context: dg.InitResourceContext) -> Iterator["WarehouseResource"]:
        # The in-process executor (definitions.py) runs every step of a run in this process and tears resources
        # down once, after the last step: the one place where the whole run's work can be published at once.
        reap_quietly(context.instance, exclude=context.run_id, log=context.log.warning)  # dead runs never block
        session = open_session(Path(self.path), context.run_id or "adhoc", log=context.log.info)
        self._session = session
        try:
            yield self
        except BaseException:
            session.failed = True  # run interrupted (terminated from the UI, KeyboardInterrupt): discard
            raise
        finally:
            self._session = None
            _finish(context, session)

    def _require_session(self) -> WriteSession:
        if self._session is None:
            raise RuntimeError("the warehouse resource is used outside a run")
        return self._session

    @contextmanager
    def writer(self, changes: Sequence[str] = ()) -> Iterator[duckdb.DuckDBPyConnection]:
        """This run's connection for writing, in one transaction; a failure inside marks the run's copy as not to
        be published. `changes` names the tables the step changes (what checks and derived steps look at)."""
        session = self._require_session()
        conn = session.open()
        conn.execute("BEGIN TRANSACTION")
        session.pending_changes = set(changes)
        try:
            yield conn
            changed = sorted(session.pending_changes)
            mark_changed(conn, changed)
            conn.execute("COMMIT")
            session.dirty = True
            session.changed.update(changed)
        except BaseException:
            session.failed = True
            # the transaction may already be aborted by the error; the copy is discarded anyway
            with contextlib.suppress(duckdb.Error):
                conn.execute("ROLLBACK")
            raise
        if WarehouseResource.after_commit is not None:
            WarehouseResource.after_commit()

    def also_changed(self, *tables: str) -> None:
        """Inside writer(): tables the step turned out to change beyond those it named on entry."""
        self._require_session().pending_changes.update(tables)

    def changed_in_run(self) -> set[str]:
        """The tables this run has changed so far (empty: the run found nothing new)."""
        return set(self._session.changed) if self._session is not None else set()

    def is_stale(self, table: str, inputs: Sequence[str], must_exist: bool = True) -> bool:
        """True when one of inputs changed after table was last built (or table was never built)."""
        return is_stale(self.reader(), table, inputs, must_exist)

    def report(self, table: str, preview_query: str, **counts: Any) -> dg.MaterializeResult:
        """The asset's MaterializeResult (row count, counts, preview); counts also go into this run's `runs` row."""
        session = self._require_session()
        materialized = result(session.read(), table, preview_query, **counts)
        session.summary[table] = {k: v for k, v in materialized.metadata.items() if k != "preview"}
        return materialized

    def record_check(self, name: str, outcome: str) -> None:
        """Note a check's outcome (passed / warn / failed) in this run's `runs` summary (`communique status`)."""
        if self._session is not None:
            self._session.summary.setdefault("checks", {})[name] = outcome

    def reader(self) -> duckdb.DuckDBPyConnection:
        """This run's connection for reading: what the run has written, or the published warehouse (read-only)
        while it has written nothing. Do not keep it across a writer(): the first write replaces it."""
        return self._require_session().read()


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
