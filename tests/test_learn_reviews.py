"""A team reviews about 300 claims, retrains the sentence model from its store, and sees the
score move on documents held apart. Gold claims of ../shared/corpus/realistic stand in for
the reviewers' decisions; they reach a real SQLite store through the store API."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from khronika import extract_claims_from_jsonl
from khronika.evaluate import score
from khronika.evaluate_cv import CvDoc, assign_folds, extract_records, load_corpus
from khronika.extract.sentence_model import load_model, save_model
from khronika.learn import _in_gold, build_model, extract_analysed, store_examples
from khronika.pipeline import build_resources, run
from khronika.settings import ExtractSettings
from khronika.store import open_store

from .conftest import SHARED

REALISTIC = SHARED / "corpus" / "realistic"
pytestmark = pytest.mark.skipif(not REALISTIC.is_dir(), reason="needs ../shared/corpus")
REVIEWED = 300


def _write_docs(docs: list[CvDoc], path: Path) -> Path:
    with path.open("w", encoding="utf-8") as out:
        for d in docs:
            out.write(json.dumps(d.record, ensure_ascii=False) + "\n")
    return path


def _review_like_gold(store: Any, gold: dict[str, list[dict[str, Any]]]) -> dict[str, int]:
    """Accept each stored claim the gold has (same type, overlapping sentence), reject the
    rest, through ``save_review`` as the review server does."""
    from khronika.extract.sentence_model import Candidate
    from khronika.model import Sentence

    decided = {"accepted": 0, "rejected": 0}
    for claim in list(store.iter_claims()):
        sentence = Sentence(0, claim.evidence.start, claim.evidence.end, claim.evidence.text)
        probe = Candidate(sentence, claim.event_type, "ru", frozenset(), (), 0)
        state = "accepted" if _in_gold(probe, gold[claim.doc_id]) else "rejected"
        review = store.get_review(claim.claim_id)
        store.save_review(claim.claim_id, "tester", {"review_state": state}, review.version)
        decided[state] += 1
    return decided


def test_retraining_on_reviews_moves_the_score_on_held_apart_documents(
    tmp_path: Path,
) -> None:
    docs = load_corpus([REALISTIC / "ru", REALISTIC / "en"])
    folds = assign_folds(docs, 5)
    held, rest = folds[0], [d for f in folds[1:] for d in f]
    rules = build_resources(ExtractSettings(model="none"))
    # the team runs the rules over its documents until it has about 300 claims to review
    store = open_store(tmp_path / "team.db")
    batch: list[CvDoc] = []
    produced = 0
    predicted = extract_records(rest, lambda p: extract_claims_from_jsonl(p, resources=rules))
    for d in rest:
        if produced >= REVIEWED:
            break
        batch.append(d)
        produced += len(predicted.get(d.doc_id, []))
    run([_write_docs(batch, tmp_path / "batch.jsonl")], store=store, resources=rules)
    decided = _review_like_gold(store, {d.doc_id: d.gold for d in batch})
    assert sum(decided.values()) >= 180 and decided["rejected"] >= 30

    examples = store_examples(store, rules)
    assert len(examples) >= 150
    model, n = build_model([], rules, store=store)
    store.close()
    assert n == len(examples)

    from khronika.learn import CorpusCache

    cache = CorpusCache.of(held, rules)
    gold = {d.doc_id: d.gold for d in held}
    before = score(gold, extract_analysed(cache.analysed, gold, rules)).metrics
    after = score(gold, extract_analysed(cache.analysed, gold, rules, model)).metrics
    # the model learned the reviewers' decisions: it scores what they rejected below what
    # they kept
    kept = [model.probability(c) for c, y in examples if y >= 0.5]
    dropped = [model.probability(c) for c, y in examples if y < 0.5]
    assert sum(dropped) / len(dropped) < sum(kept) / len(kept)
    # on unseen documents its cut (chosen on held-out reviews for the best F1) never costs
    # F1, and it ranks the rule hits gold rejects below those gold keeps: what it learned
    # from the reviewers carries to documents they never saw. (With the session-8 rules a
    # fifth of the reviewed hits are wrong, and on this fold the chosen cut keeps them all;
    # the claims drop only from a cut of 0.7.)
    from khronika.learn import gold_examples

    assert after["claim_f1"] >= before["claim_f1"]
    unseen = gold_examples(cache.analysed, gold)
    right = [model.probability(c) for c, y in unseen if y >= 0.5]
    wrong = [model.probability(c) for c, y in unseen if y < 0.5]
    assert len(wrong) >= 20
    assert sum(wrong) / len(wrong) < sum(right) / len(right)
    # a team that starts from the constructed gold and adds its reviews gains over that gold
    # alone (dev is nearly all kept sentences: alone it teaches little to drop)
    dev_gold = [SHARED / "corpus" / "dev" / "gold.jsonl"]
    store = open_store(tmp_path / "team.db")
    with_reviews, _ = build_model(dev_gold, rules, store=store)
    store.close()
    dev_only, _ = build_model(dev_gold, rules)
    plain = score(gold, extract_analysed(cache.analysed, gold, rules, dev_only)).metrics
    taught = score(gold, extract_analysed(cache.analysed, gold, rules, with_reviews)).metrics
    assert taught["claim_f1"] >= plain["claim_f1"]
    # the reviews' lesson is in the filter: it scores what the reviewers rejected lower than
    # the dev gold alone teaches it to (on this fold the document gate, which reviews do not
    # train, leaves the two models' claims equal since session 7)
    def mean_rejected(m: Any) -> float:
        rejected = [m.probability(c) for c, y in examples if y < 0.5]
        return sum(rejected) / len(rejected)

    assert mean_rejected(with_reviews) < mean_rejected(dev_only)

    path = tmp_path / "team-model.json.gz"
    save_model(model, path)
    assert load_model(path).version == model.version


def test_train_and_extract_through_the_shell(tmp_path: Path) -> None:
    from khronika.cli import app, register_commands

    register_commands()
    runner = CliRunner()
    out = tmp_path / "m.json.gz"
    result = runner.invoke(app, ["train", "--gold", str(SHARED / "corpus/dev/gold.jsonl"),
                                 "-o", str(out)])
    assert result.exit_code == 0, result.output
    model = load_model(out)
    docs = SHARED / "corpus/dev/docs.jsonl"
    lines = runner.invoke(app, ["extract", str(docs), "--model", str(out)]).stdout.splitlines()
    claims = [json.loads(line) for line in lines if line.strip()]
    assert claims and all(
        c["components"][-1] == f"khronika.sentence-model.{model.version}" for c in claims
    )
    plain = runner.invoke(app, ["extract", str(docs), "--model", "none"]).stdout.splitlines()
    assert all("sentence-model" not in line for line in plain)
    # reviews alone, from a store without any decision, is a one-line error
    empty = tmp_path / "empty.db"
    open_store(empty).close()
    bad = runner.invoke(app, ["train", "--db", str(empty), "-o", str(tmp_path / "x.gz")])
    assert bad.exit_code != 0 and "nothing to train on" in str(bad.exception)
