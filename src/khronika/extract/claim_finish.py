"""A draft made a claim: its certainty (with a denial in the sentences after it) and its id.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

from khronika.extract.attribution import Cues
from khronika.extract.claim_story import Draft
from khronika.extract.events import Trigger
from khronika.model import Certainty, Claim, Document, EventType, Evidence, Sentence


def finish_claim(
    doc: Document,
    sentences: list[Sentence],
    d: Draft,
    cues: list[Cues],
    around: Around,
    components: tuple[str, ...],
) -> Claim:
    s = sentences[d.sentence]
    certainty: Certainty = "asserted"
    follow = _following_cues(d.sentence, d.event_type, cues, around)
    if d.cues.disputed or (follow and follow.disputed):
        certainty = "disputed"
    elif d.cues.unconfirmed or (follow and follow.unconfirmed):
        certainty = "unconfirmed"
    elif d.sources or d.cues.hedged:
        certainty = "reported"
    key = f"{doc.id}|{d.event_type}|{s.start}|{d.place.name}|{d.trigger.span.start}"
    claim_id = "c:" + hashlib.sha256(key.encode("utf-8")).hexdigest()[:16]
    return Claim(
        doc_id=doc.id,
        claim_id=claim_id,
        event_type=d.event_type,
        date=d.date,
        location=d.place,
        actors=d.actors,
        targets=d.targets,
        count=None if d.event_type == "raid" else d.count,
        attribution=d.sources,
        certainty=certainty,
        evidence=Evidence(s.text, s.start, s.stop),
        trigger=d.trigger.span,
        components=components,
    )


# how many sentences after a claim a denial or non-confirmation may stand and still cover it
_COVER_REACH = 3


@dataclass(frozen=True, slots=True)
class Around:
    triggers: list[list[Trigger]]
    mentioned: list[frozenset[EventType]]  # event types a trigger-less denial names


def _following_cues(
    index: int, event_type: EventType, cues: list[Cues], around: Around
) -> Cues | None:
    """The cues of the first trigger-less sentence after ``index``, when they cover this claim.

    "This number has not been confirmed." or "В администрации это опровергли." speaks about
    the event just told (and its restatements); "denied that anyone had been pressured" about
    the events it names, however far back; "lawyers said …; police denied it" about its own.
    """
    between: set[EventType] = set()
    for k in range(index + 1, min(len(cues), index + 1 + _COVER_REACH)):
        if around.triggers[k]:
            between |= {t.event_type for t in around.triggers[k]}
            continue
        if not cues[k].covers_previous:
            return None
        if around.mentioned[k]:
            return cues[k] if event_type in around.mentioned[k] else None
        return cues[k] if between <= {event_type} else None
    return None
