"""`khronika train`: a sentence model from gold files and reviewers' decisions."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from khronika.cli.common import EncoderOption, app
from khronika.errors import ConfigError


@app.command("train")
def train_cmd(
    gold: Annotated[
        list[Path] | None,
        typer.Option("--gold", metavar="FILE",
                     help="A gold.jsonl with its docs.jsonl beside it (repeatable)."),
    ] = None,
    db: Annotated[
        str | None,
        typer.Option("--db", metavar="FILE_OR_URL",
                     help="A store whose reviewed claims teach the model: accepted and edited"
                          " claims are kept, rejected ones dropped."),
    ] = None,
    output: Annotated[
        Path, typer.Option("--output", "-o", metavar="FILE", help="Where to write the model.")
    ] = Path("khronika-model.json.gz"),
    encoder: EncoderOption = None,
) -> None:
    """Train the sentence model that judges the rules' candidate sentences; use it with
    run/extract --model FILE. Each claim's components name the model's version."""
    from khronika.cli.common import db_exists
    from khronika.extract.sentence_model import encoder_named, save_model
    from khronika.learn import build_model
    from khronika.pipeline import build_resources
    from khronika.settings import ExtractSettings
    from khronika.store import open_store

    if not gold and db is None:
        raise ConfigError("train needs --gold FILE or --db FILE_OR_URL (or both)")
    if db is not None and not db_exists(db):
        raise ConfigError(f"--db {db}: no such store")
    resources = build_resources(ExtractSettings(model="none"))
    store = open_store(db) if db is not None else None
    try:
        model, n = build_model(gold or [], resources, store=store,
                               encoder=encoder_named(encoder),
                               note=f"khronika train from {n_sources(gold, db)}")
    finally:
        if store is not None:
            store.close()
    save_model(model, output)
    typer.echo(f"wrote {output}: {n:,} examples, model {model.component}", err=True)


def n_sources(gold: list[Path] | None, db: str | None) -> str:
    names = [str(g) for g in gold or []] + ([f"reviews in {db}"] if db else [])
    return ", ".join(names)
