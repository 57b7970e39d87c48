"""Each veto rule of the geocoder alone: a sentence where it says "not a place here" and one
where it lets the same kind of name through. Sentences written for these tests."""

from __future__ import annotations

from typing import Any

import pytest

from khronika.geocode.names import name_key
from khronika.geocode.vetoes import VETOES, Candidate, Veto, has_evidence, plausible, veto

RULES = {v.name: v for v in VETOES}


def _candidate(nlp: Any, geocoder: Any, text: str, lang: str, words: str, key: str,
               given: bool = True) -> Candidate:
    [sentence] = nlp.analyze(text, lang)
    tokens = [t.text for t in sentence.tokens]
    wanted = words.split()
    first = next(i for i in range(len(tokens)) if tokens[i : i + len(wanted)] == wanted)
    entries = geocoder.gazetteer.candidates(name_key(key), given=given)
    assert entries, key
    return Candidate(sentence, first, first + len(wanted), entries[0], lang,
                     geocoder._common_russian_word)


# rule, language, gazetteer key, (sentence, words) where it vetoes, (sentence, words) where not
CASES = [
    ("person", "ru", "владимир",
     ("Владимир Сергеевич Колокольцев подписал приказ.", "Владимир"),
     ("Во Владимире полиция проверила общежитие.", "Владимире")),
    ("street before", "ru", "мир",
     ("Облава прошла на проспекте Мира в пятницу.", "Мира"),
     ("Облава прошла в Мире в пятницу.", "Мире")),
    ("quoted title", "ru", "тверь",
     ("Об этом пишет газета «Тверь» со ссылкой на полицию.", "Тверь"),
     ("Об этом пишут в Твери со ссылкой на полицию.", "Твери")),
    ("street after", "en", "tver",
     ("Officers stopped migrants on Tver Street at dawn.", "Tver"),
     ("Officers stopped migrants in Tver at dawn.", "Tver")),
    ("title word after", "en", "moscow",
     ("The Moscow Times reported the raid on Monday.", "Moscow"),
     ("The raid in Moscow was reported on Monday.", "Moscow")),
    ("title word before", "ru", "тула",
     ("Радио Эхо Тулы сообщило о задержаниях.", "Тулы"),
     ("В Туле сообщили о задержаниях.", "Туле")),
    ("piece of a longer name", "ru", "средний",
     ("Рабочие из Средней Азии стояли у ворот склада.", "Средней"),
     ("Рабочих привезли в Средний на автобусе.", "Средний")),
    ("capitalised word after (English)", "en", "kazan",
     ("Police detained students of Kazan Federal University on Friday.", "Kazan"),
     ("Police detained students in Kazan on Friday.", "Kazan")),
    ("organisation", "ru", "москва",
     ("Журналисты газеты Вечерняя Москва пришли на рынок.", "Москва"),
     ("Сотрудники ГУ МВД по Москве задержали 30 человек.", "Москве")),
    ("first name before (English)", "en", "kirov",
     ("The square is named after Sergei Kirov now.", "Kirov"),
     ("The square in Kirov was cleared now.", "Kirov")),
    ("common word without a preposition", "en", "police",
     ("Yesterday Police detained forty workers.", "Police"),
     ("Workers were detained in Police yesterday.", "Police")),
    ("Latin word without NER (Russian)", "ru", "ipo",
     ("Компания вышла на IPO в прошлом году.", "IPO"),
     ("Мигрантов задержали в Москве в прошлом году.", "Москве")),
    ("Latin title (Russian)", "ru", "russia",
     ("По данным TNS Russia аудитория выросла.", "Russia"),
     ("По данным Russia аудитория выросла.", "Russia")),
    ("common word opening a sentence (Russian)", "ru", "тема",
     ("Тема задержаний обсуждалась весь день.", "Тема"),
     ("Задержания стали темой дня, сообщили в Теме.", "Теме")),
    ("street by its adjective (Russian)", "ru", "сенной",
     ("Два автобуса полиции стояли возле Сенной всё утро.", "Сенной"),
     ("Два автобуса полиции стояли в Сенном всё утро.", "Сенном")),
    ("airport named after a village", "ru", "рощино",
     ("Его выслали через аэропорт Рощино в среду.", "Рощино"),
     ("Его задержали в посёлке Рощино в среду.", "Рощино")),
    ("adjective of a noun phrase (Russian)", "ru", "приволжский",
     ("Об этом сообщили в Приволжском линейном управлении полиции.", "Приволжском"),
     ("В Приволжском полиция задержала двоих.", "Приволжском")),
    ("district named by an adjective (English)", "en", "oktyabrsky",
     ("Police checked a market in the Oktyabrsky district overnight.", "Oktyabrsky"),
     ("Police checked a market in Oktyabrsky overnight.", "Oktyabrsky")),
    ("month (English)", "en", "march",
     ("The hotline took 90 calls in March this year.", "March"),
     ("The hotline took 90 calls from Bristol this year.", "Bristol")),
]


def _ids(case: tuple[Any, ...]) -> str:
    return str(case[0])


@pytest.mark.parametrize("case", CASES, ids=[_ids(c) for c in CASES])
def test_veto_rule_alone(nlp: Any, geocoder: Any, case: tuple[Any, ...]) -> None:
    rule, lang, key, (vetoed, words), (kept, kept_words) = case
    applies = RULES[rule].applies
    assert applies(_candidate(nlp, geocoder, vetoed, lang, words, key))
    assert not applies(_candidate(nlp, geocoder, kept, lang, kept_words, key))


def test_every_rule_has_a_case() -> None:
    assert {c[0] for c in CASES} == set(RULES)


def test_airport_named_after_a_village_english(nlp: Any, geocoder: Any) -> None:
    vetoed = _candidate(nlp, geocoder, "He was flown out of Vnukovo airport on Monday.", "en",
                        "Vnukovo", "vnukovo")
    kept = _candidate(nlp, geocoder, "He was held in Vnukovo on Monday.", "en",
                      "Vnukovo", "vnukovo")
    assert RULES["airport named after a village"].applies(vetoed)
    assert not RULES["airport named after a village"].applies(kept)


def test_the_first_rule_that_applies_is_named(nlp: Any, geocoder: Any) -> None:
    c = _candidate(nlp, geocoder, "The Moscow Times reported the raid.", "en", "Moscow", "moscow")
    found = veto(c)
    assert found is not None and found.name == "title word after"
    assert not plausible(c)


@pytest.mark.parametrize(
    ("text", "lang", "words", "key", "expected"),
    [
        ("Рабочих задержали в Твери.", "ru", "Твери", "тверь", True),  # a preposition
        ("Officers came to Nizhny Novgorod.", "en", "Nizhny Novgorod", "nizhny novgorod", True),
        ("Тула ответила отказом.", "ru", "Тула", "тула", True),  # a big city, NER or not
        # a dateline: capitals, or the region or the day after the comma
        ("CHEKHOV, Moscow region — Police raided a depot.", "en", "CHEKHOV", "chekhov", True),
        ("Chekhov, Moscow region — Police raided a depot.", "en", "Chekhov", "chekhov", True),
        ("ЧЕХОВ, 14 марта — полиция провела рейд на складе.", "ru", "ЧЕХОВ", "чехов", True),
        ("Chekhov, the writer, loved this town.", "en", "Chekhov", "chekhov", False),
    ],
)
def test_evidence_a_place_needs(nlp: Any, geocoder: Any, text: str, lang: str, words: str,
                                key: str, expected: bool) -> None:
    assert has_evidence(_candidate(nlp, geocoder, text, lang, words, key)) is expected


def test_every_rule_is_named_and_documented() -> None:
    assert len(RULES) == len(VETOES)
    for rule in VETOES:
        assert isinstance(rule, Veto) and rule.applies.__doc__, rule.name
