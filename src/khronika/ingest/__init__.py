"""Readers: files and folders in, :class:`RawDocument` or :class:`InputError` out.

``read_inputs`` never raises for a bad input and never stops the run: what cannot be read
becomes an ``InputError`` naming the path (and the record inside it), and the next input is
read. Formats are recognised by content (:mod:`.sniff`); see :mod:`.dispatch` for the list.
"""

from __future__ import annotations

import os
from collections.abc import Iterator, Sequence
from pathlib import Path

from khronika.errors import InputError, TooLarge
from khronika.ingest.dispatch import read_stream
from khronika.model import RawDocument

__all__ = ["read_inputs"]

_SINGLE_LIMIT_FORMATS = (".html", ".htm", ".txt", ".xhtml")


def read_inputs(
    paths: Sequence[Path], *, max_bytes: int = 256 * 2**20
) -> Iterator[RawDocument | InputError]:
    """Every document in ``paths`` (files, folders walked in sorted order), in a stable order.

    ``max_bytes`` bounds one document, one JSON Lines line and the inflated size of one
    archive or compressed file; streams (JSON Lines, WARC, archives) are read in bounded
    memory whatever their size.
    """
    for path in paths:
        yield from _read_path(Path(path), max_bytes=max_bytes)


def _read_path(path: Path, *, max_bytes: int) -> Iterator[RawDocument | InputError]:
    if path.is_dir():
        for file in _walk(path):
            yield from _read_file(file, max_bytes=max_bytes)
    elif path.exists():
        yield from _read_file(path, max_bytes=max_bytes)
    else:
        yield InputError("no such file or folder", path=str(path))


def _walk(folder: Path) -> Iterator[Path]:
    # os.walk with sorted names: the same folder always yields documents in the same order.
    for root, dirs, files in os.walk(folder, followlinks=False):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(files):
            if not name.startswith("."):
                yield Path(root) / name


def _read_file(path: Path, *, max_bytes: int) -> Iterator[RawDocument | InputError]:
    source = str(path)
    try:
        size = path.stat().st_size
        # Plain single-document files are refused before reading; containers are capped as
        # they stream, since only their parts need to fit in memory.
        if size > max_bytes and path.suffix.lower() in _SINGLE_LIMIT_FORMATS:
            yield TooLarge(f"{size:,} bytes, over the limit of {max_bytes:,}", path=source)
            return
        with path.open("rb") as stream:
            yield from read_stream(source, path.name, stream, max_bytes=max_bytes)
    except OSError as exc:
        yield InputError(f"cannot read: {exc.strerror or exc}", path=source)
