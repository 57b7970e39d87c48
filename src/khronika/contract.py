"""A claim as the contract's JSON (``contract/claim.schema.json``) and back.

This is the one claim ⇄ JSON mapping: the store keeps claims in it, exports write it, dedup and
the web API read it. It lives below export/ so that editing an export cannot change what is
stored.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from khronika.model import Claim, Count, DateRange, Evidence, Place, Span


def claim_to_dict(claim: Claim) -> dict[str, Any]:
    """The claim as the contract's JSON object."""
    return {
        "doc_id": claim.doc_id,
        "claim_id": claim.claim_id,
        "incident_id": claim.incident_id,
        "event_type": claim.event_type,
        "date": _date_dict(claim.date),
        "location": _place_dict(claim.location),
        "actors": list(claim.actors),
        "targets": list(claim.targets),
        "count": _count_dict(claim.count),
        "attribution": list(claim.attribution),
        "certainty": claim.certainty,
        "evidence": {
            "text": claim.evidence.text,
            "start": claim.evidence.start,
            "end": claim.evidence.end,
        },
        "components": list(claim.components),
    }


def claim_from_dict(data: dict[str, Any]) -> Claim:
    """A claim read back from the contract's JSON object (optional keys may be missing)."""
    d, loc, cnt, ev = data["date"], data["location"], data.get("count"), data["evidence"]
    return Claim(
        doc_id=data["doc_id"],
        claim_id=data.get("claim_id") or "",
        event_type=data["event_type"],
        date=DateRange(
            _parse_date(d.get("start")), _parse_date(d.get("end")), d["precision"], d.get("text")
        ),
        location=Place(
            name=loc.get("name"),
            country=loc.get("country"),
            lat=loc.get("lat"),
            lon=loc.get("lon"),
            precision=loc["precision"],
            text=loc.get("text"),
            name_local=loc.get("name_local"),
            geonameid=loc.get("geonameid"),
            admin1=loc.get("admin1"),
        ),
        actors=tuple(data.get("actors", ())),
        targets=tuple(data.get("targets", ())),
        count=None
        if cnt is None
        else Count(cnt.get("min"), cnt.get("max"), cnt["qualifier"], cnt.get("text")),
        attribution=tuple(data.get("attribution", ())),
        certainty=data["certainty"],
        evidence=Evidence(ev["text"], ev.get("start") or 0, ev.get("end") or 0),
        incident_id=data.get("incident_id"),
        components=tuple(data.get("components", ())),
    )


def _date_dict(d: DateRange) -> dict[str, Any]:
    return {
        "start": d.start.isoformat() if d.start else None,
        "end": d.end.isoformat() if d.end else None,
        "precision": d.precision,
        "text": d.text,
    }


def _place_dict(p: Place) -> dict[str, Any]:
    return {
        "text": p.text,
        "name": p.name,
        "name_local": p.name_local,
        "geonameid": p.geonameid,
        "admin1": p.admin1,
        "country": p.country,
        "lat": p.lat,
        "lon": p.lon,
        "precision": p.precision,
    }


def _count_dict(c: Count | None) -> dict[str, Any] | None:
    if c is None:
        return None
    return {"min": c.min, "max": c.max, "qualifier": c.qualifier, "text": c.text}


def _parse_date(value: str | None) -> date | None:
    return date.fromisoformat(value) if value else None


def span_dict(span: Span | None) -> dict[str, Any] | None:
    """A reviewed field's span, as the store keeps it."""
    return None if span is None else {"start": span.start, "stop": span.stop, "text": span.text}
