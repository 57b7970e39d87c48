"""A credited token range as a name.

``credited_name`` drops descriptors and possessives ("local outlet Fontanka" → "Fontanka",
"его мать Евгения" → "мать Евгения") and reads a t.me address as its channel; ``en_titled``
keeps the person after a title ("Investigative Committee head Alexander Bastrykin");
``is_generic`` tells a back-reference ("the channel", "по словам собеседника") from a name.
"""

from __future__ import annotations

import re

from khronika.extract.credit_words import (
    ARTICLES,
    EN_OWN,
    EN_SUBORDINATORS,
    OPEN_QUOTES,
    POSSESSIVE,
    STOP,
)
from khronika.model import Lang, Sentence, Token

_RU_GENERIC = frozenset(
    """издание канал газета ведомство агентство собеседник источник он она они его её ее их
    пресс-служба управление сайт портал редакция телеграм-канал адвокат представитель
    сообщение заявление telegram-канал telegram-канале полиция полицейский""".split()
)
_EN_GENERIC = frozenset(
    """he she they him her them the channel outlet newspaper paper lawyer ministry department
    press service agency source it its his their man woman""".split()
)
# what a source says rather than who: "according to his testimony", "the statement",
# "the occupiers' own data" point back to a source the story named
EN_RECORDS = frozenset(
    "testimony account statement data figures words information estimate estimates".split()
)
_EN_BACK = frozenset("the a his her their its this that these own same".split())
_DESCRIPTORS = frozenset(
    """телеграм-канал телеграм канал издание газета агентство портал сайт паблик
    local outlet independent channel newspaper military rights group agency news site
    telegram media publication the a an местный региональный городской независимый
    оппозиционный новостной opposition city regional online state-run pro-kremlin
    Telegram""".split()
)
_RU_OWN = frozenset("наш наша наше наши свой своя свои редакция".split())

# Words a source's name never holds: auxiliaries, negation, wh-words, "there". A "credit"
# with one ("four came away with summonses, he did not", "there have been several") is a
# clause the speech-verb rule swept up, not a name.
_EN_CLAUSE_WORDS = frozenset(
    """is are was were be been being have has had do does did not n't never will would can
    could should may might must there what which who whom whose when where""".split()
)
_EN_PREPOSITIONS = frozenset("in on at during after before since until into from".split())
# after the first word a subject pronoun opens a clause: "official statements and media
# reports we were able to match"
_EN_SUBJECTS = frozenset("i we he she they it you".split())


def en_titled(name: str) -> str:
    """A person named after a title keeps the name: "Investigative Committee head Alexander
    Bastrykin" → "Alexander Bastrykin" (two or more capitalised words after a lower-case
    title word, none of them an institution's)."""
    words = name.split()
    run = len(words)
    while run > 0 and words[run - 1][:1].isupper() and words[run - 1].isalpha():
        run -= 1
    tail = words[run:]
    if run == 0 or len(tail) < 2 or not words[run - 1].islower():
        return name
    if not any(w.lower() in EN_ROLES for w in words[:run]):
        return name  # "a member of the rights group Siberian Migrant Aid": no title
    if len(tail) > 2 and words[run - 1] in _EN_PREPOSITIONS | {"of", "for"}:
        tail = tail[1:]  # "of Russia Alexander Bastrykin" → "Alexander Bastrykin"
    if not en_person_like(" ".join(tail)):
        return name
    return " ".join(tail)


def en_noun_phrase(name: str) -> str:
    """The name up to the first word of a clause ("Officials are reported" → "Officials");
    empty when it opens with a preposition ("in the temporary detention centre": a place)."""
    words = name.split()
    if not words or words[0].lower() in _EN_PREPOSITIONS:
        return ""
    if words[0].lower() in _EN_SUBJECTS - {"it"} and len(words) > 1:
        return words[0]  # "he called her and said …": the pronoun is the speaker
    for k, word in enumerate(words):
        plain = word.lower().replace("’", "'").strip(",.;:")
        following = words[k + 1].lower() if k + 1 < len(words) else ""
        if plain in _EN_CLAUSE_WORDS or (
            k > 0 and (plain in _EN_SUBJECTS or plain in EN_SUBORDINATORS - {"and"})
        ) or (plain in ("and", "or") and following.endswith("ed")):  # "… and published …"
            words = words[:k]
            break
    while words and words[-1].lower() in ("and", "or", "but"):
        words = words[:-1]
    return " ".join(words).rstrip(",;:")


def credited_name(sentence: Sentence, a: int, b: int) -> str:
    toks = sentence.tokens
    opening = next((k for k in range(a, b) if toks[k].text in OPEN_QUOTES), None)
    if opening is not None and opening > a and all(
        t.text[:1].islower() for t in toks[a:opening]
    ):
        a = opening  # "местный паблик «Подольск онлайн»" → "Подольск онлайн"
    words = [t for t in toks[a:b] if t.text not in STOP]
    while words and words[0].text.lower() in ("the", "a", "an", "its", "his", "her", "their"):
        words = words[1:]
    while words and (words[0].lemma.lower() in POSSESSIVE
                     or words[0].text.lower() in POSSESSIVE):
        words = words[1:]  # "его мать Евгения" → "мать Евгения"
    while words and words[-1].text.lower() in ("on", "in", "at", "to", "and"):
        words = words[:-1]
    if not words:
        return ""
    if all(w.lemma.lower() in _RU_OWN or w.text.lower() in EN_OWN for w in words):
        return ""
    words = _strip_descriptors(words)
    text = sentence.text[words[0].start - sentence.start : words[-1].stop - sentence.start]
    text = re.sub(r"\s+", " ", text).strip(' «»"“”')
    return _from_link(text, sentence.text)


_LINK = re.compile(r"(?:https?://|www\.)?(?:t\.me|telegram\.me)/(?:s/)?([A-Za-z0-9_]{3,})", re.I)
_LINK_START = re.compile(r"^(?:https?|www|t\.me)\b", re.I)


def _from_link(name: str, text: str) -> str:
    """A t.me address read as a name ("https") is its channel ("t.me/kazan_news" → kazan_news);
    another address is not a source name."""
    if not _LINK_START.match(name):
        return name
    m = _LINK.search(text)
    return m.group(1) if m else ""


def _strip_descriptors(words: list[Token]) -> list[Token]:
    """"local outlet Fontanka", "Russian opposition Telegram channel Tverskoy Rubezh",
    "the Baza Telegram channel" → the proper name the descriptors stand around."""

    def proper(ws: list[Token]) -> bool:
        return bool(ws) and all(w.text[:1].isupper() or w.text[:1].isdigit() for w in ws)

    last = max(
        (k for k in range(len(words) - 1) if words[k].text in _DESCRIPTORS - ARTICLES),
        default=-1,
    )
    # only descriptors and names before it: not "lawyer for an NGO", "department of the …"
    prefix = all(w.text.lower() in _DESCRIPTORS or proper([w]) for w in words[:last])
    if last >= 0 and prefix and proper(words[last + 1 :]):
        return words[last + 1 :]
    end = len(words)
    while end > 1 and words[end - 1].text.lower() in _DESCRIPTORS:
        end -= 1
    if end < len(words) and words[end - 1].text.lower() not in _DESCRIPTORS and proper(
        words[:end]
    ):
        return words[:end]
    return words


def is_generic(toks: tuple[Token, ...], a: int, b: int, lang: Lang) -> bool:
    generic = _RU_GENERIC if lang == "ru" else _EN_GENERIC
    content = [t for t in toks[a:b] if t.text not in STOP]
    if lang == "en" and content and content[-1].text.lower() in EN_RECORDS:
        words = {t.text.lower() for t in content[:-1]}
        if "own" in words or words <= _EN_BACK | generic | {"'", "'s", "’"}:
            return True
    return bool(content) and all(
        t.lemma.lower() in generic or t.text.lower() in generic for t in content
    )


# words of an institution's name, not a person's
EN_BODIES = frozenset(
    """ministry service police department committee court office agency embassy consulate
    channel news times press directorate government guard union group center centre
    university council administration commission bureau radio tv daily post wire insider
    gazette media outlet prosecutor interior""".split()
)
_INITIALS = re.compile(r"^(?:[A-ZА-ЯЁ]\.)+$")
# a person's role before the name: "lawyer Alexander Popkov switched on his camera"
EN_ROLES = frozenset(
    """lawyer attorney activist journalist chairman director spokesman spokeswoman
    ombudsman coordinator researcher reporter head chief minister governor mayor deputy
    spokesperson commander""".split()
)


def en_person_like(name: str) -> bool:
    if _INITIALS.match(name):
        return True  # "S.B."
    words = name.split()
    return (
        0 < len(words) <= 3
        and all(w[:1].isupper() and w.isalpha() and not w.isupper() for w in words)
        and not any(w.lower() in EN_BODIES for w in words)
    )
