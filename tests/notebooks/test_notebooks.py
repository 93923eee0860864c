"""Every notebook runs top to bottom against the fixture warehouse and draws charts with data; on an empty
warehouse every chart becomes a clear "no data" note instead of a crash. Charts are checked through the
manifest that pipelines.notebook_io.save_chart / no_data write (chart name -> rows drawn)."""

from __future__ import annotations

import json
from pathlib import Path

import duckdb
import nbformat
import pytest

from pipelines.reporting import NOTEBOOKS_DIR, execute

# chart -> a query counting the warehouse rows the chart is drawn from: rows there => the chart must have data.
CHARTS = {
    "metrics_over_time": {
        "strikes_per_day": "SELECT count(*) FROM strikes_daily WHERE country IN ('Iraq', 'Syria') AND spans_days = 1 "
                           "AND strikes IS NOT NULL",
        "strikes_engagements_per_week": "SELECT count(*) FROM strikes_daily WHERE country IN ('Iraq', 'Syria')",
        "cumulative_claims_vs_reports": "SELECT (SELECT count(*) FROM strikes_daily) + (SELECT count(*) FROM metrics "
                                        "WHERE is_cumulative AND name IN ('strikes', 'airstrikes'))",
        "coalition_size": "SELECT count(*) FROM metrics WHERE name = 'coalition_members'",
        "targets_destroyed_per_month": "SELECT count(*) FROM strike_targets WHERE action = 'destroy'",
    },
    "quotes_and_speakers": {
        "top_speakers": "SELECT count(*) FROM quotes_by_speaker",
        "quotes_per_speaker_per_month": "SELECT count(*) FROM quotes_by_speaker WHERE month IS NOT NULL",
        "unnamed_share_per_year": "SELECT count(*) FROM quotes_by_speaker WHERE month IS NOT NULL",
    },
    "entities": {
        "top_entities": "SELECT count(*) FROM entity_trends",
        "enemy_naming_drift": "SELECT count(*) FROM entity_mentions JOIN entities USING (entity_id) "
                              "WHERE entities.name = 'ISIS'",
        "strike_map": "SELECT count(*) FROM metric_daily AS d JOIN entities AS e ON d.location = e.name "
                      "WHERE d.name = 'strikes' AND d.value > 0 AND e.latitude IS NOT NULL "
                      "AND e.name NOT IN ('Iraq', 'Syria')",
        "entity_mentions_per_month": "SELECT count(*) FROM entity_trends",
    },
}


def combined_notebook(folder: Path) -> Path:
    """All notebooks as one (one kernel start-up and one import of altair instead of three: keeps tests fast).
    `make report` runs them one by one, so a notebook leaning on another's variables would fail there."""
    combined = nbformat.v4.new_notebook()
    for name in sorted(CHARTS):
        combined.cells.extend(nbformat.read(NOTEBOOKS_DIR / f"{name}.ipynb", as_version=4).cells)
    path = folder / "all_notebooks.ipynb"
    nbformat.write(combined, path)
    return path


def render(warehouse: Path, out: Path) -> tuple[dict, str]:
    """Execute every notebook against `warehouse`; the chart manifest and the rendered HTML."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("COMMUNIQUE_WAREHOUSE", str(warehouse))
        patch.setenv("COMMUNIQUE_REPORT_DIR", str(out))
        html = execute(combined_notebook(out), out).read_text(encoding="utf-8")
    return json.loads((out / "charts" / "manifest.json").read_text()), html


@pytest.fixture(scope="module")
def rendered(fixture_warehouse, tmp_path_factory) -> tuple[dict, Path]:
    out = tmp_path_factory.mktemp("report")
    manifest, _ = render(fixture_warehouse, out)
    return manifest, out


def test_every_notebook_is_covered():
    assert sorted(p.stem for p in NOTEBOOKS_DIR.glob("*.ipynb")) == sorted(CHARTS)


@pytest.mark.parametrize("name", sorted(CHARTS))
def test_committed_without_outputs(name):
    notebook = nbformat.read(NOTEBOOKS_DIR / f"{name}.ipynb", as_version=4)
    nbformat.validate(notebook)
    code = [cell for cell in notebook.cells if cell.cell_type == "code"]
    assert code and all(not cell.outputs and cell.execution_count is None for cell in code)


def test_fixture_warehouse_has_data(fixture_warehouse):
    # Otherwise the chart assertions below would pass vacuously.
    with duckdb.connect(str(fixture_warehouse), read_only=True) as conn:
        for table in ("releases", "metrics", "quotes", "entity_mentions", "strikes_daily", "quotes_by_speaker"):
            assert conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0] > 0, table


@pytest.mark.parametrize("name", sorted(CHARTS))
def test_notebook_draws_charts_with_data(name, fixture_warehouse, rendered):
    manifest, out = rendered
    with duckdb.connect(str(fixture_warehouse), read_only=True) as conn:
        for chart, source in CHARTS[name].items():
            available = conn.execute(source).fetchone()[0]
            entry = manifest[chart]
            if available == 0:  # an extractor has not delivered this yet: the notebook must say so, not crash
                assert entry["rows"] == 0 and entry["note"], chart
                continue
            assert entry["rows"] > 0, f"{chart}: {available} source rows but an empty chart"
            png = out / "charts" / entry["png"]
            assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and png.stat().st_size > 5_000, chart
            html = (out / "charts" / entry["html"]).read_text(encoding="utf-8")
            assert "Source: communique warehouse" in html, f"{chart} has no source line"


def test_report_html_written(rendered):
    _, out = rendered
    html = (out / "all_notebooks.html").read_text(encoding="utf-8")
    assert "Strikes per day, by country" in html and "Traceback" not in html


def test_empty_warehouse_gives_notes_not_crashes(empty_warehouse, tmp_path):
    manifest, html = render(empty_warehouse, tmp_path)
    expected = {chart for charts in CHARTS.values() for chart in charts}
    assert expected <= set(manifest)
    assert all(entry["rows"] == 0 and entry["note"] for entry in manifest.values())
    assert "No data for" in html
