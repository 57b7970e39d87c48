"""What the review pages show and take: marked evidence, and edit forms turned into changes."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

from khronika.model import ACTORS, TARGETS, Claim, Span
from khronika.store.codec import claim_to_full_dict
from khronika.web.labels import field_label
from khronika.web.labels import label as word

DATE_PRECISIONS = ("day", "week", "month", "quarter", "year", "unknown")
PLACE_PRECISIONS = ("point", "city", "district", "region", "country", "unknown")


class FormError(ValueError):
    """A form value that cannot become a claim field; the message names the field in words,
    ``field`` is the form's name for it (the input the page marks as invalid)."""

    def __init__(self, message: str, field: str = "") -> None:
        super().__init__(message)
        self.field = field


@dataclass(frozen=True, slots=True)
class Segment:
    text: str
    mark: str | None  # "trigger", "count", "date", "location" or None for plain text


def evidence_segments(claim: Claim) -> list[Segment]:
    """The evidence sentence cut into plain and marked pieces, one mark per extracted value.

    Spans are document offsets; the sentence starts at ``evidence.start``. When an offset
    does not line up with the sentence (a span from an edited claim, a shifted text), the
    span's own text is searched for instead; a value found nowhere is not marked.
    """
    text = claim.evidence.text
    found: list[tuple[int, int, str]] = []
    candidates: list[tuple[str, Span | None]] = [
        ("trigger", claim.trigger),
        ("count", claim.count.span if claim.count else None),
        ("date", claim.date.span),
        ("location", claim.location.span),
    ]
    for label, span in candidates:
        if span is None or not span.text:
            continue
        start = span.start - claim.evidence.start
        if text[start : start + len(span.text)] != span.text or start < 0:
            start = text.find(span.text)
        if start >= 0:
            found.append((start, start + len(span.text), label))
    found.sort()
    segments: list[Segment] = []
    at = 0
    for start, stop, label in found:
        if start < at:
            continue  # overlapping marks: the earlier one wins, the sentence stays readable
        if start > at:
            segments.append(Segment(text[at:start], None))
        segments.append(Segment(text[start:stop], label))
        at = stop
    if at < len(text):
        segments.append(Segment(text[at:], None))
    return segments


def unhidden(form: Mapping[str, str], claim: Claim, shown: Claim) -> dict[str, str]:
    """``form`` with a free-text value the page showed with names hidden (``[person]``) and
    the reviewer left alone put back as stored, so saving another field never writes the
    placeholder over a credited source's name."""
    out = dict(form)
    for key, real, seen in (
        ("attribution", ", ".join(claim.attribution), ", ".join(shown.attribution)),
        ("loc_name", claim.location.name or "", shown.location.name or ""),
    ):
        if key in out and real != seen and out[key].strip() == seen:
            out[key] = real
    return out


def changes_from_form(claim: Claim, form: Mapping[str, str]) -> dict[str, object]:
    """The contract-shaped values of the fields the form changed, and only those."""
    current = claim_to_full_dict(claim)
    proposed: dict[str, object] = {
        "event_type": _required(form, "event_type"),
        "certainty": _required(form, "certainty"),
        "incident_id": form.get("incident_id", "").strip() or None,
        "actors": _names(form, "actors", ACTORS),
        "targets": _names(form, "targets", TARGETS),
        "attribution": _list(form.get("attribution", "")),
        "date": {
            **current["date"],
            **_dates(form),
            "precision": _choice(form, "date_precision", DATE_PRECISIONS),
        },
        "location": {
            **current["location"],
            "name": form.get("loc_name", "").strip() or None,
            "country": form.get("loc_country", "").strip().upper() or None,
            "admin1": form.get("loc_admin1", "").strip() or None,
            "lat": _float(form, "loc_lat", -90, 90),
            "lon": _float(form, "loc_lon", -180, 180),
            "precision": _choice(form, "loc_precision", PLACE_PRECISIONS),
        },
        "count": _count(current.get("count"), form),
    }
    return {name: value for name, value in proposed.items() if value != current.get(name)}


def _count(current: dict[str, Any] | None, form: Mapping[str, str]) -> dict[str, Any] | None:
    qualifier = form.get("count_qualifier", "").strip()
    if not qualifier:
        return None
    base = current or {"text": None, "span": None}
    low, high = _int(form, "count_min"), _int(form, "count_max")
    if low is not None and high is not None and low > high:
        raise FormError("Count: the lowest figure is larger than the highest", "count_min")
    return {**base, "min": low, "max": high, "qualifier": qualifier}


def _required(form: Mapping[str, str], name: str) -> str:
    value = form.get(name, "").strip()
    if not value:
        raise FormError(f"{field_label(name)} is required", name)
    return value


def _choice(form: Mapping[str, str], name: str, allowed: tuple[str, ...]) -> str:
    value = form.get(name, "").strip() or "unknown"
    if value not in allowed:
        raise FormError(
            f"{field_label(name)}: {value!r} is not one of {', '.join(allowed)}", name
        )
    return value


def _list(value: str) -> list[str]:
    return [part.strip() for part in value.replace(";", ",").split(",") if part.strip()]


def _names(form: Mapping[str, str], name: str, allowed: tuple[str, ...]) -> list[str]:
    values = _list(form.get(name, ""))
    for value in values:
        if value not in allowed:
            raise FormError(f"{field_label(name)}: {value!r} is not one of "
                            f"{', '.join(word(a) for a in allowed)}", name)
    return values


def _dates(form: Mapping[str, str]) -> dict[str, str | None]:
    """Start and end as ISO dates (what ``<input type=date>`` sends), start not after end."""
    found: dict[str, date | None] = {}
    for name in ("date_start", "date_end"):
        value = form.get(name, "").strip()
        try:
            found[name] = date.fromisoformat(value) if value else None
        except ValueError:
            raise FormError(
                f"{field_label(name)}: {value!r} is not a date (year-month-day, 2024-03-15)", name
            ) from None
    start, end = found["date_start"], found["date_end"]
    if start is not None and end is not None and start > end:
        raise FormError("Date: the start is after the end", "date_start")
    return {"start": start.isoformat() if start else None, "end": end.isoformat() if end else None}


def _int(form: Mapping[str, str], name: str) -> int | None:
    value = form.get(name, "").strip()
    if not value:
        return None
    try:
        number = int(value)
    except ValueError:
        raise FormError(f"{field_label(name)}: {value!r} is not a whole number", name) from None
    if number < 0:
        raise FormError(f"{field_label(name)} cannot be negative", name)
    return number


def _float(form: Mapping[str, str], name: str, low: float, high: float) -> float | None:
    value = form.get(name, "").strip()
    if not value:
        return None
    try:
        number = float(value)
    except ValueError:
        raise FormError(f"{field_label(name)}: {value!r} is not a number", name) from None
    if not low <= number <= high:  # NaN fails this too
        raise FormError(f"{field_label(name)} must be between {low:g} and {high:g}", name)
    return number
