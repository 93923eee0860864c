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


def worker_count() -> int | None:
    """COMMUNIQUE_WORKERS: how many processes extraction may use (None: one per usable core)."""
    configured = os.environ.get("COMMUNIQUE_WORKERS")
    return max(1, int(configured)) if configured else None
