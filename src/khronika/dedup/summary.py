"""Per incident: every account side by side, and the figures derived from them.

* **Accounts**: one per claim, with its document, outlet, credited sources, count and
  certainty — who said what, how sure.
* **Figures per event type** (``TypeFigures``): counts of different event types never
  share a range — 40 detained and 12 handed summonses are two figures, not "12–40".
  For each type: each document's figure is its largest count of that type (a report that
  says "50 detained" and later "five of the detained" means 50); the **conservative
  figure** (ACLED's rule, lowest credible) is the lowest of those figures among credible
  accounts (``asserted`` or ``reported``; when none is credible, among all); the **range**
  (Airwars' min–max) is the lowest lower bound and the highest upper bound of the type's
  counts (an open bound, "more than 100", contributes its known end).
* **Headline**: the type with the most counted documents (ties: detentions before
  escorts, summonses …); ``figure_type``, ``conservative`` and ``range_*`` repeat its
  figures for one-line listings and ACLED-style rows.
* **Independent sources**: documents are grouped when they rest on one underlying report —
  the same first credited source (or, uncredited, the same outlet or site), or evidence
  sentences that are near copies (trigram Jaccard ≥ 0.6, after transliteration). Each
  group counts once.
* **Grade** from independent credible sources and certainty: ``A`` three or more, ``B``
  two, ``C`` one; an incident that any account disputes is capped at ``C``; ``D`` when no
  account is credible (only unconfirmed or disputed).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import asdict, dataclass
from datetime import date
from typing import Any

from khronika.dedup.fingerprint import DocMeta, host_key, jaccard, source_key, text_shingles
from khronika.model import Certainty, Claim, Count, EventType

COPY_JACCARD = 0.6
_CREDIBLE: frozenset[Certainty] = frozenset({"asserted", "reported"})
_HEADLINE_ORDER: tuple[EventType, ...] = (
    "detention", "escort_to_enlistment_office", "summons", "enlistment", "deportation",
    "prosecution", "recruitment_pressure", "citizenship_revocation", "raid",
)
_PLACE_RANK = {"point": 0, "district": 1, "city": 2, "region": 3, "country": 4, "unknown": 5}


@dataclass(frozen=True, slots=True)
class Account:
    """One claim as one document tells it."""

    claim_id: str
    doc_id: str
    outlet: str | None
    url: str | None
    published: date | None
    event_type: EventType
    count_min: int | None
    count_max: int | None
    qualifier: str | None
    attribution: tuple[str, ...]
    certainty: Certainty
    evidence: str
    source_group: int  # accounts with the same number rest on one underlying report


@dataclass(frozen=True, slots=True)
class TypeFigures:
    """One event type's figures within an incident."""

    event_type: EventType
    conservative: int | None
    range_min: int | None
    range_max: int | None
    accounts: int  # claims of this type
    documents: int  # documents with a claim of this type
    sources: int  # independent sources among them


@dataclass(frozen=True, slots=True)
class IncidentSummary:
    incident_id: str
    claim_ids: tuple[str, ...]
    doc_ids: tuple[str, ...]
    event_types: tuple[EventType, ...]
    date_start: date | None
    date_end: date | None
    place: str | None
    lat: float | None
    lon: float | None
    place_precision: str
    country: str | None
    admin1: str | None
    figure_type: EventType | None  # the event type the figures count
    conservative: int | None
    range_min: int | None
    range_max: int | None
    sources: int  # independent sources
    grade: str
    accounts: tuple[Account, ...]
    figures: tuple[TypeFigures, ...] = ()  # per event type, headline first

    def as_dict(self) -> dict[str, Any]:
        data = asdict(self)
        for key in ("date_start", "date_end"):
            value = data[key]
            data[key] = value.isoformat() if value else None
        for account in data["accounts"]:
            account["published"] = (
                account["published"].isoformat() if account["published"] else None
            )
            account["attribution"] = list(account["attribution"])
        for key in ("claim_ids", "doc_ids", "event_types"):
            data[key] = list(data[key])
        data["accounts"] = list(data["accounts"])
        data["figures"] = list(data["figures"])
        return data


def summarize_incidents(
    claims: Iterable[Claim],
    mapping: Mapping[str, str],
    documents: Mapping[str, DocMeta] | None = None,
) -> list[IncidentSummary]:
    """One summary per incident of ``mapping`` (claim_id → incident_id), oldest first."""
    documents = documents or {}
    groups: dict[str, list[Claim]] = defaultdict(list)
    for claim in claims:
        incident = mapping.get(claim.claim_id) or claim.incident_id
        if incident is not None:
            groups[incident].append(claim)
    out = [_summarize(incident, members, documents) for incident, members in groups.items()]
    out.sort(key=lambda s: (s.date_start or date.max, s.incident_id))
    return out


def _summarize(
    incident: str, members: list[Claim], documents: Mapping[str, DocMeta]
) -> IncidentSummary:
    members.sort(key=lambda c: (c.doc_id, c.evidence.start, c.claim_id))
    groups = _source_groups(members, documents)
    accounts = tuple(_account(c, documents.get(c.doc_id), groups[c.doc_id]) for c in members)
    figures = _figures(members, {a.claim_id: a.source_group for a in accounts})
    head = figures[0] if figures and figures[0].conservative is not None else None
    credible = {a.source_group for a in accounts if a.certainty in _CREDIBLE}
    sources = len({a.source_group for a in accounts})
    disputed = any(a.certainty == "disputed" for a in accounts)
    if not credible:
        grade = "D"
    else:
        grade = "A" if len(credible) >= 3 else "B" if len(credible) == 2 else "C"
        if disputed and grade in ("A", "B"):
            grade = "C"
    starts = [c.date.start for c in members if c.date.start is not None]
    ends = [c.date.end or c.date.start for c in members if c.date.start is not None]
    place = min(members, key=lambda c: (_PLACE_RANK[c.location.precision], c.claim_id)).location
    types = tuple(dict.fromkeys(c.event_type for c in sorted(members, key=_type_order)))
    return IncidentSummary(
        incident_id=incident,
        claim_ids=tuple(c.claim_id for c in members),
        doc_ids=tuple(dict.fromkeys(c.doc_id for c in members)),
        event_types=types,
        date_start=_narrowest(starts, ends)[0],
        date_end=_narrowest(starts, ends)[1],
        place=place.name,
        lat=place.lat,
        lon=place.lon,
        place_precision=place.precision,
        country=place.country,
        admin1=place.admin1,
        figure_type=head.event_type if head else None,
        conservative=head.conservative if head else None,
        range_min=head.range_min if head else None,
        range_max=head.range_max if head else None,
        sources=sources,
        grade=grade,
        accounts=accounts,
        figures=figures,
    )


def _type_order(claim: Claim) -> int:
    order = ("raid", *_HEADLINE_ORDER[:-1])
    return order.index(claim.event_type)


def _narrowest(starts: list[date], ends: list[date]) -> tuple[date | None, date | None]:
    """The tightest dated span among the accounts: the best-pinned account dates the event."""
    if not starts:
        return None, None
    start, end = min(zip(starts, ends, strict=True), key=lambda se: (se[1] - se[0], se[0]))
    return start, end


def _account(claim: Claim, meta: DocMeta | None, group: int) -> Account:
    count = claim.count
    return Account(
        claim_id=claim.claim_id,
        doc_id=claim.doc_id,
        outlet=meta.outlet if meta else None,
        url=meta.url if meta else None,
        published=meta.published if meta else None,
        event_type=claim.event_type,
        count_min=count.min if count else None,
        count_max=count.max if count else None,
        qualifier=count.qualifier if count else None,
        attribution=claim.attribution,
        certainty=claim.certainty,
        evidence=claim.evidence.text,
        source_group=group,
    )


def _figures(members: list[Claim], group_of: Mapping[str, int]) -> tuple[TypeFigures, ...]:
    """Figures of every event type in the incident, the headline type first."""
    counted: dict[EventType, dict[str, list[tuple[Count, Certainty]]]] = defaultdict(
        lambda: defaultdict(list)
    )
    told: dict[EventType, list[Claim]] = defaultdict(list)
    for c in members:
        told[c.event_type].append(c)
        if c.count is not None and (c.count.min is not None or c.count.max is not None):
            counted[c.event_type][c.doc_id].append((c.count, c.certainty))
    out: list[TypeFigures] = []
    for kind, claims in told.items():
        conservative = low = high = None
        per_doc = counted.get(kind)
        if per_doc:
            figures: list[tuple[int, bool]] = []  # (document's figure, credible)
            lows: list[int] = []
            highs: list[int] = []
            for told_counts in per_doc.values():
                best = max(told_counts, key=lambda cc: _low(cc[0]))
                figures.append((_low(best[0]), best[1] in _CREDIBLE))
                for count, _ in told_counts:
                    lows.append(_low(count))
                    highs.append(count.max if count.max is not None else _low(count))
            credible = [v for v, ok in figures if ok] or [v for v, _ in figures]
            conservative, low, high = min(credible), min(lows), max(highs)
        out.append(TypeFigures(
            event_type=kind,
            conservative=conservative,
            range_min=low,
            range_max=high,
            accounts=len(claims),
            documents=len({c.doc_id for c in claims}),
            sources=len({group_of[c.claim_id] for c in claims}),
        ))
    out.sort(key=lambda t: (
        t.conservative is None, -len(counted.get(t.event_type, ())),
        _HEADLINE_ORDER.index(t.event_type),
    ))
    return tuple(out)


def _low(count: Count) -> int:
    value = count.min if count.min is not None else count.max
    assert value is not None
    return value


def _source_groups(members: list[Claim], documents: Mapping[str, DocMeta]) -> dict[str, int]:
    """doc_id → group number; documents resting on one underlying report share a number."""
    doc_ids = list(dict.fromkeys(c.doc_id for c in members))
    parent = {d: d for d in doc_ids}

    def find(d: str) -> str:
        while parent[d] != d:
            parent[d] = parent[parent[d]]
            d = parent[d]
        return d

    keys: dict[str, str] = {}
    shingles: dict[str, set[str]] = defaultdict(set)
    credited: dict[str, str] = {}
    for c in members:
        if c.attribution and c.doc_id not in credited:
            credited[c.doc_id] = source_key(c.attribution[0])
        shingles[c.doc_id] |= text_shingles(c.evidence.text)
    for d in doc_ids:
        meta = documents.get(d)
        own = source_key(meta.outlet) if meta and meta.outlet else ""
        own = own or host_key(meta.url if meta else None) or f"doc:{d}"
        keys[d] = credited.get(d) or own
    first: dict[str, str] = {}
    for d in doc_ids:
        other = first.setdefault(keys[d], d)
        parent[find(d)] = find(other)
    for i, a in enumerate(doc_ids):
        for b in doc_ids[i + 1 :]:
            if find(a) != find(b) and jaccard(shingles[a], shingles[b]) >= COPY_JACCARD:
                parent[find(b)] = find(a)
    numbers: dict[str, int] = {}
    return {d: numbers.setdefault(find(d), len(numbers)) for d in doc_ids}
