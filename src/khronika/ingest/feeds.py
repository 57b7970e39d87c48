"""RSS and Atom feeds (feedparser): one document per entry.

The entry's full content is preferred to its summary; both are HTML fragments, so the
document is of kind ``html`` and goes through the same cleaning as a page.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from typing import Any

import feedparser

from khronika.errors import BadRecord, EmptyInput, InputError
from khronika.model import RawDocument


def read_feed(source: str, data: bytes) -> Iterator[RawDocument | InputError]:
    # feedparser is given bytes, never a path or URL: it would otherwise fetch over the network.
    parsed: Any = feedparser.parse(data)
    entries = list(parsed.get("entries") or [])
    if not entries:
        if parsed.get("bozo"):
            reason = parsed.get("bozo_exception")
            yield BadRecord(f"not a readable RSS/Atom feed: {reason}", path=source)
        else:
            yield EmptyInput("feed has no entries", path=source)
        return
    outlet = _text(parsed.get("feed", {}).get("title"))
    for index, entry in enumerate(entries, start=1):
        record = _text(entry.get("id")) or _text(entry.get("link")) or str(index)
        body = _body(entry)
        if not body:
            yield EmptyInput("entry has no content or summary", path=source, record=record)
            continue
        yield RawDocument(
            source=source,
            body=body.encode("utf-8"),
            kind="html",
            record=record,
            url=_text(entry.get("link")),
            outlet=outlet,
            title=_text(entry.get("title")),
            published=_date(entry.get("published_parsed") or entry.get("updated_parsed")),
            language=_text(entry.get("language")),
        )


def _body(entry: Any) -> str:
    for content in entry.get("content") or []:
        value = _text(content.get("value"))
        if value:
            # A declared charset in the fragment is the feed's, already applied by feedparser.
            return f'<html><head><meta charset="utf-8"></head><body>{value}</body></html>'
    summary = _text(entry.get("summary"))
    if summary:
        return f'<html><head><meta charset="utf-8"></head><body>{summary}</body></html>'
    return ""


def _date(value: Any) -> date | None:
    try:
        return date(value.tm_year, value.tm_mon, value.tm_mday)
    except (AttributeError, TypeError, ValueError):
        return None


def _text(value: object) -> str | None:
    return value.strip() or None if isinstance(value, str) else None
