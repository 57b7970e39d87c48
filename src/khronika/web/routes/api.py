"""The HTTP API: JSON for scripts (``Authorization: Bearer <token>``) and the map's script.

Lists take the review pages' filters (``event_type``, ``certainty``, ``review_state``,
``date_from``, ``date_to``, ``country``, ``region``, ``incident_id``, ``doc_id``) and
``limit``/``offset``; a page's ``next`` is the URL of the following page, or null.
Claims are the contract's JSON with reviewers' changes applied, plus ``review_state`` and
``version`` (the contract allows extra fields). Names of private people are redacted in
every answer, as in CLI exports; an admin may add ``include_names=1``.
"""

from __future__ import annotations

import json
from typing import Any

from fastapi import APIRouter, HTTPException, Request
from fastapi.responses import Response
from pydantic import BaseModel, Field

from khronika.contract import claim_to_dict
from khronika.export.formats import FORMATS, Format
from khronika.model import Claim
from khronika.store.base import AuditEntry, ClaimReview, Store, User
from khronika.web.export import MEDIA_TYPES, export_bytes
from khronika.web.filters import (
    FilterError,
    Query,
    claims_with_states,
    page_url,
    parse_query,
    reviews_page,
)
from khronika.web.incidents import IncidentSummary, get_incident, list_incidents
from khronika.web.names import Redaction, redaction
from khronika.web.schemas import (
    ClaimDetailOut,
    ClaimPage,
    DocumentOut,
    IncidentDetailOut,
    IncidentPage,
    MapOut,
    ReviewedClaimOut,
)
from khronika.web.settings import WebSettings

router = APIRouter(prefix="/api", tags=["api"])

class ReviewRequest(BaseModel):
    expected_version: int = Field(ge=1, description="The version the change is based on.")
    changes: dict[str, Any] = Field(
        description="Contract field names to new values, and/or review_state."
    )


def _store(request: Request) -> Store:
    store: Store = request.app.state.store
    return store


def _query(request: Request) -> Query:
    settings: WebSettings = request.app.state.settings
    try:
        return parse_query(request.query_params, default_limit=settings.page_size)
    except FilterError as exc:
        raise HTTPException(400, str(exc)) from exc


def review_json(review: ClaimReview, names: Redaction | None = None) -> dict[str, Any]:
    claim = review.claim if names is None else names.claim(review.claim)
    return {
        **claim_to_dict(claim),
        "review_state": review.review_state,
        "version": review.version,
    }


def audit_json(entry: AuditEntry) -> dict[str, Any]:
    return {
        "version": entry.version,
        "user": entry.user,
        "at": entry.at.isoformat(),
        "field": entry.field,
        "old": entry.old,
        "new": entry.new,
    }


@router.get("/claims", response_model=ClaimPage)
def api_claim_list(request: Request) -> dict[str, Any]:
    """Claims matching the filters, one page at a time."""
    query = _query(request)
    names = redaction(request)
    reviews, more = reviews_page(_store(request), query)
    return _page(request, query, [review_json(r, names) for r in reviews], more)


@router.get("/claims/{claim_id}", response_model=ClaimDetailOut)
def api_claim_detail(request: Request, claim_id: str) -> dict[str, Any]:
    """One claim as reviewed, as extracted, and its audit log."""
    store = _store(request)
    names = redaction(request)
    review = store.get_review(claim_id)
    if review is None:
        raise HTTPException(404, f"claim {claim_id} is not stored")
    return {
        **review_json(review, names),
        "original": names.claim_dict(review.original),
        # old and new values of text fields can carry names too
        "audit": [audit_json(e) for e in store.audit_log(claim_id)] if not names.active
        else [_audit_redacted(e, names, review.claim.doc_id)
              for e in store.audit_log(claim_id)],
    }


@router.post("/claims/{claim_id}/review", response_model=ReviewedClaimOut)
def api_claim_review(request: Request, claim_id: str, body: ReviewRequest) -> dict[str, Any]:
    """Change fields and/or the review state; 409 when ``expected_version`` is stale."""
    user: User = request.state.user
    names = redaction(request)
    if user.role not in ("admin", "reviewer"):
        raise HTTPException(403, f"{user.username} is a viewer and cannot change claims")
    store = _store(request)
    # ConflictError (409), NotFoundError (404) and refused values (422) are turned into JSON
    # by the app's one error handler.
    version = store.save_review(claim_id, user.username, body.changes, body.expected_version)
    review = store.get_review(claim_id)
    assert review is not None
    return {**review_json(review, names), "version": version}


@router.get("/incidents", response_model=IncidentPage)
def api_incident_list(request: Request) -> dict[str, Any]:
    """Incidents (claims sharing an incident_id) with a selected claim."""
    query = _query(request)
    incidents = list_incidents(_store(request), query.filters)
    window = incidents[query.offset : query.offset + query.limit]
    more = len(incidents) > query.offset + query.limit
    return _page(request, query, [_incident_json(i) for i in window], more)


@router.get("/incidents/{incident_id}", response_model=IncidentDetailOut)
def api_incident_detail(request: Request, incident_id: str) -> dict[str, Any]:
    """One incident with every account of it."""
    names = redaction(request)
    incident = get_incident(_store(request), incident_id)
    if incident is None:
        raise HTTPException(404, f"incident {incident_id} has no claims")
    return {**_incident_json(incident), "claims": [names.claim_dict(c) for c in incident.claims]}


@router.get("/documents/{doc_id}", response_model=DocumentOut)
def api_document_detail(request: Request, doc_id: str) -> dict[str, Any]:
    """A stored document: its text and metadata."""
    names = redaction(request)
    document = _store(request).get_document(doc_id)
    if document is None:
        raise HTTPException(404, f"document {doc_id} is not stored")
    return {
        "id": document.id,
        "text": names.text(doc_id, document.text),
        "language": document.language,
        "source": document.source,
        "record": document.record,
        "url": document.url,
        "outlet": document.outlet,
        "title": names.text(doc_id, document.title) if document.title else None,
        "published": document.published.isoformat() if document.published else None,
        "encoding": document.encoding,
    }


@router.get("/export")
def api_export(request: Request, format: str = "jsonl") -> Response:
    """Every selected claim, as reviewed, in an export format (``jsonl``, ``csv``, ``geojson``,
    ``parquet``): the ``khronika export`` library over the same filters, private names
    redacted."""
    if format not in FORMATS:
        raise HTTPException(400, f"unknown format {format!r} ({', '.join(FORMATS)})")
    fmt: Format = format  # checked against FORMATS above
    filters = _query(request).filters
    redactor = redaction(request).redactor()
    body = export_bytes(_store(request), filters, fmt, redactor)
    extension = "csv" if fmt == "csv" else fmt
    return Response(
        body,
        media_type=MEDIA_TYPES[fmt],
        headers={"Content-Disposition": f'attachment; filename="khronika-claims.{extension}"'},
    )


@router.get("/map.geojson", response_model=MapOut)
def api_map(request: Request) -> dict[str, Any]:
    """Selected claims that have coordinates, as GeoJSON points for the map."""
    filters = _query(request).filters
    names = redaction(request)
    features = [
        _feature(names.claim(claim), state)
        for claim, state in claims_with_states(_store(request), filters)
        if claim.location.lat is not None and claim.location.lon is not None
    ]
    return {"type": "FeatureCollection", "features": features}


def _feature(claim: Claim, state: str) -> dict[str, Any]:
    loc = claim.location
    return {
        "type": "Feature",
        "geometry": {"type": "Point", "coordinates": [loc.lon, loc.lat]},
        "properties": {
            "claim_id": claim.claim_id,
            "event_type": claim.event_type,
            "place": loc.name or loc.text,
            "precision": loc.precision,
            "date": claim.date.start.isoformat() if claim.date.start else None,
            "count": claim.count.min if claim.count else None,
            "review_state": state,
            "evidence": claim.evidence.text,
        },
    }


def _audit_redacted(entry: AuditEntry, names: Redaction, doc_id: str) -> dict[str, Any]:
    data = audit_json(entry)
    for key in ("old", "new"):
        value = data[key]
        if isinstance(value, str):
            data[key] = names.text(doc_id, value)
        elif value is not None:
            data[key] = json.loads(names.text(doc_id, json.dumps(value, ensure_ascii=False)))
    return data


def _incident_json(incident: IncidentSummary) -> dict[str, Any]:
    return {
        "incident_id": incident.incident_id,
        "claim_ids": [c.claim_id for c in incident.claims],
        "doc_ids": list(incident.doc_ids),
        "event_types": list(incident.event_types),
        "places": list(incident.places),
        "dates": list(incident.dates),
    }


def _page(request: Request, query: Query, items: list[Any], more: bool) -> dict[str, Any]:
    path = request.url.path
    return {
        "items": items,
        "limit": query.limit,
        "offset": query.offset,
        "next": page_url(path, request.query_params, offset=query.offset + query.limit,
                         limit=query.limit) if more else None,
    }
