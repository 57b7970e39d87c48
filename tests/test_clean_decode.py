"""Decoding bytes in the encodings Russian and English news really come in."""

from __future__ import annotations

import codecs

import pytest

from khronika.clean import clean_document
from khronika.clean.decode import NotText, declared_charset, decode_bytes
from khronika.errors import EncodingError, NotHTML
from khronika.model import RawDocument

RU = (
    "В пятницу сотрудники полиции и Росгвардии провели проверку в общежитии на окраине города. "
    "По словам очевидцев, задержали около тридцати человек, которых увезли в отдел."
)
RU_SHORT = "Облаву провели ночью"
EN = "Officers detained about thirty workers at a hostel on Friday, witnesses said."


@pytest.mark.parametrize(
    ("text", "codec", "expected"),
    [
        (RU, "cp1251", "cp1251"),
        (RU, "koi8_r", "koi8_r"),
        (RU, "utf-8", "utf-8"),
        (RU_SHORT, "koi8_r", "koi8_r"),
        (RU_SHORT, "cp1251", "cp1251"),
        (EN, "ascii", "utf-8"),
    ],
    ids=["ru-cp1251", "ru-koi8", "ru-utf8", "short-koi8", "short-cp1251", "en-ascii"],
)
def test_decode_undeclared_encodings(text: str, codec: str, expected: str) -> None:
    decoded = decode_bytes(text.encode(codec))
    assert decoded.text == text
    assert decoded.encoding == codecs.lookup(expected).name


@pytest.mark.parametrize(
    ("bom", "codec"),
    [
        (codecs.BOM_UTF8, "utf-8"),
        (codecs.BOM_UTF16_LE, "utf-16-le"),
        (codecs.BOM_UTF16_BE, "utf-16-be"),
    ],
)
def test_decode_byte_order_mark_wins(bom: bytes, codec: str) -> None:
    decoded = decode_bytes(bom + RU.encode(codec))
    assert decoded.text == RU
    assert decoded.encoding == codec


def test_decode_declared_charset_in_meta() -> None:
    page = f'<html><head><meta charset="windows-1251"></head><body><p>{RU}</p></body></html>'
    decoded = decode_bytes(page.encode("cp1251"))
    assert RU in decoded.text
    assert decoded.encoding == "cp1251"


def test_decode_false_declaration_of_single_byte_charset_is_overruled() -> None:
    page = f'<html><head><meta charset="koi8-r"></head><body><p>{RU}</p></body></html>'
    decoded = decode_bytes(page.encode("utf-8"))
    assert RU in decoded.text
    assert decoded.encoding.startswith("utf-8 (declared koi8-r overruled")


@pytest.mark.parametrize(
    ("head", "expected"),
    [
        (b'<meta http-equiv="Content-Type" content="text/html; charset=KOI8-R">', "koi8-r"),
        (b"<?xml version='1.0' encoding='Windows-1251'?>", "cp1251"),
        (b'<meta charset="no-such-codec">', None),
        (b"<p>no declaration</p>", None),
    ],
)
def test_decode_declared_charset(head: bytes, expected: str | None) -> None:
    assert declared_charset(head) == expected


def test_decode_binary_is_refused() -> None:
    junk = bytes(range(256)) * 8
    with pytest.raises(NotText):
        decode_bytes(junk)


@pytest.mark.parametrize(("kind", "error"), [("html", NotHTML), ("text", EncodingError)])
def test_clean_binary_bytes_name_the_file(kind: str, error: type[Exception]) -> None:
    raw = RawDocument(source="pages/x.bin", body=bytes(range(32)) * 40, kind=kind)  # type: ignore[arg-type]
    with pytest.raises(error) as caught:
        clean_document(raw)
    assert "pages/x.bin" in str(caught.value)


def test_clean_records_the_encoding_decision() -> None:
    doc = clean_document(RawDocument(source="a.txt", body=RU.encode("koi8_r"), kind="text"))
    assert doc.encoding == "koi8-r"
    assert doc.text == RU
    assert doc.language == "ru"


@pytest.mark.parametrize("codec", ["cp1251", "koi8_r", "utf-16", "utf-8-sig"])
def test_clean_undeclared_russian_page(codec: str) -> None:
    page = f"<html><head><title>Проверка</title></head><body><article><p>{RU}</p></article></body>"
    doc = clean_document(RawDocument(source="p.html", body=page.encode(codec), kind="html"))
    assert doc.text == RU
    assert doc.title == "Проверка"
    assert doc.language == "ru"
