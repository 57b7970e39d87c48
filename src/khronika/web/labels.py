"""Words a reader sees in place of the codebook's identifiers (``escort_to_enlistment_office``)."""

from __future__ import annotations

from datetime import date

LABELS: dict[str, str] = {
    # event types
    "raid": "Raid",
    "detention": "Detention",
    "summons": "Summons",
    "escort_to_enlistment_office": "Escort to enlistment office",
    "recruitment_pressure": "Recruitment pressure",
    "enlistment": "Enlistment",
    "deportation": "Deportation",
    "prosecution": "Prosecution",
    "citizenship_revocation": "Citizenship revoked",
    # certainties and review states
    "asserted": "asserted",
    "reported": "reported",
    "unconfirmed": "unconfirmed",
    "disputed": "disputed",
    "unreviewed": "unreviewed",
    "accepted": "accepted",
    "rejected": "rejected",
    "edited": "edited",
}

MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def label(value: object) -> str:
    """The reader's word for a codebook value; an unknown one with its underscores spaced."""
    text = str(value)
    return LABELS.get(text, text.replace("_", " "))


def short_date(value: date) -> str:
    """``15 Mar 2025``: unambiguous in every locale, unlike 03/15 or 15.03."""
    return f"{value.day} {MONTHS[value.month - 1]} {value.year}"


# What each field of the edit form and the audit log is called in words.
FIELD_LABELS: dict[str, str] = {
    "event_type": "Event type",
    "certainty": "Certainty",
    "incident_id": "Incident",
    "actors": "Actors",
    "targets": "Targets",
    "attribution": "Attribution",
    "date": "Date",
    "date_start": "Date, start",
    "date_end": "Date, end",
    "date_precision": "Date, precision",
    "location": "Place",
    "loc_name": "Place, name",
    "loc_country": "Place, country",
    "loc_admin1": "Place, region",
    "loc_lat": "Place, latitude",
    "loc_lon": "Place, longitude",
    "loc_precision": "Place, precision",
    "count": "Count",
    "count_qualifier": "Count, qualifier",
    "count_min": "Count, lowest",
    "count_max": "Count, highest",
    "review_state": "Review state",
}

_QUALIFIER_WORDS = {
    "exact": "", "about": "about ", "at_least": "at least ", "more_than": "more than ",
    "up_to": "up to ", "less_than": "less than ", "range": "",
}


def field_label(name: str) -> str:
    """``count_min`` → ``Count, lowest``."""
    return FIELD_LABELS.get(name, name.replace("_", " ").capitalize())


def count_words(count: object) -> str:
    """A stored count in words: ``at least 50``, ``24–99 (several)``, ``no count``."""
    if not isinstance(count, dict):
        return "no count"
    low, high, qualifier = count.get("min"), count.get("max"), str(count.get("qualifier"))
    if low is not None and high is not None and high != low:
        figure = f"{low}–{high}"
    else:
        figure = str(low if low is not None else high if high is not None else "")
    prefix = _QUALIFIER_WORDS.get(qualifier)
    if prefix is None:
        return f"{figure} ({label(qualifier)})".strip()
    return f"{prefix}{figure}".strip() or label(qualifier)


def audit_words(field: str, value: object, regions: dict[tuple[str, str], str]) -> str:
    """An audit log's old or new value as a reader says it (place names, not codes)."""
    if value is None or value == [] or value == "":
        return "—"
    if field == "count":
        return count_words(value)
    if field == "date" and isinstance(value, dict):
        return _date_words(value)
    if field == "location" and isinstance(value, dict):
        return _place_words(value, regions)
    if isinstance(value, list):
        return ", ".join(label(v) for v in value)
    return label(value)


def _date_words(value: dict[str, object]) -> str:
    start, end = value.get("start"), value.get("end")
    if not start and not end:
        return "unknown date"
    days = [short_date(date.fromisoformat(str(d))) for d in (start, end) if d]
    text = days[0] if len(days) == 1 or days[0] == days[-1] else f"{days[0]} – {days[-1]}"
    precision = value.get("precision")
    return text if precision == "day" else f"{text} ({precision})"


def _place_words(value: dict[str, object], regions: dict[tuple[str, str], str]) -> str:
    country, admin1 = str(value.get("country") or ""), value.get("admin1")
    region = regions.get((country, str(admin1)), str(admin1)) if admin1 else ""
    parts = [str(p) for p in (value.get("name"), region, country) if p]
    # a region named as the place itself is said once
    unique = [p for i, p in enumerate(parts) if p not in parts[:i]]
    return ", ".join(unique) or "unknown place"
