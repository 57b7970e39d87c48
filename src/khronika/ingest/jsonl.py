"""Corpus JSON Lines (``shared/corpus/README.md``): one document a line.

Streams line by line, so a file of any size is read in bounded memory. A bad line becomes an
:class:`InputError` for that line (its number is the ``record``) and the next line is read.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import date
from typing import Any, BinaryIO

from khronika.errors import BadRecord, EmptyInput, EncodingError, InputError, TooLarge
from khronika.ingest.streams import Limits
from khronika.model import RawDocument

_OPTIONAL_TEXT = ("url", "outlet", "title", "language")


def read_jsonl(
    source: str, stream: BinaryIO, *, limits: Limits
) -> Iterator[RawDocument | InputError]:
    max_bytes = limits.document
    number = 0
    seen_any = False
    while True:
        line = stream.readline(max_bytes + 1)
        if not line:
            break
        number += 1
        record = str(number)
        if len(line) > max_bytes and not line.endswith(b"\n"):
            _skip_rest_of_line(stream)
            yield TooLarge(f"line longer than {max_bytes:,} bytes", path=source, record=record)
            continue
        if number == 1 and line.startswith(b"\xef\xbb\xbf"):
            line = line[3:]
        if not line.strip():
            continue
        seen_any = True
        yield parse_line(line, source=source, record=record)
    if not seen_any:
        yield EmptyInput("no records in JSON Lines file", path=source)


def parse_line(line: bytes, *, source: str, record: str) -> RawDocument | InputError:
    try:
        decoded = line.decode("utf-8")
    except UnicodeDecodeError as exc:
        return EncodingError(
            f"invalid UTF-8 at byte {exc.start} of the line (JSON Lines must be UTF-8)",
            path=source,
            record=record,
        )
    try:
        value = json.loads(decoded)
    except ValueError as exc:
        return BadRecord(f"not JSON: {exc}", path=source, record=record)
    if not isinstance(value, dict):
        return BadRecord(
            f"expected a JSON object, got {type(value).__name__}", path=source, record=record
        )
    try:
        return _document(value, source=source, record=record)
    except ValueError as exc:
        return BadRecord(str(exc), path=source, record=record)


def _document(value: dict[str, Any], *, source: str, record: str) -> RawDocument:
    text = value.get("text")
    if not isinstance(text, str):
        raise ValueError(
            "missing field 'text'" if text is None else "field 'text' must be a string"
        )
    doc_id = value.get("id")
    if isinstance(doc_id, bool) or (doc_id is not None and not isinstance(doc_id, str | int)):
        raise ValueError("field 'id' must be a string")
    fields: dict[str, str | None] = {}
    for name in _OPTIONAL_TEXT:
        field = value.get(name)
        if field is not None and not isinstance(field, str):
            raise ValueError(f"field {name!r} must be a string or null")
        fields[name] = field or None
    return RawDocument(
        source=source,
        body=text,
        kind="text",
        record=record,
        id=str(doc_id) if doc_id not in (None, "") else None,
        url=fields["url"],
        outlet=fields["outlet"],
        title=fields["title"],
        published=_published(value.get("published")),
        language=fields["language"],
    )


def _published(value: object) -> date | None:
    if value is None or value == "":
        return None
    if not isinstance(value, str):
        raise ValueError("field 'published' must be YYYY-MM-DD or null")
    try:
        return date.fromisoformat(value[:10]) if len(value) >= 10 else date.fromisoformat(value)
    except ValueError:
        raise ValueError(f"field 'published' is not a date: {value[:40]!r}") from None


def _skip_rest_of_line(stream: BinaryIO) -> None:
    while True:
        chunk = stream.readline(1 << 20)
        if not chunk or chunk.endswith(b"\n"):
            return
