"""`make ui` stops within seconds on SIGTERM or Ctrl-C, however stubborn the processes `dagster dev` started."""

from __future__ import annotations

import os
import subprocess
import sys
import time

from pipelines.ui import GRACE_SECONDS, KILL_AFTER_SECONDS, stop

# A leader that ignores SIGINT for a while (as `dagster dev` waiting on its services) and two children that ignore
# SIGINT and SIGTERM (as a code server or a run worker busy in a step).
TREE = """
import signal, subprocess, sys, time
stubborn = "import signal, time; signal.signal(signal.SIGINT, signal.SIG_IGN); signal.signal(signal.SIGTERM, signal.SIG_IGN); time.sleep(600)"
children = [subprocess.Popen([sys.executable, "-c", stubborn]) for _ in range(2)]
signal.signal(signal.SIGINT, signal.SIG_IGN)
print("ready", flush=True)
time.sleep(600)
"""


def test_stop_ends_the_whole_tree_within_seconds() -> None:
    leader = subprocess.Popen([sys.executable, "-c", TREE], start_new_session=True, stdout=subprocess.PIPE, text=True)
    assert leader.stdout is not None and leader.stdout.readline().strip() == "ready"
    started = time.monotonic()
    stop(leader)
    elapsed = time.monotonic() - started
    assert elapsed < GRACE_SECONDS + 2 * KILL_AFTER_SECONDS + 2
    time.sleep(0.2)
    try:
        os.killpg(leader.pid, 0)
    except ProcessLookupError:
        return
    raise AssertionError("processes of the group survived")


def test_a_leader_that_exits_on_sigint_is_not_waited_for() -> None:
    leader = subprocess.Popen(
        [sys.executable, "-c", "import time; print('ready', flush=True); time.sleep(600)"],
        start_new_session=True,
        stdout=subprocess.PIPE,
        text=True,
    )
    assert leader.stdout is not None and leader.stdout.readline().strip() == "ready"
    started = time.monotonic()
    assert stop(leader) != 0
    assert time.monotonic() - started < 2
