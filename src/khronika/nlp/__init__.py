"""Heavy language resources, built once per process and passed to the stages."""

from __future__ import annotations

from dataclasses import dataclass, field

from khronika.model import Lang, Sentence
from khronika.nlp.english import EnglishNLP
from khronika.nlp.russian import RussianNLP


@dataclass
class NLP:
    """Both languages' analysers. Building one costs about a second (natasha)."""

    russian: RussianNLP = field(default_factory=RussianNLP)
    english: EnglishNLP = field(default_factory=EnglishNLP)

    def analyze(self, text: str, lang: Lang) -> list[Sentence]:
        return (self.russian if lang == "ru" else self.english).analyze(text)

    def lemmatize(self, word: str, lang: Lang) -> str:
        return (self.russian if lang == "ru" else self.english).lemmatize(word)


def build_nlp() -> NLP:
    return NLP()


__all__ = ["NLP", "build_nlp"]
