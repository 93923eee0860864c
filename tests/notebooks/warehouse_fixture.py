"""The fixture warehouse: the made-up corpus of tests/fixtures/warehouse/ run through every asset, in process.

Shared by tests/notebooks/ and tests/test_examples.py (each session builds it once, ~5 s).
"""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

from tests.conftest import build_warehouse

PROJECT_ROOT = Path(__file__).resolve().parents[2]
CORPUS = PROJECT_ROOT / "tests" / "fixtures" / "warehouse"


def raw_folder(target: Path) -> Path:
    """A raw/ folder holding the corpus files only (not gold.jsonl nor the generator script)."""
    target.mkdir(parents=True, exist_ok=True)
    for path in sorted(CORPUS.glob("*.txt")):
        shutil.copyfile(path, target / path.name)
    return target


def build(base: Path) -> Path:
    """Materialize every asset of pipelines.definitions on the corpus into base/warehouse.duckdb (once)."""
    return _built_once(base / "warehouse.duckdb", lambda: raw_folder(base / "raw"))


def build_empty(base: Path) -> Path:
    """A warehouse with the schema and every mart table but no rows: what a fresh install sees."""
    import duckdb

    from pipelines import settings
    from pipelines.warehouse import apply_schema

    warehouse = base / "empty.duckdb"
    if warehouse.exists():
        return warehouse
    base.mkdir(parents=True, exist_ok=True)
    with duckdb.connect(str(warehouse)) as conn:
        apply_schema(conn)
        for mart in sorted((settings.SQL_DIR / "marts").glob("*.sql")):
            conn.execute(f"CREATE TABLE {mart.stem} AS {mart.read_text(encoding='utf-8').strip().rstrip(';')}")
    return warehouse


# The sample raw/ folder that `make demo` reads, rebuilt from its parts under tests/fixtures (never the user's raw/).
SAMPLE_PARTS = [
    PROJECT_ROOT / "tests" / "fixtures" / "seeds" / "raw",
    PROJECT_ROOT / "tests" / "fixtures" / "corpus" / "raw",
    PROJECT_ROOT / "tests" / "fixtures" / "sample",
]


def sample_raw_folder(target: Path) -> Path:
    """A copy of the sample raw/ folder: the seeds, the development corpus and the two files of fixtures/sample."""
    target.mkdir(parents=True, exist_ok=True)
    for part in SAMPLE_PARTS:
        for path in sorted(part.glob("*.txt")):
            shutil.copyfile(path, target / path.name)
    return target


def build_sample(base: Path) -> Path:
    """Materialize every asset on the sample data into base/sample.duckdb (once per test session)."""
    return _built_once(base / "sample.duckdb", lambda: sample_raw_folder(base / "sample_raw"))


def _built_once(warehouse: Path, make_raw: Callable[[], Path]) -> Path:
    """The warehouse file, built by one run of every asset on the raw folder make_raw() writes, unless it exists."""
    if not warehouse.exists():
        assert build_warehouse(make_raw(), warehouse).success and warehouse.exists()
    return warehouse
