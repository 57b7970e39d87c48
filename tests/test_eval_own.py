"""The real pipeline over khronika's own test set (tests/data/own): floors and near-misses.

The set holds short RU and EN reports written for these tests (see tests/data/own/build.py),
with gold written before the pipeline was run on them. Floors live in
tests/data/own/baseline.json; every near-miss document (gold ``"claims": []``) must yield no
claim at all.
"""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path
from typing import Any

import pytest

from khronika import extract_claims_from_jsonl
from khronika.evaluate import EvalReport, check_floors, format_report, load_gold, score

OWN = Path(__file__).resolve().parent / "data" / "own"


@pytest.fixture(scope="module")
def gold() -> dict[str, list[dict[str, Any]]]:
    return load_gold(OWN / "gold.jsonl")


@pytest.fixture(scope="module")
def predicted(resources: Any) -> dict[str, list[dict[str, Any]]]:
    return extract_claims_from_jsonl(OWN / "docs.jsonl", resources=resources)


@pytest.fixture(scope="module")
def report(gold: dict[str, list[dict[str, Any]]],
           predicted: dict[str, list[dict[str, Any]]]) -> EvalReport:
    return score(gold, predicted)


def test_eval_own_set_is_built_from_its_source() -> None:
    spec = importlib.util.spec_from_file_location("own_build", OWN / "build.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    docs, gold = module.build()
    assert (OWN / "docs.jsonl").read_text("utf-8").splitlines() == [
        json.dumps(d, ensure_ascii=False) for d in docs
    ], "run tests/data/own/build.py"
    assert (OWN / "gold.jsonl").read_text("utf-8").splitlines() == [
        json.dumps(g, ensure_ascii=False) for g in gold
    ], "run tests/data/own/build.py"


def test_eval_own_set_covers_the_codebook(gold: dict[str, list[dict[str, Any]]]) -> None:
    claims = [c for claims in gold.values() for c in claims]
    required = [c for c in claims if not c.get("optional")]
    assert {c["event_type"] for c in required} == {
        "raid", "detention", "summons", "escort_to_enlistment_office", "recruitment_pressure",
        "enlistment", "deportation", "prosecution", "citizenship_revocation",
    }
    assert {x for c in required for x in c["certainty_any"]} == {
        "asserted", "reported", "unconfirmed", "disputed",
    }
    assert len({c["evidence"]["text"] for c in claims}) >= 60
    assert sum(1 for claims in gold.values() if not claims) >= 10
    assert {doc_id.split("-")[1] for doc_id in gold} >= {"ru", "en"}


def test_eval_own_floors(report: EvalReport) -> None:
    floors = json.loads((OWN / "baseline.json").read_text("utf-8"))["floors"]
    lines = format_report(report)
    for event_type, row in report.per_event_type.items():
        lines.append(
            f"{event_type:<28} tp {int(row['tp']):>3} fp {int(row['fp']):>3} "
            f"fn {int(row['fn']):>3} P {row['precision']:.3f} R {row['recall']:.3f}"
        )
    print("\n".join(lines))  # the per-event-type table in the test log
    failures = check_floors(report.metrics, floors, margin=0.0)
    assert not failures, "\n".join([*failures, "", *format_report(report, verbose=True)])


def test_eval_own_near_misses_yield_nothing(
    gold: dict[str, list[dict[str, Any]]], predicted: dict[str, list[dict[str, Any]]]
) -> None:
    near_misses = [doc_id for doc_id, claims in gold.items() if not claims]
    wrong = {
        doc_id: [f"{c['event_type']}: {c['evidence']['text']}" for c in predicted[doc_id]]
        for doc_id in near_misses
        if predicted.get(doc_id)
    }
    assert not wrong, wrong
