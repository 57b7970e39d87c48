"""``RussianNLP.analyze_many`` runs natasha's models over many documents at once, sorted by
length, on the documents' own tokens. It must give what natasha's ``Doc`` gives document by
document, and a document's analysis must not depend on the documents batched with it."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from khronika.nlp import NLP

from .conftest import DEV

SAMPLE = Path(__file__).resolve().parents[1] / "src" / "khronika" / "data" / "sample" / "docs.jsonl"


def _texts() -> list[str]:
    texts = [json.loads(line)["text"] for line in SAMPLE.read_text(encoding="utf-8").splitlines()]
    dev = DEV / "docs.jsonl"
    if dev.is_file():
        texts += [json.loads(line)["text"] for line in dev.read_text(encoding="utf-8").splitlines()]
    texts += [
        "",
        " \n ",
        "Заголовок без точки\n\nВ Новосибирске задержали 40 человек.",
        "Иван Петров из Москвы сказал ТАСС, что в Казани задержаны мигранты.",
    ]
    return texts


def _natasha_reference(nlp: NLP, text: str) -> list[tuple[Any, ...]]:
    """(token text, start, POS, feats) and (entity type, start, stop) as natasha's own Doc
    pipeline tags them, one document at a time."""
    from natasha import Doc, NewsEmbedding, NewsMorphTagger, NewsNERTagger, Segmenter

    global _TAGGERS
    if _TAGGERS is None:
        emb = NewsEmbedding()
        _TAGGERS = (Segmenter(), NewsMorphTagger(emb), NewsNERTagger(emb))
    segmenter, morph, ner = _TAGGERS
    doc = Doc(text)
    doc.segment(segmenter)
    doc.tag_morph(morph)
    doc.tag_ner(ner)
    tokens = [(t.text, t.start, t.pos, tuple(sorted((t.feats or {}).items()))) for t in doc.tokens]
    spans = [(s.type, s.start, s.stop) for s in doc.spans]
    return [tuple(tokens), tuple(spans)]


_TAGGERS: Any = None


def _ours(sentences: list[Any]) -> list[tuple[Any, ...]]:
    tokens = [(t.text, t.start, t.pos, t.feats) for s in sentences for t in s.tokens]
    spans = [(e.type, e.start, e.stop) for s in sentences for e in s.entities]
    return [tuple(tokens), tuple(spans)]


def test_batched_analysis_equals_natasha_document_by_document(nlp: NLP) -> None:
    texts = _texts()
    batched = nlp.russian.analyze_many(texts)
    for text, sentences in zip(texts, batched, strict=True):
        ours = _ours(sentences)
        reference = _natasha_reference(nlp, text)
        # our sentences drop whitespace-only lines, never a token or an entity inside them
        assert ours == reference, text[:80]


@pytest.mark.parametrize("size", [1, 3, 17])
def test_a_document_is_analysed_the_same_whatever_its_batch(nlp: NLP, size: int) -> None:
    texts = _texts()
    together = nlp.russian.analyze_many(texts)
    for k in range(0, len(texts), size):
        assert nlp.russian.analyze_many(texts[k : k + size]) == together[k : k + size]
    assert [nlp.russian.analyze(t) for t in texts[:5]] == together[:5]


def test_first_layer_table_gives_slovnets_scores_even_when_it_refills(nlp: NLP) -> None:
    """A table of 64 words refills many times over the sample; the scores still equal those
    of slovnet's own forward pass (to float rounding) and the tags exactly."""
    import numpy as np

    from khronika.nlp.taggers import Tagger

    texts = _texts()[:30]
    words = [[t.text for s in nlp.russian.analyze(text) for t in s.tokens] for text in texts]
    for infer in (nlp.russian._morph, nlp.russian._ner):
        small = Tagger(infer, table_rows=64)
        for batch in (words[k : k + 4] for k in range(0, len(words), 4)):
            batch = [w[:200] for w in batch if w]
            if not batch:
                continue
            inputs = infer.encoder.input([infer.encoder.item(w) for w in batch])
            ours = small(inputs.word_id, inputs.shape_id, inputs.pad_mask)
            theirs = infer.model(inputs.word_id, inputs.shape_id, inputs.pad_mask)
            real = ~inputs.pad_mask
            assert np.allclose(ours[real], theirs[real], atol=1e-4)
            assert (ours[real].argmax(-1) == theirs[real].argmax(-1)).all()
