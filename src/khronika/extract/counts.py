"""People counts with their hedges, in Russian and English (component ``khronika.counts.v1``).

``extract_counts`` returns every expression of a sentence that counts people, in text
order, each with its document span; ``parse_count`` reads one whole phrase;
``render_count`` writes a count back as a phrase that ``parse_count`` reads the same.

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

import re
from dataclasses import dataclass
from fractions import Fraction

from khronika.errors import ContractViolation
from khronika.extract.numbers import Lexeme, Reading, lex, read_number
from khronika.model import Count, Lang, Qualifier, Sentence, Span, Token

__all__ = ["PEOPLE_WORDS_EN", "extract_counts", "parse_count", "render_count"]

COMPONENT = "khronika.counts.v1"

_QUALIFIERS: dict[Lang, dict[Qualifier, tuple[str, ...]]] = {
    "ru": {
        "at_least": ("не менее", "не меньше", "не менее чем", "по меньшей мере",
                     "по крайней мере", "как минимум", "минимум"),
        "more_than": ("более", "больше", "свыше", "более чем", "больше чем", "чуть более",
                      "чуть больше", "немногим более", "немногим больше", "еще более"),
        "about": ("около", "почти", "порядка", "примерно", "приблизительно", "ориентировочно",
                  "почти что", "где-то", "чуть менее", "чуть меньше", "без малого"),
        "up_to": ("до", "вплоть до", "не более", "не больше", "не более чем", "максимум"),
        "less_than": ("менее", "меньше", "менее чем", "меньше чем"),
    },
    "en": {
        "at_least": ("at least", "no fewer than", "no less than", "not less than",
                     "not fewer than", "a minimum of"),
        "more_than": ("more than", "over", "upwards of", "in excess of", "just over",
                      "slightly more than", "well over", "well above", "a little over"),
        "about": ("about", "around", "some", "nearly", "almost", "approximately", "roughly",
                  "an estimated", "estimated", "close to", "just under", "approx", "circa"),
        "up_to": ("up to", "as many as", "at most", "no more than", "not more than",
                  "a maximum of"),
        "less_than": ("fewer than", "less than", "under"),
    },
}
_RANGE_OPEN: dict[Lang, dict[str, str]] = {
    "ru": {"от": "до"},
    "en": {"from": "to", "between": "and"},
}
_POSTFIX: dict[Lang, dict[tuple[str, ...], Qualifier]] = {
    "ru": {("с", "лишним"): "more_than", ("с", "небольшим"): "more_than",
           ("и", "более"): "at_least", ("и", "больше"): "at_least",
           ("или", "более"): "at_least", (",", "не", "меньше"): "at_least",
           (",", "не", "менее"): "at_least", (",", "если", "не", "больше"): "at_least"},
    "en": {("or", "more"): "at_least", ("and", "more"): "at_least",
           (",", "at", "least"): "at_least", (",", "if", "not", "more"): "at_least"},
}
_DASHES = frozenset("-–—")


def _qualifier_index(lang: Lang) -> dict[str, list[tuple[tuple[str, ...], Qualifier]]]:
    """Hedges by their first word, longest first ("не менее" before "не")."""
    pairs = [(tuple(p.split()), q) for q, ps in _QUALIFIERS[lang].items() for p in ps]
    index: dict[str, list[tuple[tuple[str, ...], Qualifier]]] = {}
    for words, q in sorted(pairs, key=lambda pq: -len(pq[0])):
        index.setdefault(words[0], []).append((words, q))
    return index


_QUALIFIER_INDEX: dict[Lang, dict[str, list[tuple[tuple[str, ...], Qualifier]]]] = {
    "ru": _qualifier_index("ru"),
    "en": _qualifier_index("en"),
}


@dataclass(frozen=True, slots=True)
class _Phrase:
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


def _read_phrase(lexemes: list[Lexeme], i: int, lang: Lang) -> _Phrase | None:
    first = lexemes[i].low
    closer = _RANGE_OPEN[lang].get(first)
    if closer is not None:
        return _read_range(lexemes, i, lang, closer)
    qualifier: Qualifier | None = None
    j = i
    for words, q in _QUALIFIER_INDEX[lang].get(first, ()):
        if _words_at(lexemes, i, words):
            qualifier, j = q, i + len(words)
            break
    reading = read_number(lexemes, j, lang, qualified=qualifier is not None)
    if reading is None:
        return None
    if reading.several is not None:
        low, high = reading.several
        return _Phrase(i, reading.end, low, high, "several")
    value = _whole(reading.value)
    if value is None:
        return None
    end = reading.end
    if qualifier is None:
        ranged = _range_tail(lexemes, reading, value, lang)
        if ranged is not None:
            return _Phrase(i, ranged[2], ranged[0], ranged[1], "range",
                           year_like=reading.year_like or ranged[3])
        for words, q in _POSTFIX[lang].items():
            if _words_at(lexemes, end, words):
                qualifier, end = q, end + len(words)
                break
    low_high = _bounds(qualifier or "exact", value)
    return _Phrase(i, end, *low_high, qualifier or "exact", reading.collective,
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
    dash = link.text in _DASHES
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


def _read_range(lexemes: list[Lexeme], i: int, lang: Lang, closer: str) -> _Phrase | None:
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
    return _Phrase(i, end, low, high, "range", year_like=year_like)


# ---------------------------------------------------------------- is it people?

_RU_MONTHS = ("январ", "феврал", "март", "апрел", "мая", "май", "мае", "июн", "июл", "август",
              "сентябр", "октябр", "ноябр", "декабр")
_EN_MONTHS = frozenset(
    """january february march april june july august september october november december
    jan feb mar apr jun jul aug sep sept oct nov dec""".split()
)
_BEFORE_NUMBER_NOT_COUNT = frozenset(
    """ст статья статьи статье статьей статьям статей ч часть части частью п пп пункт пункта
    пункте подпункт глава главы номер номера no article articles part parts paragraph
    section clause chapter item page number code aged age ages возрасте возрастом""".split()
)
_SYMBOLS_NOT_COUNT = frozenset("$€£₽¥№#+%")
_RU_CASE_ENDINGS = frozenset({"х", "ти", "ми", "ух", "ех", "ью", "ю", "и"})
_RU_PEOPLE_LEMMAS = frozenset(
    """человек люди лицо мигрант иностранец гражданин житель рабочий мужчина женщина
    ребенок подросток задержанный выходец уроженец работник призывник""".split()
)
# Inanimate nouns whose counts coders read as people prosecuted or summoned.
_RU_ALLOWED_THINGS = frozenset(
    "протокол дело штраф повестка постановление решение материал жалоба".split()
)
_EN_ALLOWED_THINGS = frozenset(
    """case cases protocol protocols fine fines summons summonses decision decisions report
    reports complaint complaints""".split()
)
# Those who act, not those acted on: "two police officers came in", «пятеро полицейских»
_EN_ACTORS = frozenset(
    """police policemen policeman officer officers officials agents troops guards
    investigators bailiffs commissars""".split()
)
_RU_ACTORS = frozenset(
    """полицейский силовик пристав следователь росгвардеец оперативник дружинник военком
    собеседник источник""".split()
)
_EN_PEOPLE = frozenset(
    """people person persons man men woman women child children kid kids boy boys girl girls
    migrant migrants foreigner foreigners national nationals citizen citizens resident
    residents native natives individual individuals detainee detainees immigrant immigrants
    refugee refugees student students conscript conscripts recruit recruits draftee draftees
    reservist reservists employee employees passenger passengers suspect suspects defendant
    defendants prisoner prisoners inmate inmates convict convicts volunteer volunteers
    soldier soldiers servicemen serviceman guest guests adult adults minor minors teenager
    teenagers youths relatives family families uzbeks tajiks kyrgyz kazakhs turkmens afghans
    azerbaijanis armenians georgians ukrainians chinese vietnamese others guy guys lads
    fellows colleague colleagues friend friends neighbour neighbours brother brothers
    son sons""".split()
)
PEOPLE_WORDS_EN = _EN_PEOPLE  # nouns that count people, for the claims' count assignment
_EN_AGENT_SUFFIXES = ("ers", "ees", "ists", "ians", "ors")
_EN_NOT_AGENTS = frozenset(
    """papers numbers containers centers centres computers letters orders borders matters
    headquarters quarters towers posters flyers stickers layers chambers corners waters
    powers meters metres liters litres kilometers kilometres trailers registers filters
    shelters folders chapters floors doors tractors motors sectors corridors vectors errors
    factors monitors elevators generators""".split()
)
_EN_THINGS = _EN_MONTHS | frozenset(
    """year years month months week weeks day days hour hours minute minutes second seconds
    night nights am pm o'clock percent per cent ruble rubles rouble roubles dollar dollars
    euro euros usd rub pounds yuan tenge som somoni kg kilograms grams tonnes tons km
    kilometres kilometers metres meters miles litres liters hectares degrees times""".split()
)
_EN_STOP = frozenset(
    """were was are is be been being have has had will would could can may might must should
    shall do did does of who whom whose that which what from in on at to for with by and or
    but nor the a an as after before during since while when where than then out into onto
    among including under over about around across through per via against without within
    near behind between also still now already reportedly allegedly later it they he she we
    this these those their its there here not""".split()
)
_EN_VERBS = frozenset(
    """face faces remain got left fled took sent went came told said signed agreed refused
    received paid stayed held kept ran managed tried escaped""".split()
)
_EN_BARE_MODIFIERS = frozenset("more other others further additional extra new".split())
_EN_OF_PEOPLE = frozenset("them those these us whom you".split())


def _en_person(word: str) -> bool:
    if word in _EN_PEOPLE or word in _EN_ALLOWED_THINGS:
        return True
    return word.endswith(_EN_AGENT_SUFFIXES) and word not in _EN_NOT_AGENTS


def _is_month(lx: Lexeme, lang: Lang) -> bool:
    if lx.kind != "word":
        return False
    if lang == "en" or lx.text[:1].isascii():
        return lx.low in _EN_MONTHS or (lx.text == "May")
    return lx.low.startswith(_RU_MONTHS)


def _people(lexemes: list[Lexeme], ph: _Phrase, sentence: Sentence | None, lang: Lang) -> bool:
    if not _plain_before(lexemes, ph.start, lang) or not _plain_after(lexemes, ph.end, lang):
        return False
    if lang == "ru" and sentence is not None and sentence.tokens:
        stop = sentence.start + lexemes[ph.end - 1].stop
        verdict, direct = _ru_noun(sentence.tokens, stop)
        if ph.collective and (not direct or not _counted_noun(sentence.tokens, stop)):
            # «ещё четверых суд постановил выдворить»: a collective numeral counts people
            # unless the noun after it is the one it counts («двое суток», genitive plural)
            return True
    else:
        verdict = _en_noun(lexemes, ph.end)
    if verdict == "thing":
        return False
    return verdict == "people" or not (ph.needs_noun or ph.year_like)


def _plain_before(lexemes: list[Lexeme], i: int, lang: Lang) -> bool:
    if i == 0:
        return True
    prev = lexemes[i - 1]
    if lang == "en" and prev.low in _EN_PEOPLE and not prev.low.startswith("other"):
        return False  # "men close to 60", "women over 50": an age, English counts go first
    # "November 14" is a day; in Russian the day comes first, so "в середине ноября 14
    # иностранцев" counts people (a year after the month is a thing by its noun, «года»)
    if prev.text in _SYMBOLS_NOT_COUNT or (lang == "en" and _is_month(prev, lang)):
        return False
    if prev.glued and prev.text in "-–/.:" and i >= 2 and lexemes[i - 2].kind == "num":
        return False  # the second part of a date, a time or a phone number
    if prev.text == "." and i >= 2:
        prev = lexemes[i - 2]  # "ст. 328", "Dec. 20"
        if prev.low == "ч" and i >= 4 and lexemes[i - 4].low == "т":
            return True  # "в т.ч. 3 женщин": "in that number", not "part 3"
    return prev.low not in _BEFORE_NUMBER_NOT_COUNT and not (
        lang == "en" and _is_month(prev, lang)
    )


def _plain_after(lexemes: list[Lexeme], end: int, lang: Lang) -> bool:
    if end >= len(lexemes):
        return True
    nxt = lexemes[end]
    after = lexemes[end + 1] if end + 1 < len(lexemes) else None
    if nxt.text in _SYMBOLS_NOT_COUNT:
        return False
    if nxt.glued and nxt.kind == "word" and lexemes[end - 1].kind == "num":
        return False  # "31st", "5km"
    if nxt.glued and nxt.text in _DASHES and after is not None and after.glued:
        if after.kind == "num":
            return False  # phone numbers, "2023-2024" already failed as a range
        if after.kind == "word" and not (lang == "ru" and after.low in _RU_CASE_ENDINGS):
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
    if nxt.low in ("по", "и", "and", "to", "или", "or", ",", *_DASHES) and after is not None:
        if after.kind == "num" and end + 2 < len(lexemes) and _is_month(lexemes[end + 2], lang):
            return False
    return True


def _ru_noun(tokens: tuple[Token, ...], stop: int) -> tuple[str, bool]:
    """("people" | "thing" | "none", whether the deciding noun follows at once)."""
    k = 0
    while k < len(tokens) and tokens[k].start < stop:
        k += 1
    return _ru_classify(tokens, k, partitive=False)


def _counted_noun(tokens: tuple[Token, ...], stop: int) -> bool:
    after = [t for t in tokens if t.start >= stop][:1]
    return bool(after) and after[0].feat("Case") == "Gen"


def _ru_modifier(t: Token) -> bool:
    if t.pos in ("ADJ", "DET"):
        return True
    return t.pos == "VERB" and t.feat("VerbForm") == "Part" and t.feat("Variant") != "Short"


def _ru_classify(tokens: tuple[Token, ...], k: int, *, partitive: bool) -> tuple[str, bool]:
    skipped = 0
    while k < len(tokens) and skipped < 3 and _ru_modifier(tokens[k]):
        k += 1
        skipped += 1
    if k >= len(tokens):
        return ("people" if skipped else "none"), False
    t = tokens[k]
    if t.pos in ("NOUN", "PROPN"):
        if t.lemma in _RU_ACTORS:
            return "thing", skipped == 0 and not partitive
        if (t.lemma in _RU_PEOPLE_LEMMAS or t.lemma in _RU_ALLOWED_THINGS
                or t.feat("Animacy") == "Anim"):
            return "people", skipped == 0
        if partitive and skipped and tokens[k - 1].feat("Number") == "Plur" and (
            t.feat("Number") == "Sing"
        ):
            return "people", False  # "из лишённых гражданства": a noun-like participle
        return "thing", skipped == 0 and not partitive
    if skipped:
        return "people", False  # "11 задержанных": an adjective used as a noun
    if t.text.lower() == "из" and not partitive:
        if k + 1 < len(tokens) and tokens[k + 1].pos == "PRON":
            return "people", False
        verdict, _ = _ru_classify(tokens, k + 1, partitive=True)
        return ("people" if verdict == "none" else verdict), False
    return "none", False


def _en_noun(lexemes: list[Lexeme], k: int, *, partitive: bool = False) -> str:
    window: list[Lexeme] = []
    while k < len(lexemes) and len(window) < 4:
        x = lexemes[k]
        if x.kind != "word" or x.low in _EN_STOP:
            break
        window.append(x)
        k += 1
    for x in window:
        if x.low in _EN_ACTORS:
            return "thing"
        if _en_person(x.low):
            return "people"
        if x.low in _EN_THINGS:
            return "thing"
    if not window:
        if not partitive and k + 1 < len(lexemes) and lexemes[k].low == "of":
            k += 1
            if lexemes[k].low in _EN_OF_PEOPLE:
                return "people"
            while k < len(lexemes) and lexemes[k].low in ("the", "its", "their", "all", "our"):
                k += 1
            base = _read_phrase(lexemes, k, "en") if k < len(lexemes) else None
            if base is not None:
                k = base.end  # "two of the three (men)": the noun follows the base
            verdict = _en_noun(lexemes, k, partitive=True)
            return "people" if verdict == "none" else verdict
        return "none"
    window = [x for x in window if x.low not in _EN_BARE_MODIFIERS]
    if not window:
        return "none"  # "12 more", "two others"
    head = window[0]
    if head.low.endswith(("ed", "ly")) or head.low in _EN_VERBS:
        return "none"  # "27 deported", "four signed contracts"
    if all(x.text[:1].isupper() for x in window):
        return "people"  # "12 Uzbeks"
    return "thing"


# ---------------------------------------------------------------- public API


def extract_counts(sentence: Sentence, lang: Lang) -> list[Count]:
    """Every expression in ``sentence`` that counts people, in text order."""
    lexemes = lex(sentence.text)
    links = [(m.start(), m.end()) for m in _LINK.finditer(sentence.text)]
    found: list[Count] = []
    i = 0
    while i < len(lexemes):
        ph = _read_phrase(lexemes, i, lang)
        if ph is None:
            i += 1
            continue
        start, stop = lexemes[ph.start].start, lexemes[ph.end - 1].stop
        if found and _partitive_base(lexemes, found[-1], ph, sentence.start):
            i = ph.end  # "two of the three": the three is the group the two are taken from
            continue
        if _not_counted(lexemes, ph):
            i = ph.end
            continue
        if _people(lexemes, ph, sentence, lang) and not _in_link(start, stop, links) and not (
            _every_one(lexemes, ph)
        ):
            named = _and_others(lexemes, ph)
            qualifier = ph.qualifier
            if named is not None:
                start = lexemes[named].start  # "Shavkat and two others": the span holds all
            elif lang == "ru" and _inverted(lexemes, ph):
                # «человек сорок»: the noun put before the number makes it a guess
                start, qualifier = lexemes[ph.start - 1].start, "about"
            text = sentence.text[start:stop]
            span = Span(sentence.start + start, sentence.start + stop, text)
            one = 0 if named is None else 1
            found.append(Count(_plus(ph.min, one), _plus(ph.max, one), qualifier, text, span))
        i = ph.end
    return _summed(found, sentence)


# a gap word that parts two groups counted apart rather than joining them: places, times
_GAP_STOPS = frozenset(
    """in at on from to by during after before near в на во из у при после до по""".split()
)


def _summed(found: list[Count], sentence: Sentence) -> list[Count]:
    """ "five citizens of Azerbaijan and one citizen of Uzbekistan", «трое мужчин и две
    женщины»: two exact figures joined by "and" in one noun phrase are one group."""
    out: list[Count] = []
    for c in found:
        prev = out[-1] if out else None
        if prev is not None and _joined(prev, c, sentence):
            assert prev.span is not None and c.span is not None and prev.min and c.min
            start, stop = prev.span.start, c.span.stop
            text = sentence.text[start - sentence.start : stop - sentence.start]
            total = prev.min + c.min
            out[-1] = Count(total, total, "exact", text, Span(start, stop, text))
            continue
        out.append(c)
    return out


def _joined(a: Count, b: Count, sentence: Sentence) -> bool:
    if a.span is None or b.span is None or a.qualifier != "exact" or b.qualifier != "exact":
        return False
    if a.min is None or a.min != a.max or b.min is None or b.min != b.max:
        return False
    gap = sentence.text[a.span.stop - sentence.start : b.span.start - sentence.start]
    words = gap.split()
    return (
        2 <= len(words) <= 5
        and _has_noun_after(b, sentence)
        and words[-1].lower() in ("and", "и")
        and not any(ch in gap for ch in ",;:()—–-0123456789./")
        and not any(w.lower() in _GAP_STOPS for w in words)
        and not any(
            (w.lower() in _EN_STOP and w.lower() not in _NOUN_PHRASE_WORDS)
            or w.lower().endswith("ed")
            for w in words
        )
        and not any(
            t.pos in ("VERB", "AUX") and a.span.stop <= t.start < b.span.start
            for t in sentence.tokens
        )
    )


_NOUN_PHRASE_WORDS = frozenset("of the a an and".split())


def _has_noun_after(b: Count, sentence: Sentence) -> bool:
    """Whether the second figure has a noun of its own ("two citizens", «две женщины»), not
    a verb or "others" ("12 were detained", "two others fled")."""
    assert b.span is not None
    after = [t for t in sentence.tokens if t.start >= b.span.stop][:1]
    if not after:
        return False
    t = after[0]
    low = t.text.lower()
    if low in _EN_STOP or low in _EN_BARE_MODIFIERS or low.endswith("ed") or not t.text.isalpha():
        return False
    return t.pos in ("NOUN", "ADJ", "PROPN", "X")


# a web address or a bare domain path: "https://t.me/channel/4512", "t.me/x/12", "site.ru/123"
_LINK = re.compile(r"(?:https?://|www\.)\S+|\b[\w-]+(?:\.[\w-]+)+/\S*", re.I)
_EVERY = frozenset("every each каждый каждого каждому".split())


_OF = (("of",), ("of", "the"), ("of", "those"), ("из",), ("из", "этих"))


def _partitive_base(lexemes: list[Lexeme], prev: Count, ph: _Phrase, offset: int) -> bool:
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


def _not_counted(lexemes: list[Lexeme], ph: _Phrase) -> bool:
    """A figure that counts no one the event befell: companions ("held together with seven
    others", «вместе с двумя коллегами»), shares ("one in eight", «ни один»), capacities
    («банкет на 620 человек») and an age after a name ("Malika, 28,")."""
    before = [x.low for x in lexemes[max(0, ph.start - 3) : ph.start]]
    nxt = lexemes[ph.end].low if ph.end < len(lexemes) else ""
    if any(tuple(before[-len(c):]) == c for c in _COMPANIONS):
        return True
    if before[-1:] in (["with"], ["с"], ["со"]) and any(
        x.low in _ONE_PRONOUNS for x in lexemes[: ph.start]
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


def _in_link(start: int, stop: int, links: list[tuple[int, int]]) -> bool:
    return any(a <= start and stop <= b for a, b in links)


def _every_one(lexemes: list[Lexeme], ph: _Phrase) -> bool:
    """ "every one of them", "each one": all of a group, not a count of one."""
    return ph.min == 1 and ph.start > 0 and lexemes[ph.start - 1].low in _EVERY


def _inverted(lexemes: list[Lexeme], ph: _Phrase) -> bool:
    """«забрали человек сорок», «человек 15 посадили»: Russian approximate inversion (not
    «из 20 человек 15 отпустили», where the noun belongs to the number before it)."""
    return (
        ph.qualifier == "exact"
        and ph.min is not None
        and ph.min == ph.max
        and ph.start > 0
        and lexemes[ph.start - 1].low in _INVERTING
        and (ph.start < 2 or read_number(lexemes, ph.start - 2, "ru") is None)
    )


_INVERTING = frozenset("человек людей мужчин".split())


def _plus(value: int | None, n: int) -> int | None:
    return None if value is None else value + n


def _and_others(lexemes: list[Lexeme], ph: _Phrase) -> int | None:
    """Where "X and two others" / "он и ещё двое" begins (the named one counts too)."""
    i, end = ph.start, ph.end
    if i >= 3 and lexemes[i - 1].low in _THEIR_ONE and lexemes[i - 2].low in ("and", "и") and (
        lexemes[i - 3].low in _ONE_PERSON_WORDS
    ):
        return i - 3  # "a woman and her two children", «женщину и её троих детей»
    if i >= 2 and lexemes[i - 1].low == "and" and _one_named(lexemes[i - 2]) and (
        end < len(lexemes) and lexemes[end].low in ("others", "other")
    ):
        return i - 2
    if (
        i >= 3
        and lexemes[i - 1].low in ("ещё", "еще")
        and lexemes[i - 2].low == "и"
        and _one_named(lexemes[i - 3])
        and (end >= len(lexemes) or lexemes[end].kind != "word" or lexemes[end].low in _VERBISH)
        and ph.collective
    ):
        return i - 3
    return None


def _one_named(lx: Lexeme) -> bool:
    """A person named or pointed at: "Shavkat", "he", "он" (not "5 men")."""
    return lx.kind == "word" and (lx.text[:1].isupper() or lx.low in _ONE_PRONOUNS)


_THEIR_ONE = frozenset("her his её ее его".split())
_ONE_PERSON_WORDS = frozenset(
    """woman man mother father wife husband migrant worker женщина женщину женщины мать
    матери отец отца мужчина мужчину мужчины""".split()
)
_ONE_PRONOUNS = frozenset("he she him her он она его её ее".split())


# what may follow "он и ещё двое" directly: a verb, not a noun ("и ещё двое рабочих")
_VERBISH = frozenset("отказались были задержаны доставлены получили".split())


def parse_count(text: str, lang: Lang) -> Count | None:
    """Read a whole phrase ("не менее 3 000", "several hundred"); None if it is no count."""
    lexemes = lex(text)
    while lexemes and lexemes[-1].kind == "punct" and lexemes[-1].text in ".,;:!?":
        if lexemes[-1].text == "." and len(lexemes) > 1 and lexemes[-2].low in ("тыс", "млн"):
            break
        lexemes.pop()
    if not lexemes:
        return None
    ph = _read_phrase(lexemes, 0, lang)
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
