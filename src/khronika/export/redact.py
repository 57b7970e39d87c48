"""Personal names out of exported text: private individuals become ``[person]``.

A name is found once per document and then removed wherever it recurs, in any inflected
form: natasha's PER spans give "Алишер Каримов", "брата Рустама Каримова", "Каримову"; a
later bare "Каримов" or "Karimov's" is caught because the document's names become stems
("Каримов", "Алишер", "Рустам") matched with up to three letters of ending.

English has no NER model that installs without a hub download, so a capitalised run is a
person when it starts with a known given name, follows a person word ("lawyer Dmitry
Vlasov", "Mr Smith") or is a two- or three-word name that says or tells something ("Dmitry
Vlasov said"). Outlets, organisations and, without such a cue, gazetteer places are kept.

Officials are kept only in the one case that can be told apart reliably: a title of public
office right before the name ("губернатор Александр Беглов", "Mayor Sergei Sobyanin"). Any
doubt redacts. The store keeps evidence intact; only exports go through here.
"""

from __future__ import annotations

import re
from collections import OrderedDict
from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any

from khronika.export.namewords import (
    GIVEN_NAMES,
    NOT_PERSONS,
    OFFICIAL_TITLES_EN,
    OFFICIAL_TITLES_RU,
    ORG_WORDS,
    PERSON_CUES,
)
from khronika.model import (
    Claim,
    Count,
    DateRange,
    Document,
    Entity,
    Evidence,
    Lang,
    Place,
    Sentence,
)

if TYPE_CHECKING:
    from khronika.geocode import Gazetteer
    from khronika.nlp import NLP

PLACEHOLDER = "[person]"

_WORD = re.compile(r"[^\W\d_][\w'’-]*")
_CYRILLIC = re.compile(r"[А-Яа-яЁё]")
_RUNS = re.compile(re.escape(PLACEHOLDER) + r"(?:[\s,]+" + re.escape(PLACEHOLDER) + r")+")
# Endings a Russian name takes in its cases ("Каримов|ым", "Алишер|а"): up to three letters.
_MAX_ENDING = 3
_SAYS = frozenset("said says told added wrote stated explained recalled claimed".split())
# Capitalised words that open English sentences and cannot be names.
_EN_OPENERS = frozenset(
    """the a an in on at of after before according when while during since police officers
    authorities he she they it this that these those his her their its but and or so then
    yesterday today earlier later last on""".split()
)


@dataclass(frozen=True, slots=True)
class Names:
    """The private people one document names, ready to blank out of any text; ``keep``
    matches officials' titled full names, which stay even where a private person shares
    one of their words."""

    pattern: re.Pattern[str] | None = None
    keep: re.Pattern[str] | None = None

    def apply(self, text: str) -> str:
        if self.pattern is None or not text:
            return text
        kept = [m.span() for m in self.keep.finditer(text)] if self.keep is not None else []

        def sub(m: re.Match[str]) -> str:
            # the pattern ignores case so that "КАРИМОВ" in a headline goes too; a lower-case
            # match is an ordinary word sharing a stem ("вера" the noun, not Вера)
            if not m.group()[0].isupper():
                return m.group()
            if any(a <= m.start() and m.end() <= b for a, b in kept):
                return m.group()
            return PLACEHOLDER

        return _RUNS.sub(PLACEHOLDER, self.pattern.sub(sub, text))

    def apply_memo(self, text: str, memo: dict[str, str]) -> str:
        """``apply`` remembering results in ``memo``: a document's claims repeat their
        place, date, credits and often their sentence. ``memo`` belongs to these names."""
        done = memo.get(text)
        if done is None:
            done = memo[text] = self.apply(text)
        return done


NO_NAMES = Names()


@dataclass(frozen=True, slots=True)
class _Mention:
    words: tuple[str, ...]  # as written, then the normal form's words when they differ
    official: bool
    written: int = 0  # how many of ``words`` are as written (0: all)


class Redactor:
    """Built once per export run: holds the NLP and remembers recent documents' names."""

    def __init__(
        self, nlp: NLP, *, gazetteer: Gazetteer | None = None, cache_size: int = 256
    ) -> None:
        self._nlp = nlp
        self._gazetteer = gazetteer
        self._cache: OrderedDict[str, Names] = OrderedDict()
        self._cache_size = cache_size

    # -- finding names -----------------------------------------------------------------------

    def names_in(self, text: str, lang: Lang) -> Names:
        """The private people ``text`` names (analysed as one document)."""
        if not text.strip():
            return NO_NAMES
        mentions: list[_Mention] = []
        for sentence in self._nlp.analyze(text, lang):
            if lang == "ru":
                mentions.extend(_russian(sentence))
            else:
                mentions.extend(self._english(sentence))
        return _decide(mentions)

    def for_document(self, doc: Document) -> Names:
        found = self._cache.get(doc.id)
        if found is not None:
            self._cache.move_to_end(doc.id)
            return found
        text = doc.text if not doc.title else doc.title + "\n" + doc.text
        found = self.names_in(text, doc.language)
        self._cache[doc.id] = found
        if len(self._cache) > self._cache_size:
            self._cache.popitem(last=False)
        return found

    def for_text(self, text: str) -> Names:
        """Names in a text with no document around it (language guessed from its script)."""
        return self.names_in(text, "ru" if _CYRILLIC.search(text) else "en")

    # -- applying them -------------------------------------------------------------------------

    def claim(self, claim: Claim, names: Names) -> Claim:
        """``claim`` with every text field redacted."""
        if names.pattern is None:
            return claim
        ev = claim.evidence
        loc = claim.location
        return replace(
            claim,
            evidence=Evidence(names.apply(ev.text), ev.start, ev.end),
            attribution=tuple(names.apply(a) for a in claim.attribution),
            location=_place(loc, names),
            date=_date(claim.date, names),
            count=_count(claim.count, names),
        )

    # -- languages -----------------------------------------------------------------------------

    def _english(self, sentence: Sentence) -> Iterator[_Mention]:
        tokens = sentence.tokens
        for ent in sentence.entities:
            run = [t for t in tokens if ent.start <= t.start and t.stop <= ent.stop]
            run = [t for t in run if t.text[:1].isupper()]
            cue = official = False
            # leading capitalised non-names: "Lawyer Dmitry Vlasov", "President Vladimir Putin"
            while run and run[0].text.lower() not in GIVEN_NAMES:
                low = run[0].text.lower().rstrip(".")
                if low in PERSON_CUES:
                    cue = True
                elif low in OFFICIAL_TITLES_EN or low == "prime":
                    official = True
                elif low not in _EN_OPENERS:
                    break
                run = run[1:]
            if not run:
                continue
            names = [t.text for t in run]
            if _not_person(names):
                continue
            before = _token_before(tokens, run[0].start)
            after = _token_after(tokens, run[-1].stop)
            if before is not None:
                low = before.lower().rstrip(".")
                cue = cue or low in PERSON_CUES
                official = official or low in OFFICIAL_TITLES_EN
            given = names[0].lower() in GIVEN_NAMES
            # Without a given name or a cue, only "Firstname Lastname said" opening a clause
            # is a person: "the rights group Pervyi Otdel said" names what "group" says it
            # is, and a three-word "Eyewitness Media Hub told" is an organisation's shape.
            says = (after is not None and after.lower() in _SAYS and len(names) == 2
                    and _opens_clause(before))
            if given or cue or says:
                if given or cue or not self._is_place(" ".join(names)):
                    yield _Mention(tuple(names), official)
            elif self._is_place(" ".join(names)) or (
                before is not None and self._is_place(f"{before.rstrip('.')} {names[0]}")
            ):
                # a place ("St. Petersburg", "Nizhny Novgorod") is kept like an official's
                # name, so a person's word that happens to be in it stays inside it
                yield _Mention(tuple(names), True)

    def _is_place(self, name: str) -> bool:
        return self._gazetteer is not None and self._gazetteer.lookup(name, "en") is not None


def _russian(sentence: Sentence) -> Iterator[_Mention]:
    for ent in sentence.entities:
        surface = _WORD.findall(ent.text)
        if ent.type in ("ORG", "LOC") and surface:
            # NER's organisations and places are kept like officials' names: a person's
            # word never blanks part of "Первый отдел" or "Санкт-Петербург"
            yield _Mention(tuple(surface), True)
            continue
        if ent.type != "PER":
            continue
        if not surface or _not_person(surface) or _not_a_name(sentence, ent):
            continue
        normal = _WORD.findall(ent.normal) if ent.normal else []
        written = [w for w in surface if len(w) >= 2 and w[0].isupper()]
        if written:
            official = _after_title(sentence.tokens, ent.start, OFFICIAL_TITLES_RU)
            extra = [w for w in normal if len(w) >= 2 and w[0].isupper() and w not in written]
            yield _Mention(tuple(written + extra), official, len(written))


def _opens_clause(before: str | None) -> bool:
    return before is None or not before[:1].isalnum() or before.lower() in ("and", "but")


def _not_a_name(sentence: Sentence, ent: Entity) -> bool:
    """A PER span that is not a personal name: one in quotation marks (names of projects,
    outlets and groups are quoted in Russian; people's names are not), or one holding a
    lower-case word other than a name particle ("Первый отдел")."""
    if any(w[0].islower() and w not in _NAME_PARTICLES for w in _WORD.findall(ent.text)):
        return True
    text = sentence.text
    at = ent.start - sentence.start
    if text[at : at + len(ent.text)] != ent.text:
        at = text.find(ent.text)
        if at < 0:
            return False
    before = text[:at].rstrip()[-1:]
    after = text[at + len(ent.text) :].lstrip()[:1]
    return bool(before) and before in _OPEN_QUOTES and bool(after) and after in _CLOSE_QUOTES


_OPEN_QUOTES = "«\"„“'"
_CLOSE_QUOTES = "»\"“”'"
_NAME_PARTICLES = frozenset({"оглы", "кызы", "угли", "ибн", "бин", "де", "фон", "ван"})


def _decide(mentions: list[_Mention]) -> Names:
    """Officials' titled mentions are kept, and so is a later mention made only of an
    official's words ("Беглов заявил"); every other person's words are redacted wherever
    they recur, which is what removes a later bare surname ("Vlasov added")."""
    official_keys = {_key(w) for m in mentions if m.official for w in m.words}
    private: set[str] = set()
    keep_phrases: list[tuple[str, ...]] = []
    for m in mentions:
        if m.official:
            written = m.words[: m.written or len(m.words)]
            if len(written) > 1:
                keep_phrases.append(written)
            continue
        keys = {_key(w) for w in m.words}
        if keys <= official_keys:
            continue
        for w in m.words:
            private.add(w)
            private.add(_russian_stem(w) if _CYRILLIC.match(w) else w)
    if not private:
        return NO_NAMES
    keep = None
    if keep_phrases:
        phrases = [r"\s+".join(_alternative(w) for w in words) for words in keep_phrases]
        keep = re.compile("|".join(phrases), re.IGNORECASE)
    alts = [_alternative(s) for s in sorted(private, key=len, reverse=True)]
    pattern = re.compile(r"(?<![\w-])(?:" + "|".join(alts) + r")(?![\w])", re.IGNORECASE)
    return Names(pattern, keep)


def _key(word: str) -> str:
    return _russian_stem(word).lower()


def _alternative(stem: str) -> str:
    ending = rf"[^\W\d_]{{0,{_MAX_ENDING}}}" if len(stem) >= 4 else ""
    return re.escape(stem) + ending


def _not_person(words: list[str]) -> bool:
    lows = [w.lower().strip("«»\"'") for w in words]
    if " ".join(lows) in NOT_PERSONS or any(w in NOT_PERSONS for w in lows):
        return True
    return any(w in ORG_WORDS for w in lows)


def _after_title(tokens: tuple[object, ...], start: int, titles: frozenset[str]) -> bool:
    """Whether a title of office stands before ``start`` with at most three words between
    (the office's own name: "глава МВД", "министр труда и соцзащиты") and no punctuation."""
    before = [t for t in tokens if getattr(t, "stop", 0) <= start]
    for steps, token in enumerate(reversed(before)):
        if steps > 3 or getattr(token, "pos", "") == "PUNCT":
            return False
        lemma = str(getattr(token, "lemma", "")).lower()
        if lemma in titles or str(getattr(token, "text", "")).lower() in titles:
            return True
    return False


def _token_before(tokens: tuple[object, ...], start: int) -> str | None:
    found = None
    for t in tokens:
        if getattr(t, "stop", 0) <= start:
            found = str(getattr(t, "text", ""))
    return found


def _token_after(tokens: tuple[object, ...], stop: int) -> str | None:
    for t in tokens:
        if getattr(t, "start", 0) >= stop:
            return str(getattr(t, "text", ""))
    return None


def _russian_stem(word: str) -> str:
    """"Каримова" → "Каримов", "Дмитрий" → "Дмитри", "Игорь" → "Игор": the part every case
    form starts with (a feminine surname's stem also catches the masculine, which is fine)."""
    if len(word) > 4 and word[-1].lower() in "аяьйоеыиую":
        return word[:-1]
    return word


def redact_fields(
    claim: dict[str, Any], names: Names, memo: dict[str, str] | None = None
) -> None:
    """``Redactor.claim`` for a claim in the store's JSON shape (``ExportRow.claim``), in
    place: evidence, attribution, and the location's, date's and count's text."""
    if names.pattern is None:
        return
    memo = {} if memo is None else memo
    evidence = claim["evidence"]
    evidence["text"] = names.apply_memo(evidence["text"], memo)
    if claim.get("attribution"):
        claim["attribution"] = [names.apply_memo(a, memo) for a in claim["attribution"]]
    for part in (claim["location"], claim["date"], claim.get("count")):
        if part is not None and part.get("text"):
            part["text"] = names.apply_memo(part["text"], memo)


def _place(p: Place, names: Names) -> Place:
    if not p.text:
        return p
    return replace(p, text=names.apply(p.text))


def _date(d: DateRange, names: Names) -> DateRange:
    return d if not d.text else replace(d, text=names.apply(d.text))


def _count(c: Count | None, names: Names) -> Count | None:
    return c if c is None or not c.text else replace(c, text=names.apply(c.text))


def redact_document_text(text: str, names: Names) -> str:
    return names.apply(text)


def redact_incident(data: dict[str, Any], names_for: Callable[[str], Names]) -> None:
    """An incident summary's dict (``IncidentSummary.as_dict``), in place: each account's
    evidence and credits, with the names of its own document."""
    for account in data.get("accounts") or ():
        names = names_for(account["doc_id"])
        if names.pattern is None:
            continue
        account["evidence"] = names.apply(account["evidence"])
        account["attribution"] = [names.apply(a) for a in account["attribution"]]
