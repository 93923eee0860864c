"""`communique sql`: read-only SQL against the published warehouse."""

from __future__ import annotations

import enum
import sys
from typing import Annotated

import duckdb
import typer

from pipelines.cli.common import WarehouseOption, fail, warehouse_or_default
from pipelines.warehouse import WarehouseMissing, connect_read_only


class OutputFormat(enum.StrEnum):
    table = "table"
    csv = "csv"
    json = "json"


def sql(
    query: Annotated[str, typer.Argument(help="One SQL statement; read only.")],
    output: Annotated[
        OutputFormat, typer.Option("--format", "-f", help="table, csv or json (one array).")
    ] = OutputFormat.table,
    max_rows: Annotated[int, typer.Option(help="Rows shown in table format.")] = 40,
    warehouse: WarehouseOption = None,
) -> None:
    """Run a read-only query against the warehouse.

    Example: communique sql "SELECT kind, count(*) FROM releases GROUP BY kind" --format csv
    """
    try:
        conn = connect_read_only(warehouse_or_default(warehouse))
    except WarehouseMissing as exc:
        fail(str(exc))
    try:
        relation = conn.sql(query)
        if relation is None:
            fail("the statement returned no rows (communique sql is for queries)")
        frame = relation.pl()
    except duckdb.Error as exc:
        fail(" ".join(str(exc).split()))
    finally:
        conn.close()
    if output is OutputFormat.csv:
        frame.write_csv(sys.stdout)
    elif output is OutputFormat.json:
        sys.stdout.write(frame.write_json() + "\n")
    else:
        import polars as pl

        with pl.Config(tbl_rows=max_rows, tbl_cols=-1, fmt_str_lengths=60, tbl_hide_dataframe_shape=False):
            typer.echo(frame)
