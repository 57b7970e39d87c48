"""Which of the story's named sources a back-reference means ("the department said", "по
словам полицейских"), and whether a credited name is the document's own outlet."""

from __future__ import annotations

import re

from khronika.extract.credit_words import ARTICLES

_OUTLET_NOUNS = frozenset(
    """channel outlet newspaper paper agency site publication издание канал газета агентство
    телеграм-канал портал сайт паблик""".split()
)
_STEM = 5


def _stems(name: str) -> set[str]:
    return {w[:_STEM] for w in re.findall(r"\w+", name.casefold().replace("ё", "е"))
            if w not in ARTICLES}


def resolve_back(name: str, sources: tuple[str, ...]) -> tuple[str, ...] | None:
    """The story's source a back-reference means: the one it names ("the department said"
    after "the military investigative department … told VTA"), the outlet for "the channel",
    the police body for "по словам полицейских", else all of them; None when "the police"
    can mean none of them (the back-reference then names its own source)."""
    words = _stems(name) - {"his", "her", "their", "its", "он", "она", "его", "ее", "их"}
    named = [s for s in sources if words & _stems(s)]
    if named and " and " in named[0]:
        return (name,)  # "their lawyer said" after "relatives and a lawyer say": one of them
    if named:
        return (named[0],)
    if words & {w[:_STEM] for w in _OUTLET_NOUNS}:
        return sources[:1]
    if words & _POLICE_WORDS:
        police = [s for s in sources if _stems(s) & _POLICE_BODIES]
        return (police[0],) if police else None
    return sources


# a body named only by what it is, with nothing named before: «Об этом ведомство сообщило»
_RU_BARE = frozenset("ведомство издание канал телеграм-канал редакция управление".split())


def bare_back_reference(name: str) -> bool:
    """A back-reference that names no source when the story has named none."""
    return name.lower() in _RU_BARE


_POLICE_WORDS = frozenset("полиц полиц police".split())
# a police body's name: "ГУ МВД по области", "УМВД", "regional police press service"
_POLICE_BODIES = frozenset("мвд умвд омвд гу полиц police inter".split())


_PARENS = re.compile(r"\(([^)]{1,12})\)")


def own_outlet(name: str, outlet: str | None) -> bool:
    """Whether a credited name is the document's own outlet ("told VTA" in a story of the
    Volga Telegraph Agency, "CA-News" in one of "CentralAsia (CA)"): an outlet reporting in
    its own voice credits nobody."""
    if not outlet or not name:
        return False
    head = re.split(r"[\s\-–/]", name.strip())[0]
    words = re.findall(r"[A-Za-zА-Яа-яЁё]+", outlet)
    initials = "".join(w[0] for w in words if w[0].isupper())
    short = {m.group(1).strip() for m in _PARENS.finditer(outlet)}
    if len(head) >= 2 and head.isupper() and (head == initials or head in short):
        return True
    return _stems(name) == _stems(outlet)
