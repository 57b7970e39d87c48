"""Credits that point back: a sentence that only says who told the story just told.

"…задержали 18 иностранцев. Об этом сообщает «Бизнес Онлайн»" and "…were detained. This was
reported by Fontanka." name the source of the sentences before them, which carry no credit of
their own. ``credits_back`` recognises such a sentence; the claim assembler then gives its
sources to the uncredited claims of the sentences just before it.
"""

from __future__ import annotations

import re

from khronika.model import Lang, Sentence

# "Об этом сообщили…", "О задержании рассказали…", "Эту информацию подтвердили…": the topic of
# the speech verb is what was just told
_RU_TOPIC = re.compile(
    r"^\W*(?:об\s+этом|о\s+(?:задержани\w+|рейд\w*|проверк\w+|случивш\w+|происшестви\w+|"
    r"случа\w+|инцидент\w*)|(?:эту|такую)\s+информаци\w+|(?:эти|такие)\s+(?:данные|сведения))\b",
    re.I,
)
_EN_TOPIC = re.compile(
    r"^\W*(?:this|that|the\s+(?:news|information|incident|raid|detention)s?)\s+"
    r"(?:was|were|has\s+been|had\s+been)\s+(?:first\s+|also\s+)?"
    r"(?:reported|announced|confirmed|stated|disclosed|said)\s+by\b",
    re.I,
)
_EN_SAID_THIS = re.compile(
    r"\b(?:reported|said|wrote|announced|confirmed|stated)\s+(?:this|that)\s*[.!]?\s*$", re.I
)


def credits_back(sentence: Sentence, lang: Lang) -> bool:
    """Whether the sentence's credit covers what the sentences before it told."""
    text = sentence.text.strip()
    if lang == "ru":
        return bool(_RU_TOPIC.search(text))
    return bool(_EN_TOPIC.search(text) or _EN_SAID_THIS.search(text))
