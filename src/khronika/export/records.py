"""What an export writes: stored claims (or incidents) streamed with their review state,
outlet and number of independent sources, names redacted, filters applied.

Streaming keeps memory flat: claims come from the store in batches, documents are fetched
once for the run of claims they own, and only aggregates that cannot be streamed are held
(one small record per incident, for ``--min-sources`` and ``--level incident``).

Independent sources: a claim's source is the first name it credits (``attribution[0]``),
or its document's outlet when it speaks in its own voice (the document id when the outlet is
unknown), compared case-insensitively without quotes. An incident's sources are the distinct
sources of all its stored claims, whatever the filters select.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from typing import Literal

from khronika.export.redact import NO_NAMES, Names, Redactor
from khronika.model import Claim, Count, DateRange, Document
from khronika.store import REVIEW_STATES, ClaimFilter, Store

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
    carrying the incident's range, dates and credits) and what the store adds to it."""

    claim: Claim
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


def source_key(claim: Claim, outlet: str | None) -> str:
    """A credited name and an outlet's name are one namespace: an outlet that reports in its
    own voice and another that credits it are one source."""
    if claim.attribution:
        return " ".join(claim.attribution[0].strip(_QUOTES).lower().split())
    if outlet:
        return " ".join(outlet.strip(_QUOTES).lower().split())
    return "doc:" + claim.doc_id


class _Documents:
    """Recently used documents: claims come grouped by document, so a few suffice."""

    def __init__(self, store: Store, size: int = 64) -> None:
        self._store = store
        self._cache: OrderedDict[str, Document | None] = OrderedDict()
        self._size = size

    def get(self, doc_id: str) -> Document | None:
        if doc_id in self._cache:
            self._cache.move_to_end(doc_id)
            return self._cache[doc_id]
        doc = self._store.get_document(doc_id)
        self._cache[doc_id] = doc
        if len(self._cache) > self._size:
            self._cache.popitem(last=False)
        return doc


def incident_sources(store: Store) -> dict[str, int]:
    """Distinct sources of every incident among all stored claims."""
    keys: dict[str, set[str]] = {}
    docs = _Documents(store)
    for claim in store.iter_claims():
        if claim.incident_id is None:
            continue
        doc = docs.get(claim.doc_id) if not claim.attribution else None
        keys.setdefault(claim.incident_id, set()).add(
            source_key(claim, doc.outlet if doc else None)
        )
    return {incident: len(found) for incident, found in keys.items()}


def iter_records(
    store: Store,
    query: ExportQuery,
    *,
    redactor: Redactor | None,
    stats: ExportStats | None = None,
) -> Iterator[Record]:
    """Rows of an export, in stored order within each review state."""
    stats = stats if stats is not None else ExportStats()
    per_incident: dict[str, int] | None = None
    if query.needs_sources:
        per_incident = incident_sources(store) if store.count().incidents else {}
    claims = _claims(store, query, redactor, per_incident)
    if query.level == "claim":
        for record in claims:
            if _enough(record, query, stats):
                yield record
        return
    groups: dict[str, _Group] = {}
    for record in claims:
        incident = record.claim.incident_id
        if incident is None:
            record = replace(record, conservative=_lower(record.claim.count))
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
    query: ExportQuery,
    redactor: Redactor | None,
    per_incident: dict[str, int] | None,
) -> Iterator[Record]:
    docs = _Documents(store)
    names: dict[str, Names] = {}
    # The store yields claims without their review state, so each state is one pass: the
    # state comes from the filter, memory stays flat, and order is stored order per state.
    states = query.filters.review_states or REVIEW_STATES
    for state in states:
        for claim in store.iter_claims(replace(query.filters, review_states=(state,))):
            doc = docs.get(claim.doc_id)
            outlet = doc.outlet if doc else None
            sources: int | None = 1
            if claim.incident_id is not None:
                sources = None if per_incident is None else per_incident.get(claim.incident_id)
            if redactor is not None:
                found = names.get(claim.doc_id)
                if found is None:
                    found = redactor.for_document(doc) if doc else NO_NAMES
                    names.clear()  # one document's names at a time; the redactor caches more
                    names[claim.doc_id] = found
                claim = redactor.claim(claim, found)
                outlet = found.apply(outlet) if outlet else outlet
            conservative = claim.count.min if claim.count else None
            yield Record(claim, state, outlet, sources, 1, conservative)


def _lower(count: Count | None) -> int | None:
    return count.min if count is not None else None


def _upper(count: Count | None) -> int | None:
    if count is None:
        return None
    return count.max if count.max is not None else count.min


class _Group:
    """An incident being gathered: its first claim stands for it; counts, dates and credits
    widen as more of its claims arrive."""

    def __init__(self, first: Record) -> None:
        self.first = first
        self.n = 1
        self.low_credible: int | None = None
        self.low_any: int | None = None
        self.high: int | None = None
        self.start = first.claim.date.start
        self.end = first.claim.date.end
        self.credits: list[str] = []
        self._take(first.claim)

    def add(self, record: Record) -> None:
        self.n += 1
        self._take(record.claim)
        d = record.claim.date
        if d.start is not None and (self.start is None or d.start < self.start):
            self.start = d.start
        if d.end is not None and (self.end is None or d.end > self.end):
            self.end = d.end

    def _take(self, claim: Claim) -> None:
        low, high = _lower(claim.count), _upper(claim.count)
        if low is not None:
            self.low_any = low if self.low_any is None else min(self.low_any, low)
            if claim.certainty in _CREDIBLE:
                lc = self.low_credible
                self.low_credible = low if lc is None else min(lc, low)
        if high is not None:
            self.high = high if self.high is None else max(self.high, high)
        for credit in claim.attribution:
            if credit not in self.credits and len(self.credits) < 50:
                self.credits.append(credit)

    def record(self) -> Record:
        claim = self.first.claim
        count = claim.count
        if self.n > 1 and (self.low_any is not None or self.high is not None):
            same = self.low_any == self.high
            count = Count(self.low_any, self.high, "exact" if same else "range")
        # the incident's span of days, at its first claim's precision
        date = DateRange(self.start, self.end, claim.date.precision, claim.date.text)
        conservative = self.low_credible if self.low_credible is not None else self.low_any
        merged = replace(claim, count=count, date=date, attribution=tuple(self.credits))
        return replace(self.first, claim=merged, claims=self.n, conservative=conservative)
