"""What every command shares: the warehouse and time-limit options, and one-line errors."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, NoReturn

import typer

from pipelines import settings

WarehouseOption = Annotated[
    Path | None,
    typer.Option(
        "--warehouse",
        "-w",
        help="Warehouse file (default: $COMMUNIQUE_WAREHOUSE, else warehouse/communique.duckdb).",
        show_default=False,
        dir_okay=False,
    ),
]

TimeoutOption = Annotated[
    float,
    typer.Option("--timeout", "-t", help="Stop the query after this many seconds; 0 means no limit.", min=0),
]


def warehouse_or_default(path: Path | None) -> Path:
    return Path(path) if path else settings.warehouse_path()


def fail(message: str, code: int = 2) -> NoReturn:
    """A one-line error on stderr and a non-zero exit."""
    typer.echo(f"Error: {' '.join(message.split())}", err=True)
    raise typer.Exit(code)
