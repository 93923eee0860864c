"""Dead runs never block: a run whose process is gone is marked failed, and its concurrency slots are freed.

A run killed with kill -9 (or by the OOM killer, or a reboot) cannot report its own end, so Dagster keeps it
STARTED forever: the sensor would wait behind it and a queued run would never start. Every run records the pid
of the process executing it (the in-process executor's "Executing steps in process (pid: …)" event); a run whose
process no longer exists, or is another process that reused the pid, is dead. `reap_dead_runs` marks such runs
failed with a message and frees whatever pool slots they held. It runs at the start of every run (the warehouse
resource) and on every tick of the sensor; `python -m pipelines.runguard` does it by hand.

The writers themselves never wait on Dagster's bookkeeping: one writer at a time is guaranteed by the
warehouse's file lock (pipelines/warehouse.py), which the kernel drops when its process dies.
"""

from __future__ import annotations

import contextlib
import os
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import dagster as dg

_IN_FLIGHT = [dg.DagsterRunStatus.STARTING, dg.DagsterRunStatus.STARTED, dg.DagsterRunStatus.CANCELING]
# A process that started this long after the run did is another process that reused the run's pid.
_PID_REUSE_SLACK_SECONDS = 5.0


@dataclass(frozen=True, slots=True)
class DeadRun:
    run_id: str
    job_name: str
    pid: int


def process_start_time(pid: int) -> float | None:
    """When a live process started (seconds since the epoch), or None when there is no such process."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return None
    except PermissionError:
        pass  # alive, owned by someone else
    return _linux_start_time(pid)


def _linux_start_time(pid: int) -> float:
    """From /proc (field 22 of stat: clock ticks after boot); 0.0 (long ago) where /proc is missing."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
        boot = next(
            int(line.split()[1]) for line in Path("/proc/stat").read_text().splitlines() if line.startswith("btime")
        )
    except (OSError, StopIteration, ValueError):
        return 0.0
    ticks = int(stat.rsplit(")", 1)[1].split()[19])
    return boot + ticks / os.sysconf("SC_CLK_TCK")


def is_alive(pid: int, run_started_at: float | None) -> bool:
    """Whether the process that executes a run still runs (and is that process, not a later one with its pid)."""
    started = process_start_time(pid)
    if started is None:
        return False
    return run_started_at is None or started <= run_started_at + _PID_REUSE_SLACK_SECONDS


def run_pid(instance: dg.DagsterInstance, run_id: str) -> int | None:
    """The pid of the process executing the run, from the latest engine event that carries one."""
    records = instance.all_logs(run_id, of_type=dg.DagsterEventType.ENGINE_EVENT)
    for record in reversed(records):
        event = record.dagster_event
        data = event.engine_event_data if event is not None else None
        pid = data.metadata.get("pid") if data is not None else None
        if pid is not None:
            try:
                return int(str(pid.value))
            except ValueError:
                continue
    return None


def dead_runs(instance: dg.DagsterInstance, exclude: str | None = None) -> list[DeadRun]:
    """Runs Dagster believes in flight whose process is gone. Runs with no recorded pid yet are left alone."""
    dead = []
    for record in instance.get_run_records(filters=dg.RunsFilter(statuses=_IN_FLIGHT)):
        run = record.dagster_run
        if run.run_id == exclude:
            continue
        pid = run_pid(instance, run.run_id)
        started = record.start_time or (record.create_timestamp.timestamp() if record.create_timestamp else None)
        if pid is not None and not is_alive(pid, started):
            dead.append(DeadRun(run.run_id, run.job_name, pid))
    return dead


def reap_dead_runs(instance: dg.DagsterInstance | None, exclude: str | None = None) -> list[DeadRun]:
    """Mark every dead run failed (with the reason) and free its pool slots; returns what was reaped."""
    if instance is None:
        return []
    reaped = dead_runs(instance, exclude)
    for dead in reaped:
        run = instance.get_run_by_id(dead.run_id)
        if run is None or run.status not in _IN_FLIGHT:
            continue  # finished meanwhile
        instance.report_run_failed(
            run,
            f"Marked failed by communique: the process that ran it (pid {dead.pid}) is gone (killed, or the machine "
            "restarted). Nothing of it was published; the next run redoes its work.",
        )
        _free_slots(instance, dead.run_id)
    return reaped


def reap_quietly(
    instance: dg.DagsterInstance | None, exclude: str | None = None, log: Callable[[str], None] | None = None
) -> None:
    """reap_dead_runs for the start of a run and the sensor: bookkeeping must never fail the caller."""
    try:
        reaped = reap_dead_runs(instance, exclude)
    except Exception as exc:  # noqa: BLE001  a storage hiccup here is no reason to fail a run
        if log is not None:
            log(f"Could not check for dead runs: {exc}")
        return
    if log is not None:
        for dead in reaped:
            log(f"Marked run {dead.run_id} failed: its process (pid {dead.pid}) is gone")


def _free_slots(instance: dg.DagsterInstance, run_id: str) -> None:
    with contextlib.suppress(NotImplementedError):  # storage without concurrency slots
        instance.event_log_storage.free_concurrency_slots_for_run(run_id)


def main() -> int:
    """Reap by hand (the rare case a dead run was not caught automatically): prints what was marked failed."""
    started = time.monotonic()
    with dg.DagsterInstance.get() as instance:
        reaped = reap_dead_runs(instance)
    for dead in reaped:
        print(f"marked failed: run {dead.run_id} of {dead.job_name} (pid {dead.pid} is gone)")
    print(f"{len(reaped)} dead run(s) marked failed in {time.monotonic() - started:.1f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
