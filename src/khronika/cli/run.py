"""`khronika run`: ingest → extract → store."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from khronika.cli.common import (
    DEFAULT_DB,
    CodebookOption,
    DbOption,
    EncoderOption,
    GazetteerOption,
    ModelOption,
    OutletsOption,
    app,
    db_exists,
    parse_date,
    sample_path,
)
from khronika.cli.progress import plural, progress_for
from khronika.errors import UnsupportedLanguage
from khronika.settings import ExtractSettings

if TYPE_CHECKING:
    from khronika.pipeline import RunSummary


@app.command("run")
def run_cmd(
    paths: Annotated[list[Path] | None, typer.Argument(help="Files or folders to ingest.")] = None,
    db: DbOption = DEFAULT_DB,
    sample: Annotated[bool, typer.Option("--sample", help="Run the bundled sample.")] = False,
    published: Annotated[
        str | None, typer.Option(help="Publication date (YYYY-MM-DD) for undated inputs.")
    ] = None,
    codebook: CodebookOption = None,
    gazetteer: GazetteerOption = None,
    outlets: OutletsOption = None,
    model: ModelOption = None,
    encoder: EncoderOption = None,
    workers: Annotated[
        int | None,
        typer.Option("--workers", min=1, help="Run on a local Dask cluster of N processes."),
    ] = None,
    dask: Annotated[
        str | None,
        typer.Option("--dask", metavar="ADDRESS",
                     help="Run on an existing Dask scheduler (tcp://host:8786)."),
    ] = None,
    strict: Annotated[
        bool,
        typer.Option("--strict",
                     help="Exit 1 on any rejection, documents in other languages included."),
    ] = False,
    follow_links: Annotated[
        bool,
        typer.Option("--follow-links",
                     help="Read symbolic links that lead out of an input folder (refused "
                          "by default: a link to /etc/… would be stored)."),
    ] = False,
) -> None:
    """Ingest → extract → store, with progress on stderr and a one-line summary.

    Exits 1 when an input was rejected, except documents in languages khronika does not read
    (a mixed feed is normal), unless --strict.
    """
    from khronika.ingest import count_documents
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
    pub = parse_date(published) if published else None
    settings = ExtractSettings.from_options(
        codebook=codebook, gazetteer=gazetteer, outlets=outlets, model=model, encoder=encoder
    )
    resources = None
    if workers is None and dask is None:
        # before the store exists: a bad --codebook, --gazetteer or --outlets leaves no file
        resources = build_resources(settings)
    new_store = not db_exists(db)
    store = open_store(db)
    stored = 0
    try:
        with progress_for(count_documents(inputs, follow_links=follow_links),
                          sys.stderr) as progress:

            def seen(outcome: Outcome) -> None:
                nonlocal stored
                stored += outcome.stored
                progress.advance()
                if outcome.rejection is not None:
                    r = outcome.rejection
                    where = r.source + (f"#{r.record}" if r.record else "")
                    progress.print(f"rejected {where}: [{r.code}] {r.message}")

            if resources is not None:
                summary = run(inputs, store=store, resources=resources, published=pub,
                              on_outcome=seen, follow_links=follow_links)
            else:
                from khronika.batch import dask_client, run_dask

                progress.status("starting workers")
                with dask_client(workers=workers, address=dask) as client:
                    progress.status("extracting")
                    summary = run_dask(inputs, store=store, client=client, published=pub,
                                       settings=settings, on_outcome=seen,
                                       follow_links=follow_links)
            if summary.claims or stored:
                from khronika.dedup import group_store

                progress.status("grouping incidents")
                group_store(store)  # new claims join stored incidents; stored ids are kept
    except BaseException:
        store.close()
        if new_store and not stored:
            _remove_sqlite(db)  # a run that stopped before storing anything leaves no file
        raise
    store.close()
    typer.echo(summary_line(summary), err=True)
    if strict_failures(summary, strict=strict):
        raise typer.Exit(1)


def summary_line(summary: RunSummary) -> str:
    """``processed 3 documents → 1 claim, 0 already stored, 1 rejected (…)``."""
    line = (
        f"processed {plural(summary.documents, 'document')} → "
        f"{plural(summary.claims, 'claim')}, {summary.skipped:,} already stored, "
        f"{len(summary.rejections):,} rejected"
    )
    if not summary.rejections:
        return line
    other = sum(r.code == UnsupportedLanguage.code for r in summary.rejections)
    if other == len(summary.rejections):
        return line + f" ({'it is' if other == 1 else 'all are'} in other languages)"
    if other:
        line += f" ({other:,} in other languages)"
    return line + " (see: khronika rejections)"


def strict_failures(summary: RunSummary, *, strict: bool) -> bool:
    """Whether the run's rejections make it fail: any with ``--strict``, else any but
    documents in languages khronika does not read."""
    if strict:
        return bool(summary.rejections)
    return any(r.code != UnsupportedLanguage.code for r in summary.rejections)


def _remove_sqlite(db: str) -> None:
    if "://" in db:
        return
    for suffix in ("", "-wal", "-shm", "-journal"):
        Path(db + suffix).unlink(missing_ok=True)
