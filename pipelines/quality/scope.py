"""Which rows a check validates: those the run wrote, or every row.

Rows carry no run id. What a run wrote is recognised by its write time: releases.ingested_at,
raw_documents.first_seen_at and rejected_files.seen_at (UTC, set by the ingest step) later than the publication of the
warehouse the run started from (the newest `runs.published_at`: runs hold the warehouse's lock from their first read
to their publication, so a run's rows are always later than the one before it). Quotes, metrics and mentions belong
to the run of their release, since a stage re-extracts exactly the releases whose ingested_at changed. The SQL side
is in sql/macros.sql (`written_in_run`, `run_releases`, `of_run_release`); rules that need the whole table (unique
keys, links between tables, sums and series) read it in SQL but bring back only the first offending rows.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

import duckdb

SINCE_VARIABLE = "quality_since"


@dataclass(frozen=True)
class Scope:
    """since=None: every row (a full validation); else the rows written after `since` (UTC)."""

    since: datetime | None = None

    @property
    def is_full(self) -> bool:
        return self.since is None

    def apply(self, conn: duckdb.DuckDBPyConnection) -> None:
        """Set the scope on a connection: the quality SQL reads it from the `quality_since` variable."""
        if self.since is None:
            conn.execute(f"RESET VARIABLE {SINCE_VARIABLE}")
        else:
            conn.execute(f"SET VARIABLE {SINCE_VARIABLE} = CAST(? AS TIMESTAMP)", [self.since])

    def describe(self) -> str:
        return "every row" if self.since is None else f"rows written after {self.since.isoformat(sep=' ')} UTC"


FULL = Scope()


def run_scope(conn: duckdb.DuckDBPyConnection) -> Scope:
    """The scope of the run working on conn: what was written since the warehouse it started from was published;
    everything when that warehouse was never published (a first build, or a file made by hand)."""
    # The write times are UTC; published_at is DuckDB's now() in the session's time zone (UTC on our machines). Of
    # the two readings of it, the earlier: a scope that starts too early validates a few more rows, never fewer.
    row = conn.execute(
        "SELECT least(max(published_at), timezone('UTC', max(published_at)::TIMESTAMPTZ)) FROM runs"
    ).fetchone()
    return Scope(row[0] if row else None)
