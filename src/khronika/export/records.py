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
    """Distinct sources of every incident among all stored claims."""
    keys: dict[str, set[str]] = {}
    for row in store.iter_export_rows():
        incident = row.claim["incident_id"]
        if incident is not None:
            keys.setdefault(incident, set()).add(source_key(row.claim, row.outlet))
    return {incident: len(found) for incident, found in keys.items()}


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
    if query.needs_sources:
        per_incident = incident_sources(store) if store.count().incidents else {}
    claims = _claims(store, query.filters, redactor, per_incident)
    if query.level == "claim":
        if query.min_sources is None:
            yield from claims
            return
        for record in claims:
            if _enough(record, query, stats):
                yield record
        return
    groups: dict[str, _Group] = {}
    for record in claims:
        incident = record.claim["incident_id"]
        if incident is None:
            if _enough(record, query, stats):
                yield record
            continue
        group = groups.get(incident)
        if group is None:
            groups[incident] = _Group(record)
        else:
            group.add(record)
    for group in groups.values():
        record = group.record()
        if _enough(record, query, stats):
            yield record


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
        yield Record(claim, row.review_state, outlet, sources, 1, conservative)


def _lower(count: Mapping[str, Any] | None) -> int | None:
    return count.get("min") if count is not None else None


def _upper(count: Mapping[str, Any] | None) -> int | None:
    if count is None:
        return None
    high = count.get("max")
    return high if high is not None else count.get("min")


class _Group:
    """An incident being gathered: its first claim stands for it; counts, dates and credits
    widen as more of its claims arrive."""

    def __init__(self, first: Record) -> None:
        self.first = first
        self.n = 1
        self.low_credible: int | None = None
        self.low_any: int | None = None
        self.high: int | None = None
        d = first.claim["date"]
        # ISO dates compare as strings
        self.start: str | None = d.get("start") or None
        self.end: str | None = d.get("end") or None
        self.credits: list[str] = []
        self._take(first.claim)

    def add(self, record: Record) -> None:
        self.n += 1
        self._take(record.claim)
        d = record.claim["date"]
        start, end = d.get("start"), d.get("end")
        if start and (self.start is None or start < self.start):
            self.start = start
        if end and (self.end is None or end > self.end):
            self.end = end

    def _take(self, claim: Mapping[str, Any]) -> None:
        count = claim["count"]
        low, high = _lower(count), _upper(count)
        if low is not None:
            self.low_any = low if self.low_any is None else min(self.low_any, low)
            if claim["certainty"] in _CREDIBLE:
                lc = self.low_credible
                self.low_credible = low if lc is None else min(lc, low)
        if high is not None:
            self.high = high if self.high is None else max(self.high, high)
        for credit in claim.get("attribution") or ():
            if credit not in self.credits and len(self.credits) < 50:
                self.credits.append(credit)

    def record(self) -> Record:
        claim = self.first.claim
        count = claim["count"]
        if self.n > 1 and (self.low_any is not None or self.high is not None):
            same = self.low_any == self.high
            count = {
                "min": self.low_any,
                "max": self.high,
                "qualifier": "exact" if same else "range",
                "text": None,
            }
        d = claim["date"]
        # the incident's span of days, at its first claim's precision
        date = {"start": self.start, "end": self.end, "precision": d["precision"],
                "text": d.get("text")}  # fmt: skip
        conservative = self.low_credible if self.low_credible is not None else self.low_any
        merged = {**claim, "count": count, "date": date, "attribution": list(self.credits)}
        return replace(self.first, claim=merged, claims=self.n, conservative=conservative)
