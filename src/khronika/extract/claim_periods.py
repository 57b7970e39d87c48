"""How a claim's dates compare: a period's length and rank, the told date nearest a trigger,
and the event types dated by a check or by a court.
"""

from __future__ import annotations

from khronika.extract.events import Trigger
from khronika.model import DateRange

CHECKS = frozenset({"raid", "detention"})

COURT = frozenset({"prosecution", "deportation"})

_RANK = {"day": 0, "week": 1, "month": 2, "quarter": 3, "year": 4, "unknown": -1}


def wider_period(d: DateRange, frame: DateRange) -> bool:
    """A round-up's frame is widened by a longer kind of period ("in March" after "in
    April" is another month, not a wider frame)."""
    if _RANK[d.precision] != _RANK[frame.precision]:
        return _RANK[d.precision] > _RANK[frame.precision]
    return d.precision == "day" and period_days(d) > period_days(frame)


def period_days(d: DateRange) -> int:
    if d.start is None or d.end is None:
        return -1
    return (d.end - d.start).days


def nearest_date(trigger: Trigger, dates: list[DateRange]) -> DateRange | None:
    spans = [d for d in dates if d.span is not None]
    if not spans:
        return dates[0] if dates else None
    return min(spans, key=lambda d: abs(d.span.start - trigger.span.start))  # type: ignore[union-attr]
