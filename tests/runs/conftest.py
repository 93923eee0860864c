"""Helpers for the run tests: a raw folder of made-up releases, real runs, reads of the published warehouse."""

from __future__ import annotations

import hashlib
import os
import shutil
import signal
import subprocess
import sys
from pathlib import Path

import dagster as dg
import pytest

from pipelines.warehouse import connect_read_only
from tests.conftest import build_warehouse, wait_for

PROJECT_ROOT = Path(__file__).resolve().parents[2]
FIXTURES = PROJECT_ROOT / "tests" / "fixtures" / "runs"
FIRST_FILES = FIXTURES / "raw"  # what the first run sees
MORE_FILES = FIXTURES / "more"  # dropped into raw/ later
BIN = Path(sys.executable).parent


def copy_releases(source: Path, raw_dir: Path) -> list[str]:
    raw_dir.mkdir(parents=True, exist_ok=True)
    names = sorted(p.name for p in source.glob("*.txt"))
    for name in names:
        shutil.copy(source / name, raw_dir / name)
    return names


def run_pipeline(raw_dir: Path, warehouse: Path, **kwargs) -> dg.ExecuteInProcessResult:
    """One real run of every asset, in process (the in-process executor, as in definitions.py)."""
    return build_warehouse(raw_dir, warehouse, **kwargs)


def reported(result: dg.ExecuteInProcessResult, asset: str) -> dict:
    """The counts an asset reported in this run's materialization metadata."""
    (materialization,) = result.asset_materializations_for_node(asset)
    return {key: value.value for key, value in materialization.metadata.items() if key != "preview"}


def query(warehouse: Path, sql: str, params=None) -> list[tuple]:
    conn = connect_read_only(warehouse)
    try:
        return conn.execute(sql, params).fetchall()
    finally:
        conn.close()


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def working_copies(warehouse: Path) -> list[Path]:
    return sorted(warehouse.parent.glob(f".{warehouse.name}.*.work*"))


RUNNER = """
import sys
from pathlib import Path
from tests.conftest import hold_each_write
from tests.runs.conftest import run_pipeline
hold_each_write(60)  # every committed write then waits: the run is killed there
sys.exit(0 if run_pipeline(Path(sys.argv[1]), Path(sys.argv[2])).success else 1)
"""


def kill_run_at_first_write(raw_dir: Path, warehouse: Path) -> int | None:
    """Start a run in its own process and SIGKILL it once its first step has committed; returns its exit code."""
    run = subprocess.Popen(
        [sys.executable, "-c", RUNNER, str(raw_dir), str(warehouse)],
        cwd=PROJECT_ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    try:
        # The working copy's write-ahead log appears when the run's first step commits into the copy.
        wait_for(
            lambda: any(p.name.endswith(".work.wal") for p in working_copies(warehouse)) or run.poll() is not None,
            timeout=60,
            what="the run's first committed write",
        )
        assert run.poll() is None, run.stderr.read().decode()[-2000:] if run.stderr else ""
        os.kill(run.pid, signal.SIGKILL)
    finally:
        run.kill()
        run.wait()
    return run.returncode


@pytest.fixture
def raw_dir(tmp_path: Path) -> Path:
    raw = tmp_path / "raw"
    copy_releases(FIRST_FILES, raw)
    return raw


@pytest.fixture
def warehouse(tmp_path: Path) -> Path:
    return tmp_path / "warehouse" / "communique.duckdb"


@pytest.fixture
def built(raw_dir: Path, warehouse: Path) -> tuple[Path, Path]:
    """A warehouse published by one successful run over the first files."""
    assert run_pipeline(raw_dir, warehouse).success
    return raw_dir, warehouse
