"""`make lab` starts JupyterLab bound to this machine only, also when run as root (containers, CI machines)."""

from __future__ import annotations

import os
import shlex
import shutil
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def lab_command() -> list[str]:
    """The jupyter command `make lab` runs (from `make -n`), with the environment's own jupyter."""
    if shutil.which("make") is None:
        pytest.skip("make is not installed")
    out = subprocess.run(["make", "-n", "lab"], cwd=ROOT, capture_output=True, text=True, check=True).stdout
    line = next(line for line in out.splitlines() if "jupyter lab" in line)
    words = shlex.split(line)
    return [str(Path(sys.executable).parent / "jupyter"), *words[words.index("jupyter") + 1 :]]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def test_lab_binds_to_localhost_and_allows_root():
    command = lab_command()
    assert command[command.index("--ip") + 1] == "127.0.0.1"
    assert "--allow-root" in command


@pytest.mark.skipif(os.name != "posix" or os.geteuid() != 0, reason="starts the server as root: run as root to test")
def test_lab_starts_as_root(tmp_path):
    port = free_port()
    env = {**os.environ, "JUPYTER_RUNTIME_DIR": str(tmp_path), "JUPYTER_CONFIG_DIR": str(tmp_path / "config")}
    proc = subprocess.Popen(
        [*lab_command(), "--port", str(port), "--ServerApp.port_retries=0", "--IdentityProvider.token=test"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    try:
        deadline = time.monotonic() + 90
        while time.monotonic() < deadline and proc.poll() is None:
            try:
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
                break
            except OSError:
                time.sleep(0.5)
        assert proc.poll() is None, proc.stdout.read() if proc.stdout else ""
    finally:
        proc.terminate()
        proc.wait(timeout=30)
