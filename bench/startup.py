"""Process start-up as a user meets it: `communique --help` and importing the Dagster definitions (median of runs)."""

from __future__ import annotations

import os
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path

PROJECT = Path(__file__).resolve().parent.parent
COMMANDS = {
    "communique --help": [str(Path(sys.executable).parent / "communique"), "--help"],
    "import pipelines.definitions": [sys.executable, "-c", "import pipelines.definitions"],
}


def _once(command: list[str]) -> tuple[float, float]:
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run(
        command, cwd=PROJECT, capture_output=True, check=True, env={**os.environ, "PYTHONPATH": str(PROJECT)}
    )
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def run(runs: int = 5) -> dict:
    results = {}
    for name, command in COMMANDS.items():
        _once(command)  # warm-up: the files in the page cache, as for a user's second command
        samples = [_once(command) for _ in range(runs)]
        results[name] = {
            "wall_s": round(statistics.median(s[0] for s in samples), 3),
            "cpu_s": round(statistics.median(s[1] for s in samples), 3),
            "runs": runs,
        }
    return results


if __name__ == "__main__":
    print(run())
