"""Make GX Data Docs self-contained: every script, style, font and image they load comes from the docs folder.

GX 1.x has no option for this (its templates hard-code CDN addresses, and custom views cannot replace them), so
after each build the pages are rewritten: CDN addresses point at the copies shipped in pipelines/quality/static/
(see vendor_assets), copied to <docs>/static/vendor/; Vega, Vega-Lite and vega-embed become one script from
vl-convert (the bundle the report's charts embed); the GX logo comes from GX's own static/images/.
Rewriting is idempotent, so pages left by earlier builds are fixed too.
"""

from __future__ import annotations

import os
import re
import shutil
from pathlib import Path

from pipelines.quality.vendor_assets import VENDOR_DIR, cdn_map

_VEGA_SCRIPT = re.compile(r'<script src="https://cdn\.jsdelivr\.net/npm/(vega|vega-lite|vega-embed)@\d+"></script>\n?')
_GX_ASSETS = "https://great-expectations-web-assets.s3.us-east-2.amazonaws.com/"
_GX_LOGO = re.compile(re.escape(_GX_ASSETS) + r"logo-long\.png(\?[^\"']*)?")
# Subresource-integrity and CORS attributes make Chromium refuse file:// scripts (their origin is opaque).
_CORS_ATTRIBUTES = re.compile(r'\s+(?:integrity="[^"]*"|crossorigin="[^"]*")')
# Tags whose src/href the browser fetches by itself (links a reader clicks, <a href>, are not loads).
_EXTERNAL_LOAD = re.compile(r'<(?:script|link|img|iframe|source|embed)\b[^>]*?\b(?:src|href)="((?:https?:)?//[^"]+)"')
# GX counts the dots of a suite name to find static/ from a validation page, one folder short for ours.
_GX_STATIC = re.compile(r'(src|href)="(?:\./|(?:\.\./)+)static/')
VEGA_BUNDLE = "vega/vega-bundle.js"


def make_offline(docs_dir: Path) -> None:
    """Copy the shipped assets into `docs_dir`/static/vendor and point every page of the site at them."""
    static = docs_dir / "static"
    shutil.copytree(VENDOR_DIR, static / "vendor", dirs_exist_ok=True)
    _write_vega_bundle(static / "vendor" / VEGA_BUNDLE)
    _localize_styles(static / "styles")
    addresses = cdn_map()
    for page in docs_dir.rglob("*.html"):
        text = page.read_text(encoding="utf-8")
        localized = localize_page(text, Path(os.path.relpath(static, page.parent)).as_posix(), addresses)
        if localized != text:
            page.write_text(localized, encoding="utf-8")


def localize_page(page: str, static: str, addresses: dict[str, str]) -> str:
    """The page with its CDN loads replaced by paths under `static` (the docs' static/ folder, relative)."""
    page = _GX_STATIC.sub(lambda match: f'{match[1]}="{static}/', page)
    for url, local in addresses.items():
        page = page.replace(f'"{url}"', f'"{static}/vendor/{local}"')
    page = _VEGA_SCRIPT.sub(
        lambda match: f'<script src="{static}/vendor/{VEGA_BUNDLE}"></script>\n' if match[1] == "vega" else "", page
    )
    page = _GX_LOGO.sub(f"{static}/images/logo-long.png", page)
    return _CORS_ATTRIBUTES.sub("", page)


def external_loads(page: str) -> list[str]:
    """Addresses off this machine that the page's scripts, styles and images would fetch."""
    return _EXTERNAL_LOAD.findall(page)


def _write_vega_bundle(path: Path) -> None:
    """vl-convert's bundle (~0.9 MB, a few seconds to make): rewritten only when vl-convert or Altair changed."""
    import vl_convert as vlc
    from altair.utils._importers import vl_version_for_vl_convert

    from pipelines.reporting import vega_bundle

    stamp = path.with_suffix(".version")
    version = f"vl-convert {vlc.__version__}, vega-lite {vl_version_for_vl_convert()}\n"
    if path.is_file() and stamp.is_file() and stamp.read_text(encoding="utf-8") == version:
        return
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(vega_bundle(), encoding="utf-8")
    stamp.write_text(version, encoding="utf-8")


def _localize_styles(styles: Path) -> None:
    """GX's dark-mode stylesheet draws its logo from GX's web server: use the copy in static/images instead."""
    for sheet in styles.glob("*.css"):
        text = sheet.read_text(encoding="utf-8")
        localized = re.sub(re.escape(_GX_ASSETS) + r"full_logo_dark\.png", "../images/logo-long.png", text)
        if localized != text:
            sheet.write_text(localized, encoding="utf-8")
