"""`make demo-lake`: the lake setup on the sample files, end to end, saying what it runs on.

PostgreSQL when its server is installed here (a throwaway cluster in a temporary folder, removed at the end, data
files with it), else a DuckDB-file catalog under warehouse/lake/ (kept: attach it read-only afterwards). raw/'s
files are dealt into two batches (sub-folders of a temporary raw folder); two workers (separate processes, as Dagster
runs them) materialize one batch each at the same time; then entities and every month of the marts.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from pipelines import settings
from pipelines.lake.catalog import LakeLocation, scalar
from pipelines.lake.postgres import Cluster, PostgresUnavailable, start_cluster
from pipelines.lake.session import ensure_schema

TABLES = (
    "raw_documents",
    "releases",
    "quotes",
    "metrics",
    "entity_mentions",
    "entities",
    "metric_daily",
    "strikes_daily",
)


def deal_into_batches(source: Path, target: Path, names: tuple[str, ...] = ("batch_a", "batch_b")) -> list[str]:
    files = sorted(p for p in source.rglob("*") if p.is_file() and not p.name.startswith("."))
    for i, path in enumerate(files):
        folder = target / names[i % len(names)]
        folder.mkdir(parents=True, exist_ok=True)
        shutil.copy2(path, folder / path.name)
    return [name for name in names if (target / name).is_dir()]


def choose_location(work: Path) -> tuple[LakeLocation, Cluster | None]:
    try:
        cluster = start_cluster()
    except PostgresUnavailable as exc:
        print(f"PostgreSQL is not available ({exc}):\n  using a DuckDB-file catalog, one writing process at a time.")
        folder = settings.PROJECT_ROOT / "warehouse" / "lake"
        shutil.rmtree(folder, ignore_errors=True)
        return LakeLocation(str(folder / "catalog.ducklake"), str(folder / "data")), None
    print(f"PostgreSQL found: a throwaway cluster in {cluster.folder} holds the catalog (removed at the end).")
    return LakeLocation("postgres:" + cluster.create_database("communique_lake"), str(work / "data")), cluster


def dagster(env: dict[str, str], job: str, tags: dict[str, str]) -> subprocess.Popen:
    command = [sys.executable, "-m", "dagster", "job", "execute", "-m", "pipelines.lake.definitions", "-j", job]
    return subprocess.Popen(
        [*command, "--tags", json.dumps(tags)], env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True
    )


def wait(label: str, workers: list[subprocess.Popen], started: float) -> None:
    for worker in workers:
        output = worker.communicate()[0]
        if worker.returncode or "RUN_SUCCESS" not in output:
            print(output[-4000:])
            raise SystemExit(f"{label} failed")
    print(f"  {label}: {time.perf_counter() - started:.1f} s")


def run(location: LakeLocation, raw: Path, batches: list[str], home: Path) -> None:
    import dagster as dg

    env = os.environ | {"DAGSTER_HOME": str(home), "COMMUNIQUE_RAW_DIR": str(raw), "COMMUNIQUE_LAKE_CATALOG": location.catalog,
                        "COMMUNIQUE_LAKE_DATA": location.data_path, "PYTHONWARNINGS": "ignore"}  # fmt: skip
    home.mkdir(parents=True, exist_ok=True)
    (home / "dagster.yaml").touch()  # an instance of its own, in the demo's folder (no note about a missing file)
    dg.DagsterInstance.local_temp(tempdir=str(home)).add_dynamic_partitions("raw_batches", batches)
    conn = location.connect()
    ensure_schema(conn)
    conn.close()
    # A DuckDB-file catalog takes one writing process: its batches run one after the other.
    parallel = location.on_postgres
    print(
        f"Materializing {len(batches)} batches {'at once, one process each' if parallel else 'one after the other'} ..."
    )
    started = time.perf_counter()
    workers: list[subprocess.Popen] = []
    for batch in batches:
        workers.append(dagster(env, "lake_batches", {"dagster/partition": batch}))
        if not parallel:
            wait(f"batch {batch}", workers[-1:], started)
    if parallel:
        wait(" and ".join(batches), workers, started)
    wait("entities", [dagster(env, "lake_entities", {})], time.perf_counter())
    months = {
        "dagster/asset_partition_range_start": settings.lake_first_month(),
        "dagster/asset_partition_range_end": _last_month(),
    }
    wait("marts, every month (one backfill run)", [dagster(env, "lake_marts", months)], time.perf_counter())


def _last_month() -> str:
    from pipelines.lake.definitions import MONTHS

    return MONTHS.get_last_partition_key() or settings.lake_first_month()


def show(location: LakeLocation) -> None:
    conn = location.connect(read_only=True)
    print("\nWhat landed (read-only attach, latest snapshot):")
    for table in TABLES:
        print(f"  {table:16} {scalar(conn, f'SELECT count(*) FROM {table}'):>7,}")
    snapshots = scalar(conn, "SELECT count(*) FROM ducklake_snapshots('lake')")
    files = scalar(conn, "SELECT count(*) FROM ducklake_list_files('lake', 'releases')")
    print(f"  {snapshots} snapshots (one per committed step); releases in {files} Parquet file(s)")
    print(f"\nCatalog: {location.describe()}")


def main() -> None:
    work = Path(tempfile.mkdtemp(prefix="communique-lake-demo-"))
    cluster = None
    try:
        location, cluster = choose_location(work)
        source = settings.raw_dir()
        batches = deal_into_batches(source, work / "raw")
        print(f"raw batches: the files of {source} dealt into {', '.join(batches)} under {work / 'raw'}")
        run(location, work / "raw", batches, work / "dagster_home")
        show(location)
        if cluster is None:
            print(f"Query it: COMMUNIQUE_LAKE_CATALOG={location.catalog} .venv/bin/python -c "
                  "\"from pipelines.lake.catalog import connect_read_only; print(connect_read_only().sql('FROM releases LIMIT 3'))\"")  # fmt: skip
    finally:
        if cluster is not None:
            cluster.stop()
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
