"""The `communique` command: look into the warehouse, query it, score it."""

from __future__ import annotations

import typer

from pipelines.cli import evaluate, query, status

app = typer.Typer(
    help="communique: official press releases as a DuckDB warehouse of releases, quotes, metrics and entities.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
app.command(name="status")(status.status)
app.command(name="sql")(query.sql)
app.command(name="evaluate")(evaluate.evaluate)
