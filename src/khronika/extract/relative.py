"""Dates stated relative to the story's last date: "two days later", "накануне", "days earlier",
"that afternoon", «в тот же день».

``extract_dates`` resolves against the publication date; these phrases resolve against the
event the story told just before, which only the claim assembler knows, so it passes it in.
"""

from __future__ import annotations

import re
from datetime import timedelta

from khronika.extract.calendar import month_period
from khronika.extract.dates import is_appointment
from khronika.extract.numwords import CARDINALS
from khronika.model import DateRange, Lang, Sentence, Span

_N = r"(?P<n>\d{1,2}|" + "|".join(sorted(CARDINALS, key=len, reverse=True)) + r")"
# (pattern, days from the anchor's end; None: the text moves away from the anchor vaguely)
_PATTERNS: dict[Lang, list[tuple[re.Pattern[str], int | None]]] = {
    "en": [
        (
            re.compile(
                r"\b(?P<same>that\s+(?:same\s+)?(?:morning|afternoon|evening|night|day)|"
                r"the\s+same\s+(?:day|evening|night)|later\s+that\s+day)\b",
                re.I,
            ),
            0,
        ),
        (re.compile(rf"\b{_N}\s+days?\s+(?:later|after(?:wards)?)\b", re.I), 1),
        (re.compile(rf"\b{_N}\s+days?\s+(?:earlier|before)\b", re.I), -1),
        (re.compile(r"\b(?:the\s+(?:next|following)\s+day|a\s+day\s+later)\b", re.I), 0),
        (re.compile(r"\b(?:the\s+(?:day\s+before|previous\s+day)|a\s+day\s+earlier)\b", re.I), 0),
        (
            re.compile(
                r"\b(?:days|weeks|months)\s+(?:earlier|later|before)\b|\bearlier\s+that\s+"
                r"(?:week|month)\b|\b(?:some\s+time|weeks)\s+later\b|\bnot\s+long\s+ago\b",
                re.I,
            ),
            None,
        ),
    ],
    "ru": [
        (
            re.compile(
                r"(?<!\w)(?P<same>в\s+тот\s+же\s+(?:день|вечер)|в\s+тот\s+день|тем\s+же\s+"
                r"(?:вечером|утром|днём|днем)|в\s+тот\s+же\s+час)(?!\w)",
                re.I,
            ),
            0,
        ),
        (re.compile(rf"(?<!\w)(?:через|спустя)\s+{_N}\s+(?:дня|дней|день|суток)(?!\w)", re.I), 1),
        (re.compile(rf"(?<!\w){_N}\s+(?:дня|дней)\s+назад(?!\w)", re.I), -1),
        (
            re.compile(
                r"(?<!\w)(?:на\s+следующий\s+день|на\s+другой\s+день|спустя\s+сутки|"
                r"наутро)(?!\w)",
                re.I,
            ),
            0,
        ),
        (re.compile(r"(?<!\w)накануне(?!\w)", re.I), 0),
        (
            re.compile(
                r"(?<!\w)(?:несколькими\s+днями\s+ранее|за\s+несколько\s+дней\s+до\s+этого|"
                r"днями\s+ранее|неделей\s+ранее|позднее|позже|не\s+так\s+давно)(?!\w)",
                re.I,
            ),
            None,
        ),
    ],
}
# "over the following three days", «в течение следующих трёх дней»: the days after the anchor
_FOLLOWING: dict[Lang, re.Pattern[str]] = {
    "en": re.compile(rf"\b(?:over|in|during|within)\s+the\s+(?:following|next)\s+{_N}\s+days\b",
                     re.I),
    "ru": re.compile(rf"(?<!\w)(?:в\s+течение|за)\s+(?:следующих|последующих|ближайших)\s+{_N}"
                     r"\s+(?:дней|дня|суток)(?!\w)", re.I),
}
# «Через месяц», "a month later": the month after the story's month
_MONTH_LATER: dict[Lang, re.Pattern[str]] = {
    "en": re.compile(r"\b(?:a|one)\s+month\s+later\b", re.I),
    "ru": re.compile(r"(?<!\w)(?:через|спустя)\s+(?:один\s+)?месяц(?!\w)", re.I),
}
# "The same day, …", «В тот же день …» open a sentence that follows on from the one before
_OPENING_CHARS = 12
_BACKWARD = ("earlier", "before", "previous", "назад", "накануне")


def extract_relative_date(
    sentence: Sentence, lang: Lang, anchor: DateRange | None
) -> DateRange | None:
    """The date a relative phrase gives, or an unknown date (with its text) when the phrase only
    says "some other time"; None when the sentence has no such phrase."""
    later = _MONTH_LATER[lang].search(sentence.text)
    if later is not None and anchor is not None and anchor.precision == "month" \
            and anchor.start is not None:
        text = later.group()
        start, end = month_period(*_next_month(anchor.start.year, anchor.start.month))
        span = Span(sentence.start + later.start(), sentence.start + later.end(), text)
        return DateRange(start, end, "month", text, span)
    following = _FOLLOWING[lang].search(sentence.text)
    if following is not None and anchor is not None and anchor.precision == "day" \
            and anchor.end is not None:
        text = following.group()
        span = Span(sentence.start + following.start(), sentence.start + following.end(), text)
        n = _number(following.group("n"))
        return DateRange(anchor.end + timedelta(days=1), anchor.end + timedelta(days=n), "day",
                         text, span)
    for pattern, sign in _PATTERNS[lang]:
        m = pattern.search(sentence.text)
        if m is None or is_appointment(sentence.text[: m.start()]):
            continue
        text = m.group()
        span = Span(sentence.start + m.start(), sentence.start + m.end(), text)
        if m.groupdict().get("same"):
            if not text.lower().startswith(("that", "later")) and m.start() > _OPENING_CHARS:
                # "… taken from the depot and sent to a unit the same day": the day of an
                # event earlier in the same sentence, not of the story's last one
                return None
            if anchor is not None and anchor.start is not None:
                # the same day as an event dated "in late September" is within that period
                return DateRange(anchor.start, anchor.end, anchor.precision, text, span)
        if sign is None or anchor is None or anchor.precision != "day" or anchor.end is None:
            return DateRange(None, None, "unknown", text, span)
        n = _number(m.groupdict().get("n"))
        backward = any(w in text.lower() for w in _BACKWARD)
        base = anchor.start if backward and anchor.start else anchor.end
        day = base + timedelta(days=-n if backward else n)
        return DateRange(day, day, "day", text, span)
    return None


def _next_month(year: int, month: int) -> tuple[int, int]:
    return (year + 1, 1) if month == 12 else (year, month + 1)


def _number(word: str | None) -> int:
    if word is None:
        return 1
    if word.isdigit():
        return int(word)
    return CARDINALS.get(word.lower(), 1)
