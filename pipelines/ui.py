"""`make ui`: `dagster dev` under a supervisor that stops it, and everything it started, within seconds.

`dagster dev` starts a webserver, a daemon, code servers and, for a sensor's run, a run worker with log tailers.
Sent to all of them at once, SIGTERM or Ctrl-C left most alive for half a minute or more (each waits for the
others). Here `dagster dev` runs in its own session; the first SIGINT/SIGTERM is passed to it alone so it can shut
its services down in order, and whatever is still alive after GRACE_SECONDS is terminated, then killed, as one
process group. A run killed that way publishes nothing (the warehouse stays the last good one) and is marked failed
by the next run (pipelines/runguard.py).

    python -m pipelines.ui -m pipelines.definitions -h 127.0.0.1 -p 3000
"""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

GRACE_SECONDS = 4.0
KILL_AFTER_SECONDS = 2.0


def _signal_group(group: int, sig: signal.Signals) -> None:
    with contextlib.suppress(ProcessLookupError, PermissionError):  # already gone
        os.killpg(group, sig)


def _group_alive(group: int) -> bool:
    try:
        os.killpg(group, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _wait_group(group: int, seconds: float) -> bool:
    """True once no process of the group is left (zombies of ours are reaped on the way)."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if not _group_alive(group):
            return True
        time.sleep(0.1)
    return not _group_alive(group)


def stop(process: subprocess.Popen, grace: float = GRACE_SECONDS) -> int:
    """SIGINT to the leader, then SIGTERM and SIGKILL to its whole group; returns the leader's exit status."""
    group = process.pid
    _signal_group_leader(process, signal.SIGINT)
    with contextlib.suppress(subprocess.TimeoutExpired):
        process.wait(timeout=grace)
    if not _wait_group(group, 0.5):
        _signal_group(group, signal.SIGTERM)
        if not _wait_group(group, KILL_AFTER_SECONDS):
            _signal_group(group, signal.SIGKILL)
            _wait_group(group, KILL_AFTER_SECONDS)
    return process.wait()


def _signal_group_leader(process: subprocess.Popen, sig: signal.Signals) -> None:
    if process.poll() is None:
        process.send_signal(sig)


class _Stop(Exception):
    """Raised by the signal handler in the supervisor's wait."""


def _raise_stop(signum: int, frame: object) -> None:
    raise _Stop(signum)


def main(argv: list[str]) -> int:
    command = [str(Path(sys.executable).parent / "dagster"), "dev", *argv]
    process = subprocess.Popen(command, start_new_session=True)
    signal.signal(signal.SIGINT, _raise_stop)
    signal.signal(signal.SIGTERM, _raise_stop)
    try:
        return process.wait()
    except _Stop:
        signal.signal(signal.SIGINT, signal.SIG_IGN)  # a second Ctrl-C must not cut the shutdown short
        signal.signal(signal.SIGTERM, signal.SIG_IGN)
        print("\nStopping the Dagster UI, its daemon and any run in progress …", file=sys.stderr, flush=True)
        stop(process)
        print("Stopped. The warehouse is the last one published.", file=sys.stderr, flush=True)
        return 130


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
