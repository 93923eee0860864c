"""Issue 19's bar: two processes materialize two partitions at once into one DuckLake (catalog in PostgreSQL, data
in a temporary folder); the result equals a single-process run on the same files, and a reader querying all along
never errors and never sees half a commit."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path

import dagster as dg
import pytest

from pipelines.lake.catalog import LakeLocation
from pipelines.lake.postgres import Cluster, PostgresUnavailable, start_cluster
from pipelines.lake.session import ensure_schema

from .conftest import COMPARED_TABLES, PROJECT_ROOT, run_in_process, split_into_batches, table_contents

# Consistency a reader must see in every snapshot: a batch's releases and raw documents commit together.
ORPHANS_SQL = """
SELECT (SELECT count(*) FROM releases r
        WHERE NOT EXISTS (SELECT 1 FROM raw_documents d WHERE d.content_sha256 = r.content_sha256)),
       (SELECT count(*) FROM releases)
"""


@pytest.fixture(scope="module")
def postgres() -> Iterator[Cluster]:
    try:
        cluster = start_cluster()
    except PostgresUnavailable as exc:
        pytest.skip(f"no PostgreSQL for the lake's catalog: {exc} (.ci/run installs Debian's postgresql)")
    yield cluster
    cluster.stop()


def _worker(home: Path, location: LakeLocation, raw: Path, batch: str) -> subprocess.Popen:
    """A separate process that runs the partitioned job for one batch, like a Dagster worker would."""
    env = os.environ | {
        "DAGSTER_HOME": str(home),
        "COMMUNIQUE_RAW_DIR": str(raw),
        "COMMUNIQUE_LAKE_CATALOG": location.catalog,
        "COMMUNIQUE_LAKE_DATA": location.data_path,
        "COMMUNIQUE_WORKERS": "1",
    }
    command = [sys.executable, "-m", "dagster", "job", "execute", "-m", "pipelines.lake.definitions"]
    command += ["-j", "lake_batches", "--tags", json.dumps({"dagster/partition": batch})]
    return subprocess.Popen(
        command, env=env, cwd=PROJECT_ROOT, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True
    )


class Reader(threading.Thread):
    """Queries the lake read-only in a loop until stopped; records errors and what each snapshot held."""

    def __init__(self, location: LakeLocation):
        super().__init__(daemon=True)
        self.location, self.stop = location, threading.Event()
        self.errors: list[str] = []
        self.snapshots: list[tuple[int, int]] = []

    def run(self) -> None:
        conn = self.location.connect(read_only=True)
        while not self.stop.is_set():
            try:
                orphans, releases = conn.execute(ORPHANS_SQL).fetchone()
                self.snapshots.append((orphans, releases))
            except Exception as exc:  # noqa: BLE001  every error is what the test looks for
                self.errors.append(f"{type(exc).__name__}: {exc}")
            self.stop.wait(0.05)


def test_two_workers_at_once_equal_one_process(postgres: Cluster, tmp_path: Path) -> None:
    raw = split_into_batches(tmp_path / "raw")
    shared = LakeLocation("postgres:" + postgres.create_database("shared"), str(tmp_path / "shared_data"))
    single = LakeLocation("postgres:" + postgres.create_database("single"), str(tmp_path / "single_data"))
    run_in_process(single, raw, ["a", "b"])

    home = tmp_path / "dagster_home"
    home.mkdir()
    instance = dg.DagsterInstance.local_temp(tempdir=str(home))
    instance.add_dynamic_partitions("raw_batches", ["a", "b"])
    conn = shared.connect()
    ensure_schema(conn)  # analysts attach a lake whose tables exist (else the first worker creates them)
    conn.close()
    reader = Reader(shared)
    reader.start()
    workers = [_worker(home, shared, raw, batch) for batch in ("a", "b")]
    outputs = [worker.communicate(timeout=600)[0] for worker in workers]
    reader.stop.set()
    reader.join()
    for worker, output in zip(workers, outputs, strict=True):
        assert worker.returncode == 0, output[-3000:]
        assert "RUN_SUCCESS" in output

    run_in_process(shared, raw, [])  # entities from both partitions, as in the single run
    for table in COMPARED_TABLES:
        assert table_contents(shared, table) == table_contents(single, table), table
    assert not reader.errors, reader.errors[:3]
    seen = {releases for _, releases in reader.snapshots}
    assert all(orphans == 0 for orphans, _ in reader.snapshots)
    assert len(seen) >= 2, f"the reader saw only {seen}: it did not read during the writes"
