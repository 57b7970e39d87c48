"""Pair tests: may two claims tell one incident? Event types from the table in
``fingerprint``; dates that overlap (a court order may lag a raid by ``FOLLOW_UP_LAG_DAYS``;
period aggregates only with each other; an undated claim only on strong evidence: the same
settlement, type and nearly the same count); places near enough for their precision; counts
of one event type within ``COUNT_FACTOR``."""

from __future__ import annotations

from khronika.dedup.fingerprint import (
    CITY_KM,
    D_LONG,
    D_UNKNOWN,
    FAMILY_FOLLOW_UP,
    FOLLOW_UP_LAG_DAYS,
    P_COUNTRY,
    P_SPECIFIC,
    P_UNKNOWN,
    REGION_KM,
    Features,
    family_ok,
    km,
)

COUNT_FACTOR = 3  # two counts of one event type further apart than this: two events
STRONG_COUNT = 1.25  # "the same number" for the strong evidence an undated claim needs
_REGION_REGION_KM = 60.0


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


def group_count(f: Features) -> bool:
    """A figure that can tell two incidents apart; one person's story ("he was handed a
    summons") fits inside any group's, and a period's total ("41 last year") is background
    a report adds, not the figure of its event."""
    return f.lo >= 0 and not f.lo == f.hi == 1 and f.dprec != D_LONG


def _counts_ok(a: Features, b: Features) -> bool:
    if a.type != b.type or not group_count(a) or not group_count(b):
        return True
    return max(a.lo, b.lo) <= COUNT_FACTOR * min(a.hi, b.hi) + 2


def compatible(a: Features, b: Features, *, same_doc: bool, lag: bool = True) -> bool:
    if not family_ok(a.family, b.family, a.type == b.type,
                      a.type == "prosecution" or b.type == "prosecution"):
        return False
    return (
        _places_ok(a, b, same_doc=same_doc)
        and _dates_ok(a, b, same_doc=same_doc, lag=lag)
        and _counts_ok(a, b)
    )
