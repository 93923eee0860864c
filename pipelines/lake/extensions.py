"""DuckDB extensions from their Python packages (built for our pinned DuckDB): nothing downloads at run time."""

from __future__ import annotations

import importlib
from pathlib import Path

import duckdb

# extension name -> the package that ships it (duckdb-extension-<name> on the package registry)
PACKAGES = {
    "ducklake": "duckdb_extension_ducklake",
    "postgres_scanner": "duckdb_extension_postgres_scanner",
    "httpfs": "duckdb_extension_httpfs",  # data on object storage (s3://, gs://, https://)
}


def extension_file(name: str) -> Path:
    """The packaged file of one extension, for the running DuckDB version."""
    package = importlib.import_module(PACKAGES[name])
    found = Path(package.__file__ or "").parent / "extensions" / f"v{duckdb.__version__}" / f"{name}.duckdb_extension"
    if not found.exists():
        raise RuntimeError(f"{found} is missing: install {PACKAGES[name].replace('_', '-')}=={duckdb.__version__}")
    return found


def load(conn: duckdb.DuckDBPyConnection, *names: str) -> None:
    """Load the named extensions from their packages and forbid DuckDB from fetching any other one."""
    conn.execute("SET autoinstall_known_extensions = false")
    conn.execute("SET autoload_known_extensions = false")
    for name in names:
        conn.execute(f"LOAD '{_quoted(str(extension_file(name)))}'")


def _quoted(text: str) -> str:
    return text.replace("'", "''")
