"""Training the sentence model (``khronika train``) and measuring it by cross-validation.

Examples are the rules' candidates — each (sentence, event type) the codebook proposes —
labelled from gold files (a candidate is positive when a gold claim of its type has
evidence overlapping the sentence, by the scorer's own matching rule) or from a store's
review decisions (accepted and edited claims positive, rejected ones negative).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import numpy as np

from khronika.clean import clean_document
from khronika.errors import ConfigError, InputError
from khronika.evaluate import evidence_overlap, evidence_tokens  # the scorer's evidence matching
from khronika.evaluate_cv import Claims, CvDoc, Extractor, extract_records
from khronika.extract.claims import SentenceModel, candidate_triggers, extract_claims
from khronika.extract.events import Trigger
from khronika.extract.sentence_model import (
    Candidate,
    Encoder,
    Example,
    LinearSentenceModel,
    blind,
    candidates_of,
    document_context,
    sentence_trigger,
)
from khronika.extract.sentence_model import train as train_linear
from khronika.ingest import read_inputs
from khronika.model import EVENT_TYPES, Document, EventType, Sentence
from khronika.pipeline import CHUNK_DOCUMENTS, COMPONENTS, Resources, analyse_documents
from khronika.store.base import ClaimFilter, ReviewState, Store


@dataclass(frozen=True)
class AnalysedDoc:
    doc: Document
    sentences: list[Sentence]
    title: list[Sentence] | None
    triggers: list[list[Trigger]]  # the rules' candidates, sentence by sentence


def analyse_corpus(
    paths: Sequence[Path], resources: Resources, *, every_document: bool = False
) -> dict[str, AnalysedDoc]:
    """doc id → analysis of every readable document in ``paths``.

    Russian documents no rule could fire on are skipped (as the pipeline skips them) unless
    ``every_document``; unreadable inputs are left out.
    """
    docs: list[Document] = []
    for item in read_inputs(paths):
        if isinstance(item, InputError):
            continue
        try:
            docs.append(clean_document(item))
        except InputError:
            continue
    out: dict[str, AnalysedDoc] = {}
    for start in range(0, len(docs), CHUNK_DOCUMENTS):
        chunk = docs[start : start + CHUNK_DOCUMENTS]
        for doc, analysed in zip(
            chunk, analyse_documents(chunk, resources=resources), strict=True
        ):
            if analysed is None and not every_document:
                continue
            sentences, title = analysed or (
                resources.nlp.analyze(doc.text, doc.language),
                None,
            )
            triggers = candidate_triggers(
                doc, sentences, codebook=resources.codebook, title=title
            )
            out[doc.id] = AnalysedDoc(doc, sentences, title, triggers)
    return out


def gold_examples(
    analysed: Mapping[str, AnalysedDoc], gold: Mapping[str, list[dict[str, Any]]]
) -> list[Example]:
    """The rules' candidates in gold documents, labelled by the gold claims."""
    examples: list[Example] = []
    for doc_id in sorted(gold):
        if doc_id not in analysed:
            continue
        a = analysed[doc_id]
        for _, candidate in candidates_of(a.sentences, a.triggers, a.doc.language, a.doc.title):
            examples.append((candidate, 1.0 if _in_gold(candidate, gold[doc_id]) else 0.0))
    return examples


def blind_examples(
    analysed: Mapping[str, AnalysedDoc], gold: Mapping[str, list[dict[str, Any]]]
) -> list[Example]:
    """Every sentence of the gold documents as a candidate of every event type, without
    what the rules found: the typer's examples."""
    opened = {k: _open(analysed[k]) for k in gold if k in analysed}
    return [(blind(c), y) for c, y in gold_examples(opened, gold)]


def _in_gold(candidate: Candidate, claims: Iterable[dict[str, Any]]) -> bool:
    text = candidate.sentence.text
    tokens = evidence_tokens(text)
    return any(
        g["event_type"] == candidate.event_type
        and evidence_overlap(
            text, tokens, g["evidence"]["text"], evidence_tokens(g["evidence"]["text"])
        )
        is not None
        for g in claims
    )


_DECIDED: tuple[ReviewState, ...] = ("accepted", "edited", "rejected")


def store_examples(store: Store, resources: Resources) -> list[Example]:
    """Reviewers' decisions: each decided claim's sentence and type, re-read from its
    stored document (accepted/edited → positive, rejected → negative)."""
    decided: dict[str, list[tuple[int, str, float]]] = {}
    for row in store.iter_export_rows(ClaimFilter(review_states=_DECIDED)):
        claim = row.claim
        label = 0.0 if row.review_state == "rejected" else 1.0
        start = int(claim["evidence"]["start"])
        decided.setdefault(row.doc_id, []).append((start, str(claim["event_type"]), label))
    examples: list[Example] = []
    for doc_id in sorted(decided):
        doc = store.get_document(doc_id)
        if doc is None:
            continue
        (analysed,) = analyse_documents([doc], resources=resources)
        sentences, title = analysed or (resources.nlp.analyze(doc.text, doc.language), None)
        triggers = candidate_triggers(doc, sentences, codebook=resources.codebook, title=title)
        by_start = {s.start: k for k, s in enumerate(sentences)}
        for start, event_type, label in sorted(set(decided[doc_id])):
            k = by_start.get(start)
            if k is None:
                continue
            kind: EventType = event_type  # type: ignore[assignment]
            fired = frozenset(t.event_type for t in triggers[k]) | {kind}
            words = tuple(
                sentences[k].tokens[t.first].lemma.lower()
                for t in triggers[k]
                if t.event_type == event_type
            )
            candidate = Candidate(sentences[k], kind, doc.language, fired, words, k,
                                  document_context(doc.title))
            examples.append((candidate, label))
    return examples


def extract_analysed(
    analysed: Mapping[str, AnalysedDoc],
    doc_ids: Iterable[str],
    resources: Resources,
    model: SentenceModel | None = None,
) -> Claims:
    """Claims as contract dicts for analysed documents, as the pipeline would make them."""
    from khronika.contract import claim_to_dict

    out: Claims = {}
    for doc_id in doc_ids:
        a = analysed.get(doc_id)
        if a is None:
            out[doc_id] = []
            continue
        claims = extract_claims(
            a.doc, a.sentences, codebook=resources.codebook, geocoder=resources.geocoder,
            title=a.title, components=COMPONENTS, model=model,
        )
        out[doc_id] = [claim_to_dict(c) for c in claims]
    return out


@dataclass
class CorpusCache:
    """Every CV document analysed once (analysis learns nothing; only the model trains),
    and sentence embeddings computed once when an encoder is used."""

    resources: Resources
    analysed: dict[str, AnalysedDoc]
    encoder: Encoder | None = None
    vectors: dict[str, np.ndarray] = field(default_factory=dict)

    @classmethod
    def of(cls, docs: Sequence[CvDoc], resources: Resources, *, every_document: bool = False,
           encoder: Encoder | None = None) -> CorpusCache:
        holder: dict[str, AnalysedDoc] = {}

        def grab(path: Path) -> Claims:
            holder.update(analyse_corpus([path], resources, every_document=every_document))
            return {}

        extract_records(docs, grab)
        return cls(resources, holder, encoder)

    def embed(self, examples: Sequence[Example]) -> np.ndarray | None:
        return embed_examples(examples, self.encoder, self.vectors)


def embed_examples(
    examples: Sequence[Example], encoder: Encoder | None, memo: dict[str, np.ndarray] | None = None
) -> np.ndarray | None:
    """One embedding row per example (its sentence), or None without an encoder."""
    if encoder is None:
        return None
    memo = {} if memo is None else memo
    todo = sorted({c.sentence.text for c, _ in examples} - memo.keys())
    for start in range(0, len(todo), 64):
        batch = todo[start : start + 64]
        memo.update(zip(batch, encoder.encode(batch), strict=True))
    return np.stack([memo[c.sentence.text] for c, _ in examples]) if examples else None


@dataclass
class CachedRules:
    """The rules alone, over the cache (the same claims as ``RulesOnly``)."""

    cache: CorpusCache

    def fit(self, train: Sequence[CvDoc]) -> Extractor:
        def extract(docs: Sequence[CvDoc]) -> Claims:
            return extract_analysed(self.cache.analysed, [d.doc_id for d in docs],
                                    self.cache.resources)
        return extract


@dataclass
class RuleFilter:
    """Rules plus the sentence model, trained on the training folds' gold only (and on
    ``extra`` examples from outside the CV corpus, another gold set)."""

    cache: CorpusCache
    extra: Sequence[Example] = ()
    extra_blind: Sequence[Example] = ()  # the same gold seen by the typer

    def fit(self, train: Sequence[CvDoc]) -> Extractor:
        gold = {d.doc_id: d.gold for d in train}
        examples = gold_examples(self.cache.analysed, gold) + list(self.extra)
        typer = blind_examples(self.cache.analysed, gold) + list(self.extra_blind)
        model = train_linear(examples, embeddings=self.cache.embed(examples),
                             blind_examples=typer)
        model = model.with_encoder(self.cache.encoder)

        def extract(docs: Sequence[CvDoc]) -> Claims:
            return extract_analysed(self.cache.analysed, [d.doc_id for d in docs],
                                    self.cache.resources, model)
        return extract


@dataclass
class ModelAlone:
    """The ablation's other arm: a regression without the rules' features, trained on every
    sentence of the training documents as a candidate of every event type. At extraction
    it judges the rules' candidates (``extract_claims`` starts from the rules' triggers), so
    it measures what the words of a sentence alone say about its rule hits."""

    cache: CorpusCache

    def fit(self, train: Sequence[CvDoc]) -> Extractor:
        opened = {k: _open(a) for k, a in self.cache.analysed.items()}
        examples = [
            (blind(c), y) for c, y in gold_examples(opened, {d.doc_id: d.gold for d in train})
        ]
        model = train_linear(examples, embeddings=self.cache.embed(examples))
        alone = _Blind(model.with_encoder(self.cache.encoder))

        def extract(docs: Sequence[CvDoc]) -> Claims:
            return extract_analysed(opened, [d.doc_id for d in docs], self.cache.resources,
                                    alone)
        return extract


def _open(a: AnalysedDoc) -> AnalysedDoc:
    triggers = [
        [sentence_trigger(s, t) for t in EVENT_TYPES] if s.tokens else [] for s in a.sentences
    ]
    return replace(a, triggers=triggers)


@dataclass(frozen=True)
class _Blind:
    model: LinearSentenceModel

    @property
    def component(self) -> str:
        return self.model.component

    def judge(self, doc: Document, sentences: list[Sentence],
              triggers: list[list[Trigger]]) -> list[list[Trigger]]:
        found = [(i, blind(c)) for i, c in
                 candidates_of(sentences, triggers, doc.language, doc.title)]
        embeddings = None
        if self.model.encoder is not None:
            embeddings = embed_examples([(c, 0.0) for _, c in found], self.model.encoder)
        keep: list[set[str]] = [set() for _ in triggers]
        chances = self.model.probabilities([c for _, c in found], embeddings)
        for (i, c), p in zip(found, chances, strict=True):
            if p >= self.model.cut:
                keep[i].add(c.event_type)
        return [[t for t in f if t.event_type in keep[i]] for i, f in enumerate(triggers)]


__all__ = [
    "AnalysedDoc",
    "CachedRules",
    "CorpusCache",
    "ModelAlone",
    "RuleFilter",
    "analyse_corpus",
    "blind_examples",
    "build_model",
    "embed_examples",
    "examples_from_gold",
    "extract_analysed",
    "gold_examples",
    "store_examples",
]


def examples_from_gold(
    gold_files: Sequence[Path], resources: Resources
) -> tuple[list[Example], list[Example]]:
    """The filter's and the typer's examples from gold files, each read with the
    ``docs.jsonl`` beside it."""
    from khronika.evaluate import load_gold

    examples: list[Example] = []
    typer: list[Example] = []
    for gold_path in gold_files:
        docs_path = gold_path.parent / "docs.jsonl"
        if not gold_path.is_file() or not docs_path.is_file():
            raise ConfigError(f"--gold {gold_path}: needs the file and a docs.jsonl beside it")
        analysed = analyse_corpus([docs_path], resources)
        gold = load_gold(gold_path)
        examples += gold_examples(analysed, gold)
        typer += blind_examples(analysed, gold)
    return examples, typer


def build_model(
    gold_files: Sequence[Path],
    resources: Resources,
    *,
    store: Store | None = None,
    encoder: Encoder | None = None,
    note: str = "",
) -> tuple[LinearSentenceModel, int]:
    """A sentence model from gold files and a store's review decisions; and how many
    examples it learned from."""
    examples, typer = examples_from_gold(gold_files, resources)
    if store is not None:
        # reviews judge claims the rules made; they never show the typer a sentence the
        # rules passed over, so they teach the filter only
        examples += store_examples(store, resources)
    model = train_linear(examples, embeddings=embed_examples(examples, encoder), note=note,
                         blind_examples=typer)
    return model, len(examples)
