"""A text that never ends its sentence must cost about as much per kilobyte as a normal one.

Extraction pairs a sentence's places, counts and tokens, so before the bound one 40 KB
unpunctuated text took minutes. Timing lives in ``bench/bench_long_sentence.py``; here the
bound itself is checked: no sentence the analysers hand to extraction is longer than
``MAX_SENTENCE_CHARS``, offsets still point into the text, and claims are still found.
"""

from __future__ import annotations

from itertools import pairwise

import pytest
from hypothesis import given
from hypothesis import strategies as st

from khronika.model import Document, Lang
from khronika.nlp import NLP
from khronika.nlp.bounds import MAX_SENTENCE_CHARS, bounded
from khronika.pipeline import Resources, build_resources, process_document

PHRASES: dict[Lang, str] = {
    "ru": "полиция задержала сорок мигрантов в Казани и отвезла двадцать человек в военкомат ",
    "en": "police detained forty migrants in Kazan and took twenty men to an enlistment office ",
}


@pytest.fixture(scope="module")
def resources() -> Resources:
    return build_resources()


@pytest.mark.parametrize("lang", ["ru", "en"])
def test_unpunctuated_text_is_cut_into_bounded_sentences(resources: Resources, lang: Lang
                                                         ) -> None:
    nlp: NLP = resources.nlp
    text = PHRASES[lang] * (40_000 // len(PHRASES[lang]))
    sentences = nlp.analyze(text, lang)
    assert len(sentences) >= 40_000 // MAX_SENTENCE_CHARS
    for sentence in sentences:
        assert sentence.stop - sentence.start <= MAX_SENTENCE_CHARS
        assert text[sentence.start:sentence.stop] == sentence.text
        assert all(sentence.start <= t.start and t.stop <= sentence.stop
                   for t in sentence.tokens)


@pytest.mark.parametrize("lang", ["ru", "en"])
def test_a_run_on_text_still_yields_claims(resources: Resources, lang: Lang) -> None:
    text = PHRASES[lang] * (6_000 // len(PHRASES[lang]))
    doc = Document(id=f"long-{lang}", text=text, language=lang, source="long.txt")
    claims = process_document(doc, resources=resources)
    assert claims
    assert all(c.evidence.end - c.evidence.start <= MAX_SENTENCE_CHARS for c in claims)


def test_a_text_without_white_space_is_cut_too(resources: Resources) -> None:
    text = "x" * 5_000
    sentences = resources.nlp.analyze(text, "en")
    assert all(s.stop - s.start <= MAX_SENTENCE_CHARS for s in sentences)


@given(st.text(alphabet=st.sampled_from(list("ab \n\t")), max_size=400),
       st.integers(min_value=2, max_value=60))
def test_bounded_spans_cover_every_character_in_order(text: str, limit: int) -> None:
    spans = bounded(text, 0, len(text), limit)
    covered = "".join(text[a:b] for a, b in spans)
    assert covered.replace(" ", "").replace("\n", "").replace("\t", "") == (
        text.replace(" ", "").replace("\n", "").replace("\t", ""))
    assert all(0 < b - a <= limit for a, b in spans)
    assert all(b1 <= a2 for (_, b1), (a2, _) in pairwise(spans))
