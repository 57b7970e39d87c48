"""Readers: files and folders in, :class:`RawDocument` or :class:`InputError` out.

``read_inputs`` never raises for a bad input and never stops the run: what cannot be read
becomes an ``InputError`` naming the path (and the record inside it), and the next input is
read. Formats are recognised by content (:mod:`.sniff`); see :mod:`.dispatch` for the list.
"""

from __future__ import annotations

import os
from collections.abc import Iterator, Sequence
from pathlib import Path

from khronika.errors import BadRecord, DocumentFailed, InputError, LinkOutside, TooLarge
from khronika.ingest.dispatch import read_stream
from khronika.ingest.sniff import HEAD, sniff
from khronika.ingest.streams import DOCUMENT_LIMIT, INFLATED_LIMIT, Limits
from khronika.model import RawDocument

__all__ = ["count_documents", "read_inputs"]

_SINGLE_LIMIT_FORMATS = (".html", ".htm", ".txt", ".xhtml")


def read_inputs(
    paths: Sequence[Path],
    *,
    max_bytes: int = INFLATED_LIMIT,
    max_document: int = DOCUMENT_LIMIT,
    follow_links: bool = False,
) -> Iterator[RawDocument | InputError]:
    """Every document in ``paths`` (files, folders walked in sorted order), in a stable order.

    ``max_document`` bounds one document (a page, a text file, a JSON Lines line, a WARC
    response) and ``max_bytes`` what one file may inflate to (an archive's members together,
    a compressed file, a feed or Telegram export); a document is never allowed more than
    ``max_bytes`` either. Streams (JSON Lines, WARC, archives) are read in bounded memory
    whatever their size.

    Inside a folder, a symbolic link that leads out of it is not read (a link to /etc/… would
    be stored and shown to viewers) but listed as a rejection, unless ``follow_links``.
    """
    limits = Limits(document=min(max_document, max_bytes), inflated=max_bytes)
    for path in paths:
        yield from _read_path(Path(path), limits=limits, follow_links=follow_links)


def _read_path(path: Path, *, limits: Limits, follow_links: bool
               ) -> Iterator[RawDocument | InputError]:
    if path.is_dir():
        for file in _walk(path, follow_links=follow_links):
            if isinstance(file, InputError):
                yield file
            else:
                yield from _read_file(file, limits=limits)
    elif path.exists():
        yield from _read_file(path, limits=limits)
    else:
        yield InputError("no such file or folder", path=str(path))


def _walk(folder: Path, *, follow_links: bool = False) -> Iterator[Path | LinkOutside]:
    # os.walk with sorted names: the same folder always yields documents in the same order.
    root = folder.resolve()
    seen: set[Path] = set()
    for current, dirs, files in os.walk(folder, followlinks=follow_links):
        here = Path(current)
        seen.add(here.resolve())
        kept = []
        for name in sorted(d for d in dirs if not d.startswith(".")):
            sub = here / name
            if not sub.is_symlink():
                kept.append(name)
            elif follow_links:
                if sub.resolve() not in seen:  # a link back up would walk for ever
                    kept.append(name)
            elif not sub.resolve().is_relative_to(root):
                yield _outside(sub, folder)
        dirs[:] = kept
        for name in sorted(files):
            if name.startswith("."):
                continue
            file = here / name
            if not follow_links and file.is_symlink() and not file.resolve().is_relative_to(root):
                yield _outside(file, folder)
                continue
            yield file


def _outside(link: Path, folder: Path) -> LinkOutside:
    return LinkOutside(
        f"symbolic link to {link.resolve()}, outside {folder}: not followed "
        "(--follow-links reads it)",
        path=str(link),
    )


def _read_file(path: Path, *, limits: Limits) -> Iterator[RawDocument | InputError]:
    source = str(path)
    try:
        size = path.stat().st_size
        # Plain single-document files are refused before reading; containers are capped as
        # they stream, since only their parts need to fit in memory.
        if size > limits.document and path.suffix.lower() in _SINGLE_LIMIT_FORMATS:
            yield TooLarge(
                f"{size:,} bytes, over the limit of {limits.document:,} for one document",
                path=source,
            )
            return
        with path.open("rb") as stream:
            yield from read_stream(source, path.name, stream, limits=limits)
    except OSError as exc:
        yield InputError(f"cannot read: {exc.strerror or exc}", path=source)
    except RecursionError:
        yield BadRecord("nested too deep to read", path=source)
    except Exception as exc:  # a reader's bug on odd input: reject the rest of this file only
        yield DocumentFailed.of(exc, path=source, record=None, stage="read")


# Formats whose documents can be counted without parsing them: a page or text file is one,
# a JSON Lines file one a line. Archives, feeds and exports are counted only by reading them.
_ONE_DOCUMENT = frozenset({"html", "text"})


def count_documents(paths: Sequence[Path], *, follow_links: bool = False) -> int | None:
    """How many documents ``read_inputs(paths)`` will yield, when that is cheap to know (a
    newline count for JSON Lines, one a page); ``None`` when any input holds an unknown
    number (archives, feeds, Telegram exports), so a progress bar shows no false total."""
    total = 0
    for path in paths:
        files = list(_walk(path, follow_links=follow_links)) if path.is_dir() else [path]
        for file in files:
            n = 1 if isinstance(file, InputError) else _count_file(file)
            if n is None:
                return None
            total += n
    return total


def _count_file(path: Path) -> int | None:
    try:
        with path.open("rb") as stream:
            head = stream.read(HEAD)
            fmt = sniff(head, path.name)
            if fmt in _ONE_DOCUMENT:
                return 1
            if fmt != "jsonl":
                return 1 if fmt in ("empty", "binary", "json") else None  # one rejection
            stream.seek(0)
            return sum(1 for line in stream if line.strip())  # blank lines hold no record
    except OSError:
        return 1  # read_inputs turns it into one rejection
