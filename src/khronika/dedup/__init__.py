"""Incidents: claims about one real-world event, from any outlet and either language.

``cluster_incidents`` groups claims (``cluster``), ``summarize_incidents`` sets their
accounts side by side with the derived figures (``summary``), ``group_store`` does both
steps' first half on a store, incrementally.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from khronika.dedup.cluster import cluster_incidents, incident_id_for
from khronika.dedup.fingerprint import DocInfo, DocMeta, source_key, types_compatible
from khronika.dedup.summary import Account, IncidentSummary, TypeFigures, summarize_incidents
from khronika.model import Claim

if TYPE_CHECKING:
    from khronika.store import Store

__all__ = [
    "Account",
    "DocInfo",
    "DocMeta",
    "IncidentSummary",
    "TypeFigures",
    "cluster_claim_dicts",
    "cluster_incidents",
    "documents_for",
    "group_store",
    "incident_id_for",
    "regroup_store",
    "source_key",
    "store_incidents",
    "summarize_incidents",
    "types_compatible",
]


def documents_for(store: Store, claims: Iterable[Claim]) -> dict[str, DocMeta]:
    """doc_id → outlet, URL and publication date of the documents behind ``claims``."""
    out: dict[str, DocMeta] = {}
    for claim in claims:
        if claim.doc_id not in out:
            doc = store.get_document(claim.doc_id)
            out[claim.doc_id] = (
                DocInfo(doc.outlet, doc.url, doc.published) if doc else DocInfo()
            )
    return out


def group_store(store: Store) -> int:
    """Group every stored claim, keeping the incidents claims already have (reviewers' too).

    Returns the number of claims whose incident id was written (new or changed).
    """
    claims = list(store.iter_claims())
    documents = documents_for(store, claims)
    existing = {c.claim_id: c.incident_id for c in claims if c.incident_id}
    mapping = cluster_incidents(claims, documents=documents, existing=existing)
    changed = {cid: iid for cid, iid in mapping.items() if existing.get(cid) != iid}
    if changed:
        store.set_incident_ids(changed)
    return len(changed)


def regroup_store(store: Store) -> int:
    """Group every stored claim from scratch; a component keeps the id its smallest claim
    gives it, so a regroup of unchanged claims writes the same ids."""
    claims = list(store.iter_claims())
    mapping = cluster_incidents(claims, documents=documents_for(store, claims))
    changed = {c.claim_id: mapping[c.claim_id] for c in claims
               if mapping[c.claim_id] != c.incident_id}
    if changed:
        store.set_incident_ids(changed)
    return len(changed)


def store_incidents(store: Store, *, regroup: bool = True) -> list[IncidentSummary]:
    """Summaries of the stored incidents (grouping new claims first unless told not to)."""
    if regroup:
        group_store(store)
    claims = list(store.iter_claims())
    mapping = {c.claim_id: c.incident_id for c in claims if c.incident_id}
    return summarize_incidents(claims, mapping, documents_for(store, claims))


def cluster_claim_dicts(
    predicted: Mapping[str, list[dict[str, Any]]], docs: Path | Iterable[Path] | None = None
) -> dict[str, str]:
    """claim_id → incident_id for contract claim dicts grouped by doc_id (``khronika eval``).

    ``docs``, the corpus JSONL the claims came from, lends publication dates and outlets.
    """
    from khronika.contract import claim_from_dict

    documents: dict[str, DocMeta] = {}
    paths = [] if docs is None else [docs] if isinstance(docs, Path) else list(docs)
    for path in paths:
        with path.open(encoding="utf-8") as lines:
            for line in lines:
                if not line.strip():
                    continue
                record = json.loads(line)
                published = record.get("published")
                documents[str(record.get("id"))] = DocInfo(
                    record.get("outlet"),
                    record.get("url"),
                    date.fromisoformat(str(published)[:10]) if published else None,
                )
    claims = [claim_from_dict(dict(d)) for dicts in predicted.values() for d in dicts]
    return cluster_incidents(claims, documents=documents)
