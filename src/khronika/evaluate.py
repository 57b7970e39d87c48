"""The scorer behind ``khronika eval``: extracted claims against a gold set.

The rules are those of ``../shared/corpus/README.md`` ("Scoring"). Where the README leaves a
choice open, this module settles it as follows (and the tests pin each choice):

* **Matching.** Per document, an extracted claim and a gold claim of the same ``event_type``
  can match when their evidence overlaps: one text contains the other (after case-folding and
  collapsing whitespace), or at least half of the extracted evidence's word tokens occur in
  the gold sentence. Candidate pairs are taken greedily, best first: higher overlap (word
  Jaccard, so an exact sentence beats a paragraph that contains it), then smaller location
  distance (kilometres from the extracted place to the nearest ``location_any`` entry), then
  non-optional gold before optional gold, then more agreeing fields, then input order. Each
  gold and each extracted claim is used at most once.
* **Optional gold.** A match with an optional gold claim is neither a true nor a false
  positive; an unmatched optional gold claim is not a miss.
* **Field accuracies** are computed over *all* matched pairs, optional gold included: the
  coder wrote down the fields of an optional claim as carefully as any other.
* **Location.** ``location_any: []`` means the place is unknown: the extracted place must
  have no coordinates. Tolerance is set by the gold entry's precision (25 km for
  city/district/point, 300 km for region, same ISO country for country).
* **Attribution.** Names are paired in order (the contract lists sources nearest first).
  Two names agree when the words they share are at least half of the words of *each*
  name, after case-folding, ``ё`` → ``е``, dropping English articles and cutting every word
  to its first five letters (so "пресс-служба ГУ МВД" agrees with "пресс-службы ГУ МВД").
* **Empty denominators.** A ratio with nothing to count is 1.0 when nothing went wrong
  (no extras and no misses), else 0.0; field accuracies with no matched pairs likewise.
* Predicted documents that are not in the gold set are not scored; ``ignored_docs`` counts
  them so that an id mismatch is visible.
"""

from __future__ import annotations

import hashlib
import json
import math
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from khronika.errors import BadRecord, ContractViolation

FIELD_METRICS: tuple[str, ...] = (
    "count_accuracy",
    "date_accuracy",
    "location_accuracy",
    "attribution_accuracy",
    "certainty_accuracy",
)
METRICS: tuple[str, ...] = (
    "claim_precision",
    "claim_recall",
    "claim_f1",
    *FIELD_METRICS,
    "actors_overlap",
    "targets_overlap",
)
SUPPORT: tuple[str, ...] = ("tp", "fp", "fn", "matched", "ignored_docs")

_EARTH_RADIUS_KM = 6371.0088
_TOLERANCE_KM = {"point": 25.0, "city": 25.0, "district": 25.0, "region": 300.0}
_ARTICLES = frozenset({"the", "a", "an"})
_WORD = re.compile(r"\w+")
_SPACE = re.compile(r"\s+")
_STEM = 5


@dataclass(frozen=True)
class EvalReport:
    """Metric name → value, and what went wrong, document by document."""

    metrics: dict[str, float]
    misses: list[dict[str, Any]] = field(default_factory=list)
    extras: list[dict[str, Any]] = field(default_factory=list)
    mismatches: list[dict[str, Any]] = field(default_factory=list)
    per_event_type: dict[str, dict[str, float]] = field(default_factory=dict)


# --------------------------------------------------------------------------- loading


def load_gold(path: Path) -> dict[str, list[dict[str, Any]]]:
    """Read ``gold.jsonl``: one ``{"doc_id", "claims"}`` object a line."""
    gold: dict[str, list[dict[str, Any]]] = {}
    for lineno, record in read_jsonl(path):
        doc_id, claims = record.get("doc_id"), record.get("claims")
        if not isinstance(doc_id, str) or not isinstance(claims, list):
            raise BadRecord(
                "a gold record needs a string doc_id and a list of claims",
                path=str(path), record=str(lineno), stage="eval",
            )
        if doc_id in gold:
            raise BadRecord(
                f"doc_id {doc_id!r} appears twice", path=str(path), record=str(lineno),
                stage="eval",
            )
        for claim in claims:
            if not isinstance(claim, dict) or not _has_evidence(claim):
                raise BadRecord(
                    f"a gold claim of {doc_id!r} lacks event_type or evidence.text",
                    path=str(path), record=str(lineno), stage="eval",
                )
        gold[doc_id] = claims
    return gold


def load_predicted(path: Path) -> dict[str, list[dict[str, Any]]]:
    """Read extracted claims as contract JSON Lines (one claim a line), grouped by doc_id."""
    predicted: dict[str, list[dict[str, Any]]] = {}
    for lineno, record in read_jsonl(path):
        if not isinstance(record.get("doc_id"), str) or not _has_evidence(record):
            raise BadRecord(
                "a claim needs doc_id, event_type and evidence.text",
                path=str(path), record=str(lineno), stage="eval",
            )
        predicted.setdefault(record["doc_id"], []).append(record)
    return predicted


def corpus_digest(folder: Path, names: Sequence[str] = ("docs.jsonl", "gold.jsonl")) -> dict[
    str, str
]:
    """sha256 of each named file in ``folder``: floors are only valid for these exact bytes."""
    return {name: hashlib.sha256((folder / name).read_bytes()).hexdigest() for name in names}


def read_jsonl(path: Path) -> Iterable[tuple[int, dict[str, Any]]]:
    with path.open(encoding="utf-8") as lines:
        for lineno, line in enumerate(lines, 1):
            if not line.strip():
                continue
            try:
                record = json.loads(line)
            except json.JSONDecodeError as exc:
                raise BadRecord(
                    f"not JSON: {exc.msg}", path=str(path), record=str(lineno), stage="eval"
                ) from None
            if not isinstance(record, dict):
                raise BadRecord(
                    "a line must hold a JSON object", path=str(path), record=str(lineno),
                    stage="eval",
                )
            yield lineno, record


def _has_evidence(claim: Mapping[str, Any]) -> bool:
    evidence = claim.get("evidence")
    return (
        isinstance(claim.get("event_type"), str)
        and isinstance(evidence, dict)
        and isinstance(evidence.get("text"), str)
    )


# --------------------------------------------------------------------------- scoring


@dataclass(frozen=True)
class _Pair:
    doc_id: str
    gold: dict[str, Any]
    pred: dict[str, Any]


def score(
    gold: Mapping[str, list[dict[str, Any]]], predicted: Mapping[str, list[dict[str, Any]]]
) -> EvalReport:
    """Score ``predicted`` (doc_id → contract claim dicts) against ``gold`` (doc_id → gold claims).

    A document in ``gold`` but not in ``predicted`` has no extracted claims.
    """
    pairs: list[_Pair] = []
    misses: list[dict[str, Any]] = []
    extras: list[dict[str, Any]] = []
    by_type: dict[str, dict[str, int]] = {}

    def bump(event_type: str, key: str) -> None:
        by_type.setdefault(event_type, {"tp": 0, "fp": 0, "fn": 0})[key] += 1

    for doc_id, gold_claims in gold.items():
        pred_claims = list(predicted.get(doc_id, ()))
        for claim in pred_claims:
            if not _has_evidence(claim):
                raise ContractViolation(
                    f"an extracted claim of {doc_id!r} lacks event_type or evidence.text"
                )
        links = _match(gold_claims, pred_claims)
        matched_pred = set(links.values())
        for g_index, g in enumerate(gold_claims):
            p_index = links.get(g_index)
            if p_index is not None:
                pairs.append(_Pair(doc_id, g, pred_claims[p_index]))
                if not g.get("optional"):
                    bump(g["event_type"], "tp")
            elif not g.get("optional"):
                bump(g["event_type"], "fn")
                misses.append(_describe(doc_id, g))
        for p_index, p in enumerate(pred_claims):
            if p_index not in matched_pred:
                bump(p["event_type"], "fp")
                extras.append(_describe(doc_id, p))

    tp = sum(c["tp"] for c in by_type.values())
    fp, fn = len(extras), len(misses)
    precision, recall = ratio(tp, tp + fp, fp + fn), ratio(tp, tp + fn, fp + fn)
    metrics: dict[str, float] = {
        "claim_precision": precision,
        "claim_recall": recall,
        "claim_f1": f1_score(precision, recall),
    }
    mismatches: list[dict[str, Any]] = []
    failed = fp + fn
    for name, check in _FIELD_CHECKS:
        good = 0
        for pair in pairs:
            if check(pair.gold, pair.pred):
                good += 1
            else:
                mismatches.append(_mismatch(pair, name))
        metrics[f"{name}_accuracy"] = ratio(good, len(pairs), failed)
    for name in ("actors", "targets"):
        total = 0.0
        for pair in pairs:
            overlap = _jaccard(pair.gold.get(name) or (), pair.pred.get(name) or ())
            total += overlap
            if overlap < 1.0:
                mismatches.append(_mismatch(pair, name))
        metrics[f"{name}_overlap"] = total / len(pairs) if pairs else (0.0 if failed else 1.0)
    metrics.update(
        tp=float(tp),
        fp=float(fp),
        fn=float(fn),
        matched=float(len(pairs)),
        ignored_docs=float(len(set(predicted) - set(gold))),
    )
    per_type: dict[str, dict[str, float]] = {}
    for event_type, counts in sorted(by_type.items()):
        t, f_pos, f_neg = counts["tp"], counts["fp"], counts["fn"]
        type_p = ratio(t, t + f_pos, f_pos + f_neg)
        type_r = ratio(t, t + f_neg, f_pos + f_neg)
        per_type[event_type] = {
            "tp": float(t),
            "fp": float(f_pos),
            "fn": float(f_neg),
            "precision": type_p,
            "recall": type_r,
            "f1": f1_score(type_p, type_r),
        }
    return EvalReport(
        metrics=metrics,
        misses=misses,
        extras=extras,
        mismatches=mismatches,
        per_event_type=per_type,
    )


def _match(gold: Sequence[dict[str, Any]], pred: Sequence[dict[str, Any]]) -> dict[int, int]:
    """Greedy one-to-one matching: gold index → predicted index."""
    candidates: list[tuple[float, float, bool, int, int, int]] = []
    gold_tokens = [evidence_tokens(g["evidence"]["text"]) for g in gold]
    for p_index, p in enumerate(pred):
        p_text = p["evidence"]["text"]
        p_tokens = evidence_tokens(p_text)
        for g_index, g in enumerate(gold):
            if g["event_type"] != p["event_type"]:
                continue
            overlap = evidence_overlap(
                p_text, p_tokens, g["evidence"]["text"], gold_tokens[g_index]
            )
            if overlap is None:
                continue
            agreeing = sum(check(g, p) for _, check in _FIELD_CHECKS)
            candidates.append(
                (
                    -overlap,
                    _distance_to_gold(g, p),
                    bool(g.get("optional")),
                    -agreeing,
                    p_index,
                    g_index,
                )
            )
    candidates.sort()
    links: dict[int, int] = {}
    used: set[int] = set()
    for *_, p_index, g_index in candidates:
        if g_index in links or p_index in used:
            continue
        links[g_index] = p_index
        used.add(p_index)
    return links


def evidence_overlap(
    p_text: str, p_tokens: list[str], g_text: str, g_tokens: list[str]
) -> float | None:
    """Word Jaccard of the two evidences when they count as overlapping, else None."""
    if not p_tokens or not g_tokens:
        return None
    p_norm, g_norm = _normal(p_text), _normal(g_text)
    g_set = set(g_tokens)
    contained = p_norm in g_norm or g_norm in p_norm
    shared = sum(token in g_set for token in p_tokens)
    if not contained and 2 * shared < len(p_tokens):
        return None
    p_set = set(p_tokens)
    return len(p_set & g_set) / len(p_set | g_set)


def _normal(text: str) -> str:
    return _SPACE.sub(" ", text).strip().casefold()


def evidence_tokens(text: str) -> list[str]:
    return _WORD.findall(text.casefold())


def ratio(good: int, total: int, failures: int) -> float:
    if total:
        return good / total
    return 0.0 if failures else 1.0


def f1_score(precision: float, recall: float) -> float:
    total = precision + recall
    return 2 * precision * recall / total if total else 0.0


def _jaccard(a: Iterable[str], b: Iterable[str]) -> float:
    set_a, set_b = set(a), set(b)
    if not set_a and not set_b:
        return 1.0
    return len(set_a & set_b) / len(set_a | set_b)


# --------------------------------------------------------------------------- fields


def _count_ok(gold: Mapping[str, Any], pred: Mapping[str, Any]) -> bool:
    g, p = gold.get("count"), pred.get("count")
    if g is None or p is None:
        return g is None and p is None
    return all(g.get(key) == p.get(key) for key in ("min", "max", "qualifier"))


def _date_ok(gold: Mapping[str, Any], pred: Mapping[str, Any]) -> bool:
    date = pred.get("date") or {}
    got = (date.get("start"), date.get("end"))
    accepted = gold.get("date_any") or []
    if not accepted:
        return got == (None, None)
    return any(got == (entry.get("start"), entry.get("end")) for entry in accepted)


def _location_ok(gold: Mapping[str, Any], pred: Mapping[str, Any]) -> bool:
    place = pred.get("location") or {}
    accepted = gold.get("location_any") or []
    if not accepted:
        return place.get("lat") is None or place.get("lon") is None
    return any(_place_ok(entry, place) for entry in accepted)


def _place_ok(entry: Mapping[str, Any], place: Mapping[str, Any]) -> bool:
    precision = entry.get("precision")
    if precision == "country":
        country = place.get("country")
        return bool(country) and str(country).upper() == str(entry.get("country")).upper()
    tolerance = _TOLERANCE_KM.get(str(precision))
    if tolerance is None:
        # a gold entry of unknown precision accepts only an equally unknown place
        return place.get("lat") is None or place.get("lon") is None
    distance = _km(entry, place)
    return distance is not None and distance <= tolerance


def _distance_to_gold(gold: Mapping[str, Any], pred: Mapping[str, Any]) -> float:
    place = pred.get("location") or {}
    distances = [_km(entry, place) for entry in gold.get("location_any") or []]
    known = [d for d in distances if d is not None]
    return min(known) if known else math.inf


def _km(a: Mapping[str, Any], b: Mapping[str, Any]) -> float | None:
    raw = (a.get("lat"), a.get("lon"), b.get("lat"), b.get("lon"))
    # bool is an int: a stray true/false must not pass for a coordinate
    coords = [
        math.radians(c) for c in raw if isinstance(c, int | float) and not isinstance(c, bool)
    ]
    if len(coords) != len(raw):
        return None
    lat1, lon1, lat2, lon2 = coords
    h = (
        math.sin((lat2 - lat1) / 2) ** 2
        + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    )
    return 2 * _EARTH_RADIUS_KM * math.asin(min(1.0, math.sqrt(h)))


def _attribution_ok(gold: Mapping[str, Any], pred: Mapping[str, Any]) -> bool:
    got = [str(name) for name in pred.get("attribution") or []]
    accepted = gold.get("attribution_any") or [[]]
    return any(
        len(names) == len(got) and all(map(same_source, names, got)) for names in accepted
    )


def same_source(a: str, b: str) -> bool:
    """Whether two source names agree: shared stems are at least half of each name's words."""
    words_a, words_b = _name_stems(a), _name_stems(b)
    if not words_a or not words_b:
        return words_a == words_b
    shared = len(words_a & words_b)
    return 2 * shared >= max(len(words_a), len(words_b))


def _name_stems(name: str) -> set[str]:
    words = _WORD.findall(name.casefold().replace("ё", "е"))
    return {word[:_STEM] for word in words if word not in _ARTICLES}


def _certainty_ok(gold: Mapping[str, Any], pred: Mapping[str, Any]) -> bool:
    return pred.get("certainty") in (gold.get("certainty_any") or [])


_FIELD_CHECKS = (
    ("count", _count_ok),
    ("date", _date_ok),
    ("location", _location_ok),
    ("attribution", _attribution_ok),
    ("certainty", _certainty_ok),
)
_GOLD_FIELD = {
    "count": "count",
    "date": "date_any",
    "location": "location_any",
    "attribution": "attribution_any",
    "certainty": "certainty_any",
    "actors": "actors",
    "targets": "targets",
}


def _describe(doc_id: str, claim: Mapping[str, Any]) -> dict[str, Any]:
    return {
        "doc_id": doc_id,
        "event_type": claim["event_type"],
        "evidence": claim["evidence"]["text"],
    }


def _mismatch(pair: _Pair, name: str) -> dict[str, Any]:
    predicted = pair.pred.get(name)
    if name == "date" and isinstance(predicted, dict):
        predicted = {"start": predicted.get("start"), "end": predicted.get("end")}
    elif name == "location" and isinstance(predicted, dict):
        predicted = {
            key: predicted.get(key) for key in ("name", "lat", "lon", "precision", "country")
        }
    return {
        "doc_id": pair.doc_id,
        "event_type": pair.gold["event_type"],
        "field": name,
        "gold": pair.gold.get(_GOLD_FIELD[name]),
        "predicted": predicted,
        "evidence": pair.gold["evidence"]["text"],
    }


# --------------------------------------------------------------------------- reporting


def format_report(report: EvalReport, *, verbose: bool = False) -> list[str]:
    """One line per metric (``claim_f1 0.812``); with ``verbose``, then one line per problem."""
    lines = [f"{name} {report.metrics[name]:.3f}" for name in METRICS if name in report.metrics]
    lines += [f"{name} {int(report.metrics[name])}" for name in SUPPORT if name in report.metrics]
    if not verbose:
        return lines
    for event_type, counts in report.per_event_type.items():
        lines.append(
            f"type {event_type}: tp {int(counts['tp'])} fp {int(counts['fp'])} "
            f"fn {int(counts['fn'])} precision {counts['precision']:.3f} "
            f"recall {counts['recall']:.3f}"
        )
    for miss in report.misses:
        lines.append(f"miss {miss['doc_id']} {miss['event_type']}: {_clip(miss['evidence'])}")
    for extra in report.extras:
        lines.append(f"extra {extra['doc_id']} {extra['event_type']}: {_clip(extra['evidence'])}")
    for item in report.mismatches:
        lines.append(
            f"mismatch {item['doc_id']} {item['event_type']} {item['field']}: "
            f"gold {_compact(item['gold'])} predicted {_compact(item['predicted'])} "
            f"| {_clip(item['evidence'], 60)}"
        )
    return lines


def check_floors(
    metrics: Mapping[str, float], floors: Mapping[str, float], *, margin: float
) -> list[str]:
    """Metrics that fell more than ``margin`` below their floor, one readable line each."""
    failures = []
    for name, floor in floors.items():
        value = metrics.get(name)
        if value is None:
            failures.append(f"{name}: missing from the report (floor {floor:.3f})")
        elif value < floor - margin:
            failures.append(f"{name} {value:.3f} < floor {floor:.3f} - margin {margin:.3f}")
    return failures


def repin_floors(
    floors: Mapping[str, float],
    metrics: Mapping[str, float],
    *,
    margin: float,
    allow_regression: bool = False,
) -> tuple[dict[str, float], list[str]]:
    """New floors from a fresh run, and the drops refused for want of ``allow_regression``.

    A floor rises to the measured value (rounded down to three decimals, so a re-run of the
    same code passes). A drop within ``margin`` is noise: the old floor stays. A larger drop
    lowers the floor only with ``allow_regression``; otherwise the old floor stays and the
    drop is listed, so the caller can refuse to write.
    """
    pinned: dict[str, float] = {}
    refused: list[str] = []
    for name, old in floors.items():
        if name not in metrics:
            refused.append(f"{name}: missing from the report")
            pinned[name] = old
            continue
        new = math.floor(metrics[name] * 1000 + 1e-9) / 1000
        if new >= old or (new < old - margin and allow_regression):
            pinned[name] = new
        else:
            pinned[name] = old
            if new < old - margin:
                refused.append(f"{name} {new:.3f} would lower floor {old:.3f}")
    return pinned, refused


def _clip(text: str, width: int = 100) -> str:
    flat = _SPACE.sub(" ", text).strip()
    return flat if len(flat) <= width else flat[: width - 1] + "…"


def _compact(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))
