"""A bare weekday inside a week the story has already named.

A weekday alone ("во вторник", "on Friday") is the most recent such day on or before
publication, the publication day itself included: news of a Tuesday raid published that
Tuesday says "во вторник". A round-up that opened with "На прошлой неделе …" / "Last week …"
has named the week its weekdays fall in, so there "В понедельник" in a Monday's issue is the
Monday of that week, not the day of publication.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta

from khronika.extract.calendar import WEEKDAYS
from khronika.model import DateRange

_WEEK = timedelta(days=7)


def within_week(found: DateRange, frame: DateRange | None) -> DateRange:
    """``found`` moved back a week when it is a bare weekday just after the named week."""
    if (
        frame is None
        or found.precision != "day"
        or found.start is None
        or found.start != found.end
        or frame.start is None
        or frame.end is None
        or not 5 <= (frame.end - frame.start).days <= 7
        or not _bare_weekday(found.text)
    ):
        return found
    earlier = found.start - _WEEK
    if frame.end < found.start and frame.start <= earlier <= frame.end:
        return replace(found, start=earlier, end=earlier)
    return found


def _bare_weekday(text: str | None) -> bool:
    words = (text or "").lower().split()
    return any(w.strip(".,") in WEEKDAYS for w in words) and len(words) <= 3
