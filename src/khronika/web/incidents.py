"""Incidents as the review pages and API see them: claims sharing an ``incident_id``, with
the figures ``khronika incidents`` and every export show (``dedup.summary`` computes them
once for all three)."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date

from khronika.dedup import documents_for, summarize_incidents
from khronika.dedup.summary import IncidentSummary as Figures
from khronika.model import Claim
from khronika.store.base import ClaimFilter, Store


@dataclass(frozen=True, slots=True)
class IncidentSummary:
    incident_id: str
    claims: tuple[Claim, ...]
    figures: Figures | None = None  # per-type figures, range, sources, grade

    @property
    def doc_ids(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(c.doc_id for c in self.claims))

    @property
    def event_types(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(c.event_type for c in self.claims))

    @property
    def places(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(c.location.name for c in self.claims if c.location.name))

    @property
    def dates(self) -> tuple[str, ...]:
        return tuple(sorted({c.date.start.isoformat() for c in self.claims if c.date.start}))


def list_incidents(store: Store, filters: ClaimFilter) -> list[IncidentSummary]:
    """Every incident with at least one selected claim, oldest first (undated last).

    Figures come from all of an incident's claims, whatever the filters select, so they
    match ``khronika incidents`` and the exports.
    """
    selected: set[str] = set()
    for claim in store.iter_claims(replace(filters, limit=None, offset=0)):
        if claim.incident_id is not None:
            selected.add(claim.incident_id)
    if not selected:
        return []
    groups: dict[str, list[Claim]] = {}
    for claim in store.iter_claims():
        if claim.incident_id in selected:
            groups.setdefault(claim.incident_id, []).append(claim)
    return _with_figures(store, groups)


def get_incident(store: Store, incident_id: str) -> IncidentSummary | None:
    claims = list(store.iter_claims(ClaimFilter(incident_id=incident_id)))
    if not claims:
        return None
    [incident] = _with_figures(store, {incident_id: claims})
    return incident


def _with_figures(store: Store, groups: dict[str, list[Claim]]) -> list[IncidentSummary]:
    claims = [c for members in groups.values() for c in members]
    mapping = {c.claim_id: key for key, members in groups.items() for c in members}
    figures = summarize_incidents(claims, mapping, documents_for(store, claims))
    # summarize_incidents sorts by date: undated incidents come last
    return [
        IncidentSummary(f.incident_id, tuple(groups[f.incident_id]), f)
        for f in figures
    ]


def span(start: date | None, end: date | None) -> str:
    """``2024-09-12`` or ``2024-09-12 – 2024-09-13``; ``undated`` without a date."""
    if start is None:
        return "undated"
    return start.isoformat() if end in (None, start) else f"{start} – {end}"
