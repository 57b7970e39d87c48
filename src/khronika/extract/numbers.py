"""Numbers as Russian and English news write them, read from a run of lexemes.

Digits with thousands separators ("3,000", "3 000" with a plain, no-break or narrow
no-break space, "3.000"), decimals that only make sense with a scale ("1,5 тыс.",
"1.5 thousand", "2,3 млн"), and number words. Russian numerals are listed here in every
case and gender as stems with their endings (tests check the table against every form
that pymorphy generates for each numeral, so morphology is the oracle, while reading a
phrase needs no analyser). We measured ``number-parser`` (0.3.2): it reads "двадцать
пять" and "трёх тысяч" but not collectives ("пятерых", "двоих"), "полусотни" or "two
dozen", and it has no notion of spans; the table below covers all of them in a few
dozen lines, so no dependency is added.

A reading is either a value (possibly fractional before the scale is applied) or, for
"hundreds", "несколько десятков" and the like, an order-of-magnitude range.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from fractions import Fraction
from typing import Literal

from khronika.extract.numwords import NumWord, table
from khronika.model import Lang

LexKind = Literal["num", "word", "punct"]

_LEX = re.compile(
    r"(?P<num>(?:\d{1,3}(?:[ \u00a0\u202f\u2009,.]\d{3})+(?!\d)|\d+)(?:[.,]\d+)?)"
    r"|(?P<word>[^\W\d_]+(?:['’][^\W\d_]+)*)"
    r"|(?P<punct>\S)"
)
_GROUPED = re.compile(r"\d{1,3}(?:[ \u00a0\u202f\u2009,.]\d{3})+")
_GROUPED_DECIMAL = re.compile(r"(\d{1,3}(?:[ \u00a0\u202f\u2009,.]\d{3})+)([.,])(\d+)")
_MAX_DIGITS = 12  # longer digit runs are ids, phone numbers or noise, never head counts


@dataclass(frozen=True, slots=True)
class Lexeme:
    kind: LexKind
    text: str
    low: str  # lower case, "ё" read as "е"
    start: int
    stop: int
    glued: bool  # no white space between this lexeme and the one before


def lex(text: str) -> list[Lexeme]:
    out: list[Lexeme] = []
    last_stop = -1
    for m in _LEX.finditer(text):
        kind: LexKind = m.lastgroup  # type: ignore[assignment]  # the group names are the kinds
        word = m.group()
        low = word.lower().replace("ё", "е").replace("’", "'")
        out.append(Lexeme(kind, word, low, m.start(), m.end(), m.start() == last_stop))
        last_stop = m.end()
    return out


def digits_value(text: str) -> Fraction | None:
    """Value of a digit lexeme: separators of 3-digit groups dropped, else a decimal."""
    if _GROUPED.fullmatch(text):
        plain = re.sub(r"\D", "", text)
        return Fraction(int(plain)) if len(plain) <= _MAX_DIGITS else None
    grouped = _GROUPED_DECIMAL.fullmatch(text)
    if grouped is not None:
        # "1,234.5", "12.345,6", "3 000,5": a decimal mark unlike the group separators;
        # "192.168.1" or "1,234,5" repeat one separator and are no number we read
        head, mark, frac = grouped.groups()
        if mark in re.sub(r"\d", "", head) or len(frac) > 6:
            return None
        plain = re.sub(r"\D", "", head)
        if len(plain) > _MAX_DIGITS:
            return None
        return Fraction(int(plain)) + Fraction(int(frac), 10 ** len(frac))
    whole, _, frac = text.replace(",", ".").partition(".")
    if len(whole) > _MAX_DIGITS or len(frac) > 6 or not (whole + frac).isdigit():
        return None
    return Fraction(f"{whole}.{frac}") if frac else Fraction(int(whole))


@dataclass(frozen=True, slots=True)
class Reading:
    """What a run of lexemes ``[start, end)`` says as a number."""

    end: int
    value: Fraction | None = None
    several: tuple[int, int] | None = None
    collective: bool = False  # Russian collective numeral: nearly always people
    needs_noun: bool = False  # "один"/"one": a count only with a people noun after it
    year_like: bool = False  # a bare 4-digit number that may be a year
    digits: bool = False  # read from digits (ranges "20-30" join digits only)
    factor: int = 1  # the scale or counting noun applied ("3 тысячи": 1000)


def several_range(magnitude: int, times: int = 1) -> tuple[int, int]:
    """Order-of-magnitude range for "hundreds", "десятки тысяч" (contract table).

    Dozens/десятки alone are 24..99 (two dozen upwards, the contract's reading); every
    other magnitude m is 2m..10m-1, so "tens of thousands" is 20000..99999.
    """
    if magnitude <= 20 and times == 1:
        return (24, 99)
    m = (10 if magnitude <= 20 else magnitude) * times
    return (2 * m, 10 * m - 1)


def _word(lexemes: list[Lexeme], i: int, words: dict[str, NumWord]) -> NumWord | None:
    if i < len(lexemes) and lexemes[i].kind == "word":
        return words.get(lexemes[i].low)
    return None


def _skip_abbr_dot(lexemes: list[Lexeme], i: int) -> int:
    """After "тыс"/"млн" a glued period belongs to the abbreviation."""
    prev = lexemes[i - 1].low
    if prev in ("тыс", "млн") and i < len(lexemes) and lexemes[i].text == "." and lexemes[i].glued:
        return i + 1
    return i


def _is(lexemes: list[Lexeme], i: int, *words: str) -> bool:
    return i < len(lexemes) and lexemes[i].low in words


def _several_after(lexemes: list[Lexeme], j: int, words: dict[str, NumWord]) -> Reading | None:
    """"hundreds", "десятки" (+ "тысяч"/"of thousands") at ``j``, read as a range."""
    w = _word(lexemes, j, words)
    if w is None or w.kind not in ("mult", "scale"):
        return None
    magnitude, end = w.value, j + 1
    thousands = 1
    if _is(lexemes, end, "of") and _is(lexemes, end + 1, "thousands", "millions"):
        thousands = 1000 if lexemes[end + 1].low == "thousands" else 1_000_000
        end += 2
    else:
        nxt = _word(lexemes, end, words)
        if nxt is not None and nxt.kind == "scale" and nxt.value > magnitude:
            thousands = nxt.value
            end = _skip_abbr_dot(lexemes, end + 1)
    end = _skip_abbr_dot(lexemes, end)
    return Reading(end, several=several_range(magnitude, thousands))


def _compose(lexemes: list[Lexeme], i: int, words: dict[str, NumWord], lang: Lang
             ) -> tuple[int, int, bool, bool] | None:
    """Additive run of number words: ("сто сорок", "twenty-seven", "two hundred and five").

    Returns (value, end, collective, needs_noun)."""
    total = group = 0
    last = 10**12  # each component must be smaller than the one before it
    j = i
    collective = needs_noun = False
    while j < len(lexemes):
        w = _word(lexemes, j, words)
        if w is None:
            # "twenty-seven", "two hundred and five": the link is read only before a numeral
            link = lexemes[j].text == "-" or (lang == "en" and lexemes[j].low == "and"
                                               and last == 100)
            nxt = _word(lexemes, j + 1, words)
            if link and j > i and nxt is not None and nxt.kind in ("add", "one") and (
                nxt.value < last
            ):
                if lexemes[j].text == "-" and not (lexemes[j].glued and lexemes[j + 1].glued):
                    break
                j += 1
                continue
            break
        if w.kind in ("add", "one", "coll"):
            if w.value >= last or (j > i and (w.kind == "coll" or collective)):
                break
            group += w.value
            last = w.value
            collective = w.kind == "coll"
            needs_noun = w.kind == "one" and j == i
        elif lang == "en" and w.kind == "mult" and w.value == 100 and w.number == "sg":
            if j == i or group >= 100:
                break
            group *= 100
            last = 100
            needs_noun = False
        else:
            break
        j += 1
    if j == i:
        return None
    return total + group, j, collective, needs_noun


def read_number(lexemes: list[Lexeme], i: int, lang: Lang, *, qualified: bool = False
                ) -> Reading | None:
    """Read a number at lexeme ``i``; ``qualified`` when a hedge ("около", "more than")
    precedes, which makes "тысячи"/"сотни" a singular ("около тысячи" is about 1000)."""
    if i >= len(lexemes):
        return None
    words = table(lang)
    head = _read_head(lexemes, i, words, lang, qualified)
    if head is None or isinstance(head, Reading):
        return head
    return _apply_factors(lexemes, i, words, lang, head)


@dataclass(slots=True)
class _Head:
    """The number read before any counting noun or scale that follows it."""

    value: Fraction
    end: int
    collective: bool = False
    needs_noun: bool = False
    year_like: bool = False
    digits: bool = False


def _read_head(lexemes: list[Lexeme], i: int, words: dict[str, NumWord], lang: Lang,
               qualified: bool) -> _Head | Reading | None:
    """The first part of a number: digits, a counting noun, "полтора", number words; a
    complete Reading when nothing can follow ("несколько сотен", "полсотни")."""
    lx = lexemes[i]
    w = _word(lexemes, i, words)
    # several + magnitude: "несколько сотен", "several hundred", "a few dozen"
    if w is not None and w.kind == "several":
        return _several_after(lexemes, i + 1, words)
    if lang == "en" and lx.low == "a" and _is(lexemes, i + 1, "few"):
        return _several_after(lexemes, i + 2, words)
    if lx.kind == "num":
        return _digits_head(lx, i)
    if w is not None and w.kind in ("mult", "scale", "half", "halfnoun"):
        return _word_head(lexemes, i, w, words, qualified)
    english = _english_head(lexemes, i, lang)
    if english is not None:
        return english
    composed = _compose(lexemes, i, words, lang)
    if composed is None:
        return None
    number, end, collective, needs_noun = composed
    return _Head(Fraction(number), end, collective=collective, needs_noun=needs_noun)


def _digits_head(lx: Lexeme, i: int) -> _Head | None:
    parsed = digits_value(lx.text)
    if parsed is None:
        return None
    year_like = len(lx.text) == 4 and lx.text.isdigit() and 1800 <= int(lx.text) <= 2100
    return _Head(parsed, i + 1, year_like=year_like, digits=True)


def _word_head(lexemes: list[Lexeme], i: int, w: NumWord, words: dict[str, NumWord],
               qualified: bool) -> _Head | Reading | None:
    """A counting noun, a scale or a half at ``i``."""
    if w.kind in ("mult", "scale") and w.number != "sg":
        if w.number == "pl" or not qualified:
            return _several_after(lexemes, i, words)
        return _Head(Fraction(1), i)  # "около тысячи": the noun itself is read below
    if w.kind in ("mult", "scale"):
        return _Head(Fraction(1), i)  # "сотня", "десяток", "тысяча"
    if w.kind == "half":
        return _Head(Fraction(3, 2), i + 1)
    return Reading(i + 1, value=Fraction(w.value))  # "полсотни"


def _english_head(lexemes: list[Lexeme], i: int, lang: Lang) -> _Head | Reading | None:
    """"a dozen", "a hundred", "half a dozen"."""
    if lang != "en":
        return None
    low = lexemes[i].low
    if low in ("a", "an") and _is(lexemes, i + 1, *_EN_A_NOUNS):
        return _Head(Fraction(1), i + 1)
    if low == "half" and _is(lexemes, i + 1, "a") and _is(lexemes, i + 2, "dozen"):
        return Reading(i + 3, value=Fraction(6))
    return None


def _apply_factors(lexemes: list[Lexeme], i: int, words: dict[str, NumWord], lang: Lang,
                   head: _Head) -> Reading | None:
    """A counting noun and/or a scale after the number: "три десятка", "two dozen",
    "полторы сотни", "1,5 тыс.", "трёх тысяч", "2.3 million"."""
    value, end = head.value, head.end
    collective, needs_noun, year_like = head.collective, head.needs_noun, head.year_like
    factor = 1
    m = _word(lexemes, end, words)
    if m is not None and m.kind == "mult" and not (lang == "en" and m.number == "pl"):
        value *= m.value
        factor *= m.value
        end += 1
        m = _word(lexemes, end, words)
        needs_noun = collective = False
    if m is not None and m.kind == "scale" and not (lang == "en" and m.number == "pl"):
        value *= m.value
        factor *= m.value
        end = _skip_abbr_dot(lexemes, end + 1)
        needs_noun = collective = year_like = False
        if not head.digits:
            value, end = _lower_groups(lexemes, end, words, lang, value, m.value)
    if end == i:
        return None
    return Reading(end, value=value, collective=collective, needs_noun=needs_noun,
                   year_like=year_like and end == i + 1, digits=head.digits, factor=factor)


def _lower_groups(lexemes: list[Lexeme], end: int, words: dict[str, NumWord], lang: Lang,
                  value: Fraction, scale: int) -> tuple[Fraction, int]:
    """The groups after a scale: "три тысячи двести", "two million three hundred thousand"."""
    while scale > 1:
        rest = _compose(lexemes, end, words, lang)
        if rest is None or rest[2]:
            break
        extra, stop = rest[0], rest[1]
        nxt = _word(lexemes, stop, words)
        next_scale = 1
        if nxt is not None and nxt.kind == "scale" and nxt.value < scale:
            extra *= nxt.value
            next_scale = nxt.value
            stop = _skip_abbr_dot(lexemes, stop + 1)
        if extra >= scale:
            break
        value, end, scale = value + extra, stop, next_scale
    return value, end


_EN_A_NOUNS = ("dozen", "hundred", "thousand", "million", "score")

