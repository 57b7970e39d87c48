"""Codebooks as data: event rules, scope lexicons, actor and target lexicons.

The default codebook ships as ``default.toml``; ``load_codebook(path)`` reads another one with
the same layout. Entries are written as dictionary forms; ``compile_codebook`` lemmatises
them with the same analyser the text goes through, so "enlistment offices" and "учёт" match
whatever lemmas the tokens get.
"""

from __future__ import annotations

import tomllib
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any, TypeVar, cast

from khronika.errors import ConfigError
from khronika.model import ACTORS, EVENT_TYPES, TARGETS, Actor, EventType, Lang, Target

V = TypeVar("V")
Phrase = tuple[str, ...]  # lemmas of consecutive tokens; a last item ending in "*" is a prefix


@dataclass(frozen=True, slots=True)
class Rule:
    event: EventType
    lang: Lang
    groups: tuple[tuple[Phrase, ...], ...]
    window: int
    none: tuple[Phrase, ...] = ()


@dataclass(frozen=True, slots=True)
class LangLexicon:
    domain: tuple[Phrase, ...]
    out: tuple[Phrase, ...]
    modal: tuple[Phrase, ...]
    negation: tuple[Phrase, ...]
    reference: tuple[Phrase, ...]
    actors: tuple[tuple[Phrase, Actor], ...]
    targets: tuple[tuple[Phrase, Target], ...]

    actor_phrases: PhraseSet | None = None
    target_phrases: PhraseSet | None = None
    # Words that place a story in Russia or among its migrants; when a language has any, a
    # document naming none of them is about somewhere else and holds no claim.
    anchor: tuple[Phrase, ...] = ()
    # Words that make a sentence tell what happens as a rule, not an event: "регулярно"
    habitual: tuple[Phrase, ...] = ()

    def actors_in(self, lemmas: list[str]) -> tuple[Actor, ...]:
        return _values_in(lemmas, self.actors, self.actor_phrases)

    def targets_in(self, lemmas: list[str]) -> tuple[Target, ...]:
        return _values_in(lemmas, self.targets, self.target_phrases)


def _values_in(
    lemmas: list[str], lexicon: tuple[tuple[Phrase, V], ...], phrases: PhraseSet | None
) -> tuple[V, ...]:
    """Values of the lexicon's phrases found in ``lemmas``, in lexicon order, once each."""
    value_of = dict(lexicon)
    if phrases is None:
        phrases = PhraseSet(p for p, _ in lexicon)
    hits = {phrase for i, lemma in enumerate(lemmas) for phrase in phrases.candidates(lemma)
            if match_phrase(lemmas, i, phrase)}
    out: list[V] = []
    for phrase, value in lexicon:
        if phrase in hits and value_of[phrase] not in out:
            out.append(value)
    return tuple(out)


@dataclass(frozen=True, slots=True)
class Codebook:
    name: str
    version: str
    rules: tuple[Rule, ...]
    lexicons: Mapping[Lang, LangLexicon]

    def rules_for(self, lang: Lang) -> tuple[Rule, ...]:
        return tuple(r for r in self.rules if r.lang == lang)

    def could_trigger(self, words: set[str], lang: Lang) -> bool:
        """False when no rule's trigger word is among ``words`` (lemmas, any parse): such a
        text can hold no claim, whatever the taggers would say about it."""
        for rule in self.rules_for(lang):
            head = rule.groups[0]
            if isinstance(head, PhraseSet):
                if head.could_match(words):
                    return True
            elif any(p and p[0] in words for p in head):
                return True
        return False


def read_codebook(path: Path | None = None) -> dict[str, Any]:
    """The raw TOML of a codebook file (the default one when ``path`` is None)."""
    try:
        if path is None:
            data = resources.files("khronika.codebook").joinpath("default.toml").read_bytes()
            return tomllib.loads(data.decode("utf-8"))
        return parse_codebook(Path(path).read_text("utf-8"), str(path))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise ConfigError(f"{path or 'default codebook'}: cannot read codebook: {exc}") from exc


def parse_codebook(text: str, name: str) -> dict[str, Any]:
    """The raw TOML of a codebook's text; ``name`` says where it came from in errors."""
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{name}: cannot read codebook: {exc}") from exc


def compile_codebook(raw: Mapping[str, Any], lemmatize: Callable[[str, Lang], str]) -> Codebook:
    """Validate a raw codebook and lemmatise its entries for matching."""

    def split(text: str, lang: Lang) -> list[str]:
        # the English tokeniser cuts "call-up" into "call", "-", "up"; razdel keeps "из-за"
        return (text.replace("-", " - ") if lang == "en" else text).split()

    def phrase(text: str, lang: Lang) -> Phrase:
        words = split(text.lower().replace("ё", "е"), lang)
        out = []
        for w in words:
            if w.endswith("*"):
                out.append(w)
            else:
                out.append(normalize(lemmatize(w, lang)))
        return tuple(out)

    def variants(text: str, lang: Lang) -> tuple[Phrase, ...]:
        # as written and lemmatised: "summons" is a lemma the lemmatiser itself would cut
        raw = tuple(normalize(w) for w in split(text, lang))
        lem = phrase(text, lang)
        return (raw,) if raw == lem else (raw, lem)

    rules = []
    for i, r in enumerate(raw.get("rule", [])):
        event, lang = r.get("event"), r.get("lang")
        if event not in EVENT_TYPES or lang not in ("ru", "en"):
            raise ConfigError(f"codebook rule {i + 1}: unknown event {event!r} or lang {lang!r}")
        groups = tuple(
            PhraseSet(v for e in group for v in variants(e, lang)) for group in r["all"]
        )
        none = PhraseSet(phrase(e, lang) for e in r.get("none", []))
        rules.append(Rule(event, lang, groups, int(r.get("window", 6)), none))

    lexicons: dict[Lang, LangLexicon] = {}
    scope = raw.get("scope", {})
    for lang in ("ru", "en"):
        lang = cast(Lang, lang)

        def words(key: str, lang: Lang = lang) -> tuple[Phrase, ...]:
            return PhraseSet(v for e in scope.get(f"{lang}_{key}", []) for v in variants(e, lang))

        actors = []
        for text, value in raw.get("actors", {}).get(lang, {}).items():
            if value not in ACTORS:
                raise ConfigError(f"codebook actors.{lang}: unknown actor {value!r}")
            actors.append((phrase(text, lang), cast(Actor, value)))
        targets = []
        for text, value in raw.get("targets", {}).get(lang, {}).items():
            if value not in TARGETS:
                raise ConfigError(f"codebook targets.{lang}: unknown target {value!r}")
            targets.append((phrase(text, lang), cast(Target, value)))
        lexicons[lang] = LangLexicon(
            domain=words("domain"),
            out=words("out"),
            modal=words("modal"),
            negation=words("negation"),
            reference=words("reference"),
            actors=tuple(actors),
            targets=tuple(targets),
            actor_phrases=PhraseSet(p for p, _ in actors),
            target_phrases=PhraseSet(p for p, _ in targets),
            anchor=words("anchor"),
            habitual=words("habitual"),
        )
    return Codebook(
        str(raw.get("name", "custom")), str(raw.get("version", "0")), tuple(rules), lexicons
    )


def normalize(word: str) -> str:
    return word.lower().replace("ё", "е")


# "locked him up", "took them in", "led them away": an English phrasal verb holds its
# pronoun object between verb and particle
_PARTICLES = frozenset("up in away out off down".split())
_OBJECT_PRONOUNS = frozenset("he her they i we it".split())


def match_phrase(lemmas: list[str], i: int, phrase: Phrase) -> bool:
    """Does ``phrase`` start at token ``i``?"""
    if (
        len(phrase) == 2
        and phrase[1] in _PARTICLES
        and i + 2 < len(lemmas)
        and lemmas[i] == phrase[0]
        and lemmas[i + 1] in _OBJECT_PRONOUNS
        and lemmas[i + 2] == phrase[1]
    ):
        return True
    if i + len(phrase) > len(lemmas):
        return False
    for k, word in enumerate(phrase):
        lemma = lemmas[i + k]
        if word.endswith("*"):
            if not lemma.startswith(word[:-1]):
                return False
        elif lemma != word:
            return False
    return True


class PhraseSet(tuple[Phrase, ...]):
    """A tuple of phrases indexed by first word, so matching costs a dict lookup per token
    instead of a comparison per phrase (the profile of a run: 56% in phrase matching)."""

    _by_first: dict[str, tuple[Phrase, ...]]
    _prefixed: tuple[Phrase, ...]

    def __new__(cls, phrases: Iterable[Phrase]) -> PhraseSet:
        self = super().__new__(cls, tuple(dict.fromkeys(phrases)))
        by_first: dict[str, list[Phrase]] = {}
        prefixed = []
        for p in self:
            if p and p[0].endswith("*"):
                prefixed.append(p)
            elif p:
                by_first.setdefault(p[0], []).append(p)
        self._by_first = {k: tuple(v) for k, v in by_first.items()}
        self._prefixed = tuple(prefixed)
        return self

    def could_match(self, words: set[str]) -> bool:
        """False when no phrase can start at any of ``words``: skip the whole scan."""
        return bool(self._prefixed) or not words.isdisjoint(self._by_first)

    def candidates(self, word: str) -> tuple[Phrase, ...]:
        found = self._by_first.get(word, ())
        if self._prefixed:
            found = found + tuple(p for p in self._prefixed if word.startswith(p[0][:-1]))
        return found


def find_phrases(lemmas: list[str], phrases: tuple[Phrase, ...]) -> list[tuple[int, int]]:
    """Every (start, stop) token range where one of ``phrases`` matches."""
    found = []
    indexed = isinstance(phrases, PhraseSet)
    for i in range(len(lemmas)):
        for p in phrases.candidates(lemmas[i]) if indexed else phrases:  # type: ignore[attr-defined]
            if match_phrase(lemmas, i, p):
                found.append((i, i + len(p)))
    return found
