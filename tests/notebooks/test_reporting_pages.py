"""The report pages: CDN links removed and Vega written in once; the index says which charts had no data."""

from __future__ import annotations

from pathlib import Path

from pipelines.reporting import index_page, offline_page

PAGE = """<html><head>
<script src="https://cdnjs.cloudflare.com/ajax/libs/require.js/2.1.10/require.min.js"></script>
<link rel="stylesheet" href="https://cdn.example.org/style.css">
<script src="local.js"></script>
</head><body><div id="vis-1"></div></body></html>"""


def test_offline_page_drops_cdn_links_and_carries_vega():
    page = offline_page(PAGE)
    assert "cdnjs.cloudflare.com" not in page and "cdn.example.org" not in page
    assert '<script src="local.js"></script>' in page
    assert page.index("local.js") < page.index("vegaEmbed") < page.index('<body><div id="vis-1">')


def test_index_lists_charts_and_says_which_had_no_data():
    manifest = {
        "strikes_per_day": {"rows": 12, "html": "strikes_per_day.html"},
        "coalition_size": {"rows": 0, "note": "no coalition-size figures in `metrics`"},
    }
    page = index_page(manifest, [Path("metrics_over_time.html")])
    assert '<a href="charts/strikes_per_day.html">strikes per day</a> (12 rows)' in page
    assert "coalition size: <strong>no data</strong>: no coalition-size figures in `metrics`" in page
    assert '<a href="metrics_over_time.html">metrics over time</a>' in page
