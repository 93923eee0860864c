"""Attaching the DuckLake warehouse, and our schema in the form DuckLake accepts.

The catalog (which tables, columns and Parquet files make each snapshot) lives in PostgreSQL for several workers, or
in a local DuckDB file for one process; the data lives as Parquet under a folder or object storage URL. Every
connection is a fresh in-memory DuckDB with the lake attached as `lake` and made the default database, so the
project's SQL (`sql/`) runs on it unchanged.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import duckdb

from pipelines import settings
from pipelines.lake import extensions

LAKE = "lake"

# DuckLake keeps no PRIMARY KEY or UNIQUE constraint and no index (the checks still verify keys: see the quality
# suites). Only those clauses are dropped; NOT NULL, defaults, types and comments stay.
_INLINE_KEY = re.compile(r"\s+PRIMARY KEY\b", re.IGNORECASE)
_TABLE_KEY = re.compile(r",\s*PRIMARY KEY\s*\([^)]*\)", re.IGNORECASE)


def lake_statement(statement: str) -> str:
    """One statement of sql/schema/ in the form DuckLake accepts (key constraints removed)."""
    return _INLINE_KEY.sub("", _TABLE_KEY.sub("", statement))


@dataclass(frozen=True)
class LakeLocation:
    """Where one lake lives: its catalog (`postgres:<libpq DSN>` or a DuckDB file path) and its data path."""

    catalog: str
    data_path: str

    @classmethod
    def from_settings(cls) -> LakeLocation:
        return cls(settings.lake_catalog(), settings.lake_data_path())

    @property
    def on_postgres(self) -> bool:
        return self.catalog.startswith("postgres:")

    @property
    def on_object_storage(self) -> bool:
        return "://" in self.data_path

    def extensions(self) -> list[str]:
        return [
            "ducklake",
            *(["postgres_scanner"] if self.on_postgres else []),
            *(["httpfs"] if self.on_object_storage else []),
        ]

    def describe(self) -> str:
        kind = "PostgreSQL catalog" if self.on_postgres else "DuckDB-file catalog (one writing process at a time)"
        return f"{kind} {self.catalog}, data under {self.data_path}"

    def connect(self, read_only: bool = False) -> duckdb.DuckDBPyConnection:
        """A new connection with the lake attached as the default database (read-only for analysts)."""
        if not self.on_postgres:
            Path(self.catalog).parent.mkdir(parents=True, exist_ok=True)
        if not self.on_object_storage:
            Path(self.data_path).mkdir(parents=True, exist_ok=True)
        conn = duckdb.connect()
        try:
            extensions.load(conn, *self.extensions())
            if self.on_object_storage:
                _object_storage_secret(conn)
            options = [f"DATA_PATH '{_quoted(self.data_path)}'"] + (["READ_ONLY"] if read_only else [])
            conn.execute(f"ATTACH 'ducklake:{_quoted(self.catalog)}' AS {LAKE} ({', '.join(options)})")
            conn.execute(f"USE {LAKE}")
        except BaseException:
            conn.close()
            raise
        return conn


# The usual AWS variables, for S3 and S3-compatible stores (MinIO, R2: set AWS_ENDPOINT_URL); unset ones are left out.
_S3_SECRET_FIELDS = {
    "KEY_ID": "AWS_ACCESS_KEY_ID",
    "SECRET": "AWS_SECRET_ACCESS_KEY",
    "SESSION_TOKEN": "AWS_SESSION_TOKEN",
    "REGION": "AWS_REGION",
    "ENDPOINT": "AWS_ENDPOINT_URL",
}


def _object_storage_secret(conn: duckdb.DuckDBPyConnection) -> None:
    """An in-memory DuckDB secret for the lake's object storage, from the environment (never written to disk)."""
    import os

    fields = {key: os.environ[var] for key, var in _S3_SECRET_FIELDS.items() if os.environ.get(var)}
    if "ENDPOINT" in fields:  # DuckDB wants the host, with the scheme as a separate setting
        endpoint = fields["ENDPOINT"]
        fields["ENDPOINT"] = endpoint.split("://", 1)[-1]
        fields["USE_SSL"] = "false" if endpoint.startswith("http://") else "true"
    if fields:
        options = ", ".join(f"{key} '{_quoted(value)}'" for key, value in fields.items())
        conn.execute(f"CREATE OR REPLACE SECRET communique_lake (TYPE s3, {options})")


def _quoted(text: str) -> str:
    return text.replace("'", "''")


def apply_lake_schema(conn: duckdb.DuckDBPyConnection) -> None:
    """Create the warehouse tables in the lake (idempotent: every statement is IF NOT EXISTS)."""
    from pipelines.warehouse import schema_statements

    for statement in schema_statements():
        conn.execute(lake_statement(statement))


def connect_read_only(location: LakeLocation | None = None) -> duckdb.DuckDBPyConnection:
    """What notebooks and `communique sql` would open on the lake: the latest committed snapshot, read-only."""
    return (location or LakeLocation.from_settings()).connect(read_only=True)


def scalar(conn: duckdb.DuckDBPyConnection, query: str) -> int:
    """The one number an aggregate query returns."""
    row = conn.execute(query).fetchone()
    return int(row[0]) if row else 0
