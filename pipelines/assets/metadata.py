"""Metadata that every asset returns: row counts and a small markdown preview for the Dagster UI."""

from __future__ import annotations

from typing import Any

import dagster as dg
import duckdb

PREVIEW_ROWS = 5
PREVIEW_CELL_CHARS = 60


def markdown_preview(conn: duckdb.DuckDBPyConnection, query: str) -> dg.MetadataValue:
    """The first rows of a query as a markdown table, cells shortened so the UI stays readable."""
    cursor = conn.execute(f"{query} LIMIT {PREVIEW_ROWS}")
    columns = [d[0] for d in cursor.description]
    lines = ["| " + " | ".join(columns) + " |", "|" + "---|" * len(columns)]
    for row in cursor.fetchall():
        lines.append("| " + " | ".join(_cell(v) for v in row) + " |")
    return dg.MetadataValue.md("\n".join(lines))


def _cell(value: Any) -> str:
    text = "" if value is None else str(value)
    text = " ".join(text.split()).replace("|", "\\|")
    return text if len(text) <= PREVIEW_CELL_CHARS else text[: PREVIEW_CELL_CHARS - 1] + "…"


def table_count(conn: duckdb.DuckDBPyConnection, table: str) -> int:
    return conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0]


def result(conn: duckdb.DuckDBPyConnection, table: str, preview_query: str, **counts: Any) -> dg.MaterializeResult:
    """Row count, the asset's own counts and a preview; the counts also go into this run's `runs` summary."""
    metadata: dict[str, Any] = {"dagster/row_count": table_count(conn, table)}
    metadata.update(counts)
    metadata["preview"] = markdown_preview(conn, preview_query)
    return dg.MaterializeResult(metadata=metadata)
