"""A bound on what one sentence may cost.

Extraction pairs a sentence's places, counts and tokens, so its cost grows faster than the
sentence's length: a 40 KB text without a full stop took minutes. Real news sentences stay
under 400 characters (dev and realistic corpora); a longer "sentence" is a run-on page, a
table flattened into text or a hostile input, and is cut into chunks of at most
``MAX_SENTENCE_CHARS`` at white space, which keeps a document's cost linear in its length.
"""

from __future__ import annotations

MAX_SENTENCE_CHARS = 800


def bounded(text: str, start: int, stop: int, limit: int = MAX_SENTENCE_CHARS
            ) -> list[tuple[int, int]]:
    """``[start, stop)`` cut into spans of at most ``limit`` characters, each cut at the last
    white space of the second half of the window (mid-word only when there is none)."""
    out: list[tuple[int, int]] = []
    while stop - start > limit:
        cut = start + limit
        floor = start + limit // 2
        while cut > floor and not text[cut - 1].isspace():
            cut -= 1
        if cut <= floor:
            cut = start + limit
        end = cut
        while end > start and text[end - 1].isspace():
            end -= 1
        if end > start:
            out.append((start, end))
        start = cut
        while start < stop and text[start].isspace():
            start += 1
    if stop > start:
        out.append((start, stop))
    return out
