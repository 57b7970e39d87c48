"""Whether a number phrase counts people (``counts_people``): nothing beside it makes it a date
or an article (``count_context``), and its noun is a person's: Russian nouns by the tagger's
animacy, English nouns by word lists and agent suffixes."""

from __future__ import annotations

from khronika.extract.count_context import plain_after, plain_before
from khronika.extract.count_phrases import Phrase, read_phrase
from khronika.extract.count_words import (
    EN_ACTORS,
    EN_AGENT_SUFFIXES,
    EN_ALLOWED_THINGS,
    EN_BARE_MODIFIERS,
    EN_NOT_AGENTS,
    EN_OF_PEOPLE,
    EN_PEOPLE,
    EN_STOP,
    EN_THINGS,
    EN_VERBS,
    RU_ACTORS,
    RU_ALLOWED_THINGS,
    RU_PEOPLE_LEMMAS,
)
from khronika.extract.numbers import Lexeme
from khronika.model import Lang, Sentence, Token


def _en_person(word: str) -> bool:
    if word in EN_PEOPLE or word in EN_ALLOWED_THINGS:
        return True
    return word.endswith(EN_AGENT_SUFFIXES) and word not in EN_NOT_AGENTS


def counts_people(lexemes: list[Lexeme], ph: Phrase, sentence: Sentence | None, lang: Lang) -> bool:
    if not plain_before(lexemes, ph.start, lang) or not plain_after(lexemes, ph.end, lang):
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
        if t.lemma in RU_ACTORS:
            return "thing", skipped == 0 and not partitive
        if (t.lemma in RU_PEOPLE_LEMMAS or t.lemma in RU_ALLOWED_THINGS
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
        if x.kind != "word" or x.low in EN_STOP:
            break
        window.append(x)
        k += 1
    for x in window:
        if x.low in EN_ACTORS:
            return "thing"
        if _en_person(x.low):
            return "people"
        if x.low in EN_THINGS:
            return "thing"
    if not window:
        if not partitive and k + 1 < len(lexemes) and lexemes[k].low == "of":
            k += 1
            if lexemes[k].low in EN_OF_PEOPLE:
                return "people"
            while k < len(lexemes) and lexemes[k].low in ("the", "its", "their", "all", "our"):
                k += 1
            base = read_phrase(lexemes, k, "en") if k < len(lexemes) else None
            if base is not None:
                k = base.end  # "two of the three (men)": the noun follows the base
            verdict = _en_noun(lexemes, k, partitive=True)
            return "people" if verdict == "none" else verdict
        return "none"
    window = [x for x in window if x.low not in EN_BARE_MODIFIERS]
    if not window:
        return "none"  # "12 more", "two others"
    head = window[0]
    if head.low.endswith(("ed", "ly")) or head.low in EN_VERBS:
        return "none"  # "27 deported", "four signed contracts"
    if all(x.text[:1].isupper() for x in window):
        return "people"  # "12 Uzbeks"
    return "thing"
