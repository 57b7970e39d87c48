"""`khronika run`: ingest → extract → store."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Annotated

import typer

from khronika.cli import (
    DEFAULT_DB,
    DbOption,
    _parse_date,
    _stderr_console,
    app,
    sample_path,
)


@app.command("run")
def run_cmd(
    paths: Annotated[list[Path] | None, typer.Argument(help="Files or folders to ingest.")] = None,
    db: DbOption = DEFAULT_DB,
    sample: Annotated[bool, typer.Option("--sample", help="Run the bundled sample.")] = False,
    published: Annotated[
        str | None, typer.Option(help="Publication date (YYYY-MM-DD) for undated inputs.")
    ] = None,
    codebook: Annotated[Path | None, typer.Option(help="Another codebook (TOML).")] = None,
    gazetteer: Annotated[
        Path | None,
        typer.Option(help="A gazetteer made by `khronika gazetteer import` (villages etc.)."),
    ] = None,
    outlets: Annotated[
        Path | None,
        typer.Option(help="Your outlets' homes: a TSV of domain or outlet name, home place,"
                          " country code (see data/geo/outlets.tsv)."),
    ] = None,
    workers: Annotated[
        int | None,
        typer.Option("--workers", min=1, help="Run on a local Dask cluster of N processes."),
    ] = None,
    dask: Annotated[
        str | None,
        typer.Option("--dask", metavar="ADDRESS",
                     help="Run on an existing Dask scheduler (tcp://host:8786)."),
    ] = None,
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
    if workers is not None and dask is not None:
        typer.echo("Error: give --workers or --dask, not both", err=True)
        raise typer.Exit(2)
    pub = _parse_date(published) if published else None
    outlets_text = _read_outlets(outlets) if outlets else None
    _one_blas_thread()
    store = open_store(db)
    try:
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

            if workers is None and dask is None:
                resources = build_resources(
                    codebook_path=codebook, gazetteer_extra=gazetteer, outlets=outlets_text,
                    outlets_name=str(outlets),
                )
                summary = run(inputs, store=store, resources=resources, published=pub,
                              on_outcome=seen)
            else:
                from khronika.batch import dask_client, run_dask

                progress.update(task, description="starting workers")
                with dask_client(workers=workers, address=dask) as client:
                    progress.update(task, description="extracting")
                    summary = run_dask(inputs, store=store, client=client, published=pub,
                                       codebook_path=codebook, gazetteer_extra=gazetteer,
                                       outlets=outlets_text, on_outcome=seen)
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


def _one_blas_thread() -> None:
    # natasha's taggers multiply small matrices: OpenBLAS threads cost more than they give,
    # and on a busy machine they spin against each other (5x slower, bench/bench_pipeline.py).
    # Only effective before numpy is first imported, which the command's lazy imports allow.
    for name in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
        os.environ.setdefault(name, "1")


def _read_outlets(path: Path) -> str:
    from khronika.errors import ConfigError

    try:
        return path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"{path}: cannot read the outlets file: {exc}") from exc
