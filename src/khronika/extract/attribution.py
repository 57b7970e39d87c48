"""Who the text credits for a sentence, and how sure it says it is.

``find_credit`` reads the source chain a sentence names ("reports local outlet Fontanka",
"сообщила «Фонтанка» со ссылкой на источники", "according to Novaya Gazeta Europe", "a lawyer
told The Moscow Times"), nearest source first. A credit made only of a back-reference ("the
channel said", "по его словам", "по данным издания") is marked ``generic`` so the caller can
carry the story's last named source. ``find_cues`` reads hedges, non-confirmation and denials.

Where a sentence names its sources is read by ``credits_ru`` and ``credits_en``; how a token
range becomes a name, by ``credit_names``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from khronika.extract.credit_names import (
    EN_RECORDS,
    credited_name,
    en_noun_phrase,
    en_titled,
    is_generic,
)
from khronika.extract.credit_words import EN_DETERMINERS, EN_SPEECH, POSSESSIVE, RU_SPEECH
from khronika.extract.credits_en import en_credits
from khronika.extract.credits_ru import ru_credits
from khronika.extract.nominative import nominative
from khronika.model import Lang, Sentence, Span, Token

COMPONENT = "khronika.attribution.v1"

_TO_US = frozenset("мы я".split())  # "нам пишут", "мне рассказали": an unnamed source
_HEDGE_RU = frozenset("якобы предположительно вероятно утверждаться".split())
_HEDGE_EN = frozenset("reportedly allegedly apparently purportedly supposedly".split())
_DENY_RU = frozenset("опровергнуть опровергать отрицать".split())
_DENY_EN = frozenset("deny denial refute reject dismiss".split())
_CONFIRM_RU = frozenset("подтвердить подтверждать проверить верифицировать".split())
_CONFIRM_EN = frozenset("confirm verify corroborate".split())
_UNCONFIRMED_EN = re.compile(
    r"\b(unconfirmed|unverified|not (been )?(independently )?"
    r"(confirmed|verified)|could not (be )?(independently )?"
    r"(confirm|verif))",
    re.I,
)

# "by his account", "it was reported that", ", she says,": the sentence retells someone's words
_REPORTED_EN = re.compile(
    r"\b(?:by (?:his|her|their) (?:own )?account|according to (?:him|her|them)\b"
    r"|it (?:was|has been|had been) reported"
    r"|(?:he|she|they) (?:says|said|told [a-z ]{0,20}),|\bsays (?:he|she|they)\b)",
    re.I,
)
# a sentence that opens with a quotation (optionally after a live-blog time stamp) is
# somebody's words, not the outlet's own statement
_QUOTED_OPEN = re.compile(r"^\s*(?:\[\d{1,2}:\d{2}\]\s*)?[«“\"„]")


@dataclass(frozen=True, slots=True)
class Credit:
    sources: tuple[str, ...]
    generic: bool
    span: Span
    # "he says", "по её словам": one person the story named before speaks, not the outlet
    personal: bool = False
    # each source's own words: a figure between two credits ("по сообщениям паблика, …
    # троих, по словам соседей, увезли") is no part of either
    parts: tuple[Span, ...] = ()
    anchors: tuple[int, ...] = ()  # where each source is named, in ``sources`` order

    def covers(self, start: int, stop: int) -> bool:
        return any(p.start <= start and stop <= p.stop for p in self.parts or (self.span,))

    def of_clause(self, text: str, offset: int, at: int) -> tuple[str, ...]:
        """The sources named in the clause (between semicolons) around ``at``: "Relatives
        told journalists that …; the court's press service said it knew nothing" credits
        the first clause's claim to the relatives alone. All of them when that clause
        names none."""
        if len(self.sources) < 2 or len(self.anchors) != len(self.sources):
            return self.sources
        cuts = [offset + m.start() for m in re.finditer(";", text)]
        lo = max((c for c in cuts if c < at), default=-1)
        hi = min((c for c in cuts if c > at), default=offset + len(text) + 1)
        own = tuple(n for n, a in zip(self.sources, self.anchors, strict=True) if lo < a < hi)
        return own or self.sources


@dataclass(frozen=True, slots=True)
class Cues:
    hedged: bool = False
    unconfirmed: bool = False
    disputed: bool = False
    # False when the denial or non-confirmation answers a claim made earlier in its own
    # sentence ("lawyers said …; police denied the allegation"), so it covers no other one
    covers_previous: bool = True


def find_credit(sentence: Sentence, lang: Lang) -> Credit | None:
    toks = sentence.tokens
    if not toks:
        return None
    lemmas = [t.lemma.lower() for t in toks]
    found: list[tuple[int, int]] = []  # token ranges of sources, in reading order of priority
    cited: list[tuple[int, int]] = []
    if lang == "ru":
        ru_credits(toks, lemmas, found, cited)
    else:
        en_credits(toks, lemmas, found, cited)
    if not found and not cited:
        return None
    ranges = found + cited
    if lang == "ru" and found and _ru_pronoun_only(toks, found[0]):
        # "по его словам", "по её данным": the person the story named, whoever it was
        a, b = found[0]
        span = Span(toks[a].start, toks[b - 1].stop, sentence.text[
            toks[a].start - sentence.start : toks[b - 1].stop - sentence.start])
        # no name of its own: the story's source, or none when the story has named none
        return Credit((), True, span, personal=toks[a].text.lower() in _RU_PERSONAL)
    named = [(credited_name(sentence, a, b), toks[a].start) for a, b in ranges]
    if lang == "ru":
        # "в пресс-службе УМВД" → "пресс-служба УМВД"; a relative clause or a negation swept
        # up after a verb is no name: "продавцы, которые нам написали", "просили не выходить"
        named = [(nominative(n), at) for n, at in named if n]
        named = [(n, at) for n, at in named if not _RU_CLAUSE_WORDS & set(n.lower().split())]
    else:  # a credit swept up with a clause keeps the name before it
        named = [(en_titled(en_noun_phrase(n)), at) for n, at in named if n]
    generic = bool(ranges) and all(is_generic(toks, a, b, lang) for a, b in found[:1])
    named = [(n, at) for n, at in named if n]
    if lang == "en" and named and named[0][0].lower() in _EN_PRONOUNS:
        # "He told the court …", "there, he says, an officer told him …": the speaker is a
        # person the story named before; what follows is the account, not another credit
        named, generic = named[:1], True
    elif lang == "en":
        named = [(n, at) for n, at in named if n.lower() not in _EN_PRONOUNS]
    if not named:
        return None
    first = dict(reversed(named))  # each name at its first place
    names = list(dict.fromkeys(n for n, _ in named))
    start = min(toks[a].start for a, _ in ranges)
    stop = max(toks[b - 1].stop for _, b in ranges)
    text = sentence.text[start - sentence.start : stop - sentence.start]
    personal = generic and (
        names[0].lower() in _PERSONAL
        # "according to his testimony", "by her account": the person's own words
        or (lang == "en" and toks[found[0][0]].text.lower() in ("his", "her")
            and names[0].split()[-1].lower() in EN_RECORDS)
    ) if found else False
    parts = tuple(Span(toks[a].start, toks[b - 1].stop, "") for a, b in ranges)
    return Credit(tuple(names), generic, Span(start, stop, text), personal, parts,
                  tuple(first[n] for n in names))


_RU_PERSONAL = frozenset("он она его её ее".split())
_PERSONAL = frozenset("he she him her his он она".split())


def _ru_pronoun_only(toks: tuple[Token, ...], rng: tuple[int, int]) -> bool:
    a, b = rng
    return b - a == 1 and toks[a].text.lower() in ("он", "она", "они", "его", "её", "ее", "их")


_RU_CLAUSE_WORDS = frozenset("который которая которое которые которых которым не".split())


def find_cues(sentence: Sentence, lang: Lang) -> Cues:
    lemmas = [t.lemma.lower() for t in sentence.tokens]
    lset = set(lemmas)
    if lang == "ru":
        hedged = (
            bool(lset & _HEDGE_RU)
            or _by_account_ru(lemmas)
            or _has_seq(lemmas, ("стать", "известный"))
            or _impersonal_speech(sentence.tokens, lemmas)
            or any(
                lemmas[k] in _TO_US and lemmas[k + 1] in RU_SPEECH
                for k in range(len(lemmas) - 1)
            )
        )
        disputed = bool(lset & _DENY_RU)
        unconfirmed = False
        for i, lem in enumerate(lemmas):
            if lem in _CONFIRM_RU:
                near = lemmas[max(0, i - 3) : i + 7]
                if "не" in near or "нельзя" in near:
                    unconfirmed = True
    else:
        hedged = (
            bool(lset & _HEDGE_EN)
            or "said to" in sentence.text
            or bool(_REPORTED_EN.search(sentence.text))
        )
        disputed = bool(lset & _DENY_EN)
        unconfirmed = bool(_UNCONFIRMED_EN.search(sentence.text))
    hedged = hedged or _QUOTED_OPEN.match(sentence.text) is not None
    return Cues(hedged, unconfirmed, disputed, _covers_previous(sentence, lemmas, lang))


def _impersonal_speech(toks: tuple[Token, ...], lemmas: list[str]) -> bool:
    """A sentence opening with a plural speech verb and no subject: "Пишут, что …"."""
    if not toks or lemmas[0] not in RU_SPEECH:
        return False
    word = toks[0].text.lower()
    return word.endswith(("ут", "ют", "ат", "ят")) and len(toks) > 1 and toks[1].text == ","


def _by_account_ru(lemmas: list[str]) -> bool:
    """"по данным", "по словам", also with a possessive between: "по его словам"."""
    for k, lem in enumerate(lemmas[:-1]):
        if lem != "по":
            continue
        nxt = lemmas[k + 1]
        if nxt in POSSESSIVE and k + 2 < len(lemmas):
            nxt = lemmas[k + 2]
        if nxt in ("данные", "слово"):
            return True
    return False


def _covers_previous(sentence: Sentence, lemmas: list[str], lang: Lang) -> bool:
    deny, confirm = (_DENY_RU, _CONFIRM_RU) if lang == "ru" else (_DENY_EN, _CONFIRM_EN)
    speech = RU_SPEECH if lang == "ru" else EN_SPEECH
    toks = sentence.tokens
    cue = next((i for i, lem in enumerate(lemmas) if lem in deny or lem in confirm), None)
    if cue is None:
        return True
    for k in range(cue):
        if lemmas[k] not in speech:
            continue
        # English tokens carry no reliable part of speech: "these reports" is a noun
        if lang == "ru" and toks[k].pos not in ("VERB", "AUX"):
            continue
        if lang == "en" and k > 0 and lemmas[k - 1] in EN_DETERMINERS:
            continue
        if any(t.text in _CLAUSE_BREAKS or t.lemma.lower() in _CLAUSE_BREAKS
               for t in toks[k + 1 : cue]):
            return False  # "lawyers said …; police denied it": the denial answers this clause
    return True


_CLAUSE_BREAKS = frozenset(";  — – but while а но однако".split())

_EN_PRONOUNS = frozenset("he she him her they them it i we you".split())


def _has_seq(lemmas: list[str], seq: tuple[str, ...]) -> bool:
    k = len(seq)
    return any(tuple(lemmas[i : i + k]) == seq for i in range(len(lemmas) - k + 1))
