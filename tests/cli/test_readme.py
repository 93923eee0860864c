"""Every `communique sql`, `search` and `status` command of the README, and its DuckDB shell line, runs as written
(on the sample data's warehouse, never the user's) and prints no error."""

from __future__ import annotations

import os
import re
import subprocess
from pathlib import Path

import pytest

from pipelines import settings

README = settings.PROJECT_ROOT / "README.md"
COMMANDS = ("communique sql", "communique search", "communique status", "bin/duckdb ")


def readme_commands() -> list[str]:
    blocks = re.findall(r"```bash\n(.*?)```", README.read_text(encoding="utf-8"), flags=re.DOTALL)
    lines = [line.split("  # ")[0].strip() for block in blocks for line in block.splitlines()]
    return [line for line in lines if any(c in line for c in COMMANDS) and " > " not in line]


def test_the_readme_shows_the_analyst_commands():
    commands = readme_commands()
    assert any("--file" in c for c in commands) and any("$(cat sql/examples/" in c for c in commands)
    assert any("communique search" in c for c in commands) and any("sql -" in c for c in commands)


@pytest.mark.parametrize("command", readme_commands())
def test_readme_command_runs(command: str, sample_warehouse: Path):
    if not (settings.PROJECT_ROOT / ".venv" / "bin" / "communique").exists():
        pytest.skip("no .venv/bin/communique: run `make setup`")
    command = command.replace("warehouse/communique.duckdb", str(sample_warehouse))
    env = {**os.environ, "COMMUNIQUE_WAREHOUSE": str(sample_warehouse)}
    result = subprocess.run(
        ["bash", "-c", command], cwd=settings.PROJECT_ROOT, env=env, capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() and "Error" not in result.stderr and "Traceback" not in result.stderr
