"""The date extractor on short sentences written for these tests, in Russian and English."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from khronika.extract.dates import extract_dates, parse_date
from khronika.model import Lang
from khronika.nlp import NLP, build_nlp


@pytest.fixture(scope="session")
def dates_nlp() -> NLP:
    return build_nlp()


D = date.fromisoformat
Row = tuple[str, Lang, str | None, list[tuple[str, str, str]]]

CASES: list[Row] = [
    # a range of days across two months, across the new year
    ("Officers checked hostels in Samara from December 29 to January 3.", "en", "2025-01-10",
     [("2024-12-29", "2025-01-03", "day")]),
    ("In May 12 Uzbek workers were fined in Samara.", "en", "2025-06-10",
     [("2025-05-01", "2025-05-31", "month")]),
    # a term "until at least" a day is a deadline, not a date of the event
    ("A court in Samara ordered the two men held until at least May 22.", "en", "2024-03-26", []),
    ("Суд в Самаре арестовал двоих мужчин как минимум до 22 мая.", "ru", "2024-03-26", []),
    # a night named with both its days, or from one weekday into the next
    ("Officers raided a hostel in Samara on the night of June 4 to 5.", "en", "2025-06-11",
     [("2025-06-04", "2025-06-05", "day")]),
    ("Officers raided a hostel in Samara on Friday night into Saturday.", "en", "2025-06-11",
     [("2025-06-06", "2025-06-07", "day")]),
    # a part of a week is that week: which of its days the writer did not say
    ("В конце прошлой недели в Самаре проверили два общежития.", "ru", "2025-06-11",
     [("2025-06-02", "2025-06-08", "week")]),
    ("В начале недели полиция Самары задержала 14 мигрантов.", "ru", "2025-06-11",
     [("2025-06-09", "2025-06-11", "week")]),
    ("Officers in Samara searched two hostels at the end of last week.", "en", "2025-06-11",
     [("2025-06-02", "2025-06-08", "week")]),
    ("At the start of the week police in Samara detained 14 migrants.", "en", "2025-06-11",
     [("2025-06-09", "2025-06-11", "week")]),
    # a unit ago without a number: one of it
    ("Неделю назад полицейские проверили общежитие в Самаре.", "ru", "2025-06-11",
     [("2025-06-02", "2025-06-08", "week")]),
    ("Месяц назад в Самаре задержали 12 рабочих.", "ru", "2025-06-11",
     [("2025-05-01", "2025-05-31", "month")]),
    # a part of a month named relative to publication
    ("В конце прошлого месяца на овощебазе проверили документы у грузчиков.", "ru",
     "2025-03-04", [("2025-02-21", "2025-02-28", "month")]),
    ("В начале месяца приставы выдворили из области восемь человек.", "ru", "2025-03-04",
     [("2025-03-01", "2025-03-04", "month")]),
    ("Officers searched a workers' hostel in Tver late last month.", "en", "2025-03-04",
     [("2025-02-21", "2025-02-28", "month")]),
    ("In the middle of last month the court fined nine Uzbek nationals.", "en", "2025-03-04",
     [("2025-02-11", "2025-02-20", "month")]),
    # absolute dates
    ("Обыски прошли 16 июня в нескольких общежитиях.", "ru", "2025-06-18",
     [("2025-06-16", "2025-06-16", "day")]),
    ("Проверку провели 20 июня на рынке.", "ru", "2025-06-18",
     [("2024-06-20", "2024-06-20", "day")]),
    ("The raid took place on June 16, officers said.", "en", "2025-06-18",
     [("2025-06-16", "2025-06-16", "day")]),
    ("Рейд прошёл 16.06.2025 на стройке.", "ru", None, [("2025-06-16", "2025-06-16", "day")]),
    ("The hearing was held on 2025-06-16 in Omsk.", "en", None,
     [("2025-06-16", "2025-06-16", "day")]),
    ("Задержания начались 3 марта 2024 года в Казани.", "ru", None,
     [("2024-03-03", "2024-03-03", "day")]),
    ("Officers came to the hostel on Dec. 20 at dawn.", "en", "2023-12-21",
     [("2023-12-20", "2023-12-20", "day")]),
    ("Workers were detained on the 5th of May 2023.", "en", None,
     [("2023-05-05", "2023-05-05", "day")]),
    # two days joined into one range, across a year boundary
    ("Police detained hundreds of people on December 31 and January 1.", "en", "2024-01-02",
     [("2023-12-31", "2024-01-01", "day")]),
    ("Полиция задерживала людей 31 декабря и 1 января.", "ru", "2024-01-02",
     [("2023-12-31", "2024-01-01", "day")]),
    # day ranges
    ("С 12 по 25 ноября контракты подписали девять человек.", "ru", "2023-11-28",
     [("2023-11-12", "2023-11-25", "day")]),
    ("From 12 to 25 November nine men signed contracts.", "en", "2023-11-28",
     [("2023-11-12", "2023-11-25", "day")]),
    ("Between November 12 and 25 the checks went on daily.", "en", "2023-11-28",
     [("2023-11-12", "2023-11-25", "day")]),
    ("Операция шла с 25 декабря по 5 января.", "ru", "2024-02-01",
     [("2023-12-25", "2024-01-05", "day")]),
    ("Рейды прошли 5 и 6 марта.", "ru", "2024-03-10", [("2024-03-05", "2024-03-06", "day")]),
    # nights
    ("В ночь на 5 января полиция оцепила рынок.", "ru", "2024-02-01",
     [("2024-01-04", "2024-01-05", "day")]),
    # in English "the night of January 5" begins on January 5
    ("On the night of January 5, police sealed off the market.", "en", "2024-02-01",
     [("2024-01-05", "2024-01-06", "day")]),
    ("Рабочих задержали в ночь с 13 на 14 февраля.", "ru", "2025-02-20",
     [("2025-02-13", "2025-02-14", "day")]),
    ("The site was sealed off overnight into Friday, February 14.", "en", "2025-02-15",
     [("2025-02-13", "2025-02-14", "day")]),
    ("В новогоднюю ночь задержали сотни человек.", "ru", "2026-01-02",
     [("2025-12-31", "2026-01-01", "day")]),
    ("Hundreds were detained on New Year's Eve.", "en", "2024-01-02",
     [("2023-12-31", "2024-01-01", "day")]),
    ("Raids continued through New Year's night.", "en", "2024-01-03",
     [("2023-12-31", "2024-01-01", "day")]),
    # months, quarters, seasons, years
    ("In October 2024 two more men lost their citizenship.", "en", "2025-06-18",
     [("2024-10-01", "2024-10-31", "month")]),
    ("В октябре 2024 года гражданства лишили ещё двоих.", "ru", "2025-06-18",
     [("2024-10-01", "2024-10-31", "month")]),
    ("В августе рейды прошли на трёх рынках.", "ru", "2025-06-01",
     [("2024-08-01", "2024-08-31", "month")]),
    ("В марте полиция задержала 17 иностранцев.", "ru", "2025-04-15",
     [("2025-03-01", "2025-03-31", "month")]),
    ("In the last three months of 2023 raids spread north.", "en", None,
     [("2023-10-01", "2023-12-31", "quarter")]),
    ("В первом квартале 2025 года выдворили 300 человек.", "ru", None,
     [("2025-01-01", "2025-03-31", "quarter")]),
    ("За первые три месяца года суды оштрафовали 312 иностранцев.", "ru", "2025-04-15",
     [("2025-01-01", "2025-03-31", "quarter")]),
    ("In the fourth quarter of 2024 seven men were stripped of citizenship.", "en", None,
     [("2024-10-01", "2024-12-31", "quarter")]),
    ("Осенью 2023 года проверки прошли во всех районах.", "ru", None,
     [("2023-09-01", "2023-11-30", "quarter")]),
    ("In autumn 2023 the checks reached every district.", "en", None,
     [("2023-09-01", "2023-11-30", "quarter")]),
    ("Летом облавы шли каждую неделю.", "ru", "2024-10-01",
     [("2024-06-01", "2024-08-31", "quarter")]),
    ("Зимой проверки стали реже.", "ru", "2024-01-20", [("2023-12-01", "2024-01-20", "quarter")]),
    ("В 2023 году из региона выдворили 500 человек.", "ru", None,
     [("2023-01-01", "2023-12-31", "year")]),
    ("In 2023 the region expelled 500 people.", "en", None, [("2023-01-01", "2023-12-31", "year")]),
    # parts of a month
    ("В конце марта рейды прошли на стройках.", "ru", "2024-05-01",
     [("2024-03-21", "2024-03-31", "month")]),
    ("В начале марта рейды прошли на стройках.", "ru", "2024-05-01",
     [("2024-03-01", "2024-03-10", "month")]),
    ("In mid-March officers checked building sites.", "en", "2024-05-01",
     [("2024-03-11", "2024-03-20", "month")]),
    ("In late August police staged a new round of raids.", "en", "2025-09-03",
     [("2025-08-21", "2025-08-31", "month")]),
    # relative to publication
    ("В четверг полиция провела рейд на стройке.", "ru", "2024-11-15",
     [("2024-11-14", "2024-11-14", "day")]),
    ("On Thursday police raided a building site.", "en", "2024-03-29",
     [("2024-03-28", "2024-03-28", "day")]),
    # a bare weekday that is the publication's own weekday is that day
    ("В понедельник задержали 16 человек.", "ru", "2025-11-24",
     [("2025-11-24", "2025-11-24", "day")]),
    ("Police raided a hostel on Tuesday.", "en", "2026-02-10",
     [("2026-02-10", "2026-02-10", "day")]),
    ("Police detained about 70 people on Thursday and Friday.", "en", "2025-06-09",
     [("2025-06-05", "2025-06-06", "day")]),
    ("Вчера задержали около сорока рабочих.", "ru", "2024-06-04",
     [("2024-06-03", "2024-06-03", "day")]),
    ("Yesterday about forty workers were detained.", "en", "2024-06-04",
     [("2024-06-03", "2024-06-03", "day")]),
    ("Сегодня утром ОМОН пришёл в общежитие.", "ru", "2025-05-20",
     [("2025-05-20", "2025-05-20", "day")]),
    ("Позавчера в общежитии прошла проверка.", "ru", "2025-05-20",
     [("2025-05-18", "2025-05-18", "day")]),
    ("На прошлой неделе проверки прошли в пяти регионах.", "ru", "2025-11-24",
     [("2025-11-17", "2025-11-23", "week")]),
    ("Last week checks took place in five regions.", "en", "2025-06-09",
     [("2025-06-02", "2025-06-08", "week")]),
    ("В прошлом месяце выдворили 40 человек.", "ru", "2025-02-12",
     [("2025-01-01", "2025-01-31", "month")]),
    ("Last month 40 people were expelled.", "en", "2025-02-12",
     [("2025-01-01", "2025-01-31", "month")]),
    ("В минувшие выходные полиция прошла по овощебазам.", "ru", "2024-10-14",
     [("2024-10-12", "2024-10-13", "day")]),
    ("С начала года выдворили более трёх тысяч человек.", "ru", "2024-07-10",
     [("2024-01-01", "2024-07-10", "year")]),
    ("Police detained 1,340 people since the start of the year.", "en", "2025-05-20",
     [("2025-01-01", "2025-05-20", "year")]),
    ("Since January 140 raids have been carried out.", "en", "2024-07-10",
     [("2024-01-01", "2024-07-10", "month")]),
    ("С января прошло 140 рейдов.", "ru", "2024-07-10", [("2024-01-01", "2024-07-10", "month")]),
    ("Проверки с конца ноября шли в четырёх областях.", "ru", "2023-12-27",
     [("2023-11-20", "2023-12-27", "month")]),
    ("За две недели на учёт поставили 72 человека.", "ru", "2023-11-28",
     [("2023-11-14", "2023-11-27", "week")]),
    ("Over the past two weeks 72 men were registered.", "en", "2023-11-28",
     [("2023-11-14", "2023-11-27", "week")]),
    ("За неделю суды выдворили 40 иностранцев.", "ru", "2025-11-24",
     [("2025-11-17", "2025-11-23", "week")]),
    ("За месяц на учёт поставили полторы тысячи мигрантов.", "ru", "2023-12-27",
     [("2023-11-27", "2023-12-27", "month")]),
    ("Over the past month 1,500 migrants were registered.", "en", "2023-12-27",
     [("2023-11-27", "2023-12-27", "month")]),
    ("За последние два дня рейды прошли в четырёх городах.", "ru", "2023-12-27",
     [("2023-12-25", "2023-12-27", "day")]),
    ("Over the past two days raids took place in four cities.", "en", "2023-12-27",
     [("2023-12-25", "2023-12-27", "day")]),
    ("Three days ago police raided a warehouse.", "en", "2024-05-10",
     [("2024-05-07", "2024-05-07", "day")]),
    # without a publication date only written years resolve
    ("Вчера задержали сорок рабочих.", "ru", None, []),
    ("В августе рейды прошли на рынках.", "ru", None, []),
    # not dates
    ("Суд оштрафовал 39-летнего жителя Камышина.", "ru", "2025-06-18", []),
    ("Ему грозит лишение свободы на срок до пяти лет.", "ru", "2025-06-18", []),
    ("The law takes effect 180 days after publication.", "en", "2025-06-18", []),
    # a possessive dates the thing it names, even after "after"
    ("Forty men were held after Tuesday's check at the depot.", "en", "2025-06-20",
     [("2025-06-17", "2025-06-17", "day")]),
    ("The men must leave Russia before Friday.", "en", "2025-06-18", []),
    ("Police surrounded the mosque after Friday prayers.", "en", "2025-06-14",
     [("2025-06-13", "2025-06-13", "day")]),
    ("They must leave by Friday morning.", "en", "2025-06-14", []),
    ("It is the first mobilisation the country has seen since 1945.", "en", "2022-10-17", []),
    ("Since 2023, 600 men have been taken to enlistment offices.", "en", "2025-06-14",
     [("2023-01-01", "2025-06-14", "year")]),
    ("В центре Петербурга задержали 1054 человека.", "ru", "2026-01-02", []),
    ("Рейд начался в 10:00 и закончился к полудню.", "ru", "2025-06-18", []),
    ("Police may detain anyone who cannot march in line.", "en", "2025-06-18", []),
    ("Statement No. 2023 was published by the ministry.", "en", "2025-06-18", []),
    ("Мигрантам дали срок до 5 марта, чтобы покинуть страну.", "ru", "2025-02-18", []),
]


@pytest.mark.parametrize(("text", "lang", "published", "expected"), CASES)
def test_dates_table(
    dates_nlp: NLP, text: str, lang: Lang, published: str | None,
    expected: list[tuple[str, str, str]],
) -> None:
    pub = D(published) if published else None
    got = [
        (str(r.start), str(r.end), r.precision)
        for sentence in dates_nlp.analyze(text, lang)
        for r in extract_dates(sentence, lang, pub)
    ]
    assert got == expected


def test_dates_spans_are_document_offsets(dates_nlp: NLP) -> None:
    text = "Первое предложение без дат. Вчера полиция задержала 40 человек."
    sentence = dates_nlp.analyze(text, "ru")[1]
    (found,) = extract_dates(sentence, "ru", D("2024-06-04"))
    assert found.span is not None
    assert text[found.span.start : found.span.stop] == found.text == "Вчера"


@pytest.mark.parametrize(
    ("phrase", "lang", "published", "expected"),
    [
        ("с 12 по 25 ноября", "ru", "2023-11-28", ("2023-11-12", "2023-11-25", "day")),
        ("in the last three months of 2023", "en", None, ("2023-10-01", "2023-12-31", "quarter")),
        ("на прошлой неделе", "ru", "2025-02-12", ("2025-02-03", "2025-02-09", "week")),
        # beyond the table: dateparser reads the phrase
        ("5th of March, 2024 at noon", "en", None, ("2024-03-05", "2024-03-05", "day")),
    ],
)
def test_dates_parse_date(
    phrase: str, lang: Lang, published: str | None, expected: tuple[str, str, str]
) -> None:
    found = parse_date(phrase, lang, D(published) if published else None)
    assert found is not None
    assert (str(found.start), str(found.end), found.precision) == expected


def test_dates_parse_date_rejects_non_dates() -> None:
    assert parse_date("1054 человека", "ru", D("2025-01-01")) is None
    assert parse_date("в 10:00", "ru", D("2025-01-01")) is None
    assert parse_date("вчера", "ru", None) is None


# (publication, sentences of a story, the date of the last sentence's claim)
WEEK_FRAMES = [
    ("2025-11-24", "ru", ["На прошлой неделе проверки прошли в трёх городах.",
                          "В понедельник в Томске полиция задержала 20 мигрантов."],
     ("2025-11-17", "2025-11-17")),
    ("2025-06-09", "en", ["Last week brought more raids on migrants.",
                          "On Monday police detained 14 migrants at a market in Tver."],
     ("2025-06-02", "2025-06-02")),
    # no week named: the publication's own weekday is that day
    ("2025-06-09", "en", ["On Monday police detained 14 migrants at a market in Tver."],
     ("2025-06-09", "2025-06-09")),
]


@pytest.mark.parametrize(("published", "lang", "texts", "expected"), WEEK_FRAMES)
def test_weekday_inside_named_week(resources: Any, tmp_path: Any, published: str, lang: str,
                                   texts: list[str], expected: tuple[str, str]) -> None:
    import json

    from khronika.pipeline import process_inputs

    doc = {"id": "w", "url": "https://example.org/w", "outlet": "test", "title": "",
           "published": published, "language": lang, "text": " ".join(texts)}
    src = tmp_path / "doc.jsonl"
    src.write_text(json.dumps(doc, ensure_ascii=False) + "\n", "utf-8")
    [outcome] = list(process_inputs([src], resources=resources))
    last = max(c.evidence.start for c in outcome.claims)
    dates = {(str(c.date.start), str(c.date.end)) for c in outcome.claims
             if c.evidence.start == last}
    assert dates == {expected}


@pytest.mark.parametrize(("text", "lang", "dateline"), [
    ("KAZAN, May 12 -- Police detained 40 migrants at a market on Sunday.", "en", True),
    ("TVER, Russia (March 3) -- Officers raided a hostel.", "en", True),
    ("КАЗАНЬ, 12 мая. Полиция задержала 40 мигрантов.", "ru", True),
    ("On May 12 police detained 40 migrants at a market.", "en", False),
])
def test_dateline_is_not_the_event_date(nlp: NLP, text: str, lang: Lang, dateline: bool) -> None:
    from khronika.extract.dateline import is_dateline

    sentence = nlp.analyze(text, lang)[0]
    found = extract_dates(sentence, lang, date(2025, 5, 12))
    assert any(is_dateline(sentence, d) for d in found) is dateline


@pytest.mark.parametrize(("published", "lang", "texts", "expected"), [
    # the date the ministry spoke is not the day of the raid the story told before
    ("2025-06-13", "en", ["On Wednesday officers raided a hostel in Tver.",
                          "The ministry said on Friday that 41 migrants were detained there."],
     ("2025-06-11", "2025-06-11")),
    ("2025-06-13", "ru", ["В среду полиция провела рейд в общежитии в Твери.",
                          "В министерстве сообщили в пятницу, что задержан 41 мигрант."],
     ("2025-06-11", "2025-06-11")),
    # a month told in a round-up of the quarter narrows an outcome to that month
    ("2025-10-15", "en", ["In the third quarter of 2025 police in the Vladimir region detained 300 "
                          "migrants.",
                          "Officials in Vladimir said in September that 40 of them had been "
                          "ordered expelled."],
     ("2025-09-01", "2025-09-30")),
    ("2025-10-15", "ru", ["В третьем квартале 2025 года полиция Владимирской области задержала "
                          "300 мигрантов.",
                          "Во Владимире сообщили в сентябре, что 40 из них суд постановил "
                          "выдворить."],
     ("2025-09-01", "2025-09-30")),
    # the listener named with a slash or dots is still one name: "told RFE/RL on Friday"
    ("2025-06-13", "en", ["On Wednesday officers raided a hostel in Tver.",
                          "A lawyer told RFE/RL on Friday that 41 migrants were detained there."],
     ("2025-06-11", "2025-06-11")),
])
def test_date_of_a_statement_is_not_the_event_date(
    resources: Any, tmp_path: Any, published: str, lang: str, texts: list[str],
    expected: tuple[str, str],
) -> None:
    test_weekday_inside_named_week(resources, tmp_path, published, lang, texts, expected)


@pytest.mark.parametrize(("published", "lang", "texts", "expected"), [
    # past the lede, a present perfect with no date of its own tells a result, not a day
    ("2025-04-10", "en", ["On Tuesday officers raided a dormitory in Kursk.",
                          "Several of the workers have been deported to Tajikistan."],
     ("None", "None")),
    # "to have" reports an act, it does not make one a result
    ("2025-04-10", "en", ["On Tuesday police in Kursk detained 30 migrant workers.",
                          "Officials are said to have deported 12 of them."],
     ("2025-04-08", "2025-04-08")),
])
def test_perfect_past_the_lede_is_undated(
    resources: Any, tmp_path: Any, published: str, lang: str, texts: list[str],
    expected: tuple[str, str],
) -> None:
    test_weekday_inside_named_week(resources, tmp_path, published, lang, texts, expected)


@pytest.mark.parametrize(("published", "lang", "texts", "expected"), [
    # a recap of the outlet's earlier reporting is not the story's day
    ("2025-04-10", "en", ["On Tuesday officers raided a dormitory in Kursk.",
                          "As reported earlier, after similar raids 25 migrants in Omsk "
                          "were ordered to leave Russia."],
     ("None", "None")),
    ("2025-04-10", "ru", ["Во вторник полиция провела рейд в общежитии в Курске.",
                          "Как ранее писало наше издание, после таких рейдов в Омске к выдворению "
                          "приговорили 25 мигрантов."],
     ("None", "None")),
    # a credit in the present tense is the current report, it keeps the story's day
    ("2025-04-10", "ru", ["Во вторник полиция провела рейд в общежитии в Курске.",
                          "Как сообщает пресс-служба, задержаны 25 мигрантов."],
     ("2025-04-08", "2025-04-08")),
])
def test_recap_of_earlier_reporting_is_undated(
    resources: Any, tmp_path: Any, published: str, lang: str, texts: list[str],
    expected: tuple[str, str],
) -> None:
    test_weekday_inside_named_week(resources, tmp_path, published, lang, texts, expected)
