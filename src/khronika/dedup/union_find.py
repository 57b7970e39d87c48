"""Union-find over claims whose roots carry a fixed incident id and a count profile."""

from __future__ import annotations

from khronika.dedup.fingerprint import Features
from khronika.dedup.pair_tests import COUNT_FACTOR, group_count


class UnionFind:
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
            {f.type: (f.lo, f.hi)} if group_count(f) else None for f in feats
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
