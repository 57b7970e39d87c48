"""One export: records from the store through a format's writer into a stream or a file.

A file is written to a temporary file in the same folder and renamed into place, so a
reader never sees half an export and a failed run leaves the old file untouched.
"""

from __future__ import annotations

import os
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO, Any

from khronika.errors import ConfigError
from khronika.export.formats import (
    BINARY_FORMATS,
    FORMATS,
    CsvWriter,
    Format,
    GeoJsonWriter,
    JsonlWriter,
    Writer,
)
from khronika.export.records import ExportQuery, ExportStats, iter_records
from khronika.export.redact import Redactor
from khronika.store import Store


def export(
    store: Store,
    out: IO[str] | IO[bytes],
    *,
    format: Format,
    query: ExportQuery | None = None,
    redactor: Redactor | None,
    timestamp: int | None = None,
) -> ExportStats:
    """Write the records ``query`` selects to ``out`` (binary for Parquet, text otherwise).

    ``redactor=None`` keeps personal names; the shells pass one unless asked not to.
    """
    if format not in FORMATS:
        raise ConfigError(f"unknown export format {format!r} (one of {', '.join(FORMATS)})")
    query = query or ExportQuery()
    stats = ExportStats()
    stamp = int(time.time()) if timestamp is None else timestamp
    writer = _writer(format, out, query, stats, stamp)
    for record in iter_records(store, query, redactor=redactor, stats=stats):
        writer.write(record)
        stats.rows += 1
    writer.close()
    if format == "geojson":
        stats.rows -= stats.without_coordinates
    return stats


def export_to_file(
    store: Store,
    path: Path,
    *,
    format: Format,
    query: ExportQuery | None = None,
    redactor: Redactor | None,
    timestamp: int | None = None,
) -> ExportStats:
    with atomic_output(path, binary=format in BINARY_FORMATS) as out:
        return export(
            store, out, format=format, query=query, redactor=redactor, timestamp=timestamp
        )


@contextmanager
def atomic_output(path: Path, *, binary: bool) -> Iterator[Any]:
    """A file object that becomes ``path`` only when the block ends without an error."""
    folder = path.resolve().parent
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
    try:
        if binary:
            with os.fdopen(fd, "wb") as out:
                yield out
        else:
            with os.fdopen(fd, "w", encoding="utf-8", newline="") as out:
                yield out
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _writer(
    format: Format, out: IO[Any], query: ExportQuery, stats: ExportStats, stamp: int
) -> Writer:
    if format == "jsonl":
        return JsonlWriter(out, level=query.level)
    if format == "csv":
        return CsvWriter(out, timestamp=stamp)
    if format == "geojson":
        return GeoJsonWriter(out, timestamp=stamp, stats=stats)
    from khronika.export.parquet import ParquetWriter

    return ParquetWriter(out, timestamp=stamp)
