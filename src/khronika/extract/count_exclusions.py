"""Figures that read as people but count no one the event befell: a number inside a web
address, the base of "two of the three", companions ("together with seven others"), shares
("one in eight"), capacities («банкет на 620 человек»), ages ("aged 21 and 24", "Malika,
28,") and "every one"."""

from __future__ import annotations

import re

from khronika.extract.count_phrases import Phrase
from khronika.extract.count_words import ONE_PRONOUNS
from khronika.extract.numbers import Lexeme, read_number
from khronika.model import Count

# a web address or a bare domain path: "https://t.me/channel/4512", "t.me/x/12", "site.ru/123"
LINK = re.compile(r"(?:https?://|www\.)\S+|\b[\w-]+(?:\.[\w-]+)+/\S*", re.I)
_EVERY = frozenset("every each каждый каждого каждому".split())


_OF = (("of",), ("of", "the"), ("of", "those"), ("из",), ("из", "этих"))


def partitive_base(lexemes: list[Lexeme], prev: Count, ph: Phrase, offset: int) -> bool:
    """ "two of the three", «двое из пяти»: the second number right after a count is its base."""
    if prev.span is None:
        return False
    stop = prev.span.stop - offset
    between = [x.low for x in lexemes[: ph.start] if x.start >= stop and x.kind == "word"]
    gap = [x for x in lexemes[: ph.start] if x.start >= stop]
    return len(gap) == len(between) and tuple(between) in _OF


_COMPANIONS = (("together", "with"), ("along", "with"), ("alongside",), ("вместе", "с"),
               ("вместе", "со"))
_CAPACITY_NOUNS = frozenset("человек мест персон гостей".split())


def not_counted(lexemes: list[Lexeme], ph: Phrase) -> bool:
    """A figure that counts no one the event befell: companions ("held together with seven
    others", «вместе с двумя коллегами»), shares ("one in eight", «ни один»), capacities
    («банкет на 620 человек») and an age after a name ("Malika, 28,")."""
    before = [x.low for x in lexemes[max(0, ph.start - 3) : ph.start]]
    nxt = lexemes[ph.end].low if ph.end < len(lexemes) else ""
    if any(tuple(before[-len(c):]) == c for c in _COMPANIONS):
        return True
    if before[-1:] in (["with"], ["с"], ["со"]) and any(
        x.low in ONE_PRONOUNS for x in lexemes[: ph.start]
    ):
        return True  # "he was sitting with two colleagues", «его держали с тремя земляками»
    if before[-1:] == ["ни"] or before[-2:] in (["not", "one"], ["none", "of"]):
        return True
    if ph.min == 1 and nxt == "in" and read_number(lexemes, ph.end + 1, "en") is not None:
        return True  # "one in eight": a share
    if before[-2:] == ["one", "in"]:
        return True
    if before[-1:] == ["на"] and nxt in _CAPACITY_NOUNS:
        return True
    if _more_ages(lexemes, ph.start):
        return True
    return (
        before[-1:] == [","]
        and ph.start >= 2
        and lexemes[ph.start - 2].text[:1].isupper()
        and nxt == ","
        and ph.qualifier == "exact"
        and ph.min is not None
        and 14 <= ph.min <= 99
    )


_AGE_WORDS = frozenset("aged ages age возрасте возрастом".split())
_AGE_LINKS = frozenset("and , и to or или - –".split())


def _more_ages(lexemes: list[Lexeme], i: int) -> bool:
    """ "aged 21 and 24", «в возрасте 19 и 23 лет»: the later numbers are ages too."""
    k = i - 1
    seen_number = False
    while k >= 0 and (lexemes[k].low in _AGE_LINKS or lexemes[k].kind == "num"):
        seen_number = seen_number or lexemes[k].kind == "num"
        k -= 1
    return seen_number and k >= 0 and lexemes[k].low in _AGE_WORDS


def in_link(start: int, stop: int, links: list[tuple[int, int]]) -> bool:
    return any(a <= start and stop <= b for a, b in links)


def every_one(lexemes: list[Lexeme], ph: Phrase) -> bool:
    """ "every one of them", "each one": all of a group, not a count of one."""
    return ph.min == 1 and ph.start > 0 and lexemes[ph.start - 1].low in _EVERY
