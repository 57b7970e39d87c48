"""What an export writes: stored claims (or incidents) streamed with their review state,
outlet and number of independent sources, names redacted, filters applied.

Streaming keeps memory flat: one joined query (``Store.iter_export_rows``) yields each
claim with its review state and its document's outlet, in stored order; claims stay in the
store's JSON shape (decoding them into ``Claim`` objects would cost more than the export),
and only aggregates that cannot be streamed are held (one small record per incident, for
``--min-sources`` and ``--level incident``).

Independent sources: a claim's source is the first name it credits (``attribution[0]``),
or its document's outlet when it speaks in its own voice (the document id when the outlet is
unknown), compared case-insensitively without quotes. An incident's sources are the distinct
sources of all its stored claims, whatever the filters select.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field, replace
from typing import Any, Literal

from khronika.dedup.summary import IncidentSummary, TypeFigures
from khronika.export.redact import NO_NAMES, Redactor, redact_fields
from khronika.store import ClaimFilter, Store

Level = Literal["claim", "incident"]
LEVELS: tuple[Level, ...] = ("claim", "incident")
_CREDIBLE = frozenset({"asserted", "reported"})
_QUOTES = "«»\"“”„'’ "


@dataclass(frozen=True, slots=True)
class ExportQuery:
    filters: ClaimFilter = field(default_factory=ClaimFilter)
    min_sources: int | None = None
    level: Level = "claim"
    # Counting an incident's sources takes a second pass over the store; it is made when
    # ``min_sources`` or the incident level needs it, or when asked for the column's sake.
    count_sources: bool = False

    @property
    def needs_sources(self) -> bool:
        return self.count_sources or self.min_sources is not None or self.level == "incident"


@dataclass(frozen=True, slots=True)
class Record:
    """One exported row: a claim (at incident level, the incident's representative claim
    carrying the incident's range, dates and credits) and what the store adds to it.

    ``claim`` is in the store's JSON shape (``ExportRow.claim``), names already redacted."""

    claim: dict[str, Any]
    review_state: str
    outlet: str | None
    sources: int | None  # None: the claim's incident's sources were not counted
    claims: int = 1
    conservative: int | None = None
    incident: dict[str, Any] | None = None  # at incident level: grade, sources, all figures
    number: int = 0  # the claim's row number in the store (the first claim's, for an incident)


@dataclass
class ExportStats:
    rows: int = 0
    without_coordinates: int = 0
    below_min_sources: int = 0


def source_key(claim: Mapping[str, Any], outlet: str | None) -> str:
    """A credited name and an outlet's name are one namespace: an outlet that reports in its
    own voice and another that credits it are one source."""
    attribution = claim.get("attribution")
    if attribution:
        return " ".join(attribution[0].strip(_QUOTES).lower().split())
    if outlet:
        return " ".join(outlet.strip(_QUOTES).lower().split())
    return "doc:" + str(claim["doc_id"])


def incident_sources(store: Store) -> dict[str, int]:
    """Independent sources of every incident among all stored claims (the figure
    ``khronika incidents`` and the web pages show: ``dedup.summary``)."""
    return {s.incident_id: s.sources for s in incident_summaries(store).values()}


def incident_summaries(store: Store) -> dict[str, IncidentSummary]:
    """Every stored incident's accounts and figures, from the one function that computes
    them for the CLI list, every export and the web page."""
    from khronika.dedup import store_incidents

    return {s.incident_id: s for s in store_incidents(store, regroup=False)}


def iter_records(
    store: Store,
    query: ExportQuery,
    *,
    redactor: Redactor | None,
    stats: ExportStats | None = None,
) -> Iterator[Record]:
    """Rows of an export, in stored order."""
    stats = stats if stats is not None else ExportStats()
    per_incident: dict[str, int] | None = None
    summaries: dict[str, IncidentSummary] = {}
    if query.needs_sources and store.count().incidents:
        summaries = incident_summaries(store)
        per_incident = {key: s.sources for key, s in summaries.items()}
    elif query.needs_sources:
        per_incident = {}
    claims = _claims(store, query.filters, redactor, per_incident)
    if query.level == "claim":
        if query.min_sources is None:
            yield from claims
            return
        for record in claims:
            if _enough(record, query, stats):
                yield record
        return
    # an incident is one row per event type: counts of different types never share a range
    firsts: dict[tuple[str, str], Record] = {}
    for record in claims:
        incident = record.claim["incident_id"]
        summary = summaries.get(incident) if incident is not None else None
        if summary is None:
            if _enough(record, query, stats):
                yield record
            continue
        firsts.setdefault((summary.incident_id, record.claim["event_type"]), record)
    for (incident, kind), first in firsts.items():
        summary = summaries[incident]
        [figures] = [t for t in summary.figures if t.event_type == kind]
        record = incident_record(first, summary, figures)
        if _enough(record, query, stats):
            yield record


def incident_record(first: Record, summary: IncidentSummary, figures: TypeFigures) -> Record:
    """An incident's row for one event type: its first selected claim of that type stands
    for it (with its credits), with the type's range, conservative figure and independent
    sources, and the incident's dates."""
    claim = first.claim
    count = claim["count"]
    if figures.range_min is not None:
        count = {
            "min": figures.range_min,
            "max": figures.range_max,
            "qualifier": "exact" if figures.range_min == figures.range_max else "range",
            "text": count.get("text") if count and figures.accounts == 1 else None,
        }
    d = claim["date"]
    start = summary.date_start.isoformat() if summary.date_start else d.get("start")
    end = summary.date_end.isoformat() if summary.date_end else d.get("end")
    date = {"start": start, "end": end, "precision": d["precision"], "text": d.get("text")}
    # credits stay the representative claim's own, already redacted
    merged = {**claim, "count": count, "date": date}
    extra = {
        "grade": summary.grade,
        "incident_sources": summary.sources,
        "figures": [
            {"event_type": t.event_type, "conservative": t.conservative,
             "min": t.range_min, "max": t.range_max, "sources": t.sources,
             "claims": t.accounts}
            for t in summary.figures
        ],
    }
    return replace(first, claim=merged, claims=figures.accounts,
                   conservative=figures.conservative, sources=figures.sources, incident=extra)


def _enough(record: Record, query: ExportQuery, stats: ExportStats) -> bool:
    if query.min_sources is not None and (record.sources or 0) < query.min_sources:
        stats.below_min_sources += 1
        return False
    return True


def _claims(
    store: Store,
    filters: ClaimFilter,
    redactor: Redactor | None,
    per_incident: dict[str, int] | None,
) -> Iterator[Record]:
    # Claims come grouped by document, so the current document's names (found once per
    # document, by the redactor) and its redacted strings are all that is kept; the document
    # comes with its claims, which costs far less than a get_document per document.
    names_of: str | None = None
    names = NO_NAMES
    memo: dict[str, str] = {}
    for row in store.iter_export_rows(filters, with_documents=redactor is not None):
        claim = row.claim
        outlet = row.outlet
        incident = claim["incident_id"]
        sources: int | None = 1
        if incident is not None:
            sources = None if per_incident is None else per_incident.get(incident)
        if redactor is not None:
            doc_id = claim["doc_id"]
            if doc_id != names_of:
                doc = row.document
                names = redactor.for_document(doc) if doc else NO_NAMES
                names_of = doc_id
                memo.clear()
            if names.pattern is not None:
                redact_fields(claim, names, memo)
                if outlet:
                    outlet = names.apply_memo(outlet, memo)
        count = claim["count"]
        conservative = count.get("min") if count else None
        yield Record(claim, row.review_state, outlet, sources, 1, conservative,
                     number=row.number)
