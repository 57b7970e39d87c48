"""`khronika extract` and `khronika eval`: extraction without a database."""

from __future__ import annotations

import json
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from khronika.cli.common import (
    CodebookOption,
    EncoderOption,
    GazetteerOption,
    ModelOption,
    OutletsOption,
    app,
    parse_date,
)
from khronika.errors import BadRecord, ConfigError
from khronika.settings import ExtractSettings

if TYPE_CHECKING:
    from khronika.evaluate_cv import CvDoc, Learner
    from khronika.pipeline import Resources


@app.command("extract")
def extract_cmd(
    path: Annotated[Path, typer.Argument(help="A corpus JSONL file (or any input).")],
    published: Annotated[
        str | None, typer.Option(help="Publication date for undated inputs.")
    ] = None,
    codebook: CodebookOption = None,
    gazetteer: GazetteerOption = None,
    outlets: OutletsOption = None,
    model: ModelOption = None,
    encoder: EncoderOption = None,
) -> None:
    """Claims as contract JSON Lines on stdout; no database."""
    from khronika.export.jsonl import write_jsonl
    from khronika.pipeline import build_resources, process_inputs

    resources = build_resources(ExtractSettings.from_options(
        codebook=codebook, gazetteer=gazetteer, outlets=outlets, model=model, encoder=encoder
    ))
    pub = parse_date(published) if published else None
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
    gold: Annotated[
        list[Path] | None, typer.Option("--gold", help="gold.jsonl (repeat for several)")
    ] = None,
    docs: Annotated[
        list[Path] | None, typer.Option("--docs", help="docs.jsonl (repeat for several)")
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the metrics as JSON.")] = False,
    verbose: Annotated[bool, typer.Option("--verbose", "-v", help="Misses and extras.")] = False,
    cv: Annotated[
        int | None,
        typer.Option("--cv", metavar="K", help="K-fold cross-validation by document."),
    ] = None,
    corpus: Annotated[
        list[Path] | None,
        typer.Option("--corpus", metavar="DIR",
                     help="With --cv: a folder holding docs.jsonl and gold.jsonl (repeatable)."),
    ] = None,
    system: Annotated[
        str,
        typer.Option("--system", metavar="NAME",
                     help="With --cv: rules, both (rules + a sentence model trained on the "
                          "training folds) or model (a regression blind to the rules' "
                          "features judging the rules' candidates, for the ablation)."),
    ] = "both",
    encoder: Annotated[
        str | None,
        typer.Option("--encoder", metavar="NAME",
                     help="With --cv: e5 adds sentence embeddings to the model (slower)."),
    ] = None,
    train_also: Annotated[
        list[Path] | None,
        typer.Option("--train-also", metavar="DIR",
                     help="With --cv: a gold folder added to every fold's training."),
    ] = None,
    model: ModelOption = None,
) -> None:
    """Score extraction against gold files (see the corpus README).

    Gold records with claims are scored claim by claim; gold records with an ``incident``
    label, or documents with an ``event_cluster`` label, add pairwise same-incident
    precision and recall of the grouping. Several ``--gold``/``--docs`` pairs are scored
    as one corpus (incidents that span a Russian and an English set are grouped together).
    With ``--cv K`` the documents of every ``--corpus`` folder (or of --gold/--docs) are
    split into K folds, one event_cluster never split, and each fold is scored on its own:
    mean, spread and pooled figures per metric, for RU, EN and both.
    """
    if cv is not None:
        _eval_cv(cv, corpus or [], gold[0] if gold else None, docs[0] if docs else None,
                 as_json, CvOptions(system, encoder, train_also or []))
        return
    if not gold or not docs:
        raise ConfigError("eval needs --gold FILE and --docs FILE (or --cv K --corpus DIR)")
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
    from khronika.pipeline import build_resources

    resources = build_resources(ExtractSettings(model=model))
    predicted: dict[str, list[dict[str, Any]]] = {}
    labels: dict[str, str] = {}
    gold_claims: dict[str, list[dict[str, Any]]] = {}
    for path in docs:
        found = extract_claims_from_jsonl(path, resources=resources)
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


@dataclass(frozen=True)
class CvOptions:
    system: str
    encoder: str | None
    train_also: list[Path]


def _eval_cv(k: int, folders: list[Path], gold: Path | None, docs: Path | None,
             as_json: bool, options: CvOptions) -> None:
    from khronika.evaluate_cv import cross_validate, cv_to_json, format_cv, load_corpus
    from khronika.pipeline import build_resources

    if gold is not None or docs is not None:
        if gold is None or docs is None or gold.parent != docs.parent:
            raise ConfigError("with --cv, give --corpus DIR (docs.jsonl and gold.jsonl in it)")
        folders = [*folders, gold.parent]
    if not folders:
        raise ConfigError("--cv needs at least one --corpus DIR")
    for folder in [*folders, *options.train_also]:
        if not folder.is_dir():
            raise ConfigError(f"--corpus {folder}: not a folder")
    corpus_docs = load_corpus(folders)
    resources = build_resources(ExtractSettings(model="none"))
    report = cross_validate(corpus_docs, k, _learner(corpus_docs, resources, options))
    if as_json:
        typer.echo(json.dumps(cv_to_json(report), indent=2, sort_keys=True))
        return
    typer.echo(f"system: {options.system}" + (f" + {options.encoder}" if options.encoder else ""))
    for line in format_cv(report):
        typer.echo(line)


def _learner(corpus_docs: list[CvDoc], resources: Resources, options: CvOptions) -> Learner:
    from khronika.evaluate import load_gold
    from khronika.extract.sentence_model import encoder_named
    from khronika.learn import (
        CachedRules,
        CorpusCache,
        ModelAlone,
        RuleFilter,
        analyse_corpus,
        blind_examples,
        gold_examples,
    )

    encoder = encoder_named(options.encoder)
    if options.system not in ("rules", "both", "model"):
        raise ConfigError(f"--system {options.system}: one of rules, both, model")
    cache = CorpusCache.of(corpus_docs, resources, every_document=options.system == "model",
                           encoder=encoder)
    if options.system == "rules":
        return CachedRules(cache)
    if options.system == "model":
        return ModelAlone(cache)
    extra, extra_blind = [], []
    for folder in options.train_also:
        analysed = analyse_corpus([folder / "docs.jsonl"], resources)
        gold = load_gold(folder / "gold.jsonl")
        extra += gold_examples(analysed, gold)
        extra_blind += blind_examples(analysed, gold)
    return RuleFilter(cache, extra, extra_blind)
