"""The steps of ``extract_claims`` one by one: candidate triggers, one sentence's facts, the
story carried between sentences, the claim drafts, and the sentence-model slot."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from typing import Any

from khronika.extract.claims import (
    SentenceFacts,
    Story,
    candidate_triggers,
    draft_claims,
    extract_claims,
    read_sentence,
)
from khronika.extract.events import Trigger
from khronika.model import Document, Sentence


def _doc(text: str, lang: str = "ru") -> Document:
    return Document(id="s1", text=text, language=lang,  # type: ignore[arg-type]
                    published=date(2024, 5, 15))


def _analyse(resources: Any, doc: Document) -> list[Sentence]:
    return list(resources.nlp.analyze(doc.text, doc.language))


def _facts(resources: Any, doc: Document, story: Story) -> list[SentenceFacts]:
    sentences = _analyse(resources, doc)
    triggers = candidate_triggers(doc, sentences, codebook=resources.codebook)
    places = resources.geocoder.find_document_places(sentences, doc.language, None)
    out = []
    for i, s in enumerate(sentences):
        facts = read_sentence(doc, s, i, triggers[i], places[i], story,
                              codebook=resources.codebook)
        out.append(facts)
        story.advance(facts)
    return out


def test_one_sentence_facts_stand_alone(resources: Any) -> None:
    doc = _doc("В Туле 3 мая полиция задержала 18 мигрантов, сообщил телеграм-канал «Тула24».")
    (facts,) = _facts(resources, doc, Story())
    assert [t.event_type for t in facts.triggers] == ["detention"]
    assert [p.name for p in facts.places] == ["Tula"]
    assert [(d.start, d.end) for d in facts.dates] == [(date(2024, 5, 3), date(2024, 5, 3))]
    assert [c.min for c in facts.counts] == [18]
    assert facts.sources and "Тула24" in facts.sources[0]
    assert facts.new_place


def test_story_carries_place_date_and_source_to_the_next_sentence(resources: Any) -> None:
    doc = _doc("В Туле 3 мая полиция задержала 18 мигрантов, сообщил канал «Тула24». "
               "Их доставили в отдел полиции.")
    story = Story()
    first, second = _facts(resources, doc, story)
    assert not second.places and not second.dates
    assert [p.name for p in story.places] == ["Tula"]
    assert story.date is not None and story.date.start == date(2024, 5, 3)
    assert story.sources == first.sources
    # a new round-up item drops place, date and source but keeps who acts on whom
    item = story.new_item()
    assert (item.places, item.date, item.sources) == ([], None, ())
    assert item.targets == story.targets


def test_drafts_take_the_story_place_when_the_sentence_names_none(resources: Any) -> None:
    doc = _doc("В Туле 3 мая прошёл рейд по общежитиям. Полиция задержала 18 мигрантов.")
    sentences = _analyse(resources, doc)
    story = Story()
    facts = _facts(resources, doc, Story())
    story.advance(facts[0])
    drafts = draft_claims(sentences[1], facts[1], story, "ru", resources.geocoder)
    (held,) = [d for d in drafts if d.event_type == "detention"]
    assert held.place.name == "Tula"
    assert held.count is not None and held.count.min == 18
    assert draft_claims(sentences[1], replace(facts[1], triggers=[]), story, "ru",
                        resources.geocoder) == []


class DropAll:
    component = "test.drop-all.v1"

    def judge(self, doc: Document, sentences: list[Sentence],
              triggers: list[list[Trigger]]) -> list[list[Trigger]]:
        return [[] for _ in triggers]


class KeepAll:
    component = "test.keep-all.v1"

    def __init__(self) -> None:
        self.calls = 0

    def judge(self, doc: Document, sentences: list[Sentence],
              triggers: list[list[Trigger]]) -> list[list[Trigger]]:
        self.calls += 1
        return triggers


def test_the_sentence_model_decides_over_the_rules_and_names_itself(resources: Any) -> None:
    doc = _doc("Police detained 25 migrants at a market in Kirov on Monday.", "en")
    sentences = _analyse(resources, doc)
    kwargs = {"codebook": resources.codebook, "geocoder": resources.geocoder}
    rules = extract_claims(doc, sentences, **kwargs)
    assert rules and all("test.keep-all.v1" not in c.components for c in rules)
    keep = KeepAll()
    kept = extract_claims(doc, sentences, model=keep, **kwargs)
    assert keep.calls == 1
    assert [(c.claim_id, c.evidence) for c in kept] == [(c.claim_id, c.evidence) for c in rules]
    assert all(c.components[-1] == "test.keep-all.v1" for c in kept)
    # a sentence with a figure and a date of its own outlives the model; a vague one does not
    assert [c.event_type for c in extract_claims(doc, sentences, model=DropAll(), **kwargs)] \
        == [c.event_type for c in rules]
    vague = _doc("Police detained migrants at a market in Kirov.", "en")
    assert extract_claims(vague, _analyse(resources, vague), model=DropAll(), **kwargs) == []
    # a document without rule triggers never reaches the model
    quiet = _doc("The council met on Monday to discuss the budget.", "en")
    keep_quiet = KeepAll()
    assert extract_claims(quiet, _analyse(resources, quiet), model=keep_quiet, **kwargs) == []
    assert keep_quiet.calls == 0


class DropFirst:
    component = "test.drop-first.v1"

    def judge(self, doc: Document, sentences: list[Sentence],
              triggers: list[list[Trigger]]) -> list[list[Trigger]]:
        return [[] if i == 0 else found for i, found in enumerate(triggers)]


def test_a_sentence_with_its_own_figure_and_date_outlives_the_model(resources: Any) -> None:
    kwargs = {"codebook": resources.codebook, "geocoder": resources.geocoder}
    specific = _doc("Police detained 25 migrants at a market in Kirov on Monday. Officers also "
                    "checked the papers of migrant workers at a hostel.", "en")
    kept = extract_claims(specific, _analyse(resources, specific), model=DropFirst(), **kwargs)
    assert {c.event_type for c in kept} == {"detention", "raid"}
    # a figure with neither a date nor a place of its own is the model's to drop
    vague = _doc("Police detained 25 migrants at a market. Officers also checked the "
                 "papers of migrant workers at a hostel in Kirov.", "en")
    dropped = extract_claims(vague, _analyse(resources, vague), model=DropFirst(), **kwargs)
    assert [c.event_type for c in dropped] == ["raid"]


def test_a_sentence_naming_several_places_outlives_the_model(resources: Any) -> None:
    kwargs = {"codebook": resources.codebook, "geocoder": resources.geocoder}
    doc = _doc("Police raided migrant hostels in Tver and Ryazan. Officers also checked the "
               "papers of migrant workers at a market.", "en")
    kept = extract_claims(doc, _analyse(resources, doc), model=DropFirst(), **kwargs)
    assert {c.location.name for c in kept if c.event_type == "raid"} >= {"Tver", "Ryazan"}
