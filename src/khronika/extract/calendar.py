"""Calendar arithmetic behind the date resolver: periods, seasons, holidays, weekdays.

Every ``latest_*`` function answers the question the news domain asks: reports tell of
past events, so a date written without a year means the most recent such date (or period)
that starts on or before the reference date (normally the publication date).
"""

from __future__ import annotations

import calendar as _stdlib_calendar
from datetime import date, timedelta

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
