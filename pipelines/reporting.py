"""`make report`: execute every notebook against the current warehouse; self-contained HTML under reports/.

    uv run python -m pipelines.reporting                 # all notebooks, into reports/
    uv run python -m pipelines.reporting entities        # one notebook
    COMMUNIQUE_WAREHOUSE=/path/w.duckdb COMMUNIQUE_REPORT_DIR=/tmp/r uv run python -m pipelines.reporting

Each notebook runs in a fresh kernel (nbclient) with the working directory at the project root and an
environment naming the warehouse and report folder; the executed copy is rendered to `reports/<notebook>.html`
(nbconvert) and its charts land in `reports/charts/` with a `manifest.json` of row counts; `reports/index.html`
lists every chart, and says which had no data and why. The committed notebooks are never modified.

The pages open offline: Vega, Vega-Lite and vega-embed are written into each page once (from vl-convert's
bundle), charts are emitted as a call to vega-embed, and the page's links to CDN scripts are removed.
"""

from __future__ import annotations

import argparse
import html
import json
import os
import re
import sys
import time
from functools import cache
from pathlib import Path
from typing import Any

from pipelines import settings
from pipelines.notebook_io import report_dir
from pipelines.warehouse import WarehouseMissing

NOTEBOOKS_DIR = settings.notebooks_dir()
CELL_TIMEOUT_SECONDS = 300
_EXTERNAL_SCRIPT = re.compile(r'<script[^>]*\bsrc="https?://[^"]*"[^>]*>\s*</script>', re.IGNORECASE)
_EXTERNAL_STYLESHEET = re.compile(r'<link[^>]*\bhref="https?://[^"]*"[^>]*>', re.IGNORECASE)


def notebooks(names: list[str] | None = None) -> list[Path]:
    paths = sorted(NOTEBOOKS_DIR.glob("*.ipynb"))
    if names:
        wanted = {Path(n).stem for n in names}
        paths = [p for p in paths if p.stem in wanted]
        missing = wanted - {p.stem for p in paths}
        if missing:
            raise SystemExit(f"no such notebook: {', '.join(sorted(missing))} (in {NOTEBOOKS_DIR})")
    return paths


@cache
def vega_bundle() -> str:
    """vega-embed with Vega and the Vega-Lite version Altair writes, as one script (shipped by vl-convert)."""
    import vl_convert as vlc
    from altair.utils._importers import vl_version_for_vl_convert

    return vlc.javascript_bundle(vl_version=vl_version_for_vl_convert())


def offline_page(page: str) -> str:
    """The page without links to CDN scripts or styles, with the Vega scripts inline in its head."""
    page = _EXTERNAL_STYLESHEET.sub("", _EXTERNAL_SCRIPT.sub("", page))
    bundle = vega_bundle().replace("</script", "<\\/script")
    head_script = f'<script type="text/javascript">\n{bundle}\n</script>\n'
    return page.replace("</head>", head_script + "</head>", 1)


def kernel_environment(out_dir: Path, warehouse: Path) -> dict[str, str]:
    """What the notebook kernels see: this environment, pointed at the same warehouse and report folder."""
    return {
        **os.environ,
        "COMMUNIQUE_REPORT_DIR": str(out_dir),
        "COMMUNIQUE_WAREHOUSE": str(warehouse),
        "COMMUNIQUE_CHART_EMBED": "report",
    }


def execute(path: Path, out_dir: Path, env: dict[str, str] | None = None) -> Path:
    """Run one notebook top to bottom and write its HTML; raises nbclient's CellExecutionError on failure."""
    import nbformat
    from nbclient import NotebookClient
    from nbconvert import HTMLExporter

    notebook = nbformat.read(path, as_version=4)
    client = NotebookClient(
        notebook,
        timeout=CELL_TIMEOUT_SECONDS,
        kernel_name="python3",
        resources={"metadata": {"path": str(settings.PROJECT_ROOT)}},
    )
    client.execute(env=env or kernel_environment(out_dir, settings.warehouse_path()))
    page, _ = HTMLExporter().from_notebook_node(notebook)
    target = out_dir / f"{path.stem}.html"
    target.write_text(offline_page(page), encoding="utf-8")
    return target


def index_page(manifest: dict[str, Any], pages: list[Path]) -> str:
    """reports/index.html: every notebook page, every chart, and a line for each chart that had no data."""
    items = []
    for name, entry in sorted(manifest.items()):
        label = html.escape(name.replace("_", " "))
        if entry.get("rows"):
            items.append(f'<li><a href="charts/{entry["html"]}">{label}</a> ({entry["rows"]:,} rows)</li>')
        else:
            items.append(f"<li>{label}: <strong>no data</strong>: {html.escape(entry.get('note', ''))}</li>")
    links = "".join(f'<li><a href="{p.name}">{html.escape(p.stem.replace("_", " "))}</a></li>' for p in pages)
    return (
        '<!DOCTYPE html><html><head><meta charset="utf-8"><title>communique reports</title></head><body>'
        f"<h1>communique reports</h1><h2>Notebooks</h2><ul>{links}</ul><h2>Charts</h2><ul>{''.join(items)}</ul>"
        "</body></html>\n"
    )


def build_reports(names: list[str] | None = None, out_dir: Path | None = None) -> list[Path]:
    """Execute the notebooks into out_dir (default: COMMUNIQUE_REPORT_DIR or reports/); return the HTML paths."""
    out_dir = Path(out_dir or report_dir())
    warehouse = settings.warehouse_path()
    if not warehouse.exists():
        raise WarehouseMissing(f"no warehouse at {warehouse}; run `make demo` (or materialize the assets) first")
    out_dir.mkdir(parents=True, exist_ok=True)
    env = kernel_environment(out_dir, warehouse)
    manifest_path = out_dir / "charts" / "manifest.json"
    manifest_path.unlink(missing_ok=True)
    written = []
    for path in notebooks(names):
        started = time.monotonic()
        written.append(execute(path, out_dir, env))
        print(f"  {path.name:32} -> {written[-1]}  ({time.monotonic() - started:.1f}s)")
    manifest = json.loads(manifest_path.read_text()) if manifest_path.exists() else {}
    (out_dir / "index.html").write_text(index_page(manifest, written), encoding="utf-8")
    return written


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m pipelines.reporting", description=(__doc__ or "").split("\n\n")[0])
    parser.add_argument("notebooks", nargs="*", help="notebook names (default: every notebook in notebooks/)")
    parser.add_argument("--out", type=Path, help="output folder (default: $COMMUNIQUE_REPORT_DIR or reports/)")
    args = parser.parse_args(argv)
    print(f"Rendering notebooks against {settings.warehouse_path()} ...")
    try:
        written = build_reports(args.notebooks or None, args.out)
    except WarehouseMissing as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    except Exception as error:  # a failing cell: nbclient's message names the cell and the traceback
        print(f"error: a notebook failed:\n{error}", file=sys.stderr)
        return 1
    out = written[0].parent if written else report_dir()
    print(f"{len(written)} notebook(s) rendered; index: {out / 'index.html'}; charts in {out / 'charts'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
