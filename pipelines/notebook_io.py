"""The one helper notebooks use: read the published warehouse, save charts for reports.

    from pipelines.notebook_io import query, save_chart, no_data
    strikes = query("SELECT * FROM strikes_daily")

Reads go through `pipelines.sandbox.connect_confined`, the connection `communique sql` uses: each `query`
opens the published file read-only, with no access to other files or the network, runs, and closes, so a notebook left open in JupyterLab never holds the warehouse (a run publishes by
renaming a new file over it; the next `query` sees the new data). `COMMUNIQUE_WAREHOUSE` picks the file.
An analyst who needs to read a CSV of their own beside the warehouse opts out explicitly:
`query("SELECT * FROM read_csv('mine.csv')", allow_files=True)`.

Charts go to `COMMUNIQUE_REPORT_DIR` (default `reports/`) as `charts/<name>.png` and `.html`, and every chart
(or "no data" note) is listed with its row count in `charts/manifest.json`, which the notebook tests read.
Everything is self-contained: the chart HTML files carry Vega, Vega-Lite and vega-embed inline (from
vl-convert, nothing fetched from a CDN), and under `make report` charts are emitted as a <div> plus a call to
vega-embed, whose script the report carries once (`pipelines.reporting`). The strike map's basemap is a
public-domain file in `notebooks/data/`.
"""

from __future__ import annotations

import json
import uuid
from datetime import date
from pathlib import Path
from typing import Any

import duckdb
import polars as pl

from pipelines import settings
from pipelines.sandbox import connect_confined

SOURCE = "Source: communique warehouse, built from official press releases"
BASEMAP = settings.notebooks_dir() / "data" / "middle_east_countries.geojson"
REPORT_RENDERER = "communique-report"


def warehouse_path() -> Path:
    return settings.warehouse_path()


def open_warehouse(*, allow_files: bool = False) -> duckdb.DuckDBPyConnection:
    """A confined read-only connection to the published warehouse; close it when done (or use `query`).

    `allow_files=True` is the explicit opt-out: the connection may then read (and write) other files.
    """
    return connect_confined(warehouse_path(), allow_files=allow_files)


def query(sql: str, params: list[Any] | dict[str, Any] | None = None, *, allow_files: bool = False) -> pl.DataFrame:
    """Run one SELECT against the published warehouse and return a polars DataFrame."""
    with open_warehouse(allow_files=allow_files) as conn:
        return conn.execute(sql, params).pl() if params is not None else conn.execute(sql).pl()


def example_sql(name: str) -> str:
    """The text of sql/examples/<name>.sql, so a notebook runs the same query an analyst would."""
    return (settings.SQL_DIR / "examples" / f"{name}.sql").read_text(encoding="utf-8")


def report_dir() -> Path:
    return settings.report_dir()


def charts_dir() -> Path:
    path = report_dir() / "charts"
    path.mkdir(parents=True, exist_ok=True)
    return path


def source_line(what: str) -> str:
    """`Source: …, <what>; warehouse of <date>` — the line under every chart."""
    path = warehouse_path()
    built = date.fromtimestamp(path.stat().st_mtime).isoformat() if path.exists() else "unknown date"
    return f"{SOURCE} ({what}); warehouse of {built}"


def finish(
    chart: Any,
    title: str,
    subtitle: str | list[str] | None,
    source: str,
    width: int | None = 640,
    height: int | None = None,
) -> Any:
    """Give a chart its title, subtitle and a source line underneath (all charts in the reports look alike).

    `width=None` leaves the width alone (faceted and concatenated charts size their panels themselves).
    """
    import altair as alt

    sizing = {key: value for key, value in (("width", width), ("height", height)) if value}
    inner = chart.properties(
        title=alt.TitleParams(title, subtitle=subtitle or "", anchor="start", fontSize=15, subtitleColor="#444"),
        **sizing,
    )
    return (
        alt.vconcat(
            inner,
            title=alt.TitleParams(
                source, orient="bottom", anchor="start", fontSize=10, fontWeight="normal", color="#666"
            ),
        )
        .configure_axis(labelFontSize=11, titleFontSize=12)
        .configure_view(strokeWidth=0)
    )


def chart_rows(chart: Any) -> int:
    """How many data rows a chart draws (the largest inline dataset of its spec)."""
    spec = chart.to_dict()
    datasets = spec.get("datasets", {})
    return max((len(rows) for rows in datasets.values()), default=0)


def _record(name: str, entry: dict[str, Any]) -> None:
    manifest_path = charts_dir() / "manifest.json"
    manifest = json.loads(manifest_path.read_text()) if manifest_path.exists() else {}
    manifest[name] = entry
    manifest_path.write_text(json.dumps(manifest, indent=2, sort_keys=True))


def save_chart(chart: Any, name: str, *, png: bool = True) -> Any:
    """Write charts/<name>.html (interactive, scripts inline) and .png; return the chart so a cell displays it."""
    out = charts_dir()
    chart.save(str(out / f"{name}.html"), inline=True)
    (out / f"{name}.vl.json").write_text(chart.to_json(), encoding="utf-8")  # the spec, for tests and reuse
    if png:
        import vl_convert as vlc

        (out / f"{name}.png").write_bytes(vlc.vegalite_to_png(chart.to_json(), scale=2))
    entry = {"rows": chart_rows(chart), "html": f"{name}.html", "spec": f"{name}.vl.json"}
    _record(name, {**entry, "png": f"{name}.png" if png else None})
    return chart


def no_data(name: str, what: str) -> Any:
    """Show a clear note instead of a chart when a table has nothing to plot yet (and record it as 0 rows)."""
    from IPython.display import Markdown

    _record(name, {"rows": 0, "note": what})
    return Markdown(
        f"> **No data for “{name.replace('_', ' ')}”** — {what}. "
        f"Materialize the assets on more raw files (`make demo`), then re-run this notebook."
    )


def count_axis(title: str, **options: Any) -> Any:
    """An axis for counts: whole-number ticks only (no "2.5 strikes"), thousands separated."""
    import altair as alt

    return alt.Axis(title=title, tickMinStep=1, format=",d", **options)


def basemap(fill: str = "#f2f0eb", stroke: str = "#b9b4a8") -> Any:
    """Country outlines of Iraq, Syria and their neighbours (Natural Earth 1:110m, public domain), offline."""
    import altair as alt

    features = json.loads(BASEMAP.read_text(encoding="utf-8"))["features"]
    return (
        alt.Chart(alt.Data(values=features))
        .mark_geoshape(fill=fill, stroke=stroke, strokeWidth=0.8)
        .encode(tooltip=[alt.Tooltip("properties.name:N", title="Country")])
    )


def report_renderer(spec: dict[str, Any], **_: Any) -> dict[str, str]:
    """A chart as a <div> and a vega-embed call; the report page carries the scripts once (see reporting)."""
    target = f"vis-{uuid.uuid4().hex[:12]}"
    options = {"mode": "vega-lite", "actions": False}
    script = f"vegaEmbed('#{target}', {json.dumps(spec)}, {json.dumps(options)}).catch(console.error);"
    return {"text/html": f'<div id="{target}" class="communique-chart"></div>\n<script>{script}</script>'}


def use_chart_embedding(mode: str | None = None) -> None:
    """Under `make report` (COMMUNIQUE_CHART_EMBED=report) render charts for the self-contained report."""
    if (mode or settings.chart_embedding()) == "report":
        import altair as alt

        alt.renderers.register(REPORT_RENDERER, report_renderer)
        alt.renderers.enable(REPORT_RENDERER)


use_chart_embedding()
