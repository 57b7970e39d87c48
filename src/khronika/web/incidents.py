"""Incidents as the review pages and API see them: claims sharing an ``incident_id``."""

from __future__ import annotations

from dataclasses import dataclass, replace

from khronika.model import Claim
from khronika.store.base import ClaimFilter, Store


@dataclass(frozen=True, slots=True)
class IncidentSummary:
    incident_id: str
    claims: tuple[Claim, ...]

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
        return tuple(
            dict.fromkeys(c.date.start.isoformat() for c in self.claims if c.date.start)
        )


def list_incidents(store: Store, filters: ClaimFilter) -> list[IncidentSummary]:
    """Every incident with at least one selected claim, in the order first seen.

    The store has no incident table: incidents are grouped from a stream of claims, so this
    reads every selected claim once.
    """
    groups: dict[str, list[Claim]] = {}
    for claim in store.iter_claims(replace(filters, limit=None, offset=0)):
        if claim.incident_id is not None:
            groups.setdefault(claim.incident_id, []).append(claim)
    return [IncidentSummary(key, tuple(claims)) for key, claims in groups.items()]


def get_incident(store: Store, incident_id: str) -> IncidentSummary | None:
    claims = tuple(store.iter_claims(ClaimFilter(incident_id=incident_id)))
    return IncidentSummary(incident_id, claims) if claims else None
