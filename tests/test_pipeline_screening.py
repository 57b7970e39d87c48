"""Russian documents with no trigger word under any parse skip natasha's taggers."""

from __future__ import annotations

from typing import Any

import pytest

from khronika.model import Document
from khronika.pipeline import process_document


def _doc(text: str) -> Document:
    return Document(id="t", text=text, language="ru")


@pytest.mark.parametrize(
    "text",
    [
        "Сборная России по футболу выиграла матч у команды Сербии со счётом 2:1.",
        "В Новосибирске открыли новую станцию метро; движение поездов начнётся в мае.",
        "Курс рубля к доллару вырос на торгах Московской биржи.",
    ],
)
def test_pipeline_screening_skips_taggers(resources: Any, monkeypatch: pytest.MonkeyPatch,
                                          text: str) -> None:
    def refuse(*_args: Any) -> None:
        raise AssertionError("the taggers ran on a text with no trigger word")

    monkeypatch.setattr(resources.nlp.russian, "analyze", refuse)
    assert process_document(_doc(text), resources=resources) == []


@pytest.mark.parametrize(
    ("text", "event_type"),
    [
        ("В Казани полиция задержала сорок мигрантов из Узбекистана.", "detention"),
        ("Задержанных мигрантов отвезли в военкомат Казани.", "escort_to_enlistment_office"),
        ("В Перми новым гражданам вручили повестки.", "summons"),
    ],
)
def test_pipeline_screening_keeps_inflected_triggers(resources: Any, text: str,
                                                     event_type: str) -> None:
    claims = process_document(_doc(text), resources=resources)
    assert event_type in {c.event_type for c in claims}
