"""Blocking keys that keep grouping near-linear: settlements within ``CITY_KM`` of each
other (a grid), the federal cities with the regions around them, and the area a vague claim
is merged within."""

from __future__ import annotations

import math
from collections import defaultdict

from khronika.dedup.fingerprint import (
    CITY_KM,
    P_COUNTRY,
    P_REGION,
    P_SPECIFIC,
    Features,
    PlaceKey,
    km,
)

# A federal city and the region around it, which reports name for one another ("a warehouse
# near Moscow", "Moscow region"): one area for telling which reports may be of one event.
ONE_AREA = {"RU-48": "RU-47", "RU-47": "RU-48", "RU-66": "RU-42", "RU-42": "RU-66"}


def merge_key(a: Features) -> str:
    if a.pprec in (P_SPECIFIC, P_REGION):
        return a.admin1 or f"{a.country}@{round(a.lat)},{round(a.lon)}"
    if a.pprec == P_COUNTRY:
        return a.country
    return ""


def place_neighbours(feats: list[Features]) -> dict[PlaceKey, list[PlaceKey]]:
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
