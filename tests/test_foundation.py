"""The spine: definitions load, a real run lands every contract table, reruns change nothing, the CLI reads it."""

from __future__ import annotations

import json
import shutil

import dagster as dg
import duckdb
import pytest
from typer.testing import CliRunner

from pipelines.cli import app
from pipelines.quality.checks import sql_tables
from tests.conftest import PROJECT_ROOT, SAMPLE_RAW, build_warehouse

CONTRACT_COLUMNS = {
    "raw_documents": ["content_sha256", "source_path", "size_bytes", "encoding", "text", "first_seen_at"],
    "rejected_files": ["source_path", "content_sha256", "size_bytes", "reason", "seen_at"],
    "releases": [
        "release_id",
        "content_sha256",
        "source_path",
        "url",
        "title",
        "published_date",
        "dateline",
        "publisher",
        "release_number",
        "kind",
        "body",
        "word_count",
        "duplicate_of",
        "extractor_version",
        "ingested_at",
    ],
    "quotes": [
        "quote_id",
        "release_id",
        "quote_text",
        "speaker",
        "speaker_role",
        "speaker_entity_id",
        "is_anonymous",
        "char_start",
        "char_end",
    ],
    "metrics": [
        "metric_id",
        "release_id",
        "name",
        "value",
        "qualifier",
        "action",
        "location",
        "period_start",
        "period_end",
        "is_cumulative",
        "text",
        "char_start",
        "char_end",
    ],
    "entities": [
        "entity_id",
        "name",
        "type",
        "aliases",
        "rank",
        "mention_count",
        "release_count",
        "first_seen",
        "last_seen",
    ],
    "entity_mentions": ["mention_id", "release_id", "entity_id", "text", "char_start", "char_end"],
}
CONTRACT_TYPES = {
    ("releases", "published_date"): "DATE",
    ("releases", "word_count"): "INTEGER",
    ("metrics", "value"): "DOUBLE",
    ("metrics", "is_cumulative"): "BOOLEAN",
    ("quotes", "is_anonymous"): "BOOLEAN",
    ("entities", "aliases"): "VARCHAR[]",
    ("raw_documents", "size_bytes"): "BIGINT",
    ("rejected_files", "seen_at"): "TIMESTAMP",
}


@pytest.fixture(scope="module")
def sample_warehouse(tmp_path_factory):
    """The two sample releases plus an empty file and a binary file, built once for this module."""
    raw = tmp_path_factory.mktemp("raw")
    for path in SAMPLE_RAW.glob("*.txt"):
        shutil.copy(path, raw / path.name)
    (raw / "empty.txt").write_bytes(b"")
    (raw / "nested").mkdir()
    (raw / "nested" / "image.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    warehouse = tmp_path_factory.mktemp("warehouse") / "communique.duckdb"
    result = build_warehouse(raw, warehouse)
    assert result.success
    return raw, warehouse, result


def test_definitions_load_with_every_contract_asset_job_and_sensor():
    from pipelines.definitions import defs

    keys = {key.to_user_string() for key in defs.resolve_asset_graph().get_all_asset_keys()}
    assert {"raw_documents", "releases", "quotes", "metrics", "entity_mentions", "entities"} <= keys
    assert defs.resolve_job_def("refresh_warehouse") is not None
    assert defs.resolve_sensor_def("raw_folder_sensor") is not None


@pytest.mark.parametrize("mart", sorted(p.stem for p in (PROJECT_ROOT / "sql" / "marts").glob("*.sql")))
def test_every_mart_declares_exactly_the_assets_it_reads(mart):
    from pipelines.assets.marts import MARTS_DIR, _header
    from pipelines.definitions import defs

    sql = (MARTS_DIR / f"{mart}.sql").read_text(encoding="utf-8")
    declared = {d.strip() for d in _header(sql).get("deps", "").split(",") if d.strip()}
    graph = defs.resolve_asset_graph()
    upstream = {key.to_user_string() for key in graph.get(dg.AssetKey(mart)).parent_keys}
    assert sql_tables(sql) == declared == upstream
    assert declared <= {key.to_user_string() for key in graph.get_all_asset_keys()}


def test_every_contract_table_has_the_contract_columns(sample_warehouse):
    _, warehouse, _ = sample_warehouse
    with duckdb.connect(str(warehouse), read_only=True) as conn:
        for table, columns in CONTRACT_COLUMNS.items():
            found = [row[0] for row in conn.execute(f"DESCRIBE {table}").fetchall()]
            assert found[: len(columns)] == columns, table
        for (table, column), expected in CONTRACT_TYPES.items():
            described = dict((r[0], r[1]) for r in conn.execute(f"DESCRIBE {table}").fetchall())
            assert described[column] == expected, (table, column)


def test_both_samples_land_as_releases_and_bad_files_as_rejections(sample_warehouse):
    _, warehouse, _ = sample_warehouse
    with duckdb.connect(str(warehouse), read_only=True) as conn:
        sources = sorted(r[0] for r in conn.execute("SELECT source_path FROM releases").fetchall())
        assert sources == ["000_df12a3aa82336099.txt", "004_06ca55f076f6df16.txt"]
        rejected = dict(conn.execute("SELECT source_path, reason FROM rejected_files").fetchall())
        assert rejected["empty.txt"] == "empty file"
        assert "binary" in rejected["nested/image.txt"]
        assert conn.execute("SELECT count(*) FROM releases WHERE body = '' OR kind IS NULL").fetchone()[0] == 0


def test_every_raw_file_ends_in_releases_or_rejected_files_exactly_once(sample_warehouse):
    raw, warehouse, _ = sample_warehouse
    files = sorted(p.relative_to(raw).as_posix() for p in raw.rglob("*") if p.is_file())
    with duckdb.connect(str(warehouse), read_only=True) as conn:
        released = {r[0] for r in conn.execute("SELECT source_path FROM releases").fetchall()}
        rejected = {r[0] for r in conn.execute("SELECT source_path FROM rejected_files").fetchall()}
    assert not released & rejected
    assert sorted(released | rejected) == files


def test_materialization_metadata_reports_counts_and_preview(sample_warehouse):
    _, _, result = sample_warehouse
    by_asset = {
        e.asset_key.to_user_string(): e.materialization.metadata for e in result.get_asset_materialization_events()
    }
    assert by_asset["raw_documents"]["documents_new"].value == 2
    assert by_asset["raw_documents"]["rejected"].value == 2
    assert by_asset["releases"]["dagster/row_count"].value == 2
    assert "| release_id |" in by_asset["releases"]["preview"].value


def test_a_second_run_on_the_same_folder_changes_nothing(sample_warehouse, tmp_path):
    raw, warehouse, _ = sample_warehouse
    copy = tmp_path / "again.duckdb"
    shutil.copy(warehouse, copy)

    def snapshot():
        with duckdb.connect(str(copy), read_only=True) as conn:
            return {
                t: sorted(map(str, conn.execute(f"SELECT {_stable_columns(t)} FROM {t}").fetchall()))
                for t in CONTRACT_COLUMNS
            }

    before = snapshot()
    result = build_warehouse(raw, copy)
    assert result.success
    assert snapshot() == before
    metadata = {
        e.asset_key.to_user_string(): e.materialization.metadata for e in result.get_asset_materialization_events()
    }
    assert metadata["raw_documents"]["documents_new"].value == 0
    assert metadata["releases"]["parsed"].value == 0


def _stable_columns(table: str) -> str:
    """Every contract column but the timestamps of when a row was written."""
    timestamps = {"first_seen_at", "seen_at", "ingested_at"}
    return ", ".join(c for c in CONTRACT_COLUMNS[table] if c not in timestamps)


runner = CliRunner()


def test_status_lists_tables_and_rejections(sample_warehouse):
    _, warehouse, _ = sample_warehouse
    out = runner.invoke(app, ["status", "--warehouse", str(warehouse)])
    assert out.exit_code == 0, out.output
    assert "releases" in out.output and "empty.txt: empty file" in out.output


def test_sql_prints_csv_and_json(sample_warehouse):
    _, warehouse, _ = sample_warehouse
    csv = runner.invoke(app, ["sql", "SELECT count(*) AS n FROM releases", "--format", "csv", "-w", str(warehouse)])
    assert csv.exit_code == 0 and csv.output.splitlines() == ["n", "2"]
    as_json = runner.invoke(
        app, ["sql", "SELECT source_path FROM releases ORDER BY 1", "-f", "json", "-w", str(warehouse)]
    )
    assert json.loads(as_json.output)[0]["source_path"] == "000_df12a3aa82336099.txt"


def test_sql_is_read_only_and_errors_in_one_line(sample_warehouse):
    _, warehouse, _ = sample_warehouse
    bad = runner.invoke(app, ["sql", "SELECT * FROM no_such_table", "-w", str(warehouse)])
    assert bad.exit_code == 2 and len(bad.output.strip().splitlines()) == 1
    write = runner.invoke(app, ["sql", "DELETE FROM releases", "-w", str(warehouse)])
    assert write.exit_code == 2 and "read-only" in write.output.lower()


def test_commands_fail_clearly_without_a_warehouse(tmp_path):
    out = runner.invoke(app, ["status", "--warehouse", str(tmp_path / "none.duckdb")])
    assert out.exit_code == 2 and "no warehouse" in out.output


@pytest.mark.parametrize("command", ["status", "sql", "evaluate"])
def test_every_command_has_help_with_an_example(command):
    out = runner.invoke(app, [command, "--help"])
    assert out.exit_code == 0 and "Example" in out.output
