"""One document's failure in any stage becomes a rejection naming its file; the run goes on.

Each stage — reading a record, cleaning, analysis, extraction, geocoding, building store
rows — is made to raise for one document of a folder (as an unforeseen input would make it);
the other documents must all be stored, every failure listed as a K109 rejection naming
its file, and a second run over the same folder must not crash either.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

import khronika.ingest as ingest
import khronika.pipeline as pipeline
from khronika.extract import claims as claims_module
from khronika.geocode.toponyms import Geocoder
from khronika.nlp.english import EnglishNLP
from khronika.pipeline import Resources, run
from khronika.store import open_store
from khronika.store.sql import SqlStore

TOWNS = {
    "read": "Kazan", "clean": "Samara", "nlp": "Omsk", "extract": "Tver",
    "geocode": "Perm", "store": "Tomsk", "good": "Ufa",
}


def _text(town: str, n: int) -> str:
    return (f"Police detained {n} migrants at a market in {town} on Tuesday, a local news "
            f"site reported, and several of them were handed draft summonses.\n")


def _raising(original: Callable[..., Any], bad: Callable[..., bool]) -> Callable[..., Any]:
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        if bad(*args, **kwargs):
            raise ValueError("boom in a stage")  # a stand-in for any unforeseen bug
        return original(*args, **kwargs)
    return wrapper


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    folder = tmp_path / "in"
    folder.mkdir()
    for n, (stage, town) in enumerate(TOWNS.items(), start=11):
        (folder / f"{stage}.txt").write_text(_text(town, n), encoding="utf-8")
    return folder


def _break_every_stage(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(ingest, "read_stream", _raising(
        ingest.read_stream, lambda source, name, *a, **k: name == "read.txt"))
    monkeypatch.setattr(pipeline, "clean_document", _raising(
        pipeline.clean_document, lambda raw: raw.source.endswith("clean.txt")))
    monkeypatch.setattr(EnglishNLP, "analyze", _raising(
        EnglishNLP.analyze, lambda self, text: "Omsk" in text))
    monkeypatch.setattr(claims_module, "extract_claims", _raising(
        claims_module.extract_claims, lambda doc, *a, **k: "Tver" in doc.text))
    monkeypatch.setattr(Geocoder, "find_document_places", _raising(
        Geocoder.find_document_places,
        lambda self, sentences, *a, **k: any("Perm" in s.text for s in sentences)))
    row = SqlStore._document_row
    monkeypatch.setattr(SqlStore, "_document_row", staticmethod(_raising(
        row, lambda doc, now: "Tomsk" in doc.text)))


def test_every_stage_failing_once_rejects_only_that_document(
    resources: Resources, corpus: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _break_every_stage(monkeypatch)
    store = open_store(tmp_path / "k.db")
    summary = run([corpus], store=store, resources=resources)
    rejected = {Path(r.source).stem: r for r in summary.rejections}
    assert set(rejected) == set(TOWNS) - {"good"}
    for stage, rejection in rejected.items():
        assert rejection.code == "K109", rejection
        assert "boom in a stage" in rejection.message
        assert rejection.stage == {"nlp": "extract", "geocode": "extract"}.get(stage, stage)
    assert summary.documents == 1
    assert summary.claims >= 1
    evidence = [c.evidence.text for c in store.iter_claims()]
    assert evidence and all("Ufa" in text for text in evidence)
    assert {Path(r.source).stem for r in store.iter_rejections()} == set(rejected)

    again = run([corpus], store=store, resources=resources)  # a re-run does not crash either
    assert {Path(r.source).stem for r in again.rejections} == set(rejected)
    assert again.skipped == 1


def test_the_good_documents_of_a_chunk_are_stored_when_one_fails(
    resources: Resources, corpus: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(claims_module, "extract_claims", _raising(
        claims_module.extract_claims, lambda doc, *a, **k: "Tver" in doc.text))
    store = open_store(tmp_path / "k.db")
    summary = run([corpus], store=store, resources=resources)
    assert [Path(r.source).stem for r in summary.rejections] == ["extract"]
    assert summary.documents == len(TOWNS) - 1
