"""Which reader a file needs, decided from its first bytes; the name is only a tie-breaker.

Files are misnamed all the time (``.html`` that is a gzip, ``.txt`` that is a saved page,
``export.json`` that is JSON Lines), so magic numbers and markup decide first.
"""

from __future__ import annotations

import codecs
import json
import re
from typing import Literal

Format = Literal[
    "empty",
    "gzip",
    "bzip2",
    "zip",
    "tar",
    "warc",
    "jsonl",
    "json",
    "telegram-json",
    "telegram-html",
    "feed",
    "html",
    "text",
    "binary",
]

HEAD = 1 << 16  # bytes read to sniff
_MAGIC: tuple[tuple[bytes, Format], ...] = (
    (b"\x1f\x8b", "gzip"),
    (b"BZh", "bzip2"),
    (b"PK\x03\x04", "zip"),
    (b"PK\x05\x06", "zip"),  # an empty zip archive
    (b"WARC/", "warc"),
)
# Formats we do not read: named, so the error says what the file is.
BINARY_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"%PDF", "PDF document"),
    (b"\x89PNG", "PNG image"),
    (b"\xff\xd8\xff", "JPEG image"),
    (b"GIF8", "GIF image"),
    (b"\x7fELF", "executable"),
    (b"MZ", "Windows executable"),
    (b"\xfd7zXZ", "xz archive"),
    (b"7z\xbc\xaf", "7-zip archive"),
    (b"Rar!", "RAR archive"),
    (b"(\xb5/\xfd", "zstd archive"),
    (b"SQLite format 3", "SQLite database"),
)
_HTML_STRONG = re.compile(r"<(?:!doctype\s+html|html|head|body|meta|title)\b", re.IGNORECASE)
_HTML_ANY = re.compile(r"</?[a-z][a-z0-9]{0,10}\b[^<>]{0,500}>", re.IGNORECASE)
_FEED = re.compile(r"<(?:rss|feed|rdf:RDF)\b", re.IGNORECASE)
_TELEGRAM_HTML = re.compile(r'class="(?:page_wrap|history)"[\s\S]*class="message', re.IGNORECASE)
_TEXT_CONTROLS = "\t\n\r\f\v\x1b\x00"  # NULs alone do not make text binary; cleaning drops them
# The bytes that count as binary: C0 controls other than the above, and DEL. Counting them on
# the bytes (``bytes.translate`` deletes in C) equals counting the Latin-1 characters.
_BINARY_BYTES = bytes(b for b in [*range(0x20), 0x7F] if chr(b) not in _TEXT_CONTROLS)
_ZERO_OR_FOUR = bytes(b for b in range(256) if b not in (0, 4))
_TELEGRAM_JSON = re.compile(r'"(?:messages|chats)"\s*:\s*[\[{]')


def binary_kind(head: bytes) -> str | None:
    for magic, what in BINARY_MAGIC:
        if head.startswith(magic):
            return what
    return None


def sniff(head: bytes, name: str) -> Format:
    """The format of a file whose first bytes are ``head`` and whose name is ``name``."""
    lower = name.lower()
    if not head:
        return "empty"
    for magic, fmt in _MAGIC:
        if head.startswith(magic):
            return fmt
    if len(head) > 262 and head[257:262] == b"ustar":
        return "tar"
    if binary_kind(head) is not None:
        return "binary"
    text = _head_text(head)
    if text is None:
        return "binary"
    stripped = text.lstrip()
    if not stripped:
        return "empty"
    if stripped.startswith(("{", "[")):
        return _sniff_json(stripped, lower)
    if lower.endswith((".jsonl", ".ndjson")):
        return "jsonl"
    probe = stripped[:4096]
    if _FEED.search(probe) and not re.search(r"<html\b", probe, re.IGNORECASE):
        return "feed"
    if _HTML_STRONG.search(probe) or (
        lower.endswith((".html", ".htm", ".xhtml")) and _HTML_ANY.search(probe)
    ):
        if _TELEGRAM_HTML.search(text):
            return "telegram-html"
        return "html"
    return "text"


def _sniff_json(text: str, name: str) -> Format:
    first = text.split("\n", 1)[0].strip()
    try:
        value = json.loads(first)
    except ValueError:
        value = None
    if isinstance(value, dict) and ("\n" in text.strip() or name.endswith((".jsonl", ".ndjson"))):
        return "jsonl"
    if _TELEGRAM_JSON.search(text[:HEAD]):
        return "telegram-json"
    if name.endswith((".jsonl", ".ndjson")) or isinstance(value, dict):
        return "jsonl"
    return "json"


def _head_text(head: bytes) -> str | None:
    """The head as text for sniffing, or None when it is plainly binary."""
    for bom, codec in (
        (codecs.BOM_UTF8, "utf-8"),
        (codecs.BOM_UTF16_LE, "utf-16-le"),
        (codecs.BOM_UTF16_BE, "utf-16-be"),
    ):
        if head.startswith(bom):
            return head[len(bom) :].decode(codec, errors="replace")
    utf16 = _looks_utf16(head)
    if utf16 is not None:
        return head.decode(utf16, errors="replace")
    # Latin-1 maps every byte to one character: markup stays visible whatever the charset.
    # Only C0 controls count as binary: 0x80-0x9F are letters' bytes in UTF-8 and cp1251.
    text = head.decode("latin-1")
    control = len(head) - len(head.translate(None, _BINARY_BYTES))
    if control / len(head) > 0.02 or head.count(0) / len(head) > 0.3:
        return None
    return text


def _looks_utf16(head: bytes) -> str | None:
    """UTF-16 without a byte-order mark: NULs on one side of nearly every ASCII pair."""
    sample = head[:4096]
    pairs = len(sample) // 2
    if pairs < 4:
        return None
    # The high byte of Latin and Cyrillic code units is 0x00 or 0x04.
    even = len(sample[0 : pairs * 2 : 2].translate(None, _ZERO_OR_FOUR))
    odd = len(sample[1 : pairs * 2 : 2].translate(None, _ZERO_OR_FOUR))
    if odd > 0.7 * pairs and even < 0.1 * pairs:
        return "utf-16-le"
    if even > 0.7 * pairs and odd < 0.1 * pairs:
        return "utf-16-be"
    return None
