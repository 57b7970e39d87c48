"""One stream in, its documents out: sniff the format and hand it to its reader.

Archive readers call :func:`read_stream` again for each member, so a page inside a zip inside
a tar is read like a page on disk; ``depth`` stops archives nested without end.
"""

from __future__ import annotations

import bz2
import gzip
import io
import zlib
from collections import Counter
from collections.abc import Iterator
from typing import BinaryIO

from khronika.errors import (
    BadRecord,
    EmptyInput,
    EncodingError,
    InputError,
    ManyRejected,
    NotHTML,
    TooLarge,
    TruncatedInput,
)
from khronika.ingest.jsonl import read_jsonl
from khronika.ingest.sniff import HEAD, Format, binary_kind, sniff
from khronika.ingest.streams import (
    Capped,
    LimitExceeded,
    Limits,
    Prefixed,
    buffered,
    read_capped,
)
from khronika.model import RawDocument

Item = RawDocument | InputError
_MAX_DEPTH = 4  # archives inside archives
_HTML_NAMES = (".html", ".htm", ".xhtml")


def read_stream(
    source: str, name: str, stream: BinaryIO, *, limits: Limits, depth: int = 0
) -> Iterator[Item]:
    """Documents in ``stream`` (named ``name``, reported as ``source``); never raises InputError."""
    try:
        yield from _read(source, name, stream, limits=limits, depth=depth)
    except LimitExceeded as exc:
        yield TooLarge(str(exc), path=source)
    except InputError as exc:
        yield exc
    except (EOFError, zlib.error, gzip.BadGzipFile) as exc:
        yield TruncatedInput(f"compressed data ends early or is corrupt: {exc}", path=source)
    except OSError as exc:
        yield InputError(f"cannot read: {exc.strerror or exc}", path=source)


def _read(
    source: str, name: str, stream: BinaryIO, *, limits: Limits, depth: int
) -> Iterator[Item]:
    head = stream.read(HEAD)
    fmt = sniff(head, name)
    whole = buffered(Prefixed(head, stream))
    if fmt in ("gzip", "bzip2", "zip", "tar") or (fmt == "warc"):
        if depth >= _MAX_DEPTH:
            yield TooLarge(f"archives nested more than {_MAX_DEPTH} deep", path=source)
            return
        items = _read_container(fmt, source, name, whole, limits=limits, depth=depth)
        yield from (_collapse_rejections(source, items) if depth == 0 else items)
        return
    if fmt == "jsonl":
        yield from read_jsonl(source, whole, limits=limits)
        return
    yield from _read_single(fmt, source, name, head, whole, limits=limits)


# Rejections listed one by one per outermost archive; the rest are counted in one line, so a
# 24 KB nest of zips does not write 10,000 rejection rows.
LISTED_PER_ARCHIVE = 10


def _collapse_rejections(source: str, items: Iterator[Item]) -> Iterator[Item]:
    listed = 0
    rest: Counter[str] = Counter()
    for item in items:
        if isinstance(item, InputError):
            if listed < LISTED_PER_ARCHIVE:
                listed += 1
                yield item
                continue
            rest[item.code] += 1
            continue
        yield item
    if rest:
        codes = ", ".join(f"{code} ×{n:,}" for code, n in sorted(rest.items()))
        yield ManyRejected(
            f"{sum(rest.values()):,} more members of this archive rejected ({codes}); "
            f"the first {LISTED_PER_ARCHIVE} are listed",
            path=source,
        )


def _read_container(
    fmt: Format, source: str, name: str, stream: BinaryIO, *, limits: Limits, depth: int
) -> Iterator[Item]:
    if fmt in ("gzip", "bzip2"):
        inner_name = name[: name.lower().rfind(".")] if "." in name else name
        opened: BinaryIO = gzip.GzipFile(fileobj=stream) if fmt == "gzip" else bz2.BZ2File(stream)  # type: ignore[assignment]
        capped = io.BufferedReader(Capped(opened, limits.inflated), buffer_size=HEAD)
        inner_head = capped.peek(HEAD)[:HEAD]
        inner = sniff(inner_head, inner_name)
        if inner == "tar":
            from khronika.ingest.archives import read_tar

            yield from read_tar(source, capped, limits=limits, depth=depth, read=read_stream)
        elif inner == "warc":
            from khronika.ingest.warc import read_warc

            yield from read_warc(source, capped, limits=limits)
        else:
            yield from read_stream(source, inner_name, capped, limits=limits, depth=depth + 1)
    elif fmt == "tar":
        from khronika.ingest.archives import read_tar

        yield from read_tar(source, stream, limits=limits, depth=depth, read=read_stream)
    elif fmt == "zip":
        from khronika.ingest.archives import read_zip

        yield from read_zip(source, stream, limits=limits, depth=depth, read=read_stream)
    else:
        from khronika.ingest.warc import read_warc

        yield from read_warc(source, stream, limits=limits)


def _read_single(
    fmt: Format, source: str, name: str, head: bytes, stream: BinaryIO, *, limits: Limits
) -> Iterator[Item]:
    is_html_name = name.lower().endswith(_HTML_NAMES)
    if fmt == "empty":
        yield EmptyInput("empty file" if not head else "only whitespace", path=source)
        return
    if fmt == "binary":
        what = binary_kind(head) or "binary data"
        if is_html_name:
            yield NotHTML(f"named like HTML but holds {what}", path=source)
        else:
            yield EncodingError(f"{what}, not text in any encoding", path=source)
        return
    if fmt == "json":
        yield BadRecord("JSON that is neither corpus JSON Lines nor a Telegram export", path=source)
        return
    # Exports and feeds hold many documents: they get the budget of a whole file.
    many = fmt in ("telegram-json", "telegram-html", "feed")
    if many:
        data = read_capped(stream, limits.inflated, "feed or export")
    else:
        data = read_capped(stream, limits.document, "one document")
    if fmt == "telegram-json":
        from khronika.ingest.telegram import read_telegram_json

        yield from read_telegram_json(source, data)
    elif fmt == "telegram-html":
        from khronika.ingest.telegram import read_telegram_html

        yield from read_telegram_html(source, data)
    elif fmt == "feed":
        from khronika.ingest.feeds import read_feed

        yield from read_feed(source, data)
    else:
        yield RawDocument(source=source, body=data, kind="html" if fmt == "html" else "text")
