"""What two claims are compared on: compact per-claim features, and names made comparable
across Russian and English.

Everything a pair test needs is precomputed once per claim into flat tuples (day ordinals,
coordinates, count bounds), so that grouping a million claims spends its time in integer
comparisons, not in attribute lookups on nested dataclasses.

Outlets and credited sources are compared after transliterating Cyrillic to Latin (a
simplified BGN/PCGN table, so "Фонтанка" and "Fontanka.ru" both become ``fontanka``),
dropping articles, generic words ("telegram channel", "сообщает") and web suffixes.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from typing import Protocol

from khronika.model import Claim, Count, EventType

# --------------------------------------------------------------------------- event types

# Which event types can be accounts of one incident. A raid is the frame: the detentions,
# summonses, escorts to the enlistment office, contract pressure and enlistments happen in
# it (one "operation" family). Court decisions (deportation orders, fines, charges) follow a
# raid by days, so they are compatible with the operation family, but may lag behind it by
# ``FOLLOW_UP_LAG_DAYS``. Stripping of citizenship is a separate administrative track: it is
# compatible only with itself and with prosecution (a court case that ends in revocation).
OPERATION: frozenset[EventType] = frozenset(
    {"raid", "detention", "summons", "escort_to_enlistment_office", "recruitment_pressure",
     "enlistment"}
)
FOLLOW_UP: frozenset[EventType] = frozenset({"deportation", "prosecution"})
ADMINISTRATIVE: frozenset[EventType] = frozenset({"citizenship_revocation"})
FOLLOW_UP_LAG_DAYS = 14

TYPE_INDEX: dict[str, int] = {
    t: i
    for i, t in enumerate(
        ("raid", "detention", "summons", "escort_to_enlistment_office", "recruitment_pressure",
         "enlistment", "deportation", "prosecution", "citizenship_revocation")
    )
}
# event-type families as bits: an operation, its follow-up, an administrative act
_OP, FAMILY_FOLLOW_UP, _ADM = 1, 2, 4
_FAMILY = {**dict.fromkeys(OPERATION, _OP), **dict.fromkeys(FOLLOW_UP, FAMILY_FOLLOW_UP),
           **dict.fromkeys(ADMINISTRATIVE, _ADM)}


def types_compatible(a: EventType, b: EventType) -> bool:
    """Whether claims of types ``a`` and ``b`` may tell one incident (the table above)."""
    return family_ok(_FAMILY[a], _FAMILY[b], a == b, a == "prosecution" or b == "prosecution")


def family_ok(fa: int, fb: int, same_type: bool, any_prosecution: bool) -> bool:
    if same_type:
        return True
    if fa == _ADM or fb == _ADM:
        return (fa | fb) == _ADM or any_prosecution
    return True


# --------------------------------------------------------------------------- places and dates

PlaceKey = int | tuple[float, float]

SPECIFIC_PLACES = frozenset({"point", "city", "district"})
CITY_KM = 25.0
REGION_KM = 150.0  # a region's recorded centre against a city or another region's centre
SPECIFIC_DAYS = 3  # a date span up to this many days pins an incident; longer spans attach
LONG_DAYS = 45  # spans longer than this are period aggregates: they match only each other
UNKNOWN_WINDOW_DAYS = 21  # an undated claim happened at most this long before publication


def km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    h = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0088 * math.asin(min(1.0, math.sqrt(h)))


class DocMeta(Protocol):
    """What grouping and summaries read from a document (``khronika.model.Document`` fits)."""

    @property
    def outlet(self) -> str | None: ...

    @property
    def url(self) -> str | None: ...

    @property
    def published(self) -> date | None: ...


@dataclass(frozen=True, slots=True)
class DocInfo:
    """A plain ``DocMeta`` for callers that do not hold whole documents."""

    outlet: str | None = None
    url: str | None = None
    published: date | None = None


# Precision codes in a feature tuple.
P_SPECIFIC, P_REGION, P_COUNTRY, P_UNKNOWN = 0, 1, 2, 3
D_SPECIFIC, D_SPAN, D_LONG, D_UNKNOWN = 0, 1, 2, 3


@dataclass(slots=True)
class Features:
    """One claim, flattened for pair tests; ``start``/``end`` are day ordinals."""

    claim_id: str
    doc: str
    type: str
    family: int
    start: int  # for undated claims: the window before publication, or 0
    end: int
    dprec: int
    lat: float
    lon: float
    pprec: int
    place: PlaceKey | None
    admin1: str  # "RU-66"-style key: country + admin1, "" when unknown
    country: str
    lo: int  # count bounds, -1 when unknown
    hi: int


def features(claim: Claim, published: date | None = None) -> Features:
    loc, dr = claim.location, claim.date
    if loc.lat is None or loc.lon is None or loc.precision == "unknown":
        pprec, lat, lon = P_UNKNOWN, 0.0, 0.0
    else:
        lat, lon = loc.lat, loc.lon
        pprec = (
            P_SPECIFIC if loc.precision in SPECIFIC_PLACES
            else P_REGION if loc.precision == "region"
            else P_COUNTRY
        )
    place: PlaceKey | None = None
    if pprec == P_SPECIFIC:
        place = loc.geonameid if loc.geonameid else (round(lat, 2), round(lon, 2))
    country = (loc.country or "").upper()
    admin1 = f"{country}-{loc.admin1}" if loc.admin1 and country else ""
    if dr.start is not None:
        start = dr.start.toordinal()
        end = (dr.end or dr.start).toordinal()
        span = end - start + 1
        dprec = D_SPECIFIC if span <= SPECIFIC_DAYS else D_SPAN if span <= LONG_DAYS else D_LONG
    else:
        dprec = D_UNKNOWN
        end = published.toordinal() if published else 0
        start = end - UNKNOWN_WINDOW_DAYS if published else 0
    lo, hi = count_bounds(claim.count)
    return Features(claim.claim_id, claim.doc_id, claim.event_type, _FAMILY[claim.event_type],
                    start, end, dprec, lat, lon, pprec, place, admin1, country, lo, hi)


def count_bounds(count: Count | None) -> tuple[int, int]:
    """(low, high) of a count; an open end takes the known end, -1 when nothing is known."""
    if count is None or (count.min is None and count.max is None):
        return -1, -1
    low = count.min if count.min is not None else count.max
    high = count.max if count.max is not None else count.min
    assert low is not None and high is not None
    return low, high


# --------------------------------------------------------------------------- names

_TRANSLIT = dict(
    zip(
        "абвгдеёжзийклмнопрстуфхцчшщъыьэюя",
        ["a", "b", "v", "g", "d", "e", "e", "zh", "z", "i", "y", "k", "l", "m", "n", "o", "p",
         "r", "s", "t", "u", "f", "kh", "ts", "ch", "sh", "shch", "", "y", "", "e", "yu", "ya"],
        strict=True,
    )
)
_WEB = re.compile(r"\b(?:https?://)?(?:www\.)?([\w-]+)\.(?:ru|com|org|net|info|io|me|su|media)"
                  r"\b\S*")
_WORD = re.compile(r"[a-z0-9]+")
# Words that name a channel or the act of reporting, not the source itself.
_GENERIC = frozenset(
    "the a an of and telegram channel kanal telegramkanal telegram-kanal news novosti "
    "gazeta newspaper says said reports reported report soobshchaet soobshchil soobshchila "
    "soobshchili po dannym according to izdanie outlet site sayt".split()
)
_STEM = 5


def transliterate(text: str) -> str:
    return "".join(_TRANSLIT.get(ch, ch) for ch in text.lower())


def source_key(name: str | None) -> str:
    """A comparable key for an outlet or a credited source, the same in both scripts.

    "«Фонтанка»", "Fontanka.ru" and "Фонтанки" give ``fntnk``; "Бизнес Online" and
    "Business Online" give ``bsns nln``; "The Moscow Times" and "Moscow Times" give
    ``mskv tms``.
    """
    if not name:
        return ""
    text = transliterate(name)
    text = _WEB.sub(lambda m: " " + m.group(1) + " ", text)
    key = " ".join(_skeleton(w) for w in _WORD.findall(text) if w not in _GENERIC)
    # a name made only of generic words and vowels ("Outlet A") is still a name
    return key or " ".join(name.lower().split())


_SOUNDS = (("kh", "h"), ("ck", "k"), ("ts", "c"), ("c", "k"), ("z", "s"), ("w", "v"),
           ("q", "k"), ("x", "ks"), ("ph", "f"))
_VOWELS = re.compile(r"[aeiouy]")
_RUNS = re.compile(r"(.)\1+")


def _skeleton(word: str) -> str:
    """Consonants of a word with English and transliterated Russian spellings folded
    together: "business" and "бизнес", "Moscow" and "Москва", "Фонтанки" and "Fontanka"
    meet. Cut to five letters, so case endings fall away."""
    if any(ch.isdigit() for ch in word):
        return word
    for a, b in _SOUNDS:
        word = word.replace(a, b)
    bare = _RUNS.sub(r"\1", _VOWELS.sub("", word)) or word[:1]
    return bare[:_STEM]


def host_key(url: str | None) -> str:
    """The site of a URL without ``www.`` and the top-level domain: ``fontanka``."""
    if not url:
        return ""
    m = re.match(r"^[a-z]+://([^/:?#]+)", url.strip().lower())
    if not m:
        return ""
    parts = [p for p in m.group(1).split(".") if p != "www"]
    return parts[-2] if len(parts) >= 2 else parts[0]


def text_shingles(text: str, size: int = 3) -> frozenset[str]:
    """Word trigrams of a text in Latin script, numbers kept: near-copies share most."""
    words = _WORD.findall(transliterate(text))
    if len(words) < size:
        return frozenset([" ".join(words)]) if words else frozenset()
    return frozenset(" ".join(words[i : i + size]) for i in range(len(words) - size + 1))


def jaccard(a: Iterable[str], b: Iterable[str]) -> float:
    sa, sb = set(a), set(b)
    if not sa or not sb:
        return 0.0
    return len(sa & sb) / len(sa | sb)
