"""Helpers of the lake tests: raw folders split into batches, in-process runs of the partitioned code location, and
table contents compared without the columns that say when a run happened."""

from __future__ import annotations

import shutil
from pathlib import Path

import dagster as dg
import pytest

from pipelines.lake.catalog import LakeLocation

PROJECT_ROOT = Path(__file__).resolve().parents[2]
CORPUS_RAW = PROJECT_ROOT / "tests" / "fixtures" / "corpus" / "raw"

# What a run writes that differs between two runs over the same files: when it happened.
RUN_TIME_COLUMNS = {"ingested_at", "first_seen_at", "last_seen_at", "seen_at", "published_at"}
COMPARED_TABLES = (
    "raw_documents", "rejected_files", "raw_files", "raw_paths", "release_sketches",
    "releases", "quotes", "metrics", "entity_mentions", "entities",
)  # fmt: skip


def split_into_batches(target: Path, names: str = "ab", source: Path = CORPUS_RAW) -> Path:
    """A raw folder whose files (the development corpus) are dealt in turn into one sub-folder per batch name."""
    for i, path in enumerate(sorted(source.iterdir())):
        folder = target / names[i % len(names)]
        folder.mkdir(parents=True, exist_ok=True)
        shutil.copy2(path, folder / path.name)
    return target


def run_in_process(location: LakeLocation, raw_dir: Path, batches: list[str], months: list[str] = ()) -> None:
    """Every batch one after the other in this process, then entities and the given months of the marts."""
    from pipelines.lake import definitions
    from pipelines.lake.resource import LakeResource

    instance = dg.DagsterInstance.ephemeral()
    definitions.add_batches(instance, raw_dir)
    resources = {"lake": LakeResource(catalog=location.catalog, data_path=location.data_path)}
    config = {"ops": {"lake__releases": {"config": {"raw_dir": str(raw_dir)}}}}
    for batch in batches:
        result = dg.materialize(
            definitions.batch_assets, partition_key=batch, instance=instance, resources=resources, run_config=config
        )
        assert result.success, batch
    assert dg.materialize([definitions.lake_entities], instance=instance, resources=resources).success
    for month in months:
        assert dg.materialize(
            definitions.mart_assets, partition_key=month, instance=instance, resources=resources
        ).success


def table_contents(location: LakeLocation, table: str) -> list[tuple]:
    """Every row of a table, sorted, without the columns that record when a run happened."""
    conn = location.connect(read_only=True)
    try:
        columns = [row[0] for row in conn.execute(f"DESCRIBE {table}").fetchall() if row[0] not in RUN_TIME_COLUMNS]
        return conn.execute(f"SELECT {', '.join(columns)} FROM {table} ORDER BY ALL").fetchall()
    finally:
        conn.close()


@pytest.fixture
def file_lake(tmp_path: Path) -> LakeLocation:
    """A lake with its catalog in a DuckDB file: no server needed (one writing process at a time)."""
    return LakeLocation(str(tmp_path / "catalog.ducklake"), str(tmp_path / "data"))


@pytest.fixture(autouse=True)
def never_the_users_lake(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The default lake is under warehouse/: point the settings away from it, as for the DuckDB file."""
    monkeypatch.setenv("COMMUNIQUE_LAKE_CATALOG", str(tmp_path / "default_lake" / "catalog.ducklake"))
    monkeypatch.setenv("COMMUNIQUE_LAKE_DATA", str(tmp_path / "default_lake" / "data"))
