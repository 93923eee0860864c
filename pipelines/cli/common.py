"""What every command shares: the warehouse option and one-line errors."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, NoReturn

import typer

from pipelines import settings

WarehouseOption = Annotated[
    Path | None,
    typer.Option(
        "--warehouse", "-w", help="Warehouse file [default: $COMMUNIQUE_WAREHOUSE or warehouse/communique.duckdb]."
    ),
]


def warehouse_or_default(path: Path | None) -> Path:
    return Path(path) if path else settings.warehouse_path()


def fail(message: str, code: int = 2) -> NoReturn:
    """A one-line error on stderr and a non-zero exit."""
    typer.echo(f"Error: {message}", err=True)
    raise typer.Exit(code)
