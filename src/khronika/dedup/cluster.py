"""Group claims into incidents: blocking, pair tests, union-find, stable ids.

Three passes, so that a vague claim can never chain two distinct incidents together:

1. **Pinned claims** (a settlement-level place and a date span of at most
   ``SPECIFIC_DAYS`` days) are compared only with pinned claims at places within
   ``CITY_KM`` on overlapping days — candidates come from an index keyed by (place, day) —
   and every compatible pair is merged (union-find), unless the two groups' counts of one
   event type disagree by more than ``COUNT_FACTOR``.
2. **Vague claims** (a region, the country, an unknown place, a longer span, an unknown
   date) attach to an incident from pass 1 only when exactly one is compatible; an incident
   that shares the claim's document wins over others. A region-level "raids in the Perm
   region last week" with raids in two towns that week stays on its own.
3. Vague claims left over merge with each other (the same period aggregate told by two
   outlets) when their areas, periods and counts agree.

Pair tests (``pair_tests.compatible``): event types from the table in ``fingerprint``; dates that
overlap (a night raid's span "13–14 February" meets "14 February"; an adjacent day does
not — in a big city that is usually another raid). A court decision up to
``FOLLOW_UP_LAG_DAYS`` after a raid joins it only when that raid's incident is the one
candidate, so lagged links cannot chain a month of raids in one city;
period aggregates (spans over ``LONG_DAYS``) only with each other; places within 25 km for
settlements, the same region (admin1) when either is a region, the same country when both
are country-level; counts of one event type within a factor of three. An undated claim
needs strong evidence from another document: the same place, type and a count within 25%.

Cost: each claim looks up a bounded number of index keys, so time grows with the number of
claims times the number of claims per place and day — near-linear for news, where reports
spread over places and time. Incremental use: ``existing`` fixes the incident of claims
grouped before; two existing incidents are never merged by a new claim, and a component
with no existing id gets ``"i:" + sha256(smallest claim_id)``, so ids do not change
between re-runs on the same claims.

Modules: ``pair_tests`` (may two claims tell one incident), ``union_find``, ``blocking``
(settlement neighbours, areas), ``report_profiles`` and ``report_joins`` (the passes over
whole reports); this one runs the passes and gives the ids.
"""

from __future__ import annotations

import hashlib
from collections import defaultdict
from collections.abc import Iterable, Mapping

from khronika.dedup.blocking import ONE_AREA, merge_key, place_neighbours
from khronika.dedup.fingerprint import (
    D_SPAN,
    D_SPECIFIC,
    D_UNKNOWN,
    FAMILY_FOLLOW_UP,
    FOLLOW_UP_LAG_DAYS,
    P_REGION,
    P_SPECIFIC,
    DocMeta,
    Features,
    PlaceKey,
    features,
)
from khronika.dedup.pair_tests import compatible
from khronika.dedup.report_joins import ReportJoins
from khronika.dedup.union_find import UnionFind
from khronika.model import Claim


def incident_id_for(claim_id: str) -> str:
    return "i:" + hashlib.sha256(claim_id.encode("utf-8")).hexdigest()[:16]


def cluster_incidents(
    claims: Iterable[Claim],
    *,
    documents: Mapping[str, DocMeta] | None = None,
    existing: Mapping[str, str] | None = None,
) -> dict[str, str]:
    """claim_id → incident_id for every claim given.

    ``documents`` (doc_id → metadata) lends publication dates to undated claims.
    ``existing`` (claim_id → incident_id) keeps earlier groupings: those claims stay in
    their incidents and new claims join them.
    """
    documents = documents or {}
    feats: list[Features] = []
    for claim in claims:
        meta = documents.get(claim.doc_id)
        feats.append(features(claim, meta.published if meta is not None else None))
    published = {
        doc: meta.published.toordinal()
        for doc, meta in documents.items()
        if meta is not None and meta.published is not None
    }
    return _Grouper(feats, existing or {}, published).run()


class _Grouper(ReportJoins):
    def __init__(
        self, feats: list[Features], existing: Mapping[str, str],
        published: Mapping[str, int] | None = None,
    ) -> None:
        self.published = published or {}
        # a fixed order makes the result independent of the order claims arrive in
        feats.sort(key=lambda f: (f.start, f.claim_id))
        self.f = feats
        self.uf = UnionFind([existing.get(f.claim_id) for f in feats], feats)
        self.by_doc: dict[str, list[int]] = defaultdict(list)
        for i, f in enumerate(feats):
            self.by_doc[f.doc].append(i)
        self.neighbours = place_neighbours(feats)
        self.pinned = [f.pprec == P_SPECIFIC and f.dprec == D_SPECIFIC for f in feats]
        self._pinned_index: dict[tuple[PlaceKey, int], list[int]] = defaultdict(list)
        self._by_place: dict[PlaceKey, list[int]] | None = None

    def run(self) -> dict[str, str]:
        f = self.f
        self._seed()
        self._pass_pinned()
        placed = [i for i, a in enumerate(f) if a.pprec == P_SPECIFIC and not self.pinned[i]]
        loose = [i for i in placed if not self._attach(i, self._placed_candidates(f[i]))]
        self._merge(self._attach_to_siblings(loose, placed_only=True))
        vague = [i for i, a in enumerate(f) if a.pprec != P_SPECIFIC]
        area_index = self._area_index() if vague else {}
        loose = [
            i for i in vague if not self._attach(i, self._vague_candidates(f[i], area_index))
        ]
        self._merge(self._attach_to_siblings(loose, placed_only=False))
        self._join_reports()
        self._join_documents()
        self._join_told_together()
        return self._ids()

    def _seed(self) -> None:
        first: dict[str, int] = {}
        for i, anchor in enumerate(self.uf.anchor):
            if anchor is not None:
                self.uf.union(first.setdefault(anchor, i), i, force=True)

    def _pass_pinned(self) -> None:
        """Settlement and a short date: merge every compatible pair."""
        f, uf, index = self.f, self.uf, self._pinned_index
        for i, a in enumerate(f):
            if not self.pinned[i]:
                continue
            assert a.place is not None
            seen: set[int] = set()
            for place in self.neighbours[a.place]:
                for day in range(a.start, a.end + 1):
                    for j in index.get((place, day), ()):
                        if j not in seen:
                            seen.add(j)
                            if compatible(a, f[j], same_doc=a.doc == f[j].doc, lag=False):
                                uf.union(i, j)
            for day in range(a.start, a.end + 1):
                index[(a.place, day)].append(i)
        self._follow_ups()

    def _follow_ups(self) -> None:
        """A court's order days after a raid joins that raid's incident if it is the only
        one it can belong to (in a busy city, lagged links would chain unrelated raids)."""
        f, uf = self.f, self.uf
        for i, a in enumerate(f):
            if not self.pinned[i] or a.family != FAMILY_FOLLOW_UP:
                continue
            assert a.place is not None
            own = uf.find(i)
            candidates = [j for j in self.by_doc[a.doc] if self.pinned[j]]
            for place in self.neighbours[a.place]:
                for day in range(a.start - FOLLOW_UP_LAG_DAYS, a.start):
                    candidates.extend(self._pinned_index.get((place, day), ()))
            self._attach(
                i,
                (j for j in candidates
                 if f[j].family != FAMILY_FOLLOW_UP and uf.find(j) != own),
            )

    def _attach(self, i: int, candidates: Iterable[int]) -> bool:
        """Join the one compatible incident (one sharing the document wins); else False."""
        f, uf = self.f, self.uf
        a = f[i]
        roots: set[int] = set()
        same_doc_roots: set[int] = set()
        for j in candidates:
            if j == i:
                continue
            b = f[j]
            same = a.doc == b.doc
            if compatible(a, b, same_doc=same):
                root = uf.find(j)
                roots.add(root)
                if same:
                    same_doc_roots.add(root)
        target = same_doc_roots or roots
        return len(target) == 1 and uf.union(i, next(iter(target)))

    def _attach_to_siblings(self, loose: list[int], *, placed_only: bool) -> list[int]:
        """A second chance: claims of one report that attached pull in their siblings
        (an undated raid beside an undated detention that matched by its count)."""
        f, left = self.f, set(loose)

        def siblings(i: int) -> list[int]:
            return [
                j for j in self.by_doc[f[i].doc]
                if j not in left and (f[j].pprec == P_SPECIFIC or not placed_only)
            ]

        return [i for i in loose if not self._attach(i, siblings(i))]

    def _merge(self, loose: list[int]) -> None:
        """Claims that attached nowhere: merge compatible pairs among them."""
        f, uf = self.f, self.uf
        index: dict[tuple[str, int], list[int]] = defaultdict(list)
        done: set[int] = set()
        for i in loose:
            a = f[i]
            candidates = [j for j in self.by_doc[a.doc] if j in done]
            key = merge_key(a)
            if key and a.dprec != D_UNKNOWN:
                month = a.end // 30
                for m in (month - 1, month, month + 1):
                    candidates.extend(index.get((key, m), ()))
            for j in candidates:
                if compatible(a, f[j], same_doc=a.doc == f[j].doc):
                    uf.union(i, j)
            if key and a.dprec != D_UNKNOWN:
                index[(key, a.end // 30)].append(i)
            done.add(i)

    # ------------------------------------------------------------------ candidates

    def _placed_candidates(self, a: Features) -> list[int]:
        out = [j for j in self.by_doc[a.doc] if self.pinned[j]]
        assert a.place is not None
        if a.dprec == D_SPAN:
            for place in self.neighbours[a.place]:
                for day in range(a.start - FOLLOW_UP_LAG_DAYS - 1, a.end + 2):
                    out.extend(self._pinned_index.get((place, day), ()))
        elif a.dprec == D_UNKNOWN and a.lo >= 0:
            out.extend(self._strong_candidates(a))
        return out

    def _vague_candidates(
        self, a: Features, area_index: dict[tuple[str, int], list[int]]
    ) -> list[int]:
        # a country-level or unplaced claim only joins its own report's incident
        out = [j for j in self.by_doc[a.doc] if self.f[j].pprec == P_SPECIFIC]
        if a.pprec == P_REGION and a.admin1 and a.dprec in (D_SPECIFIC, D_SPAN):
            areas = (a.admin1, ONE_AREA[a.admin1]) if a.admin1 in ONE_AREA else (a.admin1,)
            for week in range((a.start - FOLLOW_UP_LAG_DAYS - 1) // 7, a.end // 7 + 2):
                for area in areas:
                    out.extend(area_index.get((area, week), ()))
        return out

    def _area_index(self) -> dict[tuple[str, int], list[int]]:
        index: dict[tuple[str, int], list[int]] = defaultdict(list)
        for i, a in enumerate(self.f):
            if a.pprec == P_SPECIFIC and a.admin1 and a.dprec in (D_SPECIFIC, D_SPAN):
                for week in range(a.start // 7, a.end // 7 + 1):
                    index[(a.admin1, week)].append(i)
        return index

    def _strong_candidates(self, a: Features) -> list[int]:
        assert a.place is not None
        if a.end:  # the publication date bounds the window: look up those days only
            return [
                j
                for place in self.neighbours[a.place]
                for day in range(a.start - 1, a.end + 2)
                for j in self._pinned_index.get((place, day), ())
                if self.f[j].type == a.type
            ]
        # No publication date either: every counted claim at the place, ever (such reports
        # are rare; their cost grows with the place's history).
        if self._by_place is None:
            by_place: dict[PlaceKey, list[int]] = defaultdict(list)
            for i, b in enumerate(self.f):
                if self.pinned[i] and b.place is not None and b.lo >= 0:
                    by_place[b.place].append(i)
            self._by_place = by_place
        assert a.place is not None
        by_place_ = self._by_place
        out: list[int] = []
        for place in self.neighbours[a.place]:
            out.extend(j for j in by_place_.get(place, ()) if self.f[j].type == a.type)
        return out

    def _ids(self) -> dict[str, str]:
        members: dict[int, list[int]] = defaultdict(list)
        for i in range(len(self.f)):
            members[self.uf.find(i)].append(i)
        out: dict[str, str] = {}
        for root, group in members.items():
            incident = self.uf.anchor[root]
            if incident is None:
                incident = incident_id_for(min(self.f[i].claim_id for i in group))
            for i in group:
                out[self.f[i].claim_id] = incident
        return out
