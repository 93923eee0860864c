"""The Dagster resource of the lake code location: one connection per step process, one transaction per write."""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

import dagster as dg
import duckdb
from pydantic import PrivateAttr

from pipelines.lake.catalog import LakeLocation
from pipelines.lake.session import commit_with_retry, ensure_schema

T = TypeVar("T")


class LakeResource(dg.ConfigurableResource):
    """The DuckLake warehouse: `catalog` is `postgres:<DSN>` or a DuckDB file; `data_path` a folder or URL."""

    catalog: str
    data_path: str

    _conn: duckdb.DuckDBPyConnection | None = PrivateAttr(default=None)

    @property
    def location(self) -> LakeLocation:
        return LakeLocation(self.catalog, self.data_path)

    def connection(self) -> duckdb.DuckDBPyConnection:
        """This process's connection (the multiprocess executor runs each step in its own process)."""
        if self._conn is None:
            conn = self.location.connect()
            ensure_schema(conn)
            self._conn = conn
        return self._conn

    def write(self, write: Callable[[duckdb.DuckDBPyConnection], T], log: Callable[[str], None] | None = None) -> T:
        """write(conn) in one DuckLake transaction, committed (one snapshot) or, on a conflict, run again."""
        return commit_with_retry(self.connection(), write, log=log)

    def teardown_after_execution(self, context: dg.InitResourceContext) -> None:
        if self._conn is not None:
            self._conn.close()
            self._conn = None
