"""Reading a document's toponyms together.

One name alone is read by :attr:`Entry.rank` (countries over regions over towns, Russia and
its neighbours first, then population). A document is more telling: "Paris" in a story that
also names Texas and Lamar County is Paris, Texas. So each toponym's readings are scored by
population, a small bonus for the broader kinds, Russia's domain bonus (only when the rest
of the document does not point elsewhere), and how many *other* toponyms of the document
read as the same country or the same first-level division, and, more weakly, how many other
toponyms have any reading in that division. Two rounds: the first settles
the context from plain readings, the second reads each name in that context.
"""

from __future__ import annotations

import math
from collections import Counter

from khronika.geocode.gazetteer import NEAR_COUNTRIES, Entry, Gazetteer
from khronika.geocode.names import name_key
from khronika.model import Lang, Place

_KIND_BONUS = {"country": 1.5, "region": 0.5}
_RUSSIA = 2.0
_NEAR = 1.0
_SAME_COUNTRY = 1.5
_SAME_DIVISION = 2.0
# A name that is only some alternate of a place ("White House" among Casablanca's names)
# is a weaker reading than a place's own name. Not so for countries and areas, whose other
# names come from the hand-made and country tables ("Holland", "Canadian", "Mideast").
_ALTERNATE = 1.5
_ANY_NAME_KINDS = frozenset({"country", "macro"})
# Continents, seas and macro-regions weigh at least as much as a place of ten million people:
# an ocean has no population, yet "Atlantic" given as a toponym is not Atlantic, Iowa.
_MACRO_FLOOR = 7.0
# A reading is also supported by other names that *could* lie in its first-level division,
# even when their own best reading is elsewhere: "Paris" beside "Henry County" and "Huntsville"
# leans to Tennessee and Texas before either name is settled. Half a point per such name, up
# to three, so a long list of namesakes cannot outvote population; only each name's leading
# readings take part, since a common name has a namesake in nearly every division.
_POSSIBLE = 0.5
_POSSIBLE_CAP = 3
_POSSIBLE_READINGS = 30


def _base(entry: Entry, domain: float, key: str = "") -> float:
    bonus = 0.0
    if entry.country == "RU":
        bonus = _RUSSIA * domain
    elif entry.country in NEAR_COUNTRIES:
        bonus = _NEAR * domain
    own = name_key(entry.name)
    if (
        key
        and entry.kind not in _ANY_NAME_KINDS
        and key not in (own, name_key(entry.name_local or ""))
        and not own.startswith(key + " ")
    ):
        bonus -= _ALTERNATE  # "New York" still counts as New York City's own name
    weight = math.log10(entry.population + 1)
    if entry.kind == "macro":
        weight = max(weight, _MACRO_FLOOR)
    return weight + _KIND_BONUS.get(entry.precision, 0.0) + bonus


def _votes(readings: list[Entry]) -> tuple[Counter[str], Counter[tuple[str, str]]]:
    countries: Counter[str] = Counter()
    divisions: Counter[tuple[str, str]] = Counter()
    for entry in readings:
        if entry.country:
            countries[entry.country] += 1
            if entry.admin1 and entry.precision != "country":
                divisions[(entry.country, entry.admin1)] += 1
    return countries, divisions


def _possible(options: dict[str, list[Entry]]) -> Counter[tuple[str, str]]:
    """How many distinct names could each read as a place in a first-level division."""
    possible: Counter[tuple[str, str]] = Counter()
    for readings in options.values():
        possible.update({(e.country, e.admin1) for e in readings[:_POSSIBLE_READINGS]
                         if e.country and e.admin1})
    return possible


def _score(
    key: str,
    entry: Entry,
    own: Entry,
    domain: float,
    countries: Counter[str],
    divisions: Counter[tuple[str, str]],
    possible: Counter[tuple[str, str]],
) -> float:
    """``own``: the name's current reading, whose votes are taken out of the context."""
    others_country = countries[entry.country or ""] - (own.country == entry.country)
    division = (entry.country or "", entry.admin1 or "")
    own_division = (own.country or "", own.admin1 or "")
    others_division = divisions[division] - (own_division == division and bool(own.admin1))
    others_possible = possible[division] - 1 if entry.admin1 else 0
    return (
        _base(entry, domain, key)
        + (_SAME_COUNTRY if others_country > 0 else 0.0)
        + (_SAME_DIVISION if entry.admin1 and others_division > 0 else 0.0)
        + _POSSIBLE * min(others_possible, _POSSIBLE_CAP)
    )


def resolve_document(
    gazetteer: Gazetteer, names: list[str], lang: Lang | None = None
) -> list[Place | None]:
    keys = [name_key(n) for n in names]
    options: dict[str, list[Entry]] = {}
    for name, key in zip(names, keys, strict=True):
        if key not in options:
            options[key] = gazetteer.readings(name, lang, given=True)
    distinct = [k for k in options if options[k]]
    chosen = {k: options[k][0] for k in distinct}
    possible = _possible({k: options[k] for k in distinct})
    for _ in range(2):
        countries, divisions = _votes([chosen[k] for k in distinct])
        foreign = sum(n for c, n in countries.items() if c not in NEAR_COUNTRIES)
        near = sum(n for c, n in countries.items() if c in NEAR_COUNTRIES)
        domain = 1.0 if near >= foreign else 0.0
        updated: dict[str, Entry] = {}
        for key in distinct:
            own = chosen[key]
            scores = [
                _score(key, e, own, domain, countries, divisions, possible)
                for e in options[key]
            ]
            updated[key] = options[key][scores.index(max(scores))]
        chosen = updated
    out: list[Place | None] = []
    for name, key in zip(names, keys, strict=True):
        entry = chosen.get(key)
        out.append(gazetteer.place(entry, text=name) if entry is not None else None)
    return out
