"""Grouping the labelled set through the real pipeline: pairwise P/R, store, CLI."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from khronika.contract import claim_to_dict
from khronika.dedup import cluster_claim_dicts, cluster_incidents, group_store, store_incidents
from khronika.evaluate_incidents import (
    load_gold_incidents,
    pairwise_incident_scores,
    score_incidents,
)
from khronika.model import Claim, Document

SET = Path(__file__).parent / "data" / "incidents"


@pytest.fixture(scope="module")
def extracted(resources: Any) -> tuple[list[Claim], dict[str, Document]]:
    from khronika.pipeline import process_inputs

    claims: list[Claim] = []
    docs: dict[str, Document] = {}
    for outcome in process_inputs([SET / "docs.jsonl"], resources=resources):
        assert outcome.document is not None, outcome.rejection
        docs[outcome.document.id] = outcome.document
        claims.extend(outcome.claims)
    return claims, docs


def test_dedup_set_is_large_enough() -> None:
    gold = load_gold_incidents(SET / "gold.jsonl")
    docs = [json.loads(line) for line in (SET / "docs.jsonl").read_text().splitlines()]
    assert len(gold) == len(docs) >= 40
    assert len(set(gold.values())) >= 10
    assert {d["language"] for d in docs} == {"ru", "en"}


def test_dedup_pairwise_precision_recall(
    extracted: tuple[list[Claim], dict[str, Document]],
) -> None:
    claims, docs = extracted
    gold = load_gold_incidents(SET / "gold.jsonl")
    mapping = cluster_incidents(claims, documents=docs)
    scores = pairwise_incident_scores(mapping, {c.claim_id: gold[c.doc_id] for c in claims})
    assert scores["incident_pair_precision"] >= 0.85, scores
    assert scores["incident_pair_recall"] >= 0.85, scores


def test_dedup_traps_stay_apart(extracted: tuple[list[Claim], dict[str, Document]]) -> None:
    claims, docs = extracted
    mapping = cluster_incidents(claims, documents=docs)
    by_doc: dict[str, set[str]] = {}
    for c in claims:
        by_doc.setdefault(c.doc_id, set()).add(mapping[c.claim_id])
    # same city and type a month apart; same day in another city
    assert not by_doc["inc-a-ru-1"] & by_doc["inc-b-ru-1"]
    assert not by_doc["inc-k-ru-1"] & by_doc["inc-l-ru-1"]
    assert not by_doc["inc-a-ru-1"] & by_doc["inc-c-ru-1"]
    assert not by_doc["inc-f-ru-1"] & by_doc["inc-g-ru-1"]
    # the two languages of one story, and a court's order two days after the raid
    assert by_doc["dev-ru-30"] == by_doc["dev-en-30"]
    assert by_doc["inc-e-ru-1"] == by_doc["inc-e-ru-2"]


def test_dedup_eval_from_claim_dicts(extracted: tuple[list[Claim], dict[str, Document]]) -> None:
    claims, _ = extracted
    predicted: dict[str, list[dict[str, Any]]] = {}
    for c in claims:
        predicted.setdefault(c.doc_id, []).append(claim_to_dict(c))
    mapping = cluster_claim_dicts(predicted, SET / "docs.jsonl")
    scores = score_incidents(load_gold_incidents(SET / "gold.jsonl"), predicted, mapping)
    assert scores["incident_pair_precision"] >= 0.85
    assert scores["incident_pair_recall"] >= 0.85


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Any]:
    from khronika.store import open_store

    s = open_store(str(tmp_path / "k.db"))
    yield s
    s.close()


def test_dedup_store_incremental(
    store: Any, extracted: tuple[list[Claim], dict[str, Document]]
) -> None:
    claims, docs = extracted
    first, later = ["inc-k-ru-1", "inc-d-ru-1"], ["inc-k-en-1", "inc-k-ru-2", "inc-d-en-1"]
    for doc_id in first:
        store.save_document(docs[doc_id], [c for c in claims if c.doc_id == doc_id])
    assert group_store(store) > 0
    before = {c.claim_id: c.incident_id for c in store.iter_claims()}
    assert group_store(store) == 0  # a re-run changes nothing
    for doc_id in later:
        store.save_document(docs[doc_id], [c for c in claims if c.doc_id == doc_id])
    group_store(store)
    after = {c.claim_id: c.incident_id for c in store.iter_claims()}
    assert all(after[cid] == iid for cid, iid in before.items())
    summaries = store_incidents(store, regroup=False)
    spb = next(s for s in summaries if "inc-k-ru-1" in s.doc_ids)
    assert set(spb.doc_ids) == {"inc-k-ru-1", "inc-k-en-1", "inc-k-ru-2"}
    assert spb.sources == 1  # all three rest on Fontanka's report
    assert spb.conservative == 200 and spb.figure_type == "detention"
    assert len(summaries) == 2


def test_dedup_cli_incidents(
    store: Any, extracted: tuple[list[Claim], dict[str, Document]], tmp_path: Path
) -> None:
    import khronika.cli.incidents  # noqa: F401  (registers the command)
    from khronika.cli import app, register_commands

    register_commands()  # with one command only, typer would make it the whole program

    claims, docs = extracted
    for doc_id in ("inc-c-ru-1", "inc-c-en-1"):
        store.save_document(docs[doc_id], [c for c in claims if c.doc_id == doc_id])
    db = str(tmp_path / "k.db")
    runner = CliRunner()
    result = runner.invoke(app, ["incidents", "--db", db])
    assert result.exit_code == 0, result.output
    [line] = result.output.splitlines()
    assert "Samara" in line and "2024-09-12" in line and "52 detention" in line
    result = runner.invoke(app, ["incidents", "--db", db, "--json"])
    record = json.loads(result.output)
    assert record["place"] == "Samara" and len(record["doc_ids"]) == 2
    assert runner.invoke(app, ["incidents", "--help"]).exit_code == 0


@pytest.mark.parametrize("workers", [None, "1"])
def test_run_leaves_every_claim_with_an_incident(tmp_path: Path, workers: str | None) -> None:
    """Right after `khronika run` (serial or on Dask), the export carries an incident id
    on every claim, and a second run keeps them."""
    from khronika.cli import app, register_commands

    register_commands()
    db = str(tmp_path / "k.db")
    runner = CliRunner()
    extra = ["--workers", workers] if workers else []
    result = runner.invoke(app, ["run", str(SET / "docs.jsonl"), "--db", db, *extra])
    assert result.exit_code == 0, result.output
    out = tmp_path / "claims.jsonl"
    result = runner.invoke(app, ["export", "--format", "jsonl", "--db", db, "-o", str(out)])
    assert result.exit_code == 0, result.output
    rows = [json.loads(line) for line in out.read_text("utf-8").splitlines()]
    assert rows and all(row["incident_id"] for row in rows)
    # a second run of the same documents keeps every id
    runner.invoke(app, ["run", str(SET / "docs.jsonl"), "--db", db])
    runner.invoke(app, ["export", "--format", "jsonl", "--db", db, "-o", str(out)])
    again = [json.loads(line) for line in out.read_text("utf-8").splitlines()]
    assert {r["claim_id"]: r["incident_id"] for r in again} == {
        r["claim_id"]: r["incident_id"] for r in rows
    }
