"""Sentences that describe a video of an event the story has already told.

"На кадрах видно, как бойцы выстраивают постояльцев вдоль стены", "In one clip an officer
checks a man's documents", "footage shows recruiters stopping men": the picture illustrates the
raid or detention the page reported before it, so a trigger in such a sentence is no new event.
Told first, before any event of its page ("Video shared online shows police lining men up
outside the mosque"), the footage is how the page learnt of the event, and it stands.
"Officers were filmed handing out summonses" reports the act, not a clip, and stands too; so
does footage of a scene it names a town of ("clips show men held up at the doors of a housing
complex in St Petersburg"): that is another place than the story's.
"""

from __future__ import annotations

import re
from typing import TypeVar

from khronika.model import Lang, Sentence

T = TypeVar("T")

_FOOTAGE = {
    "ru": re.compile(
        r"\b(?:на|в)\s+(?:\w+\s+){0,2}(?:видео|кадрах|записи|ролике|съ[её]мке|видеозаписи)\b"
        r"[^.!?]{0,40}?\bвидно\b",
        re.I,
    ),
    "en": re.compile(
        r"\b(?:(?:video|videos|footage|clip|clips|recording)\s+(?:\w+\s+){0,4}?"
        r"(?:shows?|showed|showing)\b|in\s+(?:the|one|another|a)\s+(?:[\w-]+\s+){0,2}"
        r"(?:video|clip|footage|recording)\b)",
        re.I,
    ),
}


# "in St Petersburg", «в Мытищах»: a capitalised name after a preposition, not opening the sentence
_NAMED_PLACE = {
    "ru": re.compile(r"(?<=\s)(?:в|во|на|у|под)\s+[А-ЯЁ][а-яё]"),
    "en": re.compile(r"(?<=\s)(?:in|at|near|outside)\s+(?:St\.?\s+)?[A-Z][a-z]"),
}


def describes_footage(sentence: Sentence, lang: Lang) -> bool:
    """Whether the sentence tells what a video or a clip shows, of no town named."""
    text = sentence.text
    return bool(_FOOTAGE[lang].search(text)) and not _NAMED_PLACE[lang].search(text)


def without_retold_footage(
    triggers: list[list[T]], sentences: list[Sentence], lang: Lang
) -> list[list[T]]:
    """Each sentence's triggers, none for a sentence describing footage after the page's
    first sentence with a trigger."""
    out: list[list[T]] = []
    told = False
    for found, sentence in zip(triggers, sentences, strict=True):
        if told and found and describes_footage(sentence, lang):
            found = []
        told = told or bool(found)
        out.append(found)
    return out
