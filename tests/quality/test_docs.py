"""`make quality`: validates the published warehouse read-only and writes Data Docs."""

from __future__ import annotations

from pipelines.quality import docs
from tests.quality.fixture_warehouse import drop_constraints


def test_quality_docs_on_clean_warehouse(warehouse_copy, tmp_path, capsys):
    out = tmp_path / "quality"
    assert docs.main(["--warehouse", str(warehouse_copy), "--out", str(out)]) == 0
    printed = capsys.readouterr().out
    assert f"Data Docs: {out / 'index.html'}" in printed
    assert (out / "index.html").is_file()
    validated = {p.relative_to(out / "validations").parts[:2] for p in (out / "validations").rglob("*.html")}
    assert {("metrics", "strike_report_sums"), ("releases", "keys"), ("entities", "keys")} <= validated
    suite_page = (out / "expectations" / "metrics" / "cumulative_series.html").read_text(encoding="utf-8")
    assert "never falls" in suite_page  # each expectation's reason is rendered with it


def test_quality_docs_exit_code_reports_blocking_failures(conn, warehouse_copy, tmp_path, capsys):
    drop_constraints(conn, "releases")
    conn.execute("INSERT INTO releases SELECT * FROM releases LIMIT 1")
    conn.close()
    assert docs.main(["--warehouse", str(warehouse_copy), "--out", str(tmp_path / "q")]) == 1
    printed = capsys.readouterr().out
    assert "failed  releases_integrity" in printed
    assert "column_values_to_be_unique(release_id)" in printed


def test_quality_docs_without_a_warehouse(tmp_path, capsys):
    assert docs.main(["--warehouse", str(tmp_path / "missing.duckdb")]) == 2
    assert "no warehouse" in capsys.readouterr().err
