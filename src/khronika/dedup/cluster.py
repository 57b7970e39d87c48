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

Pair tests (``_compatible``): event types from the table in ``fingerprint``; dates that
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
"""

from __future__ import annotations

import hashlib
import math
from collections import defaultdict
from collections.abc import Iterable, Mapping

from khronika.dedup.fingerprint import (
    CITY_KM,
    D_LONG,
    D_SPAN,
    D_SPECIFIC,
    D_UNKNOWN,
    FAMILY_FOLLOW_UP,
    FOLLOW_UP_LAG_DAYS,
    P_COUNTRY,
    P_REGION,
    P_SPECIFIC,
    P_UNKNOWN,
    REGION_KM,
    DocMeta,
    Features,
    PlaceKey,
    family_ok,
    features,
    km,
)
from khronika.model import Claim

COUNT_FACTOR = 3  # two counts of one event type further apart than this: two events
REPORTS_FACTOR = 10  # two reports of one raid, same town and day: figures this far apart
STRONG_COUNT = 1.25  # "the same number" for the strong evidence an undated claim needs
_REGION_REGION_KM = 60.0
_TOLD_TOGETHER_ROOTS = 4  # a digest telling more incidents than this links none of them


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


class _UnionFind:
    """Union-find whose roots may carry a fixed incident id and a count profile.

    Two fixed ids never merge. Nor do two groups whose counts of one event type are more
    than ``COUNT_FACTOR`` apart: a report of a raid with no figure must not bridge the
    incident where 40 were detained and the one where 1,200 were.
    """

    __slots__ = ("anchor", "counts", "parent", "size")

    def __init__(self, anchors: list[str | None], feats: list[Features]) -> None:
        self.parent = list(range(len(anchors)))
        self.size = [1] * len(anchors)
        self.anchor = anchors
        self.counts: list[dict[str, tuple[int, int]] | None] = [
            {f.type: (f.lo, f.hi)} if _group_count(f) else None for f in feats
        ]

    def find(self, x: int) -> int:
        parent = self.parent
        root = x
        while parent[root] != root:
            root = parent[root]
        while parent[x] != root:
            parent[x], x = root, parent[x]
        return root

    def union(
        self, a: int, b: int, *, force: bool = False, factor: int = COUNT_FACTOR
    ) -> bool:
        ra, rb = self.find(a), self.find(b)
        if ra == rb:
            return True
        fa, fb = self.anchor[ra], self.anchor[rb]
        if fa is not None and fb is not None and fa != fb:
            return False
        ca, cb = self.counts[ra], self.counts[rb]
        if ca is not None and cb is not None and not force:
            for kind, (lo, hi) in cb.items():
                other = ca.get(kind)
                if other is not None and max(lo, other[0]) > factor * min(hi, other[1]) + 2:
                    return False
        if self.size[ra] < self.size[rb]:
            ra, rb, ca, cb = rb, ra, cb, ca
        self.parent[rb] = ra
        self.size[ra] += self.size[rb]
        self.anchor[ra] = fa if fa is not None else fb
        if cb is not None:
            if ca is None:
                self.counts[ra] = cb
            else:
                for kind, (lo, hi) in cb.items():
                    old = ca.get(kind)
                    ca[kind] = (lo, hi) if old is None else (min(lo, old[0]), max(hi, old[1]))
            self.counts[rb] = None
        return True


class _Grouper:
    def __init__(
        self, feats: list[Features], existing: Mapping[str, str],
        published: Mapping[str, int] | None = None,
    ) -> None:
        self.published = published or {}
        # a fixed order makes the result independent of the order claims arrive in
        feats.sort(key=lambda f: (f.start, f.claim_id))
        self.f = feats
        self.uf = _UnionFind([existing.get(f.claim_id) for f in feats], feats)
        self.by_doc: dict[str, list[int]] = defaultdict(list)
        for i, f in enumerate(feats):
            self.by_doc[f.doc].append(i)
        self.neighbours = _place_neighbours(feats)
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

    def _join_told_together(self) -> None:
        """Two incidents that two reports each tell together are one (a raid in Podolsk
        and the detentions "in Moscow" read 35 km apart by both the wire and the weekly);
        when no other report tells either, even figures of one type far apart join."""
        uf = self.uf
        pairs: dict[tuple[int, int], set[str]] = defaultdict(set)
        for doc, members in self.by_doc.items():
            roots = sorted({uf.find(i) for i in members})
            if 1 < len(roots) <= _TOLD_TOGETHER_ROOTS:
                for n, r in enumerate(roots):
                    for q in roots[n + 1 :]:
                        pairs[(r, q)].add(doc)
        owners: dict[int, set[str]] = defaultdict(set)
        for i, a in enumerate(self.f):
            owners[uf.find(i)].add(a.doc)
        for (r, q), docs in pairs.items():
            if len(docs) >= 2:
                # told only by the same reports, both groups are parts of one story (112
                # detained at the warehouse, 5 more taken from the hostel): figures of one
                # type that far apart do not make them two events
                uf.union(r, q, force=owners[r] == owners[q] == docs)

    def _join_documents(self) -> None:
        """Reports of one region a few days apart tell one incident when only one incident
        there fits (a later long read, a report with other figures, the other language).

        A report's days are its pinned claim dates and its publication date. Candidates
        share a region, near days (``_days_near``) and compatible event families; one
        naming another settlement than the incident's is out. A candidate incident naming
        the report's settlement, or sharing a count (within ``STRONG_COUNT``), is strong;
        one where either side names no settlement is weak. The one strong candidate wins,
        else the one weak candidate — unless the report without a settlement has several
        settlements' incidents around it (a regional figure for two towns' raids). A report
        without days (undated, no publication date) joins on a shared count or, naming a
        settlement, the one incident there (its date comes from the other reports), or,
        naming another settlement of the region, the incident whose figure of one event
        type it repeats at region level (a court report from the man's town quoting the
        region's total). A
        settlement's event told only to within ``_SPAN_DAYS`` ("in late September") is near
        a report with an event day inside, when both name that settlement. Moscow and St
        Petersburg count as one area with the region around them. Blocked by (region, week)
        and, for reports without days, by settlement, so the cost stays near-linear.
        """
        f, uf = self.f, self.uf
        profiles = {
            doc: _profile([f[i] for i in members], self.published.get(doc))
            for doc, members in self.by_doc.items()
        }
        index: dict[tuple[str, int], list[str]] = defaultdict(list)
        by_count: dict[tuple[str, int], list[str]] = defaultdict(list)  # (region, count bucket)
        by_town: dict[PlaceKey, list[str]] = defaultdict(list)
        towns: dict[int, set[PlaceKey]] = defaultdict(set)
        for doc, profile in profiles.items():
            towns[self._main_root(doc)] |= profile[2]
            for town in profile[2]:
                by_town[town].append(doc)
            for area in profile[0]:
                for bucket in {_count_bucket(lo) for lo, _ in profile[3]}:
                    by_count[(area, bucket)].append(doc)
                weeks = {abs(d) // 7 for d in profile[1]}
                weeks |= {w for lo, hi in profile[5] for w in range(lo // 7, hi // 7 + 1)}
                for week in weeks:
                    index[(area, week)].append(doc)

        def near(doc: str) -> set[str]:
            areas, days = profiles[doc][0], profiles[doc][1]
            if not days:
                # no day to go by: a shared count, or a report of the same settlement (the
                # one incident there wins; several there and the report stays apart)
                counts = profiles[doc][3]
                buckets = {_count_bucket(lo) + db for lo, _ in counts for db in (-1, 0, 1)}
                found = {o for area in areas for b in buckets for o in by_count.get((area, b), ())
                         if o != doc and _shares(profiles[doc][3], profiles[o][3])}
                found |= {o for town in profiles[doc][2] for n in self.neighbours.get(town, (town,))
                          for o in by_town.get(n, ()) if o != doc
                          and any(family_ok(x, y, x == y, False)
                                  for x in profiles[doc][4] for y in profiles[o][4])}
                return found
            spans = profiles[doc][5]
            weeks = {abs(d) // 7 + dw for d in days for dw in (-1, 0, 1)}
            weeks |= {w for lo, hi in spans for w in range(lo // 7, hi // 7 + 1)}
            return {o for area in areas for w in weeks for o in index.get((area, w), ())
                    if o != doc and (_days_near(days, profiles[o][1]) or spanned(doc, o))
                    and any(family_ok(x, y, x == y, False)
                            for x in profiles[doc][4] for y in profiles[o][4])}

        def spanned(doc: str, o: str) -> bool:
            return _in_span(profiles[doc][1], profiles[o][5]) or _in_span(
                profiles[o][1], profiles[doc][5]
            )

        ambiguous = {
            doc for doc, profile in profiles.items()
            if not profile[2] and len({self._main_root(o) for o in near(doc)
                                       if profiles[o][2]}) > 1
        }
        for doc, profile in profiles.items():
            root = self._main_root(doc)
            strong: set[int] = set()
            weak: set[int] = set()
            figure: set[int] = set()  # strong by a figure both reports give
            for o in near(doc):
                other = self._main_root(o)
                if other == root:
                    continue
                mine, theirs = towns[root], towns[other]
                if not _days_near(profile[1], profiles[o][1]) and spanned(doc, o):
                    # a week or a month is loose: only the same settlement makes it one event
                    if mine and theirs and _towns_agree_(mine, theirs, self.neighbours):
                        strong.add(other)
                elif mine and theirs:
                    if _towns_agree_(mine, theirs, self.neighbours):
                        strong.add(other)
                    elif not profile[1] and _shares_typed(
                        [c for c in profile[6] if c[3] == P_REGION], profiles[o][6]
                    ):
                        # a report with no day to go by that names another town of the
                        # region (a court in the town where the man lives) still tells
                        # the event whose regional figure of one event type it repeats
                        strong.add(other)
                        figure.add(other)
                elif _shares(profile[3], profiles[o][3]):
                    strong.add(other)
                    figure.add(other)
                elif doc not in ambiguous and o not in ambiguous:
                    weak.add(other)
            if len(strong) > 1 and profile[2]:
                # several incidents share the count: the one in the report's own town
                strong = {r for r in strong
                          if _towns_agree_(profile[2], towns[r], self.neighbours) and towns[r]}
            target = strong if strong else weak
            if len(target) == 1:
                other = next(iter(target))
                # reports that share one figure may disagree widely on another (police
                # 24, activists 200)
                factor = REPORTS_FACTOR if other in figure else COUNT_FACTOR
                if uf.union(root, other, factor=factor):
                    merged = uf.find(root)
                    towns[merged] = towns[root] | towns[other]

    def _main_root(self, doc: str) -> int:
        """The incident holding most of a report's claims (its main event)."""
        roots = [self.uf.find(i) for i in self.by_doc[doc]]
        return max(set(roots), key=lambda r: (roots.count(r), -r))

    def _join_reports(self) -> None:
        """A report's claims of its main event (the incident holding most of its claims)
        join it: a news report tells one event in its raid, detentions, summonses and court
        orders, and what it adds as context is part of its account. A claim already
        grouped with other reports' claims stays there (background that is another
        incident); the union's guard keeps counts of one type that disagree apart."""
        f, uf = self.f, self.uf
        owners: dict[int, set[str]] = defaultdict(set)
        for i, a in enumerate(f):
            owners[uf.find(i)].add(a.doc)
        for doc, members in self.by_doc.items():
            if len(members) < 2:
                continue
            roots = [uf.find(i) for i in members]
            main = max(set(roots), key=lambda r: (roots.count(r), uf.size[r], -r))
            for i, root in zip(members, roots, strict=True):
                if root == main or owners[root] != {doc}:
                    continue
                uf.union(main, i, factor=REPORTS_FACTOR)

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
                            if _compatible(a, f[j], same_doc=a.doc == f[j].doc, lag=False):
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
            if _compatible(a, b, same_doc=same):
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
            key = _merge_key(a)
            if key and a.dprec != D_UNKNOWN:
                month = a.end // 30
                for m in (month - 1, month, month + 1):
                    candidates.extend(index.get((key, m), ()))
            for j in candidates:
                if _compatible(a, f[j], same_doc=a.doc == f[j].doc):
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
            areas = (a.admin1, _ONE_AREA[a.admin1]) if a.admin1 in _ONE_AREA else (a.admin1,)
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


def _towns_agree_(
    a: set[PlaceKey], b: set[PlaceKey], near: Mapping[PlaceKey, list[PlaceKey]]
) -> bool:
    """Two reports that both name settlements name one of them (or neighbours)."""
    if not a or not b:
        return True
    return any(o in b for p in a for o in near.get(p, (p,)))


# (regions, days: +day for an event's date, -day for a publication date, settlements,
# counts, event families, spans: a settlement's event told only to the week or month)
_Profile = tuple[
    set[str], set[int], set[PlaceKey], list[tuple[int, int]], set[int], set[tuple[int, int]],
    list[tuple[str, int, int, int]],
]
_PUBLISHED_LAG = 2  # a report appears up to this many days after the event
_PUBLISHED_APART = 2  # two reports without event days, published this close: one event
_SPAN_DAYS = 11  # "in late September", "last week": looser spans (a month) match too much


# A federal city and the region around it, which reports name for one another ("a warehouse
# near Moscow", "Moscow region"): one area for telling which reports may be of one event.
_ONE_AREA = {"RU-48": "RU-47", "RU-47": "RU-48", "RU-66": "RU-42", "RU-42": "RU-66"}


def _profile(claims: list[Features], published: int | None) -> _Profile:
    """A report's regions, days (event days positive, its publication day negated),
    settlements and counts."""
    areas = {a.admin1 for a in claims if a.admin1 and a.pprec in (P_SPECIFIC, P_REGION)}
    areas |= {_ONE_AREA[x] for x in areas if x in _ONE_AREA}
    days = {a.start for a in claims if a.dprec == D_SPECIFIC}
    if published:
        days.add(-published)
    places = {a.place for a in claims if a.place is not None}
    counts = [(a.lo, a.hi) for a in claims if a.lo > 0]
    spans = {(a.start, a.end) for a in claims
             if a.dprec == D_SPAN and a.pprec == P_SPECIFIC and a.end - a.start < _SPAN_DAYS}
    typed = [(a.type, a.lo, a.hi, a.pprec) for a in claims
             if a.lo > 0 and not a.lo == a.hi == 1]
    return areas, days, places, counts, {a.family for a in claims}, spans, typed


def _in_span(days: set[int], spans: set[tuple[int, int]]) -> bool:
    """An event day of one report inside the week or month another tells a settlement's
    event in: a later long read ("in late September") and the first wire report."""
    return any(lo <= d <= hi for d in days if d > 0 for lo, hi in spans)


def _days_near(a: set[int], b: set[int]) -> bool:
    """One event day in common; a report that gives no event day of its own is near when
    published within days after the other's event day, or within ``_PUBLISHED_APART`` days
    of the other report (an adjacent event day alone is not enough: in a big city that is
    another raid)."""
    a_events, b_events = {x for x in a if x > 0}, {y for y in b if y > 0}
    if a_events and b_events:
        return bool(a_events & b_events)
    for x in a:
        for y in b:
            if x < 0 and y < 0:
                if abs(x - y) <= _PUBLISHED_APART:
                    return True
            elif (x < 0) != (y < 0) and 0 <= -min(x, y) - max(x, y) <= _PUBLISHED_LAG:
                return True
    return False


def _count_bucket(n: int) -> int:
    """Counts within ``STRONG_COUNT`` of each other fall in one bucket or adjacent ones."""
    return int(math.log(max(n, 1)) / math.log(STRONG_COUNT))


def _shares_typed(
    counts: list[tuple[str, int, int, int]], other_counts: list[tuple[str, int, int, int]]
) -> bool:
    """One event type's figure in both reports, within ``STRONG_COUNT``."""
    return any(kind == okind and max(lo, olo) <= STRONG_COUNT * min(hi, ohi)
               for kind, lo, hi, _ in counts for okind, olo, ohi, _ in other_counts)


def _shares(counts: list[tuple[int, int]], other_counts: list[tuple[int, int]]) -> bool:
    return any(max(lo, olo) <= STRONG_COUNT * min(hi, ohi)
               for lo, hi in counts for olo, ohi in other_counts)


def _merge_key(a: Features) -> str:
    if a.pprec in (P_SPECIFIC, P_REGION):
        return a.admin1 or f"{a.country}@{round(a.lat)},{round(a.lon)}"
    if a.pprec == P_COUNTRY:
        return a.country
    return ""


def _place_neighbours(feats: list[Features]) -> dict[PlaceKey, list[PlaceKey]]:
    """Every settlement key → the keys within ``CITY_KM`` (itself included), via a grid."""
    coords: dict[PlaceKey, tuple[float, float]] = {}
    for f in feats:
        if f.place is not None:
            coords.setdefault(f.place, (f.lat, f.lon))
    cell_lat = 0.25  # degrees: 27.8 km, so neighbours lie in adjacent rows
    grid: dict[tuple[int, int], list[PlaceKey]] = defaultdict(list)
    for key, (lat, lon) in coords.items():
        grid[(math.floor(lat / cell_lat), math.floor(lon / cell_lat))].append(key)
    out: dict[PlaceKey, list[PlaceKey]] = {}
    for key, (lat, lon) in coords.items():
        row, col = math.floor(lat / cell_lat), math.floor(lon / cell_lat)
        # a degree of longitude shrinks towards the poles: scan as many columns as 25 km needs
        width = math.ceil(CITY_KM / (111.32 * cell_lat * max(math.cos(math.radians(lat)), 0.05)))
        near: list[PlaceKey] = []
        for r in (row - 1, row, row + 1):
            for c in range(col - width, col + width + 1):
                for other in grid.get((r, c), ()):
                    olat, olon = coords[other]
                    if other == key or km(lat, lon, olat, olon) <= CITY_KM:
                        near.append(other)
        out[key] = near
    return out


def _dates_ok(a: Features, b: Features, *, same_doc: bool, lag: bool = True) -> bool:
    if a.dprec == D_UNKNOWN or b.dprec == D_UNKNOWN:
        if same_doc:
            return True
        dated, undated = (b, a) if a.dprec == D_UNKNOWN else (a, b)
        if not _strong(a, b):
            return False
        # an undated report bounds the event by its publication date, when known
        if undated.end and dated.dprec != D_UNKNOWN:
            return dated.start <= undated.end + 1 and dated.end >= undated.start - 1
        return True
    if (a.dprec == D_LONG) != (b.dprec == D_LONG):
        return False
    if a.dprec == D_LONG:
        overlap = min(a.end, b.end) - max(a.start, b.start) + 1
        return overlap * 2 >= min(a.end - a.start, b.end - b.start) + 1
    a_end, b_end = a.end, b.end
    if lag and a.family == FAMILY_FOLLOW_UP and b.family != FAMILY_FOLLOW_UP:
        b_end += FOLLOW_UP_LAG_DAYS
    elif lag and b.family == FAMILY_FOLLOW_UP and a.family != FAMILY_FOLLOW_UP:
        a_end += FOLLOW_UP_LAG_DAYS
    return a.start <= b_end and b.start <= a_end


def _strong(a: Features, b: Features) -> bool:
    """Same type, same settlement and nearly the same number: enough without a date."""
    if a.type != b.type or a.lo < 0 or b.lo < 0:
        return False
    if a.pprec != P_SPECIFIC or b.pprec != P_SPECIFIC:
        return False
    if a.place != b.place and km(a.lat, a.lon, b.lat, b.lon) > CITY_KM:
        return False
    return max(a.lo, b.lo) <= STRONG_COUNT * min(a.hi, b.hi)


def _places_ok(a: Features, b: Features, *, same_doc: bool) -> bool:
    pa, pb = a.pprec, b.pprec
    if pa == P_UNKNOWN or pb == P_UNKNOWN:
        return same_doc
    if pa == P_COUNTRY or pb == P_COUNTRY:
        if pa == pb:
            return a.country == b.country
        # a country-level claim next to a town in one report is that report's town, untold
        return same_doc and a.country == b.country
    if pa == P_SPECIFIC and pb == P_SPECIFIC:
        return a.place == b.place or km(a.lat, a.lon, b.lat, b.lon) <= CITY_KM
    if a.admin1 and a.admin1 == b.admin1:
        return True
    limit = _REGION_REGION_KM if pa == pb else REGION_KM
    return a.country == b.country and km(a.lat, a.lon, b.lat, b.lon) <= limit


def _group_count(f: Features) -> bool:
    """A figure that can tell two incidents apart; one person's story ("he was handed a
    summons") fits inside any group's, and a period's total ("41 last year") is background
    a report adds, not the figure of its event."""
    return f.lo >= 0 and not f.lo == f.hi == 1 and f.dprec != D_LONG


def _counts_ok(a: Features, b: Features) -> bool:
    if a.type != b.type or not _group_count(a) or not _group_count(b):
        return True
    return max(a.lo, b.lo) <= COUNT_FACTOR * min(a.hi, b.hi) + 2


def _compatible(a: Features, b: Features, *, same_doc: bool, lag: bool = True) -> bool:
    if not family_ok(a.family, b.family, a.type == b.type,
                      a.type == "prosecution" or b.type == "prosecution"):
        return False
    return (
        _places_ok(a, b, same_doc=same_doc)
        and _dates_ok(a, b, same_doc=same_doc, lag=lag)
        and _counts_ok(a, b)
    )
