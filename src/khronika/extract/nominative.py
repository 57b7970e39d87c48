"""Russian source names in the nominative, as a coder writes them in a source list.

A credit is read where the sentence puts it: "сообщили в пресс-службе ГУ МВД по Воронежской
области", "по данным Воронежских вестей", "по словам очевидцев". The name is the phrase's head
(its leading adjectives and first noun) put into the nominative by pymorphy, with the number
kept ("очевидцев" → "очевидцы") and the dependents left as written ("ГУ МВД по Воронежской
области"). Quoted names, Latin names and words pymorphy does not know stay as they are.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

_WORD = re.compile(r"[А-Яа-яЁё]+(?:-[А-Яа-яЁё]+)*")
_HEAD_POS = frozenset({"ADJ", "NOUN"})  # natasha's MorphVocab speaks Universal Dependencies
_FUNCTION_WORDS = frozenset(
    "из по от в во на с со у о об для при к ко один одна одного одной одному одним".split()
)
_OBLIQUE = frozenset({"Gen", "Dat", "Loc", "Ins", "Acc", "Nom"})


@lru_cache(maxsize=1)
def _morph() -> Any:
    from natasha import MorphVocab  # pymorphy2 wrapped so that it loads on current Python

    return MorphVocab()


def nominative(name: str) -> str:
    """``name`` with its head phrase in the nominative (Russian names only)."""
    if not name or name[:1] in "«\"“" or not _WORD.match(name):
        return name
    head: list[tuple[re.Match[str], Any]] = []
    pos = 0
    for m in _WORD.finditer(name):
        if name[pos : m.start()].strip():
            break  # punctuation or a Latin word ends the head
        if m.group(0).lower() in _FUNCTION_WORDS:
            break  # "одного из задержанных": a partitive is not a head to inflect
        parse = _head_parse(m.group(0))
        nouns = [p for _, p in head if p.pos == "NOUN"]
        if parse is None or (nouns and not _surname(m.group(0), parse, head)):
            break
        head.append((m, parse))
        pos = m.end()
    nouns = [p for _, p in head if p.pos == "NOUN"]
    if not nouns:
        return name
    number = nouns[0].feats.get("Number") or "Sing"
    gender = nouns[0].inflect({"Nom", number}) or nouns[0]
    grams = {"Nom", number}
    if number == "Sing" and gender.feats.get("Gender"):
        adjective_grams = grams | {gender.feats["Gender"]}
    else:
        adjective_grams = grams
    out, last = [], 0
    for m, parse in head:
        wanted = grams if parse.pos == "NOUN" else adjective_grams
        out.append(name[last : m.start()] + _inflect(parse, m.group(0), wanted))
        last = m.end()
    return "".join(out) + name[last:]


def _surname(word: str, parse: Any, head: list[tuple[re.Match[str], Any]]) -> bool:
    """ "Ильдара Сафина": a capitalised noun right after a capitalised first name."""
    m, first = head[-1]
    return (
        parse.pos == "NOUN"
        and word[:1].isupper()
        and m.group(0)[:1].isupper()
        and first.feats.get("Animacy") == "Anim"
        and sum(p.pos == "NOUN" for _, p in head) == 1
    )


def _head_parse(word: str) -> Any:
    parses = [p for p in _morph().parse(word) if p.pos in _HEAD_POS]
    # a plural that can already be nominative is read so ("местные власти" stays), but not
    # a surname's reading of a common plural ("жильцов" is of "жилец")
    lemma = parses[0].normal if parses else None
    nominal = [
        p for p in parses
        if p.feats.get("Case") == "Nom" and p.feats.get("Number") == "Plur" and p.normal == lemma
    ]
    oblique = [p for p in parses if p.feats.get("Case") in _OBLIQUE]
    return (nominal or oblique or [None])[0]


def _inflect(parse: Any, word: str, grams: set[str]) -> str:
    form = parse.inflect(grams)
    if form is None:
        return word
    text = str(form.word)
    if word.isupper():
        return text.upper()
    if word[:1].isupper():
        return text[:1].upper() + text[1:]
    return text
