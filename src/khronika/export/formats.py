"""Writers for each export format: each takes ``Record``s one at a time and holds at most
one batch (Parquet) or one row (the text formats) in memory.

Rows are tuples in ``COLUMNS`` order (``acled.AcledRows``), and JSON is written compact
through orjson when it is installed (ten times json's speed on these rows), else through one
json encoder built once: at a million rows, per-row dicts and per-call encoders were most of
the cost.
"""

from __future__ import annotations

import csv
import json
import math
from collections.abc import Mapping
from typing import IO, Any, Literal, Protocol

try:
    import orjson
except ImportError:  # pragma: no cover - exercised by monkeypatching ``orjson`` to None
    orjson = None  # type: ignore[assignment]

from khronika.export.acled import COLUMNS, AcledRows
from khronika.export.csvsafe import safe_row
from khronika.export.records import ExportStats, Level, Record

Format = Literal["jsonl", "csv", "geojson", "parquet"]
FORMATS: tuple[Format, ...] = ("jsonl", "csv", "geojson", "parquet")
BINARY_FORMATS = frozenset({"parquet"})

# json.dumps(x, ensure_ascii=False) builds an encoder per call; this one is built once, and
# its separators are orjson's, so the two write alike.
_JSON_ENCODE = json.JSONEncoder(ensure_ascii=False, separators=(",", ":")).encode
_ID = COLUMNS.index("event_id_cnty")


def encode(value: Any) -> str:
    """Compact JSON text, non-ASCII letters as they are."""
    if orjson is not None:
        try:
            return orjson.dumps(value).decode()
        except TypeError:  # orjson.JSONEncodeError: integers beyond 64 bits
            pass
    return _JSON_ENCODE(value)


class _Lines(list[str]):
    """Text gathered for one write: a text file's ``write`` costs microseconds a call (it
    encodes as it goes), which at a million rows is seconds; a list's append costs nothing."""

    write = list.append  # what csv.writer calls, at C speed

    def __init__(self, out: IO[str], rows: int = 2_000) -> None:
        super().__init__()
        self._out = out
        self._rows = rows
        self._n = 0

    def add(self, text: str) -> None:
        self.append(text)
        self.row_done()

    def row_done(self) -> None:
        self._n += 1
        if self._n >= self._rows:
            self.flush()

    def flush(self) -> None:
        if self:
            self._out.write("".join(self))
            self.clear()
        self._n = 0
        self._out.flush()


class Writer(Protocol):
    def write(self, record: Record) -> None: ...

    def close(self) -> None: ...


def contract_dict(claim: Mapping[str, Any]) -> dict[str, Any]:
    """The contract's claim object (``jsonl.claim_to_dict``'s shape and defaults) from the
    store's JSON shape, without the offsets the contract leaves out."""
    d, loc, cnt, ev = claim["date"], claim["location"], claim.get("count"), claim["evidence"]
    return {
        "doc_id": claim["doc_id"],
        "claim_id": claim.get("claim_id") or "",
        "incident_id": claim.get("incident_id"),
        "event_type": claim["event_type"],
        "date": {
            "start": d.get("start") or None,
            "end": d.get("end") or None,
            "precision": d["precision"],
            "text": d.get("text"),
        },
        "location": {
            "text": loc.get("text"),
            "name": loc.get("name"),
            "name_local": loc.get("name_local"),
            "geonameid": loc.get("geonameid"),
            "admin1": loc.get("admin1"),
            "country": loc.get("country"),
            "lat": loc.get("lat"),
            "lon": loc.get("lon"),
            "precision": loc["precision"],
        },
        "actors": list(claim.get("actors") or ()),
        "targets": list(claim.get("targets") or ()),
        "count": None
        if cnt is None
        else {
            "min": cnt.get("min"),
            "max": cnt.get("max"),
            "qualifier": cnt["qualifier"],
            "text": cnt.get("text"),
        },
        "attribution": list(claim.get("attribution") or ()),
        "certainty": claim["certainty"],
        "evidence": {
            "text": ev["text"],
            "start": ev.get("start") or 0,
            "end": ev.get("end") or 0,
        },
        "components": list(claim.get("components") or ()),
    }


def record_dict(record: Record, level: Level) -> dict[str, Any]:
    """The contract's claim object plus what the store knows (extra fields are allowed)."""
    data = contract_dict(record.claim)
    data["review_state"] = record.review_state
    data["outlet"] = record.outlet
    data["sources"] = record.sources
    if level == "incident":
        data["claims"] = record.claims
        data["count_conservative"] = record.conservative
        data.update(record.incident or {})
    return data


class JsonlWriter:
    def __init__(self, out: IO[str], *, level: Level) -> None:
        self._lines = _Lines(out)
        self._level = level

    def write(self, record: Record) -> None:
        self._lines.add(encode(record_dict(record, self._level)) + "\n")

    def close(self) -> None:
        self._lines.flush()


class CsvWriter:
    """ACLED's header first; values as R's ``read.csv`` and pandas read them (empty = NA:
    the csv module writes ``None`` as an empty cell)."""

    def __init__(self, out: IO[str], *, timestamp: int) -> None:
        self._lines = _Lines(out)
        self._csv = csv.writer(self._lines, lineterminator="\n")
        self._csv.writerow(COLUMNS)
        self._rows = AcledRows(timestamp=timestamp)

    def write(self, record: Record) -> None:
        self._csv.writerow(safe_row(self._rows.values(record.claim, record)))
        self._lines.row_done()

    def close(self) -> None:
        self._lines.flush()


class GeoJsonWriter:
    """An RFC 7946 FeatureCollection written as it goes: one Point per row with
    coordinates; rows without them are counted in ``stats.without_coordinates``."""

    def __init__(self, out: IO[str], *, timestamp: int, stats: ExportStats) -> None:
        self._lines = _Lines(out)
        self._rows = AcledRows(timestamp=timestamp)
        self._stats = stats
        self._first = True
        self._lines.append('{"type":"FeatureCollection","features":[')

    def write(self, record: Record) -> None:
        loc = record.claim["location"]
        lat, lon = loc.get("lat"), loc.get("lon")
        if not _finite(lat) or not _finite(lon):
            self._stats.without_coordinates += 1
            return
        row = self._rows.values(record.claim, record)
        feature = {
            "type": "Feature",
            "id": row[_ID],
            "geometry": {"type": "Point", "coordinates": [lon, lat]},
            "properties": dict(zip(COLUMNS, row, strict=True)),
        }
        self._lines.add(("\n" if self._first else ",\n") + encode(feature))
        self._first = False

    def close(self) -> None:
        self._lines.add("\n]}\n")
        self._lines.flush()


def _finite(value: object) -> bool:
    return isinstance(value, int | float) and math.isfinite(value)
