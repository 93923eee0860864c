"""The `communique` command: look into the warehouse, query it, search it, score it."""

from __future__ import annotations

import typer

from pipelines.cli import evaluate, query, search, status
from pipelines.cli.common import OneLineCommand, OneLineGroup

CONTEXT = {
    "help_option_names": ["-h", "--help"],
    # A query file opens with a `-- comment` line: read such an argument as the query, not as an option.
    "ignore_unknown_options": True,
}

app = typer.Typer(
    help="communique: official press releases as a DuckDB warehouse of releases, quotes, metrics and entities.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
    context_settings=CONTEXT,
    cls=OneLineGroup,
)
for name, command in (
    ("status", status.status),
    ("sql", query.sql),
    ("search", search.search),
    ("evaluate", evaluate.evaluate),
):
    app.command(name=name, context_settings=CONTEXT, cls=OneLineCommand)(command)
