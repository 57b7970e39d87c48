"""People counts with their hedges, in Russian and English (component ``khronika.counts.v1``).

``extract_counts`` returns every expression of a sentence that counts people, in text
order, each with its document span; ``parse_count`` reads one whole phrase;
``render_count`` writes a count back as a phrase that ``parse_count`` reads the same.
The rules live beside it: ``count_phrases`` reads a number phrase with its hedges
(``count_qualifiers``), ``count_people`` decides whether it counts people (``count_context``:
dates, articles, ages and money beside it; ``count_words``: the word lists),
``count_exclusions`` drops figures that count no one the event befell, ``count_groups``
joins the named one and groups counted together.

Readings follow the contract table (``contract/README.md``, "Counts"). Where the table is
silent we decided:

- "several dozen", "несколько десятков", "scores", "dozens", "десятки" → several 24..99;
  "tens of thousands", "десятки тысяч" → several 20000..99999; "hundreds of thousands",
  "сотни тысяч" → several 200000..999999; "several thousand", "несколько тысяч" → several
  2000..9999 (every magnitude m other than tens reads 2m..10m-1).
- "a dozen", "дюжина" → exact 12; "десяток" → exact 10, "сотня" → exact 100; "two dozen"
  → 24, "три десятка" → 30, "полторы сотни" → 150, "полсотни" → 50; "half a dozen" → 6.
- "не менее", "не меньше", "по меньшей мере", "как минимум", "at least", "no fewer than" →
  at_least; "не более", "no more than", "as many as", "at most" → up_to (the number is a
  ceiling); "under" → less_than; "just over", "свыше", "с лишним" after the number →
  more_than; "и более", "or more" after the number → at_least; "почти", "nearly",
  "just under", "чуть менее" → about.
- a hedge after the number and a comma ("forty, at least", «сорок, не меньше», «человек
  сорок, если не больше») → at_least.
- «человек сорок», «человек 15» (the noun put before the number, Russian approximate
  inversion) → about; not «из 20 человек 15», where the noun belongs to the number before.
- "several", "несколько", "many", "a number of" with no magnitude → no count.
- "20-30", "20–30", "двое-трое", "from 20 to 30", "between 20 and 30", "от 20 до 30" →
  range; "от 2 до 3 тысяч" carries the scale back to the first number.

What is not a people count: dates ("31 декабря", "December 31", "с 12 по 25 ноября"),
bare years, ages and ordinals ("39-летнего", "27-year-old", "5-й", "31st"), article and
part numbers ("ч. 1 ст. 328", "Article 338"), money, percentages, measures, times
("5 a.m.", "17:00"), phone numbers, decimals without a scale, and numbers of things
("десятки автобусов", "225 buses", "в двух районах"), numbers inside a web address
("t.me/channel/4512") and "one" after "every"/"each" ("every one of them" is the whole
group). "Shavkat and two others", "он и ещё двое" count the named one too (3). Russian
nouns are judged by the tagger's animacy (people are animate), English nouns by word lists
and agent suffixes.
Nor are companions ("together with seven others", "he sat with two colleagues", «вместе с
тремя»), shares ("one in eight", «ни один»), capacities («банкет на 620 человек»), an age
after a name ("Malika, 28,", "aged 21 and 24", "men close to 60") or those who act ("two
police officers", «40 полицейских», «трое собеседников»). Two exact figures of one noun
phrase joined by "and" are one group ("five citizens of Azerbaijan and one of Uzbekistan" →
6; "a woman and her two children" → 3); a collective numeral counts people unless the noun
after it is the one it counts («четверых суд выдворил», not «двое суток»).
A number with no noun ("27 were deported", "двое задержаны") counts people; "один"/"one"
and a bare 4-digit year count only with an explicit people noun. Counts of cases,
protocols, administrative materials and reports, decisions, fines and summonses are returned
as people counts (coders read them as the
number of people prosecuted or summoned).
"""

from __future__ import annotations

from khronika.errors import ContractViolation
from khronika.extract.count_exclusions import (
    LINK,
    every_one,
    in_link,
    not_counted,
    partitive_base,
)
from khronika.extract.count_groups import and_others, inverted, summed
from khronika.extract.count_people import counts_people
from khronika.extract.count_phrases import read_phrase
from khronika.extract.numbers import lex
from khronika.model import Count, Lang, Qualifier, Sentence, Span

__all__ = ["extract_counts", "parse_count", "render_count"]

COMPONENT = "khronika.counts.v1"


def extract_counts(sentence: Sentence, lang: Lang) -> list[Count]:
    """Every expression in ``sentence`` that counts people, in text order."""
    lexemes = lex(sentence.text)
    links = [(m.start(), m.end()) for m in LINK.finditer(sentence.text)]
    found: list[Count] = []
    i = 0
    while i < len(lexemes):
        ph = read_phrase(lexemes, i, lang)
        if ph is None:
            i += 1
            continue
        start, stop = lexemes[ph.start].start, lexemes[ph.end - 1].stop
        if found and partitive_base(lexemes, found[-1], ph, sentence.start):
            i = ph.end  # "two of the three": the three is the group the two are taken from
            continue
        if not_counted(lexemes, ph):
            i = ph.end
            continue
        if counts_people(lexemes, ph, sentence, lang) and not in_link(start, stop, links) and not (
            every_one(lexemes, ph)
        ):
            named = and_others(lexemes, ph)
            qualifier = ph.qualifier
            if named is not None:
                start = lexemes[named].start  # "Shavkat and two others": the span holds all
            elif lang == "ru" and inverted(lexemes, ph):
                # «человек сорок»: the noun put before the number makes it a guess
                start, qualifier = lexemes[ph.start - 1].start, "about"
            text = sentence.text[start:stop]
            span = Span(sentence.start + start, sentence.start + stop, text)
            one = 0 if named is None else 1
            found.append(Count(_plus(ph.min, one), _plus(ph.max, one), qualifier, text, span))
        i = ph.end
    return summed(found, sentence)


def _plus(value: int | None, n: int) -> int | None:
    return None if value is None else value + n


def parse_count(text: str, lang: Lang) -> Count | None:
    """Read a whole phrase ("не менее 3 000", "several hundred"); None if it is no count."""
    lexemes = lex(text)
    while lexemes and lexemes[-1].kind == "punct" and lexemes[-1].text in ".,;:!?":
        if lexemes[-1].text == "." and len(lexemes) > 1 and lexemes[-2].low in ("тыс", "млн"):
            break
        lexemes.pop()
    if not lexemes:
        return None
    ph = read_phrase(lexemes, 0, lang)
    if ph is None or ph.end != len(lexemes):
        return None
    return Count(ph.min, ph.max, ph.qualifier, text.strip())


_SEVERAL_WORDS: dict[Lang, dict[tuple[int, int], str]] = {
    "ru": {(24, 99): "десятки", (200, 999): "несколько сотен", (2000, 9999): "тысячи",
           (20000, 99999): "десятки тысяч", (200000, 999999): "сотни тысяч"},
    "en": {(24, 99): "dozens", (200, 999): "several hundred", (2000, 9999): "thousands",
           (20000, 99999): "tens of thousands", (200000, 999999): "hundreds of thousands"},
}
_RENDER: dict[Lang, dict[Qualifier, str]] = {
    "ru": {"exact": "{n}", "at_least": "не менее {n}", "more_than": "более {n}",
           "about": "около {n}", "up_to": "до {n}", "less_than": "менее {n}",
           "range": "от {n} до {m}"},
    "en": {"exact": "{n}", "at_least": "at least {n}", "more_than": "more than {n}",
           "about": "about {n}", "up_to": "up to {n}", "less_than": "fewer than {n}",
           "range": "between {n} and {m}"},
}


def _digits(n: int, lang: Lang) -> str:
    grouped = f"{n:,}"
    return grouped.replace(",", "\u00a0") if lang == "ru" else grouped


def render_count(count: Count, lang: Lang) -> str:
    """A phrase that ``parse_count`` reads back as ``count`` (min, max and qualifier)."""
    q = count.qualifier
    if q == "several":
        words = _SEVERAL_WORDS[lang].get((count.min or 0, count.max or 0))
        if words is None:
            raise ContractViolation(f"no words for a 'several' count {count.min}..{count.max}")
        return words
    shown = {
        "exact": count.min, "at_least": count.min, "about": count.min,
        "more_than": None if count.min is None else count.min - 1,
        "up_to": count.max, "less_than": None if count.max is None else count.max + 1,
        "range": count.min,
    }.get(q)
    if shown is None or shown < 1 or (q == "range" and (count.max or 0) < shown):
        raise ContractViolation(f"cannot write a count {count.min}..{count.max} {q}")
    return _RENDER[lang][q].format(n=_digits(shown, lang), m=_digits(count.max or 0, lang))
