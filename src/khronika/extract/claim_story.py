"""The context of one document's claims: the story carried from sentence to sentence, one
sentence's facts, and a claim's draft.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from khronika.extract.attribution import Credit, Cues
from khronika.extract.claim_periods import CHECKS, nearest_date, period_days, wider_period
from khronika.extract.dates import is_bound
from khronika.extract.events import Trigger
from khronika.model import Actor, Count, DateRange, EventType, Place, Target


@dataclass
class Story:
    """The context carried from sentence to sentence: who is credited, where and when the
    story is, who acts on whom, the last figure told, and the widest period named so far
    ("На прошлой неделе …", "In the last three months of 2023 …": the date of a round-up item
    that names no date of its own)."""

    sources: tuple[str, ...] = ()
    places: list[Place] = field(default_factory=list)
    date: DateRange | None = None
    actors: tuple[Actor, ...] = ()
    targets: tuple[Target, ...] = ()
    last_count: Count | None = None
    frame: DateRange | None = None
    published: dt.date | None = None
    date_of_check: bool = False  # the story's day was told for a check or detention only
    court: DateRange | None = None  # the day or days the story's court outcomes were told
    check: DateRange | None = None  # the day of the story's last check or detentions
    person: str = ""  # the person last named as a speaker or subject: whom "he says" means

    def new_item(self, *, names_place: bool = True) -> Story:
        """A round-up's next item: its place, date and source start afresh. A dash line
        that names no place of its own (a quoted speaker's words, a wire lede after its
        dateline) stays where the story was."""
        return Story(actors=self.actors, targets=self.targets, frame=self.frame,
                     published=self.published,
                     places=[] if names_place else list(self.places))

    def advance(self, facts: SentenceFacts) -> None:
        """Move on past a sentence, after its claims took what they needed."""
        if facts.credit and not facts.credit.generic:
            self.sources = facts.credit.sources
            self.person = facts.person  # a body credited: no "he" to mean any more
        elif facts.person:
            self.person = facts.person
        if facts.places:
            self.places = facts.places
        told = [d for d in facts.dates if not is_bound(d)]
        if told and (facts.triggers or told[0].precision != "year"):
            # a bare year in a sentence telling no event is background ("came to Surgut in
            # 2019"), not the story's date
            # the date its event took; with no event, the narrowest date told: "в аэропорту,
            # где в ноябре открылся пункт контроля, во вторник встречали рейсы" is Tuesday
            self.date = (nearest_date(facts.triggers[0], told) if facts.triggers else None) \
                or min(told, key=period_days)
            self.date_of_check = bool(facts.triggers) and all(
                t.event_type in CHECKS for t in facts.triggers)
            if self.date_of_check:
                self.check = self.date
            for d in facts.dates:
                if period_days(d) >= 2 and (self.frame is None or wider_period(d, self.frame)):
                    self.frame = d
        elif facts.relative is not None and facts.relative.precision == "day":
            self.date = facts.relative
            self.date_of_check = bool(facts.triggers) and all(
                t.event_type in CHECKS for t in facts.triggers)
            if self.date_of_check:
                self.check = self.date
        if facts.counts:
            self.last_count = facts.counts[-1]
        elif facts.triggers:
            # kept only over sentences without events: "Редакции не удалось это подтвердить.
            # Позднее их отправили …"
            self.last_count = None
        if facts.actors:
            self.actors = facts.actors
        if facts.targets:
            self.targets = facts.targets


@dataclass(frozen=True, slots=True)
class SentenceFacts:
    """What one sentence tells, read in the story's context so far."""

    index: int
    triggers: list[Trigger]
    credit: Credit | None = None
    cues: Cues = field(default_factory=Cues)
    mentioned: frozenset[EventType] = frozenset()  # event types a trigger-less denial names
    sources: tuple[str, ...] = ()
    places: list[Place] = field(default_factory=list)
    dates: list[DateRange] = field(default_factory=list)
    said: list[DateRange] = field(default_factory=list)  # "said on March 24": when told
    relative: DateRange | None = None
    counts: list[Count] = field(default_factory=list)
    actors: tuple[Actor, ...] = ()
    targets: tuple[Target, ...] = ()
    new_place: bool = False  # a place the story has not been at yet
    person: str = ""  # a person named as speaker or subject


@dataclass(frozen=True, slots=True)
class Draft:
    sentence: int
    event_type: EventType
    trigger: Trigger
    place: Place
    count: Count | None
    date: DateRange
    sources: tuple[str, ...]
    cues: Cues
    actors: tuple[Actor, ...]
    targets: tuple[Target, ...]
