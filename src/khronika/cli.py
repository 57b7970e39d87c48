"""The ``khronika`` command: each subcommand parses, calls one library function, prints.

Data goes to stdout (JSON Lines), progress and errors to stderr. Exit 0 on success, 1 when a
``KhronikaError`` stopped the command or an input was rejected, 2 on usage errors.
"""

from __future__ import annotations

import json
import sys
from datetime import date
from importlib import resources as importlib_resources
from pathlib import Path
from typing import Annotated, NoReturn

import typer

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


@app.command("run")
def run_cmd(
    paths: Annotated[list[Path] | None, typer.Argument(help="Files or folders to ingest.")] = None,
    db: DbOption = DEFAULT_DB,
    sample: Annotated[bool, typer.Option("--sample", help="Run the bundled sample.")] = False,
    published: Annotated[
        str | None, typer.Option(help="Publication date (YYYY-MM-DD) for undated inputs.")
    ] = None,
    codebook: Annotated[Path | None, typer.Option(help="Another codebook (TOML).")] = None,
) -> None:
    """Ingest → extract → store, with a progress bar and a one-line summary."""
    from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn

    from khronika.pipeline import Outcome, build_resources, run
    from khronika.store import open_store

    inputs = list(paths or [])
    if sample:
        inputs.append(sample_path())
    if not inputs:
        typer.echo("Error: give PATH... or --sample", err=True)
        raise typer.Exit(2)
    pub = _parse_date(published) if published else None
    store = open_store(db)
    try:
        resources = build_resources(codebook_path=codebook)
        with Progress(
            TextColumn("{task.description}"), BarColumn(), TextColumn("{task.completed} docs"),
            TimeElapsedColumn(), console=_stderr_console(), transient=True,
        ) as progress:
            task = progress.add_task("extracting", total=None)

            def seen(outcome: Outcome) -> None:
                progress.advance(task)
                if outcome.rejection is not None:
                    r = outcome.rejection
                    where = r.source + (f"#{r.record}" if r.record else "")
                    progress.console.print(
                        f"rejected {where}: [{r.code}] {r.message}", markup=False, highlight=False
                    )

            summary = run(inputs, store=store, resources=resources, published=pub,
                          on_outcome=seen)
    finally:
        store.close()
    typer.echo(
        f"processed {summary.documents} documents → {summary.claims} claims, "
        f"{summary.skipped} already stored, {len(summary.rejections)} rejected"
        + (" (see: khronika rejections)" if summary.rejections else ""),
        err=True,
    )
    if summary.rejections:
        raise typer.Exit(1)


@app.command("extract")
def extract_cmd(
    path: Annotated[Path, typer.Argument(help="A corpus JSONL file (or any input).")],
    published: Annotated[str | None, typer.Option(help="Publication date for undated inputs.")] = None,
) -> None:
    """Claims as contract JSON Lines on stdout; no database."""
    from khronika.export.jsonl import write_jsonl
    from khronika.pipeline import build_resources, process_inputs

    resources = build_resources()
    pub = _parse_date(published) if published else None
    rejected = 0
    for outcome in process_inputs([path], resources=resources, published=pub):
        if outcome.rejection is not None:
            r = outcome.rejection
            where = r.source + (f"#{r.record}" if r.record else "")
            typer.echo(f"rejected {where}: [{r.code}] {r.message}", err=True)
            rejected += 1
        write_jsonl(outcome.claims, sys.stdout)
    if rejected:
        raise typer.Exit(1)


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


@app.command("eval")
def eval_cmd(
    gold: Annotated[Path, typer.Option("--gold", help="gold.jsonl")],
    docs: Annotated[Path, typer.Option("--docs", help="docs.jsonl")],
    as_json: Annotated[bool, typer.Option("--json", help="Print the metrics as JSON.")] = False,
    verbose: Annotated[bool, typer.Option("--verbose", "-v", help="Misses and extras.")] = False,
) -> None:
    """Score extraction against a gold file (see the corpus README)."""
    from khronika import extract_claims_from_jsonl
    from khronika.evaluate import format_report, load_gold, score

    report = score(load_gold(gold), extract_claims_from_jsonl(docs))
    if as_json:
        typer.echo(json.dumps(report.metrics, indent=2, sort_keys=True))
        return
    for line in format_report(report, verbose=verbose):
        typer.echo(line)


def _db_exists(db: str) -> bool:
    return "://" in db or Path(db).exists()


def _parse_date(value: str) -> date:
    try:
        return date.fromisoformat(value)
    except ValueError:
        typer.echo(f"Error: --published {value!r} is not YYYY-MM-DD", err=True)
        raise typer.Exit(2) from None


def _stderr_console():  # type: ignore[no-untyped-def]
    from rich.console import Console

    return Console(stderr=True)


def main() -> None:
    try:
        app()
    except KhronikaError as exc:
        typer.echo(f"Error: {exc}", err=True)
        sys.exit(1)
