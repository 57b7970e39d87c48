"""Toponym recognition and resolution: which places a sentence names, in text order.

Recognition is gazetteer matching over token n-grams, longest first, under three keys per
n-gram: the surface form, the token lemmas (natasha's, so "Нижнем Тагиле" → "нижний тагил")
and, for Russian, the lemma of a natasha LOC entity. A match is kept only when something
besides the gazetteer vouches for it, because thousands of tiny towns share a name with a
common word or a surname:

- NER said LOC (Russian), or the reading is a country/region/district, or a multiword name;
- or a locative preposition comes before it ("в", "под", "из", "in", "near", "from");
- or the reading is a city of 100,000 people or more and the word is not sentence-initial.

It is dropped when it is part of a person's name (PER entity, "Vasily Zhukovsky"), a street
("улица Жуковского", "Zhukovsky Street"), a quoted name («Москва» is a shopping centre), or a
title ("The Moscow Times", "Эхо Москвы").

Resolution prefers, among the readings of a name, one inside a region the same sentence
names, then countries over regions over towns, then Russia and its neighbours, then
population. A town next to the region or country that contains it is one place ("в Камышине
Волгоградской области" → Kamyshin, with the whole phrase as its span); a city district next
to its city is the city.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from khronika.geocode.adjectives import names_a_thing, town_of_adjective
from khronika.geocode.gazetteer import Entry, Gazetteer, nominative_guesses
from khronika.geocode.names import is_cyrillic, name_key
from khronika.geocode.outlets import OutletHomes
from khronika.geocode.resolve import resolve_document
from khronika.geocode.vetoes import Candidate, plausible
from khronika.model import Lang, Place, Sentence, Span, Token
from khronika.nlp import NLP

_MAX_TOKENS = 8  # "Republic of North Ossetia - Alania" is seven tokens

# Region nouns a list of adjectives can share: "в Курской и Белгородской областях".
_REGION_NOUNS = frozenset("область край округ республика".split())
_LIST_GLUE = frozenset({",", "и", "или", "а", "также"})
# pymorphy grammemes of proper names: a word with only such readings is no common word
_NAME_GRAMMEMES = frozenset({"Geox", "Name", "Surn", "Patr", "Orgn", "Trad", "Abbr"})

_LINKS = frozenset("на под в de on upon of the am".split())  # Ростов-на-Дону, Rostov-on-Don
# Function words that some GeoNames alternate spells like a town ("The" for Teresina).
_STOPWORDS = frozenset(
    """the no a an in on at it is as and or but to of by he she we they this that these those
    his her its our their not yes if so all one two for with after before during since when
    while where who what which there here some many said says was were has have had will
    и в во на не но а что как это он она они мы все его ее их там тут где когда""".split()
)


@dataclass(frozen=True, slots=True)
class _Match:
    first: int  # token indexes, half-open
    last: int
    entries: tuple[Entry, ...]
    settled: bool = False  # the sentence's own context chose among the entries


@dataclass(frozen=True, slots=True)
class _Found:
    """A place a sentence names, with the readings its words allow; ``open``: nothing in
    the sentence chose among them, so the rest of the document may."""

    place: Place
    entries: tuple[Entry, ...]
    open: bool


def _same_place(a: Place, b: Place) -> bool:
    if a.geonameid and b.geonameid:
        return a.geonameid == b.geonameid
    return (a.name, a.country, a.admin1, a.precision) == (b.name, b.country, b.admin1, b.precision)


class Geocoder:
    def __init__(
        self, gazetteer: Gazetteer, nlp: NLP, outlets: OutletHomes | None = None
    ) -> None:
        self.gazetteer = gazetteer
        self.outlets = outlets or OutletHomes(gazetteer)
        self._nlp = nlp
        # Multiword Russian names of the hand-written tables by their lemmas: "волгоградский
        # область" → the key of "Волгоградская область", since token lemmas are what inflected
        # text gives (the bundled settlements carry their lemma keys already).
        self._lemma_keys: dict[str, str] = {}
        lemmas: dict[str, str] = {}
        for key in gazetteer.hand_keys:
            if " " not in key or not is_cyrillic(key):
                continue
            words = key.split()
            for word in words:
                if word not in lemmas:
                    lemmas[word] = nlp.lemmatize(word, "ru").replace("ё", "е")
            lemma_key = " ".join(lemmas[w] for w in words)
            if lemma_key != key:
                self._lemma_keys.setdefault(lemma_key, key)

    def contains(self, outer: Place, inner: Place) -> bool:
        return self.gazetteer.contains(outer, inner)

    def find_document_places(
        self, sentences: list[Sentence], lang: Lang, home: Place | None = None
    ) -> list[list[Place]]:
        """Each sentence's places, with a name the sentence alone leaves open read in the
        light of the whole document (and of the outlet's ``home``, if known): "Paris" in a
        story that also names Lamar County and Texas is Paris, Texas, in every sentence."""
        found = [self._find(s, lang) for s in sentences]
        flat = [
            (f, self._lookup_name(sentence, f.place, lang))
            for sentence, places in zip(sentences, found, strict=True)
            for f in places
        ]
        out = [[f.place for f in places] for places in found]
        if len(flat) < 2 and home is None:
            return out
        settled = resolve_document(
            self.gazetteer, [name for _, name in flat], lang, home, given=False
        )
        better: dict[int, Place] = {}
        for (f, name), reading in zip(flat, settled, strict=True):
            if (
                f.open
                and reading is not None
                and not _same_place(f.place, reading)
                and self._weighs(name, f.place, lang)
            ):
                # only a reading the sentence itself weighed for these words
                for entry in f.entries:
                    candidate = self.gazetteer.place(entry, text=f.place.text, span=f.place.span)
                    if _same_place(candidate, reading):
                        better[id(f.place)] = candidate
                        break
        return [[better.get(id(p), p) for p in places] for places in out]

    def _weighs(self, name: str, place: Place, lang: Lang) -> bool:
        """Whether the document weighed the sentence's own choice under ``name``: if not,
        the name it looked up ("березник" for "Березниках") is not the one the sentence
        read (Berezniki), and its reading says nothing about this place."""
        return any(
            _same_place(place, self.gazetteer.place(e))
            for e in self.gazetteer.readings(name, lang)
        )

    def _lookup_name(self, sentence: Sentence, place: Place, lang: Lang) -> str:
        """The form of a found name the gazetteer knows: the words as written, or for an
        inflected Russian name ("Берёзовском") their lemmas ("березовский")."""
        text = place.text or ""
        if place.span is None or lang != "ru" or self.gazetteer.readings(text, lang):
            return text
        lemmas = [
            t.lemma for t in sentence.tokens
            if place.span.start <= t.start and t.stop <= place.span.stop
        ]
        return " ".join(lemmas) or text

    def find_places(self, sentence: Sentence, lang: Lang) -> list[Place]:
        return [f.place for f in self._find(sentence, lang)]

    def _find(self, sentence: Sentence, lang: Lang) -> list[_Found]:
        tokens = sentence.tokens
        matches: list[_Match] = []
        shared = self._shared_region_noun(sentence) if lang == "ru" else {}
        i = 0
        while i < len(tokens):
            match = shared.get(i) or self._match_at(sentence, i, lang)
            if match is None:
                i += 1
                continue
            candidate = Candidate(
                sentence, match.first, match.last, match.entries[0], lang,
                self._common_russian_word,
            )
            if plausible(candidate) and not self._demonym(tokens, match):
                matches.append(match)
            i = match.last
        if lang == "ru":
            matches = self._with_town_adjectives(sentence, matches)
        chosen = self._choose(matches)
        return self._collapse(sentence, chosen)

    # -- recognition -----------------------------------------------------------------------

    def _demonym(self, tokens: tuple[Token, ...], match: _Match) -> bool:
        """A people's name ("a Kazakh student") that some town abroad also has as an
        alternate name: the soft table knows it as its country's demonym."""
        return (
            match.last - match.first == 1
            and match.entries[0].precision == "city"
            and name_key(tokens[match.first].text) in self.gazetteer.soft
        )

    def _with_town_adjectives(self, sentence: Sentence, matches: list[_Match]) -> list[_Match]:
        """``matches`` and, in text order among them, the towns named by an adjective outside
        them («в московском хостеле»): the town itself, settled by the words alone."""
        taken = {k for m in matches for k in range(m.first, m.last)}
        tokens = sentence.tokens
        more: list[_Match] = []
        for i, token in enumerate(tokens):
            if i in taken or token.pos != "ADJ" or names_a_thing(tokens, i):
                continue
            entry = town_of_adjective(self.gazetteer, token.lemma.replace("ё", "е"))
            if entry is not None:
                more.append(_Match(i, i + 1, (entry,), settled=True))
        if not more:
            return matches
        return sorted(matches + more, key=lambda m: m.first)

    def _shared_region_noun(self, sentence: Sentence) -> dict[int, _Match]:
        """Regions named by adjectives that share one noun: in "в Курской, Орловской и
        Белгородской областях" the last adjective meets its noun as usual; each earlier one
        is the region "<adjective> <noun>", not a town that looks like the adjective."""
        tokens = sentence.tokens
        out: dict[int, _Match] = {}
        for k, noun in enumerate(tokens):
            if noun.lemma not in _REGION_NOUNS or k < 3 or tokens[k - 1].pos != "ADJ":
                continue
            j = k - 2  # before the adjective that meets the noun
            while j >= 1 and tokens[j].text.lower() in _LIST_GLUE:
                adjective = tokens[j - 1]
                if adjective.pos != "ADJ" or not adjective.text[:1].isupper():
                    break
                entries = [
                    e
                    for key in self._region_keys(adjective, noun)
                    for e in self.gazetteer.candidates(key)
                    if e.precision == "region"
                ]
                if not entries:
                    break
                out[j - 1] = _Match(j - 1, j, tuple(entries))
                j -= 2
        return out

    def _region_keys(self, adjective: Token, noun: Token) -> list[str]:
        """Gazetteer keys of "<adjective> <noun>": through the lemma table, and with the
        adjective put in the noun's gender ("тверской" + "область" → "тверская область")."""
        lemma = f"{adjective.lemma} {noun.lemma}".replace("ё", "е")
        keys = [self._lemma_keys[lemma]] if lemma in self._lemma_keys else []
        morph = self._nlp.russian.morph_vocab
        nouns = [p for p in morph.parse(noun.lemma) if p.tag.POS == "NOUN"]
        gender = nouns[0].feats.get("Gender") if nouns else None  # UD: natasha's forms
        for parse in morph.parse(adjective.lemma):
            if parse.tag.POS == "ADJF" and gender:
                form = parse.inflect({gender, "Sing", "Nom"})
                if form is not None:
                    keys.append(name_key(f"{form.word} {noun.lemma}"))
                break
        return keys

    def _common_russian_word(self, word: str) -> bool:
        """Whether pymorphy's likeliest reading of ``word`` is a known common word: "Тема",
        "Могу", "Киты" open sentences and are also towns somewhere abroad."""
        parses = self._nlp.russian.morph_vocab.parse(word.lower())
        return bool(parses) and parses[0].is_known and not (
            _NAME_GRAMMEMES & set(parses[0].tag.grammemes)
        )

    def _match_at(self, sentence: Sentence, i: int, lang: Lang) -> _Match | None:
        tokens = sentence.tokens
        head = tokens[i].text
        if not head[:1].isalpha() or not head[:1].isupper():
            return None
        for last in range(min(len(tokens), i + _MAX_TOKENS), i, -1):
            if not tokens[last - 1].text[:1].isalnum():
                continue
            if last == i + 1 and head.lower() in _STOPWORDS:
                return None
            found: dict[int, Entry] = {}
            hand = False  # a name from the hand-written tables: "Заельцовский район"
            for key in self._keys(sentence, tokens[i:last], lang):
                entries = self.gazetteer.candidates(key)
                hand = hand or (bool(entries) and key in self.gazetteer.hand_keys)
                for entry in entries:
                    found.setdefault(id(entry), entry)
            if found:
                entries = sorted(found.values(), key=lambda e: e.rank, reverse=True)
                if hand or self._cased(tokens[i:last], entries[0]):
                    return _Match(i, last, tuple(entries))
        return None

    @staticmethod
    def _cased(span: tuple[Token, ...], best: Entry) -> bool:
        """Every word of a town's name is capitalised ("Сосновый Бор", not "сосновый бор");
        region names keep their lower-case "область", "region", "krai"."""
        if best.precision != "city":
            return True
        return all(
            t.text[:1].isupper() or not t.text[:1].isalpha() or t.text.lower() in _LINKS
            for t in span
        )

    def _keys(self, sentence: Sentence, span: tuple[Token, ...], lang: Lang) -> list[str]:
        surface = name_key(" ".join(t.text for t in span))
        keys = [surface]
        if lang == "en" and span[-1].text.lower().endswith(("'s", "’s")):
            keys.append(surface.removesuffix(" s"))  # "Moscow's mayor"
        if lang == "ru":
            lemma = name_key(" ".join(t.lemma for t in span))
            keys += [lemma, self._lemma_keys.get(lemma, lemma)]
            start, stop = span[0].start, span[-1].stop
            for entity in sentence.entities:
                if entity.type == "LOC" and entity.start == start and entity.stop == stop:
                    keys.append(name_key(entity.normal))
                    if len(span) == 1:  # natasha leaves rare names in the oblique case
                        keys += list(nominative_guesses(name_key(entity.text)))
        return list(dict.fromkeys(k for k in keys if k))

    # -- resolution ------------------------------------------------------------------------

    @staticmethod
    def _choose(matches: list[_Match]) -> list[_Match]:
        """Keeps each match's readings in order, moving first a town inside a region or
        country that the sentence also names unambiguously."""
        regions = {
            (m.entries[0].country, m.entries[0].admin1)
            for m in matches
            if m.entries[0].precision == "region" and m.entries[0].admin1
        }
        countries = {m.entries[0].country for m in matches if m.entries[0].precision == "country"}
        out: list[_Match] = []
        for m in matches:
            inside = [e for e in m.entries if (e.country, e.admin1) in regions]
            if not inside and countries:
                inside = [e for e in m.entries if e.country in countries]
            if inside and len(inside) < len(m.entries) and m.entries[0].precision == "city":
                rest = tuple(e for e in m.entries if e is not inside[0])
                m = replace(m, entries=(inside[0], *rest), settled=True)
            out.append(m)
        return out

    def _collapse(self, sentence: Sentence, matches: list[_Match]) -> list[_Found]:
        places = [self._place(sentence, m.first, m.last, m.entries[0]) for m in matches]
        bounds = [(m.first, m.last) for m in matches]
        out: list[_Found] = []
        out_bounds: list[tuple[int, int]] = []
        for place, match, (first, last) in zip(places, matches, bounds, strict=True):
            if out:
                prev = out[-1].place
                p_first, p_last = out_bounds[-1]
                if self._adjacent(sentence.tokens[p_last:first]):
                    keep = None
                    if self._same(prev, place) or self.gazetteer.contains(place, prev):
                        keep = prev
                    elif self.gazetteer.contains(prev, place):
                        keep = place
                    elif self._part_of(prev, place):
                        keep = prev
                    if keep is not None:
                        # "Кировск Мурманской области": the pair settles the town
                        merged = self._place(sentence, p_first, last, None, base=keep)
                        out[-1] = _Found(merged, (), open=False)
                        out_bounds[-1] = (p_first, last)
                        continue
            out.append(_Found(place, match.entries, open=not match.settled))
            out_bounds.append((first, last))
        return out

    @staticmethod
    def _part_of(city: Place, part: Place) -> bool:
        """ "St. Petersburg's Krasnoye Selo district": a town of the city's own region named
        as the city's part is in the city."""
        return (
            city.precision == part.precision == "city"
            and (city.text or "").endswith(("'s", "’s"))
            and (city.country, city.admin1) == (part.country, part.admin1)
        )

    @staticmethod
    def _same(a: Place, b: Place) -> bool:
        return (a.name, a.lat, a.lon, a.precision) == (b.name, b.lat, b.lon, b.precision)

    @staticmethod
    def _adjacent(gap: tuple[Token, ...]) -> bool:
        """Nothing but punctuation or a "г."/"city of" between two names."""
        glue = {"г", "город", "города", "городе", "in", "of", "the", "city", "район", "районе"}
        return len(gap) <= 3 and all(
            not t.text[:1].isalnum() or t.text.lower() in glue for t in gap
        )

    def _place(
        self,
        sentence: Sentence,
        first: int,
        last: int,
        entry: Entry | None,
        *,
        base: Place | None = None,
    ) -> Place:
        start = sentence.tokens[first].start
        stop = sentence.tokens[last - 1].stop
        text = sentence.text[start - sentence.start : stop - sentence.start]
        span = Span(start, stop, text)
        if base is not None:
            return replace(base, text=text, span=span)
        assert entry is not None
        return self.gazetteer.place(entry, text=text, span=span)
