"""Russian analysis through natasha: sentences, tokens with lemmas and UD features, NER spans.

natasha takes about a second to load its embeddings and taggers, so one ``RussianNLP`` is
built per process (per Dask worker) and passed to the stages; natasha types never leave
this module.
"""

from __future__ import annotations

from typing import Any

from khronika.model import Entity, Sentence, Token


class RussianNLP:
    def __init__(self) -> None:
        from natasha import (
            MorphVocab,
            NewsEmbedding,
            NewsMorphTagger,
            NewsNERTagger,
            Segmenter,
        )

        self._segmenter = Segmenter()
        self.morph_vocab = MorphVocab()
        embedding = NewsEmbedding()
        self._morph_tagger = NewsMorphTagger(embedding)
        self._ner_tagger = NewsNERTagger(embedding)
        self._lemma_cache: dict[tuple[str, str, tuple[tuple[str, str], ...]], str] = {}
        self._forms_cache: dict[str, frozenset[str]] = {}

    def analyze(self, text: str) -> list[Sentence]:
        from natasha import Doc

        doc = Doc(text)
        doc.segment(self._segmenter)
        doc.tag_morph(self._morph_tagger)
        doc.tag_ner(self._ner_tagger)
        entities = [self._entity(span) for span in doc.spans]
        sentences: list[Sentence] = []
        for sent in doc.sents:
            tokens = [self._token(t) for t in sent.tokens]
            # razdel keeps a headline and the next paragraph together; a line break ends both
            for start, stop in _lines(text, sent.start, sent.stop):
                inside = tuple(t for t in tokens if start <= t.start and t.stop <= stop)
                if not inside:
                    continue
                ents = tuple(e for e in entities if start <= e.start and e.stop <= stop)
                sentences.append(
                    Sentence(len(sentences), start, stop, text[start:stop], inside, ents)
                )
        return sentences

    def possible_lemmas(self, text: str) -> set[str]:
        """Every dictionary form any word of ``text`` may have, whatever its parse, without the
        neural taggers: a superset of the lemmas ``analyze`` would give, for cheap screening."""
        from razdel import tokenize

        found: set[str] = set()
        for token in tokenize(text):
            word = token.text.lower()
            forms = self._forms_cache.get(word)
            if forms is None:
                try:
                    forms = frozenset(
                        p.normal_form.replace("ё", "е") for p in self.morph_vocab.parse(word)
                    ) | {word.replace("ё", "е")}
                except ValueError:  # see _token: pymorphy and unnamed code points
                    forms = frozenset({word})
                if len(self._forms_cache) < 200_000:
                    self._forms_cache[word] = forms
            found |= forms
        return found

    def lemmatize(self, word: str) -> str:
        """Lemma of a word out of context (pymorphy's most likely parse)."""
        try:
            parses = self.morph_vocab.parse(word)
        except ValueError:  # pymorphy asks unicodedata for names some code points lack
            return word.lower()
        return str(parses[0].normal_form) if parses else word.lower()

    def _token(self, token: Any) -> Token:
        feats = tuple(sorted((token.feats or {}).items()))
        key = (token.text, token.pos, feats)
        lemma = self._lemma_cache.get(key)
        if lemma is None:
            try:
                token.lemmatize(self.morph_vocab)
                lemma = (token.lemma or token.text).lower()
            except ValueError:  # "𗀀": pymorphy's shape check needs a Unicode name
                lemma = token.text.lower()
            if len(self._lemma_cache) < 200_000:  # bounded: a corpus has a long tail of words
                self._lemma_cache[key] = lemma
        return Token(token.text, lemma, token.pos or "X", token.start, token.stop, feats)

    def _entity(self, span: Any) -> Entity:
        if span.type not in ("LOC", "PER"):
            # only places (gazetteer keys) and people (redaction) use the normal form, and
            # normalising costs a few milliseconds a document
            return Entity(span.type, span.start, span.stop, span.text, span.text)
        try:
            span.normalize(self.morph_vocab)
            normal = span.normal or span.text
        except Exception:  # natasha's normaliser fails on odd spans; the surface form will do
            normal = span.text
        return Entity(span.type, span.start, span.stop, span.text, normal)


def _lines(text: str, start: int, stop: int) -> list[tuple[int, int]]:
    out = []
    begin = start
    while begin < stop:
        end = text.find("\n", begin, stop)
        end = stop if end < 0 else end
        a, b = begin, end
        while a < b and text[a].isspace():
            a += 1
        while b > a and text[b - 1].isspace():
            b -= 1
        if b > a:
            out.append((a, b))
        begin = end + 1
    return out
