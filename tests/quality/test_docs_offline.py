"""The Data Docs are self-contained: their scripts, styles, fonts and images come from the docs folder, and the
pages render in headless Chromium with every request off the machine aborted."""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import unquote

import pytest

from pipelines.quality import docs
from pipelines.quality.offline_docs import external_loads, make_offline
from pipelines.quality.vendor_assets import VENDOR_DIR, VENDORED
from tests.notebooks.browser import open_offline, require_browser

_LOCAL_LOAD = re.compile(r'<(?:script|link|img)\b[^>]*?\b(?:src|href)="(?!https?:|//|#|data:)([^"?#]+)')


@pytest.fixture(scope="module")
def site(clean_warehouse, tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("offline_docs")
    _, index = docs.validate_warehouse(clean_warehouse, out)
    return index.parent


def pages(site: Path) -> list[Path]:
    return sorted(site.rglob("*.html"))


def test_no_page_loads_anything_from_the_network(site):
    assert len(pages(site)) > 10
    for page in pages(site):
        assert external_loads(page.read_text(encoding="utf-8")) == [], page.relative_to(site)
    for sheet in (site / "static").rglob("*.css"):
        assert not re.search(r"url\(\s*['\"]?(https?:)?//", sheet.read_text(encoding="utf-8")), sheet


def test_every_local_script_style_and_image_exists(site):
    for page in pages(site):
        for target in _LOCAL_LOAD.findall(page.read_text(encoding="utf-8")):
            assert (page.parent / unquote(target)).resolve().is_file(), (page.relative_to(site), target)


def test_shipped_assets_come_with_their_licenses():
    for package in VENDORED:
        folder = VENDOR_DIR / package.folder
        assert any(folder.glob("LICENSE*")), package.name
        for _, local in package.files:
            assert (folder / local).is_file(), (package.name, local)


def test_rewriting_twice_changes_nothing(site):
    before = {page: page.read_bytes() for page in pages(site)}
    make_offline(site)
    assert {page: page.read_bytes() for page in pages(site)} == before


def rendered(url: str) -> dict:
    """What the page shows once loaded offline: libraries defined, styles applied, table rows, blocked requests."""
    with open_offline(url) as opened:
        page = opened.page
        page.wait_for_function("document.querySelectorAll('.bootstrap-table').length > 0", timeout=20_000)
        page.evaluate("document.fonts.ready")
        state = page.evaluate(
            """() => ({
                jquery: typeof jQuery === 'function',
                bootstrap_table: typeof jQuery.fn.bootstrapTable === 'function',
                bootstrap_tooltips: typeof jQuery.fn.tooltip === 'function',
                vega_embed: typeof vegaEmbed === 'function',
                table_collapsed: getComputedStyle(document.querySelector('table')).borderCollapse,
                table_container: getComputedStyle(
                    document.querySelector('.bootstrap-table .fixed-table-container')).position,
                icons: document.fonts.check('900 16px "Font Awesome 6 Free"'),
                rows: document.querySelectorAll('.bootstrap-table tbody tr').length,
            })"""
        )
        return {**state, "blocked": opened.blocked, "errors": opened.errors}


def expected(state: dict) -> dict:
    return {
        "jquery": True,
        "bootstrap_table": True,
        "bootstrap_tooltips": True,
        "vega_embed": True,
        "table_collapsed": "collapse",  # bootstrap's reboot
        "table_container": "relative",  # bootstrap-table's styles
        "icons": True,
        "rows": state["rows"] or "some rows",
        "blocked": [],
        "errors": [],
    }


def test_index_renders_offline(site):
    require_browser()
    state = rendered((site / "index.html").as_uri())
    assert state == expected(state)


def test_validation_page_renders_offline(site):
    require_browser()
    page = next(site.glob("validations/releases/keys/**/*.html"))
    state = rendered(page.as_uri())
    assert state == expected(state)
