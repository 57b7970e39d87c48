"""Who a figure counts together: the named one in "Shavkat and two others" (``and_others``),
two figures of one noun phrase joined by "and" (``summed``), and the noun put before the
number in Russian, «человек сорок», which makes it a guess (``inverted``)."""

from __future__ import annotations

from khronika.extract.count_phrases import Phrase
from khronika.extract.count_words import EN_BARE_MODIFIERS, EN_STOP, ONE_PRONOUNS
from khronika.extract.numbers import Lexeme, read_number
from khronika.model import Count, Sentence, Span

# a gap word that parts two groups counted apart rather than joining them: places, times
_GAP_STOPS = frozenset(
    """in at on from to by during after before near в на во из у при после до по""".split()
)


def summed(found: list[Count], sentence: Sentence) -> list[Count]:
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
            (w.lower() in EN_STOP and w.lower() not in _NOUN_PHRASE_WORDS)
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
    if low in EN_STOP or low in EN_BARE_MODIFIERS or low.endswith("ed") or not t.text.isalpha():
        return False
    return t.pos in ("NOUN", "ADJ", "PROPN", "X")


def inverted(lexemes: list[Lexeme], ph: Phrase) -> bool:
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


def and_others(lexemes: list[Lexeme], ph: Phrase) -> int | None:
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
    return lx.kind == "word" and (lx.text[:1].isupper() or lx.low in ONE_PRONOUNS)


_THEIR_ONE = frozenset("her his её ее его".split())
_ONE_PERSON_WORDS = frozenset(
    """woman man mother father wife husband migrant worker женщина женщину женщины мать
    матери отец отца мужчина мужчину мужчины""".split()
)

# what may follow "он и ещё двое" directly: a verb, not a noun ("и ещё двое рабочих")
_VERBISH = frozenset("отказались были задержаны доставлены получили".split())
