"""The person a sentence names as its speaker or subject, whom a later "he says" or "по его
словам" means."""

from __future__ import annotations

import re

from khronika.extract.attribution import Credit
from khronika.extract.credit_names import EN_BODIES, EN_ROLES, en_person_like
from khronika.extract.credit_words import EN_OPENERS
from khronika.model import Lang, Sentence, Span

# verbs that follow a person's name opening a sentence: "Farrukh was among …"
_EN_PERSON_VERBS = frozenset(
    """was is has had says said told tells gave added refused signed asked recalls recalled
    who""".split()
)
_ROLE_NAME = re.compile(r"\b([A-Za-z][a-z]+) ((?:[A-Z][a-z]+ ){1,2}[A-Z][a-z]+)\b")


def person_named(sentence: Sentence, lang: Lang, credit: Credit | None,
                 places: list[Span]) -> str:
    """The person a sentence names as its speaker or subject ("Farrukh was among …",
    "по словам адвоката Ильдара Сафина"), whom a later "he says" / "по его словам" means;
    empty when it names none."""
    if lang == "ru":
        return _ru_person(sentence, credit)
    if credit and not credit.generic and credit.sources:
        # the speaker just credited, a name or "a lawyer for an NGO"; a body resets it
        first = credit.sources[0]
        return "" if any(w.lower() in EN_BODIES for w in first.split()) else first
    toks = sentence.tokens
    titled = _en_role_name(sentence)
    if titled:
        return titled
    if len(toks) < 2 or not toks[0].text[:1].isupper() or not toks[0].text.isalpha():
        return ""
    end = 1
    while end < min(len(toks), 3) and toks[end].text[:1].isupper() and toks[end].text.isalpha():
        end += 1
    after = toks[end].text if end < len(toks) else ""
    if after not in (",", "(") and after.lower() not in _EN_PERSON_VERBS:
        return ""
    if any(sp.start < toks[end - 1].stop and toks[0].start < sp.stop for sp in places):
        return ""
    name = sentence.text[toks[0].start - sentence.start : toks[end - 1].stop - sentence.start]
    return name if en_person_like(name) and toks[0].text.lower() not in EN_OPENERS else ""


def _en_role_name(sentence: Sentence) -> str:
    for m in _ROLE_NAME.finditer(sentence.text):
        if m.group(1).lower() in EN_ROLES and en_person_like(m.group(2)):
            return m.group(2)
    return ""


def _ru_person(sentence: Sentence, credit: Credit | None) -> str:
    persons = [e for e in sentence.entities if e.type == "PER"]
    if not persons:
        return ""
    if credit and not credit.generic and credit.sources and any(
        credit.span.start <= e.start < credit.span.stop for e in persons
    ):
        return credit.sources[0]  # "адвокат Ильдар Сафин"
    for e in persons:
        first = next((t for t in sentence.tokens if t.start == e.start), None)
        if first is not None and first.feat("Case") == "Nom":
            return e.normal or e.text
    return ""
