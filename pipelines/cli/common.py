"""What every command shares: the warehouse and time-limit options, and one-line errors (usage errors included)."""

from __future__ import annotations

import difflib
import re
from pathlib import Path
from typing import IO, Annotated, Any, NoReturn

import typer

# Typer (0.29+) carries its own copy of Click: its commands, contexts and errors are these classes.
from typer._click import Command, Context
from typer._click.exceptions import NoArgsIsHelpError, UsageError
from typer.core import TyperCommand, TyperGroup, TyperOption

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


# An argument that looks like an option (`--fromat`, `--fromat=csv`, `-x`), not a `-- comment` opening a query.
_OPTION_LIKE = re.compile(r"--?[A-Za-z][\w-]*(=.*)?", re.DOTALL)


class OneLineUsageError(UsageError):
    """A usage error on one line, with where to look (Click prints the usage block and a hint above the error)."""

    def __init__(self, message: str, ctx: Context | None) -> None:
        command = ctx.command_path if ctx is not None else "communique"
        super().__init__(f"{' '.join(message.split())} (see `{command} -h`)", ctx)

    def show(self, file: IO[Any] | None = None) -> None:
        typer.echo(f"Error: {self.format_message()}", file=file, err=file is None)


def reject_unknown_option(command: Command, ctx: Context, args: list[str], *, before_command: bool) -> None:
    """Raise a one-line error naming the first mistyped option and the closest valid one.

    Needed because the commands take unknown options as arguments (a query may open with `-- comment`). For a group
    (`before_command`), only the arguments before the command's name are its own."""
    options = {
        name: p for p in command.get_params(ctx) if isinstance(p, TyperOption) for name in p.opts + p.secondary_opts
    }
    value_next = False
    for arg in args:
        if value_next:
            value_next = False
        elif arg == "--":
            return
        elif _OPTION_LIKE.fullmatch(arg):
            name = arg.split("=", 1)[0]
            known = options.get(name) or (None if name.startswith("--") else options.get(name[:2]))  # -n5, -fcsv
            if known is None:
                closest = difflib.get_close_matches(name, list(options), n=1)
                hint = f"; did you mean {closest[0]}?" if closest else ""
                raise OneLineUsageError(f"no such option {name}{hint}", ctx)
            value_next = name in options and "=" not in arg and not (known.is_flag or known.count)
        elif before_command:
            return


class OneLineCommand(TyperCommand):
    """A command whose usage errors (mistyped option, missing argument, bad value) are one line."""

    def parse_args(self, ctx: Context, args: list[str]) -> list[str]:
        reject_unknown_option(self, ctx, args, before_command=False)
        try:
            return super().parse_args(ctx, args)
        except NoArgsIsHelpError:
            raise
        except UsageError as error:
            raise OneLineUsageError(error.format_message(), error.ctx or ctx) from None


class OneLineGroup(TyperGroup):
    """The `communique` group: a mistyped command or option is one line naming the closest valid one."""

    def parse_args(self, ctx: Context, args: list[str]) -> list[str]:
        reject_unknown_option(self, ctx, args, before_command=True)
        return super().parse_args(ctx, args)

    def resolve_command(self, ctx: Context, args: list[str]) -> tuple[str | None, Command | None, list[str]]:
        try:
            return super().resolve_command(ctx, args)
        except UsageError as error:
            raise OneLineUsageError(error.format_message(), ctx) from None
