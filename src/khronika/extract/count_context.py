"""What beside a number says it counts no people: a day of a month ("November 14", «31
декабря»), a time, a date or a phone number in parts, an article or part number ("ст. 328"),
money or a percentage, an ordinal or an age ("31st", «39-летнего», "27-year-old")."""

from __future__ import annotations

from khronika.extract.count_qualifiers import DASHES
from khronika.extract.count_words import (
    BEFORE_NUMBER_NOT_COUNT,
    EN_MONTHS,
    EN_PEOPLE,
    RU_CASE_ENDINGS,
    RU_MONTHS,
    SYMBOLS_NOT_COUNT,
)
from khronika.extract.numbers import Lexeme
from khronika.model import Lang


def _is_month(lx: Lexeme, lang: Lang) -> bool:
    if lx.kind != "word":
        return False
    if lang == "en" or lx.text[:1].isascii():
        return lx.low in EN_MONTHS or (lx.text == "May")
    return lx.low.startswith(RU_MONTHS)


def plain_before(lexemes: list[Lexeme], i: int, lang: Lang) -> bool:
    if i == 0:
        return True
    prev = lexemes[i - 1]
    if lang == "en" and prev.low in EN_PEOPLE and not prev.low.startswith("other"):
        return False  # "men close to 60", "women over 50": an age, English counts go first
    # "November 14" is a day; in Russian the day comes first, so "в середине ноября 14
    # иностранцев" counts people (a year after the month is a thing by its noun, «года»)
    if prev.text in SYMBOLS_NOT_COUNT or (lang == "en" and _is_month(prev, lang)):
        return False
    if prev.glued and prev.text in "-–/.:" and i >= 2 and lexemes[i - 2].kind == "num":
        return False  # the second part of a date, a time or a phone number
    if prev.text == "." and i >= 2:
        prev = lexemes[i - 2]  # "ст. 328", "Dec. 20"
        if prev.low == "ч" and i >= 4 and lexemes[i - 4].low == "т":
            return True  # "в т.ч. 3 женщин": "in that number", not "part 3"
    return prev.low not in BEFORE_NUMBER_NOT_COUNT and not (
        lang == "en" and _is_month(prev, lang)
    )


def plain_after(lexemes: list[Lexeme], end: int, lang: Lang) -> bool:
    if end >= len(lexemes):
        return True
    nxt = lexemes[end]
    after = lexemes[end + 1] if end + 1 < len(lexemes) else None
    if nxt.text in SYMBOLS_NOT_COUNT:
        return False
    if nxt.glued and nxt.kind == "word" and lexemes[end - 1].kind == "num":
        return False  # "31st", "5km"
    if nxt.glued and nxt.text in DASHES and after is not None and after.glued:
        if after.kind == "num":
            return False  # phone numbers, "2023-2024" already failed as a range
        if after.kind == "word" and not (lang == "ru" and after.low in RU_CASE_ENDINGS):
            return False  # "39-летнего", "27-year-old", "5-й"
    if nxt.glued and nxt.text in ".:/," and after is not None and after.glued and (
        after.kind == "num"
    ):
        return False  # "12.03.2024", "17:30", "1/2"
    if _is_month(nxt, lang):
        return False
    if lang == "en" and nxt.low in ("a", "p") and after is not None and after.text == ".":
        return False  # "5 a.m."
    # "12 по 25 ноября", "12 and 13 January", "31-го декабря"
    if nxt.low in ("по", "и", "and", "to", "или", "or", ",", *DASHES) and after is not None:
        if after.kind == "num" and end + 2 < len(lexemes) and _is_month(lexemes[end + 2], lang):
            return False
    return True
