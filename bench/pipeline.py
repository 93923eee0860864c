"""End to end through Dagster in a child process: wall time, peak RSS of the process tree, rows per table."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import duckdb
import psutil

from pipelines.cli.status import CONTRACT_TABLES


class TreeMemory(threading.Thread):
    """Samples the resident memory of a process and all its descendants until stopped."""

    def __init__(self, pid: int, interval: float = 0.05):
        super().__init__(daemon=True)
        self.pid, self.interval, self.peak = pid, interval, 0
        self._done = threading.Event()

    def run(self) -> None:
        try:
            root = psutil.Process(self.pid)
        except psutil.NoSuchProcess:
            return
        while not self._done.is_set():
            total = 0
            try:
                for proc in [root, *root.children(recursive=True)]:
                    try:
                        total += proc.memory_info().rss
                    except psutil.NoSuchProcess:
                        pass
            except psutil.NoSuchProcess:
                break
            self.peak = max(self.peak, total)
            self._done.wait(self.interval)

    def stop(self) -> int:
        self._done.set()
        self.join()
        return self.peak


def run_pipeline(raw_dir: Path, warehouse: Path) -> dict:
    """One refresh_warehouse run over raw_dir into warehouse (created or updated)."""
    env = {**os.environ, "COMMUNIQUE_RAW_DIR": str(raw_dir), "COMMUNIQUE_WAREHOUSE": str(warehouse)}
    with tempfile.TemporaryDirectory(prefix="bench-dagster-") as home:
        env["DAGSTER_HOME"] = home
        spawned = time.time()
        proc = subprocess.Popen([sys.executable, "-m", "bench.run_job"], env=env, stdout=subprocess.PIPE,
                                stderr=subprocess.PIPE, text=True, cwd=Path(__file__).resolve().parent.parent)
        memory = TreeMemory(proc.pid)
        memory.start()
        out, err = proc.communicate()
        ended = time.time()
        peak = memory.stop()
    if proc.returncode != 0 or not out.strip():
        raise RuntimeError(f"pipeline run failed ({proc.returncode}): {err.strip()[-2000:]}")
    timing = json.loads(out.strip().splitlines()[-1])
    work = sum(timing["steps"].values())
    run = timing["run_end"] - timing["run_begin"]
    return {
        "success": timing["success"],
        "wall_s": round(ended - spawned, 2),
        "process_startup_s": round(timing["imported"] - spawned, 2),  # interpreter, imports, definitions
        "dagster_overhead_s": round(run - work + (timing["run_begin"] - timing["imported"]), 2),
        "work_s": round(work, 2),  # sum of step durations
        "steps_s": {k: round(v, 2) for k, v in sorted(timing["steps"].items(), key=lambda kv: -kv[1])},
        "peak_rss_mb": round(peak / 2**20, 1),
        "rows": table_rows(warehouse),
    }


def table_rows(warehouse: Path) -> dict[str, int]:
    conn = duckdb.connect(str(warehouse), read_only=True)
    try:
        tables = [r[0] for r in conn.execute("SELECT table_name FROM duckdb_tables() WHERE schema_name = 'main' ORDER BY 1").fetchall()]
        ordered = [t for t in CONTRACT_TABLES if t in tables] + [t for t in tables if t not in CONTRACT_TABLES]
        return {t: conn.execute(f'SELECT count(*) FROM "{t}"').fetchone()[0] for t in ordered}
    finally:
        conn.close()
