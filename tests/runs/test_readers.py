"""Readers never block a run and a run never breaks them: a notebook-like process holding the warehouse open
and `communique sql` in a loop, both in their own processes, while a run writes and publishes."""

from __future__ import annotations

import os
import subprocess
import sys

from pipelines.warehouse import connect_read_only
from tests.conftest import wait_for
from tests.runs.conftest import BIN, MORE_FILES, PROJECT_ROOT, copy_releases, query, run_pipeline

HOLDER = """
import sys, time
from pathlib import Path
from pipelines.warehouse import connect_read_only
conn = connect_read_only(Path(sys.argv[1]))
stop = Path(sys.argv[2])
seen, queries = set(), 0
print("ready", flush=True)
while not stop.exists():
    seen.add(conn.execute("SELECT count(*) FROM releases").fetchone()[0])
    conn.execute("SELECT r.kind, count(q.quote_id) FROM releases r LEFT JOIN quotes q USING (release_id) GROUP BY 1").fetchall()
    queries += 1
    time.sleep(0.02)
print(queries, sorted(seen), flush=True)
"""

SQL_LOOP = """
while [ ! -e "$2" ]; do
  if ! "$BIN/communique" sql "SELECT count(*) AS n FROM releases" --format csv --warehouse "$1" >> "$3.out" 2>> "$3.err"
  then echo FAILED >> "$3.out"; fi
done
"""


def test_readers_in_other_processes_never_error_while_a_run_writes_and_publishes(built, tmp_path, slow_writes):
    raw_dir, warehouse = built
    stop, log = tmp_path / "stop", tmp_path / "sql"
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLDER, str(warehouse), str(stop)],
        cwd=PROJECT_ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    loop = subprocess.Popen(
        ["bash", "-c", SQL_LOOP, "loop", str(warehouse), str(stop), str(log)],
        cwd=PROJECT_ROOT,
        env={**os.environ, "BIN": str(BIN)},
        stderr=subprocess.PIPE,
        text=True,
    )

    def answers() -> list[str]:
        return (
            [line for line in log.with_suffix(".out").read_text().split() if line != "n"]
            if log.with_suffix(".out").exists()
            else []
        )

    try:
        assert holder.stdout.readline().strip() == "ready", holder.stderr.read()
        wait_for(lambda: answers(), timeout=60, what="the first `communique sql` answer")
        copy_releases(MORE_FILES, raw_dir)
        slow_writes(0.3)  # a few seconds of writing, so the readers overlap it

        before = len(answers())
        result = run_pipeline(raw_dir, warehouse)
        during = len(answers()) - before

        assert result.success
        wait_for(lambda: "5" in answers(), timeout=60, what="`communique sql` to see the published run")
    finally:
        stop.touch()
        holder_out, holder_err = holder.communicate(timeout=60)
        loop.wait(timeout=60)

    assert holder.returncode == 0, holder_err
    queries, seen = holder_out.strip().split(" ", 1)
    assert int(queries) > 10
    assert seen == "[3]"  # an open connection keeps reading the warehouse it opened; reconnecting shows the new one
    assert "FAILED" not in answers() and log.with_suffix(".err").read_text() == ""
    assert set(answers()) == {"3", "5"}
    assert during >= 1, "no `communique sql` call finished while the run was writing"
    assert query(warehouse, "SELECT count(*) FROM releases") == [(5,)]


def test_reconnecting_in_the_same_process_sees_the_new_run_while_an_old_connection_lives(built):
    raw_dir, warehouse = built
    old = connect_read_only(warehouse)
    try:
        copy_releases(MORE_FILES, raw_dir)
        assert run_pipeline(raw_dir, warehouse).success
        new = connect_read_only(warehouse)
        try:
            assert old.execute("SELECT count(*) FROM releases").fetchone() == (3,)
            assert new.execute("SELECT count(*) FROM releases").fetchone() == (5,)
            assert new.execute("SELECT current_database()").fetchone() == ("communique",)
        finally:
            new.close()
    finally:
        old.close()
