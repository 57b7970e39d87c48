"""One table of number words serves counts and dates (issue 22)."""

from __future__ import annotations

import pytest

from khronika.extract import calendar, relative
from khronika.extract.numwords import CARDINALS, EN_WORDS, RU_WORDS, cardinal


@pytest.mark.parametrize(
    ("word", "value"),
    [("трёх", 3), ("трех", 3), ("Пяти", 5), ("двадцать", 20), ("twelve", 12), ("a", 1),
     ("тридцатью", 30), ("nineteen", 19)],
)
def test_small_cardinals(word: str, value: int) -> None:
    assert cardinal(word) == value


@pytest.mark.parametrize("word", ["сто", "тысяча", "hundred", "several", "двое", "десяток"])
def test_not_a_small_cardinal(word: str) -> None:
    # big numbers, collectives and counting nouns are the count reader's, not the dates'
    assert cardinal(word) is None


def test_dates_read_the_shared_table() -> None:
    assert calendar.NUMBERS is CARDINALS
    assert relative.CARDINALS is CARDINALS
    every = {**RU_WORDS, **EN_WORDS}
    assert all(form in every or form in ("a", "an", "одни", "одних") or "ё" in form
               for form in CARDINALS)
