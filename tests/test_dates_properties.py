"""Properties of the date extractor over generated phrases and arbitrary text."""

from __future__ import annotations

from datetime import date, timedelta
from itertools import pairwise

from hypothesis import given, settings
from hypothesis import strategies as st

from khronika.extract.dates import extract_dates, parse_date
from khronika.model import DateRange, Lang, Sentence

CI = settings(max_examples=200, deadline=None)

RU_MONTHS_PREP = ["январе", "феврале", "марте", "апреле", "мае", "июне", "июле", "августе",
                  "сентябре", "октябре", "ноябре", "декабре"]
RU_MONTHS_GEN = ["января", "февраля", "марта", "апреля", "мая", "июня", "июля", "августа",
                 "сентября", "октября", "ноября", "декабря"]
EN_MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August",
             "September", "October", "November", "December"]
RU_WEEKDAYS = ["в понедельник", "во вторник", "в среду", "в четверг", "в пятницу",
               "в субботу", "в воскресенье"]
EN_WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]

publications = st.dates(min_value=date(2001, 1, 1), max_value=date(2035, 12, 31))
days = st.integers(min_value=1, max_value=28)
months = st.integers(min_value=0, max_value=11)


def _sentence(text: str) -> Sentence:
    return Sentence(0, 0, len(text), text)


def _found(phrase: str, lang: Lang, published: date | None) -> list[DateRange]:
    text = f"{phrase} полиция задержала рабочих." if lang == "ru" else \
        f"{phrase} police detained workers."
    return extract_dates(_sentence(text), lang, published)


# Phrases about the past, written without a year, each with the precision it must carry.
past_phrases = st.one_of(
    st.sampled_from(RU_WEEKDAYS).map(lambda p: (p, "ru", "day")),
    st.sampled_from(EN_WEEKDAYS).map(lambda p: (f"On {p}", "en", "day")),
    st.sampled_from([("Вчера", "ru", "day"), ("Позавчера", "ru", "day"), ("Сегодня", "ru", "day"),
                     ("Yesterday", "en", "day"), ("Overnight", "en", "day"),
                     ("На прошлой неделе", "ru", "week"), ("Last week", "en", "week"),
                     ("На этой неделе", "ru", "week"), ("В прошлом месяце", "ru", "month"),
                     ("Last month", "en", "month"), ("В этом году", "ru", "year"),
                     ("В минувшие выходные", "ru", "day"), ("Last weekend", "en", "day"),
                     ("В новогоднюю ночь", "ru", "day"), ("On New Year's Eve", "en", "day"),
                     ("С начала года", "ru", "year"), ("Since the start of the year", "en", "year"),
                     ("Летом", "ru", "quarter"), ("Зимой", "ru", "quarter"),
                     ("In the spring", "en", "quarter"), ("Last summer", "en", "quarter"),
                     ("В первом квартале", "ru", "quarter"),
                     ("За первые три месяца года", "ru", "quarter")]),
    months.map(lambda m: (f"В {RU_MONTHS_PREP[m]}", "ru", "month")),
    months.map(lambda m: (f"In {EN_MONTHS[m]}", "en", "month")),
    months.map(lambda m: (f"В конце {RU_MONTHS_GEN[m]}", "ru", "month")),
    months.map(lambda m: (f"С {RU_MONTHS_GEN[m]}", "ru", "month")),
    st.tuples(days, months).map(lambda dm: (f"{dm[0]} {RU_MONTHS_GEN[dm[1]]}", "ru", "day")),
    st.tuples(days, months).map(lambda dm: (f"On {EN_MONTHS[dm[1]]} {dm[0]}", "en", "day")),
    st.tuples(st.integers(1, 12), st.sampled_from(["дня", "недели", "месяца", "года"])).map(
        lambda nu: (f"За последние {nu[0]} {nu[1]}", "ru",
                    {"дня": "day", "недели": "week", "месяца": "month", "года": "year"}[nu[1]])),
    st.tuples(st.integers(2, 12), st.sampled_from(["days", "weeks", "months", "years"])).map(
        lambda nu: (f"Over the past {nu[0]} {nu[1]}", "en", nu[1][:-1])),
)

# The longest a range of each precision may be when it names one period.
LONGEST = {"day": 3, "week": 7, "month": 31, "quarter": 92, "year": 366}


@CI
@given(past_phrases, publications)
def test_dates_past_phrases_never_after_publication(
    phrase: tuple[str, Lang, str], published: date
) -> None:
    text, lang, precision = phrase
    found = _found(text, lang, published)
    assert len(found) == 1, (text, found)
    (r,) = found
    assert r.start is not None and r.end is not None
    assert r.start <= r.end <= published
    assert r.precision == precision


@CI
@given(past_phrases, publications)
def test_dates_precision_fits_range_length(phrase: tuple[str, Lang, str], published: date) -> None:
    text, lang, _ = phrase
    for r in _found(text, lang, published):
        assert r.start is not None and r.end is not None
        length = (r.end - r.start).days + 1
        if text.startswith(("За последние", "Over ", "С ", "Since")):
            # "over the past N weeks", "since January": the range runs to publication (whole
            # weeks: to the day before it) and its precision is that of the unit it is counted in
            assert r.end in (published, published - timedelta(days=1))
        elif text.startswith(("В конце", "В новогоднюю", "On New", "В минувшие", "Last weekend")):
            assert length <= 11
        else:
            assert length <= LONGEST[r.precision], (text, r)
            if r.precision == "month":
                assert (r.start.year, r.start.month) == (r.end.year, r.end.month)


@CI
@given(st.integers(1, 12), publications)
def test_dates_durations_count_back_from_publication(weeks: int, published: date) -> None:
    (r,) = _found(f"За последние {weeks} недели", "ru", published)
    assert (r.start, r.end, r.precision) == (
        published - timedelta(weeks=weeks), published - timedelta(days=1), "week"
    )


@CI
@given(days, months, st.integers(1990, 2030), st.none() | publications)
def test_dates_written_years_ignore_publication(
    day: int, month: int, year: int, published: date | None
) -> None:
    (r,) = _found(f"{day} {RU_MONTHS_GEN[month]} {year} года", "ru", published)
    assert r.start == r.end == date(year, month + 1, day)
    assert r.precision == "day"


@CI
@given(st.sampled_from(["ru", "en"]), publications)
def test_dates_relative_phrases_need_publication(lang: Lang, published: date) -> None:
    phrase = "Вчера" if lang == "ru" else "Yesterday"
    assert _found(phrase, lang, None) == []
    assert len(_found(phrase, lang, published)) == 1


@CI
@given(st.text(max_size=200), st.sampled_from(["ru", "en"]), st.none() | publications,
       st.integers(0, 10_000))
def test_dates_arbitrary_text_never_raises(
    text: str, lang: Lang, published: date | None, offset: int
) -> None:
    sentence = Sentence(0, offset, offset + len(text), text)
    for r in extract_dates(sentence, lang, published):
        assert r.start is not None and r.end is not None and r.start <= r.end
        assert r.span is not None and r.text is not None
        assert text[r.span.start - offset : r.span.stop - offset] == r.text
    parse_date(text, lang, published)


date_words = st.sampled_from(
    ["с", "по", "в", "на", "за", "до", "ночь", "конце", "начала", "года", "2023", "2024", "12",
     "31", "марта", "ноября", "четверг", "прошлой", "неделе", "and", "from", "to", "March",
     "December", "last", "week", "since", "the", "of", "night", "Friday", ",", "–", "1.5"]
)


@CI
@given(st.lists(date_words, max_size=12), st.sampled_from(["ru", "en"]), publications)
def test_dates_date_like_word_salad_stays_ordered(
    words: list[str], lang: Lang, published: date
) -> None:
    text = " ".join(words)
    found = extract_dates(_sentence(text), lang, published)
    for r in found:
        assert r.start is not None and r.end is not None and r.start <= r.end
    spans = [(r.span.start, r.span.stop) for r in found if r.span]
    assert spans == sorted(spans)
    assert all(a[1] <= b[0] for a, b in pairwise(spans))


PARTS_OF_LAST_MONTH = [
    ("ru", "В начале прошлого месяца", 1, 10), ("ru", "В середине минувшего месяца", 11, 20),
    ("ru", "В конце прошлого месяца", 21, 31), ("en", "Late last month", 21, 31),
    ("en", "In early last month", 1, 10), ("en", "At the end of the previous month", 21, 31),
    ("en", "In the middle of last month", 11, 20),
]


@CI
@given(st.sampled_from(PARTS_OF_LAST_MONTH), publications)
def test_dates_part_of_last_month_lies_in_the_month_before_publication(
    part: tuple[Lang, str, int, int], published: date
) -> None:
    lang, text, first, last = part
    (r,) = _found(text, lang, published)
    assert r.start is not None and r.end is not None
    before = published.replace(day=1) - timedelta(days=1)
    assert (r.start.year, r.start.month) == (r.end.year, r.end.month) == (
        before.year, before.month)
    assert r.start.day == first and r.end.day == min(last, before.day)
    assert r.precision == "month"


@CI
@given(st.sampled_from([("ru", "В начале этого месяца"), ("ru", "В начале месяца"),
                        ("en", "Early this month")]), publications)
def test_dates_start_of_this_month_ends_by_publication(
    phrase: tuple[Lang, str], published: date
) -> None:
    lang, text = phrase
    (r,) = _found(text, lang, published)
    assert r.start == published.replace(day=1)
    assert r.end == min(published, published.replace(day=10))
