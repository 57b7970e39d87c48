"""English analysis: sentence splitting that knows news abbreviations, lemmas from simplemma,
and a capitalisation-based proper-name chunker standing in for NER (no English NER model
ships through the package registries without a hub download)."""

from __future__ import annotations

import re

from khronika.model import Entity, Sentence, Token
from khronika.nlp.bounds import bounded

# Abbreviations after which a period does not end a sentence in news text.
_ABBREVIATIONS = frozenset(
    """st mr mrs ms dr prof gen col lt sgt capt maj jan feb mar apr jun jul aug sep sept oct
    nov dec no vs etc approx dept govt inc ltd co corp jr sr mt ft e.g i.e u.s u.k""".split()
)
# "at 4 a.m. armed men": a clock time ends a sentence only before a word that opens one
_CLOCK = frozenset({"a.m", "p.m"})
_OPENERS = frozenset(
    """the a an he she they it we i you this that these those there his her their our its in
    on at by after before when while then but and according police officers""".split()
)
_TOKEN = re.compile(r"\d+(?:[.,\s]\d{3})*(?:[.,]\d+)?|[A-Za-z]+(?:['’][A-Za-z]+)*|[^\sA-Za-z\d]")
_BRITISH_LL = re.compile(r"ll(ed|ing)$")
_SENT_END = re.compile(r"[.!?]+[\"”’»)]*\s+|\n\s*")


class EnglishNLP:
    def __init__(self) -> None:
        import simplemma

        self._simplemma = simplemma
        self._cache: dict[str, str] = {}

    def analyze(self, text: str) -> list[Sentence]:
        sentences: list[Sentence] = []
        for start, stop in _split_sentences(text):
            tokens = tuple(self._tokens(text, start, stop))
            entities = tuple(_proper_names(text, tokens))
            sentences.append(
                Sentence(len(sentences), start, stop, text[start:stop], tokens, entities)
            )
        return sentences

    def lemmatize(self, word: str) -> str:
        low = word.lower()
        lemma = self._cache.get(low)
        if lemma is None:
            lemma = self._british(low, str(self._simplemma.lemmatize(low, lang="en")).lower())
            if len(self._cache) < 200_000:
                self._cache[low] = lemma
        return lemma

    def _british(self, low: str, lemma: str) -> str:
        """"cancelled", "labelled": the dictionary knows the American single "l" only and
        leaves "cancell"; taken when the single-l form gives exactly that stem."""
        if not (lemma.endswith("ll") and _BRITISH_LL.search(low)):
            return lemma
        american = str(self._simplemma.lemmatize(_BRITISH_LL.sub(r"l\1", low), lang="en"))
        return american.lower() if american.lower() == lemma[:-1] else lemma

    def _tokens(self, text: str, start: int, stop: int) -> list[Token]:
        out = []
        for m in _TOKEN.finditer(text, start, stop):
            word = m.group()
            if word[0].isdigit():
                pos = "NUM"
            elif word[0].isalpha():
                pos = "PROPN" if word[0].isupper() else "X"
            else:
                pos = "PUNCT"
            lemma = self.lemmatize(word) if word[0].isalpha() else word
            out.append(Token(word, lemma, pos, m.start(), m.end()))
        return out


def _split_sentences(text: str) -> list[tuple[int, int]]:
    spans: list[tuple[int, int]] = []
    begin = 0
    for m in _SENT_END.finditer(text):
        end = m.end()
        chunk = text[begin : m.start()].rstrip()
        last = re.search(r"([A-Za-z.]+)\.*$", chunk)
        if m.group().strip().startswith(".") and last:
            word = last.group(1).lower().rstrip(".")
            # "St. Petersburg", "Dec. 31", "U.S. officials", single initials "J. Smith"
            if word in _ABBREVIATIONS or len(word) == 1:
                continue
            if word in _CLOCK and _next_word(text, end).lower() not in _OPENERS:
                continue
        _append(text, begin, end, spans)
        begin = end
    _append(text, begin, len(text), spans)
    return spans


def _next_word(text: str, at: int) -> str:
    m = re.match(r"[A-Za-z]+", text[at : at + 40])
    return m.group() if m else ""


def _append(text: str, begin: int, end: int, spans: list[tuple[int, int]]) -> None:
    while begin < end and text[begin].isspace():
        begin += 1
    while end > begin and text[end - 1].isspace():
        end -= 1
    if end > begin:
        spans.extend(bounded(text, begin, end))


_NAME_LINKS = frozenset({"of", "de", "the", "al", "von", "van"})


def _proper_names(text: str, tokens: tuple[Token, ...]) -> list[Entity]:
    """Runs of capitalised words; the first word of a sentence only with a capitalised
    neighbour, since sentence-initial capitals say nothing."""
    found: list[Entity] = []
    i = 0
    while i < len(tokens):
        if tokens[i].text[:1].isupper() and tokens[i].text.isalpha():
            j = i + 1
            while j < len(tokens) and (
                (tokens[j].text[:1].isupper() and tokens[j].text.isalpha())
                or (
                    tokens[j].text.lower() in _NAME_LINKS
                    and j + 1 < len(tokens)
                    and tokens[j + 1].text[:1].isupper()
                )
            ):
                j += 1
            if i > 0 or j - i > 1:
                start, stop = tokens[i].start, tokens[j - 1].stop
                found.append(Entity("NAME", start, stop, text[start:stop], text[start:stop]))
            i = j
        else:
            i += 1
    return found
