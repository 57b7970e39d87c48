"""`khronika gazetteer import`: GeoNames dumps a user supplies, for places below the bundle.
`khronika gazetteer outlets`: the homes of local outlets, learned from a store's claims."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from khronika.cli.common import DEFAULT_DB, DbOption, stderr_console

gazetteer_app = typer.Typer(
    rich_markup_mode=None, help="The gazetteer: import GeoNames dumps to reach villages."
)


@gazetteer_app.command("import")
def import_cmd(
    files: Annotated[
        list[Path],
        typer.Argument(
            help="RU.zip, allCountries.zip, cities500.zip, alternateNamesV2.zip, "
            "admin1CodesASCII.txt …"
        ),
    ],
    output: Annotated[
        Path, typer.Option("--output", "-o", help="The gazetteer file to create or extend.")
    ] = Path("khronika-gazetteer.db"),
) -> None:
    """Stream GeoNames files into a gazetteer file; use it with `khronika run --gazetteer`."""
    from rich.progress import Progress, TextColumn, TimeElapsedColumn

    from khronika.geocode.geonames import import_geonames

    with Progress(
        TextColumn("{task.description}"),
        TextColumn("{task.completed:,} lines"),
        TimeElapsedColumn(),
        console=stderr_console(),
        transient=True,
    ) as progress:
        task = progress.add_task("importing", total=None)
        places = import_geonames(
            files, output, progress=lambda lines: progress.update(task, completed=lines)
        )
    typer.echo(
        f"{output}: {places:,} places; use it with `khronika run --gazetteer {output}`", err=True
    )


@gazetteer_app.command("outlets")
def outlets_cmd(
    db: DbOption = DEFAULT_DB,
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="Write the table here, not stdout.")
    ] = None,
) -> None:
    """Learn where local outlets sit from the places of their stored claims (an outlet whose
    stories mostly name towns of one region), as an outlet table for `khronika run
    --outlets`. National outlets, and outlets with fewer than three such stories, get none."""
    from khronika.geocode import load_gazetteer
    from khronika.geocode.outlets import homes_table, learn_homes, outlet_key
    from khronika.model import Place
    from khronika.store import open_store

    stories: dict[str, tuple[str, list[Place | None]]] = {}
    store = open_store(db)
    try:
        for row in store.iter_export_rows(with_documents=True):
            doc = row.document
            key = outlet_key(doc.url, doc.outlet) if doc is not None else None
            if doc is None or key is None:
                continue
            loc = row.claim.get("location") or {}
            place = Place(
                loc.get("name"), loc.get("country"), loc.get("lat"), loc.get("lon"),
                loc.get("precision") or "unknown", admin1=loc.get("admin1"),
            )
            stories.setdefault(doc.id, (key, []))[1].append(place)
    finally:
        store.close()
    table = homes_table(learn_homes(load_gazetteer(), stories.values()))
    if output is None:
        typer.echo(table, nl=False)
    else:
        output.write_text(table, encoding="utf-8")
    found = table.count("\n")
    typer.echo(f"{found} outlet{'' if found == 1 else 's'} with a home", err=True)


def register(app: typer.Typer) -> None:
    app.add_typer(gazetteer_app, name="gazetteer")
