"""Number formats a scraped page may carry must never raise: a crash here stopped whole runs.

"$1,234.5 thousand" and "12.345,6 тыс." mix both separators, "192.168.1" is an address;
none is a head count we read, and none may raise. Hypothesis then drives ``read_number``
over arbitrary digit-and-separator text at every lexeme.
"""

from __future__ import annotations

from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

from khronika.extract.counts import extract_counts
from khronika.extract.numbers import digits_value, lex, read_number
from khronika.model import Lang
from khronika.nlp import NLP, build_nlp

HOSTILE = ["$1,234.5 thousand", "12.345,6 тыс.", "192.168.1", "1.000.000,25", "3 000,5.7",
           "1,2,3", "0.5.", "10,000.000.1 млн", "1 234 567,891.2"]


@pytest.fixture(scope="module")
def nlp() -> NLP:
    return build_nlp()


@pytest.mark.parametrize("text", HOSTILE)
@pytest.mark.parametrize("lang", ["ru", "en"])
def test_mixed_separators_read_as_no_number(text: str, lang: Lang) -> None:
    lexemes = lex(text)
    for i in range(len(lexemes)):
        reading = read_number(lexemes, i, lang)
        assert reading is None or reading.end > i


def test_digits_value_reads_one_decimal_mark_and_refuses_repeated_separators() -> None:
    assert digits_value("1,234.5") == Fraction(12345, 10)
    assert digits_value("12.345,6") == Fraction(123456, 10)
    assert digits_value("3\u00a0000,5") == Fraction(30005, 10)
    assert digits_value("192.168.1") is None
    assert digits_value("1,234,5") is None
    assert digits_value("1,5") == digits_value("1.5")
    assert digits_value("3,000") == 3000


@pytest.mark.parametrize("text", [
    "Police detained $1,234.5 thousand migrants in Moscow; 192.168.1 were raided.",
    "В Москве полиция задержала 12.345,6 тыс. мигрантов, ещё 192.168.1 отвезли в военкомат.",
])
def test_counts_on_hostile_sentences_do_not_raise(nlp: NLP, text: str) -> None:
    lang: Lang = "en" if text.startswith("Police") else "ru"
    for sentence in nlp.analyze(text, lang):
        counts = extract_counts(sentence, lang)
        assert all(c.min is None or c.min > 0 for c in counts)


_number_text = st.lists(
    st.sampled_from([*"0123456789.,  \u00a0\u202f\u2009-–$%",
                     "тыс", "млн", " thousand", " сотни", " a ", "half", " dozen", "около "]),
    max_size=40).map("".join)


@given(_number_text, st.sampled_from(["ru", "en"]), st.booleans())
def test_read_number_never_raises_on_digit_soup(text: str, lang: Lang, qualified: bool) -> None:
    lexemes = lex(text)
    for i in range(len(lexemes) + 1):
        read_number(lexemes, i, lang, qualified=qualified)


@given(st.text(max_size=60), st.sampled_from(["ru", "en"]))
def test_read_number_never_raises_on_any_text(text: str, lang: Lang) -> None:
    lexemes = lex(text)
    for i in range(len(lexemes) + 1):
        read_number(lexemes, i, lang)
