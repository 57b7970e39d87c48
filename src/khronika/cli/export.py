"""`khronika export` and `khronika rejections`: what the store holds."""

from __future__ import annotations

import sys
from typing import Annotated

import typer

from khronika.cli import (
    DEFAULT_DB,
    DbOption,
    _db_exists,
    _fail,
    app,
)


@app.command("export")
def export_cmd(
    format: Annotated[str, typer.Option("--format", help="jsonl")] = "jsonl",
    db: DbOption = DEFAULT_DB,
) -> None:
    """Stored claims in an export format, on stdout."""
    from khronika.export.jsonl import write_jsonl
    from khronika.store import open_store

    if format != "jsonl":
        typer.echo(f"Error: unknown format {format!r} (jsonl)", err=True)
        raise typer.Exit(2)
    if not _db_exists(db):
        _fail(f"{db}: no such store (run `khronika run` first)")
    store = open_store(db)
    try:
        write_jsonl(store.iter_claims(), sys.stdout)
    finally:
        store.close()



@app.command("rejections")
def rejections_cmd(db: DbOption = DEFAULT_DB) -> None:
    """Inputs that could not be processed, one line each."""
    from khronika.store import open_store

    if not _db_exists(db):
        _fail(f"{db}: no such store")
    store = open_store(db)
    try:
        for r in store.iter_rejections():
            where = r.source + (f"#{r.record}" if r.record else "")
            typer.echo(f"{where}\t{r.stage}\t{r.code}\t{r.message}")
    finally:
        store.close()


