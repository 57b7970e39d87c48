"""A claim's date: its own, implied by the story, the headline's day, or the day the body gives
the lede's event; none for a practice going on.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import replace

from khronika.extract.background import is_habitual, looks_back
from khronika.extract.claim_periods import CHECKS, COURT, nearest_date, period_days, wider_period
from khronika.extract.claim_story import Draft, SentenceFacts, Story
from khronika.extract.dateline import is_dateline
from khronika.extract.dates import extract_dates, is_bound
from khronika.extract.events import Trigger
from khronika.extract.lede import Dated, lede_dates
from khronika.model import UNKNOWN_DATE, DateRange, Lang, Place, Sentence


def headline_date(
    title: list[Sentence], lang: Lang, published: dt.date | None
) -> DateRange | None:
    """The one day a headline names ("Police detain 40 migrants in Kazan on Monday"): the
    story's date until its body names one. A round-up's span ("неделя 2–8 февраля") is no
    one event's day."""
    found = [d for s in title for d in extract_dates(s, lang, published)
             if not is_dateline(s, d) and not is_bound(d)]
    if len(found) == 1 and found[0].precision == "day" and found[0].start == found[0].end:
        return found[0]
    return None


def dated_from_body(
    drafts: list[Draft], facts: list[SentenceFacts], sentences: list[Sentence], lang: Lang
) -> list[Draft]:
    """The lede's undated claims take the date the body gives the same event (lede.py); a
    practice still going on ("have been expelling") stays undated."""
    found = [
        Dated(d.sentence, d.event_type, d.place.name, d.date,
              any(d.date is f for f in facts[d.sentence].dates)
              or d.date is facts[d.sentence].relative
              or bool(_PROGRESSIVE_EN.search(sentences[d.sentence].text)),
              looks_back(sentences[d.sentence], lang))
        for d in drafts
    ]
    return [replace(d, date=date) for d, date in zip(drafts, lede_dates(found), strict=True)]


def claim_date(
    sentence: Sentence,
    lang: Lang,
    trigger: Trigger,
    place: Place,
    facts: SentenceFacts,
    story: Story,
    posted: DateRange | None,
) -> DateRange:
    """A draft's date: its own, else implied by the story, else the post's own date (a
    Telegram message); none for habitual or look-back background."""
    if is_habitual(sentence, lang) or (not facts.dates and looks_back(sentence, lang)):
        return UNKNOWN_DATE  # background: no single event, or an earlier one
    if not facts.dates and _GOING_ON.search(sentence.text):
        return UNKNOWN_DATE  # a practice going on, even in a post of the day
    own = nearest_date(trigger, facts.dates)
    relative = facts.relative
    if relative is not None and relative.span is not None \
            and ";" in sentence.text[trigger.span.stop - sentence.start:
                                     relative.span.start - sentence.start]:
        relative = None  # «Задержали 19 рабочих; на следующий день суд …»: the next clause's day
    date = own or _implied_date(sentence, lang, place, story, relative, facts.new_place)
    if own is not None and story.published is not None and _after_clause(sentence, own, trigger) \
            and own.start is not None and own.start <= story.published:
        # "After Moscow declared mobilisation on September 21, men were served summonses":
        # the day of what came before, the event some time after it
        return DateRange(own.start, story.published, own.precision, own.text, own.span)
    if own is None and trigger.event_type in COURT and story.court is not None \
            and date is story.date and story.court is not story.date:
        return story.court  # "All 48 were fined": on the days the court sat, told before
    if own is None and trigger.event_type == "raid" and date is story.date \
            and story.check is not None and not story.date_of_check and not facts.new_place:
        # "police confirmed a check had been held" after the court's next day: the check's day
        date = story.check
    told = facts.said[0] if facts.said else None
    if own is None and told is not None and told.start is not None and told.end is not None:
        if date.start is not None and date.start > told.end:
            return told  # "said on March 24 that …": told of it by then, not on a later day
        if told.precision == "month" and trigger.event_type not in CHECKS \
                and date.start is not None and date.end is not None \
                and date.start <= told.start and told.end <= date.end and wider_period(date, told):
            # "officials said in September that 46 … had been ordered expelled", in a round-up
            # of the quarter: an outcome told that month; the check before it keeps the quarter
            return told
        if date.start is None and date.precision == "unknown" and not date.text \
                and told.precision == "day" and not _PERFECT_EN.search(sentence.text):
            # "… stormed a concert, officials said on Tuesday": news of that day or the one before
            return DateRange(told.start - dt.timedelta(days=1), told.end, "day", told.text,
                             told.span)
    if trigger.event_type in COURT and _after_the_check(sentence, trigger, story, own, date):
        # a court rules after the check that found the people: from that day to publication
        assert date.start is not None and story.published is not None
        date = DateRange(date.start, story.published, "day", date.text, date.span)
    if posted and date.precision == "unknown":
        return posted
    return date


_AFTER_OPENING = re.compile(r"^\W*(?:after|ever\s+since|после\s+того\s*,?\s+как)\s[^,;:]*$",
                            re.I)


def _after_clause(sentence: Sentence, own: DateRange, trigger: Trigger) -> bool:
    """Whether ``own`` dates an opening "After …," clause and ``trigger`` the main one."""
    if own.span is None:
        return False
    head = sentence.text[: own.span.start - sentence.start]
    if not _AFTER_OPENING.match(head):
        return False
    comma = sentence.text.find(",", own.span.stop - sentence.start)
    return comma >= 0 and trigger.span.start - sentence.start > comma


# a report drawn up on the spot is the check's day; a court sits later
_COURT_WORD = re.compile(r"(?<!\w)(?:суд\w*|court\w*|judge\w*)", re.I)

# «выявленных 12 марта», "detained during an inspection on August 12": the check's day
_CHECKED = frozenset(
    "задержать выявить задержанный выявленный detain detained identify identified catch".split()
)


def _after_the_check(
    sentence: Sentence, trigger: Trigger, story: Story, own: DateRange | None, date: DateRange
) -> bool:
    """Whether a court outcome's day is the day of the check before it, not its own."""
    if story.published is None or date.start is None or period_days(date) != 0 \
            or date.start >= story.published:
        return False
    if own is None:
        return date is story.date and story.date_of_check and bool(_COURT_WORD.search(
            sentence.text))
    if own.span is None or own.span.start < trigger.span.stop:
        return False
    before = [t for t in sentence.tokens
              if trigger.span.stop <= t.start and t.stop <= own.span.start][-12:]
    return any(t.lemma.lower() in _CHECKED or t.text.lower() in _CHECKED for t in before)


# still going on, or a trend: "are being carried out", "have been arresting", "in recent months"
_PROGRESSIVE_EN = re.compile(
    # "are being held" is custody that began with the story's event, not a practice going on
    r"\b(?:(?:are|is)\s+(?:(?:now|also|currently)\s+)?(?:being(?!\s+(?:held|kept|detained)\b)|"
    r"still)|(?:have|has)\s+been\s+\w+ing|in\s+recent\s+"
    r"(?:days|weeks|months|years))\b",
    re.I,
)

_ANOTHER_EVENT = re.compile(r"\b(?:in\s+a\s+separate|in\s+another)\s+(?:episode|incident|case)\b|"
                            r"(?<!\w)в\s+(?:другом|отдельном)\s+(?:эпизоде|случае|инциденте)(?!\w)",
                            re.I)
# «Полиция продолжает рейды», "police continue to check", «чаще проводят»: a practice going on
# or a trend, no one day
_GOING_ON = re.compile(r"(?<!\w)(?:продолжа(?:ет|ют)|не\s+прекраща(?:ет|ют)ся|continues?\s+to|"
                       r"keeps?\s+\w+ing|(?:вс[её]\s+)?чаще|more\s+often|increasingly)(?!\w)", re.I)
_PERFECT_EN = re.compile(
    r"(?<!to )\b(?:have|has)\s+(?:also\s+|now\s+)?(?:been\s+)?\w+(?:ed|en)\b",
    re.I,
)


def _implied_date(
    sentence: Sentence,
    lang: Lang,
    place: Place,
    story: Story,
    relative: DateRange | None,
    new_place: bool,
) -> DateRange:
    """The date of a claim whose sentence states none: carried, relative, or unknown."""
    frame = story.frame
    if relative is not None:
        return relative
    story_place = story.places[-1] if story.places else None
    if place.precision == "country" and story_place and story_place.precision != "country":
        # "Similar raids have been made across all of Russia": background, not this story's time
        return UNKNOWN_DATE
    if lang == "en" and _PROGRESSIVE_EN.search(sentence.text):
        return UNKNOWN_DATE  # "Raids are also being carried out": still going on, no date told
    carried = story.date or frame
    if lang == "en" and story.places and carried and _PERFECT_EN.search(sentence.text):
        # past the lede, "have been issued" tells a result, not the day or period told before
        return UNKNOWN_DATE
    if _ANOTHER_EVENT.search(sentence.text):
        return UNKNOWN_DATE  # "In a separate episode, …": not the story's event, nor its day
    if new_place and frame is not None:
        return frame  # a round-up's next town inherits the round-up's period, not a day
    return story.date or frame or UNKNOWN_DATE
