"""Towns named by their adjective: «московский хостел», «на кемеровском рынке», «отдел по
Барнаульскому гарнизону» are in Moscow, Kemerovo and Barnaul.

Russian forms a town's adjective from its name by a handful of regular changes ("Казань" →
«казанский», "Омск" → «омский», "Кемерово" → «кемеровский», "Москва" → «московский»,
"Липецк" → «липецкий»). Undoing them gives a few possible names for an adjective's lemma;
the gazetteer says which of them is a Russian town. Only towns of some size count: an
adjective that looks like a village's name is far more often a word of its own
(«городской», «советский»). District, street and station names built on a town's
adjective are no mention of that town («Кировский район», «Курский вокзал», «Московский
проспект»), so an adjective right before such a word is not read.
"""

from __future__ import annotations

from collections.abc import Iterator

from khronika.geocode.gazetteer import Entry, Gazetteer
from khronika.geocode.names import name_key
from khronika.model import Token

# An adjective of a town this small is rarely meant as the town
MIN_POPULATION = 50_000

# The capital's own adjective: «столичный рынок» is a Moscow market
_CAPITAL = {"столичный": "москва"}

# Nouns that make the adjective part of a district's, street's, station's or body's own
# name, not a mention of the town it is built on
_NAMED_THING = frozenset(
    """район районный округ окружной проспект улица шоссе тракт вокзал площадь переулок
    бульвар набережная мост проезд парк сад собор кремль метро станция направление
    железный завод край область республика море озеро река залив время""".split()
)
_SUFFIXES = ("ский", "ской", "цкий", "цкой")


def town_keys(lemma: str) -> Iterator[str]:
    """Name keys a town's adjective (its lemma) may come from, likeliest forms first."""
    if lemma in _CAPITAL:
        yield _CAPITAL[lemma]
        return
    suffix = next((s for s in _SUFFIXES if lemma.endswith(s)), None)
    if suffix is None or len(lemma) < len(suffix) + 2:
        return
    if suffix.startswith("ц"):  # «липецкий» → "липецк", «донецкий» → "донецк"
        yield lemma[: -len(suffix) + 1] + "к"
        return
    stem = lemma[: -len(suffix)]
    # «омский» → "омск", «казанский» → "казань", «кемеровский» → "кемерово", «самарский»
    # → "самара", «сочинский» → "сочи", «ярославский» → "ярославль"
    for ending in ("ск", "", "ь", "а", "я", "о", "и", "ль"):
        yield stem + ending
    if stem.endswith("ь"):  # «барнаульский» → "барнаул", «тульский» → "тула"
        yield stem[:-1]
        yield stem[:-1] + "а"
    if stem.endswith(("ов", "ев")):  # «московский» → "москва"
        yield stem[:-2] + "ва"
    if stem.endswith("ин"):  # «сочинский» → "сочи"
        yield stem[:-1]
    if stem.endswith("ж"):  # «калужский» → "калуга"
        yield stem[:-1] + "га"


def town_of_adjective(gazetteer: Gazetteer, lemma: str) -> Entry | None:
    """The Russian town of some size ``lemma`` is the adjective of, if any."""
    for key in dict.fromkeys(town_keys(lemma)):
        towns = [
            e
            for e in gazetteer.candidates(key)
            if e.precision == "city" and e.country == "RU" and e.population >= MIN_POPULATION
            # the town's own name, or a nickname the hand tables give ("Петербург"), not an
            # old one a named thing keeps («Калининская овощебаза» is not in Tver)
            and (name_key(e.name_local or "") == key or key in gazetteer.hand_keys)
        ]
        if towns:
            return max(towns, key=lambda e: e.population)
    return None


def names_a_thing(tokens: tuple[Token, ...], i: int) -> bool:
    """Whether the adjective at ``i`` is part of a district's, street's or body's name
    («Октябрьский районный суд», «Курский вокзал», «по московскому времени»), a quoted
    title («Московский комсомолец»), or stands for a noun left out («на Тверской» is a
    street): a town's adjective qualifies the noun after it («московский хостел», «на
    кемеровском строительном рынке»)."""
    after = tokens[i + 1] if i + 1 < len(tokens) else None
    if after is not None and after.lemma in _NAMED_THING:
        return True
    nouns = [t for t in tokens[i + 1 : i + 3] if t.pos in ("NOUN", "PROPN")]
    between = tokens[i + 1 : tokens.index(nouns[0])] if nouns else ()
    if not nouns or any(t.pos != "ADJ" for t in between):
        return True
    before = tokens[i - 1].text if i > 0 else ""
    return before in ("«", '"', "“", "„")
