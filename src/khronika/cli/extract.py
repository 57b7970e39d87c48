"""`khronika extract` and `khronika eval`: extraction without a database."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated, Any

import typer

from khronika.cli import (
    CodebookOption,
    GazetteerOption,
    OutletsOption,
    _parse_date,
    app,
    read_outlets,
)
from khronika.errors import BadRecord, ConfigError


@app.command("extract")
def extract_cmd(
    path: Annotated[Path, typer.Argument(help="A corpus JSONL file (or any input).")],
    published: Annotated[
        str | None, typer.Option(help="Publication date for undated inputs.")
    ] = None,
    codebook: CodebookOption = None,
    gazetteer: GazetteerOption = None,
    outlets: OutletsOption = None,
) -> None:
    """Claims as contract JSON Lines on stdout; no database."""
    from khronika.export.jsonl import write_jsonl
    from khronika.pipeline import build_resources, process_inputs

    resources = build_resources(
        codebook_path=codebook, gazetteer_extra=gazetteer,
        outlets=read_outlets(outlets) if outlets else None, outlets_name=str(outlets),
    )
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


def _require_file(path: Path, option: str) -> None:
    if not path.is_file():
        what = "is a folder" if path.is_dir() else "no such file"
        raise ConfigError(f"{option} {path}: {what}")


@app.command("eval")
def eval_cmd(
    gold: Annotated[list[Path], typer.Option("--gold", help="gold.jsonl (repeat for several)")],
    docs: Annotated[list[Path], typer.Option("--docs", help="docs.jsonl (repeat for several)")],
    as_json: Annotated[bool, typer.Option("--json", help="Print the metrics as JSON.")] = False,
    verbose: Annotated[bool, typer.Option("--verbose", "-v", help="Misses and extras.")] = False,
) -> None:
    """Score extraction against gold files (see the corpus README).

    Gold records with claims are scored claim by claim; gold records with an ``incident``
    label, or documents with an ``event_cluster`` label, add pairwise same-incident
    precision and recall of the grouping. Several ``--gold``/``--docs`` pairs are scored
    as one corpus (incidents that span a Russian and an English set are grouped together).
    """
    from khronika import extract_claims_from_jsonl
    from khronika.dedup import cluster_claim_dicts
    from khronika.evaluate import format_report, load_gold, score
    from khronika.evaluate_incidents import (
        format_incident_scores,
        load_doc_clusters,
        load_gold_incidents,
        score_incidents,
    )

    for path in gold:
        _require_file(path, "--gold")
    for path in docs:
        _require_file(path, "--docs")
    predicted: dict[str, list[dict[str, Any]]] = {}
    labels: dict[str, str] = {}
    gold_claims: dict[str, list[dict[str, Any]]] = {}
    for path in docs:
        found = extract_claims_from_jsonl(path)
        if not found:
            raise BadRecord("holds no document to score (corpus JSON Lines expected)",
                            path=str(path), stage="eval")
        predicted.update(found)
        labels.update(load_doc_clusters(path))
    for path in gold:
        labels.update(load_gold_incidents(path))
        if any('"claims"' in line for line in path.read_text("utf-8").splitlines()):
            gold_claims.update(load_gold(path))
    metrics: dict[str, float] = {}
    lines: list[str] = []
    if gold_claims:
        report = score(gold_claims, predicted)
        metrics.update(report.metrics)
        lines += format_report(report, verbose=verbose)
    if labels:
        mapping = cluster_claim_dicts(predicted, docs)
        incident_metrics = score_incidents(labels, predicted, mapping)
        metrics.update(incident_metrics)
        lines += format_incident_scores(incident_metrics)
    if as_json:
        typer.echo(json.dumps(metrics, indent=2, sort_keys=True))
        return
    for line in lines:
        typer.echo(line)
