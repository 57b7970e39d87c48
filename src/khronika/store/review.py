"""Applying a reviewer's changes to a claim: validation and the per-field differences."""

from __future__ import annotations

import json
import math
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from khronika.errors import StoreError
from khronika.model import ACTORS, CERTAINTIES, EVENT_TYPES, QUALIFIERS, TARGETS, Claim
from khronika.store.base import REVIEW_STATES, REVIEWABLE_FIELDS, ReviewState
from khronika.store.codec import claim_from_full_dict

_DATE_PRECISIONS = ("day", "week", "month", "quarter", "year", "unknown")
_PLACE_PRECISIONS = ("point", "city", "district", "region", "country", "unknown")


@dataclass(frozen=True, slots=True)
class ReviewOutcome:
    claim: Claim
    review_state: ReviewState
    edited: bool  # some claim field (not only the state) changed
    diffs: tuple[tuple[str, object, object], ...]  # (field, old, new), contract JSON values


def apply_review(
    current: dict[str, Any], state: ReviewState, changes: Mapping[str, object]
) -> ReviewOutcome:
    """Return the claim after ``changes``; raise ``StoreError`` naming a bad field or value.

    Without an explicit ``review_state``, editing a field makes the claim ``edited``.
    """
    updated = dict(current)
    diffs: list[tuple[str, object, object]] = []
    new_state: ReviewState | None = None
    for field, value in changes.items():
        if field == "review_state":
            if value not in REVIEW_STATES:
                raise StoreError(f"review_state {value!r} is not one of {REVIEW_STATES}")
            new_state = value
            continue
        if field not in REVIEWABLE_FIELDS:
            raise StoreError(
                f"{field!r} cannot be reviewed; reviewable fields: "
                f"{', '.join(REVIEWABLE_FIELDS)}, review_state"
            )
        new = _without_stale_evidence(field, current.get(field), _plain_json(field, value))
        if new != current.get(field):
            diffs.append((field, current.get(field), new))
            updated[field] = new
    edited = bool(diffs)
    final_state: ReviewState = new_state or ("edited" if edited else state)
    if final_state != state:
        diffs.append(("review_state", state, final_state))
    claim = _validated_claim(updated) if edited else claim_from_full_dict(current)
    return ReviewOutcome(claim, final_state, edited, tuple(diffs))


# What each located field says; its "text" and "span" are where the sentence said it.
_SAYS = {
    "count": ("min", "max", "qualifier"),
    "date": ("start", "end", "precision"),
    "location": ("name", "country", "admin1", "lat", "lon", "geonameid", "precision"),
}


def _without_stale_evidence(field: str, old: object, new: object) -> object:
    """A reviewer who changes what a count, date or place says has not changed the words
    that said the old value: those words ("сорок", "15 марта") and their offsets are no
    longer its evidence, unless the reviewer gave new ones."""
    says = _SAYS.get(field)
    if says is None or not isinstance(old, dict) or not isinstance(new, dict):
        return new
    if all(old.get(k) == new.get(k) for k in says):
        return new
    fresh = dict(new)
    for key in ("text", "span"):
        if key in fresh and fresh[key] == old.get(key):
            fresh[key] = None
    return fresh


def _plain_json(field: str, value: object) -> object:
    # Round-tripping through JSON turns tuples into lists and rejects objects that could not
    # be stored, so stored and compared values have one shape.
    try:
        return json.loads(json.dumps(value, ensure_ascii=False))
    except (TypeError, ValueError) as exc:
        raise StoreError(f"{field}: value {value!r} is not JSON ({exc})") from exc


def _validated_claim(data: dict[str, Any]) -> Claim:
    try:
        claim = claim_from_full_dict(data)
    except (KeyError, TypeError, ValueError, AttributeError) as exc:
        raise StoreError(f"reviewed claim is not a valid contract claim: {exc!r}") from exc
    problems = []
    if claim.event_type not in EVENT_TYPES:
        problems.append(f"event_type {claim.event_type!r}")
    if claim.certainty not in CERTAINTIES:
        problems.append(f"certainty {claim.certainty!r}")
    if claim.count is not None and claim.count.qualifier not in QUALIFIERS:
        problems.append(f"count qualifier {claim.count.qualifier!r}")
    if claim.date.precision not in _DATE_PRECISIONS:
        problems.append(f"date precision {claim.date.precision!r}")
    if claim.location.precision not in _PLACE_PRECISIONS:
        problems.append(f"location precision {claim.location.precision!r}")
    for name in ("actors", "targets", "attribution"):
        if not all(isinstance(item, str) for item in getattr(claim, name)):
            problems.append(f"{name} must be a list of strings")
    if claim.incident_id is not None and not isinstance(claim.incident_id, str):
        problems.append("incident_id must be a string or null")
    problems += _range_problems(claim)
    if problems:
        raise StoreError("reviewed claim has invalid values: " + "; ".join(problems))
    return claim


def _range_problems(claim: Claim) -> list[str]:
    """The checks the review form makes, made again here so the API cannot skip them."""
    problems = []
    unknown: list[str] = [a for a in claim.actors if isinstance(a, str) and a not in ACTORS]
    unknown += [t for t in claim.targets if isinstance(t, str) and t not in TARGETS]
    if unknown:
        problems.append(f"actors/targets not in the codebook: {', '.join(map(repr, unknown))}")
    loc = claim.location
    for name, value, bound in (("lat", loc.lat, 90.0), ("lon", loc.lon, 180.0)):
        if value is None:
            continue
        if not isinstance(value, int | float) or isinstance(value, bool):
            problems.append(f"location {name} must be a number")
        elif not (math.isfinite(value) and -bound <= value <= bound):
            problems.append(f"location {name} must be between {-bound:g} and {bound:g}")
    count = claim.count
    if count is not None:
        numbers = [n for n in (count.min, count.max) if n is not None]
        if not all(isinstance(n, int) and not isinstance(n, bool) for n in numbers):
            problems.append("count min and max must be whole numbers")
        elif any(n < 0 for n in numbers):
            problems.append("count cannot be negative")
        elif count.min is not None and count.max is not None and count.min > count.max:
            problems.append("count min is larger than max")
    start, end = claim.date.start, claim.date.end
    if start is not None and end is not None and start > end:
        problems.append("date start is after its end")
    return problems
