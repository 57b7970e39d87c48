"""A sentence describing a video of the event the page already told is no new event."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from khronika import extract_claims_from_jsonl


def _evidence(tmp_path: Path, resources: Any, lang: str, text: str) -> list[tuple[str, str]]:
    path = tmp_path / "docs.jsonl"
    doc = {"id": "f1", "url": None, "outlet": "test", "title": None, "published": "2025-03-04",
           "language": lang, "text": text}
    path.write_text(json.dumps(doc, ensure_ascii=False) + "\n", encoding="utf-8")
    claims = extract_claims_from_jsonl(path, resources=resources).get("f1", [])
    return [(c["event_type"], c["evidence"]["text"]) for c in claims]


RETOLD = [
    ("ru", "Во вторник силовики задержали 17 мигрантов на овощной базе в Рязани. На кадрах "
     "видно, как бойцы с собаками входят в общежитие и выводят рабочих к автозаку.", "кадрах"),
    ("en", "On Tuesday police detained 17 migrants at a vegetable depot in Ryazan. In the "
     "two-minute video, officers surround the loaders, check their documents and ask whether "
     "they have registered with the military.", "video"),
    ("en", "Riot police detained 30 migrants at a workers' hostel in Tula on Monday. Footage "
     "posted by residents shows officers checking documents of the tenants in the corridor.",
     "Footage"),
]


@pytest.mark.parametrize(("lang", "text", "word"), RETOLD)
def test_footage_of_an_event_told_before_is_no_new_claim(
    tmp_path: Path, resources: Any, lang: str, text: str, word: str
) -> None:
    found = _evidence(tmp_path, resources, lang, text)
    assert found, "the event itself is still a claim"
    assert not [t for _, t in found if word in t]


STANDS = [
    # told first: the footage is how the page learnt of the event
    ("en", "Kazan police: video shared on messaging apps shows riot officers checking documents "
     "of migrant traders at a wholesale market.", "video"),
    # filmed doing it: the act, not a clip
    ("en", "Police raided a market in Tver on Friday. In Moscow, officers were filmed "
     "checking men's papers at metro exits and handing out summonses.", "filmed"),
    # footage of another town's scene
    ("ru", "В понедельник полиция задержала 12 мигрантов на рынке в Туле. На другом видео "
     "видно, как силовики проверяют документы у рабочих на стройке в Калуге.", "Калуге"),
]


@pytest.mark.parametrize(("lang", "text", "word"), STANDS)
def test_footage_told_first_or_of_another_place_stands(
    tmp_path: Path, resources: Any, lang: str, text: str, word: str
) -> None:
    found = _evidence(tmp_path, resources, lang, text)
    assert [t for _, t in found if word in t]
