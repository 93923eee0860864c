"""Dead runs never block: a CLI run killed with kill -9 is followed by a run that succeeds; SIGTERM and Ctrl-C
stop a run (even one waiting for the warehouse lock) within seconds, leaving the last good warehouse."""

from __future__ import annotations

import os
import re
import shutil
import signal
import subprocess
import sys
import time
import uuid
from pathlib import Path

import dagster as dg
import pytest
from dagster._core.events import EngineEventData

from pipelines.runguard import is_alive, reap_dead_runs
from tests.conftest import wait_for
from tests.runs.conftest import FIRST_FILES, MORE_FILES, PROJECT_ROOT, copy_releases, digest, query, working_copies

DAGSTER = str(Path(sys.executable).parent / "dagster")
JOB = [DAGSTER, "job", "execute", "-m", "pipelines.definitions", "-j", "refresh_warehouse"]


@pytest.fixture
def checkout(tmp_path: Path) -> dict[str, str]:
    """The environment of `make demo` with this project's dagster.yaml, its storage under tmp_path."""
    home = tmp_path / "home"
    home.mkdir()
    config = (PROJECT_ROOT / "dagster.yaml").read_text()
    (home / "dagster.yaml").write_text(re.sub(r"base_dir: \.dagster", f"base_dir: {home}/.dagster", config))
    raw = tmp_path / "raw"
    copy_releases(FIRST_FILES, raw)
    return {
        **os.environ,
        "DAGSTER_HOME": str(home),
        "COMMUNIQUE_RAW_DIR": str(raw),
        "COMMUNIQUE_WAREHOUSE": str(tmp_path / "warehouse" / "communique.duckdb"),
        "COMMUNIQUE_WORKERS": "1",
    }


# The `dagster` command itself, started after every committed write of the run was made to wait (the fixture
# hook tests/conftest.py:hold_each_write), so the test can kill it mid-way; production code reads no test switch.
HOLDING_CLI = """
import sys
from tests.conftest import hold_each_write
hold_each_write(float(sys.argv.pop(1)))
from dagster._cli import main
sys.argv[0] = "dagster"
sys.exit(main())
"""


def start(env: dict[str, str], hold_writes: float | None = None) -> subprocess.Popen:
    command = JOB if hold_writes is None else [sys.executable, "-c", HOLDING_CLI, str(hold_writes), *JOB[1:]]
    return subprocess.Popen(
        command,
        cwd=PROJECT_ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        start_new_session=True,  # its own process group, like a terminal's foreground job
    )


def first_write_committed(warehouse: Path, run: subprocess.Popen) -> bool:
    return any(p.name.endswith(".work.wal") for p in working_copies(warehouse)) or run.poll() is not None


def runs_by_status(env: dict[str, str]) -> dict[str, list[str]]:
    os.environ["DAGSTER_HOME"], previous = env["DAGSTER_HOME"], os.environ.get("DAGSTER_HOME")
    try:
        with dg.DagsterInstance.get() as instance:
            out: dict[str, list[str]] = {}
            for record in instance.get_run_records():
                out.setdefault(record.dagster_run.status.value, []).append(record.dagster_run.run_id)
            return out
    finally:
        if previous is None:
            del os.environ["DAGSTER_HOME"]
        else:
            os.environ["DAGSTER_HOME"] = previous


def test_kill_9_of_a_cli_run_then_the_next_cli_run_succeeds(checkout: dict[str, str]) -> None:
    warehouse = Path(checkout["COMMUNIQUE_WAREHOUSE"])
    assert subprocess.run(JOB, cwd=PROJECT_ROOT, env=checkout, capture_output=True, timeout=300).returncode == 0
    previous = digest(warehouse)
    copy_releases(MORE_FILES, Path(checkout["COMMUNIQUE_RAW_DIR"]))

    run = start(checkout, hold_writes=120)
    try:
        wait_for(lambda: first_write_committed(warehouse, run), 180, "the run's first committed write")
        assert run.poll() is None, run.stderr.read().decode()[-2000:] if run.stderr else ""
        os.killpg(run.pid, signal.SIGKILL)
    finally:
        run.kill()
        run.wait()
    assert digest(warehouse) == previous
    assert len(runs_by_status(checkout).get("STARTED", [])) == 1  # Dagster still believes it runs

    again = subprocess.run(JOB, cwd=PROJECT_ROOT, env=checkout, capture_output=True, timeout=300)
    assert again.returncode == 0, again.stderr.decode()[-3000:]
    statuses = runs_by_status(checkout)
    assert "STARTED" not in statuses and len(statuses["FAILURE"]) == 1 and len(statuses["SUCCESS"]) == 2
    assert query(warehouse, "SELECT count(*) FROM releases") == [(5,)]
    assert working_copies(warehouse) == []


def test_sigterm_stops_a_run_waiting_for_the_lock_and_ctrl_c_the_run_holding_it(checkout: dict[str, str]) -> None:
    warehouse = Path(checkout["COMMUNIQUE_WAREHOUSE"])
    assert subprocess.run(JOB, cwd=PROJECT_ROOT, env=checkout, capture_output=True, timeout=300).returncode == 0
    previous = digest(warehouse)
    copy_releases(MORE_FILES, Path(checkout["COMMUNIQUE_RAW_DIR"]))
    holder = start(checkout, hold_writes=120)
    waiter = None
    try:
        wait_for(lambda: first_write_committed(warehouse, holder), 180, "the first run's committed write")
        waiter = start(checkout)
        time.sleep(20)  # start-up (imports, the definitions), then the wait for the lock the first run holds
        assert waiter.poll() is None, "the second run should be waiting for the warehouse lock"
        for process, sig in ((waiter, signal.SIGTERM), (holder, signal.SIGINT)):
            stopped = time.monotonic()
            os.killpg(process.pid, sig)
            process.wait(timeout=30)
            assert time.monotonic() - stopped < 30
            assert process.returncode != 0
    finally:
        for process in (holder, waiter):
            if process is not None and process.poll() is None:
                os.killpg(process.pid, signal.SIGKILL)
                process.wait()
    assert digest(warehouse) == previous
    assert subprocess.run(JOB, cwd=PROJECT_ROOT, env=checkout, capture_output=True, timeout=300).returncode == 0
    assert query(warehouse, "SELECT count(*) FROM releases") == [(5,)]


DEAD, LIVE = str(uuid.uuid4()), str(uuid.uuid4())


def test_a_run_whose_process_is_gone_is_reaped(tmp_path: Path) -> None:
    with dg.instance_for_test(temp_dir=str(tmp_path)) as instance:
        run = instance.create_run_for_job(dg.GraphDefinition("g").to_job(), run_id=DEAD)
        instance.handle_run_event(
            run.run_id, dg.DagsterEvent(dg.DagsterEventType.RUN_START.value, job_name=run.job_name)
        )
        child = subprocess.Popen([sys.executable, "-c", "pass"])
        child.wait()
        instance.report_engine_event("Executing steps in process (pid: …)", run, EngineEventData.in_process(child.pid))
        live = instance.create_run_for_job(dg.GraphDefinition("h").to_job(), run_id=LIVE)
        instance.handle_run_event(
            live.run_id, dg.DagsterEvent(dg.DagsterEventType.RUN_START.value, job_name=live.job_name)
        )
        instance.report_engine_event("in process", live, EngineEventData.in_process(os.getpid()))

        assert [d.run_id for d in reap_dead_runs(instance)] == [DEAD]
        assert instance.get_run_by_id(DEAD).status == dg.DagsterRunStatus.FAILURE
        assert instance.get_run_by_id(LIVE).status == dg.DagsterRunStatus.STARTED
        assert reap_dead_runs(instance) == []


def test_a_reused_pid_is_not_mistaken_for_the_run() -> None:
    assert is_alive(os.getpid(), None)
    assert not is_alive(os.getpid(), time.time() - 3600 * 24 * 365)  # this process started after that "run"
    assert shutil.which("true") is not None
