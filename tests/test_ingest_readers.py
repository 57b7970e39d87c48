"""Readers on real files written to tmp_path: every input becomes documents or InputErrors."""

from __future__ import annotations

import gzip
import io
import json
import tarfile
import tracemalloc
import zipfile
from pathlib import Path

import pytest

from khronika.clean import clean_document
from khronika.errors import (
    BadRecord,
    EmptyInput,
    EncodingError,
    InputError,
    NotHTML,
    TooLarge,
    TruncatedInput,
)
from khronika.ingest import read_inputs
from khronika.model import Document, RawDocument

RU = (
    "Во вторник полицейские задержали на стройке в Подмосковье около сорока рабочих из "
    "Средней Азии. Часть из них, по данным правозащитников, отвезли в военкомат."
)
EN = (
    "Police detained around forty construction workers from Central Asia on Tuesday. "
    "Some of them were taken to an enlistment office, rights advocates said."
)
PAGE = (
    "<!doctype html><html><head><meta charset='utf-8'><title>Raid on a building site</title>"
    "<script>var tracker = 'x';</script><style>p {color: red}</style></head><body>"
    "<nav><a href='/'>Home</a> <a href='/news'>News</a></nav>"
    f"<article><h1>Raid on a building site</h1><p>{EN}</p><p>{EN}</p></article>"
    "<footer>Copyright 2024 Example Outlet</footer></body></html>"
)


def _read(*paths: Path, max_bytes: int = 256 * 2**20) -> list[RawDocument | InputError]:
    return list(read_inputs(list(paths), max_bytes=max_bytes))


def _record(**fields: object) -> bytes:
    base: dict[str, object] = {
        "id": "x",
        "url": None,
        "outlet": "Example",
        "title": None,
        "published": "2024-03-05",
        "language": "en",
        "text": EN,
    }
    base.update(fields)
    return json.dumps(base, ensure_ascii=False).encode("utf-8") + b"\n"


def test_ingest_jsonl_bad_lines_do_not_lose_good_ones(tmp_path: Path) -> None:
    path = tmp_path / "docs.jsonl"
    path.write_bytes(
        _record(id="a")
        + b'{"id": "b", "text": "\xff\xfe broken"}\n'
        + b"this is not JSON\n"
        + b"\n"
        + b'["a list"]\n'
        + _record(id="c", text=None)
        + _record(id="d", published="5 March")
        + _record(id="e", text=RU, language="ru", published=None)
    )
    items = _read(path)
    kinds = [(type(i).__name__, i.record) for i in items]
    assert kinds == [
        ("RawDocument", "1"),
        ("EncodingError", "2"),
        ("BadRecord", "3"),
        ("BadRecord", "5"),
        ("BadRecord", "6"),
        ("BadRecord", "7"),
        ("RawDocument", "8"),
    ]
    last = items[-1]
    assert isinstance(last, RawDocument)
    assert last.id == "e" and last.published is None and last.body == RU
    first = items[0]
    assert isinstance(first, RawDocument)
    assert first.published is not None and first.published.isoformat() == "2024-03-05"
    errors = [i for i in items if isinstance(i, InputError)]
    assert all(str(path) in str(e) for e in errors)


def test_ingest_jsonl_recognised_by_content_not_name(tmp_path: Path) -> None:
    path = tmp_path / "export.txt"
    path.write_bytes(_record(id="a") + _record(id="b"))
    items = _read(path)
    assert [i.id for i in items if isinstance(i, RawDocument)] == ["a", "b"]


def test_ingest_jsonl_line_over_the_limit(tmp_path: Path) -> None:
    path = tmp_path / "docs.jsonl"
    path.write_bytes(_record(id="big", text="x" * 5000) + _record(id="small"))
    items = _read(path, max_bytes=2000)
    assert isinstance(items[0], TooLarge) and items[0].record == "1"
    assert isinstance(items[1], RawDocument) and items[1].id == "small"


@pytest.mark.parametrize(
    ("name", "content", "error"),
    [
        ("empty.html", b"", EmptyInput),
        ("blank.txt", b"  \n\t\n", EmptyInput),
        ("junk.html", bytes(range(256)) * 20, NotHTML),
        ("junk.txt", bytes(range(256)) * 20, EncodingError),
        ("scan.html", b"%PDF-1.7\n" + bytes(range(256)) * 4, NotHTML),
        ("cut.html.gz", gzip.compress(PAGE.encode() * 20)[:300], TruncatedInput),
        ("plain.json", b'["not", "a", "corpus"]', BadRecord),
    ],
)
def test_ingest_bad_file_gives_one_named_error(
    tmp_path: Path, name: str, content: bytes, error: type[InputError]
) -> None:
    path = tmp_path / name
    path.write_bytes(content)
    items = _read(path)
    assert len(items) == 1
    assert isinstance(items[0], error)
    assert str(path) in str(items[0])


def test_ingest_folder_is_walked_in_sorted_order(tmp_path: Path) -> None:
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "2.txt").write_text(EN, encoding="utf-8")
    (tmp_path / "a.txt").write_text(RU, encoding="utf-8")
    (tmp_path / "c.html").write_text(PAGE, encoding="utf-8")
    (tmp_path / ".hidden.txt").write_text("skip me", encoding="utf-8")
    sources = [i.source for i in _read(tmp_path) if isinstance(i, RawDocument)]
    assert sources == [
        str(tmp_path / "a.txt"),
        str(tmp_path / "c.html"),
        str(tmp_path / "b" / "2.txt"),
    ]
    assert _read(tmp_path) == _read(tmp_path)


def test_ingest_missing_path_is_an_error_not_an_exception(tmp_path: Path) -> None:
    items = _read(tmp_path / "nowhere.html", tmp_path)
    assert isinstance(items[0], InputError)
    assert "nowhere.html" in str(items[0])


def test_ingest_saved_page_named_txt_is_read_as_html(tmp_path: Path) -> None:
    path = tmp_path / "saved.txt"
    path.write_text(PAGE, encoding="utf-8")
    (item,) = _read(path)
    assert isinstance(item, RawDocument) and item.kind == "html"


def test_ingest_zip_and_tar_gz_members(tmp_path: Path) -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("pages/one.html", PAGE)
        archive.writestr("pages/two.txt", RU.encode("cp1251"))
    (tmp_path / "pages.zip").write_bytes(buffer.getvalue())
    with tarfile.open(tmp_path / "pages.tar.gz", "w:gz") as archive:
        data = RU.encode("koi8_r")
        info = tarfile.TarInfo("two.txt")
        info.size = len(data)
        archive.addfile(info, io.BytesIO(data))
    items = _read(tmp_path / "pages.zip", tmp_path / "pages.tar.gz")
    assert [i.source for i in items] == [
        f"{tmp_path / 'pages.zip'}!pages/one.html",
        f"{tmp_path / 'pages.zip'}!pages/two.txt",
        f"{tmp_path / 'pages.tar.gz'}!two.txt",
    ]
    docs = [clean_document(i) for i in items if isinstance(i, RawDocument)]
    assert [d.language for d in docs] == ["en", "ru", "ru"]
    assert docs[1].text == RU == docs[2].text


def test_ingest_zip_bomb_stops_at_the_limit(tmp_path: Path) -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("a.html", PAGE)
        archive.writestr("b-bomb.txt", b"ha " * (8 * 2**20))
    path = tmp_path / "bomb.zip"
    path.write_bytes(buffer.getvalue())
    assert path.stat().st_size < 100_000
    items = _read(path, max_bytes=2**20)
    assert isinstance(items[0], RawDocument)
    assert isinstance(items[-1], TooLarge) and "b-bomb.txt" in str(items[-1])


def test_ingest_gzip_bomb_is_too_large(tmp_path: Path) -> None:
    path = tmp_path / "page.html.gz"
    path.write_bytes(gzip.compress(b"<p>" + b" " * (10 * 2**20)))
    (item,) = _read(path, max_bytes=2**20)
    assert isinstance(item, TooLarge)


def test_ingest_single_file_over_the_limit(tmp_path: Path) -> None:
    path = tmp_path / "big.html"
    path.write_text(PAGE * 100, encoding="utf-8")
    (item,) = _read(path, max_bytes=10_000)
    assert isinstance(item, TooLarge)


def test_clean_html_page_keeps_article_drops_boilerplate(tmp_path: Path) -> None:
    path = tmp_path / "page.html"
    path.write_text(PAGE, encoding="utf-8")
    (raw,) = _read(path)
    assert isinstance(raw, RawDocument)
    doc = clean_document(raw)
    assert EN in doc.text
    assert "tracker" not in doc.text and "color: red" not in doc.text
    assert "Copyright" not in doc.text
    assert doc.title == "Raid on a building site"
    assert doc.language == "en"
    assert doc.id.startswith("sha256:") and len(doc.id) == len("sha256:") + 16


def test_clean_documents_from_all_readers_are_documents(tmp_path: Path) -> None:
    (tmp_path / "a.jsonl").write_bytes(_record(id="r1", text=RU, language="ru"))
    (tmp_path / "b.html").write_bytes(PAGE.encode("utf-16"))
    (tmp_path / "c.txt").write_bytes(EN.encode("utf-8"))
    docs = [clean_document(i) for i in _read(tmp_path) if isinstance(i, RawDocument)]
    assert all(isinstance(d, Document) for d in docs)
    assert docs[0].id == "r1"
    assert docs[1].encoding == "utf-16-le" and EN in docs[1].text


def test_ingest_large_jsonl_streams_in_bounded_memory(tmp_path: Path) -> None:
    path = tmp_path / "big.jsonl"
    line = _record(text=EN * 100)  # ~15 KB a line
    count = (40 * 2**20) // len(line)
    with path.open("wb") as out:
        for _ in range(count):
            out.write(line)
    tracemalloc.start()
    try:
        seen = sum(1 for item in read_inputs([path]) if isinstance(item, RawDocument))
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert seen == count
    assert peak < 4 * 2**20  # a 40 MiB file never held at once
