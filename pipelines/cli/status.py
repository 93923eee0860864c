"""`communique status`: what the warehouse holds, when it was last published, what was rejected.

The tables listed are the assets of the Dagster definitions (the asset graph is the one list), grouped as
the UI groups them; other tables of the warehouse follow.
"""

from __future__ import annotations

import json
from pathlib import Path

import duckdb
import typer

from pipelines.cli.common import WarehouseOption, fail, warehouse_or_default
from pipelines.sandbox import one_line
from pipelines.warehouse import WarehouseMissing, connect_read_only

REJECTED_SHOWN = 50


def contract_tables() -> tuple[str, ...]:
    """The contract's tables, in the contract's order (from its text in sql/comments/contract.tsv)."""
    from pipelines.column_docs import CONTRACT_TSV, read_tsv

    return tuple(dict.fromkeys(doc.table for doc in read_tsv(CONTRACT_TSV)))


CONTRACT_TABLES = contract_tables()  # for readers that order tables as the contract does (bench)


def warehouse_assets() -> list[tuple[str, str]]:
    """(group, asset name) of every asset that is a warehouse table, in the order of the definitions."""
    from pipelines.definitions import all_assets  # imports Dagster: only when asked

    return [
        (spec.group_name or "default", spec.key.to_user_string())
        for asset in all_assets
        for spec in asset.specs
        if spec.metadata.get("communique/table") != "none"
    ]


def table_names(conn: duckdb.DuckDBPyConnection) -> list[str]:
    rows = conn.execute(
        "SELECT table_name FROM duckdb_tables() WHERE database_name = current_database() "
        "AND schema_name = 'main' ORDER BY 1"
    ).fetchall()
    return [r[0] for r in rows]


def count(conn: duckdb.DuckDBPyConnection, table: str) -> int:
    return int(conn.execute(f'SELECT count(*) FROM "{table}"').fetchone()[0])  # type: ignore[index]


def table_lines(conn: duckdb.DuckDBPyConnection, assets: list[tuple[str, str]]) -> list[str]:
    """One line per asset (rows, or 'not built yet'), then the warehouse's other tables."""
    present = set(table_names(conn))
    lines = ["Rows per table (assets, by group):"]
    for group, name in assets:
        rows = f"{count(conn, name):>9,}" if name in present else "not built yet"
        lines.append(f"  {name:<18} {rows:>13}  ({group})")
    others = sorted(present - {name for _, name in assets})
    if others:
        lines.append("Other tables:")
        lines.extend(f"  {name:<18} {count(conn, name):>13,}" for name in others)
    return lines


def last_run_line(conn: duckdb.DuckDBPyConnection) -> str:
    last = conn.execute("SELECT run_id, published_at FROM runs ORDER BY published_at DESC LIMIT 1").fetchone()
    return f"Last run:  {last[1]:%Y-%m-%d %H:%M:%S} UTC (run {last[0][:8]})" if last else "Last run:  none recorded"


def release_lines(conn: duckdb.DuckDBPyConnection) -> list[str]:
    kinds = conn.execute("SELECT kind, count(*) FROM releases GROUP BY kind ORDER BY 2 DESC, 1").fetchall()
    dupes, missing = conn.execute(
        "SELECT count(duplicate_of), count(*) FILTER (WHERE source_missing) FROM releases"
    ).fetchone() or (0, 0)
    lines = ["Releases by kind: " + ", ".join(f"{k} {n}" for k, n in kinds)] if kinds else []
    lines.append(f"Duplicates linked: {dupes}; releases whose raw file is gone: {missing}")
    return lines


def rejected_lines(conn: duckdb.DuckDBPyConnection) -> list[str]:
    rejected = conn.execute("SELECT source_path, reason FROM rejected_files ORDER BY source_path").fetchall()
    lines = [f"Rejected files: {len(rejected)}"]
    lines.extend(f"  {source_path}: {reason}" for source_path, reason in rejected[:REJECTED_SHOWN])
    if len(rejected) > REJECTED_SHOWN:
        more = len(rejected) - REJECTED_SHOWN
        lines.append(f'  … and {more} more: communique sql "SELECT * FROM rejected_files"')
    return lines


def check_lines(conn: duckdb.DuckDBPyConnection) -> list[str]:
    summary = conn.execute("SELECT summary FROM runs ORDER BY published_at DESC LIMIT 1").fetchone()
    checks = json.loads(summary[0]).get("checks", {}) if summary and summary[0] else {}
    if not checks:
        return []
    return ["Quality checks (last run):", *(f"  {outcome:<8} {name}" for name, outcome in sorted(checks.items()))]


def report(conn: duckdb.DuckDBPyConnection, path: Path, assets: list[tuple[str, str]]) -> list[str]:
    """Every line `communique status` prints, sections separated by blank lines."""
    sections = [
        [f"Warehouse: {path}", last_run_line(conn)],
        table_lines(conn, assets),
        release_lines(conn),
        rejected_lines(conn),
        check_lines(conn),
    ]
    return [line for section in sections if section for line in [*section, ""]][:-1]


def status(warehouse: WarehouseOption = None) -> None:
    """Summarize the warehouse: rows per table, last run, rejected files with reasons, quality checks.

    Example: communique status --warehouse warehouse/communique.duckdb
    """
    path = warehouse_or_default(warehouse)
    try:
        conn = connect_read_only(path)
    except WarehouseMissing as exc:
        fail(str(exc))
    except duckdb.Error as exc:
        fail(f"cannot open {path} as a DuckDB warehouse: {one_line(exc)}")
    try:
        lines = report(conn, path, warehouse_assets())
    except duckdb.Error as exc:
        fail(f"{path} is not a complete communique warehouse: {one_line(exc)}")
    finally:
        conn.close()
    typer.echo("\n".join(lines))
