"""`khronika incidents`: group stored claims into incidents and list them."""

from __future__ import annotations

import json
from typing import Annotated

import typer

from khronika.cli import DEFAULT_DB, DbOption, _db_exists, _fail, app


@app.command("incidents")
def incidents_cmd(
    db: DbOption = DEFAULT_DB,
    as_json: Annotated[
        bool, typer.Option("--json", help="One incident a line, with every account, as JSON.")
    ] = False,
    no_group: Annotated[
        bool, typer.Option("--no-group", help="List stored incidents without grouping new claims.")
    ] = False,
) -> None:
    """Incidents, one line each: id, dates, place, types, conservative figure, range,
    independent sources, grade. New claims are grouped first (existing ids are kept)."""
    from khronika.dedup import store_incidents
    from khronika.store import open_store

    if not _db_exists(db):
        _fail(f"{db}: no such store (run `khronika run` first)")
    store = open_store(db)
    try:
        summaries = store_incidents(store, regroup=not no_group)
    finally:
        store.close()
    for s in summaries:
        if as_json:
            typer.echo(json.dumps(s.as_dict(), ensure_ascii=False))
            continue
        dates = _span(s.date_start, s.date_end)
        figure = "-" if s.conservative is None else f"{s.conservative} {s.figure_type}"
        spread = "-" if s.range_min is None else f"{s.range_min}–{s.range_max}"
        typer.echo(
            f"{s.incident_id}\t{dates}\t{s.place or '?'}\t{','.join(s.event_types)}\t"
            f"{figure}\t{spread}\t{s.sources} sources\t{s.grade}"
        )


def _span(start: object, end: object) -> str:
    if start is None:
        return "undated"
    return f"{start}" if end in (None, start) else f"{start}..{end}"
