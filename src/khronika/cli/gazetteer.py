"""`khronika gazetteer import`: GeoNames dumps a user supplies, for places below the bundle."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from khronika.cli import _stderr_console

gazetteer_app = typer.Typer(help="The gazetteer: import GeoNames dumps to reach villages.")


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
        console=_stderr_console(),
        transient=True,
    ) as progress:
        task = progress.add_task("importing", total=None)
        places = import_geonames(
            files, output, progress=lambda lines: progress.update(task, completed=lines)
        )
    typer.echo(
        f"{output}: {places:,} places; use it with `khronika run --gazetteer {output}`", err=True
    )


def register(app: typer.Typer) -> None:
    app.add_typer(gazetteer_app, name="gazetteer")
