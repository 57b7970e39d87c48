"""Personal names out of every export format: the redactor on its own, then documents naming
private people run through the real pipeline and exported by default."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from typing import Any

import pytest

from khronika.export.formats import FORMATS
from khronika.export.redact import PLACEHOLDER, Redactor
from khronika.export.run import export_to_file

# (language, text, what must go, what must stay)
CASES = [
    (
        "ru",
        "В Казани полицейские задержали Алишера Каримова и ещё 12 мигрантов. Адвокат брата "
        "Рустама Каримова сообщил, что Каримову грозит выдворение. Каримов вину не признаёт.",
        ["алишер", "рустам", "каримов"],
        ["Казани", "мигрантов"],
    ),
    (
        "ru",
        "Как рассказала «Медиазоне» жена задержанного Зарина Юсупова, её мужа Бахрома "
        "Юсупова увезли в военкомат. Юсупову вручили повестку.",
        ["зарин", "юсупов", "бахром"],
        ["военкомат", "Медиазоне"],
    ),
    (
        "en",
        "Police in Yekaterinburg detained Alisher Karimov and 30 other migrants, Fontanka "
        "reported. His lawyer Dmitry Vlasov said the brother of Rustam Karimov was also held. "
        "Vlasov added that Karimov's family had not been told.",
        ["alisher", "karimov", "dmitry", "vlasov", "rustam"],
        ["Yekaterinburg", "Fontanka", "migrants"],
    ),
    (
        "en",
        "Mr Petrenko, a courier from Tashkent, told Novaya Gazeta Europe that officers "
        "took him to the enlistment office. Human Rights Watch said Petrenko was beaten.",
        ["petrenko"],
        ["Tashkent", "Novaya Gazeta Europe", "Human Rights Watch"],
    ),
]


@pytest.fixture(scope="module")
def redactor(resources: Any) -> Redactor:
    return Redactor(resources.nlp, gazetteer=resources.geocoder.gazetteer)


@pytest.mark.parametrize(("lang", "text", "gone", "kept"), CASES)
def test_export_redact_removes_private_names(
    redactor: Redactor, lang: Any, text: str, gone: list[str], kept: list[str]
) -> None:
    out = redactor.names_in(text, lang).apply(text)
    for name in gone:
        assert name not in out.lower(), out
    for word in kept:
        assert word in out, out
    assert PLACEHOLDER in out


@pytest.mark.parametrize(
    ("lang", "text", "official", "private"),
    [
        (
            "ru",
            "Губернатор Александр Беглов поддержал рейды. Беглов заявил, что Александр Петров "
            "задержан.",
            "Александр Беглов",
            "петров",
        ),
        (
            "en",
            "Mayor Sergei Sobyanin praised the raids. His neighbour Sergei Ivanov was detained.",
            "Sergei Sobyanin",
            "ivanov",
        ),
    ],
)
def test_export_redact_keeps_titled_officials(
    redactor: Redactor, lang: Any, text: str, official: str, private: str
) -> None:
    out = redactor.names_in(text, lang).apply(text)
    assert official in out
    assert private not in out.lower()


def test_export_redact_leaves_common_words(redactor: Redactor) -> None:
    text = "Вера Иванова рассказала, что вера в закон пропала. Ивановой угрожали."
    out = redactor.names_in(text, "ru").apply(text)
    assert "вера в закон" in out
    assert "иванов" not in out.lower()


def test_export_redact_text_without_names_unchanged(redactor: Redactor) -> None:
    text = "В Москве на рынке «Садовод» задержали 200 мигрантов, сообщает «Фонтанка»."
    assert redactor.for_text(text).apply(text) == text


# -- through the pipeline and every format -------------------------------------------------

DOCS = [
    {
        "id": "names-ru",
        "outlet": "test outlet",
        "published": "2024-03-12",
        "language": "ru",
        "title": "В Казани задержали мигрантов",
        "text": "В Казани 11 марта полицейские задержали Алишера Каримова и ещё 15 мигрантов "
        "на строительном рынке. По словам брата Рустама Каримова, задержанных доставили в "
        "военкомат. Каримову вручили повестку, сообщил адвокат Дмитрий Власов.",
    },
    {
        "id": "names-en",
        "outlet": "test outlet",
        "published": "2024-03-14",
        "language": "en",
        "title": "Raid in Yekaterinburg",
        "text": "Police in Yekaterinburg detained Alisher Karimov and 30 other migrants on "
        "March 13, Fontanka reported. His lawyer Dmitry Vlasov said the brother of Rustam "
        "Karimov was taken to the enlistment office. Vlasov added that 12 of the detained "
        "men were handed summonses.",
    },
]
STEMS = ("алишер", "рустам", "каримов", "власов", "alisher", "rustam", "karimov", "vlasov",
         "dmitr", "дмитри")  # fmt: skip


@pytest.fixture(scope="module")
def named_store(tmp_path_factory: pytest.TempPathFactory, resources: Any) -> Path:
    from khronika.pipeline import run
    from khronika.store import open_store

    folder = tmp_path_factory.mktemp("names")
    inputs = folder / "docs.jsonl"
    inputs.write_text("\n".join(json.dumps(d, ensure_ascii=False) for d in DOCS) + "\n")
    db = folder / "k.db"
    store = open_store(db)
    try:
        summary = run([inputs], store=store, resources=resources)
        assert summary.claims >= 2
        evidence = " ".join(c.evidence.text for c in store.iter_claims())
        assert "Каримов" in evidence and "Karimov" in evidence  # stored evidence stays intact
    finally:
        store.close()
    return db


def _text_of(path: Path, fmt: str) -> str:
    if fmt != "parquet":
        return path.read_text(encoding="utf-8")
    import pyarrow.parquet as pq

    return json.dumps(pq.read_table(path).to_pylist(), ensure_ascii=False, default=str)


@pytest.mark.parametrize("level", ["claim", "incident"])
@pytest.mark.parametrize("fmt", FORMATS)
def test_export_redact_every_format_by_default(
    named_store: Path, redactor: Redactor, tmp_path: Path, fmt: Any, level: Any
) -> None:
    from khronika.export.records import ExportQuery
    from khronika.store import open_store

    store = open_store(named_store)
    try:
        out = tmp_path / f"out.{fmt}"
        stats = export_to_file(
            store, out, format=fmt, query=ExportQuery(level=level), redactor=redactor
        )
    finally:
        store.close()
    assert stats.rows >= 2
    text = _text_of(out, fmt).lower()
    for stem in STEMS:
        assert stem not in text, (fmt, stem)
    assert PLACEHOLDER in text


def test_export_redact_include_names_keeps_them(named_store: Path) -> None:
    from khronika.export.run import export
    from khronika.store import open_store

    store = open_store(named_store)
    try:
        buf = io.StringIO()
        export(store, buf, format="csv", redactor=None)
    finally:
        store.close()
    rows = list(csv.DictReader(io.StringIO(buf.getvalue())))
    assert any("Каримов" in r["evidence"] for r in rows)
