"""`communique sql`: one read-only query against the published warehouse, confined (see pipelines.sandbox)."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated, Any

import duckdb
import typer

from pipelines.cli.common import TimeoutOption, WarehouseOption, fail, warehouse_or_default
from pipelines.cli.output import OutputFormat, render, terminal_width
from pipelines.sandbox import (
    QueryCancelled,
    QueryTimeout,
    UnsafeStatement,
    connect_confined,
    one_line,
    single_read_only_statement,
    time_limit,
)
from pipelines.warehouse import WarehouseMissing

INTERRUPTED = 130  # the shell's status for Ctrl-C


def read_query(query: str | None, file: Path | None) -> str:
    """The SQL text: the argument, a file (`--file`), or standard input (`-` as argument or file)."""
    if query is not None and file is not None:
        fail("give the query as an argument or with --file, not both")
    if file is not None and str(file) != "-":
        try:
            return file.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            fail(f"cannot read {file}: {one_line(exc)}")
    if query is None and file is None:
        fail('no query given: communique sql "SELECT …", --file query.sql, or - to read standard input')
    if query is not None and query != "-":
        return query
    return sys.stdin.read()


def run_query(path: Path, sql: str, timeout: float) -> tuple[list[str], list[tuple[Any, ...]]]:
    """Column names and rows of one confined, time-limited read-only query; one-line errors on failure."""
    try:
        conn = connect_confined(path)
    except WarehouseMissing as exc:
        fail(str(exc))
    except duckdb.Error as exc:
        fail(f"cannot open the warehouse {path}: {one_line(exc)}")
    try:
        statement = single_read_only_statement(sql, conn)
        with time_limit(conn, timeout):
            cursor = conn.execute(statement)
            columns = [d[0] for d in cursor.description or []]
            return columns, cursor.fetchall()
    except UnsafeStatement as exc:
        fail(str(exc))
    finally:
        conn.close()


def sql(
    query: Annotated[
        str | None,
        typer.Argument(
            help="One read-only SQL statement (SELECT, WITH, FROM, DESCRIBE, SHOW, SUMMARIZE); `-` reads it from standard input.",
            show_default=False,
        ),
    ] = None,
    file: Annotated[
        Path | None,
        typer.Option("--file", help="Read the statement from this file (`-` for standard input).", dir_okay=False),
    ] = None,
    output: Annotated[
        OutputFormat,
        typer.Option("--format", "-f", help="table (fits the terminal), csv, json (one array) or markdown."),
    ] = OutputFormat.table,
    max_rows: Annotated[
        int, typer.Option("--max-rows", "-n", help="Rows shown in table format; 0 shows every row.", min=0)
    ] = 40,
    timeout: TimeoutOption = 60.0,
    warehouse: WarehouseOption = None,
) -> None:
    """Run one read-only query against the warehouse (no file, network or settings access).

    \b
    Examples:
      communique sql "SELECT kind, count(*) FROM releases GROUP BY kind"
      communique sql --file sql/examples/strikes_by_town_in_month.sql --format csv
      cat query.sql | communique sql -
    """
    text = read_query(query, file)
    try:
        columns, rows = run_query(warehouse_or_default(warehouse), text, timeout)
    except QueryTimeout as exc:
        fail(str(exc), code=3)
    except (QueryCancelled, KeyboardInterrupt):
        fail("interrupted (Ctrl-C); nothing was changed", code=INTERRUPTED)
    except duckdb.Error as exc:
        fail(one_line(exc))
    shown = rows if output is not OutputFormat.table or max_rows == 0 else rows[:max_rows]
    sys.stdout.write(render(columns, shown, output, width=terminal_width(sys.stdout.isatty())))
    if output is OutputFormat.table:
        more = len(rows) - len(shown)
        note = f"({len(rows):,} row{'s' if len(rows) != 1 else ''}"
        note += f"; {more:,} not shown: --max-rows 0 shows all)" if more else ")"
        typer.echo(note)
