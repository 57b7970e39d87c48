"""Sentences that tell background rather than the story's event, for dating.

A habitual sentence ("такие проверки проходят регулярно", "police routinely check the
market") tells no single event: it has no date, not even the period it names ("в последние
месяцы рейды проходят регулярно"). A look back without a date of its own ("Ранее полиция уже
приезжала …", "Previously, officers …") is an earlier event than the story's: it does not
take the story's date, nor does a past before the story's past told inside a sentence ("staff
had earlier passed him a summons"). A look back that names its date ("Ранее, 12 января, …")
keeps it.
"""

from __future__ import annotations

import re

from khronika.model import Lang, Sentence

_HABITUAL = {
    "ru": re.compile(
        r"\b(?:регулярн\w*|постоянн\w*|систематическ\w*|то и дело|раз в (?:неделю|месяц)|"
        r"кажд\w+ (?:недел\w+|месяц|день)|обычно|как правило)\b",
        re.I,
    ),
    "en": re.compile(
        r"\b(?:regularly|routinely|repeatedly|constantly|usually|as a rule|every (?:week|month|"
        r"day)|on a regular basis)\b",
        re.I,
    ),
}
_LOOK_BACK = {
    "ru": re.compile(
        r"^\W*(?:ранее|до этого|прежде|в прошл\w+ (?:подобн\w+|таки\w+)|уже не впервые|"
        # a recap of the outlet's own earlier report: «Как сообщал (ранее) …», «Как писала …»
        r"как\s+(?:ранее\s+|уже\s+)?(?:сообщал\w*|писал\w*))\b",
        re.I,
    ),
    "en": re.compile(
        r"^\W*(?:earlier|previously|before that|in previous|"
        # "As previously reported", "As the Knot has reported": a recap, not the story's day
        r"as\s+(?:previously|earlier)\s+reported|as\s+reported\s+(?:earlier|previously|before)|"
        r"as\s+(?:[\w.’'-]+\s+){1,5}(?:has|had)\s+(?:previously\s+|earlier\s+)?"
        r"(?:reported|written))\b",
        re.I,
    ),
}


def is_habitual(sentence: Sentence, lang: Lang) -> bool:
    return bool(_HABITUAL[lang].search(sentence.text))


# inside the sentence, a past before the story's past: "staff had earlier passed him a
# summons", «ранее уже получали повестки»
_HAD_EARLIER = {
    "ru": re.compile(r"(?<!\w)(?:ранее|прежде)\s+уже(?!\w)", re.I),
    "en": re.compile(r"\bhad\s+(?:earlier|previously)\b", re.I),
}


def looks_back(sentence: Sentence, lang: Lang) -> bool:
    return bool(_LOOK_BACK[lang].search(sentence.text) or _HAD_EARLIER[lang].search(sentence.text))
