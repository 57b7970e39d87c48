"""Typed shapes of the API's JSON answers, so the OpenAPI document describes them.

They mirror the claim contract (``khronika/contract.py``); ``extra="allow"`` keeps fields a later
contract version adds instead of dropping them on the way out.
"""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ConfigDict, Field


class _Open(BaseModel):
    model_config = ConfigDict(extra="allow")


class DateOut(_Open):
    start: str | None = Field(None, description="ISO date, first day the event may have been.")
    end: str | None = Field(None, description="ISO date, last day.")
    precision: str
    text: str | None = None


class PlaceOut(_Open):
    text: str | None = None
    name: str | None = None
    name_local: str | None = None
    geonameid: int | None = None
    admin1: str | None = None
    country: str | None = None
    lat: float | None = None
    lon: float | None = None
    precision: str | None = None


class CountOut(_Open):
    min: int | None = None
    max: int | None = None
    qualifier: str
    text: str | None = None


class EvidenceOut(_Open):
    text: str
    start: int
    end: int


class ClaimOut(_Open):
    """A claim of the contract, as reviewed."""

    doc_id: str
    claim_id: str
    incident_id: str | None = None
    event_type: str
    date: DateOut
    location: PlaceOut
    actors: list[str]
    targets: list[str]
    count: CountOut | None = None
    attribution: list[Any]
    certainty: str
    evidence: EvidenceOut
    components: list[Any] = []


class ReviewedClaimOut(ClaimOut):
    review_state: str = Field(description="unreviewed, accepted, rejected or edited.")
    version: int = Field(description="Send it back as expected_version with a change.")


class AuditOut(BaseModel):
    version: int
    user: str
    at: str
    field: str
    old: Any = None
    new: Any = None


class ClaimDetailOut(ReviewedClaimOut):
    original: ClaimOut = Field(description="The claim as extracted, before any review.")
    audit: list[AuditOut]


class ClaimPage(BaseModel):
    items: list[ReviewedClaimOut]
    limit: int
    offset: int
    next: str | None = Field(description="The following page's URL, or null on the last.")


class IncidentOut(BaseModel):
    incident_id: str
    claim_ids: list[str]
    doc_ids: list[str]
    event_types: list[str]
    places: list[str]
    dates: list[str]


class IncidentDetailOut(IncidentOut):
    claims: list[ClaimOut]


class IncidentPage(BaseModel):
    items: list[IncidentOut]
    limit: int
    offset: int
    next: str | None


class DocumentOut(BaseModel):
    id: str
    text: str
    language: str | None = None
    source: str | None = None
    record: Any = None
    url: str | None = None
    outlet: str | None = None
    title: str | None = None
    published: str | None = None
    encoding: str | None = None


class MapFeature(BaseModel):
    type: str = "Feature"
    geometry: dict[str, Any]
    properties: dict[str, Any]


class MapOut(BaseModel):
    type: str = "FeatureCollection"
    features: list[MapFeature]
