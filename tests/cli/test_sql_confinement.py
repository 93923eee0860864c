"""`communique sql` is read-only and confined: every escape an analyst (or a pasted query) could try fails with a
one-line error, and nothing on disk changes."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest
from typer.testing import CliRunner

from pipelines.cli import app

runner = CliRunner()


def tree_digest(folder: Path) -> dict[str, str]:
    return {
        str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def run_sql(warehouse: Path, query: str, *extra: str):
    return runner.invoke(app, ["sql", query, "--warehouse", str(warehouse), *extra])


def assert_one_line_error(result) -> None:
    assert result.exit_code != 0, result.output
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(lines) == 1 and lines[0].startswith("Error: "), result.stderr
    assert "Traceback" not in result.output + result.stderr


@pytest.fixture
def secret(tmp_path) -> Path:
    path = tmp_path / "secret.csv"
    path.write_text("name,value\nkey,hunter2\n")
    return path


def escapes(folder: Path, secret: Path) -> dict[str, str]:
    """Each attempt of the issue, pointed at files inside the test's folder."""
    warehouse = folder / "communique.duckdb"
    return {
        "copy_to_new_file": f"COPY (SELECT * FROM releases LIMIT 5) TO '{folder}/out.csv'",
        "copy_over_the_warehouse": f"COPY (SELECT 1) TO '{warehouse}' (FORMAT csv)",
        "attach_then_create": f"ATTACH '{folder}/new.duckdb' AS x; CREATE TABLE x.t AS SELECT 1",
        "attach_alone": f"ATTACH '{folder}/new.duckdb' AS x",
        "read_csv": f"SELECT * FROM read_csv('{secret}')",
        "read_text": f"SELECT * FROM read_text('{secret}')",
        "read_csv_etc_passwd": "SELECT * FROM read_csv('/etc/passwd')",
        "read_text_etc_shadow": "SELECT * FROM read_text('/etc/shadow')",
        "glob": f"SELECT * FROM glob('{folder}/*')",
        "glob_root": "SELECT * FROM glob('/root/*')",
        "replacement_scan": f"SELECT * FROM '{secret}'",
        "load": "LOAD json",
        "install": "INSTALL spatial",
        "set": "SET enable_external_access = true",
        "reset": "RESET lock_configuration",
        "pragma_setting": "PRAGMA threads = 1",
        "pragma_profiling": "PRAGMA enable_profiling",
        "explain_analyze_copy": f"EXPLAIN ANALYZE COPY releases TO '{folder}/out.csv'",
        "export_database": f"EXPORT DATABASE '{folder}/dump'",
        "create_table": "CREATE TABLE t AS SELECT 1",
        "drop_table": "DROP TABLE releases",
        "delete": "DELETE FROM releases",
        "checkpoint": "CHECKPOINT",
        "two_selects": "SELECT 1; SELECT 2",
        "select_then_copy": f"SELECT 1; COPY releases TO '{folder}/out.csv'",
        "detach": "DETACH communique",
        "use": "USE memory",
        "create_fts_index": "PRAGMA create_fts_index('releases', 'release_id', 'body')",
    }


ESCAPE_NAMES = sorted(escapes(Path("/x"), Path("/x/s")))


@pytest.mark.parametrize("name", ESCAPE_NAMES)
def test_escape_fails_and_changes_nothing(name, warehouse_copy, secret):
    folder = warehouse_copy.parent
    before = tree_digest(folder)
    result = run_sql(warehouse_copy, escapes(folder, secret)[name])
    assert_one_line_error(result)
    assert "hunter2" not in result.output
    assert tree_digest(folder) == before, "a file was written, changed or removed"


def test_the_file_guard_holds_without_the_statement_guard(warehouse_copy, secret):
    """A SELECT passes the statement guard; the connection itself must refuse the file."""
    from pipelines.sandbox import connect_confined

    conn = connect_confined(warehouse_copy)
    try:
        for sql in (f"SELECT * FROM read_text('{secret}')", "SELECT * FROM glob('/*')"):
            with pytest.raises(Exception, match="disabled by configuration"):
                conn.execute(sql)
        with pytest.raises(Exception, match="locked"):
            conn.execute("SET enable_external_access = true")
    finally:
        conn.close()


def test_notebooks_are_confined_unless_they_opt_out(warehouse_copy, secret, monkeypatch):
    from pipelines import notebook_io

    monkeypatch.setenv("COMMUNIQUE_WAREHOUSE", str(warehouse_copy))
    with pytest.raises(Exception, match="disabled by configuration"):
        notebook_io.query(f"SELECT * FROM read_csv('{secret}')")
    mine = notebook_io.query(f"SELECT * FROM read_csv('{secret}')", allow_files=True)
    assert mine["value"].to_list() == ["hunter2"]


def test_a_runaway_query_is_stopped_by_the_time_limit(warehouse_copy):
    result = run_sql(warehouse_copy, "SELECT count(*) FROM range(1000000000000) a, range(1000) b", "--timeout", "1")
    assert result.exit_code == 3
    assert_one_line_error(result)
    assert "--timeout" in result.stderr


def test_ctrl_c_is_one_line_and_status_130(sample_warehouse):
    """A real SIGINT to a running `communique sql`: the query stops, no traceback."""
    import signal
    import subprocess
    import sys
    import time

    script = "from pipelines.cli import app; app()"
    query = "SELECT count(*) FROM range(1000000000000) a, range(1000) b"
    proc = subprocess.Popen(
        [sys.executable, "-c", script, "sql", query, "-w", str(sample_warehouse), "--timeout", "0"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        cwd=Path(__file__).resolve().parents[2],
    )
    import psutil

    # Wait until the warehouse is open (the query starts right after), however slow the machine is.
    deadline = time.monotonic() + 90
    while time.monotonic() < deadline and proc.poll() is None:
        if any(f.path == str(sample_warehouse) for f in psutil.Process(proc.pid).open_files()):
            break
        time.sleep(0.2)
    time.sleep(1.5)
    proc.send_signal(signal.SIGINT)
    out, err = proc.communicate(timeout=30)
    assert proc.returncode == 130, (out, err)
    assert "Traceback" not in err and err.strip().startswith("Error: interrupted")


def test_reading_queries_still_work(warehouse_copy):
    result = run_sql(warehouse_copy, "DESCRIBE releases", "--format", "csv")
    assert result.exit_code == 0 and "release_id" in result.stdout
    result = run_sql(warehouse_copy, "SELECT current_setting('enable_external_access') AS ext", "--format", "csv")
    assert result.stdout.splitlines() == ["ext", "false"]
