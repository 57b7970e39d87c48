"""Raids told again: a later raid draft that repeats an earlier one of the same document.
"""

from __future__ import annotations

from khronika.extract.claim_story import Draft
from khronika.model import Place, Sentence


def without_restated_raids(drafts: list[Draft], sentences: list[Sentence]) -> list[Draft]:
    """Drop a raid draft that repeats an earlier one of the same document: same place, taken
    from the story rather than named in its own sentence, same dates, no credit or doubt the
    earlier lacks; or told, after the document's first raid, as the setting of another event
    of its sentence or as a time point ("after the raid") without a place of its own.

    A raid claim carries no count, so a later sentence telling the same raid again ("Всего на
    объекте проверили 200 иностранцев", "The raid began shortly after 2 a.m.") adds only a
    second copy of one event; figures, credits and doubts of their own keep it apart.
    """
    kept: list[Draft] = []
    first: dict[tuple[object, ...], Draft] = {}
    for d in drafts:
        if d.event_type != "raid":
            kept.append(d)
            continue
        key = (d.place.name, d.place.precision, d.date.start, d.date.end)
        # a raid told already in this place or its region
        told_here = any(k[:2] == key[:2] or _same_region(e.place, d.place)
                        for k, e in first.items())
        if told_here and _raid_as_setting(d, drafts, sentences[d.sentence]):
            continue
        earlier = first.get(key)
        if earlier is not None and _adds_nothing(d, earlier, sentences[d.sentence]):
            continue
        first.setdefault(key, d)
        kept.append(d)
    return kept


def _same_region(a: Place, b: Place) -> bool:
    return a.admin1 is not None and (a.country, a.admin1) == (b.country, b.admin1)


def _raid_as_setting(d: Draft, drafts: list[Draft], sentence: Sentence) -> bool:
    """A raid told again as the setting of what followed it ("с овощебазы в отдел доставили
    23 человека", "The check revealed 72 people … they were taken to police departments"):
    the sentence's news is its other event, and it names no place of its own."""
    others = any(o.sentence == d.sentence and o.event_type != "raid" for o in drafts)
    span = d.place.span
    if span is not None and sentence.start <= span.start < sentence.stop:
        return False
    # «отпустили после проверки документов», "released after the check": a time point
    at = d.trigger.first
    if others or any(t.text.lower() in _AFTER_WORDS for t in sentence.tokens[max(0, at - 2) : at]):
        return True
    # «Всего документы проверили у 400 человек», "In total, 300 workers were checked": the
    # raid's tally, not another raid
    opening = [t.text.lower() for t in sentence.tokens[:2]]
    return bool(opening) and (opening[0] in _TOTAL or opening == ["in", "total"])


_AFTER_WORDS = frozenset("после after following".split())
_TOTAL = frozenset("всего итого overall altogether".split())


def _adds_nothing(later: Draft, earlier: Draft, sentence: Sentence) -> bool:
    span = later.place.span
    if span is not None and sentence.start <= span.start < sentence.stop:
        return False  # "There were also raids in Pechenga": a place of its own
    doubt = later.cues.unconfirmed or later.cues.disputed
    return set(later.sources) <= set(earlier.sources) and not doubt
