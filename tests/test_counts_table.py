"""People counts read from short sentences, Russian and English, and the look-alikes that
are not people counts (dates, years, ages, articles, money, durations, things)."""

from __future__ import annotations

import pytest

from khronika.extract.counts import extract_counts, parse_count, render_count
from khronika.model import Count, Lang
from khronika.nlp import NLP, build_nlp


@pytest.fixture(scope="session")
def counts_nlp() -> NLP:
    return build_nlp()


Expected = tuple[int | None, int | None, str, str]  # min, max, qualifier, text

# (lang, sentence, counts in text order)
CASES: list[tuple[Lang, str, list[Expected]]] = [
    # a number after a Russian month names people (the day comes first: «14 ноября»); an
    # English one after its month is the day
    ("ru", "В конце марта 25 мигрантов из общежития отправили в ЦВСИГ.",
     [(25, 25, "exact", "25")]),
    ("ru", "Рейд прошёл 5 марта 2025 года.", []),
    ("en", "The raid took place on March 25 at the depot.", []),
    # --- issue 19: links, "every one", a named person and others
    ("en", "A video at https://t.me/kama_news/4512 shows the raid.", []),
    ("ru", "Видео опубликовано в канале t.me/sever24/318, задержаны 12 человек.",
     [(12, 12, "exact", "12")]),
    ("en", "Officials said every one of them was deported.", []),
    ("en", "Timur and two others were taken to the enlistment office.",
     [(3, 3, "exact", "Timur and two")]),
    ("ru", "Он и ещё двое отказались подписывать контракт.",
     [(3, 3, "exact", "Он и ещё двое")]),
    ("en", "Police detained 5 men and two others fled.",
     [(5, 5, "exact", "5"), (2, 2, "exact", "two")]),
    # --- "two of the three": the second number is the base the first is taken from
    ("en", "Two of the three brothers were sent back to Tajikistan.",
     [(2, 2, "exact", "Two")]),
    ("en", "Two of the three were deported on Tuesday.", [(2, 2, "exact", "Two")]),
    # colloquial and kin nouns count people too
    ("en", "She said at least four guys from her street had signed.",
     [(4, None, "at_least", "at least four")]),
    ("ru", "Двое из пяти задержанных рабочих получили повестки.",
     [(2, 2, "exact", "Двое")]),
    # --- Russian approximate inversion: the noun before the number makes it a guess
    ("ru", "На рынке полиция увела человек тридцать, рассказали торговцы.",
     [(30, 30, "about", "человек тридцать")]),
    ("ru", "Как говорит очевидец, человек 12 увезли в отдел на автобусе.",
     [(12, 12, "about", "человек 12")]),
    ("ru", "Из 40 человек 25 отпустили после проверки документов.",
     [(40, 40, "exact", "40"), (25, 25, "exact", "25")]),
    ("ru", "Задержаны 18 человек, все они граждане Узбекистана.", [(18, 18, "exact", "18")]),
    # --- a hedge after the number and a comma
    ("ru", "Со стройки увезли человек двадцать, не меньше, говорят рабочие.",
     [(20, None, "at_least", "двадцать, не меньше")]),
    ("en", "Of the traders, thirty, at least, were led to the buses.",
     [(30, None, "at_least", "thirty, at least")]),
    # --- English: digits and qualifiers
    ("en", "Police detained 31 people at the market.", [(31, 31, "exact", "31")]),
    ("en", "Officers held at least 3,000 migrants overnight.",
     [(3000, None, "at_least", "at least 3,000")]),
    ("en", "More than 100 workers were taken to a police station.",
     [(101, None, "more_than", "More than 100")]),
    ("en", "Over 100 foreigners were detained.", [(101, None, "more_than", "Over 100")]),
    ("en", "Police rounded up about 3,000 labourers.", [(3000, 3000, "about", "about 3,000")]),
    ("en", "Around 250 men were questioned.", [(250, 250, "about", "Around 250")]),
    ("en", "Some 3 000 migrants were checked.", [(3000, 3000, "about", "Some 3 000")]),
    ("en", "Nearly 90 of them were deported.", [(90, 90, "about", "Nearly 90")]),
    ("en", "Almost 400 people were fined.", [(400, 400, "about", "Almost 400")]),
    ("en", "Up to 50 men were held in the gym.", [(None, 50, "up_to", "Up to 50")]),
    ("en", "Fewer than 50 have been expelled so far.",
     [(None, 49, "less_than", "Fewer than 50")]),
    ("en", "Between 20 and 30 workers were detained.",
     [(20, 30, "range", "Between 20 and 30")]),
    ("en", "From 15 to 20 recruits were sent to the barracks.",
     [(15, 20, "range", "From 15 to 20")]),
    ("en", "Police detained 40-50 vendors.", [(40, 50, "range", "40-50")]),
    ("en", "The raid ended with 1054 people detained.", [(1054, 1054, "exact", "1054")]),
    ("en", "Courts fined 2.000 migrants last year.", [(2000, 2000, "exact", "2.000")]),
    ("en", "Police checked more than 1.5 thousand people.",
     [(1501, None, "more_than", "more than 1.5 thousand")]),
    ("en", "The ministry said 2.3 million foreigners were registered.",
     [(2300000, 2300000, "exact", "2.3 million")]),
    ("en", "No fewer than 12 conscripts were rounded up.",
     [(12, None, "at_least", "No fewer than 12")]),
    ("en", "As many as 70 students were handed summonses.",
     [(None, 70, "up_to", "As many as 70")]),
    ("en", "Police said 200 or more migrants were checked.",
     [(200, None, "at_least", "200 or more")]),
    # --- English: words
    ("en", "Eleven migrants were handed summonses.", [(11, 11, "exact", "Eleven")]),
    ("en", "Twenty-seven men were deported.", [(27, 27, "exact", "Twenty-seven")]),
    ("en", "Two dozen workers were held for hours.", [(24, 24, "exact", "Two dozen")]),
    ("en", "A hundred migrants were loaded onto buses.", [(100, 100, "exact", "A hundred")]),
    ("en", "Police detained fourteen Uzbek nationals.", [(14, 14, "exact", "fourteen")]),
    ("en", "Officers detained a dozen traders.", [(12, 12, "exact", "a dozen")]),
    ("en", "Officers detained almost three dozen labourers.",
     [(36, 36, "about", "almost three dozen")]),
    ("en", "Two hundred and fifty people were checked.",
     [(250, 250, "exact", "Two hundred and fifty")]),
    ("en", "Half a dozen men signed contracts.", [(6, 6, "exact", "Half a dozen")]),
    # --- English: several
    ("en", "Several hundred foreigners were sent to the front.",
     [(200, 999, "several", "Several hundred")]),
    ("en", "Hundreds of migrants queued outside the office.",
     [(200, 999, "several", "Hundreds")]),
    ("en", "Dozens of men were detained.", [(24, 99, "several", "Dozens")]),
    ("en", "Thousands of workers were checked.", [(2000, 9999, "several", "Thousands")]),
    ("en", "Several dozen conscripts were driven away.",
     [(24, 99, "several", "Several dozen")]),
    ("en", "Tens of thousands of migrants lost their status.",
     [(20000, 99999, "several", "Tens of thousands")]),
    ("en", "Scores of people were detained.", [(24, 99, "several", "Scores")]),
    # --- English: no noun, partitives, several counts
    ("en", "Two were fined and 27 were deported.",
     [(2, 2, "exact", "Two"), (27, 27, "exact", "27")]),
    ("en", "Eleven of them were taken away, and four signed contracts.",
     [(11, 11, "exact", "Eleven"), (4, 4, "exact", "four")]),
    ("en", "A court ordered 12 of those detained expelled.", [(12, 12, "exact", "12")]),
    ("en", "Police fined 40 migrants and detained 12 more.",
     [(40, 40, "exact", "40"), (12, 12, "exact", "12")]),
    ("en", "Investigators opened 22 criminal cases against new citizens.",
     [(22, 22, "exact", "22")]),
    # --- English: not people counts
    ("en", "Raids took place on December 31 and January 1.", []),
    ("en", "The raids began on Dec. 20 in the city.", []),
    ("en", "The law was passed in 2023.", []),
    ("en", "A 39-year-old man was fined.", []),
    ("en", "He was charged under Article 338 of the code.", []),
    ("en", "The fine was $300 or 30,000 rubles.", []),
    ("en", "Turnout fell by 15 percent.", []),
    ("en", "He spent 180 days in a detention centre.", []),
    ("en", "The checks lasted three months.", []),
    ("en", "Officers arrived at 5 a.m. on Monday.", []),
    ("en", "Police impounded 225 buses.", []),
    ("en", "Officers searched three markets and two hostels.", []),
    ("en", "Many migrants were detained, and a number of them were fined.", []),
    ("en", "Several people were questioned for several hours.", []),
    ("en", "It was the first reading of the bill.", []),
    ("en", "Call the hotline at 8-800-555-35-35 for help.", []),
    ("en", "He weighed 40 kg after the hunger strike.", []),
    ("en", "The office drafts men aged 18 to 30.", []),
    # --- Russian: digits and qualifiers
    ("ru", "Полиция задержала 31 человека на рынке.", [(31, 31, "exact", "31")]),
    ("ru", "Задержаны не менее 3 000 мигрантов.", [(3000, None, "at_least", "не менее 3 000")]),
    ("ru", "Задержаны не менее 3\u00a0000 мигрантов.",
     [(3000, None, "at_least", "не менее 3\u00a0000")]),
    ("ru", "На учёт поставили более 100 человек.", [(101, None, "more_than", "более 100")]),
    ("ru", "Свыше 100 иностранцев выдворены.", [(101, None, "more_than", "Свыше 100")]),
    ("ru", "Проверку прошли около 3000 рабочих.", [(3000, 3000, "about", "около 3000")]),
    ("ru", "Почти 90 из них обязали покинуть страну.", [(90, 90, "about", "Почти 90")]),
    ("ru", "Задержали порядка 200 человек.", [(200, 200, "about", "порядка 200")]),
    ("ru", "Повестки получили примерно 60 мужчин.", [(60, 60, "about", "примерно 60")]),
    ("ru", "В автозаки посадили до 50 человек.", [(None, 50, "up_to", "до 50")]),
    ("ru", "Контракт подписали менее 50 человек.", [(None, 49, "less_than", "менее 50")]),
    ("ru", "Повестки получили от 20 до 30 мужчин.", [(20, 30, "range", "от 20 до 30")]),
    ("ru", "На стройке задержали 20–30 рабочих.", [(20, 30, "range", "20–30")]),
    ("ru", "На учёт поставили более 1,5 тыс. мигрантов.",
     [(1501, None, "more_than", "более 1,5 тыс.")]),
    ("ru", "Проверены 2,3 млн иностранцев.", [(2300000, 2300000, "exact", "2,3 млн")]),
    ("ru", "Выдворены по меньшей мере 40 человек.",
     [(40, None, "at_least", "по меньшей мере 40")]),
    ("ru", "Задержали 200 с лишним человек.", [(201, None, "more_than", "200 с лишним")]),
    ("ru", "Полиция задержала 1054 человека.", [(1054, 1054, "exact", "1054")]),
    ("ru", "Составлено 225 административных протоколов.", [(225, 225, "exact", "225")]),
    ("ru", "Выдворены от 2 до 3 тысяч мигрантов.",
     [(2000, 3000, "range", "от 2 до 3 тысяч")]),
    # --- Russian: number words in cases and genders
    ("ru", "Десять мигрантов доставлены в военкомат.", [(10, 10, "exact", "Десять")]),
    ("ru", "Суд оштрафовал пятерых иностранцев.", [(5, 5, "exact", "пятерых")]),
    ("ru", "Гражданства лишили двоих мужчин.", [(2, 2, "exact", "двоих")]),
    ("ru", "Двое задержанных отказались от контракта.", [(2, 2, "exact", "Двое")]),
    ("ru", "Выдворены более трёх тысяч иностранцев.",
     [(3001, None, "more_than", "более трёх тысяч")]),
    ("ru", "Задержали более полусотни рабочих.", [(51, None, "more_than", "более полусотни")]),
    ("ru", "Четверых из них отвезли в военкомат.", [(4, 4, "exact", "Четверых")]),
    ("ru", "Повестки вручили двадцати пяти мужчинам.",
     [(25, 25, "exact", "двадцати пяти")]),
    ("ru", "Задержаны сто сорок человек.", [(140, 140, "exact", "сто сорок")]),
    ("ru", "Задержали полторы тысячи мигрантов.", [(1500, 1500, "exact", "полторы тысячи")]),
    ("ru", "Проверили около полутора тысяч человек.",
     [(1500, 1500, "about", "около полутора тысяч")]),
    ("ru", "Задержали полторы сотни иностранцев.", [(150, 150, "exact", "полторы сотни")]),
    ("ru", "Задержали около сорока рабочих.", [(40, 40, "about", "около сорока")]),
    ("ru", "Контракт подписали не меньше шести человек.",
     [(6, None, "at_least", "не меньше шести")]),
    ("ru", "Контракт подписали менее десяти человек.",
     [(None, 9, "less_than", "менее десяти")]),
    ("ru", "Повестки вручили двенадцати мужчинам.", [(12, 12, "exact", "двенадцати")]),
    ("ru", "Задержали около тысячи человек.", [(1000, 1000, "about", "около тысячи")]),
    ("ru", "Повестки получили двое-трое рабочих.", [(2, 3, "range", "двое-трое")]),
    ("ru", "Одного из бывших граждан уже выдворили.", [(1, 1, "exact", "Одного")]),
    ("ru", "Гражданства лишили ещё двух жителей области.", [(2, 2, "exact", "двух")]),
    ("ru", "Задержали 2-х граждан Узбекистана.", [(2, 2, "exact", "2")]),
    # --- Russian: several
    ("ru", "Задержали несколько сотен работников.",
     [(200, 999, "several", "несколько сотен")]),
    ("ru", "Сотни мигрантов стояли в очереди.", [(200, 999, "several", "Сотни")]),
    ("ru", "Десятки мужчин доставили в военкомат.", [(24, 99, "several", "Десятки")]),
    ("ru", "Тысячи иностранцев лишились патентов.", [(2000, 9999, "several", "Тысячи")]),
    ("ru", "Проверку прошли несколько десятков человек.",
     [(24, 99, "several", "несколько десятков")]),
    ("ru", "Десятки тысяч мигрантов покинули страну.",
     [(20000, 99999, "several", "Десятки тысяч")]),
    # --- Russian: no noun, partitives, several counts
    ("ru", "Трое из лишённых гражданства уже выдворены.", [(3, 3, "exact", "Трое")]),
    ("ru", "Составлено 246 протоколов, 38 иностранцев выдворят.",
     [(246, 246, "exact", "246"), (38, 38, "exact", "38")]),
    ("ru", "Суд оштрафовал девятерых мигрантов и выдворил пятерых из них.",
     [(9, 9, "exact", "девятерых"), (5, 5, "exact", "пятерых")]),
    ("ru", "Свыше 200 из поставленных на учёт уже служат.",
     [(201, None, "more_than", "Свыше 200")]),
    ("ru", "В 17:00 задержали 15 человек, в т.ч. 3 женщин.",
     [(15, 15, "exact", "15"), (3, 3, "exact", "3")]),
    # --- Russian: not people counts
    ("ru", "Рейды прошли 31 декабря и 1 января.", []),
    ("ru", "С 12 по 25 ноября проверки шли каждый день.", []),
    ("ru", "Закон приняли в 2024 году.", []),
    ("ru", "Суд оштрафовал 39-летнего жителя города.", []),
    ("ru", "Ему вменили ч. 1 ст. 328 УК РФ.", []),
    ("ru", "Штраф составил 5000 рублей.", []),
    ("ru", "Число нарушений выросло на 15%.", []),
    ("ru", "Изъяли 40 граммов вещества.", []),
    ("ru", "Ему грозит до пяти лет лишения свободы.", []),
    ("ru", "Проверка заняла две недели.", []),
    ("ru", "Полиция приехала в 5 утра.", []),
    ("ru", "На стоянке стояли десятки автобусов.", []),
    ("ru", "Рейды прошли в двух районах города.", []),
    ("ru", "Законопроект приняли в первом чтении.", []),
    ("ru", "Многие мигранты уехали, несколько человек задержали.", []),
    ("ru", "Телефон горячей линии 8-800-555-35-35.", []),
    ("ru", "Проверки прошли на 140 объектах.", []),
    # --- issue 19, session 9: a collective numeral before a noun it does not count; ages
    ("ru", "Ещё пятерых суд оштрафовал за работу без патента.",
     [(5, 5, "exact", "пятерых")]),
    ("ru", "Трое суток в отделе провели шесть рабочих.", [(6, 6, "exact", "шесть")]),
    ("en", "Officers stopped men close to 50 and women over 40 at the gate.", []),
    ("en", "Police held other men, 14 in all, at the station.", [(14, 14, "exact", "14")]),
    # who the figure counts: companions, shares, capacities, an age after a name, the actors
    ("en", "He was locked up in Omsk together with nine other workers.", []),
    ("ru", "Его держали в камере вместе с тремя земляками.", []),
    ("en", "Nearly one in five detainees signed a contract.", []),
    ("ru", "Ни один из них не состоял на учёте.", []),
    ("ru", "Проверку провели в кафе на 300 человек.", []),
    ("en", "Her brother Anvar, 31, was detained at the market.", []),
    ("en", "Three police officers and a soldier came into the shop.", []),
    ("ru", "В рейде участвовали 40 полицейских.", []),
    ("en", "Courts issued about 700 decisions to expel foreigners.",
     [(700, 700, "about", "about 700")]),
    ("ru", "Суды приняли более 500 решений о выдворении.", [(501, None, "more_than", "более 500")]),
    # two figures of one noun phrase joined by "and" are one group; a verb or a place parts them
    ("en", "The court heard four citizens of Tajikistan and two citizens of Kyrgyzstan.",
     [(6, 6, "exact", "four citizens of Tajikistan and two")]),
    ("ru", "Задержаны трое мужчин и две женщины.", [(5, 5, "exact", "трое мужчин и две")]),
    ("en", "Officers checked 80 people and 12 were detained.",
     [(80, 80, "exact", "80"), (12, 12, "exact", "12")]),
    ("en", "Police held 9 migrants in Tula and 4 in Orel.",
     [(9, 9, "exact", "9"), (4, 4, "exact", "4")]),
    ("en", "A woman and her three children were held at the centre.",
     [(4, 4, "exact", "woman and her three")]),
    ("en", "He was held for a day with four other men.", []),
    ("en", "The men, aged 19 and 23, were detained.", []),
    ("ru", "Задержаны мужчины в возрасте 20 и 27 лет.", []),
    ("ru", "Его держали в отделе с тремя земляками.", []),
]


def _read(nlp: NLP, text: str, lang: Lang) -> list[Count]:
    return [c for s in nlp.analyze(text, lang) for c in extract_counts(s, lang)]


@pytest.mark.parametrize(("lang", "text", "expected"), CASES)
def test_counts_table(counts_nlp: NLP, lang: Lang, text: str, expected: list[Expected]) -> None:
    got = _read(counts_nlp, text, lang)
    assert [(c.min, c.max, c.qualifier, c.text) for c in got] == expected


def test_counts_table_is_large_enough() -> None:
    assert len(CASES) >= 80
    assert sum(1 for _, _, e in CASES if not e) >= 30


def test_counts_spans_are_document_offsets(counts_nlp: NLP) -> None:
    text = "Рейды прошли в понедельник. Задержаны около 40 мигрантов и трое граждан РФ."
    got = _read(counts_nlp, text, "ru")
    assert [c.text for c in got] == ["около 40", "трое"]
    for c in got:
        assert c.span is not None
        assert text[c.span.start : c.span.stop] == c.text == c.span.text


@pytest.mark.parametrize(
    ("lang", "phrase", "expected"),
    [
        ("ru", "не менее 3 000", (3000, None, "at_least")),
        ("en", "several hundred", (200, 999, "several")),
        ("en", "almost three dozen", (36, 36, "about")),
        ("ru", "более 1,5 тыс.", (1501, None, "more_than")),
        ("ru", "полутора тысяч", (1500, 1500, "exact")),
        ("ru", "полусотни", (50, 50, "exact")),
        ("ru", "четверых", (4, 4, "exact")),
        ("en", "twenty-seven", (27, 27, "exact")),
        ("en", "hundreds", (200, 999, "several")),
        ("ru", "десятки тысяч", (20000, 99999, "several")),
        ("en", "3\u202f000", (3000, 3000, "exact")),
    ],
)
def test_counts_parse_phrase(lang: Lang, phrase: str, expected: tuple[object, ...]) -> None:
    c = parse_count(phrase, lang)
    assert c is not None
    assert (c.min, c.max, c.qualifier) == expected


@pytest.mark.parametrize(
    ("lang", "phrase"),
    [("en", "many"), ("en", "a number of"), ("ru", "многие"), ("ru", "несколько"),
     ("en", "1.5"), ("en", ""), ("ru", "первый")],
)
def test_counts_parse_not_a_count(lang: Lang, phrase: str) -> None:
    assert parse_count(phrase, lang) is None


@pytest.mark.parametrize(
    ("count", "ru", "en"),
    [
        (Count(3000, None, "at_least"), "не менее 3\u00a0000", "at least 3,000"),
        (Count(101, None, "more_than"), "более 100", "more than 100"),
        (Count(None, 49, "less_than"), "менее 50", "fewer than 50"),
        (Count(200, 999, "several"), "несколько сотен", "several hundred"),
    ],
)
def test_counts_render(count: Count, ru: str, en: str) -> None:
    assert render_count(count, "ru") == ru
    assert render_count(count, "en") == en
