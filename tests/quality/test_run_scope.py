"""Checks in proportion to the change: in a run, GX validates the rows the run wrote; rules that need the whole
table (unique keys, links) look at all of it in SQL but bring back only the first offending rows."""

from __future__ import annotations

import json
import shutil
from datetime import UTC, datetime

import duckdb
import pytest

from pipelines.quality.scope import FULL, run_scope
from pipelines.quality.suites import ALL_CHECKS
from tests.conftest import build_warehouse
from tests.quality.fixture_warehouse import FIXTURES, NEWS, STRIKES, drop_constraints, release_id_of

CHECKS = {c.name: c for c in ALL_CHECKS}
NEW_RELEASE = "release-of-this-run"


def write_release_in_this_run(conn: duckdb.DuckDBPyConnection, copy_metrics: bool = True) -> int:
    """What a run writes: a release ingested now (a copy of the strike report with its own id and body) and, with
    copy_metrics, its metrics (the report's, with new ids). Returns how many metrics it wrote."""
    strikes = release_id_of(conn, STRIKES)
    now = datetime.now(UTC).replace(tzinfo=None)
    conn.execute(
        "INSERT INTO releases SELECT * REPLACE (? AS release_id, repeat('e', 64) AS content_sha256, "
        "'raw/new.txt' AS source_path, body || ' Updated.' AS body, CAST(? AS TIMESTAMP) AS ingested_at) "
        "FROM releases WHERE release_id = ?",
        [NEW_RELEASE, now, strikes],
    )
    if not copy_metrics:
        return 0
    conn.execute(
        "INSERT INTO metrics SELECT * REPLACE ('new-' || metric_id AS metric_id, ? AS release_id) "
        "FROM metrics WHERE release_id = ?",
        [NEW_RELEASE, strikes],
    )
    return conn.execute("SELECT count(*) FROM metrics WHERE release_id = ?", [NEW_RELEASE]).fetchone()[0]


def failures_by_label(outcome) -> dict:
    return {f.expectation: f for f in outcome.failures}


def rows_validated(outcome) -> dict[str, int]:
    return {s.suite: s.rows for s in outcome.suites}


def test_the_run_scope_starts_at_the_last_publication(conn):
    published = conn.execute("SELECT max(published_at) FROM runs").fetchone()[0]
    assert run_scope(conn).since == published  # this machine's DuckDB time zone is UTC; the scope is UTC either way
    assert run_scope(duckdb.connect(":memory:").execute("CREATE TABLE runs (published_at TIMESTAMP)")) == FULL


def test_a_bad_row_written_in_this_run_fails_its_check_and_is_named(quality, conn):
    write_release_in_this_run(conn)
    conn.execute(
        "UPDATE metrics SET qualifier = 'roughly' WHERE metric_id = (SELECT min(metric_id) FROM metrics "
        "WHERE release_id = ?)",
        [NEW_RELEASE],
    )
    bad_id = conn.execute("SELECT metric_id FROM metrics WHERE qualifier = 'roughly'").fetchone()[0]

    outcome = quality.run_check(CHECKS["metrics_integrity"], conn, run_scope(conn))

    assert outcome.status == "failed"
    failure = failures_by_label(outcome)["column_values_to_be_in_set(qualifier)"]
    assert failure.unexpected_count == 1
    assert any(row["metric_id"] == bad_id and row["qualifier"] == "roughly" for row in failure.rows), failure.rows


def test_a_bad_row_of_an_earlier_run_is_not_validated_again(quality, conn):
    conn.execute("UPDATE metrics SET qualifier = 'roughly' WHERE value = 120")  # published by an earlier run
    new_metrics = write_release_in_this_run(conn)
    check = CHECKS["metrics_integrity"]

    in_run = quality.run_check(check, conn, run_scope(conn))

    assert in_run.passed
    assert rows_validated(in_run) == {"metrics.integrity": new_metrics}  # the run's rows, not the table's
    assert conn.execute("SELECT count(*) FROM metrics").fetchone()[0] > new_metrics
    full = quality.run_check(check, conn)  # make quality: every row
    assert "column_values_to_be_in_set(qualifier)" in failures_by_label(full)


def test_a_key_duplicated_across_runs_is_caught(quality, conn):
    drop_constraints(conn, "metrics")
    old_id = conn.execute("SELECT metric_id FROM metrics WHERE value = 120").fetchone()[0]
    write_release_in_this_run(conn)
    conn.execute(
        "UPDATE metrics SET metric_id = ? WHERE metric_id = (SELECT min(metric_id) FROM metrics WHERE release_id = ?)",
        [old_id, NEW_RELEASE],
    )

    outcome = quality.run_check(CHECKS["metrics_integrity"], conn, run_scope(conn))

    failure = failures_by_label(outcome)["column_values_to_be_unique(metric_id)"]
    assert failure.unexpected_count == 2  # the earlier run's row and this run's
    assert {row["metric_id"] for row in failure.rows} == {old_id}
    assert {row["release_id"] for row in failure.rows} == {NEW_RELEASE, release_id_of(conn, NEWS)}


def test_a_release_id_duplicated_across_runs_is_caught(quality, conn):
    drop_constraints(conn, "releases")
    news = release_id_of(conn, NEWS)
    conn.execute(
        "INSERT INTO releases SELECT * REPLACE (now()::TIMESTAMP AS ingested_at, 'raw/again.txt' AS source_path) "
        "FROM releases WHERE release_id = ?",
        [news],
    )

    outcome = quality.run_check(CHECKS["releases_integrity"], conn, run_scope(conn))

    failure = failures_by_label(outcome)["column_values_to_be_unique(release_id)"]
    assert {row["release_id"] for row in failure.rows} == {news}
    assert rows_validated(outcome) == {"releases.keys": 2}


def test_table_wide_rules_bring_back_a_bounded_number_of_offending_rows(quality, conn):
    conn.execute(
        "INSERT INTO metrics SELECT m.* REPLACE ('orphan-' || i AS metric_id, 'gone-' || i AS release_id) "
        "FROM metrics m, range(30) t(i) WHERE m.value = 120"
    )
    write_release_in_this_run(conn, copy_metrics=False)

    outcome = quality.run_check(CHECKS["metrics_integrity"], conn, run_scope(conn))

    failure = failures_by_label(outcome)["column_values_to_be_in_set(release_found)"]
    assert failure.unexpected_count == 20  # the first 20 examples of 30, whatever the table's size
    assert all(row["release_id"].startswith("gone-") for row in failure.rows)
    assert rows_validated(outcome) == {"metrics.integrity": 20}


def test_a_run_that_wrote_one_release_validates_a_batch_of_its_rows(quality, conn):
    new_metrics = write_release_in_this_run(conn)
    scope = run_scope(conn)

    batches = {}
    for check in ALL_CHECKS:
        outcome = quality.run_check(check, conn, scope)
        assert outcome.passed, (check.name, [(f.suite, f.expectation, f.rows) for f in outcome.failures])
        batches |= rows_validated(outcome)

    # Rows of the run only (one release, its metrics; no document, quote or mention), or one row of aggregates.
    assert batches["releases.keys"] == batches["releases.profile"] == 1
    assert batches["metrics.integrity"] == batches["metrics.values"] == new_metrics
    assert batches["quotes.integrity"] == batches["quotes.profile"] == batches["entity_mentions.integrity"] == 0
    assert batches["raw_documents.keys"] == batches["rejected_files.reasons"] == 0
    assert batches["rejected_files.share"] == batches["releases.completeness"] == 1
    full = {s.suite: s.rows for check in ALL_CHECKS for s in quality.run_check(check, conn).suites}
    assert full["metrics.integrity"] == conn.execute("SELECT count(*) FROM metrics").fetchone()[0]
    assert full["releases.keys"] == 3


@pytest.mark.parametrize("field", ["published_date", "title"])
def test_missing_metadata_is_a_share_of_the_whole_table(quality, conn, field):
    check = CHECKS["releases_plausibility"]
    write_release_in_this_run(conn, copy_metrics=False)
    conn.execute(f"UPDATE releases SET {field} = NULL WHERE release_id = ?", [NEW_RELEASE])  # 1 of 3: over the bar

    outcome = quality.run_check(check, conn, run_scope(conn))

    failure = failures_by_label(outcome)[f"column_values_to_be_between(missing_{field})"]
    assert failure.unexpected_count == 1
    assert outcome.status == "warn"


def test_a_second_run_validates_only_its_new_file(tmp_path):
    raw, warehouse = tmp_path / "raw", tmp_path / "wh" / "communique.duckdb"
    raw.mkdir()
    shutil.copy(FIXTURES / NEWS, raw / NEWS)
    assert build_warehouse(raw, warehouse, with_checks=True).success
    shutil.copy(FIXTURES / STRIKES, raw / STRIKES)

    result = build_warehouse(raw, warehouse, with_checks=True)

    assert result.success
    checks = {e.check_name: e for e in result.get_asset_check_evaluations()}
    assert all(e.passed for e in checks.values())
    integrity = checks["releases_integrity"].metadata
    assert integrity["rows_validated"].value == {"releases.keys": 1}  # the new release, not both
    assert integrity["scope"].value.startswith("rows written after")
    conn = duckdb.connect(str(warehouse), read_only=True)
    try:
        summary = json.loads(conn.execute("SELECT summary FROM runs ORDER BY published_at DESC LIMIT 1").fetchone()[0])
    finally:
        conn.close()
    assert set(summary["checks"].values()) == {"passed"}


def test_a_copy_written_in_this_run_of_an_earlier_release_is_flagged(quality, conn):
    news = release_id_of(conn, NEWS)
    conn.execute(
        "INSERT INTO releases SELECT * REPLACE ('copy-of-this-run' AS release_id, now()::TIMESTAMP AS ingested_at) "
        "FROM releases WHERE release_id = ?",
        [news],
    )

    outcome = quality.run_check(CHECKS["releases_plausibility"], conn, run_scope(conn))

    failure = failures_by_label(outcome)["column_values_to_be_in_set(unflagged_duplicate)"]
    assert [row["release_id"] for row in failure.rows] == ["copy-of-this-run"]  # the earlier one is the original
    assert rows_validated(outcome)["releases.profile"] == 1
