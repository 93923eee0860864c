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
