"""Pairwise same-incident scores for a grouping gold set (``khronika eval`` when the gold
carries ``incident`` labels): every pair of claims the gold puts in one incident should be
grouped together, and no other pair.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any

from khronika.errors import BadRecord
from khronika.evaluate import f1_score, ratio, read_jsonl  # the claim scorer's arithmetic


def load_gold_incidents(path: Path) -> dict[str, str]:
    """doc_id → incident label, from gold records that carry ``"incident"``.

    A grouping gold set may hold ``{"doc_id", "incident"}`` records without claims; records
    without an incident label are skipped, so an empty result means "no incident labels".
    """
    labels: dict[str, str] = {}
    for lineno, record in read_jsonl(path):
        doc_id, incident = record.get("doc_id"), record.get("incident")
        if incident is None:
            continue
        if not isinstance(doc_id, str) or not isinstance(incident, str):
            raise BadRecord(
                "an incident label needs a string doc_id and a string incident",
                path=str(path), record=str(lineno), stage="eval",
            )
        labels[doc_id] = incident
    return labels


def load_doc_clusters(path: Path) -> dict[str, str]:
    """doc_id → ``event_cluster`` label of the corpus documents that carry one."""
    labels: dict[str, str] = {}
    for _, record in read_jsonl(path):
        doc_id, cluster = record.get("id"), record.get("event_cluster")
        if isinstance(doc_id, str) and isinstance(cluster, str) and cluster:
            labels[doc_id] = cluster
    return labels


def pairwise_incident_scores(
    pred: Mapping[str, str], gold: Mapping[str, str]
) -> dict[str, float]:
    """Pairwise same-incident precision, recall and F1 over the claims in both mappings.

    ``pred`` and ``gold`` map claim_id → incident (for gold labelled per document, give each
    claim its document's label). Every unordered pair of claims counts: a true positive when
    both put the pair in one incident, a false positive when only ``pred`` does, a false
    negative when only ``gold`` does. Counted from group sizes, so large sets cost nothing.
    """
    keys = [k for k in pred if k in gold]
    both: dict[tuple[str, str], int] = {}
    by_pred: dict[str, int] = {}
    by_gold: dict[str, int] = {}
    for k in keys:
        both[(pred[k], gold[k])] = both.get((pred[k], gold[k]), 0) + 1
        by_pred[pred[k]] = by_pred.get(pred[k], 0) + 1
        by_gold[gold[k]] = by_gold.get(gold[k], 0) + 1

    def pairs(sizes: Iterable[int]) -> int:
        return sum(n * (n - 1) // 2 for n in sizes)

    tp = pairs(both.values())
    fp = pairs(by_pred.values()) - tp
    fn = pairs(by_gold.values()) - tp
    precision, recall = ratio(tp, tp + fp, fp + fn), ratio(tp, tp + fn, fp + fn)
    return {
        "incident_pair_precision": precision,
        "incident_pair_recall": recall,
        "incident_pair_f1": f1_score(precision, recall),
        "incident_pairs_tp": float(tp),
        "incident_pairs_fp": float(fp),
        "incident_pairs_fn": float(fn),
    }


def score_incidents(
    gold_incidents: Mapping[str, str],
    predicted: Mapping[str, Sequence[Mapping[str, Any]]],
    mapping: Mapping[str, str] | None = None,
) -> dict[str, float]:
    """Pairwise incident scores for extracted claims (doc_id → contract dicts).

    Each claim's gold incident is its document's label; its predicted incident comes from
    ``mapping`` (claim_id → incident_id) or else from the claim's own ``incident_id``.
    Claims of documents without a label are left out.
    """
    pred: dict[str, str] = {}
    gold: dict[str, str] = {}
    for doc_id, claims in predicted.items():
        label = gold_incidents.get(doc_id)
        if label is None:
            continue
        for claim in claims:
            claim_id = str(claim.get("claim_id") or "")
            incident = (mapping or {}).get(claim_id) or claim.get("incident_id")
            if claim_id and incident:
                pred[claim_id] = str(incident)
                gold[claim_id] = label
    return pairwise_incident_scores(pred, gold)


def format_incident_scores(metrics: Mapping[str, float]) -> list[str]:
    """Lines in ``format_report``'s style for ``pairwise_incident_scores``' result."""
    lines = [
        f"{name} {metrics[name]:.3f}"
        for name in ("incident_pair_precision", "incident_pair_recall", "incident_pair_f1")
    ]
    lines += [
        f"{name} {int(metrics[name])}"
        for name in ("incident_pairs_tp", "incident_pairs_fp", "incident_pairs_fn")
    ]
    return lines
