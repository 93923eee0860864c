"""`communique evaluate`: build (or read) a warehouse for a raw folder and score it against a gold file."""

from __future__ import annotations

import json
import tempfile
from pathlib import Path
from typing import Annotated

import typer

from pipelines.cli.common import fail
from pipelines.evaluation import GoldError, load_gold, score_warehouse
from pipelines.evaluation.report import render
from pipelines.warehouse import connect_read_only


def evaluate(
    raw: Annotated[Path, typer.Option("--raw", help="Folder of raw files the gold file annotates.", file_okay=False)],
    gold: Annotated[
        Path, typer.Option("--gold", help="Gold annotations, JSON Lines (see docs: gold format).", dir_okay=False)
    ],
    warehouse: Annotated[
        Path | None,
        typer.Option(
            "--warehouse",
            "-w",
            help="Score this warehouse if it exists, else build it there [default: build into a temporary file].",
        ),
    ] = None,
    json_out: Annotated[
        Path | None, typer.Option("--json", help="Also write the full report (issues included) as JSON here.")
    ] = None,
    verbose: Annotated[bool, typer.Option("--verbose", "-v", help="List every miss, extra and wrong field.")] = False,
) -> None:
    """Score extraction against gold annotations: per-table precision/recall/F1 and per-field accuracy.

    Example: communique evaluate --raw raw --gold tests/fixtures/seeds/gold.jsonl --verbose
    """
    if not raw.is_dir():
        fail(f"raw folder {raw} does not exist")
    if not gold.is_file():
        fail(f"gold file {gold} does not exist")
    try:
        documents = load_gold(gold)
    except (GoldError, UnicodeDecodeError) as exc:
        fail(f"cannot read the gold file: {exc}")
    with tempfile.TemporaryDirectory(prefix="communique-evaluate-") as scratch:
        path = Path(warehouse) if warehouse else Path(scratch) / "evaluate.duckdb"
        if not path.exists():
            from pipelines.evaluation.build import build_warehouse  # imports Dagster: only when building

            typer.echo(f"Building a warehouse for {raw} ...", err=True)
            try:
                build_warehouse(raw, path)
            except Exception as exc:  # noqa: BLE001 - any failure of the run is reported as one line
                fail(f"building the warehouse failed: {' '.join(str(exc).split())[:300]}")
        conn = connect_read_only(path)
        try:
            report = score_warehouse(conn, documents, raw_dir=raw)
        finally:
            conn.close()
        report.sources = {
            "gold": str(gold),
            "warehouse": str(warehouse) if warehouse else "(temporary)",
            "raw": str(raw),
        }
    typer.echo(render(report, verbose=verbose))
    if json_out:
        json_out.parent.mkdir(parents=True, exist_ok=True)
        json_out.write_text(json.dumps(report.as_dict(), indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
