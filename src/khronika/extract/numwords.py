"""The number words of both languages, in one table: the count reader (``numbers``) reads
runs of them; dates (``calendar``, ``relative``) take the small cardinals from here ("за
последние две недели", "three days later").

Russian forms are kept with «е» for «ё»: callers normalise before looking up.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from khronika.model import Lang

# kind: "add" additive component (units, teens, tens, hundreds); "coll" Russian
# collective (двое, пятерых, оба); "one" the numeral 1, which only counts people with a
# people noun; "scale" thousand/million; "mult" a counting noun (десяток, сотня, dozen,
# hundred); "half" полтора; "halfnoun" полсотни; "several" несколько/several.
# number: "sg", "pl" or "amb" for the counting nouns ("сотни" is both).
WordKind = Literal["add", "coll", "one", "scale", "mult", "half", "halfnoun", "several"]


@dataclass(frozen=True, slots=True)
class NumWord:
    kind: WordKind
    value: int
    number: Literal["sg", "pl", "amb"] = "sg"


def _ru_table() -> dict[str, NumWord]:
    t: dict[str, NumWord] = {}

    def put(forms: str, kind: WordKind, value: int, number: Literal["sg", "pl", "amb"] = "sg"
            ) -> None:
        for form in forms.split():
            t[form] = NumWord(kind, value, number)

    put("один одного одному одним одном одна одной одну одною", "one", 1)
    put("два две двух двум двумя", "add", 2)
    put("три трех трем тремя", "add", 3)
    put("четыре четырех четырем четырьмя", "add", 4)
    soft = ["пять", "шесть", "семь", "восемь", "девять", "десять", "одиннадцать",
            "двенадцать", "тринадцать", "четырнадцать", "пятнадцать", "шестнадцать",
            "семнадцать", "восемнадцать", "девятнадцать", "двадцать", "тридцать"]
    values = [*range(5, 21), 30]
    for word, value in zip(soft, values, strict=True):
        stem = word[:-1]
        put(f"{word} {stem}и {stem}ью", "add", value)
    put("восьми восьмью", "add", 8)
    put("сорок сорока", "add", 40)
    put("девяносто девяноста", "add", 90)
    put("сто ста", "add", 100)
    for word, value in (("пять", 5), ("шесть", 6), ("семь", 7), ("восемь", 8)):
        stem = "восьм" if value == 8 else word[:-1]
        put(f"{word}десят {stem}идесяти {word}юдесятью", "add", value * 10)
    put("восемьюдесятью восьмьюдесятью", "add", 80)
    put("двести двухсот двумстам двумястами двухстах", "add", 200)
    put("триста трехсот тремстам тремястами трехстах", "add", 300)
    put("четыреста четырехсот четыремстам четырьмястами четырехстах", "add", 400)
    for word, value in (("пять", 5), ("шесть", 6), ("семь", 7), ("восемь", 8), ("девять", 9)):
        stem = "восьм" if value == 8 else word[:-1]
        put(f"{word}сот {stem}исот {stem}истам {word}юстами {stem}истах", "add", value * 100)
    put("восьмьюстами", "add", 800)
    put("двое двоих двоим двоими оба обе обоих обеих обоим обеим обоими обеими", "coll", 2)
    put("обоего обоему обоем", "coll", 2)
    put("трое троих троим троими", "coll", 3)
    for stem, value in (("четвер", 4), ("пятер", 5), ("шестер", 6), ("семер", 7),
                        ("восьмер", 8), ("девятер", 9), ("десятер", 10)):
        put(f"{stem}о {stem}ых {stem}ым {stem}ыми", "coll", value)
    put("тысяча тысяче тысячу тысячей тысячью", "scale", 1000)
    put("тысячи", "scale", 1000, "amb")
    put("тысяч тысячам тысячами тысячах", "scale", 1000, "pl")
    put("тыс", "scale", 1000)
    put("миллион миллиона миллиону миллионом миллионе", "scale", 1_000_000)
    put("миллионы миллионов миллионам миллионами миллионах", "scale", 1_000_000, "pl")
    put("млн", "scale", 1_000_000)
    put("десяток десятка десятку десятком десятке", "mult", 10)
    put("десятки десятков десяткам десятками десятках", "mult", 10, "pl")
    put("сотня сотне сотню сотней сотнею", "mult", 100)
    put("сотни", "mult", 100, "amb")
    put("сотен сотням сотнями сотнях", "mult", 100, "pl")
    put("дюжина дюжины дюжине дюжину дюжиной", "mult", 12)
    put("дюжин дюжинам дюжинами дюжинах", "mult", 12, "pl")
    put("полтора полторы полутора", "half", 0)
    put("полсотни полусотни полсотня полусотня полусотней полусотню", "halfnoun", 50)
    put("полтысячи полутысячи", "halfnoun", 500)
    put("несколько нескольких нескольким несколькими", "several", 0)
    return t


def _en_table() -> dict[str, NumWord]:
    t: dict[str, NumWord] = {}
    units = ("two three four five six seven eight nine ten eleven twelve thirteen fourteen "
             "fifteen sixteen seventeen eighteen nineteen").split()
    for value, word in enumerate(units, start=2):
        t[word] = NumWord("add", value)
    tens = "twenty thirty forty fifty sixty seventy eighty ninety".split()
    for value, word in enumerate(tens, start=2):
        t[word] = NumWord("add", value * 10)
    t["one"] = NumWord("one", 1)
    t["hundred"] = NumWord("mult", 100)
    t["hundreds"] = NumWord("mult", 100, "pl")
    t["dozen"] = NumWord("mult", 12)
    t["dozens"] = NumWord("mult", 12, "pl")
    t["tens"] = NumWord("mult", 10, "pl")
    t["score"] = NumWord("mult", 20)
    t["scores"] = NumWord("mult", 20, "pl")
    t["thousand"] = NumWord("scale", 1000)
    t["thousands"] = NumWord("scale", 1000, "pl")
    t["million"] = NumWord("scale", 1_000_000)
    t["millions"] = NumWord("scale", 1_000_000, "pl")
    t["several"] = NumWord("several", 0)
    return t


RU_WORDS = _ru_table()
EN_WORDS = _en_table()


def table(lang: Lang) -> dict[str, NumWord]:
    return RU_WORDS if lang == "ru" else EN_WORDS


# The small cardinals dates count with ("пяти дней", "twelve months", "a week"): every
# additive word up to 30, in either language, and the forms written with «ё».
_ARTICLES = {"a": 1, "an": 1, "одни": 1, "одних": 1}
_WITH_YO = ("трёх", "трём", "четырёх", "четырём")


def _cardinals() -> dict[str, int]:
    found = dict(_ARTICLES)
    for words in (RU_WORDS, EN_WORDS):
        for form, word in words.items():
            if word.kind in ("add", "one") and word.value <= 30:
                found[form] = word.value
    for form in _WITH_YO:
        found[form] = found[form.replace("ё", "е")]
    return found


CARDINALS: dict[str, int] = _cardinals()


def cardinal(word: str) -> int | None:
    """The value of a small cardinal ("пяти", "twelve", "a"), or None."""
    return CARDINALS.get(word.lower())
