"""`make report`: execute every notebook against the current warehouse; HTML and chart PNGs under reports/.

    uv run python -m pipelines.reporting                 # all notebooks, into reports/
    uv run python -m pipelines.reporting entities        # one notebook
    COMMUNIQUE_WAREHOUSE=/path/w.duckdb COMMUNIQUE_REPORT_DIR=/tmp/r uv run python -m pipelines.reporting

Each notebook runs in a fresh kernel (nbclient) with the working directory at the project root and the
environment passed through, so it reads the warehouse `COMMUNIQUE_WAREHOUSE` names; the executed copy is
rendered to `reports/<notebook>.html` (nbconvert) and its charts land in `reports/charts/` with a
`manifest.json` of row counts. The committed notebooks are never modified.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

from pipelines import settings
from pipelines.notebook_io import report_dir
from pipelines.warehouse import WarehouseMissing

NOTEBOOKS_DIR = settings.PROJECT_ROOT / "notebooks"
CELL_TIMEOUT_SECONDS = 300


def notebooks(names: list[str] | None = None) -> list[Path]:
    paths = sorted(NOTEBOOKS_DIR.glob("*.ipynb"))
    if names:
        wanted = {Path(n).stem for n in names}
        paths = [p for p in paths if p.stem in wanted]
        missing = wanted - {p.stem for p in paths}
        if missing:
            raise SystemExit(f"no such notebook: {', '.join(sorted(missing))} (in {NOTEBOOKS_DIR})")
    return paths


def execute(path: Path, out_dir: Path) -> Path:
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
    client.execute()
    html, _ = HTMLExporter().from_notebook_node(notebook)
    target = out_dir / f"{path.stem}.html"
    target.write_text(html, encoding="utf-8")
    return target


def build_reports(names: list[str] | None = None, out_dir: Path | None = None) -> list[Path]:
    """Execute the notebooks into out_dir (default: COMMUNIQUE_REPORT_DIR or reports/); return the HTML paths."""
    out_dir = Path(out_dir or report_dir())
    warehouse = settings.warehouse_path()
    if not warehouse.exists():
        raise WarehouseMissing(f"no warehouse at {warehouse}; run `make demo` (or materialize the assets) first")
    out_dir.mkdir(parents=True, exist_ok=True)
    # The kernels inherit the environment: point them at the same report folder and warehouse as this process.
    os.environ["COMMUNIQUE_REPORT_DIR"] = str(out_dir)
    os.environ["COMMUNIQUE_WAREHOUSE"] = str(warehouse)
    (out_dir / "charts" / "manifest.json").unlink(missing_ok=True)
    written = []
    for path in notebooks(names):
        started = time.monotonic()
        written.append(execute(path, out_dir))
        print(f"  {path.name:32} -> {written[-1]}  ({time.monotonic() - started:.1f}s)")
    return written


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m pipelines.reporting", description=__doc__.split("\n\n")[0])
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
    print(f"{len(written)} notebook(s) rendered; charts (PNG + HTML) in {out / 'charts'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
