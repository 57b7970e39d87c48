"""Dates a sentence names that are not its event's: when the people got a status, when the news
was said, a day named inside quoted speech.
"""

from __future__ import annotations

import re

from khronika.extract.events import Trigger
from khronika.model import DateRange, Sentence

_ACQUIRED = frozenset(
    "получить получивший стать become obtain receive get naturalize родиться bear".split()
)
# received, got, obtained: the people's only when what they got is a status or a paper
_RECEIVED = frozenset("получить получивший obtain receive get".split())
_STATUS = ("гражданств", "паспорт", "вид", "разрешени", "citizen", "passport", "residen",
           "permit", "nationalit")
_OATH = ("oath", "присяг")
_SWORE = frozenset("take принять принести swear".split())


def about_the_people(
    sentence: Sentence, date: DateRange, triggers: list[Trigger] | None = None
) -> bool:
    """ "получивших паспорта в 2022 году", "became a citizen in 2021": not the event's date;
    "received summonses in March" receives the event itself, whose date it is."""
    if date.span is None:
        return False
    window = [t for t in sentence.tokens if t.stop <= date.span.start][-10:]
    before = window[-5:]
    # "took the oath of citizenship of the Russian Federation on 28 August": a longer phrase
    oath = next((i for i, t in enumerate(window) if t.lemma.lower().startswith(_OATH)), None)
    swore = [t for t in window[max(0, oath - 3):oath] if t.lemma.lower() in _SWORE] \
        if oath is not None else []
    if swore:
        return not any(swore[-1].start < t.span.start < date.span.start for t in triggers or [])
    acquired = [t for t in before if t.lemma.lower() in _ACQUIRED]
    if not acquired:
        return False
    got, at = acquired[-1].start, date.span.start
    if acquired[-1].lemma.lower() in _RECEIVED and not any(
        got < t.start < at and t.lemma.lower().startswith(_STATUS) for t in sentence.tokens
    ):
        return False  # "received four complaints since June": not a status the people got
    return not any(got < t.span.start < at for t in triggers or [])


# A date right after a verb of saying dates the statement, not the event: "the ministry said
# on Friday that…", «сообщили в пятницу».
_SAID_BEFORE = re.compile(
    r"(?:\b(?:said|says|told\s+[\w/.’'&-]+|reported|announced|stated|wrote|published|released)"
    r"(?:\s+on)?|(?<!\w)(?:сообщил[аи]?|заявил[аи]?|рассказал[аи]?|написал[аи]?|"
    r"опубликовал[аи]?)(?:\s+во?)?)\s*$",
    re.IGNORECASE,
)


# "today", «сегодня» inside quoted speech are the speaker's day, not the publication's
_DEICTIC = re.compile(r"(?i)^(?:today|tonight|yesterday|this\s+\w+|сегодня|вчера|завтра)$")
_QUOTE_OPEN = "«“\""
_QUOTE_CLOSE = "»”\""


def quoted_deixis(sentence: Sentence, date: DateRange) -> bool:
    if date.span is None or not _DEICTIC.match(date.text or ""):
        return False
    before = sentence.text[: max(0, date.span.start - sentence.start)]
    straight = before.count('"') % 2 == 1
    curly = sum(before.count(c) for c in "«“") > sum(before.count(c) for c in "»”")
    opens_line = sentence.text.lstrip()[:1] in _QUOTE_OPEN and not any(
        c in before[1:] for c in _QUOTE_CLOSE
    )
    return straight or curly or opens_line


def when_said(sentence: Sentence, date: DateRange) -> bool:
    if date.span is None:
        return False
    return bool(_SAID_BEFORE.search(sentence.text[: date.span.start - sentence.start]))
