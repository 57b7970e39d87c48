"""What a message's header says about what it tells: when, and from whom.

A Telegram post or a live-blog entry ("18 июн 2025 · 08:52", "12 мар в 09:47", "Posted 19
April, 16:02", or a t.me address) reports what is happening as it is written: an event it
tells without a date of its own happened on the day it was posted. Pages without such a
stamp keep an undated event unknown, and so do posts without a publication date. A message
forwarded from a channel credits that channel for what it tells without a credit of its own.
"""

from __future__ import annotations

import re

from khronika.model import DateRange, Document

# a date and a clock time on one line near the top: the message header
_STAMP = re.compile(
    r"^[^\n]{0,60}\b\d{1,2}\s+[A-Za-zА-Яа-яё]{3,9}\.?(?:\s+\d{4})?,?\s*(?:в|at|·)?\s*"
    r"\d{1,2}:\d{2}\b",
    re.M,
)
_HEAD_CHARS = 300


def post_date(doc: Document) -> DateRange | None:
    """The day a message was posted, when the document is a dated message."""
    if doc.published is None:
        return None
    url = (doc.url or "").lower()
    telegram = doc.id.startswith("telegram:") or "//t.me/" in url or url.startswith("t.me/")
    if telegram or _STAMP.search(doc.text[:_HEAD_CHARS]):
        return DateRange(doc.published, doc.published, "day")
    return None


_FORWARDED = re.compile(r"^\s*(?:Forwarded from|Переслано от|Пересланное сообщение от)\s+(.+?)\s*$")


def forwarded_from(doc: Document) -> tuple[str, ...]:
    """The channel a forwarded Telegram message came from, which the ingest keeps as its
    title ("Forwarded from Медиазона"): the source of what the message tells."""
    m = _FORWARDED.match(doc.title or "")
    return (m.group(1),) if m else ()
