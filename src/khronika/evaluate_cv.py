"""k-fold cross-validation by document (``khronika eval --cv K``): the figure an extractor
earned on text it was not tuned on.

* **Folds.** Documents that tell one incident (one ``event_cluster`` in the docs file) stay in
  one fold, so a retelling of a training story never scores as unseen. Groups are dealt to
  folds deterministically: per language, largest group first (ties by a hash of the group's
  key, not by file order), each to the fold holding fewest documents of that language, so
  every fold carries Russian and English text in about equal shares.
* **Training.** A :class:`Learner` is fitted on the training folds only and returns an
  extractor that is run on the held-out fold; a rules-only learner ignores its training
  documents, so each document is simply scored once, in its fold.
* **Figures.** Every metric of :func:`khronika.evaluate.score` plus ``nearmiss_clean`` (the
  share of gold documents without claims that yield none) is computed per fold for RU, EN
  and both, then summarised as mean, sample standard deviation, min and max over folds.
  ``pooled`` scores all held-out predictions at once (the steadier single figure).
"""

from __future__ import annotations

import hashlib
import json
import math
import statistics
import tempfile
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol

from khronika.errors import BadRecord, ConfigError
from khronika.evaluate import METRICS, load_gold, read_jsonl, score

Claims = dict[str, list[dict[str, Any]]]
LANGS: tuple[str, ...] = ("ru", "en", "all")
CV_METRICS: tuple[str, ...] = (*METRICS, "nearmiss_clean")


@dataclass(frozen=True)
class CvDoc:
    """One document of a cross-validation corpus: its record as read and its gold claims."""

    doc_id: str
    lang: str
    group: str  # the event_cluster, or the document's own id when it has none
    record: dict[str, Any]
    gold: list[dict[str, Any]]


Extractor = Callable[[Sequence[CvDoc]], Claims]


class Learner(Protocol):
    """What cross-validation trains: ``fit`` sees only the training folds."""

    def fit(self, train: Sequence[CvDoc]) -> Extractor: ...


@dataclass(frozen=True)
class Summary:
    mean: float
    std: float
    min: float
    max: float
    pooled: float


@dataclass(frozen=True)
class CvReport:
    """lang ("ru", "en", "all") → metric → summary over folds; the folds' doc ids."""

    k: int
    summaries: dict[str, dict[str, Summary]]
    folds: list[list[str]]
    per_fold: list[dict[str, dict[str, float]]] = field(default_factory=list)


def load_corpus(folders: Sequence[Path]) -> list[CvDoc]:
    """Documents with gold from each folder's ``docs.jsonl`` and ``gold.jsonl``.

    Only documents that have a gold record are kept (the scorer would ignore the others).
    """
    docs: list[CvDoc] = []
    seen: set[str] = set()
    for folder in folders:
        docs_path, gold_path = folder / "docs.jsonl", folder / "gold.jsonl"
        for path in (docs_path, gold_path):
            if not path.is_file():
                raise ConfigError(f"--corpus {folder}: no {path.name} in it")
        gold = load_gold(gold_path)
        for lineno, record in read_jsonl(docs_path):
            doc_id = record.get("id")
            if not isinstance(doc_id, str):
                raise BadRecord("a document needs a string id", path=str(docs_path),
                                record=str(lineno), stage="eval")
            if doc_id not in gold:
                continue
            if doc_id in seen:
                raise BadRecord(f"doc id {doc_id!r} appears twice", path=str(docs_path),
                                record=str(lineno), stage="eval")
            seen.add(doc_id)
            cluster = record.get("event_cluster")
            lang = record.get("language")
            docs.append(CvDoc(
                doc_id=doc_id,
                lang=lang if isinstance(lang, str) else "",
                group=f"cluster:{cluster}" if isinstance(cluster, str) and cluster else doc_id,
                record=record,
                gold=gold[doc_id],
            ))
    return docs


def assign_folds(docs: Sequence[CvDoc], k: int) -> list[list[CvDoc]]:
    """``k`` folds, one group never split, each language spread evenly (see module doc)."""
    if k < 2:
        raise ConfigError(f"--cv {k}: cross-validation needs at least 2 folds")
    groups: dict[str, list[CvDoc]] = {}
    for doc in docs:
        groups.setdefault(doc.group, []).append(doc)
    if len(groups) < k:
        raise ConfigError(f"--cv {k}: only {len(groups)} document groups to share out")

    def key(name: str) -> tuple[int, str]:
        return (-len(groups[name]), hashlib.sha256(name.encode("utf-8")).hexdigest())

    folds: list[list[CvDoc]] = [[] for _ in range(k)]
    by_lang: dict[str, list[int]] = {}
    total = [0] * k
    for name in sorted(groups, key=key):
        members = groups[name]
        lang = statistics.mode(sorted(d.lang for d in members))
        sizes = by_lang.setdefault(lang, [0] * k)
        target = min(range(k), key=lambda f: (sizes[f], total[f], f))
        folds[target].extend(members)
        sizes[target] += len(members)
        total[target] += len(members)
    return folds


def cross_validate(docs: Sequence[CvDoc], k: int, learner: Learner) -> CvReport:
    """Fit ``learner`` on k-1 folds, extract the held-out fold, score; summarise (module doc)."""
    folds = assign_folds(docs, k)
    per_fold: list[dict[str, dict[str, float]]] = []
    pooled: Claims = {}
    for index, held_out in enumerate(folds):
        train = [d for f, fold in enumerate(folds) if f != index for d in fold]
        predicted = learner.fit(train)(held_out)
        pooled.update({d.doc_id: predicted.get(d.doc_id, []) for d in held_out})
        per_fold.append(_score_by_lang(held_out, predicted))
    overall = _score_by_lang(list(docs), pooled)
    summaries = {
        lang: {
            name: _summarise([fold[lang][name] for fold in per_fold], overall[lang][name])
            for name in CV_METRICS
        }
        for lang in LANGS
    }
    return CvReport(k, summaries, [[d.doc_id for d in fold] for fold in folds], per_fold)


def _score_by_lang(docs: Sequence[CvDoc], predicted: Mapping[str, list[dict[str, Any]]]) -> dict[
    str, dict[str, float]
]:
    out: dict[str, dict[str, float]] = {}
    for lang in LANGS:
        chosen = [d for d in docs if lang == "all" or d.lang == lang]
        gold = {d.doc_id: d.gold for d in chosen}
        got = {d.doc_id: predicted.get(d.doc_id, []) for d in chosen}
        metrics = {name: math.nan for name in CV_METRICS}
        if chosen:
            metrics.update(score(gold, got).metrics)
            empty = [d for d in chosen if not d.gold]
            metrics["nearmiss_clean"] = (
                sum(not got[d.doc_id] for d in empty) / len(empty) if empty else math.nan
            )
        out[lang] = metrics
    return out


def _summarise(values: Sequence[float], pooled: float) -> Summary:
    known = [v for v in values if not math.isnan(v)]
    if not known:
        return Summary(math.nan, math.nan, math.nan, math.nan, pooled)
    std = statistics.stdev(known) if len(known) > 1 else 0.0
    return Summary(statistics.fmean(known), std, min(known), max(known), pooled)


def format_cv(report: CvReport) -> list[str]:
    """One line per language and metric: mean ± std [min–max] pooled."""
    lines = [f"{report.k}-fold cross-validation by document ({sum(map(len, report.folds))} "
             f"documents; folds of {', '.join(str(len(f)) for f in report.folds)})"]
    header = f"{'metric':<22}" + "".join(f"{lang:>30}" for lang in LANGS)
    lines.append(header)
    for name in CV_METRICS:
        cells = []
        for lang in LANGS:
            s = report.summaries[lang][name]
            cells.append(
                f"{s.mean:.3f}±{s.std:.3f} [{s.min:.2f}–{s.max:.2f}] {s.pooled:.3f}"
                if not math.isnan(s.mean) else "–"
            )
        lines.append(f"{name:<22}" + "".join(f"{c:>30}" for c in cells))
    lines.append("cells: mean±std over folds [min–max] pooled over all held-out documents")
    return lines


def cv_to_json(report: CvReport) -> dict[str, Any]:
    def number(x: float) -> float | None:
        return None if math.isnan(x) else round(x, 4)

    return {
        "k": report.k,
        "folds": report.folds,
        "metrics": {
            lang: {
                name: {
                    "mean": number(s.mean), "std": number(s.std), "min": number(s.min),
                    "max": number(s.max), "pooled": number(s.pooled),
                }
                for name, s in by_name.items()
            }
            for lang, by_name in report.summaries.items()
        },
    }


@dataclass
class RulesOnly:
    """The codebook rules as they are: nothing to train, each fold is simply extracted."""

    extract: Callable[[Path], Claims]

    def fit(self, train: Sequence[CvDoc]) -> Extractor:
        return lambda docs: extract_records(docs, self.extract)


def extract_records(docs: Sequence[CvDoc], extract: Callable[[Path], Claims]) -> Claims:
    """Run a path-based extractor over ``docs`` by writing them to a scratch JSONL file."""
    with tempfile.TemporaryDirectory(prefix="khronika-cv-") as scratch:
        path = Path(scratch) / "docs.jsonl"
        with path.open("w", encoding="utf-8") as out:
            for doc in docs:
                out.write(json.dumps(doc.record, ensure_ascii=False) + "\n")
        return extract(path)


__all__ = [
    "CV_METRICS",
    "CvDoc",
    "CvReport",
    "Learner",
    "RulesOnly",
    "Summary",
    "assign_folds",
    "cross_validate",
    "cv_to_json",
    "extract_records",
    "format_cv",
    "load_corpus",
]
