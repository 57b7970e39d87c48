"""Russian analysis through natasha's models: sentences, tokens with lemmas and UD features,
NER spans.

natasha takes about a second to load its embeddings and taggers, so one ``RussianNLP`` is
built per process (per Dask worker) and passed to the stages; natasha types never leave
this module.

The taggers are slovnet CNNs run in numpy. natasha's ``Doc`` feeds them one document at a
time (the morphology tagger eight sentences at once, padded to the longest; NER the whole
text, tokenised a second time). ``analyze_many`` gives the same models every sentence of many
documents sorted by length, so a batch carries little padding, and the document's own tokens
for NER, and ``taggers.Tagger`` reads their first layer from a per-word table: on 1 KB news
the analysis costs about a third of natasha's (bench/bench_pipeline.py). The models
zero padded positions after every layer and their padding embeddings are zero, so a
sentence's tags do not depend on its batch neighbours: one document analysed alone or among
a thousand gets the same tags (tests/test_nlp_batching.py).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from khronika.model import Entity, Sentence, Token
from khronika.nlp.bounds import bounded
from khronika.nlp.taggers import Tagger
from khronika.nlp.tokens import Tokenizer

Feats = tuple[tuple[str, str], ...]

@dataclass(slots=True)
class _Word:
    """A token as natasha's normaliser reads it (text, offsets, tag)."""

    text: str
    start: int
    stop: int
    pos: str = "X"
    feats: dict[str, str] = field(default_factory=dict)
    tag: Feats = ()  # the feats sorted, as ``Token`` keeps them


@dataclass(slots=True)
class Segmented:
    """A text cut into razdel's tokens and sentences, before tagging: what the screening and
    the taggers share, so a document is tokenised once."""

    text: str
    words: list[_Word]
    sentences: list[tuple[int, int, int, int]]  # start, stop, first word, word after last


class RussianNLP:
    def __init__(self) -> None:
        from natasha import MorphVocab, NewsEmbedding, NewsMorphTagger, NewsNERTagger

        self.morph_vocab = MorphVocab()
        embedding = NewsEmbedding()
        self._morph = NewsMorphTagger(embedding).infer
        self._ner = NewsNERTagger(embedding).infer
        self._morph_tagger = Tagger(self._morph)
        self._ner_tagger = Tagger(self._ner, crf=True)
        self._tokenizer = Tokenizer()
        self._morph_tags: dict[int, tuple[str, dict[str, str], Feats]] = {}
        # a span's words → normal form: repeats across a corpus, costs a call chain each time
        self._normal_cache: dict[tuple[str, tuple[tuple[str, Feats], ...]], str] = {}
        self._lemma_cache: dict[tuple[str, str, Feats], str] = {}
        self._forms_cache: dict[str, frozenset[str]] = {}

    def analyze(self, text: str) -> list[Sentence]:
        return self.analyze_many([text])[0]

    def segment(self, text: str) -> Segmented:
        return _segment(text, self._tokenizer)

    def analyze_many(self, texts: Sequence[str | Segmented]) -> list[list[Sentence]]:
        """``analyze`` of every text, with the taggers batched over all of them."""
        parsed = [t if isinstance(t, Segmented) else self.segment(t) for t in texts]
        sentence_words = [
            doc.words[first:last] for doc in parsed for _, _, first, last in doc.sentences
        ]
        morph = self._morph_tagger.tag([[w.text for w in words] for words in sentence_words])
        for words, tags in zip(sentence_words, morph, strict=True):
            for word, tag in zip(words, tags, strict=True):
                word.pos, word.feats, word.tag = self._morph_tag(int(tag))
        spans = self._ner_tagger.tag([[w.text for w in doc.words] for doc in parsed])
        return [self._sentences(doc, tags) for doc, tags in zip(parsed, spans, strict=True)]

    def _morph_tag(self, tag_id: int) -> tuple[str, dict[str, str], Feats]:
        found = self._morph_tags.get(tag_id)
        if found is None:
            tag = self._morph.decoder.tags_vocab.decode(tag_id)
            pos, _, rest = tag.partition("|")
            feats = dict(part.split("=", 1) for part in rest.split("|")) if rest else {}
            found = self._morph_tags[tag_id] = (pos, feats, tuple(sorted(feats.items())))
        return found

    def _sentences(self, doc: Segmented, ner_tags: Sequence[int]) -> list[Sentence]:
        text = doc.text
        decode = self._ner.decoder.tags_vocab.decode
        entities = [
            self._entity(kind, doc.words[a:b], text)
            for kind, a, b in _bio_spans([decode(int(t)) for t in ner_tags])
        ]
        tokens = [self._token(w) for w in doc.words]
        sentences: list[Sentence] = []
        for start, stop, first, last in doc.sentences:
            inside_sentence = tokens[first:last]
            # razdel keeps a headline and the next paragraph together; a line break ends both
            for a, b in _lines(text, start, stop):
                inside = tuple(t for t in inside_sentence if a <= t.start and t.stop <= b)
                if not inside:
                    continue
                ents = tuple(e for e in entities if a <= e.start and e.stop <= b)
                sentences.append(Sentence(len(sentences), a, b, text[a:b], inside, ents))
        return sentences

    def possible_lemmas(self, text: str | Segmented) -> set[str]:
        """Every dictionary form any word of ``text`` may have, whatever its parse, without the
        neural taggers: a superset of the lemmas ``analyze`` would give, for cheap screening."""
        segmented = text if isinstance(text, Segmented) else self.segment(text)
        found: set[str] = set()
        for token in segmented.words:
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

    def _token(self, word: _Word) -> Token:
        feats = word.tag
        key = (word.text, word.pos, feats)
        lemma = self._lemma_cache.get(key)
        if lemma is None:
            try:
                lemma = self.morph_vocab.lemmatize(word.text, word.pos, word.feats).lower()
            except ValueError:  # "𗀀": pymorphy's shape check needs a Unicode name
                lemma = word.text.lower()
            if len(self._lemma_cache) < 200_000:  # bounded: a corpus has a long tail of words
                self._lemma_cache[key] = lemma
        return Token(word.text, lemma, word.pos or "X", word.start, word.stop, feats)

    def _entity(self, kind: str, words: list[_Word], text: str) -> Entity:
        start, stop = words[0].start, words[-1].stop
        surface = text[start:stop]
        if kind not in ("LOC", "PER"):
            # only places (gazetteer keys) and people (redaction) use the normal form, and
            # normalising costs a few milliseconds a document
            return Entity(kind, start, stop, surface, surface)
        from natasha.norm import normalize

        # the surface carries the words and the gaps between them, which normalize keeps
        key = (surface, tuple((w.pos, w.tag) for w in words))
        normal = self._normal_cache.get(key)
        if normal is None:
            try:
                normal = normalize(self.morph_vocab, words) or surface
            except Exception:  # natasha's normaliser fails on odd spans; the surface will do
                normal = surface
            if len(self._normal_cache) < 100_000:
                self._normal_cache[key] = normal
        return Entity(kind, start, stop, surface, normal)


def _segment(text: str, tokenizer: Tokenizer) -> Segmented:
    from razdel import sentenize

    words = [_Word(text[a:b], a, b) for a, b in tokenizer.spans(text)]
    sentences: list[tuple[int, int, int, int]] = []
    if text:  # razdel gives an empty sentence for an empty text
        k = 0
        for sent in sentenize(text):
            for start, stop in bounded(text, sent.start, sent.stop):
                while k < len(words) and words[k].stop <= start:
                    k += 1
                first = k
                while k < len(words) and words[k].stop <= stop:
                    k += 1
                sentences.append((start, stop, first, k))
    return Segmented(text, words, sentences)


def _bio_spans(tags: Sequence[str]) -> list[tuple[str, int, int]]:
    """(type, first word, word after last) of each span, read as slovnet's ``bio_spans``: an
    I- tag with no open span is ignored, an I- of another type extends the open span."""
    out: list[tuple[str, int, int]] = []
    kind: str | None = None
    first = 0
    for k, tag in enumerate(tags):
        part, _, type_ = tag.partition("-")
        if part == "B":
            if kind is not None:
                out.append((kind, first, k))
            kind, first = type_, k
        elif part != "I" and kind is not None:
            out.append((kind, first, k))
            kind = None
    if kind is not None:
        out.append((kind, first, len(tags)))
    return out


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
