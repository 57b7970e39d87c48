"""A wire dateline is when the story was filed, not when its event happened.

"MOSCOW, Sept 23 -- Russian riot police stormed …", "NOVOSIBIRSK, Russia (June 14) -- …",
"МОСКВА, 29 сентября. …": the date after the place in capitals repeats the publication date;
the event's own date, if any, is elsewhere in the sentence ("on Monday").
"""

from __future__ import annotations

import re

from khronika.model import DateRange, Sentence

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
