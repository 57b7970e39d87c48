"""Places that carry their own figure: "в Ярославле задержали 34 человека, в Твери — 21".
"""

from __future__ import annotations

from khronika.model import Count, Place, Sentence

_ELLIPSIS_LINKS = frozenset("— – - в во in ещё еще another more".split())
_DASHES = frozenset("— – -".split())


def elliptic_pairs(
    sentence: Sentence, places: list[Place], counts: list[Count]
) -> list[tuple[Place, Count]]:
    """Places that carry their own figure through a dash: "в Твери — 21", "двоих — в Томске"."""
    tokens = sentence.tokens
    pairs: list[tuple[Place, Count]] = []
    for place in places:
        if place.span is None:
            continue
        for count in counts:
            if count.span is None:
                continue
            lo, hi = sorted(
                ((place.span.start, place.span.stop), (count.span.start, count.span.stop))
            )
            between = [t.text.lower() for t in tokens if lo[1] <= t.start and t.stop <= hi[0]]
            dashed = set(between) <= _ELLIPSIS_LINKS and any(w in _DASHES for w in between)
            if between and (dashed or _counted_in(between, count_first=lo[0] == count.span.start)):
                pairs.append((place, count))
                break
    # "30 migrants in Krasnodar, 87 people in the Volgograd region …": a list of figures each
    # with its place; one such pair alone is an ordinary sentence and stays as it was
    listed = [pair for pair in pairs if pair[0].span and pair[1].span
              and pair[1].span.start < pair[0].span.start]
    return pairs if len(listed) != 1 else [p for p in pairs if p not in listed]


# words between a figure and its place: "87 people in the", "46 Central Asian nationals in"
_COUNTED_IN = frozenset("in в во".split())
_COUNTED_MAX = 6


def _counted_in(between: list[str], *, count_first: bool) -> bool:
    if not count_first or len(between) > _COUNTED_MAX:
        return False
    if any(not w.isalpha() for w in between):
        return False  # punctuation: the figure belongs to another clause
    tail = between[-2:] if between[-1] in ("the",) else between[-1:]
    return tail[0] in _COUNTED_IN
