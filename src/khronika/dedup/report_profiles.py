"""A report seen whole: its regions, days, settlements, counts, event families and loose
spans (``report_profile``), and the tests two reports' profiles are compared by."""

from __future__ import annotations

import math
from collections.abc import Mapping

from khronika.dedup.blocking import ONE_AREA
from khronika.dedup.fingerprint import D_SPAN, D_SPECIFIC, P_REGION, P_SPECIFIC, Features, PlaceKey
from khronika.dedup.pair_tests import STRONG_COUNT


def towns_agree(
    a: set[PlaceKey], b: set[PlaceKey], near: Mapping[PlaceKey, list[PlaceKey]]
) -> bool:
    """Two reports that both name settlements name one of them (or neighbours)."""
    if not a or not b:
        return True
    return any(o in b for p in a for o in near.get(p, (p,)))


# (regions, days: +day for an event's date, -day for a publication date, settlements,
# counts, event families, spans: a settlement's event told only to the week or month)
ReportProfile = tuple[
    set[str], set[int], set[PlaceKey], list[tuple[int, int]], set[int], set[tuple[int, int]],
    list[tuple[str, int, int, int]],
]
_PUBLISHED_LAG = 2  # a report appears up to this many days after the event
_PUBLISHED_APART = 2  # two reports without event days, published this close: one event
_SPAN_DAYS = 11  # "in late September", "last week": looser spans (a month) match too much


def report_profile(claims: list[Features], published: int | None) -> ReportProfile:
    """A report's regions, days (event days positive, its publication day negated),
    settlements and counts."""
    areas = {a.admin1 for a in claims if a.admin1 and a.pprec in (P_SPECIFIC, P_REGION)}
    areas |= {ONE_AREA[x] for x in areas if x in ONE_AREA}
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


def in_span(days: set[int], spans: set[tuple[int, int]]) -> bool:
    """An event day of one report inside the week or month another tells a settlement's
    event in: a later long read ("in late September") and the first wire report."""
    return any(lo <= d <= hi for d in days if d > 0 for lo, hi in spans)


def days_near(a: set[int], b: set[int]) -> bool:
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


def count_bucket(n: int) -> int:
    """Counts within ``STRONG_COUNT`` of each other fall in one bucket or adjacent ones."""
    return int(math.log(max(n, 1)) / math.log(STRONG_COUNT))


def shares_typed(
    counts: list[tuple[str, int, int, int]], other_counts: list[tuple[str, int, int, int]]
) -> bool:
    """One event type's figure in both reports, within ``STRONG_COUNT``."""
    return any(kind == okind and max(lo, olo) <= STRONG_COUNT * min(hi, ohi)
               for kind, lo, hi, _ in counts for okind, olo, ohi, _ in other_counts)


def shares_count(counts: list[tuple[int, int]], other_counts: list[tuple[int, int]]) -> bool:
    return any(max(lo, olo) <= STRONG_COUNT * min(hi, ohi)
               for lo, hi in counts for olo, ohi in other_counts)
