"""`communique status`: what the warehouse holds, when it was last published, what was rejected."""

from __future__ import annotations

import json

import typer

from pipelines.cli.common import WarehouseOption, fail, warehouse_or_default
from pipelines.warehouse import WarehouseMissing, connect_read_only

CONTRACT_TABLES = ("raw_documents", "releases", "quotes", "metrics", "entities", "entity_mentions", "rejected_files")


def status(warehouse: WarehouseOption = None) -> None:
    """Summarize the warehouse: rows per table, last run, rejected files with reasons.

    Example: communique status --warehouse warehouse/communique.duckdb
    """
    path = warehouse_or_default(warehouse)
    try:
        conn = connect_read_only(path)
    except WarehouseMissing as exc:
        fail(str(exc))
    with conn:
        typer.echo(f"Warehouse: {path}")
        last = conn.execute("SELECT run_id, published_at FROM runs ORDER BY published_at DESC LIMIT 1").fetchone()
        typer.echo(
            f"Last run:  {last[1]:%Y-%m-%d %H:%M:%S} UTC (run {last[0][:8]})" if last else "Last run:  none recorded"
        )
        typer.echo("")
        typer.echo("Rows per table:")
        for table in CONTRACT_TABLES:
            typer.echo(f"  {table:<16} {conn.execute(f'SELECT count(*) FROM {table}').fetchone()[0]:>9,}")
        marts = [
            r[0]
            for r in conn.execute(
                "SELECT table_name FROM duckdb_tables() WHERE schema_name = 'main' AND table_name NOT IN "
                "(SELECT unnest($t)) AND table_name NOT IN ('raw_files', 'runs', 'extraction_state') ORDER BY 1",
                {"t": list(CONTRACT_TABLES)},
            ).fetchall()
        ]
        for mart in marts:
            typer.echo(f"  {mart:<16} {conn.execute(f'SELECT count(*) FROM {mart}').fetchone()[0]:>9,}  (mart)")
        kinds = conn.execute("SELECT kind, count(*) FROM releases GROUP BY kind ORDER BY 2 DESC").fetchall()
        if kinds:
            typer.echo("\nReleases by kind: " + ", ".join(f"{k} {n}" for k, n in kinds))
        dupes, missing = conn.execute(
            "SELECT count(duplicate_of), count(*) FILTER (WHERE source_missing) FROM releases"
        ).fetchone()
        typer.echo(f"Duplicates linked: {dupes}; releases whose raw file is gone: {missing}")
        rejected = conn.execute("SELECT source_path, reason FROM rejected_files ORDER BY source_path").fetchall()
        typer.echo(f"\nRejected files: {len(rejected)}")
        for source_path, reason in rejected[:50]:
            typer.echo(f"  {source_path}: {reason}")
        if len(rejected) > 50:
            typer.echo(f'  … and {len(rejected) - 50} more: communique sql "SELECT * FROM rejected_files"')
        checks = conn.execute("SELECT summary FROM runs ORDER BY published_at DESC LIMIT 1").fetchone()
        if checks and checks[0] and "checks" in json.loads(checks[0]):
            typer.echo("\nQuality checks (last run):")
            for name, outcome in sorted(json.loads(checks[0])["checks"].items()):
                typer.echo(f"  {outcome:<8} {name}")
