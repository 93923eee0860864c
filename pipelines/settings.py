"""Where things are: every path and limit the project reads from the environment, in one place."""

from __future__ import annotations

import os
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent
SQL_DIR = PROJECT_ROOT / "sql"

DEFAULT_MAX_FILE_BYTES = 20 * 1024 * 1024


def raw_dir() -> Path:
    return Path(os.environ.get("COMMUNIQUE_RAW_DIR", PROJECT_ROOT / "raw")).resolve()


def warehouse_path() -> Path:
    return Path(os.environ.get("COMMUNIQUE_WAREHOUSE", PROJECT_ROOT / "warehouse" / "communique.duckdb")).resolve()


def max_file_bytes() -> int:
    return int(os.environ.get("COMMUNIQUE_MAX_FILE_BYTES", DEFAULT_MAX_FILE_BYTES))


def report_dir() -> Path:
    """Where `make report` and the notebooks write HTML reports and charts (COMMUNIQUE_REPORT_DIR)."""
    return Path(os.environ.get("COMMUNIQUE_REPORT_DIR", PROJECT_ROOT / "reports")).resolve()


def notebooks_dir() -> Path:
    return PROJECT_ROOT / "notebooks"


def chart_embedding() -> str:
    """How notebooks hand charts to HTML (COMMUNIQUE_CHART_EMBED): `report` while `make report` renders them
    (the report carries the Vega scripts once, inline), else the notebook front end's own renderer."""
    return os.environ.get("COMMUNIQUE_CHART_EMBED", "notebook")


def marts_include_missing_sources() -> bool:
    """COMMUNIQUE_MARTS_INCLUDE_MISSING=1: marts also count releases whose raw file left raw/ (default: not)."""
    return os.environ.get("COMMUNIQUE_MARTS_INCLUDE_MISSING", "").strip().lower() in {"1", "true", "yes", "on"}


def worker_count() -> int | None:
    """COMMUNIQUE_WORKERS: how many processes extraction may use (None: one per usable core)."""
    configured = os.environ.get("COMMUNIQUE_WORKERS")
    return max(1, int(configured)) if configured else None


# Issue 19: the warehouse backend. `duckdb` (default) is the one file above; `ducklake` is a DuckLake warehouse:
# its catalog in PostgreSQL (or a local DuckDB file) and its data as Parquet files under a folder or object storage.
def warehouse_backend() -> str:
    """COMMUNIQUE_BACKEND: `duckdb` (default, the embedded file) or `ducklake`."""
    backend = os.environ.get("COMMUNIQUE_BACKEND", "duckdb").strip().lower() or "duckdb"
    if backend not in {"duckdb", "ducklake"}:
        raise ValueError(f"COMMUNIQUE_BACKEND must be duckdb or ducklake, not {backend!r}")
    return backend


def lake_catalog() -> str:
    """COMMUNIQUE_LAKE_CATALOG: where DuckLake keeps its catalog. A PostgreSQL connection string prefixed
    `postgres:` (`postgres:dbname=lake host=db.internal user=communique`) or a local DuckDB file path
    (default: warehouse/lake/catalog.ducklake)."""
    return os.environ.get("COMMUNIQUE_LAKE_CATALOG", str(PROJECT_ROOT / "warehouse" / "lake" / "catalog.ducklake"))


def lake_data_path() -> str:
    """COMMUNIQUE_LAKE_DATA: where DuckLake writes Parquet files, a folder or an object storage URL (`s3://bucket/lake/`)."""
    return os.environ.get("COMMUNIQUE_LAKE_DATA", str(PROJECT_ROOT / "warehouse" / "lake" / "data"))


def lake_first_month() -> str:
    """COMMUNIQUE_LAKE_FIRST_MONTH: the first monthly partition of the lake's marts (YYYY-MM-01; default 2014-01-01)."""
    return os.environ.get("COMMUNIQUE_LAKE_FIRST_MONTH", "2014-01-01")
