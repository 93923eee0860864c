"""`communique search`: full-text search over quotes and release sentences, ranked by BM25.

The index is DuckDB's `fts` extension (the `duckdb-extension-fts` package, same version as duckdb: nothing is
downloaded), kept beside the warehouse and rebuilt only when its quotes or releases changed (search_index.py); the
query runs on a confined read-only connection: the warehouse is never written.
"""

from __future__ import annotations

import enum
import sys
from pathlib import Path
from typing import Annotated, Any

import duckdb
import typer

from pipelines import settings
from pipelines.cli.common import TimeoutOption, WarehouseOption, fail, warehouse_or_default
from pipelines.cli.output import OutputFormat, render, terminal_width
from pipelines.cli.search_index import connect_search
from pipelines.sandbox import QueryCancelled, QueryTimeout, fts_extension, one_line, time_limit
from pipelines.warehouse import WarehouseMissing

SEARCH_SQL = settings.SQL_DIR / "search"


class Source(enum.StrEnum):
    all = "all"
    quote = "quote"
    body = "body"


def search_rows(
    conn: duckdb.DuckDBPyConnection, phrase: str, *, limit: int, source: Source, all_words: bool
) -> tuple[list[str], list[tuple[Any, ...]]]:
    """Ranked matches: release, date, speaker, sentence, source (quote or body) and BM25 score.

    `conn` has the search index attached (search_index.connect_search)."""
    cursor = conn.execute(
        (SEARCH_SQL / "match.sql").read_text(encoding="utf-8"),
        {"phrase": phrase, "limit": limit, "source": source.value, "all_words": int(all_words)},
    )
    return [d[0] for d in cursor.description or []], cursor.fetchall()


def run_search(
    path: Path, phrase: str, *, limit: int, source: Source, all_words: bool, timeout: float
) -> tuple[list[str], list[tuple[Any, ...]]]:
    if fts_extension() is None:
        fail("the full-text extension is not installed: run `make setup` (package duckdb-extension-fts)")
    try:
        conn = connect_search(path)
    except WarehouseMissing as exc:
        fail(str(exc))
    except duckdb.Error as exc:
        fail(f"cannot open the warehouse {path}: {one_line(exc)}")
    try:
        with time_limit(conn, timeout):
            return search_rows(conn, phrase, limit=limit, source=source, all_words=all_words)
    finally:
        conn.close()


def search(
    phrase: Annotated[str, typer.Argument(help="Words to look for; stemmed, so `strike` also finds `strikes`.")],
    limit: Annotated[int, typer.Option("--limit", "-n", help="Most matches shown.", min=1)] = 20,
    source: Annotated[
        Source, typer.Option("--in", help="Search quotes, release sentences (body) or both (all).")
    ] = Source.all,
    all_words: Annotated[
        bool, typer.Option("--all-words", help="Only sentences holding every word (default: any word, ranked).")
    ] = False,
    output: Annotated[
        OutputFormat,
        typer.Option("--format", "-f", help="table (fits the terminal), csv, json (one array) or markdown."),
    ] = OutputFormat.table,
    timeout: TimeoutOption = 60.0,
    warehouse: WarehouseOption = None,
) -> None:
    """Full-text search of quotes and release sentences, best match first (BM25): release, date, speaker, sentence.

    \b
    Examples:
      communique search "tactical unit"
      communique search "partner forces" --in quote --all-words --format csv
    """
    try:
        columns, rows = run_search(
            warehouse_or_default(warehouse), phrase, limit=limit, source=source, all_words=all_words, timeout=timeout
        )
    except QueryTimeout as exc:
        fail(str(exc), code=3)
    except (QueryCancelled, KeyboardInterrupt):
        fail("interrupted (Ctrl-C)", code=130)
    except duckdb.Error as exc:
        fail(one_line(exc))
    sys.stdout.write(render(columns, rows, output, width=terminal_width(sys.stdout.isatty())))
    if output is OutputFormat.table:
        typer.echo(f"({len(rows)} match{'es' if len(rows) != 1 else ''} for {phrase!r})")
