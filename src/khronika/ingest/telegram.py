"""Telegram Desktop exports: ``result.json`` and ``messages*.html``, one document a message.

The channel's name becomes the outlet. Telegram keeps who a repost came from
(``forwarded_from``); the data model has no field for it, so it is kept as the title
(``Forwarded from X``), where a reviewer sees it and attribution can read it. Messages
without text (a photo with no caption, service messages) are not documents and are skipped.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from datetime import date
from typing import Any

import lxml.html
from lxml import etree

from khronika.errors import BadRecord, EmptyInput, EncodingError, InputError
from khronika.model import RawDocument

_HTML_DATE = re.compile(r"(\d{2})\.(\d{2})\.(\d{4})")


def read_telegram_json(source: str, data: bytes) -> Iterator[RawDocument | InputError]:
    try:
        export = json.loads(data.decode("utf-8-sig"))
    except UnicodeDecodeError as exc:
        yield EncodingError(f"Telegram export is not UTF-8: {exc.reason}", path=source)
        return
    except ValueError as exc:
        yield BadRecord(f"Telegram export is not valid JSON: {exc}", path=source)
        return
    except RecursionError:
        yield BadRecord("Telegram export nested too deep to read", path=source)
        return
    chats = _chats(export)
    if chats is None:
        yield BadRecord("JSON with no Telegram 'messages' list", path=source)
        return
    found = False
    for chat in chats:
        for item in _read_chat(source, chat):
            found = True
            yield item
    if not found:
        yield EmptyInput("Telegram export holds no text messages", path=source)


def _chats(export: object) -> list[dict[str, Any]] | None:
    if not isinstance(export, dict):
        return None
    if isinstance(export.get("messages"), list):
        return [export]
    listed = export.get("chats")
    if isinstance(listed, dict) and isinstance(listed.get("list"), list):
        return [c for c in listed["list"] if isinstance(c, dict)]
    return None


def _read_chat(source: str, chat: dict[str, Any]) -> Iterator[RawDocument | InputError]:
    outlet = chat.get("name") if isinstance(chat.get("name"), str) else None
    chat_id = chat.get("id") if isinstance(chat.get("id"), (int, str)) else None
    messages = chat.get("messages") or []
    if not isinstance(messages, list):
        yield BadRecord("Telegram 'messages' is not a list", path=source)
        return
    for message in messages:
        if not isinstance(message, dict) or message.get("type", "message") != "message":
            continue
        ident = message.get("id")
        record = str(ident) if isinstance(ident, (int, str)) and not isinstance(ident, bool) else ""
        text = _message_text(message)
        if text is None:
            yield BadRecord("message text has an unexpected shape", path=source,
                            record=record or None)
            continue
        if not text.strip():
            continue
        forwarded = message.get("forwarded_from")
        yield RawDocument(
            source=source,
            body=text,
            kind="text",
            record=record or None,
            id=f"telegram:{chat_id}:{record}" if chat_id is not None and record else None,
            outlet=outlet,
            title=f"Forwarded from {forwarded}" if isinstance(forwarded, str) else None,
            published=_iso_date(message.get("date")),
        )


def _message_text(message: dict[str, Any]) -> str | None:
    """The message's text; None when its pieces have a shape no export writes."""
    entities = message.get("text_entities")
    if isinstance(entities, list) and entities:
        return _pieces(entities)
    text = message.get("text", "")
    if isinstance(text, str):
        return text
    # Older exports: a list of strings and {"type": ..., "text": ...} pieces.
    return _pieces(text) if isinstance(text, list) else None


def _pieces(pieces: list[object]) -> str | None:
    out: list[str] = []
    for piece in pieces:
        if isinstance(piece, dict):
            piece = piece.get("text", "")
        if not isinstance(piece, str):
            return None
        out.append(piece)
    return "".join(out)


def _iso_date(value: object) -> date | None:
    if not isinstance(value, str):
        return None
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        return None


def read_telegram_html(source: str, data: bytes) -> Iterator[RawDocument | InputError]:
    try:
        tree = lxml.html.document_fromstring(data)
    except (ValueError, etree.LxmlError) as exc:
        yield BadRecord(f"Telegram HTML export cannot be parsed: {exc}", path=source)
        return
    outlet = _first_text(tree.xpath('//div[@class="page_header"]//div[contains(@class, "text")]'))
    found = False
    for node in tree.xpath('//div[contains(@class, "message") and contains(@class, "default")]'):
        record = (node.get("id") or "").removeprefix("message")
        text_nodes = node.xpath('.//div[@class="text"]')
        if not text_nodes:
            continue
        for br in text_nodes[0].iter("br"):
            br.tail = "\n" + (br.tail or "")
        text = text_nodes[0].text_content().strip()
        if not text:
            continue
        found = True
        forwarded = node.xpath('.//div[contains(@class, "forwarded")]/div[@class="from_name"]')
        forwarded_name = _own_text(forwarded[0]) if forwarded else None
        dates = node.xpath('.//div[contains(@class, "date")]/@title')
        yield RawDocument(
            source=source,
            body=text,
            kind="text",
            record=record or None,
            outlet=outlet,
            title=f"Forwarded from {forwarded_name}" if forwarded_name else None,
            published=_html_date(dates[0]) if dates else None,
        )
    if not found:
        yield EmptyInput("Telegram HTML export holds no text messages", path=source)


def _first_text(nodes: list[Any]) -> str | None:
    for node in nodes:
        text = " ".join(node.text_content().split())
        if text:
            return text
    return None


def _own_text(node: Any) -> str | None:
    # The forwarded-from block holds the name, then a date span we do not want.
    text = " ".join((node.text or "").split())
    return text or None


def _html_date(value: str) -> date | None:
    match = _HTML_DATE.search(value)
    if match is None:
        return None
    day, month, year = (int(g) for g in match.groups())
    try:
        return date(year, month, day)
    except ValueError:
        return None
