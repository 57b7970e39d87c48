"""A number phrase read from lexemes (``read_phrase``): a hedged figure, a range ("20-30",
"от 2 до 3 тысяч") or a vague magnitude, with its bounds. Whether it counts people is
decided by ``count_people`` and ``count_exclusions``."""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction

from khronika.extract.count_qualifiers import DASHES, POSTFIX, QUALIFIER_INDEX, RANGE_OPEN
from khronika.extract.numbers import Lexeme, Reading, read_number
from khronika.model import Lang, Qualifier


@dataclass(frozen=True, slots=True)
class Phrase:
    start: int  # lexeme indices [start, end)
    end: int
    min: int | None
    max: int | None
    qualifier: Qualifier
    collective: bool = False
    needs_noun: bool = False
    year_like: bool = False


def _words_at(lexemes: list[Lexeme], i: int, words: tuple[str, ...]) -> bool:
    return all(
        i + k < len(lexemes) and lexemes[i + k].low == w for k, w in enumerate(words)
    )


def _whole(value: Fraction | None) -> int | None:
    if value is None or value.denominator != 1 or value < 1:
        return None
    return int(value)


def read_phrase(lexemes: list[Lexeme], i: int, lang: Lang) -> Phrase | None:
    first = lexemes[i].low
    closer = RANGE_OPEN[lang].get(first)
    if closer is not None:
        return _read_range(lexemes, i, lang, closer)
    qualifier: Qualifier | None = None
    j = i
    for words, q in QUALIFIER_INDEX[lang].get(first, ()):
        if _words_at(lexemes, i, words):
            qualifier, j = q, i + len(words)
            break
    reading = read_number(lexemes, j, lang, qualified=qualifier is not None)
    if reading is None:
        return None
    if reading.several is not None:
        low, high = reading.several
        return Phrase(i, reading.end, low, high, "several")
    value = _whole(reading.value)
    if value is None:
        return None
    end = reading.end
    if qualifier is None:
        ranged = _range_tail(lexemes, reading, value, lang)
        if ranged is not None:
            return Phrase(i, ranged[2], ranged[0], ranged[1], "range",
                           year_like=reading.year_like or ranged[3])
        for words, q in POSTFIX[lang].items():
            if _words_at(lexemes, end, words):
                qualifier, end = q, end + len(words)
                break
    low_high = _bounds(qualifier or "exact", value)
    return Phrase(i, end, *low_high, qualifier or "exact", reading.collective,
                   reading.needs_noun, reading.year_like)


def _bounds(qualifier: Qualifier, value: int) -> tuple[int | None, int | None]:
    if qualifier == "at_least":
        return value, None
    if qualifier == "more_than":
        return value + 1, None
    if qualifier == "up_to":
        return None, value
    if qualifier == "less_than":
        return None, value - 1
    return value, value


def _range_tail(lexemes: list[Lexeme], first: Reading, value: int, lang: Lang
                ) -> tuple[int, int, int, bool] | None:
    """"20-30", "двое-трое", "20 to 30": (min, max, end, year_like)."""
    k = first.end
    if k >= len(lexemes):
        return None
    link = lexemes[k]
    dash = link.text in DASHES
    if not (dash or (lang == "en" and link.low == "to" and first.digits)):
        return None
    second = read_number(lexemes, k + 1, lang)
    if second is None or second.several is not None:
        return None
    if first.digits != second.digits or first.collective != second.collective:
        return None
    if dash and first.collective and not (link.glued and lexemes[k + 1].glued):
        return None
    if second.value is None or second.value <= value:
        return None  # a range ascends; "41-1" is something else
    return _ranged(value, first, second)


def _ranged(value: int, first: Reading, second: Reading) -> tuple[int, int, int, bool] | None:
    high = _whole(second.value)
    if high is None:
        return None
    low = value
    if first.factor == 1 and second.factor > 1 and low * second.factor <= high:
        low *= second.factor  # "от 2 до 3 тысяч"
    low, high = min(low, high), max(low, high)
    return low, high, second.end, first.year_like or second.year_like


def _read_range(lexemes: list[Lexeme], i: int, lang: Lang, closer: str) -> Phrase | None:
    first = read_number(lexemes, i + 1, lang)
    if first is None or first.several is not None:
        return None
    value = _whole(first.value)
    if value is None or first.end >= len(lexemes) or lexemes[first.end].low != closer:
        return None
    second = read_number(lexemes, first.end + 1, lang)
    if second is None or second.several is not None:
        return None
    ranged = _ranged(value, first, second)
    if ranged is None:
        return None
    low, high, end, year_like = ranged
    return Phrase(i, end, low, high, "range", year_like=year_like)
