"""A wire dateline is when the story was filed, not when its event happened.

"MOSCOW, Sept 23 -- Russian riot police stormed …", "NOVOSIBIRSK, Russia (June 14) -- …",
"МОСКВА, 29 сентября. …": the date after the place in capitals repeats the publication date;
the event's own date, if any, is elsewhere in the sentence ("on Monday").
"""

from __future__ import annotations

import re

from khronika.model import DateRange, Sentence, Span

# the place in capitals, an optional country, then the date's opening bracket if any
_HEAD = re.compile(r"^\W*[A-ZА-ЯЁ][A-ZА-ЯЁ .'-]{2,}(?:,\s*[A-ZА-ЯЁ][\w .'-]*?)?,?\s*\(?\s*$")
# what follows a dateline's date: a closing bracket, a dash or a full stop
_TAIL = re.compile(r"^\s*\)?\s*(?:--|—|–|-|\.|\(|/)")


def is_dateline(sentence: Sentence, found: DateRange) -> bool:
    if found.span is None:
        return False
    head = sentence.text[: found.span.start - sentence.start]
    tail = sentence.text[found.span.stop - sentence.start :]
    return bool(_HEAD.match(head) and _TAIL.match(tail))


# after a dateline's place: a comma and up to a few words (a region, a date, a wire's name in
# brackets), then the dash or full stop that opens the story
_PLACE_TAIL = re.compile(r"^(?:,[^.—–]{0,60}?)?\s*(?:--|—|–|\.\s)")


def opens_dateline(sentence: Sentence, span: Span) -> bool:
    """Whether the place at ``span`` is the dateline a report opens with ("MOSCOW, March 14
    (Wire) — …"): where it was filed, not where its event happened."""
    head = sentence.text[: span.start - sentence.start]
    if any(ch.isalnum() for ch in head):
        return False
    word = span.text
    tail = sentence.text[span.stop - sentence.start :]
    capitals = word.isupper() and sum(ch.isalpha() for ch in word) >= 3
    return bool(_PLACE_TAIL.match(tail)) and (capitals or tail.startswith(","))
