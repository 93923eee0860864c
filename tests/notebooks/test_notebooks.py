"""Every notebook runs top to bottom against the sample data's warehouse and draws every chart with data; on an
empty warehouse every chart becomes a clear "no data" note instead of a crash. Charts are checked through the
manifest that pipelines.notebook_io.save_chart / no_data write (chart name -> rows drawn) and the Vega-Lite
spec saved beside each chart; the pages are opened in headless Chromium with the network blocked."""

from __future__ import annotations

import json
from pathlib import Path

import duckdb
import nbformat
import pytest

from pipelines.reporting import NOTEBOOKS_DIR, execute
from tests.notebooks.browser import open_offline, require_browser

# chart -> a query counting the warehouse rows the chart is drawn from: rows there => the chart must have data.
CHARTS = {
    "metrics_over_time": {
        "strikes_per_day": "SELECT count(*) FROM strikes_daily WHERE country IN ('Iraq', 'Syria') AND spans_days = 1 "
        "AND strikes IS NOT NULL",
        "strikes_engagements_per_week": "SELECT count(*) FROM strikes_daily WHERE country IN ('Iraq', 'Syria')",
        "cumulative_claims_vs_reports": "SELECT count(*) FROM metrics WHERE is_cumulative "
        "AND name IN ('strikes', 'airstrikes')",
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
def rendered(sample_warehouse, tmp_path_factory) -> tuple[dict, Path]:
    out = tmp_path_factory.mktemp("report")
    manifest, _ = render(sample_warehouse, out)
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
def test_notebook_draws_charts_with_data(name, sample_warehouse, rendered):
    manifest, out = rendered
    with duckdb.connect(str(sample_warehouse), read_only=True) as conn:
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


def test_the_sample_data_fills_every_chart(rendered):
    """The sample raw/ (seeds + development corpus) is there to show every feature: no chart without data."""
    manifest, _ = rendered
    empty = sorted(name for name, entry in manifest.items() if not entry["rows"])
    assert empty == []


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


# --- What the charts say: read from the Vega-Lite spec saved beside each chart --------------------------------


def spec(out: Path, name: str) -> dict:
    return json.loads((out / "charts" / f"{name}.vl.json").read_text(encoding="utf-8"))


def walk(node):
    """Every dict inside a spec (layers, concatenations, facets, encodings …)."""
    if isinstance(node, dict):
        yield node
        for value in node.values():
            yield from walk(value)
    elif isinstance(node, list):
        for value in node:
            yield from walk(value)


def datasets_with(chart: dict, field: str) -> list[dict]:
    """Rows holding `field`, from the spec's named datasets and inline `data.values`."""
    tables = list(chart.get("datasets", {}).values())
    tables += [node["values"] for node in walk(chart) if isinstance(node.get("values"), list)]
    return [row for rows in tables for row in rows if isinstance(row, dict) and field in row]


def test_months_and_years_are_on_time_axes(rendered):
    """A month or year with nothing to show must be a visible gap: never an ordinal (categorical) axis."""
    manifest, out = rendered
    for name in manifest:
        for node in walk(spec(out, name)):
            time_unit = node.get("timeUnit")
            if isinstance(time_unit, str) and time_unit in {"yearmonth", "year", "yearmonthdate"} and "type" in node:
                assert node["type"] == "temporal", f"{name}: {node}"


def test_count_axes_have_whole_number_ticks(rendered):
    manifest, out = rendered
    for name in manifest:
        for node in walk(spec(out, name)):
            axis = node.get("axis")
            if node.get("type") == "quantitative" and isinstance(axis, dict) and "(count)" in str(axis.get("title")):
                assert axis.get("tickMinStep") == 1 and axis.get("format", "").endswith("d"), f"{name}: {axis}"


def test_rolling_average_is_over_calendar_days(rendered):
    """Strikes over the last 7 calendar days divided by 7: days without a report add nothing but still count."""
    from datetime import date, timedelta

    _, out = rendered
    chart = spec(out, "strikes_per_day")
    per_day: dict[date, float] = {}
    for row in datasets_with(chart, "strikes"):
        day = date.fromisoformat(str(row["activity_date"])[:10])
        per_day[day] = per_day.get(day, 0) + row["strikes"]
    rolling = datasets_with(chart, "rolling_avg")
    assert rolling
    for row in rolling:
        day = date.fromisoformat(str(row["activity_date"])[:10])
        week = sum(per_day.get(day - timedelta(days=k), 0) for k in range(7))
        assert row["rolling_avg"] == pytest.approx(week / 7), day


def test_running_totals_start_from_a_reported_total(rendered):
    """A cumulative series is anchored on what releases reported, never a running sum started from zero."""
    _, out = rendered
    chart = spec(out, "cumulative_claims_vs_reports")
    reported = [row["value"] for row in datasets_with(chart, "qualifier")]
    estimates = datasets_with(chart, "running_sum")
    assert reported
    for row in estimates:
        assert row["running_sum"] >= min(reported)


def test_strike_map_has_a_basemap_and_labels_every_struck_town(rendered):
    _, out = rendered
    chart = spec(out, "strike_map")
    marks = [node.get("mark") for node in walk(chart) if "mark" in node]
    assert any((m if isinstance(m, str) else m.get("type")) == "geoshape" for m in marks)
    countries = {f["properties"]["name"] for f in datasets_with(chart, "geometry")}
    assert {"Iraq", "Syria"} <= countries
    struck = {
        row["name"]
        for row in datasets_with(chart, "strikes")
        if row["strikes"] > 0 and "latitude" in row and row["name"] not in countries
    }
    labels = {row["name"] for row in datasets_with(chart, "align")}
    assert struck and struck <= labels


# --- Self-contained: the pages render in a browser with the network blocked -----------------------------------


def drawn_offline(url: str) -> tuple[int, list[str], list[str]]:
    """(charts drawn, urls blocked, script errors) of a page opened in headless Chromium with the network blocked."""
    with open_offline(url) as opened:
        opened.page.wait_for_function(
            "document.querySelectorAll('.vega-embed canvas, .vega-embed svg.marks').length > 0", timeout=20_000
        )
        opened.page.wait_for_timeout(500)
        drawn = opened.page.locator(".vega-embed canvas, .vega-embed svg.marks").count()
        return drawn, opened.blocked, opened.errors


@pytest.fixture(scope="module")
def browser_ready():
    require_browser()


def test_report_renders_offline(rendered, browser_ready):
    manifest, out = rendered
    drawn, blocked, errors = drawn_offline((out / "all_notebooks.html").as_uri())
    with_data = sum(1 for entry in manifest.values() if entry["rows"])
    assert drawn >= with_data and not errors, (drawn, errors)
    assert blocked == [], f"the report asked the network for {blocked}"


@pytest.mark.parametrize("chart", ["strikes_per_day", "strike_map"])
def test_chart_pages_render_offline(rendered, browser_ready, chart):
    _, out = rendered
    drawn, blocked, errors = drawn_offline((out / "charts" / f"{chart}.html").as_uri())
    assert drawn >= 1 and not errors and blocked == [], (drawn, blocked, errors)
