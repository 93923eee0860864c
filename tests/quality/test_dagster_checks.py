"""Real in-process runs: checks evaluate right after their asset, a blocking failure stops the assets downstream,
a warning does not, and every outcome lands in the run's summary."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import dagster as dg
import duckdb
import pytest

from pipelines.assets.ingest import raw_documents, releases
from pipelines.quality import asset_checks
from pipelines.resources import WarehouseResource
from pipelines.warehouse import apply_schema
from tests.conftest import build_warehouse
from tests.quality.fixture_warehouse import FIXTURES, NEWS, STRIKES

RELEASE_CHECKS = [c for c in asset_checks if any(k.asset_key == releases.key for k in c.check_keys)]


@dg.asset(deps=[releases], description="Test stand-in for everything downstream of releases.")
def downstream_probe(warehouse: WarehouseResource) -> dg.MaterializeResult:
    with warehouse.writer() as conn:
        conn.execute("CREATE OR REPLACE TABLE probe AS SELECT count(*) AS releases FROM releases")
    return dg.MaterializeResult()


def raw_folder(tmp_path: Path) -> Path:
    raw = tmp_path / "raw"
    raw.mkdir()
    for name in (NEWS, STRIKES):
        shutil.copy(FIXTURES / name, raw / name)
    return raw


def seed_release(warehouse: Path, kind: str, published: str) -> None:
    """A release already in the published warehouse (from an earlier run) that the checks will read."""
    conn = duckdb.connect(str(warehouse))
    try:
        apply_schema(conn)
        conn.execute(
            "INSERT INTO releases (release_id, content_sha256, kind, body, word_count, extractor_version, ingested_at, "
            "published_date, title, dateline) VALUES ('seeded', repeat('0', 64), ?, ?, 40, 'old', now()::TIMESTAMP, "
            "CAST(? AS DATE), 'A seeded release', 'MIDDLE EAST')",
            [
                kind,
                "MIDDLE EAST – " + "Coalition forces continued to advise partner units in the region. " * 4,
                published,
            ],
        )
    finally:
        conn.close()


def run(tmp_path: Path, warehouse: Path) -> dg.ExecuteInProcessResult:
    return build_warehouse(
        raw_folder(tmp_path), warehouse, assets=[raw_documents, releases, downstream_probe, *RELEASE_CHECKS]
    )


def evaluations(result: dg.ExecuteInProcessResult) -> dict[str, dg.AssetCheckEvaluation]:
    return {e.check_name: e for e in result.get_asset_check_evaluations()}


def materialized(result: dg.ExecuteInProcessResult) -> set[str]:
    return {e.asset_key.to_user_string() for e in result.get_asset_materialization_events()}


def test_clean_run_passes_every_check_and_runs_downstream(tmp_path):
    warehouse = tmp_path / "communique.duckdb"
    result = run(tmp_path, warehouse)

    assert result.success
    checks = evaluations(result)
    assert set(checks) == {"releases_integrity", "releases_plausibility", "rejected_files_share"}
    assert all(e.passed for e in checks.values())
    assert "downstream_probe" in materialized(result)
    conn = duckdb.connect(str(warehouse), read_only=True)
    try:
        summary = json.loads(conn.execute("SELECT summary FROM runs").fetchone()[0])
    finally:
        conn.close()
    assert summary["checks"] == dict.fromkeys(checks, "passed")


def test_blocking_failure_stops_the_downstream_asset(tmp_path):
    warehouse = tmp_path / "communique.duckdb"
    seed_release(warehouse, kind="press_kit", published="2016-01-01")
    result = run(tmp_path, warehouse)

    integrity = evaluations(result)["releases_integrity"]
    assert not integrity.passed
    assert integrity.severity == dg.AssetCheckSeverity.ERROR
    assert "column_values_to_be_in_set(kind)" in integrity.metadata["failed_expectations"].value
    assert "press_kit" in integrity.metadata["offending_rows"].value
    assert "releases" in materialized(result)
    assert "downstream_probe" not in materialized(result)
    assert not result.success


def test_warning_does_not_stop_the_downstream_asset(tmp_path):
    warehouse = tmp_path / "communique.duckdb"
    seed_release(warehouse, kind="news", published="2099-03-01")
    result = run(tmp_path, warehouse)

    checks = evaluations(result)
    assert checks["releases_integrity"].passed
    plausibility = checks["releases_plausibility"]
    assert not plausibility.passed
    assert plausibility.severity == dg.AssetCheckSeverity.WARN
    assert "2099-03-01" in plausibility.metadata["offending_rows"].value
    assert "downstream_probe" in materialized(result)
    assert result.success


@pytest.mark.parametrize("check", asset_checks, ids=lambda c: next(iter(c.check_keys)).name)
def test_each_check_has_a_description_listing_its_reasons(check):
    (spec,) = check.check_specs
    assert spec.description and "\n- " in spec.description
    assert spec.blocking == ("severity ERROR" in spec.description)


def test_full_pipeline_on_fixtures_meets_every_blocking_check(tmp_path, warehouse_builder):
    """Every asset with every check, the extractors included: their rows must satisfy the contract's invariants."""
    result = warehouse_builder(raw_folder(tmp_path), tmp_path / "communique.duckdb", with_checks=True)
    checks = evaluations(result)
    assert len(checks) == len(asset_checks)
    broken = {
        name: e.metadata.get("failed_expectations")
        for name, e in checks.items()
        if not e.passed and e.severity == dg.AssetCheckSeverity.ERROR
    }
    assert not broken
    assert result.success


def test_quality_docs_asset_writes_data_docs_beside_the_warehouse(clean_warehouse, tmp_path):
    from pipelines.quality.docs_asset import quality_docs

    warehouse = tmp_path / "communique.duckdb"
    shutil.copy(clean_warehouse, warehouse)
    result = dg.materialize([quality_docs], resources={"warehouse": WarehouseResource(path=str(warehouse))})
    assert result.success
    (event,) = result.get_asset_materialization_events()
    metadata = event.materialization.metadata
    assert metadata["index"].value == str(tmp_path / "quality" / "index.html")
    assert (tmp_path / "quality" / "index.html").is_file()
    assert set(metadata["checks"].value.values()) == {"passed"}
