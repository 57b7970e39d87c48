"""`khronika export` and `khronika rejections`: what the store holds."""

from __future__ import annotations

import sys
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, cast

import typer

from khronika.cli.common import (
    DEFAULT_DB,
    DbOption,
    app,
    db_exists,
    fail,
)
from khronika.model import CERTAINTIES, EVENT_TYPES, Certainty, EventType

if TYPE_CHECKING:
    from khronika.export.formats import Format
    from khronika.export.records import Level
    from khronika.store import ReviewState

_FORMATS = ("jsonl", "csv", "geojson", "parquet")
_LEVELS = ("claim", "incident")


def _date_option(value: str | None, flag: str) -> date | None:
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        typer.echo(f"Error: {flag} {value!r} is not YYYY-MM-DD", err=True)
        raise typer.Exit(2) from None


def _choices(values: list[str] | None, allowed: tuple[str, ...], flag: str) -> tuple[str, ...]:
    for value in values or []:
        if value not in allowed:
            typer.echo(f"Error: {flag} {value!r} is not one of {', '.join(allowed)}", err=True)
            raise typer.Exit(2)
    return tuple(values or ())


@app.command("export")
def export_cmd(
    format: Annotated[str, typer.Option("--format", help="jsonl, csv, geojson or parquet.")] = (
        "jsonl"
    ),
    level: Annotated[
        str, typer.Option("--level", help="claim (one row a claim) or incident.")
    ] = "claim",
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="File to write (atomically); else stdout.")
    ] = None,
    db: DbOption = DEFAULT_DB,
    since: Annotated[str | None, typer.Option(help="Claims dated on or after YYYY-MM-DD.")] = None,
    until: Annotated[str | None, typer.Option(help="Claims dated on or before YYYY-MM-DD.")] = None,
    event_type: Annotated[
        list[str] | None, typer.Option("--event-type", help="Event type (repeatable).")
    ] = None,
    country: Annotated[str | None, typer.Option(help="ISO 3166-1 alpha-2 code, e.g. RU.")] = None,
    region: Annotated[str | None, typer.Option(help="First-level division (admin1).")] = None,
    certainty: Annotated[
        list[str] | None, typer.Option("--certainty", help="Certainty (repeatable).")
    ] = None,
    min_sources: Annotated[
        int | None,
        typer.Option("--min-sources", min=1, help="Independent sources of the claim's incident."),
    ] = None,
    review_state: Annotated[
        list[str] | None, typer.Option("--review-state", help="Review state (repeatable).")
    ] = None,
    count_sources: Annotated[
        bool,
        typer.Option("--sources", help="Fill the sources column (a second pass over the store)."),
    ] = False,
    include_names: Annotated[
        bool,
        typer.Option("--include-names", help="Keep personal names (redacted by default)."),
    ] = False,
) -> None:
    """Stored claims in an export format; personal names are redacted unless asked."""
    from khronika.store import REVIEW_STATES, ClaimFilter, open_store

    fmt = cast("Format", _choices([format], _FORMATS, "--format")[0])
    lvl = cast("Level", _choices([level], _LEVELS, "--level")[0])
    events = cast("tuple[EventType, ...]", _choices(event_type, EVENT_TYPES, "--event-type"))
    certainties = cast("tuple[Certainty, ...]", _choices(certainty, CERTAINTIES, "--certainty"))
    states = cast(
        "tuple[ReviewState, ...]", _choices(review_state, REVIEW_STATES, "--review-state")
    )
    filters = ClaimFilter(
        date_from=_date_option(since, "--since"),
        date_to=_date_option(until, "--until"),
        event_types=events,
        country=country.upper() if country else None,
        admin1=region,
        certainties=certainties,
        review_states=states,
    )
    if fmt == "parquet":
        from khronika.export.parquet import INSTALL_HINT

        try:
            import pyarrow  # noqa: F401
        except ImportError:
            fail(INSTALL_HINT)
        if output is None and sys.stdout.isatty():
            fail("Parquet is binary: give --output FILE or redirect stdout")
    if not db_exists(db):
        fail(f"{db}: no such store (run `khronika run` first)")
    from khronika.export.records import ExportQuery
    from khronika.export.run import check_output, export, export_to_file

    if output is not None:
        check_output(output)  # before loading the redactor's models

    redactor = None
    if include_names:
        typer.echo(
            "Warning: --include-names keeps the names of private people in the export; "
            "do not publish it.",
            err=True,
        )
    else:
        from khronika.export.redact import Redactor
        from khronika.geocode import load_gazetteer
        from khronika.nlp import build_nlp

        # the redactor asks whether a name in running text is a place: the tier of small towns
        # abroad only serves names already known to be places, and costs two seconds
        redactor = Redactor(build_nlp(), gazetteer=load_gazetteer(world=False))
    query = ExportQuery(filters, min_sources, lvl, count_sources)
    store = open_store(db)
    try:
        if output is not None:
            stats = export_to_file(store, output, format=fmt, query=query, redactor=redactor)
        else:
            out = sys.stdout.buffer if fmt == "parquet" else sys.stdout
            stats = export(store, out, format=fmt, query=query, redactor=redactor)
    finally:
        store.close()
    if stats.without_coordinates:
        typer.echo(
            f"{stats.without_coordinates} {lvl}s without coordinates left out of the GeoJSON",
            err=True,
        )
    typer.echo(f"exported {stats.rows} {lvl}s" + (f" to {output}" if output else ""), err=True)


@app.command("rejections")
def rejections_cmd(db: DbOption = DEFAULT_DB) -> None:
    """Inputs that could not be processed, one line each."""
    from khronika.store import open_store

    if not db_exists(db):
        fail(f"{db}: no such store")
    store = open_store(db)
    seen = 0
    try:
        for r in store.iter_rejections():
            where = r.source + (f"#{r.record}" if r.record else "")
            typer.echo(f"{where}\t{r.stage}\t{r.code}\t{r.message}")
            seen += 1
    finally:
        store.close()
    if not seen:
        typer.echo("none: every input was processed", err=True)

