"""Assemble claims from one document's sentences: triggers, places, dates, counts, sources,
certainty, actors and targets, with the story's context carried between sentences.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Protocol

from khronika.codebook import Codebook
from khronika.extract.accounts import account_sources
from khronika.extract.assign_counts import CountContext, counts_of_triggers, speaks_of_self
from khronika.extract.attribution import find_credit, find_cues
from khronika.extract.backref import credits_back
from khronika.extract.claim_date_filters import about_the_people, quoted_deixis, when_said
from khronika.extract.claim_dates import claim_date, dated_from_body, headline_date
from khronika.extract.claim_finish import Around, finish_claim
from khronika.extract.claim_periods import COURT, nearest_date
from khronika.extract.claim_places import (
    common_place,
    event_places,
    inside_credit,
    is_origin,
    is_seat,
    placed_in_story,
    places_for,
    stay_where_told,
)
from khronika.extract.claim_sources import clause_sources, credit_back, resolve_sources
from khronika.extract.claim_story import Draft, SentenceFacts, Story
from khronika.extract.counts import extract_counts
from khronika.extract.dateline import is_dateline
from khronika.extract.dates import extract_dates, names_rite
from khronika.extract.elliptic import elliptic_pairs
from khronika.extract.events import (
    Trigger,
    document_scope,
    find_triggers,
    is_anchored,
    mentioned_events,
    sentence_lemmas,
)
from khronika.extract.footage import without_retold_footage
from khronika.extract.persons import person_named
from khronika.extract.posts import forwarded_from, post_date
from khronika.extract.relative import extract_relative_date
from khronika.extract.restated import without_restated_raids
from khronika.extract.spared import spared
from khronika.extract.story_sources import own_outlet
from khronika.extract.weekdays import within_week
from khronika.geocode import Geocoder
from khronika.model import (
    UNKNOWN_PLACE,
    Claim,
    DateRange,
    Document,
    EventType,
    Lang,
    Place,
    Sentence,
)

COMPONENT = "khronika.claims.v1"


class SentenceModel(Protocol):
    """A learned judge of the rules' candidate sentences: the one place a model plugs in.

    It gets each sentence's rule triggers and returns those it keeps (possibly retyped);
    an empty list drops the sentence. ``component`` names the model's version.
    """

    @property
    def component(self) -> str: ...

    def judge(
        self, doc: Document, sentences: list[Sentence], triggers: list[list[Trigger]]
    ) -> list[list[Trigger]]: ...


def extract_claims(
    doc: Document,
    sentences: list[Sentence],
    *,
    codebook: Codebook,
    geocoder: Geocoder,
    title: list[Sentence] | None = None,
    components: tuple[str, ...] = (),
    model: SentenceModel | None = None,
) -> list[Claim]:
    by_rules = candidate_triggers(doc, sentences, codebook=codebook, title=title)
    triggers = by_rules
    if model is not None and any(triggers):
        triggers = model.judge(doc, sentences, triggers)
    if not any(by_rules):
        # most of what a keyword search brings in holds no event: skip places, dates, counts
        return []
    lang = doc.language
    title_text = " ".join((doc.title or "").split()).casefold()
    home = geocoder.outlets.home(doc.url, doc.outlet)
    found_places = geocoder.find_document_places(sentences, lang, home)
    title_lemmas = [lem for s in (title or []) for lem in sentence_lemmas(s)]
    scope = document_scope(sentences, lang, codebook, title_lemmas=title_lemmas)
    if not is_anchored(scope, (p.country for places in found_places for p in places)):
        return []  # a page about deportations from the US, a hockey contract
    posted = post_date(doc)
    forwarded = forwarded_from(doc)
    story = Story(published=doc.published)
    # the headline's one place stands for a story whose body names none before its events
    headline_found = geocoder.find_document_places(title or [], lang, home)
    headline = [p for places in headline_found for p in places]
    # "Natives of Central Asia stripped of citizenship": where the people came from
    origins = [p for sentence, places in zip(title or [], headline_found, strict=True)
               for p in places if p.country != "RU" and is_origin(sentence, p)]
    if len({p.name for p in headline}) == 1:
        story.places = headline[:1]
    story.date = headline_date(title or [], lang, doc.published)
    drafts: list[Draft] = []
    facts_by_sentence: list[SentenceFacts] = []
    moves_on: list[bool] = []
    for i, sentence in enumerate(sentences):
        if title_text and " ".join(sentence.text.split()).casefold() == title_text:
            # the headline repeats the story that follows; it is not evidence of its own
            facts_by_sentence.append(SentenceFacts(i, []))
            moves_on.append(False)
            continue
        if _starts_item(sentence):
            story = story.new_item(names_place=bool(found_places[i]))
        facts = read_sentence(
            doc, sentence, i, triggers[i], found_places[i], story, codebook=codebook,
            forwarded=forwarded,
        )
        facts = spared(facts, by_rules[i])
        facts_by_sentence.append(facts)
        drafted = draft_claims(sentence, facts, story, lang, geocoder, posted=posted)
        drafts += drafted
        # "О задержании рассказали в УМВД": the event named is the topic of the credit
        if facts.credit and credits_back(sentence, lang):
            drafts = credit_back(drafts, i, facts.sources)
        # a new place or a date of its own: the next item, which the account before may not cover
        moves_on.append(facts.new_place or bool(facts.dates and facts.dates[0] != story.date))
        story.advance(facts)
        stay_where_told(story, drafted, sentence)
    # a paragraph told on one source's word credits that source throughout
    carried = account_sources(
        doc.text, sentences, [f.sources for f in facts_by_sentence],
        moves_on, [f.cues.hedged for f in facts_by_sentence],
        [credits_back(s, lang) for s in sentences],
    )
    around = Around(
        [f.triggers for f in facts_by_sentence], [f.mentioned for f in facts_by_sentence]
    )
    cues = [f.cues for f in facts_by_sentence]
    drafts = placed_in_story(drafts, [p for places in found_places for p in places], geocoder,
                              origins)
    drafts = without_restated_raids(drafts, sentences)
    drafts = dated_from_body(drafts, facts_by_sentence, sentences, lang)
    drafts = [d if d.sources else replace(d, sources=carried[d.sentence]) for d in drafts]
    if model is not None:
        components = (*components, model.component)
    return [finish_claim(doc, sentences, d, cues, around, components) for d in drafts]


def candidate_triggers(
    doc: Document,
    sentences: list[Sentence],
    *,
    codebook: Codebook,
    title: list[Sentence] | None = None,
) -> list[list[Trigger]]:
    """The codebook rules' triggers of each sentence, within the document's scope."""
    lang = doc.language
    title_lemmas = [lem for s in (title or []) for lem in sentence_lemmas(s)]
    scope = document_scope(sentences, lang, codebook, title_lemmas=title_lemmas)
    found = [
        find_triggers(sentences, i, lang, codebook, scope=scope) for i in range(len(sentences))
    ]
    return without_retold_footage(found, sentences, lang)


def read_sentence(
    doc: Document,
    sentence: Sentence,
    index: int,
    triggers: list[Trigger],
    found_places: list[Place],
    story: Story,
    *,
    codebook: Codebook,
    forwarded: tuple[str, ...] = (),
) -> SentenceFacts:
    """One sentence's facts: its source, cues, places, dates, counts, actors and targets,
    with what it leaves open filled from ``story``."""
    lang = doc.language
    credit = find_credit(sentence, lang)
    cues = find_cues(sentence, lang)
    if credit is not None and (credit.personal or credit.generic) and not cues.hedged:
        cues = replace(cues, hedged=True)  # "he told the court": somebody's account
    places = event_places(found_places, sentence, credit, story)
    lex = codebook.lexicons[lang]
    lemmas = sentence_lemmas(sentence)
    found = extract_dates(sentence, lang, doc.published)
    dates = [
        within_week(d, story.frame)
        for d in found
        if not about_the_people(sentence, d, triggers) and not is_dateline(sentence, d)
        and not when_said(sentence, d) and not quoted_deixis(sentence, d)
    ]
    if len(dates) > 1:
        dates = [d for d in dates if not names_rite(sentence, d)]
    return SentenceFacts(
        index=index,
        triggers=triggers,
        credit=credit,
        cues=cues,
        mentioned=(
            mentioned_events(sentence, lang, codebook)
            if not triggers and cues.disputed
            else frozenset()
        ),
        sources=tuple(
            n for n in resolve_sources(credit, story) if not own_outlet(n, doc.outlet)
        ) or forwarded,
        places=places,
        dates=dates,
        said=[d for d in found if when_said(sentence, d) and d.precision in ("day", "month")],
        relative=extract_relative_date(sentence, lang, story.date),
        counts=[c for c in extract_counts(sentence, lang)
                if not inside_credit(c, credit) or speaks_of_self(c, sentence, credit)],
        actors=lex.actors_in(lemmas) or story.actors,
        targets=lex.targets_in(lemmas) or story.targets,
        new_place=bool(places)
        and not any(p.name == q.name for p in places for q in story.places),
        person=person_named(sentence, lang, credit, [p.span for p in found_places if p.span]),
    )


def draft_claims(
    sentence: Sentence,
    facts: SentenceFacts,
    story: Story,
    lang: Lang,
    geocoder: Geocoder,
    *,
    posted: DateRange | None = None,
) -> list[Draft]:
    """A draft claim for each trigger and each of its places, with its count and date."""
    if not facts.triggers:
        return []
    triggers = facts.triggers
    # "в Ярославле задержали 34 человека, в Твери — 21": a place paired with its own count
    elliptic = elliptic_pairs(sentence, facts.places, facts.counts)
    paired_places = {id(p) for p, _ in elliptic}
    paired_counts = {id(c) for _, c in elliptic}
    places_left = [p for p in facts.places if id(p) not in paired_places]
    counts_left = [c for c in facts.counts if id(c) not in paired_counts]
    assigned = counts_of_triggers(
        sentence,
        triggers,
        counts_left,
        lang,
        CountContext(story.last_count, facts.credit, tuple(facts.counts),
                     tuple(p.span for p in facts.places if p.span is not None)),
    )
    drafts: list[Draft] = []
    seen: set[tuple[EventType, str | None]] = set()
    for t_index, trigger in enumerate(triggers):
        fallback = story.places[-1] if story.places else UNKNOWN_PLACE
        chosen_places = places_for(trigger, places_left, sentence) or [fallback]
        if is_seat(sentence.tokens, chosen_places) and geocoder.contains(chosen_places[0],
                                                                          fallback):
            # "after the governor of the Krasnodar region approved …" in a story in Sochi
            chosen_places = [fallback]
        if len(chosen_places) > 1 and t_index in assigned:
            # "рейды в Казани, Тюмени и Кургане, после чего на учёт встали 14 человек":
            # one figure for the whole list, placed where all its places are
            chosen_places = [common_place(chosen_places, geocoder)]
        counted = [(p, assigned.get(t_index)) for p in chosen_places]
        if trigger.event_type != "raid" and elliptic and not counts_left:
            # every figure has its place: one claim a pair, and places without a figure
            counted = list(elliptic) + (counted if places_left else [])
        elif trigger.event_type != "raid" and t_index in assigned:
            counted += elliptic
        for chosen, count in counted:
            key = (trigger.event_type, chosen.name)
            if key in seen:
                continue
            seen.add(key)
            date = claim_date(sentence, lang, trigger, chosen, facts, story, posted)
            if trigger.event_type in COURT and nearest_date(trigger, facts.dates):
                story.court = date  # the days this story's court sat, for what it tells next
            drafts.append(
                Draft(
                    facts.index,
                    trigger.event_type,
                    trigger,
                    chosen,
                    count,
                    date,
                    clause_sources(facts, sentence, trigger),
                    facts.cues,
                    facts.actors,
                    facts.targets,
                )
            )
    return drafts


_ITEM_MARKS = frozenset("— – - • * ·".split())


def _starts_item(sentence: Sentence) -> bool:
    text = sentence.text.lstrip()
    if text[:1] in _ITEM_MARKS:
        return True
    head = text.split(maxsplit=1)[0] if text else ""
    return len(head) > 1 and head[:-1].isdigit() and head[-1] in ").:"


def with_incident(claim: Claim, incident_id: str | None) -> Claim:
    return replace(claim, incident_id=incident_id)


__all__ = [
    "Lang",
    "SentenceFacts",
    "SentenceModel",
    "Story",
    "candidate_triggers",
    "draft_claims",
    "extract_claims",
    "read_sentence",
    "with_incident",
]
