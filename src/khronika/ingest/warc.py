"""WARC and WARC.gz (warcio): HTML responses become documents, other records are skipped.

The record's ``WARC-Target-URI`` is the document's URL and the capture date stands in as its
publication date only when the page gives none (cleaning prefers the page's own date). The
archive streams record by record, so its size does not matter; one response body may be
up to ``limits.document``.
"""

from __future__ import annotations

import zlib
from collections.abc import Iterator
from datetime import date
from typing import Any, BinaryIO

from warcio.archiveiterator import ArchiveIterator
from warcio.exceptions import ArchiveLoadFailed

from khronika.errors import BadRecord, EmptyInput, InputError, TooLarge, TruncatedInput
from khronika.ingest.streams import Limits
from khronika.model import RawDocument


def read_warc(
    source: str, stream: BinaryIO, *, limits: Limits
) -> Iterator[RawDocument | InputError]:
    max_bytes = limits.document
    found = False
    record_id = None
    try:
        for record in ArchiveIterator(stream):
            record_id = record.rec_headers.get_header("WARC-Record-ID")
            if record.rec_type != "response" or not _is_html(record):
                continue
            found = True
            uri = record.rec_headers.get_header("WARC-Target-URI")
            body = record.content_stream().read(max_bytes + 1)
            if len(body) > max_bytes:
                yield TooLarge(f"response over {max_bytes:,} bytes", path=source, record=uri)
                continue
            if not body.strip():
                yield EmptyInput("empty response body", path=source, record=uri)
                continue
            yield RawDocument(
                source=source,
                body=body,
                kind="html",
                record=uri or record_id,
                url=uri,
                published=_page_date(body) or _capture_date(record),
            )
    except ArchiveLoadFailed as exc:
        yield BadRecord(f"not a readable WARC: {exc}", path=source, record=record_id)
        return
    except (EOFError, zlib.error, OSError) as exc:
        yield TruncatedInput(f"WARC ends early or is corrupt: {exc}", path=source, record=record_id)
        return
    if not found:
        yield EmptyInput("WARC holds no HTML responses", path=source)


def _is_html(record: Any) -> bool:
    headers = record.http_headers
    if headers is None:
        return False
    content_type = (headers.get_header("Content-Type") or "").lower()
    return "html" in content_type


def _page_date(body: bytes) -> date | None:
    # The page's own date first: a capture date only bounds when the report appeared.
    from htmldate import find_date

    try:
        found = find_date(body, extensive_search=False, original_date=True)
    except ValueError:
        return None
    try:
        return date.fromisoformat(found[:10]) if isinstance(found, str) else None
    except ValueError:
        return None


def _capture_date(record: Any) -> date | None:
    value = record.rec_headers.get_header("WARC-Date") or ""
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        return None
