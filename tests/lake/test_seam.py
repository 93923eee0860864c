"""The DuckLake seam without PostgreSQL: the catalog in a DuckDB file (one writing process)."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pytest

from pipelines.lake.catalog import LakeLocation, apply_lake_schema, lake_statement
from pipelines.lake.session import LakeSession, commit_with_retry
from pipelines.warehouse import WriteSession, apply_schema, open_session, schema_statements

from .conftest import COMPARED_TABLES, RUN_TIME_COLUMNS, run_in_process, split_into_batches, table_contents


def _columns(conn: duckdb.DuckDBPyConnection, database: str) -> set[tuple]:
    query = "SELECT table_name, column_name, data_type FROM duckdb_columns() WHERE database_name = $d"
    return set(conn.execute(query, {"d": database}).fetchall())


def test_the_lake_has_every_table_and_column_of_the_default_schema(file_lake: LakeLocation) -> None:
    default = duckdb.connect()
    apply_schema(default)
    lake = file_lake.connect()
    apply_lake_schema(lake)
    apply_lake_schema(lake)  # a second worker starting on an existing lake changes nothing
    assert _columns(lake, "lake") == _columns(default, "memory")
    # only the key constraints DuckLake refuses are gone, nothing else of a statement
    assert all("PRIMARY KEY" not in lake_statement(s).upper() for s in schema_statements())
    assert "NOT NULL DEFAULT FALSE" in lake_statement(schema_statements()[0])


def test_the_backend_setting_chooses_the_session(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    assert isinstance(open_session(tmp_path / "w.duckdb", "run"), WriteSession)
    monkeypatch.setenv("COMMUNIQUE_BACKEND", "ducklake")
    assert isinstance(open_session(tmp_path / "w.duckdb", "run"), LakeSession)
    monkeypatch.setenv("COMMUNIQUE_BACKEND", "sqlite")
    with pytest.raises(ValueError, match="duckdb or ducklake"):
        open_session(tmp_path / "w.duckdb", "run")


def test_a_session_commits_each_writer_and_records_the_run_when_published(file_lake: LakeLocation) -> None:
    session = LakeSession("run-1", location=file_lake)
    conn = session.open()
    commit_with_retry(conn, lambda c: c.execute("INSERT INTO table_changes VALUES ('releases', 1)"))
    session.dirty = True
    session.summary["releases"] = {"parsed": 1}
    assert session.close(publish=True)
    reader = file_lake.connect(read_only=True)
    assert reader.execute("SELECT table_name, seq FROM table_changes").fetchall() == [("releases", 1)]
    assert reader.execute("SELECT run_id, summary->>'$.releases.parsed' FROM runs").fetchall() == [("run-1", "1")]


def test_a_failed_writer_leaves_nothing_and_a_failed_run_is_not_recorded(file_lake: LakeLocation) -> None:
    session = LakeSession("run-2", location=file_lake)
    conn = session.open()

    def half_then_fail(c: duckdb.DuckDBPyConnection) -> None:
        c.execute("INSERT INTO table_changes VALUES ('quotes', 7)")
        raise RuntimeError("worker died mid-write")

    with pytest.raises(RuntimeError, match="mid-write"):
        commit_with_retry(conn, half_then_fail)
    session.dirty, session.failed = True, True
    assert not session.close(publish=True)
    reader = file_lake.connect(read_only=True)
    assert reader.execute("SELECT count(*) FROM table_changes").fetchone() == (0,)
    assert reader.execute("SELECT count(*) FROM runs").fetchone() == (0,)


def test_a_conflicting_commit_is_run_again_and_other_errors_are_not(file_lake: LakeLocation) -> None:
    conn = file_lake.connect()
    apply_lake_schema(conn)
    attempts = []

    def conflicts_once(c: duckdb.DuckDBPyConnection) -> int:
        attempts.append(1)
        c.execute("INSERT INTO table_changes VALUES ('metrics', $n)", {"n": len(attempts)})
        if len(attempts) == 1:
            raise duckdb.TransactionException("Transaction conflict - another transaction has deleted from it")
        return len(attempts)

    assert commit_with_retry(conn, conflicts_once) == 2
    assert conn.execute("SELECT seq FROM table_changes").fetchall() == [(2,)]  # the first attempt left nothing
    with pytest.raises(duckdb.CatalogException):
        commit_with_retry(conn, lambda c: c.execute("SELECT * FROM no_such_table"))


def test_batches_materialized_again_replace_their_rows(file_lake: LakeLocation, tmp_path: Path) -> None:
    raw = split_into_batches(tmp_path / "raw")
    run_in_process(file_lake, raw, ["a", "b"], months=["2016-03-01"])
    first = {table: table_contents(file_lake, table) for table in (*COMPARED_TABLES, "metric_daily")}
    assert first["releases"] and first["quotes"] and first["metrics"] and first["entities"]
    # each batch's releases come from its own folder
    paths = {row[0].split("/")[0] for row in file_lake.connect(read_only=True).execute("FROM raw_files").fetchall()}
    assert paths == {"a", "b"}
    run_in_process(file_lake, raw, ["b", "a"], months=["2016-03-01"])  # a backfill of both, in the other order
    assert {table: table_contents(file_lake, table) for table in first} == first


def test_a_mart_month_holds_exactly_the_full_marts_rows_of_that_month(file_lake: LakeLocation, tmp_path: Path) -> None:
    raw = split_into_batches(tmp_path / "raw")
    run_in_process(file_lake, raw, ["a", "b"], months=["2016-03-01", "2016-04-01"])
    conn = file_lake.connect(read_only=True)
    sql = (Path(__file__).resolve().parents[2] / "sql" / "marts" / "metric_daily.sql").read_text().strip().rstrip(";")
    full = conn.execute(
        f"SELECT * FROM ({sql}) WHERE activity_date >= DATE '2016-03-01' AND activity_date < DATE '2016-05-01' ORDER BY ALL"
    ).fetchall()
    assert full, "the corpus has metrics in March and April 2016"
    assert conn.execute("SELECT * FROM metric_daily ORDER BY ALL").fetchall() == full


def test_the_default_pipeline_writes_the_same_tables_through_the_lake_session(
    file_lake: LakeLocation, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, warehouse_builder
) -> None:
    seeds = Path(__file__).resolve().parents[2] / "tests" / "fixtures" / "seeds" / "raw"
    on_file = warehouse_builder(seeds, tmp_path / "w.duckdb", with_checks=True)
    assert on_file.success
    monkeypatch.setenv("COMMUNIQUE_BACKEND", "ducklake")
    monkeypatch.setenv("COMMUNIQUE_LAKE_CATALOG", file_lake.catalog)
    monkeypatch.setenv("COMMUNIQUE_LAKE_DATA", file_lake.data_path)
    on_lake = warehouse_builder(seeds, tmp_path / "not_used.duckdb", with_checks=True)
    assert on_lake.success
    assert all(check.passed for check in on_lake.get_asset_check_evaluations())
    assert not (tmp_path / "not_used.duckdb").exists()
    file_conn = duckdb.connect(str(tmp_path / "w.duckdb"), read_only=True)
    for table in (*COMPARED_TABLES, "metric_daily", "strikes_daily", "quotes_by_speaker"):
        columns = [r[0] for r in file_conn.execute(f"DESCRIBE {table}").fetchall() if r[0] not in RUN_TIME_COLUMNS]
        expected = file_conn.execute(f"SELECT {', '.join(columns)} FROM {table} ORDER BY ALL").fetchall()
        assert table_contents(file_lake, table) == expected, table
    runs = file_lake.connect(read_only=True).execute("SELECT count(*) FROM runs").fetchone()
    assert runs == (1,)  # the run recorded once, after every step committed


def test_object_storage_data_loads_httpfs_and_takes_credentials_from_the_environment(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("AWS_ACCESS_KEY_ID", "key")
    monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", "secret")
    monkeypatch.setenv("AWS_ENDPOINT_URL", "http://127.0.0.1:9")  # nothing listens: no byte leaves this machine
    location = LakeLocation(str(tmp_path / "catalog.ducklake"), "s3://bucket/lake/")
    assert location.extensions() == ["ducklake", "httpfs"]
    conn = location.connect()
    secret = conn.execute("SELECT type, secret_string FROM duckdb_secrets() WHERE name = 'communique_lake'").fetchone()
    assert secret is not None and secret[0] == "s3"
    assert "endpoint=127.0.0.1:9" in secret[1] and "use_ssl=false" in secret[1]
    assert not (tmp_path / "s3:").exists()  # the URL is not taken for a local folder


def test_the_sensor_adds_a_partition_per_new_folder_and_runs_changed_ones(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import dagster as dg

    from pipelines.lake.definitions import raw_batches_sensor

    raw = split_into_batches(tmp_path / "raw")
    monkeypatch.setenv("COMMUNIQUE_RAW_DIR", str(raw))
    instance = dg.DagsterInstance.ephemeral()
    first = raw_batches_sensor(dg.build_sensor_context(instance=instance))
    assert [r.partition_keys for r in first.dynamic_partitions_requests] == [["a", "b"]]
    assert sorted(r.partition_key for r in first.run_requests) == ["a", "b"]
    instance.add_dynamic_partitions("raw_batches", ["a", "b"])
    (raw / "b" / "new.txt").write_text("WASHINGTON -- A new release.\n")
    second = raw_batches_sensor(dg.build_sensor_context(instance=instance, cursor=first.cursor))
    assert [r.partition_key for r in second.run_requests] == ["b"]
    assert not second.dynamic_partitions_requests
