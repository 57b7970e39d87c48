"""`khronika incidents`: group stored claims into incidents and list them."""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import TYPE_CHECKING, Annotated

import typer

from khronika.cli.common import DEFAULT_DB, DbOption, app, db_exists, fail
from khronika.cli.progress import plural
from khronika.dedup.summary import IncidentSummary

if TYPE_CHECKING:
    from khronika.store import Store


@app.command("incidents")
def incidents_cmd(
    db: DbOption = DEFAULT_DB,
    as_json: Annotated[
        bool, typer.Option("--json", help="One incident a line, with every account, as JSON.")
    ] = False,
    no_group: Annotated[
        bool, typer.Option("--no-group", help="List stored incidents without grouping new claims.")
    ] = False,
    include_names: Annotated[
        bool,
        typer.Option("--include-names", help="Keep personal names in --json (redacted otherwise)."),
    ] = False,
    regroup: Annotated[
        bool, typer.Option("--regroup", help="Regroup every claim from scratch (ids may change).")
    ] = False,
) -> None:
    """Incidents, one line each: id, dates, place, types, each type's conservative figure
    and range, independent sources, grade (docs/incidents.md). New claims are grouped
    first (existing ids are kept); ``--regroup`` groups every claim afresh."""
    from khronika.dedup import regroup_store, store_incidents
    from khronika.store import open_store

    if not db_exists(db):
        fail(f"{db}: no such store (run `khronika run` first)")
    store = open_store(db)
    try:
        if regroup:
            regroup_store(store)
        summaries = store_incidents(store, regroup=not (no_group or regroup))
        if as_json:
            _print_json(store, summaries, redact=not include_names)
            return
    finally:
        store.close()
    for s in summaries:
        dates = _span(s.date_start, s.date_end)
        typer.echo(
            f"{s.incident_id}\t{dates}\t{s.place or '?'}\t{','.join(s.event_types)}\t"
            f"{_figures(s)}\t{plural(s.sources, 'source')}\t{s.grade}"
        )


def _figures(s: IncidentSummary) -> str:
    """``12 detention (12–40); 5 summons (5–5)``: one figure and range per event type."""
    parts = [
        f"{t.conservative} {t.event_type} ({t.range_min}–{t.range_max})"
        for t in s.figures
        if t.conservative is not None
    ]
    return "; ".join(parts) or "-"


def _span(start: object, end: object) -> str:
    if start is None:
        return "undated"
    return f"{start}" if end in (None, start) else f"{start}..{end}"


def _print_json(store: Store, summaries: Sequence[IncidentSummary], *, redact: bool) -> None:
    """Accounts' evidence and credits carry names: redacted as in `export` unless asked."""
    names_for = None
    if redact and summaries:
        from khronika.export.redact import NO_NAMES, Names, Redactor, redact_incident
        from khronika.geocode import load_gazetteer
        from khronika.nlp import build_nlp

        redactor = Redactor(build_nlp(), gazetteer=load_gazetteer(world=False))

        def names_for(doc_id: str) -> Names:
            doc = store.get_document(doc_id)
            return NO_NAMES if doc is None else redactor.for_document(doc)

    for s in summaries:
        data = s.as_dict()
        if names_for is not None:
            redact_incident(data, names_for)
        typer.echo(json.dumps(data, ensure_ascii=False))
