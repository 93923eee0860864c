"""Throughput of lake workers (docs/scaling.md): `python -m pipelines.lake.throughput --n 10000 --workers 1,2`.

Generates a synthetic raw folder (bench/synth.py: one sub-folder, hence one batch, per 1,000 documents), then for
each worker count W starts W processes on one lake (catalog in a throwaway PostgreSQL cluster) that share the batches
round-robin and write them exactly as the partitioned assets do (pipelines.lake.batches, one transaction per step,
retried on conflict), without Dagster's per-step process start. Each worker uses one core (COMMUNIQUE_WORKERS=1).
Prints one JSON line per W: wall time, documents per second, and per worker the seconds spent computing (reading,
parsing, extracting) and in transactions (Parquet writes and catalog commits), and the conflicts retried.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from pipelines.lake.catalog import LakeLocation, scalar
from pipelines.lake.postgres import start_cluster
from pipelines.lake.session import commit_with_retry, ensure_schema

STAGES = ("quotes", "metrics", "entity_mentions")


def work(location: LakeLocation, raw: Path, batches: list[str]) -> dict:
    """One worker: every batch given, as the partitioned assets write it; returns its timings."""
    from pipelines.extract.version import extractor_version
    from pipelines.lake import batches as lake

    conn = location.connect()
    version = extractor_version()
    timings = {"compute_s": 0.0, "transaction_s": 0.0, "conflicts": 0, "releases": 0}

    def conflict(message: str) -> None:
        timings["conflicts"] += 1

    def timed(key: str, fn: Any, *args: Any) -> Any:
        started = time.perf_counter()
        out = fn(*args)
        timings[key] += time.perf_counter() - started
        return out

    for name in batches:
        batch = timed("compute_s", lake.read_batch, raw, name, version)
        timed("transaction_s", commit_with_retry, conn, lambda c, b=batch: lake.write_batch(c, b), 8, conflict)
        timings["releases"] += len(batch.releases)
        for stage in STAGES:
            _, rows = timed("compute_s", lake.stage_rows, conn, stage, name)
            write = lambda c, s=stage, n=name, r=rows: lake.write_stage(c, s, n, r)  # noqa: E731
            timed("transaction_s", commit_with_retry, conn, write, 8, conflict)
    cpu = os.times()
    timings["cpu_s"] = cpu.user + cpu.system + cpu.children_user + cpu.children_system  # load-independent
    return timings


def measure(location: LakeLocation, raw: Path, workers: int) -> dict:
    batches = sorted(p.name for p in raw.iterdir() if p.is_dir())
    conn = location.connect()
    ensure_schema(conn)
    conn.close()
    env = os.environ | {"COMMUNIQUE_WORKERS": "1"}
    started = time.perf_counter()
    procs = [
        subprocess.Popen(
            [
                sys.executable,
                "-m",
                "pipelines.lake.throughput",
                "worker",
                location.catalog,
                location.data_path,
                str(raw),
                ",".join(batches[i::workers]),
            ],
            env=env,
            stdout=subprocess.PIPE,
            text=True,
        )  # fmt: skip
        for i in range(workers)
    ]
    results = [json.loads(p.communicate()[0].strip().splitlines()[-1]) for p in procs]
    wall = time.perf_counter() - started
    conn = location.connect()
    entities_started = time.perf_counter()
    from pipelines.lake.batches import rebuild_entities

    commit_with_retry(conn, rebuild_entities)
    entities_s = time.perf_counter() - entities_started
    releases = scalar(conn, "SELECT count(*) FROM releases")
    snapshots = scalar(conn, "SELECT count(*) FROM ducklake_snapshots('lake')")
    return {
        "workers": workers, "batches": len(batches), "releases": releases, "wall_s": round(wall, 1),
        "releases_per_s": round(releases / wall, 1), "entities_s": round(entities_s, 1), "snapshots": snapshots,
        "per_worker": [{k: round(v, 1) if isinstance(v, float) else v for k, v in r.items()} for r in results],
        "parquet_mb": round(sum(f.stat().st_size for f in Path(location.data_path).rglob("*.parquet")) / 1e6, 1),
        "parquet_files": sum(1 for _ in Path(location.data_path).rglob("*.parquet")),
        "load": os.getloadavg()[0],
    }  # fmt: skip


def main() -> None:
    if len(sys.argv) > 1 and sys.argv[1] == "worker":
        catalog, data, raw, batches = sys.argv[2:6]
        print(json.dumps(work(LakeLocation(catalog, data), Path(raw), batches.split(","))))
        return
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=10_000)
    parser.add_argument("--workers", default="1,2")
    args = parser.parse_args()
    sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
    from bench.synth import write_corpus

    with tempfile.TemporaryDirectory(prefix="communique-throughput-") as tmp:
        stats = write_corpus(Path(tmp), args.n)
        print(json.dumps({"corpus": stats}), flush=True)
        cluster = start_cluster()
        try:
            for workers in [int(w) for w in args.workers.split(",")]:
                dsn = cluster.create_database(f"lake_{workers}")
                location = LakeLocation("postgres:" + dsn, str(Path(tmp) / f"data_{workers}"))
                print(json.dumps(measure(location, Path(tmp) / "raw", workers)), flush=True)
        finally:
            cluster.stop()


if __name__ == "__main__":
    main()
