"""Feeds, Telegram exports and web archives, each written by the test as the tool would."""

from __future__ import annotations

import gzip
import io
import json
import zipfile
from datetime import date
from pathlib import Path

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from khronika.clean import clean_document
from khronika.errors import EmptyInput, InputError, TruncatedInput
from khronika.ingest import read_inputs
from khronika.model import RawDocument

RU_POST = "В Казани сотрудники военкомата вручили повестки рабочим прямо на рынке."
EN_ITEM = "Officers handed out draft summonses to market workers in Kazan, a local outlet reported."


def _read(path: Path) -> list[RawDocument | InputError]:
    return list(read_inputs([path]))


def test_ingest_rss_one_document_per_entry(tmp_path: Path) -> None:
    path = tmp_path / "feed.xml"
    path.write_text(
        """<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel><title>Local Outlet</title>
<item><title>Summonses at the market</title><link>https://example.org/1</link>
<guid>https://example.org/1</guid><pubDate>Tue, 10 Jun 2025 04:00:00 GMT</pubDate>
<description>&lt;p&gt;"""
        + EN_ITEM
        + """&lt;/p&gt;&lt;script&gt;steal()&lt;/script&gt;</description></item>
<item><title>Empty</title><link>https://example.org/2</link></item>
</channel></rss>""",
        encoding="utf-8",
    )
    items = _read(path)
    assert isinstance(items[0], RawDocument)
    assert isinstance(items[1], EmptyInput) and items[1].record == "https://example.org/2"
    doc = clean_document(items[0])
    assert doc.text == EN_ITEM
    assert (doc.outlet, doc.title, doc.url) == (
        "Local Outlet",
        "Summonses at the market",
        "https://example.org/1",
    )
    assert doc.published == date(2025, 6, 10)


def test_ingest_atom_feed(tmp_path: Path) -> None:
    path = tmp_path / "atom"
    path.write_text(
        f"""<feed xmlns="http://www.w3.org/2005/Atom"><title>Канал</title>
<entry><id>tag:x,1</id><title>Повестки</title><updated>2024-11-02T08:00:00Z</updated>
<content type="html">&lt;p&gt;{RU_POST}&lt;/p&gt;</content></entry></feed>""",
        encoding="utf-8",
    )
    (item,) = _read(path)
    assert isinstance(item, RawDocument)
    doc = clean_document(item)
    assert doc.text == RU_POST and doc.language == "ru" and doc.published == date(2024, 11, 2)


def test_ingest_telegram_result_json(tmp_path: Path) -> None:
    export = {
        "name": "Новости Приволжья",
        "type": "public_channel",
        "id": 1234,
        "messages": [
            {"id": 7, "type": "service", "date": "2024-01-01T00:00:00", "text": ""},
            {
                "id": 8,
                "type": "message",
                "date": "2024-01-05T12:30:00",
                "forwarded_from": "Правозащитный канал",
                "text": ["ignored when entities exist"],
                "text_entities": [
                    {"type": "plain", "text": "В Казани сотрудники военкомата "},
                    {"type": "bold", "text": "вручили повестки"},
                    {"type": "plain", "text": " рабочим прямо на рынке."},
                ],
            },
            {
                "id": 9,
                "type": "message",
                "date": "2024-01-06T09:00:00",
                "photo": "p.jpg",
                "text": "",
            },
            {"id": 10, "type": "message", "date": "2024-01-07T09:00:00", "text": EN_ITEM},
        ],
    }
    path = tmp_path / "result.json"
    path.write_text(json.dumps(export, ensure_ascii=False, indent=1), encoding="utf-8")
    items = _read(path)
    assert [i.record for i in items] == ["8", "10"]
    first = clean_document(items[0])  # type: ignore[arg-type]
    assert first.text == RU_POST
    assert first.outlet == "Новости Приволжья"
    assert first.title == "Forwarded from Правозащитный канал"
    assert first.published == date(2024, 1, 5)
    assert first.id == "telegram:1234:8"


def test_ingest_telegram_messages_html(tmp_path: Path) -> None:
    page = f"""<!DOCTYPE html><html><head><meta charset="utf-8"><title>Exported Data</title></head>
<body><div class="page_wrap"><div class="page_header"><div class="content">
<div class="text bold">Новости Приволжья</div></div></div>
<div class="page_body chat_page"><div class="history">
<div class="message service" id="message-1"><div class="body details">5 January 2024</div></div>
<div class="message default clearfix" id="message8"><div class="body">
<div class="pull_right date details" title="05.01.2024 12:30:00 UTC+03:00">12:30</div>
<div class="from_name">Новости Приволжья</div>
<div class="forwarded body"><div class="from_name">Правозащитный канал<span class="details">
 05.01.2024</span></div>
<div class="text">{RU_POST}</div></div></div></div>
</div></div></div></body></html>"""
    path = tmp_path / "messages.html"
    path.write_text(page, encoding="utf-8")
    (item,) = _read(path)
    assert isinstance(item, RawDocument) and item.record == "8"
    doc = clean_document(item)
    assert doc.text == RU_POST
    assert doc.outlet == "Новости Приволжья"
    assert doc.title == "Forwarded from Правозащитный канал"
    assert doc.published == date(2024, 1, 5)


def _warc(records: list[tuple[str, str, bytes]], *, gz: bool) -> bytes:
    out = io.BytesIO()
    writer = WARCWriter(out, gzip=gz)
    for uri, content_type, body in records:
        headers = StatusAndHeaders("200 OK", [("Content-Type", content_type)], protocol="HTTP/1.1")
        record = writer.create_warc_record(
            uri,
            "response",
            payload=io.BytesIO(body),
            length=len(body),  # a known length keeps warcio from spooling to a temp file
            http_headers=headers,
            warc_headers_dict={"WARC-Date": "2024-02-03T10:00:00Z"},
        )
        writer.write_record(record)
    return out.getvalue()


PAGE = (
    "<html><head><title>Summonses</title></head>"
    f"<body><article><p>{EN_ITEM}</p></article></body></html>"
)


def test_ingest_warc_gz_html_responses_only(tmp_path: Path) -> None:
    path = tmp_path / "crawl.warc.gz"
    path.write_bytes(
        _warc(
            [
                ("https://example.org/a", "text/html; charset=utf-8", PAGE.encode()),
                ("https://example.org/logo.png", "image/png", b"\x89PNG...."),
            ],
            gz=True,
        )
    )
    (item,) = _read(path)
    assert isinstance(item, RawDocument)
    assert item.url == "https://example.org/a"
    doc = clean_document(item)
    assert doc.text == EN_ITEM and doc.published == date(2024, 2, 3)


def test_ingest_plain_warc_and_wacz(tmp_path: Path) -> None:
    warc = _warc([("https://example.org/b", "text/html", PAGE.encode())], gz=False)
    (tmp_path / "one.warc").write_bytes(warc)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("datapackage.json", "{}")
        archive.writestr("pages/pages.jsonl", '{"format": "json-pages-1.0"}\n')
        archive.writestr(
            "archive/data.warc.gz",
            _warc([("https://example.org/c", "text/html", PAGE.encode())], gz=True),
        )
    (tmp_path / "two.wacz").write_bytes(buffer.getvalue())
    urls = [i.url for i in read_inputs([tmp_path]) if isinstance(i, RawDocument)]
    assert urls == ["https://example.org/b", "https://example.org/c"]


def test_ingest_truncated_warc_gz(tmp_path: Path) -> None:
    data = _warc([("https://example.org/a", "text/html", PAGE.encode() * 50)] * 3, gz=True)
    path = tmp_path / "cut.warc.gz"
    path.write_bytes(data[: len(data) - 200])
    items = _read(path)
    assert any(isinstance(i, TruncatedInput) for i in items)
    assert str(path) in str(items[-1])


def test_ingest_truncated_gzip_of_text(tmp_path: Path) -> None:
    path = tmp_path / "notes.txt.gz"
    path.write_bytes(gzip.compress(RU_POST.encode() * 200)[:-30])
    (item,) = _read(path)
    assert isinstance(item, TruncatedInput)
