"""One export: records from the store through a format's writer into a stream or a file.

A file is written to a temporary file in the same folder and renamed into place, so a
reader never sees half an export and a failed run leaves the old file untouched.
"""

from __future__ import annotations

import os
import stat
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO, Any

from khronika.errors import ConfigError, OutputRefused
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


def check_output(path: Path) -> None:
    """Refuse, before any work, an output that is not a regular file in an existing folder:
    renaming over a symlink, a device (``/dev/full``) or a directory would replace it."""
    try:
        info = path.lstat()
    except FileNotFoundError:
        info = None
    except OSError as exc:
        raise OutputRefused(f"{path}: cannot be written ({exc.strerror or exc})") from None
    if info is not None and stat.S_ISLNK(info.st_mode):
        raise OutputRefused(f"{path}: is a symbolic link; give the file it points to")
    if info is not None and stat.S_ISDIR(info.st_mode):
        raise OutputRefused(f"{path}: is a directory; give a file name")
    if info is not None and not stat.S_ISREG(info.st_mode):
        raise OutputRefused(f"{path}: is not a regular file (a device, pipe or socket)")
    if not path.absolute().parent.is_dir():
        raise OutputRefused(f"{path}: no such folder {path.absolute().parent}")


def _mode_for(path: Path) -> int:
    """An existing file's permissions, else what a new file gets under the user's umask."""
    try:
        return stat.S_IMODE(path.stat().st_mode)
    except OSError:
        mask = os.umask(0)
        os.umask(mask)
        return 0o666 & ~mask


@contextmanager
def atomic_output(path: Path, *, binary: bool) -> Iterator[Any]:
    """A file object that becomes ``path`` only when the block ends without an error."""
    check_output(path)
    folder = path.absolute().parent
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
    except OSError as exc:
        raise OutputRefused(f"{path}: cannot be written ({exc.strerror or exc})") from None
    try:
        os.fchmod(fd, _mode_for(path))  # mkstemp creates 0600 whatever the umask
        if binary:
            with os.fdopen(fd, "wb") as out:
                yield out
        else:
            with os.fdopen(fd, "w", encoding="utf-8", newline="") as out:
                yield out
        check_output(path)  # it may have been replaced while the export ran
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
