"""A news lede sums up what the body then tells with its dates.

"A court in Tver has fined 23 workers after a police raid on a sawmill" opens the story with
no date of its own; "The raid took place on February 14" and "The next day, the court fined
23 of them" date those same events further down. The lede's claims take the date the body
gives the same event at the same place, instead of the day carried from the page's date line.
"""

from __future__ import annotations

from dataclasses import dataclass

from khronika.model import DateRange, EventType


@dataclass(frozen=True, slots=True)
class Dated:
    """What dating a lede needs to know of one draft claim."""

    sentence: int
    event_type: EventType
    place: str | None
    date: DateRange
    told: bool  # its own date (written in its sentence or relative to the story), or none
    # because the event is still going on: kept as it is


def lede_dates(drafts: list[Dated]) -> list[DateRange]:
    """Each draft's date, the lede's undated ones taken from the body's first telling of the
    same event at the same place on one day."""
    if not drafts:
        return []
    lede = min(d.sentence for d in drafts)
    out = []
    for d in drafts:
        date = d.date
        if d.sentence == lede and not d.told:
            later = next((b for b in drafts if b.sentence > lede and b.told
                          and b.event_type == d.event_type and b.place == d.place
                          and _one_day(b.date)), None)
            if later is not None:
                date = later.date
        out.append(date)
    return out


def _one_day(d: DateRange) -> bool:
    return d.precision == "day" and d.start is not None and d.start == d.end
