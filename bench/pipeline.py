"""End to end through Dagster in a child process: wall time, peak RSS of the process tree, rows per table."""

from __future__ import annotations

import contextlib
import json
import os
import re
import shutil
import signal
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

    def __init__(self, pid: int, interval: float = 0.05, limit_bytes: int | None = None):
        super().__init__(daemon=True)
        self.pid, self.interval, self.peak = pid, interval, 0
        self.limit_bytes, self.exceeded = limit_bytes, False
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
                    with contextlib.suppress(psutil.NoSuchProcess):
                        total += proc.memory_info().rss
            except psutil.NoSuchProcess:
                break
            self.peak = max(self.peak, total)
            if self.limit_bytes and total > self.limit_bytes:
                # A runaway run would take the machine down (swapless, other work on it): stop its whole group.
                self.exceeded = True
                os.killpg(self.pid, signal.SIGKILL)
                break
            self._done.wait(self.interval)

    def stop(self) -> int:
        self._done.set()
        self.join()
        return self.peak


PROJECT = Path(__file__).resolve().parent.parent


def snapshot_code(dest: Path) -> Path:
    """A frozen copy of the code every run of one benchmark uses.

    The extractor version is a hash of the extraction code: if the working tree changes between the 100k build
    and the incremental run, the "incremental" run would re-extract all 100k releases. Runs import this copy.
    """
    for name in ("pipelines", "sql", "bench"):
        shutil.copytree(
            PROJECT / name, dest / name, dirs_exist_ok=True, ignore=shutil.ignore_patterns("__pycache__", "results")
        )
    return dest


def default_memory_limit() -> int:
    """Half the machine's memory: far above the 2 GB target, well below what would start killing other work."""
    return psutil.virtual_memory().total // 2


def run_pipeline(
    raw_dir: Path,
    warehouse: Path,
    code: Path = PROJECT,
    timeout_s: float | None = None,
    memory_limit: int | None = None,
) -> dict:
    """One refresh_warehouse run over raw_dir into warehouse (created or updated), importing the code in `code`."""
    env = {
        **os.environ,
        "COMMUNIQUE_RAW_DIR": str(raw_dir),
        "COMMUNIQUE_WAREHOUSE": str(warehouse),
        "PYTHONPATH": str(code),
    }
    before = warehouse.stat().st_mtime_ns if warehouse.exists() else None
    with tempfile.TemporaryDirectory(prefix="bench-dagster-") as home:
        env["DAGSTER_HOME"] = home
        spawned = time.time()
        # Its own session, so that the run and its worker pool can be stopped together.
        proc = subprocess.Popen(
            [sys.executable, "-m", "bench.run_job"],
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            cwd=code,
            start_new_session=True,
        )
        memory = TreeMemory(proc.pid, limit_bytes=memory_limit or default_memory_limit())
        memory.start()
        try:
            out, err = proc.communicate(timeout=timeout_s)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.communicate()
            memory.stop()
            raise TimeoutError(f"the run took longer than {timeout_s:.0f} s and was stopped") from None
        except BaseException:
            os.killpg(proc.pid, signal.SIGKILL)
            raise
        ended = time.time()
        peak = memory.stop()
    if memory.exceeded:
        raise RuntimeError(f"stopped: the run's memory passed {memory.limit_bytes / 2**30:.1f} GB")
    if proc.returncode != 0 or not out.strip():
        raise RuntimeError(f"pipeline run failed ({proc.returncode}): {err.strip()[-2000:]}")
    timing = json.loads(out.strip().splitlines()[-1])
    published = warehouse.exists() and warehouse.stat().st_mtime_ns != before
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
        "releases_parsed": last_run_parsed(warehouse),
        # A run that found nothing new publishes nothing: its warehouse file is the previous one, untouched.
        "published": published,
        "working_copy": last_run_summary(warehouse).get("working_copy") if published else None,
        "publish": publish_figures(timing.get("warehouse_log", [])),
    }


_PUBLISHED = re.compile(r"Published in ([\d.]+) s \(checkpoint ([\d.]+) s, fsync ([\d.]+) s\)")


def publish_figures(messages: list[str]) -> dict | None:
    """Seconds the publish took (checkpoint, fsync, the rest), from the write session's log; None: not published."""
    for message in messages:
        found = _PUBLISHED.search(message)
        if found:
            total, checkpoint, fsync = (float(x) for x in found.groups())
            return {"publish_s": total, "checkpoint_s": checkpoint, "fsync_s": fsync}
    return None


def last_run_summary(warehouse: Path) -> dict:
    """The `runs` summary of the last published run (empty when there is none)."""
    conn = duckdb.connect(str(warehouse), read_only=True)
    try:
        row = conn.execute("SELECT summary FROM runs ORDER BY published_at DESC LIMIT 1").fetchone()
    except duckdb.Error:
        return {}
    finally:
        conn.close()
    return json.loads(row[0]) if row and row[0] else {}


def last_run_parsed(warehouse: Path) -> int | None:
    """How many releases the last run parsed (from its `runs` summary): 10 on an incremental run, not 100,010."""
    try:
        return int(last_run_summary(warehouse)["releases"]["parsed"])
    except (KeyError, TypeError, ValueError):
        return None


def table_rows(warehouse: Path) -> dict[str, int]:
    conn = duckdb.connect(str(warehouse), read_only=True)
    try:
        tables = [
            r[0]
            for r in conn.execute(
                "SELECT table_name FROM duckdb_tables() WHERE schema_name = 'main' ORDER BY 1"
            ).fetchall()
        ]
        ordered = [t for t in CONTRACT_TABLES if t in tables] + [t for t in tables if t not in CONTRACT_TABLES]
        return {t: conn.execute(f'SELECT count(*) FROM "{t}"').fetchone()[0] for t in ordered}
    finally:
        conn.close()
