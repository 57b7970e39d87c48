"""Whose word a claim is on: the credit resolved against the story, the credit's own clause, and
"Об этом сообщает X" reaching back over the sentences before it.
"""

from __future__ import annotations

from dataclasses import replace

from khronika.extract.attribution import Credit
from khronika.extract.claim_story import Draft, SentenceFacts, Story
from khronika.extract.events import Trigger
from khronika.extract.story_sources import bare_back_reference, resolve_back
from khronika.model import Sentence


def clause_sources(facts: SentenceFacts, sentence: Sentence, trigger: Trigger) -> tuple[str, ...]:
    credit = facts.credit
    if credit is None or credit.generic or facts.sources != credit.sources:
        return facts.sources
    return credit.of_clause(sentence.text, sentence.start, trigger.span.start)


# how many sentences before it "Об этом сообщает X" may credit
_CREDIT_REACH = 3


def credit_back(drafts: list[Draft], index: int, sources: tuple[str, ...]) -> list[Draft]:
    """Give "Об этом сообщает X" to the uncredited claims of the sentences just before it."""
    credited = {d.sentence for d in drafts if d.sources and d.sentence != index}
    # the credit reaches back over the story just told, up to a sentence credited on its own
    back = index - 1
    while back >= max(0, index - _CREDIT_REACH) and back not in credited:
        back -= 1
    covered = range(back + 1, index)
    # «Об этом ведомство сообщило» with no body named before still tells whose word it is
    return [replace(d, sources=sources, cues=replace(d.cues, hedged=True))
            if d.sentence in covered else d for d in drafts]


def resolve_sources(credit: Credit | None, story: Story) -> tuple[str, ...]:
    if credit is None:
        return ()
    if credit.personal and story.person:
        return (story.person,)
    bare = credit.personal or bare_back_reference(credit.sources[0] if credit.sources else "")
    if bare and not story.sources:
        return ()  # "he told the court", «ведомство сообщило» with nobody named before
    if credit.generic and story.sources:
        meant = resolve_back(credit.sources[0], story.sources) if credit.sources else None
        return story.sources if not credit.sources else meant or credit.sources
    return credit.sources
