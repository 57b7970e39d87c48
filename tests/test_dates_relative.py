"""Dates relative to the story's previous event, in sentences written for these tests."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from khronika.extract.relative import extract_relative_date
from khronika.model import DateRange

MONDAY = DateRange(date(2025, 6, 2), date(2025, 6, 2), "day")
NIGHT = DateRange(date(2024, 12, 31), date(2025, 1, 1), "day")
WEEK = DateRange(date(2025, 6, 2), date(2025, 6, 8), "week")

CASES = [
    ("en", "Two days later, police detained 30 workers in Tula.", MONDAY, date(2025, 6, 4)),
    ("en", "Three days after, the court ordered them deported.", MONDAY, date(2025, 6, 5)),
    (
        "en",
        "The next day, eleven of them were taken to the enlistment office.",
        MONDAY,
        date(2025, 6, 3),
    ),
    ("en", "A day later the men were released.", NIGHT, date(2025, 1, 2)),
    ("en", "The day before, officers had checked the hostel.", MONDAY, date(2025, 6, 1)),
    ("en", "Two days earlier, the same market was raided.", MONDAY, date(2025, 5, 31)),
    ("ru", "Через два дня в Туле задержали ещё 30 рабочих.", MONDAY, date(2025, 6, 4)),
    ("ru", "Спустя 3 дня суд постановил выдворить их.", MONDAY, date(2025, 6, 5)),
    ("ru", "На следующий день их отвезли в военкомат.", MONDAY, date(2025, 6, 3)),
    ("ru", "Накануне полиция проверила общежитие.", MONDAY, date(2025, 6, 1)),
    ("ru", "На следующий день задержанных отпустили.", NIGHT, date(2025, 1, 2)),
    # numbers past seven come from the shared number-word table (extract/numwords.py)
    ("en", "Twelve days later, the hostel was searched again.", MONDAY, date(2025, 6, 14)),
    ("ru", "Через четырнадцать дней рейд на складе повторили.", MONDAY, date(2025, 6, 16)),
    # the same day as the story's last event
    ("en", "Four of the men signed contracts that afternoon.", MONDAY, date(2025, 6, 2)),
    ("en", "Later that day the court fined nine of them.", MONDAY, date(2025, 6, 2)),
    ("ru", "В тот же день шестерых отвезли в военкомат.", MONDAY, date(2025, 6, 2)),
]


def test_dates_relative_same_day_inside_one_sentence_is_not_the_story(nlp: Any) -> None:
    text = "Relatives said the men were taken from the depot and sent to a unit the same day."
    [sentence] = nlp.analyze(text, "en")
    assert extract_relative_date(sentence, "en", MONDAY) is None


@pytest.mark.parametrize(("lang", "text", "anchor", "day"), CASES)
def test_dates_relative_resolves_against_the_story(
    nlp: Any, lang: str, text: str, anchor: DateRange, day: date
) -> None:
    [sentence] = nlp.analyze(text, lang)
    found = extract_relative_date(sentence, lang, anchor)
    assert found is not None
    assert (found.start, found.end, found.precision) == (day, day, "day")
    assert found.span is not None
    assert text[found.span.start - sentence.start : found.span.stop - sentence.start] == found.text


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("en", "Days earlier, the migration department had stripped him of his citizenship."),
        ("en", "Weeks later, the men were sent to a military unit."),
        ("ru", "Несколькими днями ранее его лишили гражданства."),
        ("ru", "Позднее их отправили в воинскую часть."),
    ],
)
def test_dates_relative_vague_gives_unknown(nlp: Any, lang: str, text: str) -> None:
    [sentence] = nlp.analyze(text, lang)
    found = extract_relative_date(sentence, lang, MONDAY)
    assert found is not None
    assert (found.start, found.end, found.precision) == (None, None, "unknown")


def test_dates_relative_needs_a_day_anchor(nlp: Any) -> None:
    [sentence] = nlp.analyze("Two days later, police detained 30 workers.", "en")
    found = extract_relative_date(sentence, "en", WEEK)
    assert found is not None and found.precision == "unknown"
    [plain] = nlp.analyze("Police detained 30 workers in Tula.", "en")
    assert extract_relative_date(plain, "en", MONDAY) is None
