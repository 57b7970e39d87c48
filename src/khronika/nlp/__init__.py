"""Heavy language resources, built once per process and passed to the stages."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from khronika.model import Lang, Sentence, Token
from khronika.nlp.english import EnglishNLP
from khronika.nlp.russian import RussianNLP

_WORD = re.compile(r"\w+(?:[-'’]\w+)*|[^\w\s]")


@dataclass
class NLP:
    """Both languages' analysers. Building one costs about a second (natasha)."""

    russian: RussianNLP = field(default_factory=RussianNLP)
    english: EnglishNLP = field(default_factory=EnglishNLP)

    def analyze(self, text: str, lang: Lang) -> list[Sentence]:
        return (self.russian if lang == "ru" else self.english).analyze(text)

    def analyze_words(self, text: str, lang: Lang) -> list[Sentence]:
        """One sentence of word tokens with out-of-context lemmas: no tagger, no NER.

        For headlines, whose lemmas only serve the scope test: running the neural taggers on
        them would double natasha's calls per document.
        """
        tokens = []
        for m in _WORD.finditer(text):
            word = m.group()
            lemma = self.lemmatize(word, lang) if word[0].isalpha() else word
            tokens.append(Token(word, lemma, "X", m.start(), m.end()))
        if not tokens:
            return []
        return [Sentence(0, 0, len(text), text, tuple(tokens), ())]

    def lemmatize(self, word: str, lang: Lang) -> str:
        return (self.russian if lang == "ru" else self.english).lemmatize(word)


def build_nlp() -> NLP:
    return NLP()


__all__ = ["NLP", "build_nlp"]
