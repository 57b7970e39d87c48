"""The ``khronika`` command: each subcommand parses, calls one library function, prints.

One module per command group (``run``, ``export``, …) registers its commands on ``app``.

Data goes to stdout (JSON Lines), progress and errors to stderr. Exit 0 on success, 1 when a
``KhronikaError`` stopped the command or an input was rejected, 2 on usage errors.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Annotated, Any, get_args, get_origin, get_type_hints

import typer

from khronika.cli.common import app, package_version, sample_path
from khronika.errors import KhronikaError

__all__ = ["app", "main", "package_version", "register_commands", "sample_path"]

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


def register_commands() -> None:
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
    register_commands()
    try:
        app()
    except KhronikaError as exc:
        typer.echo(f"Error: {exc}", err=True)
        sys.exit(1)
