"""Cost follows the change: a run with nothing new writes nothing, validates nothing and never imports GX; a
derived table is rebuilt only when one of its inputs changed after it was built."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import duckdb

from pipelines.warehouse import apply_schema, is_stale, mark_changed
from tests.conftest import PROJECT_ROOT, build_warehouse

RERUN = """
import json, sys
from pathlib import Path
from tests.conftest import build_warehouse
result = build_warehouse(Path(sys.argv[1]), Path(sys.argv[2]), with_checks=True)
checks = {e.check_name: e.metadata.get("re_run").value if "re_run" in e.metadata else True
          for e in result.get_asset_check_evaluations()}
print(json.dumps({"success": result.success, "gx": any(m.startswith("great_expectations") for m in sys.modules),
                  "checks": checks}))
"""


def _write_release(raw: Path, name: str, day: int) -> None:
    raw.mkdir(parents=True, exist_ok=True)
    (raw / name).write_text(
        f"Coalition forces train engineers near Tikrit\n\nApril {day}, 2017\n\n"
        f"TIKRIT, Iraq -- Coalition trainers finished a {day}-day course for 40 Iraqi engineers on Tuesday.\n\n"
        '"They built the bridge themselves," said Maj. Lena Farrow, the course lead.\n',
        encoding="utf-8",
    )


def _rerun(raw: Path, warehouse: Path) -> dict:
    out = subprocess.run(
        [sys.executable, "-c", RERUN, str(raw), str(warehouse)],
        cwd=PROJECT_ROOT,
        capture_output=True,
        text=True,
        timeout=300,
        check=True,
    )
    return json.loads(out.stdout.strip().splitlines()[-1])


def test_a_run_with_nothing_new_writes_nothing_runs_no_check_and_does_not_import_gx(tmp_path):
    raw, warehouse = tmp_path / "raw", tmp_path / "wh" / "communique.duckdb"
    _write_release(raw, "a.txt", 3)
    _write_release(raw, "b.txt", 4)
    assert build_warehouse(raw, warehouse, with_checks=True).success
    before = warehouse.stat()
    content = warehouse.read_bytes()

    rerun = _rerun(raw, warehouse)

    assert rerun["success"]
    assert rerun["gx"] is False
    assert rerun["checks"] and not any(rerun["checks"].values())  # every check reported, none re-run
    after = warehouse.stat()
    assert (after.st_ino, after.st_mtime_ns) == (before.st_ino, before.st_mtime_ns)  # never replaced nor written
    assert warehouse.read_bytes() == content
    assert sorted(p.name for p in warehouse.parent.iterdir() if p.name != ".communique.duckdb.lock") == [
        "communique.duckdb"
    ]


def test_a_new_file_runs_the_checks_again(tmp_path):
    raw, warehouse = tmp_path / "raw", tmp_path / "wh" / "communique.duckdb"
    _write_release(raw, "a.txt", 3)
    assert build_warehouse(raw, warehouse).success
    _write_release(raw, "b.txt", 4)

    rerun = _rerun(raw, warehouse)

    assert rerun["success"] and rerun["gx"] is True
    assert all(rerun["checks"].values())


def test_marts_and_entities_are_rebuilt_only_when_an_input_changed(tmp_path):
    raw, warehouse = tmp_path / "raw", tmp_path / "wh" / "communique.duckdb"
    _write_release(raw, "a.txt", 3)
    assert build_warehouse(raw, warehouse).success
    os.utime(raw / "a.txt", ns=(1, 1))  # same bytes, new mtime: read again, but nothing new for what derives

    result = build_warehouse(raw, warehouse)

    assert result.success
    for node in ("entities", "metric_daily", "strikes_daily"):
        (materialization,) = result.asset_materializations_for_node(node)
        assert materialization.metadata["rebuilt"].value is False, node


def test_staleness_follows_the_order_of_changes():
    conn = duckdb.connect()
    apply_schema(conn)
    conn.execute("CREATE TABLE derived (x INT)")
    assert is_stale(conn, "derived", ["source"])  # never built since tracking began
    mark_changed(conn, ["source"])
    mark_changed(conn, ["derived"])
    assert not is_stale(conn, "derived", ["source"])
    mark_changed(conn, ["source", "other"])
    assert is_stale(conn, "derived", ["source"])
    assert not is_stale(conn, "derived", ["unrelated"])
    assert is_stale(conn, "not_a_table", ["source"])
    mark_changed(conn, ["not_a_table"])
    assert not is_stale(conn, "not_a_table", ["source"], must_exist=False)


def test_a_check_runs_only_when_a_table_it_reads_changed():
    from pipelines.quality.checks import needs_run, tables_read
    from pipelines.quality.suites import ALL_CHECKS

    checks = {check.name: check for check in ALL_CHECKS}
    quotes = checks["quotes_integrity"]
    assert {"quotes", "releases"} <= tables_read(quotes)
    assert needs_run(quotes, {"releases"})
    assert not needs_run(quotes, {"raw_files"})  # a touched file with the same bytes
    assert not needs_run(quotes, set())
    python_loaded = next(c for c in ALL_CHECKS if any(s.sql is None for s in c.suites))
    assert tables_read(python_loaded) is None and needs_run(python_loaded, {"raw_files"})


def test_the_tables_a_query_reads_leave_out_its_common_table_expressions():
    from pipelines.quality.checks import sql_tables

    sql = "WITH a AS (SELECT * FROM metrics) SELECT * FROM a JOIN releases USING (release_id)"
    assert sql_tables(sql) == {"metrics", "releases"}
    assert sql_tables("SELEC nothing") is None
