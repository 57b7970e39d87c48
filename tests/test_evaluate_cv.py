"""Cross-validation by document (``khronika eval --cv``) on a tiny synthetic corpus."""

from __future__ import annotations

import json
import math
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from khronika.errors import ConfigError
from khronika.evaluate_cv import (
    Claims,
    CvDoc,
    Extractor,
    assign_folds,
    cross_validate,
    cv_to_json,
    format_cv,
    load_corpus,
)

SENTENCES = {
    "ru": "Полиция провела рейд на рынке в Казани.",
    "en": "Police raided a market in Kazan.",
}


def _doc(n: int, lang: str, cluster: str | None = None, empty: bool = False) -> CvDoc:
    doc_id = f"{lang}-{n:02d}"
    gold = [] if empty else [{"event_type": "raid", "evidence": {"text": SENTENCES[lang]}}]
    record: dict[str, Any] = {"id": doc_id, "language": lang, "text": SENTENCES[lang],
                              "event_cluster": cluster}
    group = f"cluster:{cluster}" if cluster else doc_id
    return CvDoc(doc_id, lang, group, record, gold)


def _corpus() -> list[CvDoc]:
    docs = [_doc(n, "ru", cluster="a" if n < 3 else None, empty=n == 9) for n in range(12)]
    docs += [_doc(n, "en", cluster="b" if n < 2 else None, empty=n == 7) for n in range(10)]
    return docs


def _perfect(docs: Sequence[CvDoc]) -> Claims:
    return {
        d.doc_id: [{"doc_id": d.doc_id, **g} for g in d.gold] for d in docs
    }


class Memoriser:
    """Knows the gold of its training documents only: an honest split scores recall 0."""

    def __init__(self) -> None:
        self.seen: list[set[str]] = []

    def fit(self, train: Sequence[CvDoc]) -> Extractor:
        known = {d.doc_id for d in train}
        self.seen.append(known)

        def extract(docs: Sequence[CvDoc]) -> Claims:
            return _perfect([d for d in docs if d.doc_id in known])

        return extract


class Oracle:
    def fit(self, train: Sequence[CvDoc]) -> Extractor:
        return _perfect


def test_folds_keep_clusters_whole_and_are_deterministic() -> None:
    docs = _corpus()
    folds = assign_folds(docs, 4)
    assert sorted(d.doc_id for f in folds for d in f) == sorted(d.doc_id for d in docs)
    for cluster in ("cluster:a", "cluster:b"):
        holding = [k for k, f in enumerate(folds) if any(d.group == cluster for d in f)]
        assert len(holding) == 1
    # the input order does not move any document to another fold
    again = assign_folds(list(reversed(docs)), 4)
    assert [sorted(d.doc_id for d in f) for f in folds] == [
        sorted(d.doc_id for d in f) for f in again
    ]
    # each language spread evenly: fold sizes per language differ by at most the cluster size
    for lang, cluster_size in (("ru", 3), ("en", 2)):
        sizes = [sum(d.lang == lang for d in f) for f in folds]
        assert max(sizes) - min(sizes) <= cluster_size - 1


def test_too_few_groups_or_folds_is_a_config_error() -> None:
    with pytest.raises(ConfigError):
        assign_folds(_corpus(), 1)
    with pytest.raises(ConfigError):
        assign_folds(_corpus()[:3], 2)  # one cluster only


def test_learner_is_trained_on_training_folds_only() -> None:
    docs = _corpus()
    memoriser = Memoriser()
    report = cross_validate(docs, 4, memoriser)
    for fold, seen in zip(report.folds, memoriser.seen, strict=True):
        assert not set(fold) & seen
        assert set(fold) | seen == {d.doc_id for d in docs}
    recall = report.summaries["all"]["claim_recall"]
    assert recall.mean == 0.0 and recall.max == 0.0 and recall.pooled == 0.0
    # it extracts nothing, so the near-miss documents stay clean
    assert report.summaries["all"]["nearmiss_clean"].pooled == 1.0


def test_perfect_extractor_scores_one_everywhere_with_no_spread() -> None:
    report = cross_validate(_corpus(), 3, Oracle())
    for lang in ("ru", "en", "all"):
        f1 = report.summaries[lang]["claim_f1"]
        assert (f1.mean, f1.std, f1.min, f1.max, f1.pooled) == (1.0, 0.0, 1.0, 1.0, 1.0)
    out = cv_to_json(report)
    assert out["k"] == 3 and len(out["folds"]) == 3
    assert out["metrics"]["en"]["claim_precision"]["mean"] == 1.0
    assert any(line.startswith("claim_f1") for line in format_cv(report))


class HalfRight:
    """Right on Russian documents, a wrong event type on English ones."""

    def fit(self, train: Sequence[CvDoc]) -> Extractor:
        def extract(docs: Sequence[CvDoc]) -> Claims:
            out = _perfect(docs)
            for d in docs:
                if d.lang == "en":
                    out[d.doc_id] = [
                        {"doc_id": d.doc_id, "event_type": "detention",
                         "evidence": {"text": SENTENCES["en"]}}
                    ]
            return out

        return extract


def test_languages_are_scored_apart_and_together() -> None:
    report = cross_validate(_corpus(), 2, HalfRight())
    assert report.summaries["ru"]["claim_f1"].pooled == 1.0
    assert report.summaries["en"]["claim_f1"].pooled == 0.0
    assert 0.0 < report.summaries["all"]["claim_f1"].pooled < 1.0
    # the English near-miss yields a (wrong) claim, the Russian one none
    assert report.summaries["en"]["nearmiss_clean"].pooled == 0.0
    assert report.summaries["ru"]["nearmiss_clean"].pooled == 1.0
    spread = report.summaries["all"]["claim_precision"]
    assert spread.min <= spread.mean <= spread.max and not math.isnan(spread.std)


def _write_corpus(folder: Path, lang: str, texts: list[tuple[str, str | None, bool]]) -> None:
    folder.mkdir(parents=True)
    with (folder / "docs.jsonl").open("w", encoding="utf-8") as docs, (
        folder / "gold.jsonl"
    ).open("w", encoding="utf-8") as gold:
        for n, (text, cluster, event) in enumerate(texts):
            doc_id = f"{lang}-{n}"
            docs.write(json.dumps({"id": doc_id, "language": lang, "published": "2025-03-02",
                                   "text": text, "event_cluster": cluster},
                                  ensure_ascii=False) + "\n")
            claims = [{"event_type": kind, "evidence": {"text": text}}
                      for kind in ("raid", "detention") if event]
            gold.write(json.dumps({"doc_id": doc_id, "claims": claims}, ensure_ascii=False)
                       + "\n")


def test_cli_cross_validates_the_rules_on_written_documents(tmp_path: Path) -> None:
    from khronika.cli import app, register_commands

    register_commands()
    _write_corpus(tmp_path / "ru", "ru", [
        ("Вчера полицейские провели рейд на овощной базе в Самаре, задержаны 15 мигрантов.",
         "s", True),
        ("В Самаре полиция устроила рейд на овощной базе и задержала 15 мигрантов.", "s", True),
        ("Депутаты обсудили законопроект о налогах.", None, False),
    ])
    _write_corpus(tmp_path / "en", "en", [
        ("Police raided a vegetable warehouse in Samara and detained 15 migrants.", None, True),
        ("The city council discussed the new budget.", None, False),
    ])
    folders = load_corpus([tmp_path / "ru", tmp_path / "en"])
    assert {d.group for d in folders} == {"cluster:s", "ru-2", "en-0", "en-1"}
    result = CliRunner().invoke(app, [
        "eval", "--cv", "2", "--corpus", str(tmp_path / "ru"), "--corpus", str(tmp_path / "en"),
        "--json",
    ])
    assert result.exit_code == 0, result.output
    out = json.loads(result.output)
    assert sorted(len(f) for f in out["folds"]) == [2, 3]
    assert set(out["metrics"]) == {"ru", "en", "all"}
    assert set(out["metrics"]["all"]["claim_f1"]) == {"mean", "std", "min", "max", "pooled"}
    # the rules find the Russian raids and leave the budget story alone
    assert out["metrics"]["ru"]["claim_recall"]["pooled"] == 1.0, result.output
    assert out["metrics"]["en"]["claim_recall"]["pooled"] == 1.0
    assert out["metrics"]["all"]["nearmiss_clean"]["pooled"] == 1.0
    text = CliRunner().invoke(app, ["eval", "--cv", "2", "--corpus", str(tmp_path / "ru"),
                                    "--corpus", str(tmp_path / "en")])
    assert text.exit_code == 0 and "claim_f1" in text.output


def test_cli_cv_without_a_corpus_is_a_one_line_error(tmp_path: Path) -> None:
    from khronika.cli import app, register_commands

    register_commands()
    result = CliRunner().invoke(app, ["eval", "--cv", "3"])
    assert isinstance(result.exception, ConfigError)
    assert "--corpus" in str(result.exception)
