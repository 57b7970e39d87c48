"""The passes that join incidents by their reports: a report's claims join its main event,
reports of one region a few days apart join the one incident that fits, and incidents two
reports tell together are one."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping

from khronika.dedup.fingerprint import P_REGION, Features, PlaceKey, family_ok
from khronika.dedup.pair_tests import COUNT_FACTOR
from khronika.dedup.report_profiles import (
    count_bucket,
    days_near,
    in_span,
    report_profile,
    shares_count,
    shares_typed,
    towns_agree,
)
from khronika.dedup.union_find import UnionFind

REPORTS_FACTOR = 10  # two reports of one raid, same town and day: figures this far apart
_TOLD_TOGETHER_ROOTS = 4  # a digest telling more incidents than this links none of them


class ReportJoins:
    """The grouper's passes over reports (``cluster``), run after the claim-by-claim ones."""

    f: list[Features]
    uf: UnionFind
    by_doc: dict[str, list[int]]
    neighbours: dict[PlaceKey, list[PlaceKey]]
    published: Mapping[str, int]

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
        share a region, near days (``days_near``) and compatible event families; one
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
            doc: report_profile([f[i] for i in members], self.published.get(doc))
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
                for bucket in {count_bucket(lo) for lo, _ in profile[3]}:
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
                buckets = {count_bucket(lo) + db for lo, _ in counts for db in (-1, 0, 1)}
                found = {o for area in areas for b in buckets for o in by_count.get((area, b), ())
                         if o != doc and shares_count(profiles[doc][3], profiles[o][3])}
                found |= {o for town in profiles[doc][2] for n in self.neighbours.get(town, (town,))
                          for o in by_town.get(n, ()) if o != doc
                          and any(family_ok(x, y, x == y, False)
                                  for x in profiles[doc][4] for y in profiles[o][4])}
                return found
            spans = profiles[doc][5]
            weeks = {abs(d) // 7 + dw for d in days for dw in (-1, 0, 1)}
            weeks |= {w for lo, hi in spans for w in range(lo // 7, hi // 7 + 1)}
            return {o for area in areas for w in weeks for o in index.get((area, w), ())
                    if o != doc and (days_near(days, profiles[o][1]) or spanned(doc, o))
                    and any(family_ok(x, y, x == y, False)
                            for x in profiles[doc][4] for y in profiles[o][4])}

        def spanned(doc: str, o: str) -> bool:
            return in_span(profiles[doc][1], profiles[o][5]) or in_span(
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
                if not days_near(profile[1], profiles[o][1]) and spanned(doc, o):
                    # a week or a month is loose: only the same settlement makes it one event
                    if mine and theirs and towns_agree(mine, theirs, self.neighbours):
                        strong.add(other)
                elif mine and theirs:
                    if towns_agree(mine, theirs, self.neighbours):
                        strong.add(other)
                    elif not profile[1] and shares_typed(
                        [c for c in profile[6] if c[3] == P_REGION], profiles[o][6]
                    ):
                        # a report with no day to go by that names another town of the
                        # region (a court in the town where the man lives) still tells
                        # the event whose regional figure of one event type it repeats
                        strong.add(other)
                        figure.add(other)
                elif shares_count(profile[3], profiles[o][3]):
                    strong.add(other)
                    figure.add(other)
                elif doc not in ambiguous and o not in ambiguous:
                    weak.add(other)
            if len(strong) > 1 and profile[2]:
                # several incidents share the count: the one in the report's own town
                strong = {r for r in strong
                          if towns_agree(profile[2], towns[r], self.neighbours) and towns[r]}
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
