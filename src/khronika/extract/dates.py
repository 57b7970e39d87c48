"""Time expressions in Russian and English news, resolved against the publication date.

Design. A table of regular expressions per language finds candidate expressions in a
sentence (a sentence is ~10 µs of regex work; dateparser's ``search`` is about a thousand
times slower and reads "May" and "март" in places where they are not dates). Overlapping
candidates are settled longest-first; neighbouring day dates joined by "и", "and", "по",
"to", "–" merge into one range ("on December 31 and January 1"); then each is resolved.
``parse_date`` falls back to dateparser (offline, past-preferring, one language) for a
whole phrase the table does not know.

Resolution rules (the domain reports past events):

- a date or period written without a year is the most recent one that *starts* on or
  before the publication date ("в августе" → the last August begun by then);
- calendar periods resolved that way (month, season, quarter, "this week") are cut at the
  publication date when still under way; explicit day ranges are not cut, so a planned
  operation "с 12 по 25 ноября" keeps its stated end;
- a bare weekday ("в четверг", "on Thursday") is the most recent such day on or before
  publication: same-day in wire style ("police said on Thursday" in a Thursday story);
  "last Thursday"/"в прошлый четверг" is strictly before publication;
- "since …" ranges run to publication with the precision of their start: "с начала года"
  → year, "since January" → month, "с 1 марта" → day; "с конца ноября" starts on 20
  November, "в конце марта" is 21–31 March with precision month (parts of a month are
  day ranges with the month's precision: the writer did not say which days);
- "в ночь на 5 января" → 4–5 January; "в новогоднюю ночь" → 31 December – 1 January;
- without a publication date only expressions carrying their own year resolve.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta

from khronika.extract import calendar as cal
from khronika.model import DatePrecision, DateRange, Lang, Sentence, Span

Resolved = tuple[date, date, DatePrecision]
Resolver = Callable[[date | None], Resolved | None]
Groups = dict[str, str | None]

_RU_MONTH_FORMS = [
    ("январь", "января", "январе"), ("февраль", "февраля", "феврале"),
    ("март", "марта", "марте"), ("апрель", "апреля", "апреле"), ("май", "мая", "мае"),
    ("июнь", "июня", "июне"), ("июль", "июля", "июле"), ("август", "августа", "августе"),
    ("сентябрь", "сентября", "сентябре"), ("октябрь", "октября", "октябре"),
    ("ноябрь", "ноября", "ноябре"), ("декабрь", "декабря", "декабре"),
]
_MONTHS: dict[str, int] = {
    form: i + 1 for i, forms in enumerate(_RU_MONTH_FORMS) for form in forms
}
_EN_MONTHS = "january february march april may june july august september october november december"
for _i, _name in enumerate(_EN_MONTHS.split()):
    _MONTHS[_name] = _i + 1
    _MONTHS[_name[:3]] = _i + 1
_MONTHS["sept"] = 9

_WEEKDAYS: dict[str, int] = {}
for _i, _forms in enumerate([
    "понедельник понедельника monday", "вторник вторника tuesday", "среду среда среды wednesday",
    "четверг четверга thursday", "пятницу пятница пятницы friday",
    "субботу суббота субботы saturday", "воскресенье воскресенья sunday",
]):
    for _form in _forms.split():
        _WEEKDAYS[_form] = _i

_NUMBERS: dict[str, int] = {}
for _value, _forms in enumerate([
    "", "один одну одного одной одни одних one a an", "два две двух two", "три трёх трех three",
    "четыре четырёх четырех four", "пять пяти five", "шесть шести six", "семь семи seven",
    "восемь восьми eight", "девять девяти nine", "десять десяти ten",
    "одиннадцать одиннадцати eleven", "двенадцать двенадцати twelve",
]):
    for _form in _forms.split():
        _NUMBERS[_form] = _value
_NUMBERS.update({"пятнадцать": 15, "пятнадцати": 15, "fifteen": 15, "двадцать": 20,
                 "двадцати": 20, "twenty": 20, "тридцать": 30, "тридцати": 30, "thirty": 30})
_ORDINALS = {"перв": 1, "втор": 2, "трет": 3, "четв": 4, "first": 1, "second": 2, "third": 3,
             "fourth": 4, "final": 4, "last": 4, "i": 1, "ii": 2, "iii": 3, "iv": 4}
_SEASONS = {"зим": "winter", "весн": "spring", "лет": "summer", "осен": "autumn",
            "winter": "winter", "spring": "spring", "summer": "summer", "autumn": "autumn",
            "fall": "autumn"}
# Relative words → offset in years (or weeks, months) from publication.
_REL_OFFSETS = {"этот": 0, "это": 0, "эта": 0, "этой": 0, "этом": 0, "этим": 0, "этого": 0,
                "эту": 0, "текущ": 0, "нынешн": 0, "this": 0, "the": 0, "прошл": -1,
                "минувш": -1, "прошедш": -1, "last": -1, "previous": -1, "past": -1,
                "позапрошл": -2}


def _alt(words: list[str] | set[str]) -> str:
    return "|".join(sorted((re.escape(w) for w in words), key=len, reverse=True))


_MON_RU = _alt({f for forms in _RU_MONTH_FORMS for f in forms})
_MON_EN = (r"(?:January|February|March|April|May|June|July|August|September|October|"
           r"November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\b\.?")
_WD = _alt(set(_WEEKDAYS))
_NUM = r"(?:\d{1,2}|" + _alt(set(_NUMBERS)) + r")"
_D = r"(?<![\d.,])[0-3]?\d(?![\d.,:]\d)"
_ORD_EN = r"(?:st|nd|rd|th)?"
# A year written after a Russian date, as digits or as a relative word ("прошлого года").
_YS_RU = (r"(?>(?:\s+(?P<y>(?:19|20)\d\d)(?:\s*(?:года|год|г\.|г\b))?|\s+(?P<yrel>этого|"
          r"текущего|нынешнего|прошлого|минувшего|прошедшего|позапрошлого)\s+года)?)")
_YS_EN = r"(?>(?:,?\s+(?P<y>(?:19|20)\d\d)\b|\s+(?:of\s+)?(?P<yrel>this|last)\s+year)?)"
_YEAR_OF_RU = (r"(?:(?P<y>(?:19|20)\d\d)\s*(?:года|г\.)|(?P<yrel>этого|текущего|нынешнего|"
               r"прошлого|минувшего|прошедшего|позапрошлого)\s+года|(?P<ythe>года))")
_YEAR_OF_EN = r"(?:(?P<y>(?:19|20)\d\d)\b|(?P<yrel>this|last|the)\s+year)"


@dataclass(frozen=True, slots=True)
class _Found:
    start: int
    stop: int
    kind: str  # "day" and "weekday" merge into ranges; "period" and "since" do not
    resolve: Resolver
    has_year: bool = False


# --- resolvers ----------------------------------------------------------------------------


def _year(g: Groups, base: date | None) -> int | None:
    """The year written in ``g``; the publication year for "этого года"; None if none
    was written or it is relative and there is no publication date."""
    if g.get("y"):
        return int(str(g["y"]))
    rel = g.get("yrel") or (g.get("ythe") and "the")
    if rel and base is not None:
        return base.year + _offset(rel)
    return None


def _offset(word: str) -> int:
    word = word.lower()
    for stem, value in _REL_OFFSETS.items():
        if word.startswith(stem):
            return value
    return 0


def _written_year(g: Groups) -> bool:
    return bool(g.get("y") or g.get("yrel") or g.get("ythe"))


def _day_resolver(month: int, day: int, g: Groups) -> Resolver:
    def resolve(base: date | None) -> Resolved | None:
        year = _year(g, base)
        if year is not None:
            found = cal.valid_day(year, month, day)
        elif base is not None:
            found = cal.latest_day(month, day, base)
        else:
            return None
        return (found, found, "day") if found else None

    return resolve


def _period_resolver(
    make: Callable[[int], cal.Period], latest: Callable[[date], cal.Period],
    precision: DatePrecision, g: Groups,
) -> Resolver:
    """A named period of a written year, or the latest one begun by publication (cut there)."""

    def resolve(base: date | None) -> Resolved | None:
        year = _year(g, base)
        if year is not None:
            start, end = make(year)
        elif base is not None and not _written_year(g):
            start, end = cal.clip(latest(base), base)
        else:
            return None
        return start, end, precision

    return resolve


def _relative(make: Callable[[date], cal.Period], precision: DatePrecision) -> Resolver:
    def resolve(base: date | None) -> Resolved | None:
        if base is None:
            return None
        start, end = make(base)
        return start, end, precision

    return resolve


def _since(start_of: Resolver) -> Resolver:
    def resolve(base: date | None) -> Resolved | None:
        first = start_of(base)
        if first is None or base is None or first[0] > base:
            return None
        return first[0], base, first[2]

    return resolve


def _shift_start(resolver: Resolver, days: int) -> Resolver:
    def resolve(base: date | None) -> Resolved | None:
        got = resolver(base)
        return None if got is None else (got[0] - timedelta(days=days), got[1], got[2])

    return resolve


# --- handlers: a match's groups → a candidate (kind, resolver) or None ---------------------

Handler = Callable[[Groups], tuple[str, Resolver] | None]


def _month(g: Groups, key: str = "mon") -> int | None:
    word = (g.get(key) or "").lower().rstrip(".")
    if not word:
        return None
    if word.isascii() and not str(g[key])[0].isupper():
        return None  # English month names are capitalised: "may" and "march" are not dates
    return _MONTHS.get(word)


def _number(word: str | None) -> int | None:
    if not word:
        return None
    return int(word) if word.isdigit() else _NUMBERS.get(word.lower())


def _h_day(g: Groups) -> tuple[str, Resolver] | None:
    month, day = _month(g), int(str(g["d"]))
    if month is None or not 1 <= day <= 31:
        return None
    return "day", _day_resolver(month, day, g)


def _h_day_range(g: Groups) -> tuple[str, Resolver] | None:
    month, d1, d2 = _month(g), int(str(g["d1"])), int(str(g["d2"]))
    if month is None or not 1 <= d1 < d2 <= 31:
        return None
    first, last = _day_resolver(month, d1, g), _day_resolver(month, d2, g)

    def resolve(base: date | None) -> Resolved | None:
        start = first(base)
        if start is None:
            return None
        end = cal.valid_day(start[0].year, month, d2)
        return (start[0], end, "day") if end else last(base)

    return "day", resolve


def _h_since_day(g: Groups) -> tuple[str, Resolver] | None:
    found = _h_day(g)
    return None if found is None else ("since", _since(found[1]))


def _h_numeric(g: Groups) -> tuple[str, Resolver] | None:
    year = int(str(g["y"]))
    year += 2000 if year < 100 else 0
    a, b = int(str(g["a"])), int(str(g["b"]))
    if g.get("us") is not None and a <= 12:
        a, b = b, a  # English slashed dates are month-first unless the first part cannot be
    found = cal.valid_day(year, b, a)
    if found is None or not 1900 <= year <= 2100:
        return None
    return "day", lambda _base: (found, found, "day")


def _h_weekday(g: Groups) -> tuple[str, Resolver] | None:
    word = str(g["wd"])
    if word.isascii() and not word[0].isupper():
        return None
    weekday = _WEEKDAYS[word.lower()]
    strict = bool(g.get("rel")) and _offset(str(g["rel"])) < 0
    return "weekday", _relative(
        lambda base: (d := cal.latest_weekday(weekday, base, same_day=not strict), d), "day")


def _h_weekday_range(g: Groups) -> tuple[str, Resolver] | None:
    w1, w2 = _WEEKDAYS[str(g["wd1"]).lower()], _WEEKDAYS[str(g["wd"]).lower()]

    def make(base: date) -> cal.Period:
        end = cal.latest_weekday(w2, base, same_day=True)
        return cal.latest_weekday(w1, end, same_day=False), end

    return "day", _relative(make, "day")


def _h_night_range(g: Groups) -> tuple[str, Resolver] | None:
    month, d1, d2 = _month(g), int(str(g["d1"])), int(str(g["d2"]))
    if month is None or d2 != d1 + 1:
        return None
    return "day", _shift_start(_day_resolver(month, d2, g), 1)


def _h_relday(g: Groups) -> tuple[str, Resolver] | None:
    word = re.sub(r"\s+", " ", str(g["rd"]).lower())
    back, span = 0, 0
    if word.startswith(("вчера", "yesterday")):
        back = 1
    elif word.startswith(("позавчера", "the day before")):
        back = 2
    elif "ночь" in word or "night" in word or word == "overnight":
        span = 1
    return "day", _relative(
        lambda base: (base - timedelta(days=back + span), base - timedelta(days=back)), "day"
    )


def _h_month(g: Groups) -> tuple[str, Resolver] | None:
    month = _month(g)
    if month is None:
        return None
    if g.get("rel"):  # "last March": the last one already over
        return "period", _relative(lambda base: cal.month_period(
            base.year - 1 if month >= base.month else base.year, month), "month")
    if not (g.get("pre") or g.get("y")):
        return None  # a bare English month name ("March") is too often something else
    resolver = _period_resolver(
        lambda y: cal.month_period(y, month),
        lambda base: cal.month_period(cal.latest_year_for_month(month, base), month),
        "month", g)
    return ("since", _since(resolver)) if _is_since(g) else ("period", resolver)


def _h_month_range(g: Groups) -> tuple[str, Resolver] | None:
    m1, m2 = _month(g, "mon1"), _month(g)
    if m1 is None or m2 is None or m1 >= m2:
        return None
    return "period", _period_resolver(
        lambda y: (date(y, m1, 1), cal.month_end(y, m2)),
        lambda base: cal.months_of_year(cal.latest_year_for_month(m1, base), m1, m2),
        "month", g)


_PARTS = {"нач": (1, 10), "beg": (1, 10), "sta": (1, 10), "ear": (1, 10), "сер": (11, 20),
          "mid": (11, 20), "кон": (21, 31), "end": (21, 31), "lat": (21, 31),
          "пер": (1, 15), "fir": (1, 15), "вто": (16, 31), "sec": (16, 31)}
_YEAR_PARTS = {(1, 10): (1, 3), (11, 20): (5, 8), (21, 31): (10, 12), (1, 15): (1, 6),
               (16, 31): (7, 12)}


def _h_part_month(g: Groups) -> tuple[str, Resolver] | None:
    month = _month(g)
    if month is None:
        return None
    first, last = _PARTS[str(g.get("part") or g["part2"]).lower()[:3]]
    since = _is_since(g)
    if since and first == 21:
        first = 20  # "с конца ноября": the end of a month, counted from the 20th

    def make(year: int) -> cal.Period:
        end = cal.month_end(year, month)
        return date(year, month, first), end.replace(day=min(last, end.day))

    resolver = _period_resolver(
        make, lambda base: make(cal.latest_year_for_month(month, base)), "month", g)
    return ("since", _since(resolver)) if since else ("period", resolver)


def _h_part_year(g: Groups) -> tuple[str, Resolver] | None:
    m1, m2 = _YEAR_PARTS[_PARTS[str(g.get("part") or g["part2"]).lower()[:3]]]
    if _is_since(g):
        m2 = m1
    resolver = _period_resolver(
        lambda y: cal.months_of_year(y, m1, m2),
        lambda base: cal.months_of_year(base.year if m1 <= base.month else base.year - 1,
                                        m1, m2), "quarter" if m1 != m2 else "month", g)
    if _is_since(g):
        precision: DatePrecision = "year" if m1 == 1 else "month"
        return "since", _since(lambda b: (r[0], r[1], precision) if (r := resolver(b)) else None)
    return "period", resolver


def _h_quarter(g: Groups) -> tuple[str, Resolver] | None:
    if g.get("qrel"):
        return "period", _relative(cal.previous_quarter, "quarter")
    word = str(g["q"]).lower().lstrip("q")
    if word in ("last", "final") and not _written_year(g):
        return "period", _relative(cal.previous_quarter, "quarter")
    q = int(word[0]) if word[0].isdigit() else _ORDINALS.get(word) or _ORDINALS[word[:4]]
    return "period", _period_resolver(
        lambda y: cal.quarter_period(y, q), lambda base: cal.latest_quarter(q, base),
        "quarter", g)


def _h_months_of_year(g: Groups) -> tuple[str, Resolver] | None:
    n = _number(g.get("n")) or (6 if g.get("half") else None)
    if n is None or not 1 <= n <= 12:
        return None
    last = str(g.get("fl") or g.get("half") or "first").lower()
    m1, m2 = (13 - n, 12) if last.startswith(("посл", "last", "final", "втор", "second")) \
        else (1, n)
    precision: DatePrecision = "year" if n == 12 else "quarter" if n % 3 == 0 else "month"
    return "period", _period_resolver(
        lambda y: cal.months_of_year(y, m1, m2),
        lambda base: cal.months_of_year(base.year if m1 <= base.month else base.year - 1,
                                        m1, m2), precision, g)


def _h_season(g: Groups) -> tuple[str, Resolver] | None:
    word = str(g["season"]).lower()
    season = _SEASONS[word if word in _SEASONS else word[:4] if word[:4] in _SEASONS
                      else word[:3]]
    rel = g.get("rel")
    if rel and _offset(rel) < 0:
        return "period", _relative(
            lambda base: cal.latest_season(season, base, finished=True), "quarter")
    resolver = _period_resolver(
        lambda y: cal.season_period(season, y), lambda base: cal.latest_season(season, base),
        "quarter", g)
    return ("since", _since(resolver)) if _is_since(g) else ("period", resolver)


def _h_year(g: Groups) -> tuple[str, Resolver] | None:
    y1 = int(str(g.get("y1") or g["y"]))
    y2 = int(str(g.get("y2") or y1))
    if y2 < y1:
        return None
    fixed: Resolved = (date(y1, 1, 1), date(y2, 12, 31), "year")
    if _is_since(g):
        return "since", _since(lambda _b: fixed)
    return "period", lambda _b: fixed


def _h_relperiod(g: Groups) -> tuple[str, Resolver] | None:
    unit, offset = str(g["unit"]).lower(), _offset(str(g["rel"]))
    if unit.startswith(("недел", "week")):
        return "period", _relative(
            lambda b: cal.clip(cal.week_of(b + timedelta(weeks=offset)), b), "week")
    if unit.startswith(("месяц", "month")):
        return "period", _relative(lambda b: cal.clip(cal.month_period(
            (m := cal.add_months(b, offset)).year, m.month), b), "month")
    if unit.startswith(("квартал", "quarter")):
        return ("period", _relative(cal.previous_quarter, "quarter")) if offset else None
    if unit.startswith(("год", "year")):
        return "period", _relative(lambda b: cal.clip(cal.months_of_year(
            b.year + offset, 1, 12), b), "year")
    return None


def _h_weekend(g: Groups) -> tuple[str, Resolver] | None:
    return "period", _relative(cal.latest_weekend, "day")


def _h_since_start(g: Groups) -> tuple[str, Resolver] | None:
    unit = str(g["unit"]).lower()
    if unit.startswith(("год", "year")) or g.get("y"):
        return "since", _since(lambda b: (date(y, 1, 1), date(y, 1, 1), "year")
                               if (y := _year(g, b) or (b.year if b else None)) else None)
    if unit.startswith(("месяц", "month")):
        return "since", _relative(lambda b: (b.replace(day=1), b), "month")
    if unit.startswith(("недел", "week")):
        return "since", _relative(lambda b: (cal.week_of(b)[0], b), "week")
    return _h_season({**g, "season": unit, "pre": "с"})


def _h_duration(g: Groups) -> tuple[str, Resolver] | None:
    n = _number(g.get("n")) or 1
    unit = str(g["unit"]).lower()
    ago = bool(g.get("ago"))
    if unit.startswith(("час", "hour")):
        if ago:
            return None
        return "period", _relative(lambda b: (b - timedelta(days=-(-n // 24)), b), "day")
    if unit.startswith(("д", "day", "сут")):
        if ago:
            return "day", _relative(lambda b: (b - timedelta(days=n), b - timedelta(days=n)), "day")
        return "period", _relative(lambda b: (b - timedelta(days=n), b), "day")
    if unit.startswith(("недел", "week")):
        if ago:
            return "period", _relative(lambda b: cal.week_of(b - timedelta(weeks=n)), "week")
        return "period", _relative(lambda b: (b - timedelta(weeks=n), b), "week")
    if unit.startswith(("месяц", "month")):
        if ago:
            return "period", _relative(
                lambda b: cal.month_period((m := cal.add_months(b, -n)).year, m.month), "month")
        return "period", _relative(lambda b: (cal.add_months(b, -n), b), "month")
    if ago:
        return "period", _relative(lambda b: cal.months_of_year(b.year - n, 1, 12), "year")
    return "period", _relative(lambda b: (cal.add_months(b, -12 * n), b), "year")


def _h_new_year(g: Groups) -> tuple[str, Resolver] | None:
    word = str(g["ny"]).lower()
    if "канун" in word:
        return "day", _relative(lambda b: (d := cal.latest_day(12, 31, b) or b, d), "day")
    if word.endswith("day"):
        return "day", _relative(lambda b: (d := cal.latest_day(1, 1, b) or b, d), "day")
    if "праздн" in word or "каникул" in word or "holiday" in word:
        # Russia's New Year holidays run 1–8 January.
        return "period", _relative(
            lambda b: cal.clip((d := cal.latest_day(1, 1, b) or b, d + timedelta(days=7)), b),
            "day")
    # New Year's Eve is read as the night it ends with, 31 December – 1 January.
    return "day", _relative(cal.new_year_night, "day")


def _is_since(g: Groups) -> bool:
    return str(g.get("pre") or "").lower() in ("с", "since", "со")


# --- pattern tables ------------------------------------------------------------------------

_PRE_RU = r"(?:(?P<pre>с|со|в|во|за)\s+)?"
_RU: list[tuple[str, Handler]] = [
    (rf"(?:с\s+)?(?P<d1>{_D})\s*(?:по|до|[-–—]|и)\s*(?P<d2>{_D})\s+(?P<mon>{_MON_RU}){_YS_RU}",
     _h_day_range),
    (rf"(?P<d>{_D})(?:-?го)?\s+(?P<mon>{_MON_RU}){_YS_RU}", _h_day),
    (rf"(?P<pre>с|со)\s+(?P<d>{_D})(?:-?го)?\s+(?P<mon>{_MON_RU}){_YS_RU}(?!\s*(?:по|до)\s)",
     _h_since_day),
    (rf"в\s+ночь\s+с\s+(?P<d1>{_D})\s+на\s+(?P<d2>{_D})\s+(?P<mon>{_MON_RU}){_YS_RU}",
     _h_night_range),
    (rf"(?:(?P<night>в\s+ночь\s+)|(?<!\w))с\s+(?P<wd1>{_WD})\s+(?:по|на)\s+(?P<wd>{_WD})\b",
     _h_weekday_range),
    (rf"(?:в|во)\s+(?:(?P<rel>прошл\w+|минувш\w+|эт(?:от|у|о))\s+)?(?P<wd>{_WD})\b", _h_weekday),
    (rf"(?<=ночь\sна\s)(?P<wd>{_WD})\b", _h_weekday),
    (rf"(?P<pre>в|во|с|со|за)\s+(?:(?P<rel>прошлом|прошлого|минувшем)\s+)?(?P<mon>{_MON_RU})"
     rf"{_YS_RU}(?!\s*(?:по|до)\s)", _h_month),
    (rf"(?:(?:с|в)\s+)?(?P<mon1>{_MON_RU})\s*(?:по|[-–—])\s*(?P<mon>{_MON_RU}){_YS_RU}",
     _h_month_range),
    (rf"{_PRE_RU}(?P<part>начал[аеу]|середин[аеуы]|конц[аеу]|конец|перв(?:ой|ую)\s+половин[аеуы]"
     rf"|втор(?:ой|ую)\s+половин[аеуы])\s+(?P<mon>{_MON_RU}){_YS_RU}", _h_part_month),
    (rf"{_PRE_RU}(?P<part>начал[аеу]|середин[аеуы]|конц[аеу]|конец)\s+{_YEAR_OF_RU}",
     _h_part_year),
    (r"(?P<pre>с|со)\s+начала\s+(?:(?:этого|текущего|нынешнего)\s+)?(?P<unit>месяца|недели)",
     _h_since_start),
    (rf"(?P<pre>с|со)\s+(?:начала\s+)?(?P<season>зимы|весны|лета|осени){_YS_RU}", _h_season),
    (rf"(?:(?P<rel>эт(?:ой|им)|прошл(?:ой|ым)|минувш(?:ей|им)|нынешн(?:ей|им))\s+)?"
     rf"(?P<season>зимой|весной|летом|осенью){_YS_RU}", _h_season),
    (r"(?:в|во|за)\s+(?P<q>[1-4](?:-?(?:м|й|ом))?|IV|I{1,3}|перв\w+|втор\w+|трет\w+|четв[её]рт\w+)"
     rf"\s+квартал[еау]?{_YS_RU}", _h_quarter),
    (r"(?:в|за)\s+(?P<qrel>прошлом|прошлый|минувшем|минувший)\s+квартал[еау]?", _h_quarter),
    (rf"(?:за|в)\s+(?:(?P<fl>первые|последние)\s+)?(?P<n>{_NUM})\s+месяц(?:а|ев)\s+"
     rf"{_YEAR_OF_RU}", _h_months_of_year),
    (rf"(?:в|за)\s+(?P<half>перв|втор)(?:ом|ое|ой|ую)\s+(?:полугоди[еи]|половин[еуы])\s+"
     rf"{_YEAR_OF_RU}", _h_months_of_year),
    (r"(?:(?P<pre>в|во|с|со)\s+)?(?P<y1>(?:19|20)\d\d)\s*(?:[-–—]|по|и)\s*(?P<y2>(?:19|20)\d\d)"
     r"\s*(?:годах|годы|годов|год|гг\.?)", _h_year),
    (r"(?:(?P<pre>в|во|с|со|за)\s+)?(?P<y>(?:19|20)\d\d)\s*(?:год(?:а|у|ом)?\b|г\.|гг?\b|-?м\b)"
     r"(?!\s*(?:по|до)\s)", _h_year),
    (r"(?P<rd>позавчера|вчера|сегодня(?:\s+ночью)?|(?:этой|прошлой|минувшей)\s+ночью)", _h_relday),
    (r"(?:на|в)\s+(?P<rel>прошлой|минувшей|этой|текущей|позапрошлой|прошедшей)\s+(?P<unit>неделе)",
     _h_relperiod),
    (r"в\s+(?P<rel>прошлом|минувшем|этом|текущем|позапрошлом|прошедшем|нынешнем)\s+"
     r"(?P<unit>месяце|году|квартале)", _h_relperiod),
    (r"(?:в|на)\s+(?:(?P<rel>минувшие|прошлые|прошедшие|эти|последние)\s+)?выходн(?:ые|ых)",
     _h_weekend),
    (rf"(?:за|в\s+течение)\s+(?:(?:последн|прошедш|минувш)(?:ие|ую|ий|ее|их|юю)\s+)?"
     rf"(?:(?P<n>{_NUM})\s+)?(?P<unit>дн(?:я|ей)|день|сутки|суток|недел[юиь]|месяц(?:а|ев)?|"
     rf"год(?:а)?|лет|час(?:а|ов)?)\b(?!\s+до\b)", _h_duration),
    (rf"в\s+последние\s+(?P<n>{_NUM})\s+(?P<unit>дн(?:я|ей)|недел[иь]|месяц(?:а|ев)|год(?:а)?|лет)",
     _h_duration),
    (rf"(?P<n>{_NUM})\s+(?P<unit>дн(?:я|ей)|день|недел[юиь]|месяц(?:а|ев)?|год(?:а)?|лет)\s+"
     r"(?P<ago>назад)", _h_duration),
    (r"(?P<ny>(?:в\s+)?новогодн(?:юю|яя|ей)\s+ночь|в\s+ночь\s+на\s+новый\s+год|в\s+канун\s+"
     r"нового\s+года|(?:в|на)\s+новогодни[ех]\s+(?:праздник|каникул)\w*)", _h_new_year),
]

_PRE_EN = r"(?:(?P<pre>in|during|since|from|throughout|over|for)\s+)?"
_EN: list[tuple[str, Handler]] = [
    (rf"(?:(?:between|from)\s+)?(?P<d1>{_D}){_ORD_EN}\s*(?:and|to|[-–—]|through|until|till)\s*"
     rf"(?P<d2>{_D}){_ORD_EN}\s+(?:of\s+)?(?P<mon>{_MON_EN}){_YS_EN}", _h_day_range),
    (rf"(?:(?:between|from)\s+)?(?P<mon>{_MON_EN})\s+(?P<d1>{_D}){_ORD_EN}\s*(?:and|to|[-–—]|"
     rf"through|until|till)\s*(?P<d2>{_D}){_ORD_EN}\b(?!\s+(?:[a-z]+\s+)?(?:people|men|women|"
     rf"migrants|workers|foreigners|persons|of|thousand|hundred)){_YS_EN}", _h_day_range),
    (rf"(?P<mon>{_MON_EN})\s+(?P<d>{_D}){_ORD_EN}\b{_YS_EN}", _h_day),
    (rf"(?:the\s+)?(?P<d>{_D}){_ORD_EN}\s+(?:of\s+)?(?P<mon>{_MON_EN}){_YS_EN}", _h_day),
    (rf"(?P<pre>since)\s+(?P<mon>{_MON_EN})\s+(?P<d>{_D}){_ORD_EN}\b{_YS_EN}", _h_since_day),
    (rf"(?P<pre>since)\s+(?:the\s+)?(?P<d>{_D}){_ORD_EN}\s+(?:of\s+)?(?P<mon>{_MON_EN}){_YS_EN}",
     _h_since_day),
    (rf"(?:(?:on\s+)?the\s+night\s+from\s+|(?<!\w)from\s+)(?P<wd1>{_WD})\s+(?:to|into|until)\s+"
     rf"(?P<wd>{_WD})\b", _h_weekday_range),
    (rf"(?:(?P<rel>last|this|this\s+past|past)\s+)?(?P<wd>{_WD})\b", _h_weekday),
    (rf"{_PRE_EN}(?:(?P<rel>last)\s+)?(?P<mon>{_MON_EN})(?:,?\s+(?P<y>(?:19|20)\d\d)\b)?",
     _h_month),
    (rf"(?:(?:from|between)\s+)?(?P<mon1>{_MON_EN})\s*(?:to|through|until|and|[-–—])\s*"
     rf"(?P<mon>{_MON_EN}){_YS_EN}", _h_month_range),
    (rf"{_PRE_EN}(?:(?P<part>early|mid|late)[-\s]+|the\s+(?P<part2>beginning|start|middle|end|"
     rf"first\s+half|second\s+half)\s+of\s+)(?P<mon>{_MON_EN}){_YS_EN}", _h_part_month),
    (rf"{_PRE_EN}(?:(?P<part>early|mid|late)[-\s]+|the\s+(?P<part2>beginning|start|middle|end)\s+"
     rf"of\s+){_YEAR_OF_EN}", _h_part_year),
    (r"(?P<pre>since)\s+the\s+(?:start|beginning)\s+of\s+(?:the\s+|this\s+)?(?:(?P<unit>year|"
     r"month|week|winter|spring|summer|autumn|fall)\b|(?P<y>(?:19|20)\d\d)\b)", _h_since_start),
    (r"(?:(?P<pre>in|during|since|over|throughout)\s+(?:the\s+)?|(?P<rel>last|this|this\s+past|"
     r"past)\s+)(?P<season>winter|spring|summer|autumn|fall)(?:\s+(?:of\s+)?"
     r"(?P<y>(?:19|20)\d\d)\b)?", _h_season),
    (r"(?P<season>winter|spring|summer|autumn|fall)\s+(?:of\s+)?(?P<y>(?:19|20)\d\d)\b", _h_season),
    (r"(?:(?:in|during|over)\s+)?the\s+(?P<q>first|second|third|fourth|final|last)\s+quarter"
     rf"(?:\s+of\s+{_YEAR_OF_EN})?", _h_quarter),
    (r"(?:(?:in|during)\s+)?(?P<q>Q[1-4])\s+(?P<y>(?:19|20)\d\d)\b", _h_quarter),
    (rf"(?:(?:in|during|over)\s+)?the\s+(?:(?P<fl>first|last|final)\s+)?(?P<n>{_NUM})\s+months\s+"
     rf"of\s+{_YEAR_OF_EN}", _h_months_of_year),
    (rf"(?:(?:in|during|over)\s+)?the\s+(?P<half>first|second)\s+half\s+of\s+{_YEAR_OF_EN}",
     _h_months_of_year),
    (r"(?:(?P<pre>in|between|from|during|since)\s+)(?P<y1>(?:19|20)\d\d)\s*(?:[-–—]|and|to)\s*"
     r"(?P<y2>(?:19|20)\d\d)\b", _h_year),
    (r"(?P<pre>in|since|during|throughout|for|of|from)\s+(?:the\s+year\s+)?"
     r"(?P<y>(?:19|20)\d\d)\b(?![-–—/.,]?\d)(?!\s+(?!(?:and|or|to|when|after|before|the|a|an|for|"
     r"as|while|but|with|at|in|on|by|was|were|had|have|has|is|are|alone|until|that|he|she|"
     r"they|police|authorities)\b)[a-z])", _h_year),
    (r"(?P<rd>the\s+day\s+before\s+yesterday|yesterday|today|tonight|this\s+(?:morning|afternoon|"
     r"evening)|last\s+night|overnight(?!\s+(?:into|to|on)\b))", _h_relday),
    (r"(?:(?P<rel>last|this|the\s+previous|previous|earlier\s+this)\s+)(?P<unit>week|month|year|"
     r"quarter)\b", _h_relperiod),
    (r"(?:(?:over|at|on|during)\s+the|last|this|this\s+past)\s+weekend", _h_weekend),
    (rf"(?:over|in|during|within|for)\s+the\s+(?:past|last|previous)\s+(?:(?P<n>{_NUM})\s+)?"
     r"(?P<unit>days?|weeks?|months?|years?|hours?)\b", _h_duration),
    (rf"over\s+(?P<n>{_NUM})\s+(?P<unit>days|weeks|months|years)\b", _h_duration),
    (rf"(?P<n>{_NUM})\s+(?P<unit>days?|weeks?|months?|years?)\s+(?P<ago>ago)", _h_duration),
    (r"(?P<ny>New\s+Year['’]?s?\s+(?:Eve|night|Day)|(?:over|during)\s+the\s+New\s+Year\s+"
     r"holidays)", _h_new_year),
]
_NUMERIC = [
    (r"(?<![\d.])(?P<y>(?:19|20)\d\d)-(?P<b>\d\d)-(?P<a>\d\d)(?P<iso>)(?![\d-])", _h_numeric),
    (r"(?<![\d.,/])(?P<a>\d{1,2})\.(?P<b>\d{1,2})\.(?P<y>(?:19|20)?\d\d)(?![\d.]\d)", _h_numeric),
]


def _compile(table: list[tuple[str, Handler]]) -> list[tuple[re.Pattern[str], Handler]]:
    # Word edges are added here once rather than in every pattern.
    return [(re.compile(rf"(?<![\w-])(?:{p})(?!\w)", re.IGNORECASE), h) for p, h in table]


_TABLES: dict[str, list[tuple[re.Pattern[str], Handler]]] = {
    "ru": _compile([*_RU, *_NUMERIC]),
    "en": _compile([*_EN, *_NUMERIC, (
        r"(?<![\d.,/])(?P<a>\d{1,2})/(?P<b>\d{1,2})/(?P<y>(?:19|20)\d\d)(?P<us>)(?![\d/])",
        _h_numeric)]),
}
_JOINER = re.compile(r"\s*(?:и|или|and|or|по|до|to|until|till|through|[-–—])\s*", re.IGNORECASE)
_RANGE_OPENER = re.compile(r"(?<!\w)(?:с|со|from|between)\s+$", re.IGNORECASE)
_NIGHT = re.compile(
    r"(?<!\w)(?:в\s+ночь\s+на|overnight\s+(?:into|to|on)|(?:on\s+)?the\s+night\s+of)\s+$",
    re.IGNORECASE)
# A date after these words is a deadline or a boundary, not when something happened.
_DEADLINE = re.compile(r"(?<!\w)(?:до|к|ко|by|until|till|before|after|после|не\s+позднее|"
                       r"no\s+later\s+than)\s+$", re.IGNORECASE)
_MERGEABLE = ("day", "weekday")


def _candidates(text: str, lang: Lang) -> list[_Found]:
    raw: list[tuple[int, int, int, str, Resolver, bool]] = []
    for order, (pattern, handler) in enumerate(_TABLES[lang]):
        for m in pattern.finditer(text):
            groups: Groups = m.groupdict()
            got = handler(groups)
            if got is not None and m.end() > m.start():
                has_year = bool(groups.get("y") or groups.get("y1"))
                raw.append((m.start(), m.end(), order, got[0], got[1], has_year))
    raw.sort(key=lambda r: (r[0] - r[1], r[0], r[2]))  # longest first, then leftmost
    chosen: list[_Found] = []
    for start, stop, _order, kind, resolve, has_year in raw:
        if all(stop <= f.start or f.stop <= start for f in chosen):
            chosen.append(_Found(start, stop, kind, resolve, has_year))
    return sorted(chosen, key=lambda f: f.start)


def _merge(a: _Found, b: _Found) -> _Found:
    def resolve(base: date | None) -> Resolved | None:
        last = b.resolve(base)
        if last is None:
            return None
        first = a.resolve(base if a.has_year else last[1])
        if first is None or first[0] > last[1]:
            return None
        return first[0], last[1], "day"

    return _Found(a.start, b.stop, "day", resolve, a.has_year or b.has_year)


def _combine(text: str, found: list[_Found]) -> list[_Found]:
    """Joins neighbours into ranges, applies "в ночь на", drops deadlines."""
    out: list[_Found] = []
    merged: set[int] = set()
    for f in found:
        prev = out[-1] if out else None
        if prev is not None and prev.kind in _MERGEABLE and f.kind in _MERGEABLE:
            between = text[prev.stop : f.start]
            if prev.kind == "weekday" and f.kind == "day" and re.fullmatch(r",?\s*", between):
                out[-1] = replace(f, start=prev.start)  # "Friday, February 14"
                continue
            if _JOINER.fullmatch(between):
                joined = _merge(prev, f)
                opener = _RANGE_OPENER.search(text, 0, prev.start)
                if opener:
                    joined = replace(joined, start=opener.start())
                out[-1] = joined
                merged.add(joined.start)
                continue
        out.append(f)
    result: list[_Found] = []
    for f in out:
        if f.kind in _MERGEABLE:
            night = _NIGHT.search(text, 0, f.start)
            if night:
                f = replace(f, start=night.start(), resolve=_shift_start(f.resolve, 1))
        if f.start not in merged and f.kind != "since" and _DEADLINE.search(text, 0, f.start):
            continue
        result.append(f)
    return result


def _extract(text: str, lang: Lang, published: date | None) -> list[DateRange]:
    ranges: list[DateRange] = []
    for f in _combine(text, _candidates(text, lang)):
        got = f.resolve(published)
        if got is None or got[0] > got[1]:
            continue
        words = text[f.start : f.stop]
        ranges.append(DateRange(got[0], got[1], got[2], words, Span(f.start, f.stop, words)))
    return ranges


def extract_dates(sentence: Sentence, lang: Lang, published: date | None) -> list[DateRange]:
    """Every time expression in ``sentence`` resolved against ``published``, in text
    order, with spans in document offsets."""
    out = []
    for r in _extract(sentence.text, lang, published):
        assert r.span is not None
        span = Span(sentence.start + r.span.start, sentence.start + r.span.stop, r.span.text)
        out.append(replace(r, span=span))
    return out


def parse_date(text: str, lang: Lang, published: date | None) -> DateRange | None:
    """One phrase ("с 12 по 25 ноября") as a range: the table's longest reading, else
    dateparser's (offline, past-preferring, ``lang`` only)."""
    found = _extract(text, lang, published)
    if found:
        return max(found, key=lambda r: len(r.text or ""))
    return _dateparser_range(text, lang, published)


_DATEPARSER_PARSERS = ["relative-time", "absolute-time"]  # no timestamps: "1054" is a count


def _dateparser_range(text: str, lang: Lang, published: date | None) -> DateRange | None:
    has_year = re.search(r"(?<!\d)(?:19|20)\d\d(?!\d)", text) is not None
    if published is None and not has_year:
        return None  # anything else would be resolved against today's clock
    if not has_year and not any(w.lower().rstrip(".") in _MONTHS for w in re.findall(r"\w+", text)):
        return None  # times of day and bare numbers are not dates
    from dateparser.date import DateDataParser

    # RELATIVE_BASE is a construction-time setting, so one parser per call: this fallback
    # runs only for phrases the table does not know.
    base = datetime.combine(published or date(2000, 1, 1), datetime.min.time())
    parser = DateDataParser(languages=[lang], settings={
        "PREFER_DATES_FROM": "past", "PARSERS": _DATEPARSER_PARSERS,
        "RETURN_AS_TIMEZONE_AWARE": False, "PREFER_DAY_OF_MONTH": "first",
        "RELATIVE_BASE": base})
    try:
        data = parser.get_date_data(text)
    except Exception:  # dateparser raises assorted errors on odd input: not a date then
        return None
    when = data.date_obj.date() if data and data.date_obj else None
    if when is None or not 1900 <= when.year <= 2100:
        return None
    period = data.period or "day"
    if period == "time":
        return None
    precision: DatePrecision
    if period == "year":
        start, end, precision = date(when.year, 1, 1), date(when.year, 12, 31), "year"
    elif period == "month":
        (start, end), precision = cal.month_period(when.year, when.month), "month"
    elif period == "week":
        (start, end), precision = cal.week_of(when), "week"
    else:
        start = end = when
        precision = "day"
    return DateRange(start, end, precision, text, Span(0, len(text), text))
