"""Name keys shared by the gazetteer's index and the recogniser's look-ups.

A key is the name lower-cased, ``ё`` folded to ``е``, with every run of punctuation and
spacing reduced to one space, so "St. Petersburg", "Saint-Petersburg" and "st petersburg"
differ only where the words differ.
"""

from __future__ import annotations

import re
import unicodedata

_NON_WORD = re.compile(r"[^\w]+|_+")
_LATIN = re.compile(r"^[A-Za-z][A-Za-z .'’‘`,()\-]*$")
_CYRILLIC = re.compile(r"^[А-Яа-яЁё][А-Яа-яЁё .'’‘,()\-—–]*$")
# Letters that mark a Cyrillic name as Ukrainian, Belarusian, Kazakh … rather than Russian.
_NOT_RUSSIAN = re.compile(r"[іїєґўәғқңөұүһІЇЄҐЎӘҒҚҢӨҰҮҺ]")


def name_key(name: str) -> str:
    """The index key of a name.

    >>> name_key("Санкт-Петербург")
    'санкт петербург'
    >>> name_key("St. Petersburg")
    'st petersburg'
    """
    folded = name.lower().replace("ё", "е").replace("’", "'")
    return " ".join(_NON_WORD.sub(" ", folded).split())


def is_latin(name: str) -> bool:
    return bool(_LATIN.match(name))


def is_cyrillic(name: str) -> bool:
    return bool(_CYRILLIC.match(name))


def is_russian(name: str) -> bool:
    return is_cyrillic(name) and not _NOT_RUSSIAN.search(name)


_TRANSLIT = dict(
    zip(
        "абвгдеёжзийклмнопрстуфхцчшщъыьэюя",
        "a b v g d e e zh z i y k l m n o p r s t u f kh ts ch sh shch _ y _ e yu ya".split(),
        strict=True,
    )
)


def transliterate(name: str) -> str:
    """A rough Russian → Latin transliteration, enough to compare spellings."""
    out = []
    for ch in name.lower():
        latin = _TRANSLIT.get(ch, ch)
        out.append("" if latin == "_" else latin)
    return "".join(out)


def unaccented(name: str) -> str:
    """The name without its accents: "Bogotá" → "Bogota"."""
    return "".join(c for c in unicodedata.normalize("NFKD", name) if not unicodedata.combining(c))
