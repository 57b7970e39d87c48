"""A news lede sums up what the body then tells with its dates.

"A court in Tver has fined 23 workers after a police raid on a sawmill" opens the story with
no date of its own; "The raid took place on February 14" and "The next day, the court fined
23 of them" date those same events further down. The lede's claims take the date the body
gives the same event at the same place, instead of the day carried from the page's date line.
The body's day may be told or carried from the sentence before ("They checked 150 people"
after "On January 17 officers raided a building site"); a raid and the detentions made in it
are one event, so a lede's raid takes the body's detention day when the body tells no raid.
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
    recap: bool = False  # told as an earlier event («Ранее, 3 октября, …»): not the lede's


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
            body = [b for b in drafts if b.sentence > lede and b.place == d.place
                    and not b.recap]
            later = next((b for b in body if b.event_type == d.event_type and _one_day(b.date)),
                         None) or next(
                (b for b in body if {b.event_type, d.event_type} <= _ONE_CHECK), None)
            if later is not None and _one_day(later.date):
                date = later.date
        out.append(date)
    return out


# a check and the detentions it made: one event told in two claims
_ONE_CHECK: frozenset[EventType] = frozenset({"raid", "detention"})


def _one_day(d: DateRange) -> bool:
    return d.precision == "day" and d.start is not None and d.start == d.end
