"""Cleaning: language, hostile markup, whitespace, ids; and properties over any bytes."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from khronika.clean import clean_document, document_id, normalise_text
from khronika.clean.language import UnknownLanguage, detect_language
from khronika.errors import EmptyInput, HostileMarkup, InputError, UnsupportedLanguage
from khronika.ingest import read_inputs
from khronika.model import Document, RawDocument

# Our own sentences: short ones are where language models stumble.
LANGUAGE_CASES = [
    ("Полиция задержала мигрантов в Москве", "ru"),
    ("Облава на рынке", "ru"),
    ("В общежитии прошли проверки документов, несколько человек увезли в отдел.", "ru"),
    ("Police raid a market", "en"),
    ("Dozens of workers were detained at a warehouse, according to a rights group.", "en"),
    ("Мигрантов из Таджикистана and Uzbekistan задержали в Люберцах", "ru"),
]
OTHER_LANGUAGE_CASES = [
    "Поліція затримала мігрантів у Києві під час рейду на ринку і вокзалі",
    "Полицията задържа мигранти на пазара в събота, съобщиха от МВР на България.",
    "Die Polizei hat am Dienstag auf dem Markt viele Arbeiter festgenommen.",
    "La police a arrêté des dizaines de travailleurs sur un chantier mardi.",
    "Полиция Алматыда көшіп-қонушыларды ұстады және оларды бөлімге әкетті.",
]


@pytest.mark.parametrize(("text", "expected"), LANGUAGE_CASES)
def test_clean_language_ru_en(text: str, expected: str) -> None:
    assert detect_language(text) == expected


@pytest.mark.parametrize("text", OTHER_LANGUAGE_CASES)
def test_clean_language_other_is_refused(text: str) -> None:
    with pytest.raises(UnknownLanguage):
        detect_language(text)


def test_clean_unsupported_language_names_the_record() -> None:
    raw = RawDocument(source="feed.jsonl", body=OTHER_LANGUAGE_CASES[2], kind="text", record="4")
    with pytest.raises(UnsupportedLanguage) as caught:
        clean_document(raw)
    assert str(caught.value).startswith("feed.jsonl#4: [K107]")


def test_clean_script_style_and_handlers_never_reach_the_text() -> None:
    page = (
        "<html><head><style>.x{}</style><script>document.write('evil')</script></head>"
        "<body onload=\"alert('handler')\"><article>"
        "<p onclick=\"alert('click')\">Police searched a hostel and detained twelve men.</p>"
        "<p>The page shows code: &lt;script&gt;alert(1)&lt;/script&gt; and "
        "&lt;SCRIPT src=x&gt; as text.</p>"
        "<noscript>enable javascript</noscript></article></body></html>"
    )
    doc = clean_document(RawDocument(source="p.html", body=page.encode(), kind="html"))
    assert "detained twelve men" in doc.text
    for banned in ("<script", "<SCRIPT", "evil", "alert('handler')", "alert('click')", ".x{}"):
        assert banned not in doc.text


def test_clean_nesting_past_the_parser_limit_is_hostile(tmp_path: Path) -> None:
    path = tmp_path / "deep.html"
    path.write_text(
        "<html><body>" + "<div>" * 100_000 + "<p>Police detained people.</p>" + "</div>" * 100_000,
        encoding="utf-8",
    )
    (raw,) = read_inputs([path])
    assert isinstance(raw, RawDocument)
    with pytest.raises(HostileMarkup) as caught:
        clean_document(raw)
    assert str(path) in str(caught.value)


def test_clean_nul_bytes_and_whitespace() -> None:
    body = "Police\x00 detained\t\t workers\u00a0at a\u200b market."
    body += "\r\n\r\n\r\n\r\nThey were released.  "
    doc = clean_document(RawDocument(source="n.txt", body=body.encode(), kind="text"))
    assert doc.text == "Police detained workers at a market.\n\nThey were released."


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("a\r\nb", "a\nb"),
        ("  several   spaces \t here ", "several spaces here"),
        ("e\u0301", "\u00e9"),  # NFC: one code point, as later stages compare strings
        ("x\n\n\n\ny", "x\n\ny"),
        ("soft\u00adhyphen", "softhyphen"),
    ],
)
def test_clean_normalise_text(raw: str, expected: str) -> None:
    assert normalise_text(raw) == expected


def test_clean_id_record_id_else_digest_of_text() -> None:
    text = "Police detained workers at a market."
    with_id = RawDocument(source="a.jsonl", body=text, kind="text", id="doc-7")
    assert clean_document(with_id).id == "doc-7"
    # The same text with different surrounding whitespace gets the same id.
    first = clean_document(RawDocument(source="a.txt", body=f"  {text}\n".encode(), kind="text"))
    second = clean_document(RawDocument(source="b.txt", body=text.encode("utf-16"), kind="text"))
    assert first.id == second.id == document_id(text)


def test_clean_empty_html_is_empty_input() -> None:
    page = b"<html><head><script>x()</script></head><body>   </body></html>"
    with pytest.raises(EmptyInput):
        clean_document(RawDocument(source="e.html", body=page, kind="html"))


@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(data=st.binary(max_size=3000), suffix=st.sampled_from([".html", ".txt"]))
def test_clean_any_bytes_give_document_or_input_error(
    tmp_path: Path, data: bytes, suffix: str
) -> None:
    path = tmp_path / f"input{suffix}"
    path.write_bytes(data)
    for item in read_inputs([path]):
        if isinstance(item, InputError):
            continue
        try:
            doc = clean_document(item)
        except InputError:
            continue
        assert isinstance(doc, Document)
        if item.kind == "html":
            assert "<script" not in doc.text.lower()


_TAGS = st.sampled_from(
    ["<script>", "</script>", "<p>", "</p>", "<div>", "<style>", "&lt;script&gt;", "<", "s",
     "cript", ">", "Police detained workers. ", "Полиция задержала рабочих. ", "\u200b", "\x00"]
)  # fmt: skip


@settings(max_examples=150, deadline=None)
@given(pieces=st.lists(_TAGS, max_size=60))
def test_clean_html_text_never_contains_script(pieces: list[str]) -> None:
    page = "<html><body>" + "".join(pieces) + "</body></html>"
    try:
        doc = clean_document(RawDocument(source="h.html", body=page.encode(), kind="html"))
    except InputError:
        return
    assert "<script" not in doc.text.lower()
