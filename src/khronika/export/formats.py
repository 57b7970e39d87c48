"""Writers for each export format: each takes ``Record``s one at a time and holds at most
one batch (Parquet) or one row (the text formats) in memory."""

from __future__ import annotations

import csv
import json
import math
from datetime import date
from typing import IO, Any, Literal, Protocol

from khronika.export.acled import COLUMNS, RowContext, flat_row
from khronika.export.jsonl import claim_to_dict
from khronika.export.records import ExportStats, Level, Record

Format = Literal["jsonl", "csv", "geojson", "parquet"]
FORMATS: tuple[Format, ...] = ("jsonl", "csv", "geojson", "parquet")
BINARY_FORMATS = frozenset({"parquet"})


class Writer(Protocol):
    def write(self, record: Record) -> None: ...

    def close(self) -> None: ...


def row_of(record: Record, *, timestamp: int) -> dict[str, Any]:
    ctx = RowContext(
        record.review_state, record.outlet, record.sources, record.claims, record.conservative
    )
    return flat_row(record.claim, ctx, timestamp=timestamp)


def record_dict(record: Record, level: Level) -> dict[str, Any]:
    """The contract's claim object plus what the store knows (extra fields are allowed)."""
    data = claim_to_dict(record.claim)
    data["review_state"] = record.review_state
    data["outlet"] = record.outlet
    data["sources"] = record.sources
    if level == "incident":
        data["claims"] = record.claims
        data["count_conservative"] = record.conservative
    return data


class JsonlWriter:
    def __init__(self, out: IO[str], *, level: Level) -> None:
        self._out = out
        self._level = level

    def write(self, record: Record) -> None:
        self._out.write(json.dumps(record_dict(record, self._level), ensure_ascii=False) + "\n")

    def close(self) -> None:
        self._out.flush()


class CsvWriter:
    """ACLED's header first; values as R's ``read.csv`` and pandas read them (empty = NA)."""

    def __init__(self, out: IO[str], *, timestamp: int) -> None:
        self._csv = csv.writer(out, lineterminator="\n")
        self._csv.writerow(COLUMNS)
        self._out = out
        self._timestamp = timestamp

    def write(self, record: Record) -> None:
        row = row_of(record, timestamp=self._timestamp)
        self._csv.writerow([_cell(row[c]) for c in COLUMNS])

    def close(self) -> None:
        self._out.flush()


def _cell(value: object) -> object:
    if value is None:
        return ""
    if isinstance(value, date):
        return value.isoformat()
    return value


class GeoJsonWriter:
    """An RFC 7946 FeatureCollection written as it goes: one Point per row with
    coordinates; rows without them are counted in ``stats.without_coordinates``."""

    def __init__(self, out: IO[str], *, timestamp: int, stats: ExportStats) -> None:
        self._out = out
        self._timestamp = timestamp
        self._stats = stats
        self._first = True
        out.write('{"type": "FeatureCollection", "features": [')

    def write(self, record: Record) -> None:
        row = row_of(record, timestamp=self._timestamp)
        lat, lon = row["latitude"], row["longitude"]
        if not _finite(lat) or not _finite(lon):
            self._stats.without_coordinates += 1
            return
        feature = {
            "type": "Feature",
            "id": row["event_id_cnty"],
            "geometry": {"type": "Point", "coordinates": [lon, lat]},
            "properties": {k: _cell(v) if isinstance(v, date) else v for k, v in row.items()},
        }
        self._out.write(("\n" if self._first else ",\n") + json.dumps(feature, ensure_ascii=False))
        self._first = False

    def close(self) -> None:
        self._out.write("\n]}\n")
        self._out.flush()


def _finite(value: object) -> bool:
    return isinstance(value, int | float) and math.isfinite(value)
