"""The ``khronika`` command: each subcommand parses, calls one library function, prints.

One module per command group (``run``, ``export``, …) registers its commands on ``app``.

Data goes to stdout (JSON Lines), progress and errors to stderr. Exit 0 on success, 1 when a
``KhronikaError`` stopped the command or an input was rejected, 2 on usage errors.
"""

from __future__ import annotations

import sys
from datetime import date
from importlib import resources as importlib_resources
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, NoReturn

import typer

if TYPE_CHECKING:
    from rich.console import Console

from khronika.errors import KhronikaError

app = typer.Typer(
    add_completion=False,
    no_args_is_help=True,
    pretty_exceptions_enable=False,  # tracebacks would show scraped text and names
    help="Turn reports of raids, detentions and coerced recruitment into a verifiable record.",
)

DbOption = Annotated[str, typer.Option("--db", help="SQLite file or postgresql:// URL.")]
DEFAULT_DB = "khronika.db"


def _fail(message: str) -> NoReturn:
    typer.echo(f"Error: {message}", err=True)
    raise typer.Exit(1)


def sample_path() -> Path:
    return Path(str(importlib_resources.files("khronika.data").joinpath("sample/docs.jsonl")))


def _db_exists(db: str) -> bool:
    return "://" in db or Path(db).exists()


def _parse_date(value: str) -> date:
    try:
        return date.fromisoformat(value)
    except ValueError:
        typer.echo(f"Error: --published {value!r} is not YYYY-MM-DD", err=True)
        raise typer.Exit(2) from None


def _stderr_console() -> Console:
    from rich.console import Console

    return Console(stderr=True, soft_wrap=True)  # one rejection, one line


def _register() -> None:
    # every command module registers itself on import; the list is the CLI's table of contents
    from khronika.cli import export, extract, incidents, run, web  # noqa: F401
    from khronika.cli.gazetteer import register

    register(app)


def main() -> None:
    _register()
    try:
        app()
    except KhronikaError as exc:
        typer.echo(f"Error: {exc}", err=True)
        sys.exit(1)
