"""English sentence splitting: abbreviations and clock times in news text do not end a
sentence, while a clock time at a real sentence end still does."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from khronika.nlp.english import EnglishNLP


def split(text: str) -> list[str]:
    return [s.text for s in EnglishNLP().analyze(text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Around 5 a.m. masked officers entered the dormitory. Nobody was let out.",
            ["Around 5 a.m. masked officers entered the dormitory.", "Nobody was let out."],
        ),
        (
            "From 9 a.m. OMON guarded the gates of the depot.",
            ["From 9 a.m. OMON guarded the gates of the depot."],
        ),
        (
            "The check ended at 11 p.m. The workers were sent home.",
            ["The check ended at 11 p.m.", "The workers were sent home."],
        ),
        (
            "Officers came at 7 a.m. They asked for passports.",
            ["Officers came at 7 a.m.", "They asked for passports."],
        ),
        (
            "Police in St. Petersburg held 40 men on Dec. 3. Most were freed.",
            ["Police in St. Petersburg held 40 men on Dec. 3.", "Most were freed."],
        ),
    ],
)
def test_sentences(text: str, expected: list[str]) -> None:
    assert split(text) == expected


@given(st.text(alphabet="ap.m 0123456789TheOfficers\n!?", max_size=80))
def test_sentences_cover_the_text_in_order(text: str) -> None:
    sentences = EnglishNLP().analyze(text)
    stops = [0]
    for s in sentences:
        assert text[s.start : s.stop] == s.text
        assert s.start >= stops[-1]
        stops.append(s.stop)
    assert "".join(text.split()) == "".join("".join(s.text.split()) for s in sentences)
