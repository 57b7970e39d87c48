"""The calendar behind ``dates``: period arithmetic, the calendar words of Russian and
English, and what each kind of time expression means (the ``read_*`` functions turn a
pattern's named groups into a resolver; ``dates`` owns the patterns that find them).

Every ``latest_*`` function answers the question the news domain asks: reports tell of
past events, so a date written without a year means the most recent such date (or period)
that starts on or before the reference date (normally the publication date).
"""

from __future__ import annotations

import calendar as _stdlib_calendar
import re
from collections.abc import Callable
from datetime import date, timedelta

from khronika.extract.numwords import CARDINALS
from khronika.model import DatePrecision

Period = tuple[date, date]

# Meteorological seasons, as Russian and English news use them: winter is December to
# February, so "winter 2024" is read as December 2023 to February 2024 (the winter that
# ends in the written year — the way "зимой 2024 года" is usually meant).
SEASON_MONTHS: dict[str, int] = {"winter": 12, "spring": 3, "summer": 6, "autumn": 9}


def month_end(year: int, month: int) -> date:
    return date(year, month, _stdlib_calendar.monthrange(year, month)[1])


def month_period(year: int, month: int) -> Period:
    return date(year, month, 1), month_end(year, month)


def add_months(day: date, months: int) -> date:
    """``day`` moved by whole months, clamped to the target month's last day."""
    index = day.year * 12 + (day.month - 1) + months
    year, month = divmod(index, 12)
    last = _stdlib_calendar.monthrange(year, month + 1)[1]
    return date(year, month + 1, min(day.day, last))


def latest_year_for_month(month: int, base: date) -> int:
    return base.year if month <= base.month else base.year - 1


def latest_day(month: int, day: int, base: date) -> date | None:
    """The most recent ``day``.``month`` on or before ``base``; None if no year has it."""
    # Eight years back always reaches a 29 February; a day that no year has (31 April)
    # gives None.
    for year in range(base.year, base.year - 9, -1):
        try:
            found = date(year, month, day)
        except ValueError:
            continue
        if found <= base:
            return found
    return None


def valid_day(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def latest_weekday(weekday: int, base: date, *, same_day: bool) -> date:
    """The most recent ``weekday`` (Monday = 0) on or before ``base``; with
    ``same_day=False`` strictly before it."""
    back = (base.weekday() - weekday) % 7
    if back == 0 and not same_day:
        back = 7
    return base - timedelta(days=back)


def week_of(day: date) -> Period:
    monday = day - timedelta(days=day.weekday())
    return monday, monday + timedelta(days=6)


def previous_week(base: date) -> Period:
    return week_of(base - timedelta(days=7))


def latest_weekend(base: date) -> Period:
    """The most recent Saturday–Sunday that has begun by ``base`` (excluding a Saturday
    that is ``base`` itself, which is still under way when the news is written)."""
    saturday = latest_weekday(5, base - timedelta(days=1), same_day=True)
    return saturday, saturday + timedelta(days=1)


def quarter_period(year: int, quarter: int) -> Period:
    first = 3 * (quarter - 1) + 1
    return date(year, first, 1), month_end(year, first + 2)


def latest_quarter(quarter: int, base: date) -> Period:
    start, end = quarter_period(base.year, quarter)
    if start > base:
        start, end = quarter_period(base.year - 1, quarter)
    return start, end


def previous_quarter(base: date) -> Period:
    current = (base.month - 1) // 3 + 1
    if current == 1:
        return quarter_period(base.year - 1, 4)
    return quarter_period(base.year, current - 1)


def season_period(season: str, year: int) -> Period:
    """The season that ends in ``year`` for winter, that lies in ``year`` otherwise."""
    first = SEASON_MONTHS[season]
    if season == "winter":
        return date(year - 1, 12, 1), month_end(year, 2)
    return date(year, first, 1), month_end(year, first + 2)


def latest_season(season: str, base: date, *, finished: bool = False) -> Period:
    """The most recent ``season`` begun by ``base``; with ``finished`` the most recent
    one already over ("прошлым летом", "last summer")."""
    for year in (base.year + 1, base.year, base.year - 1, base.year - 2):
        start, end = season_period(season, year)
        if (end < base) if finished else (start <= base):
            return start, end
    raise AssertionError("unreachable: a season within two years always qualifies")


def months_of_year(year: int, first: int, last: int) -> Period:
    return date(year, first, 1), month_end(year, last)


def new_year_night(base: date) -> Period:
    """The New Year's night (31 December – 1 January) nearest before ``base``: the one
    that began on or before it."""
    year = base.year if base >= date(base.year, 12, 31) else base.year - 1
    return date(year, 12, 31), date(year + 1, 1, 1)


def clip(period: Period, base: date) -> Period:
    """A period cut at ``base``, for periods still under way when the news was written."""
    start, end = period
    return start, min(end, base) if start <= base else end


# --- the calendar words of both languages, and what each kind of expression means ----

Resolved = tuple[date, date, DatePrecision]
Resolver = Callable[[date | None], Resolved | None]
Groups = dict[str, str | None]

RU_MONTH_FORMS = [
    ("январь", "января", "январе"), ("февраль", "февраля", "феврале"),
    ("март", "марта", "марте"), ("апрель", "апреля", "апреле"), ("май", "мая", "мае"),
    ("июнь", "июня", "июне"), ("июль", "июля", "июле"), ("август", "августа", "августе"),
    ("сентябрь", "сентября", "сентябре"), ("октябрь", "октября", "октябре"),
    ("ноябрь", "ноября", "ноябре"), ("декабрь", "декабря", "декабре"),
]
MONTHS: dict[str, int] = {
    form: i + 1 for i, forms in enumerate(RU_MONTH_FORMS) for form in forms
}
_EN_MONTHS = "january february march april may june july august september october november december"
for _i, _name in enumerate(_EN_MONTHS.split()):
    MONTHS[_name] = _i + 1
    MONTHS[_name[:3]] = _i + 1
MONTHS["sept"] = 9

WEEKDAYS: dict[str, int] = {}
for _i, _forms in enumerate([
    "понедельник понедельника monday", "вторник вторника tuesday", "среду среда среды wednesday",
    "четверг четверга thursday", "пятницу пятница пятницы friday",
    "субботу суббота субботы saturday", "воскресенье воскресенья sunday",
]):
    for _form in _forms.split():
        WEEKDAYS[_form] = _i

NUMBERS = CARDINALS  # the shared table's small cardinals (extract/numwords.py)
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
    if word.startswith("the "):
        word = word[4:]  # "the previous week" is last week; "the" alone is this one
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
            found = valid_day(year, month, day)
        elif base is not None:
            found = latest_day(month, day, base)
        else:
            return None
        return (found, found, "day") if found else None

    return resolve


def _period_resolver(
    make: Callable[[int], Period], latest: Callable[[date], Period],
    precision: DatePrecision, g: Groups,
) -> Resolver:
    """A named period of a written year, or the latest one begun by publication (cut there)."""

    def resolve(base: date | None) -> Resolved | None:
        year = _year(g, base)
        if year is not None and g.get("y"):
            start, end = make(year)
        elif year is not None and base is not None:  # "этого года": cut at publication too
            start, end = clip(make(year), base)
        elif base is not None and not _written_year(g):
            start, end = clip(latest(base), base)
        else:
            return None
        return start, end, precision

    return resolve


def _relative(make: Callable[[date], Period], precision: DatePrecision) -> Resolver:
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


def shift_start(resolver: Resolver, days: int) -> Resolver:
    def resolve(base: date | None) -> Resolved | None:
        got = resolver(base)
        return None if got is None else (got[0] - timedelta(days=days), got[1], got[2])

    return resolve


def shift_end(resolver: Resolver, days: int) -> Resolver:
    def resolve(base: date | None) -> Resolved | None:
        got = resolver(base)
        return None if got is None else (got[0], got[1] + timedelta(days=days), got[2])

    return resolve


# --- handlers: a match's groups → a candidate (kind, resolver) or None ---------------------

Handler = Callable[[Groups], tuple[str, Resolver] | None]


def _month(g: Groups, key: str = "mon") -> int | None:
    word = (g.get(key) or "").lower().rstrip(".")
    if not word:
        return None
    if word.isascii() and not str(g[key])[0].isupper():
        return None  # English month names are capitalised: "may" and "march" are not dates
    return MONTHS.get(word)


def _number(word: str | None) -> int | None:
    if not word:
        return None
    return int(word) if word.isdigit() else NUMBERS.get(word.lower())


def read_day(g: Groups) -> tuple[str, Resolver] | None:
    month, day = _month(g), int(str(g["d"]))
    if month is None or not 1 <= day <= 31:
        return None
    return "day", _day_resolver(month, day, g)


def read_day_range(g: Groups) -> tuple[str, Resolver] | None:
    month, d1, d2 = _month(g), int(str(g["d1"])), int(str(g["d2"]))
    if month is None or not 1 <= d1 < d2 <= 31:
        return None
    first, last = _day_resolver(month, d1, g), _day_resolver(month, d2, g)

    def resolve(base: date | None) -> Resolved | None:
        start = first(base)
        if start is None:
            return None
        end = valid_day(start[0].year, month, d2)
        return (start[0], end, "day") if end else last(base)

    return "day", resolve


def read_since_day(g: Groups) -> tuple[str, Resolver] | None:
    found = read_day(g)
    return None if found is None else ("since", _since(found[1]))


def read_numeric(g: Groups) -> tuple[str, Resolver] | None:
    year = int(str(g["y"]))
    year += 2000 if year < 100 else 0
    a, b = int(str(g["a"])), int(str(g["b"]))
    if g.get("us") is not None and a <= 12:
        a, b = b, a  # English slashed dates are month-first unless the first part cannot be
    found = valid_day(year, b, a)
    if found is None or not 1900 <= year <= 2100:
        return None
    return "day", lambda _base: (found, found, "day")


def read_weekday(g: Groups) -> tuple[str, Resolver] | None:
    word = str(g["wd"])
    if word.isascii() and not word[0].isupper():
        return None
    weekday = WEEKDAYS[word.lower()]
    # A bare weekday may be the publication day itself ("во вторник" in a Tuesday story);
    # "last Monday" is strictly before it, and a round-up's weekdays fall in the week it
    # named (extract/weekdays.py).
    same_day = not g.get("rel") or _offset(str(g["rel"])) == 0
    return "weekday", _relative(
        lambda base: (d := latest_weekday(weekday, base, same_day=same_day), d), "day")


def read_weekday_range(g: Groups) -> tuple[str, Resolver] | None:
    w1, w2 = WEEKDAYS[str(g["wd1"]).lower()], WEEKDAYS[str(g["wd"]).lower()]

    def make(base: date) -> Period:
        end = latest_weekday(w2, base, same_day=True)
        return latest_weekday(w1, end, same_day=False), end

    return "day", _relative(make, "day")


def read_night_range(g: Groups) -> tuple[str, Resolver] | None:
    month, d1, d2 = _month(g), int(str(g["d1"])), int(str(g["d2"]))
    if month is None or d2 != d1 + 1:
        return None
    return "day", shift_start(_day_resolver(month, d2, g), 1)


def read_relday(g: Groups) -> tuple[str, Resolver] | None:
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


def read_clock_today(g: Groups) -> tuple[str, Resolver] | None:
    """ "since about 10 a.m.", «с утра»: a time of day with no date, told as it goes on, is
    the day of publication (dates.py keeps it only in a present-tense sentence with no other
    date)."""
    return "clock", _relative(lambda base: (base, base), "day")


def read_month(g: Groups) -> tuple[str, Resolver] | None:
    month = _month(g)
    if month is None:
        return None
    if g.get("rel"):  # "last March": the last one already over
        return "period", _relative(lambda base: month_period(
            base.year - 1 if month >= base.month else base.year, month), "month")
    if not (g.get("pre") or g.get("y")):
        return None  # a bare English month name ("March") is too often something else
    resolver = _period_resolver(
        lambda y: month_period(y, month),
        lambda base: month_period(latest_year_for_month(month, base), month),
        "month", g)
    return ("since", _since(resolver)) if _is_since(g) else ("period", resolver)


def read_month_range(g: Groups) -> tuple[str, Resolver] | None:
    m1, m2 = _month(g, "mon1"), _month(g)
    if m1 is None or m2 is None or m1 >= m2:
        return None
    return "period", _period_resolver(
        lambda y: (date(y, m1, 1), month_end(y, m2)),
        lambda base: months_of_year(latest_year_for_month(m1, base), m1, m2),
        "month", g)


_PARTS = {"нач": (1, 10), "beg": (1, 10), "sta": (1, 10), "ear": (1, 10), "сер": (11, 20),
          "mid": (11, 20), "кон": (21, 31), "end": (21, 31), "lat": (21, 31),
          "пер": (1, 15), "fir": (1, 15), "вто": (16, 31), "sec": (16, 31)}
_YEAR_PARTS = {(1, 10): (1, 3), (11, 20): (5, 8), (21, 31): (10, 12), (1, 15): (1, 6),
               (16, 31): (7, 12)}


def read_part_month(g: Groups) -> tuple[str, Resolver] | None:
    month = _month(g)
    if month is None:
        return None
    first, last = _PARTS[str(g.get("part") or g["part2"]).lower()[:3]]
    since = _is_since(g)
    if since and first == 21:
        first = 20  # "с конца ноября": the end of a month, counted from the 20th

    def make(year: int) -> Period:
        end = month_end(year, month)
        return date(year, month, first), end.replace(day=min(last, end.day))

    resolver = _period_resolver(
        make, lambda base: make(base.year if date(base.year, month, first) <= base
                                else base.year - 1), "month", g)
    return ("since", _since(resolver)) if since else ("period", resolver)


def read_part_relmonth(g: Groups) -> tuple[str, Resolver] | None:
    """ "late last month", «в начале этого месяца», «в конце месяца» (the current one)."""
    first, last = _PARTS[str(g.get("part") or g["part2"]).lower()[:3]]
    offset = _offset(str(g.get("rel") or "this").split()[-1])

    def make(base: date) -> Period:
        month = add_months(base.replace(day=1), offset)
        end = month_end(month.year, month.month)
        return clip((month.replace(day=first), end.replace(day=min(last, end.day))), base)

    resolver = _relative(make, "month")
    return ("since", _since(resolver)) if _is_since(g) else ("period", resolver)


def read_part_year(g: Groups) -> tuple[str, Resolver] | None:
    m1, m2 = _YEAR_PARTS[_PARTS[str(g.get("part") or g["part2"]).lower()[:3]]]
    if _is_since(g):
        m2 = m1
    resolver = _period_resolver(
        lambda y: months_of_year(y, m1, m2),
        lambda base: months_of_year(base.year if m1 <= base.month else base.year - 1,
                                        m1, m2), "quarter" if m1 != m2 else "month", g)
    if _is_since(g):
        precision: DatePrecision = "year" if m1 == 1 else "month"
        return "since", _since(lambda b: (r[0], r[1], precision) if (r := resolver(b)) else None)
    return "period", resolver


def read_quarter(g: Groups) -> tuple[str, Resolver] | None:
    if g.get("qrel"):
        return "period", _relative(previous_quarter, "quarter")
    word = str(g["q"]).lower().lstrip("q")
    if word in ("last", "final") and not _written_year(g):
        return "period", _relative(previous_quarter, "quarter")
    q = int(word[0]) if word[0].isdigit() else _ORDINALS.get(word) or _ORDINALS[word[:4]]
    return "period", _period_resolver(
        lambda y: quarter_period(y, q), lambda base: latest_quarter(q, base),
        "quarter", g)


def read_months_of_year(g: Groups) -> tuple[str, Resolver] | None:
    n = _number(g.get("n")) or (6 if g.get("half") else None)
    if n is None or not 1 <= n <= 12:
        return None
    last = str(g.get("fl") or g.get("half") or "first").lower()
    m1, m2 = (13 - n, 12) if last.startswith(("посл", "last", "final", "втор", "second")) \
        else (1, n)
    precision: DatePrecision = "year" if n == 12 else "quarter" if n % 3 == 0 else "month"
    return "period", _period_resolver(
        lambda y: months_of_year(y, m1, m2),
        lambda base: months_of_year(base.year if m1 <= base.month else base.year - 1,
                                        m1, m2), precision, g)


def read_season(g: Groups) -> tuple[str, Resolver] | None:
    word = str(g["season"]).lower()
    season = _SEASONS[word if word in _SEASONS else word[:4] if word[:4] in _SEASONS
                      else word[:3]]
    rel = g.get("rel")
    if rel and _offset(rel) < 0:
        return "period", _relative(
            lambda base: latest_season(season, base, finished=True), "quarter")
    resolver = _period_resolver(
        lambda y: season_period(season, y), lambda base: latest_season(season, base),
        "quarter", g)
    return ("since", _since(resolver)) if _is_since(g) else ("period", resolver)


def read_year(g: Groups) -> tuple[str, Resolver] | None:
    y1 = int(str(g.get("y1") or g["y"]))
    y2 = int(str(g.get("y2") or y1))
    if y2 < y1:
        return None
    fixed: Resolved = (date(y1, 1, 1), date(y2, 12, 31), "year")
    if _is_since(g):
        return "since", _since(lambda _b: fixed)
    return "period", lambda _b: fixed


def read_relperiod(g: Groups) -> tuple[str, Resolver] | None:
    unit, offset = str(g["unit"]).lower(), _offset(str(g["rel"]))
    if unit.startswith(("недел", "week")):
        return "period", _relative(
            lambda b: clip(week_of(b + timedelta(weeks=offset)), b), "week")
    if unit.startswith(("месяц", "month")):
        return "period", _relative(lambda b: clip(month_period(
            (m := add_months(b, offset)).year, m.month), b), "month")
    if unit.startswith(("квартал", "quarter")):
        return ("period", _relative(previous_quarter, "quarter")) if offset else None
    if unit.startswith(("год", "year")):
        return "period", _relative(lambda b: clip(months_of_year(
            b.year + offset, 1, 12), b), "year")
    return None


def read_weekend(g: Groups) -> tuple[str, Resolver] | None:
    return "period", _relative(latest_weekend, "day")


def read_since_start(g: Groups) -> tuple[str, Resolver] | None:
    unit = str(g["unit"]).lower()
    if unit.startswith(("год", "year")) or g.get("y"):
        return "since", _since(lambda b: (date(y, 1, 1), date(y, 1, 1), "year")
                               if (y := _year(g, b) or (b.year if b else None)) else None)
    if unit.startswith(("месяц", "month")):
        return "since", _relative(lambda b: (b.replace(day=1), b), "month")
    if unit.startswith(("недел", "week")):
        return "since", _relative(lambda b: (week_of(b)[0], b), "week")
    return read_season({**g, "season": unit, "pre": "с"})


_FEW = 3  # "over the past few weeks", «за последние несколько месяцев»


def read_duration(g: Groups) -> tuple[str, Resolver] | None:
    n = _number(g.get("n")) or 1
    unit = str(g["unit"]).lower()
    ago = bool(g.get("ago"))
    if g.get("few"):
        # a vague span told up to now: it runs to the report, whatever the unit
        if unit.startswith(("месяц", "month")):
            return "period", _relative(lambda b: (add_months(b, -_FEW), b), "month")
        if unit.startswith(("недел", "week")):
            return "period", _relative(lambda b: (b - timedelta(weeks=_FEW), b), "week")
        if unit.startswith(("д", "day", "сут")):
            return "period", _relative(lambda b: (b - timedelta(days=_FEW), b), "day")
        return None
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
            return "period", _relative(lambda b: week_of(b - timedelta(weeks=n)), "week")
        # whole weeks are complete days before the report: a Monday round-up's "за неделю"
        # is the previous Monday to Sunday
        return "period", _relative(
            lambda b: (b - timedelta(weeks=n), b - timedelta(days=1)), "week")
    if unit.startswith(("месяц", "month")):
        if ago:
            return "period", _relative(
                lambda b: month_period((m := add_months(b, -n)).year, m.month), "month")
        return "period", _relative(lambda b: (add_months(b, -n), b), "month")
    if ago:
        return "period", _relative(lambda b: months_of_year(b.year - n, 1, 12), "year")
    return "period", _relative(lambda b: (add_months(b, -12 * n), b), "year")


def read_new_year(g: Groups) -> tuple[str, Resolver] | None:
    word = str(g["ny"]).lower()
    if "канун" in word:
        return "day", _relative(lambda b: (d := latest_day(12, 31, b) or b, d), "day")
    if word.endswith("day"):
        return "day", _relative(lambda b: (d := latest_day(1, 1, b) or b, d), "day")
    if "праздн" in word or "каникул" in word or "holiday" in word:
        # Russia's New Year holidays run 1–8 January.
        return "period", _relative(
            lambda b: clip((d := latest_day(1, 1, b) or b, d + timedelta(days=7)), b),
            "day")
    # New Year's Eve is read as the night it ends with, 31 December – 1 January.
    return "day", _relative(lambda b: clip(new_year_night(b), b), "day")


def _is_since(g: Groups) -> bool:
    return str(g.get("pre") or "").lower() in ("с", "since", "со")


