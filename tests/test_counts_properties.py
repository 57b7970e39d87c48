"""Property tests for the count reader: round trips, bounds, number words, and no crash on
arbitrary text."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from khronika.extract.counts import extract_counts, parse_count, render_count
from khronika.model import QUALIFIERS, Count, Lang
from khronika.nlp import NLP, build_nlp

CI = settings(max_examples=200, deadline=None,
              suppress_health_check=[HealthCheck.function_scoped_fixture])
LANGS: tuple[Lang, ...] = ("ru", "en")


@pytest.fixture(scope="session")
def counts_props_nlp() -> NLP:
    return build_nlp()


_n = st.integers(min_value=1, max_value=5_000_000)
_several = st.sampled_from(
    [(24, 99), (200, 999), (2000, 9999), (20000, 99999), (200000, 999999)]
)


@st.composite
def counts(draw: st.DrawFn) -> Count:
    q = draw(st.sampled_from(
        ["exact", "at_least", "more_than", "about", "up_to", "less_than", "range", "several"]
    ))
    if q == "several":
        low, high = draw(_several)
        return Count(low, high, "several")
    if q == "range":
        low = draw(_n)
        return Count(low, low + draw(st.integers(1, 1000)), "range")
    n = draw(_n)
    bounds = {
        "exact": (n, n), "about": (n, n), "at_least": (n, None),
        "more_than": (n + 1, None), "up_to": (None, n), "less_than": (None, n - 1),
    }[q]
    return Count(*bounds, q)  # type: ignore[arg-type]


@CI
@given(counts(), st.sampled_from(LANGS))
def test_counts_render_parse_round_trip(count: Count, lang: Lang) -> None:
    parsed = parse_count(render_count(count, lang), lang)
    assert parsed is not None
    assert (parsed.min, parsed.max, parsed.qualifier) == (count.min, count.max, count.qualifier)


def _check(c: Count) -> None:
    assert c.qualifier in QUALIFIERS
    if c.min is not None and c.max is not None:
        assert c.min <= c.max
    assert c.min is not None or c.max is not None


_VOCAB = (
    "более менее около до от не по меньшей мере с лишним тыс . , - – тысяч сотни десятки "
    "несколько полторы полусотни двое пятерых трёх сорока человек мигрантов декабря года "
    "at least more than about up to between and from to dozen dozens hundred hundreds a "
    "thousand several fewer than of them people were Dec 31 2023 1,5 3 000 3,000 12 - 5 % $"
).split()
_texts = st.one_of(
    st.text(max_size=120),
    st.lists(st.sampled_from(_VOCAB), max_size=14).map(" ".join),
)


@CI
@given(_texts, st.sampled_from(LANGS))
def test_counts_parse_any_string(text: str, lang: Lang) -> None:
    c = parse_count(text, lang)
    assert c is None or isinstance(c, Count)
    if c is not None:
        _check(c)


@CI
@given(_texts, st.sampled_from(LANGS))
def test_counts_extract_any_text(counts_props_nlp: NLP, text: str, lang: Lang) -> None:
    doc = "Начало. " + text if lang == "ru" else "Start. " + text
    for sentence in counts_props_nlp.analyze(doc, lang):
        found = extract_counts(sentence, lang)
        last = -1
        for c in found:
            _check(c)
            assert c.span is not None
            assert doc[c.span.start : c.span.stop] == c.text
            assert sentence.start <= c.span.start < c.span.stop <= sentence.stop
            assert c.span.start >= last
            last = c.span.stop


# ---------------------------------------------------------------- number words

_EN_UNITS = ("zero one two three four five six seven eight nine ten eleven twelve thirteen "
             "fourteen fifteen sixteen seventeen eighteen nineteen").split()
_EN_TENS = "_ _ twenty thirty forty fifty sixty seventy eighty ninety".split()


def _en_below_1000(n: int) -> str:
    words = []
    if n >= 100:
        words += [_EN_UNITS[n // 100], "hundred"]
        n %= 100
        if n:
            words.append("and")
    if n >= 20:
        words.append(_EN_TENS[n // 10] + (f"-{_EN_UNITS[n % 10]}" if n % 10 else ""))
    elif n:
        words.append(_EN_UNITS[n])
    return " ".join(words)


def _en_words(n: int) -> str:
    thousands, rest = divmod(n, 1000)
    parts = [f"{_en_below_1000(thousands)} thousand"] if thousands else []
    if rest:
        parts.append(_en_below_1000(rest))
    return " ".join(parts)


_RU_UNITS = ("ноль один два три четыре пять шесть семь восемь девять десять одиннадцать "
             "двенадцать тринадцать четырнадцать пятнадцать шестнадцать семнадцать "
             "восемнадцать девятнадцать").split()
_RU_TENS = "_ _ двадцать тридцать сорок пятьдесят шестьдесят семьдесят восемьдесят девяносто"
_RU_HUNDREDS = "_ сто двести триста четыреста пятьсот шестьсот семьсот восемьсот девятьсот"


def _ru_below_1000(n: int, feminine: bool = False) -> list[str]:
    words = []
    if n >= 100:
        words.append(_RU_HUNDREDS.split()[n // 100])
        n %= 100
    if n >= 20:
        words.append(_RU_TENS.split()[n // 10])
        n %= 10
    if n:
        unit = _RU_UNITS[n]
        if feminine and n in (1, 2):
            unit = "одна" if n == 1 else "две"
        words.append(unit)
    return words


def _ru_words(n: int) -> str:
    thousands, rest = divmod(n, 1000)
    words: list[str] = []
    if thousands:
        words += _ru_below_1000(thousands, feminine=True)
        last = thousands % 100
        if 10 < last < 20 or last % 10 in (0, 5, 6, 7, 8, 9):
            words.append("тысяч")
        else:
            words.append("тысяча" if last % 10 == 1 else "тысячи")
    return " ".join(words + _ru_below_1000(rest))


@CI
@given(st.integers(min_value=2, max_value=999_999))
def test_counts_english_number_words(n: int) -> None:
    c = parse_count(_en_words(n), "en")
    assert c is not None, _en_words(n)
    assert (c.min, c.max, c.qualifier) == (n, n, "exact")


@CI
@given(st.integers(min_value=2, max_value=999_999))
def test_counts_russian_number_words(n: int) -> None:
    c = parse_count(_ru_words(n), "ru")
    assert c is not None, _ru_words(n)
    assert (c.min, c.max, c.qualifier) == (n, n, "exact")


_RU_LEMMAS = [
    ("один", 1), ("два", 2), ("три", 3), ("четыре", 4), ("пять", 5), ("восемь", 8),
    ("одиннадцать", 11), ("двадцать", 20), ("тридцать", 30), ("сорок", 40),
    ("пятьдесят", 50), ("восемьдесят", 80), ("девяносто", 90), ("сто", 100),
    ("двести", 200), ("триста", 300), ("четыреста", 400), ("пятьсот", 500),
    ("восемьсот", 800), ("девятьсот", 900), ("двое", 2), ("трое", 3), ("четверо", 4),
    ("пятеро", 5), ("десятеро", 10), ("оба", 2),
]


@pytest.mark.parametrize(("lemma", "value"), _RU_LEMMAS)
def test_counts_russian_numeral_every_form(counts_props_nlp: NLP, lemma: str, value: int
                                           ) -> None:
    """Every form pymorphy generates for a numeral reads as that numeral."""
    parses = [p for p in counts_props_nlp.russian.morph_vocab.parse(lemma)
              if p.normal_form == lemma]
    assert parses
    forms = {f.word for p in parses for f in p.lexeme if "NUMR" in f.tag or "Coll" in f.tag}
    forms = {f for f in forms if " " not in f} or {lemma}
    for form in sorted(forms):
        c = parse_count(form, "ru")
        assert c is not None, form
        assert (c.min, c.max) == (value, value), form
