"""Lossless JSON for claims and documents as stored in the ``data`` columns.

Claims are the contract's JSON (``contract.claim_to_dict``) plus the offsets the contract
leaves out (``trigger``, the ``span`` of date, place and count, ``population``): the contract
allows extra fields, and a stored claim must come back equal to the one saved.
"""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import date
from typing import Any

from khronika.contract import claim_from_dict, claim_to_dict, span_dict
from khronika.model import Claim, Document, Span

try:  # optional: parses a stored claim three times as fast as json
    import orjson
except ImportError:  # pragma: no cover - exercised by monkeypatching ``orjson`` to None
    orjson = None  # type: ignore[assignment]


def loads(text: str) -> Any:
    """``json.loads``, through orjson when it is installed; texts orjson refuses (escaped
    lone surrogates) go to json."""
    if orjson is not None:
        try:
            return orjson.loads(text)
        except orjson.JSONDecodeError:
            pass
    return json.loads(text)


def loads_claim(text: str) -> dict[str, Any]:
    """A stored claim's JSON as a dict, the same values json would give.

    orjson reads an integer beyond 64 bits as a float where json keeps it exact; of a
    claim's integers only a count, parsed from the text, can be that big, so a float count
    sends the text to json.
    """
    data: dict[str, Any] = loads(text)
    count = data.get("count")
    if count and (type(count.get("min")) is float or type(count.get("max")) is float):
        return dict(json.loads(text))
    return data


def dumps(value: object) -> str:
    # ensure_ascii=False keeps Cyrillic at 2 bytes a letter instead of 6; NUL still becomes
    # "\u0000", which PostgreSQL text columns could not hold raw.
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def claim_to_json(claim: Claim) -> str:
    return dumps(claim_to_full_dict(claim))


def claim_to_full_dict(claim: Claim) -> dict[str, Any]:
    data = claim_to_dict(claim)
    data["trigger"] = span_dict(claim.trigger)
    data["date"]["span"] = span_dict(claim.date.span)
    data["location"]["span"] = span_dict(claim.location.span)
    data["location"]["population"] = claim.location.population
    if claim.count is not None:
        data["count"]["span"] = span_dict(claim.count.span)
    return data


def claim_from_json(text: str) -> Claim:
    return claim_from_full_dict(loads_claim(text))


def claim_from_full_dict(data: dict[str, Any]) -> Claim:
    claim = claim_from_dict(data)
    loc = data["location"]
    count = claim.count
    if count is not None and data["count"].get("span") is not None:
        count = replace(count, span=_span(data["count"]["span"]))
    return replace(
        claim,
        trigger=_span(data.get("trigger")),
        date=replace(claim.date, span=_span(data["date"].get("span"))),
        location=replace(
            claim.location, span=_span(loc.get("span")), population=loc.get("population") or 0
        ),
        count=count,
    )


def document_to_json(doc: Document) -> str:
    return dumps(
        {
            "id": doc.id,
            "text": doc.text,
            "language": doc.language,
            "source": doc.source,
            "record": doc.record,
            "url": doc.url,
            "outlet": doc.outlet,
            "title": doc.title,
            "published": doc.published.isoformat() if doc.published else None,
            "encoding": doc.encoding,
        }
    )


def document_from_json(text: str) -> Document:
    d = loads(text)
    return Document(
        id=d["id"],
        text=d["text"],
        language=d["language"],
        source=d["source"],
        record=d["record"],
        url=d["url"],
        outlet=d["outlet"],
        title=d["title"],
        published=date.fromisoformat(d["published"]) if d["published"] else None,
        encoding=d["encoding"],
    )


def _span(data: dict[str, Any] | None) -> Span | None:
    return None if data is None else Span(data["start"], data["stop"], data["text"])
