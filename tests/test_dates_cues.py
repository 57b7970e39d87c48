"""Date cues read from a sentence's wording, in sentences written for these tests: a week
named with "the", a clock time told as it goes on, a completion time, a rite's weekday, an
outlet called "Today"."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from khronika.extract.dates import extract_dates
from khronika.model import Lang
from khronika.nlp import NLP

from .test_dates_table import test_weekday_inside_named_week as story_dates

D = date.fromisoformat


@pytest.mark.parametrize(("text", "lang", "published", "expected"), [
    # "the previous week" is last week, not the publication day
    ("The court in Tula fined 14 men detained at a depot the previous week.", "en",
     "2025-11-17", [("2025-11-10", "2025-11-16", "week")]),
    ("Inspectors came back the following week.", "en", "2025-11-17", []),
    # a clock time with no date, told in the present, is the day of publication
    ("Officers have sealed off the bus station in Kazan since around 9 a.m.", "en",
     "2025-06-19", [("2025-06-19", "2025-06-19", "day")]),
    ("С самого утра полицейские проверяют документы у торговцев на рынке в Твери.", "ru",
     "2026-01-24", [("2026-01-24", "2026-01-24", "day")]),
    # ... but not in a past story, and not beside a date the sentence names
    ("Officers sealed off the bus station in Kazan since 9 a.m. that day.", "en", "2025-06-19",
     []),
    ("В понедельник с утра полицейские проверяют документы на рынке.", "ru", "2025-06-20",
     [("2025-06-16", "2025-06-16", "day")]),
    # "by Friday evening", «к вечеру среды»: when it was done, not a deadline
    ("By Thursday evening a court in Perm had fined nine of the workers.", "en", "2025-06-20",
     [("2025-06-19", "2025-06-19", "day")]),
    ("К вечеру четверга суд в Перми оштрафовал девятерых рабочих.", "ru", "2025-06-20",
     [("2025-06-19", "2025-06-19", "day")]),
    ("The men must leave Russia by Friday.", "en", "2025-06-18", []),
    ("Они должны покинуть Россию к вечеру пятницы.", "ru", "2025-06-18", []),
    # an outlet's name is not the day
    ("Twelve men were taken to the enlistment office, the channel Omsk Today reported.", "en",
     "2024-10-15", []),
    ("Today police in Omsk checked the papers of market traders.", "en", "2024-10-15",
     [("2024-10-15", "2024-10-15", "day")]),
    # the day of an appointment a summons sets is not the day it was served
    ("Officers handed the student a summons ordering him to report to the enlistment office "
     "on October 5.", "en", "2024-10-10", []),
    ("Студенту вручили повестку с требованием явиться в военкомат 5 октября.", "ru",
     "2024-10-10", []),
    ("On October 3 officers handed the student a summons to appear on October 5.", "en",
     "2024-10-10", [("2024-10-03", "2024-10-03", "day")]),
    # midnight on a day: the night from that day into the next, or after midnight into it
    ("Shortly before midnight last Thursday officers raided a hostel in Kazan.", "en",
     "2022-10-19", [("2022-10-13", "2022-10-14", "day")]),
    ("Officers raided the hostel just after midnight on Friday.", "en", "2022-10-19",
     [("2022-10-13", "2022-10-14", "day")]),
    ("Около полуночи в четверг полицейские пришли в общежитие в Казани.", "ru", "2022-10-19",
     [("2022-10-13", "2022-10-14", "day")]),
    ("После полуночи в пятницу полицейские пришли в общежитие.", "ru", "2022-10-19",
     [("2022-10-13", "2022-10-14", "day")]),
    # a vague span told up to now runs to the report
    ("Over the past few weeks raids in several towns have netted hundreds of migrants.", "en",
     "2024-08-27", [("2024-08-06", "2024-08-27", "week")]),
    ("За последние несколько месяцев полиция задержала сотни мигрантов.", "ru", "2024-08-27",
     [("2024-05-27", "2024-08-27", "month")]),
])
def test_date_cues(
    nlp: NLP, text: str, lang: Lang, published: str, expected: list[tuple[str, str, str]]
) -> None:
    got = [
        (str(r.start), str(r.end), r.precision)
        for sentence in nlp.analyze(text, lang)
        for r in extract_dates(sentence, lang, D(published))
    ]
    assert got == expected


@pytest.mark.parametrize(("published", "lang", "texts", "expected"), [
    # beside another date, a rite's weekday is not the event's day
    ("2026-02-12", "en", ["In mid-January officers stopped men leaving Sunday services at a "
                          "church in Tver and detained 11 migrants."],
     ("2026-01-11", "2026-01-20")),
    # alone, it is the day: "after Friday prayers"
    ("2025-06-14", "en", ["Police detained 40 migrants outside a mosque in Kazan after Friday "
                          "prayers."],
     ("2025-06-13", "2025-06-13")),
    # a completion time dates its own sentence; the story stays on the raid's day
    ("2025-06-20", "en", ["On Wednesday police raided a market in Chita and detained 30 men.",
                          "By Friday morning a court had fined 12 of them.",
                          "Four of the detained men were also handed summonses."],
     ("2025-06-18", "2025-06-18")),
    ("2025-06-20", "ru", ["В среду полиция провела рейд на рынке в Чите и задержала 30 человек.",
                          "К вечеру четверга суд оштрафовал 12 из них.",
                          "Четверым задержанным также вручили повестки."],
     ("2025-06-18", "2025-06-18")),
    # "the same day" after an event dated by a period is within that period
    ("2024-10-15", "en", ["In late September, police raided markets in Samara and Penza.",
                          "The same day, seven men in Penza were taken to the enlistment office."],
     ("2024-09-21", "2024-09-30")),
])
def test_story_date_cues(
    resources: Any, tmp_path: Any, published: str, lang: str, texts: list[str],
    expected: tuple[str, str],
) -> None:
    story_dates(resources, tmp_path, published, lang, texts, expected)


@pytest.mark.parametrize(("published", "lang", "texts", "expected"), [
    # custody told in the present began with the story's event: it keeps the story's day
    ("2025-03-12", "en", ["On Monday police raided a sawmill near Tver.",
                          "Nine men are being held at a centre for foreign nationals."],
     ("2025-03-10", "2025-03-10")),
    # "received summonses in March": the date of what they received, not of the people
    ("2025-07-22", "en", ["In Kaluga two naturalized men received summonses in March and "
                          "never reported."],
     ("2025-03-01", "2025-03-31")),
    ("2025-07-22", "en", ["Two men who became citizens in 2021 were handed summonses "
                          "in Kaluga on July 14."],
     ("2025-07-14", "2025-07-14")),
    # what the people "received" is theirs only when it is a status or a paper
    ("2025-09-24", "en", ["On September 2 police in Kaluga raided a market.",
                          "The ombudsman said she had received six complaints since June about "
                          "pressure on migrants in Kaluga to sign army contracts."],
     ("2025-06-01", "2025-09-24")),
    ("2025-09-24", "ru", ["2 сентября полиция провела рейд на рынке в Калуге.",
                          "Двое мужчин, получивших паспорта в 2022 году, получили повестки."],
     ("2025-09-02", "2025-09-02")),
    # the day a man took the oath of citizenship is his, not the story's next event's
    ("2025-09-24", "en", ["On September 2 police in Kaluga raided a market.",
                          "One of the men took the oath of citizenship of Russia on 14 June "
                          "2024 and never registered with the military.",
                          "Officers in Kaluga handed him a summons."],
     ("2025-09-02", "2025-09-02")),
    ("2025-09-24", "ru", ["2 сентября полиция провела рейд на рынке в Калуге.",
                          "Один из мужчин принял присягу гражданина России 14 июня 2024 года и "
                          "так и не встал на воинский учёт.",
                          "Полицейские в Калуге вручили ему повестку."],
     ("2025-09-02", "2025-09-02")),
    # ... but an event told between the oath and the day keeps the day
    ("2025-09-24", "en", ["Two men who took the oath of citizenship were handed summonses in "
                          "Kaluga on July 14."],
     ("2025-07-14", "2025-07-14")),
    # a check told again after the court's next day is the check's day
    ("2025-05-12", "en", ["On May 5 police raided a market in Tver and detained 30 migrants.",
                          "The next day a court in Tver fined 20 of them.",
                          "Police in Tver confirmed that a check had been held at the market."],
     ("2025-05-05", "2025-05-05")),
    ("2025-05-12", "ru", ["5 мая полиция провела рейд на рынке в Твери и задержала 30 мигрантов.",
                          "На следующий день суд в Твери оштрафовал 20 из них.",
                          "В полиции Твери подтвердили, что на рынке прошла проверка."],
     ("2025-05-05", "2025-05-05")),
    # a past before the story's past, told inside the sentence, is not the story's day
    ("2022-06-03", "en", ["On June 2 officers came to a student's hostel in Moscow.",
                          "He learned later that the hostel staff had earlier handed him a "
                          "summons in Moscow."],
     ("None", "None")),
    ("2022-06-03", "ru", ["2 июня полицейские пришли в общежитие к студенту в Москве.",
                          "Как выяснилось, ранее уже ему вручали повестку в Москве через "
                          "коменданта общежития."],
     ("None", "None")),
    # a sentence telling no event moves the story to the narrowest date it names
    ("2025-12-10", "ru", ["В аэропорту Самары, где в ноябре открылся новый пункт контроля, "
                          "во вторник встречали рейсы из Душанбе.",
                          "Троих иностранцев задержали."],
     ("2025-12-09", "2025-12-09")),
    ("2025-12-10", "en", ["At Samara airport, where a new checkpoint opened in November, officers "
                          "met flights from Dushanbe on Tuesday.",
                          "Three foreigners were detained."],
     ("2025-12-09", "2025-12-09")),
])
def test_story_date_context(
    resources: Any, tmp_path: Any, published: str, lang: str, texts: list[str],
    expected: tuple[str, str],
) -> None:
    story_dates(resources, tmp_path, published, lang, texts, expected)


@pytest.mark.parametrize(("published", "lang", "texts", "expected"), [
    # a court rules after the check that found the people: from that day to publication
    ("2025-08-14", "en", ["A district court in Bryansk has ordered the expulsion of 17 foreign "
                          "citizens detained during a check at a bus depot on August 11."],
     ("2025-08-11", "2025-08-14")),
    ("2025-03-17", "ru", ["Районный суд Брянска рассмотрел дела 17 иностранцев, выявленных "
                          "11 марта в ходе проверки автобазы."],
     ("2025-03-11", "2025-03-17")),
    ("2025-03-17", "ru", ["11 марта полиция провела рейд на автобазе в Брянске и задержала "
                          "17 иностранцев.",
                          "Суд оштрафовал всех задержанных."],
     ("2025-03-11", "2025-03-17")),
    # a report drawn up on the spot is the check's own day
    ("2025-03-17", "ru", ["11 марта полиция провела рейд на автобазе в Брянске и задержала "
                          "17 иностранцев.",
                          "На всех составлены административные протоколы."],
     ("2025-03-11", "2025-03-11")),
    # "over the following three days": the days after the story's day
    ("2025-04-10", "en", ["On March 14 police raided a warehouse near Tula and detained 40 "
                          "migrant workers.",
                          "A court fined 31 of them over the following three days."],
     ("2025-03-15", "2025-03-17")),
    # a practice going on, "now" or "also", keeps no day
    ("2025-04-10", "en", ["On March 14 police raided a warehouse near Tula and detained 40 "
                          "migrant workers.",
                          "Raids on migrants are now being carried out at markets in Tula too."],
     ("None", "None")),
])
def test_court_and_following_days(
    resources: Any, tmp_path: Any, published: str, lang: str, texts: list[str],
    expected: tuple[str, str],
) -> None:
    story_dates(resources, tmp_path, published, lang, texts, expected)


def _first_sentence_dates(resources: Any, tmp_path: Any, published: str, lang: str,
                          texts: list[str]) -> set[tuple[str, str, str]]:
    import json

    from khronika.pipeline import process_inputs

    doc = {"id": "l", "url": "https://example.org/l", "outlet": "test", "title": "",
           "published": published, "language": lang, "text": " ".join(texts)}
    src = tmp_path / "doc.jsonl"
    src.write_text(json.dumps(doc, ensure_ascii=False) + "\n", "utf-8")
    [outcome] = list(process_inputs([src], resources=resources))
    first = min(c.evidence.start for c in outcome.claims)
    return {(c.event_type, str(c.date.start), str(c.date.end)) for c in outcome.claims
            if c.evidence.start == first}


@pytest.mark.parametrize(("published", "lang", "texts", "expected"), [
    # the lede sums up; the body dates the same events at the same place
    ("2025-02-19", "en", ["A court in Kostroma has fined 15 migrant workers after a police raid "
                          "on a brickworks, their relatives say.",
                          "The raid took place on February 12, when officers arrived at the "
                          "start of the morning shift.",
                          "The next day, a court in Kostroma fined 15 of the workers."],
     {("raid", "2025-02-12", "2025-02-12"), ("prosecution", "2025-02-13", "2025-02-13")}),
    ("2025-02-19", "ru", ["Суд в Костроме оштрафовал 15 мигрантов после рейда полиции на "
                          "кирпичный завод.",
                          "Рейд прошёл 12 февраля, полицейские приехали к началу утренней смены.",
                          "На следующий день суд в Костроме оштрафовал 15 рабочих."],
     {("raid", "2025-02-12", "2025-02-12"), ("prosecution", "2025-02-13", "2025-02-13")}),
    # the body's day may be carried from the sentence before it
    ("2025-03-12", "en", ["Lawyers say migrants held after a check at a depot in Kazan were "
                          "pushed to sign army contracts at a police station.",
                          "On March 3 police in Kazan checked the papers of 90 loaders at the "
                          "depot.",
                          "At the station, officers in Kazan pushed the detained men to sign "
                          "army contracts."],
     {("recruitment_pressure", "2025-03-03", "2025-03-03"), ("raid", "2025-03-03", "2025-03-03"),
      ("detention", "2025-03-03", "2025-03-03")}),
    ("2025-03-12", "ru", ["Мигрантов, задержанных на овощебазе в Казани, в отделе полиции "
                          "склоняли подписать контракт с Минобороны, говорят адвокаты.",
                          "3 марта полицейские в Казани проверили документы у 90 грузчиков "
                          "овощебазы.",
                          "В отделе в Казани задержанных склоняли подписать контракт с "
                          "Минобороны."],
     {("recruitment_pressure", "2025-03-03", "2025-03-03")}),
    # a raid in the lede is the check whose detentions the body dates
    ("2025-05-20", "en", ["TVER — Riot police raided a sawmill in Tver as the night shift was "
                          "ending and lined the migrant workers up against a wall.",
                          "Police said later that 40 foreigners had been detained at the sawmill "
                          "in Tver on May 9."],
     {("raid", "2025-05-09", "2025-05-09")}),
    ("2025-05-20", "ru", ["Бойцы ОМОНа провели рейд на пилораме в Твери под конец ночной смены и "
                          "выстроили рабочих-мигрантов у стены.",
                          "Позже в полиции сообщили, что 9 мая на пилораме в Твери задержали 40 "
                          "иностранцев."],
     {("raid", "2025-05-09", "2025-05-09")}),
    # ... but not a recap's earlier detentions
    ("2025-05-20", "en", ["Police raided two warehouses on the edge of Tver and checked the "
                          "papers of migrant workers.",
                          "Earlier, on May 2, officers in Tver had detained 40 foreigners."],
     {("raid", "None", "None")}),
    ("2025-05-20", "ru", ["В Твери полицейские провели рейд на двух складах и проверили документы "
                          "у рабочих-мигрантов.",
                          "Ранее, 2 мая, в Твери уже задерживали 40 иностранцев."],
     {("raid", "None", "None")}),
    # a practice still going on in the lede stays undated
    ("2025-02-19", "en", ["Police in Kostroma have been raiding brickworks and detaining migrant "
                          "workers.",
                          "On February 12 officers in Kostroma detained 15 workers."],
     {("raid", "None", "None"), ("detention", "None", "None")}),
])
def test_lede_dated_from_body(
    resources: Any, tmp_path: Any, published: str, lang: str, texts: list[str],
    expected: set[tuple[str, str, str]],
) -> None:
    assert _first_sentence_dates(resources, tmp_path, published, lang, texts) == expected


@pytest.mark.parametrize(("published", "lang", "texts", "expected"), [
    # "ordering him to appear the next day": the appointment's day, not the summons'
    ("2024-10-02", "en", ["On September 26 police stopped a Kazakh student at his hostel in Omsk.",
                          "He was handed a summons ordering him to appear at the enlistment "
                          "office in Omsk the next day."],
     ("2024-09-26", "2024-09-26")),
    ("2024-10-02", "ru", ["26 сентября полицейские остановили студента из Казахстана в общежитии "
                          "в Омске.",
                          "Ему вручили повестку с требованием явиться в военкомат в Омске на "
                          "следующий день."],
     ("2024-09-26", "2024-09-26")),
    # the next day told of the event itself
    ("2024-10-02", "en", ["On September 26 police stopped a Kazakh student at his hostel in Omsk.",
                          "The next day he was handed a summons at the enlistment office in Omsk."],
     ("2024-09-27", "2024-09-27")),
])
def test_appointment_day_is_not_the_event_day(
    resources: Any, tmp_path: Any, published: str, lang: str, texts: list[str],
    expected: tuple[str, str],
) -> None:
    story_dates(resources, tmp_path, published, lang, texts, expected)


@pytest.mark.parametrize(("published", "lang", "texts", "expected"), [
    # told on a day before the story's: the event happened by the day it was told of
    ("2024-03-27", "en", ["On March 26 a court in Omsk remanded two migrant workers.",
                          "Several travellers said on March 24 that police had detained them "
                          "at the airport in Omsk."],
     ("2024-03-24", "2024-03-24")),
    ("2024-03-27", "ru", ["26 марта суд в Омске арестовал двух мигрантов.",
                          "Несколько пассажиров рассказали 24 марта, что полиция задержала их "
                          "в аэропорту Омска."],
     ("2024-03-24", "2024-03-24")),
    # told on a later day than the story's: the story's day stands
    ("2024-03-27", "en", ["On March 22 police in Omsk raided a market.",
                          "Traders said on March 24 that police had detained 12 migrant workers "
                          "there."],
     ("2024-03-22", "2024-03-22")),
])
def test_told_before_the_story_day(
    resources: Any, tmp_path: Any, published: str, lang: str, texts: list[str],
    expected: tuple[str, str],
) -> None:
    story_dates(resources, tmp_path, published, lang, texts, expected)


@pytest.mark.parametrize(("published", "lang", "texts", "expected"), [
    # the day of an opening "After …" clause; the main clause's event came some time after it
    ("2023-01-18", "en", ["After the mobilisation was declared on September 21, 2022, several "
                          "migrants in Omsk were served with summonses."],
     ("2022-09-21", "2023-01-18")),
    ("2023-01-18", "ru", ["После того как 21 сентября 2022 года объявили мобилизацию, нескольким "
                          "мигрантам в Омске вручили повестки."],
     ("2022-09-21", "2023-01-18")),
    # an event inside the clause keeps its day
    ("2023-01-18", "en", ["After police raided a market in Omsk on January 12 and detained 30 "
                          "migrants, their relatives came to the police station."],
     ("2023-01-12", "2023-01-12")),
    # "not long ago" with no date: some earlier time, not the story's day
    ("2023-01-18", "en", ["On January 12 police in Omsk raided a market.",
                          "Not long ago, one of the traders was himself summoned to the "
                          "enlistment office."],
     ("None", "None")),
    ("2023-01-18", "ru", ["12 января полиция провела рейд на рынке в Омске.",
                          "Не так давно одному из торговцев вручили повестку."],
     ("None", "None")),
])
def test_after_clause_and_not_long_ago(
    resources: Any, tmp_path: Any, published: str, lang: str, texts: list[str],
    expected: tuple[str, str],
) -> None:
    story_dates(resources, tmp_path, published, lang, texts, expected)


@pytest.mark.parametrize(("published", "lang", "texts", "expected"), [
    # an undated court outcome is dated by the days the court sat, told before it
    ("2025-07-22", "en", ["Between July 1 and July 3, a district court in Kaluga fined 40 "
                          "migrant workers.",
                          "Police had detained them in a raid on a hostel on June 29.",
                          "Nine of them were also ordered to be expelled."],
     ("2025-07-01", "2025-07-03")),
    ("2025-07-22", "ru", ["С 1 по 3 июля районный суд Калуги оштрафовал 40 мигрантов.",
                          "Полиция задержала их 29 июня во время рейда в общежитии.",
                          "Девятерых из них также постановили выдворить."],
     ("2025-07-01", "2025-07-03")),
    # "the night of June 29" begins on June 29
    ("2025-07-22", "en", ["Police in Kaluga raided a hostel for migrant workers on the night of "
                          "June 29."],
     ("2025-06-29", "2025-06-30")),
])
def test_court_days_and_nights(
    resources: Any, tmp_path: Any, published: str, lang: str, texts: list[str],
    expected: tuple[str, str],
) -> None:
    story_dates(resources, tmp_path, published, lang, texts, expected)


@pytest.mark.parametrize(("published", "lang", "texts", "expected"), [
    # the court's days told as "after the check" carry to the court outcomes told next
    ("2025-03-17", "ru", ["Суд Тамбова рассмотрел дела 23 мигрантов, выявленных 12 марта в ходе "
                          "проверки на стройке.",
                          "Всем 23 иностранцам назначены штрафы."],
     ("2025-03-12", "2025-03-17")),
    ("2025-03-17", "en", ["A court in Tambov has fined 23 migrant workers detained during a check "
                          "at a building site on March 12.",
                          "Another 9 foreigners were fined as well."],
     ("2025-03-12", "2025-03-17")),
])
def test_court_days_carry(
    resources: Any, tmp_path: Any, published: str, lang: str, texts: list[str],
    expected: tuple[str, str],
) -> None:
    story_dates(resources, tmp_path, published, lang, texts, expected)


@pytest.mark.parametrize(("published", "lang", "texts", "expected"), [
    # a relative day in the next clause dates that clause, not the one before the semicolon
    ("2026-02-09", "ru", ["4 февраля полиция провела рейд на складе в Кирове.",
                          "Задержали 19 мигрантов; на следующий день суд постановил выдворить "
                          "четверых."],
     {("detention", "2026-02-04"), ("deportation", "2026-02-05")}),
    ("2026-02-09", "en", ["On February 4 police raided a warehouse in Kirov.",
                          "Officers detained 19 migrants; the next day a court ordered four of "
                          "them expelled."],
     {("detention", "2026-02-04"), ("deportation", "2026-02-05")}),
])
def test_relative_day_of_the_next_clause(
    resources: Any, tmp_path: Any, published: str, lang: str, texts: list[str],
    expected: set[tuple[str, str]],
) -> None:
    import json

    from khronika.pipeline import process_inputs

    doc = {"id": "r", "url": "https://example.org/r", "outlet": "test", "title": "",
           "published": published, "language": lang, "text": " ".join(texts)}
    src = tmp_path / "doc.jsonl"
    src.write_text(json.dumps(doc, ensure_ascii=False) + "\n", "utf-8")
    [outcome] = list(process_inputs([src], resources=resources))
    last = max(c.evidence.start for c in outcome.claims)
    assert {(c.event_type, str(c.date.start)) for c in outcome.claims
            if c.evidence.start == last} == expected


@pytest.mark.parametrize(("published", "lang", "texts", "expected"), [
    # another month named in passing does not replace the round-up's month
    ("2025-05-06", "en", ["In April our hotline took 200 calls from migrants in Moscow.",
                          "A similar survey in March found fewer complaints.",
                          "In Yekaterinburg, at least 15 men held at a centre for foreigners said "
                          "officers had offered them army contracts."],
     ("2025-04-01", "2025-04-30")),
    ("2025-05-06", "ru", ["В апреле на горячую линию обратились 200 мигрантов из Москвы.",
                          "В марте таких обращений было меньше.",
                          "Не менее 15 мужчин в центре для иностранцев в Казани рассказали, что "
                          "им предлагали подписать контракт с Минобороны."],
     ("2025-04-01", "2025-04-30")),
])
def test_frame_is_not_replaced_by_a_like_period(
    resources: Any, tmp_path: Any, published: str, lang: str, texts: list[str],
    expected: tuple[str, str],
) -> None:
    story_dates(resources, tmp_path, published, lang, texts, expected)


@pytest.mark.parametrize(("published", "lang", "texts", "expected"), [
    # a practice said to go on has no one day, even in a dated post
    ("2026-01-26", "ru", ["26 января 2026 в 14:42\n\nВ понедельник полиция задержала 21 мигранта "
                          "на складе в Твери.",
                          "Полиция продолжает рейды на складах в Твери."],
     ("None", "None")),
    ("2026-01-26", "en", ["On Monday police detained 21 migrants at a warehouse in Tver.",
                          "Police in Tver continue to carry out raids on migrants."],
     ("None", "None")),
    # a trend is no one day either
    ("2024-07-18", "en", ["On July 17 bailiffs in Irkutsk deported nine migrants.",
                          "Police in Irkutsk increasingly carry out raids on markets."],
     ("None", "None")),
])
def test_practice_going_on_is_undated(
    resources: Any, tmp_path: Any, published: str, lang: str, texts: list[str],
    expected: tuple[str, str],
) -> None:
    story_dates(resources, tmp_path, published, lang, texts, expected)


@pytest.mark.parametrize(("published", "lang", "texts", "expected"), [
    # "a month later" after a month: the next month
    ("2025-08-27", "ru", ["В марте 2025 года мигранта задержали на стройке в Омске.",
                          "Через месяц УМВД лишило его гражданства."],
     ("2025-04-01", "2025-04-30")),
    ("2025-08-27", "en", ["In March 2025 police in Omsk detained a naturalized migrant.",
                          "A month later the regional police stripped him of his citizenship."],
     ("2025-04-01", "2025-04-30")),
])
def test_a_month_later(
    resources: Any, tmp_path: Any, published: str, lang: str, texts: list[str],
    expected: tuple[str, str],
) -> None:
    story_dates(resources, tmp_path, published, lang, texts, expected)


@pytest.mark.parametrize(("published", "lang", "texts", "expected"), [
    # with nothing else to go by, news told on a day is of that day or the one before
    ("2025-09-23", "en", ["Riot police stormed a wedding hall in Omsk and detained 30 migrants, "
                          "witnesses said on Tuesday."],
     ("2025-09-22", "2025-09-23")),
    ("2025-09-23", "ru", ["ОМОН ворвался в банкетный зал в Омске и задержал 30 мигрантов, "
                          "сообщили во вторник очевидцы."],
     ("2025-09-22", "2025-09-23")),
    # a result told in the present perfect keeps no day
    ("2025-09-23", "en", ["A court in Omsk has stripped two naturalized migrants of citizenship, "
                          "the regional police said on Tuesday."],
     ("None", "None")),
])
def test_told_on_a_day_with_nothing_else(
    resources: Any, tmp_path: Any, published: str, lang: str, texts: list[str],
    expected: tuple[str, str],
) -> None:
    story_dates(resources, tmp_path, published, lang, texts, expected)


@pytest.mark.parametrize(("published", "lang", "texts", "expected"), [
    # another episode is not the story's event, nor of its day
    ("2025-06-11", "en", ["On June 8 police raided a market in Kazan and detained 40 migrants.",
                          "In a separate episode in Samara, around 30 migrants were detained "
                          "after a similar raid."],
     ("None", "None")),
    ("2025-06-11", "ru", ["8 июня полиция провела рейд на рынке в Казани и задержала 40 мигрантов.",
                          "В другом случае в Самаре после похожего рейда задержали около 30 "
                          "мигрантов."],
     ("None", "None")),
    # past the lede, a present perfect result does not take the story's period either
    ("2023-06-19", "en", ["In September 2022 police in Moscow raided hostels for migrants.",
                          "Many migrants in Moscow have received military summonses since then."],
     ("None", "None")),
])
def test_another_episode_and_results(
    resources: Any, tmp_path: Any, published: str, lang: str, texts: list[str],
    expected: tuple[str, str],
) -> None:
    story_dates(resources, tmp_path, published, lang, texts, expected)


@pytest.mark.parametrize(("published", "lang", "title", "texts", "expected"), [
    # a headline's day dates the story until its body names one
    ("2025-06-11", "en", "Police detain 40 migrants at a Kazan market on Monday",
     ["Police in Kazan detained 40 migrants at a wholesale market, the interior ministry said."],
     {("detention", "2025-06-09", "2025-06-09")}),
    ("2025-06-11", "ru", "В понедельник в Казани на рынке задержали 40 мигрантов",
     ["Полицейские в Казани задержали 40 мигрантов на оптовом рынке, сообщили в МВД."],
     {("detention", "2025-06-09", "2025-06-09")}),
    # the body's own day wins
    ("2025-06-11", "en", "Police detain 40 migrants at a Kazan market on Monday",
     ["On Sunday police in Kazan detained 40 migrants at a wholesale market."],
     {("detention", "2025-06-08", "2025-06-08")}),
    # a round-up's span in the headline is no one event's day
    ("2026-02-09", "ru", "Хроника проверок: неделя 2–8 февраля",
     ["Полицейские в Казани задержали 40 мигрантов на оптовом рынке, сообщили в МВД."],
     {("detention", "None", "None")}),
    # a headline with no day leaves an undated page undated
    ("2025-06-11", "en", "Police detain 40 migrants at a Kazan market",
     ["Police in Kazan detained 40 migrants at a wholesale market, the interior ministry said."],
     {("detention", "None", "None")}),
])
def test_headline_day_dates_the_story(
    resources: Any, tmp_path: Any, published: str, lang: str, title: str, texts: list[str],
    expected: set[tuple[str, str, str]],
) -> None:
    import json

    from khronika.pipeline import process_inputs

    doc = {"id": "h", "url": "https://example.org/h", "outlet": "test", "title": title,
           "published": published, "language": lang, "text": "\n\n".join([title, *texts])}
    src = tmp_path / "doc.jsonl"
    src.write_text(json.dumps(doc, ensure_ascii=False) + "\n", "utf-8")
    [outcome] = list(process_inputs([src], resources=resources))
    assert {(c.event_type, str(c.date.start), str(c.date.end)) for c in outcome.claims} == expected
