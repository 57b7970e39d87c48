"""Where a news outlet sits, from its address or its name.

A local paper writes about its own town: "Железногорск" in a story from Krasnoyarsk's
NGS24 is the closed town beside Krasnoyarsk, not the one near Kursk. The outlet's home is
one more settled place of the document for :func:`khronika.geocode.resolve.resolve_document`.
The bundled table (``data/geo/outlets.tsv``) lists regional outlets only: a national one
reports on the whole country and has no home to lean on. For outlets not in it,
:func:`learn_homes` finds a home from the outlet's own stories in a corpus.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable
from urllib.parse import urlsplit

from khronika.errors import ConfigError, GazetteerMissing
from khronika.geocode.gazetteer import Gazetteer, data_dir, read_rows
from khronika.model import Place


def _host(url: str) -> str:
    try:
        host = urlsplit(url if "//" in url else "//" + url).hostname or ""
    except ValueError:  # a malformed address in a document's metadata names no outlet
        return ""
    host = host.lower().removeprefix("www.")
    # a host is dotted labels: anything else in the metadata ("not a url") names no outlet
    return host if "." in host and not any(c.isspace() for c in host) else ""


def outlet_key(url: str | None, outlet: str | None) -> str | None:
    """What identifies a document's outlet: its host (without "www."), else its name."""
    host = _host(url) if url else ""
    if host:
        return host
    name = " ".join((outlet or "").split())
    return name or None


def homes_table(homes: dict[str, Place]) -> str:
    """``homes`` as lines of an outlet table, the form ``--outlets FILE`` reads."""
    return "".join(
        f"{key}\t{place.name}\t{place.country}\n"
        for key, place in sorted(homes.items())
        if place.name and place.country
    )


class OutletHomes:
    """The bundled table, and over it a team's own (``extra``: the text of a file in the
    same tab-separated form, ``khronika run --outlets FILE``)."""

    def __init__(
        self, gazetteer: Gazetteer, extra: str | None = None, extra_name: str = "outlets file"
    ) -> None:
        self._gazetteer = gazetteer
        self._by_domain: dict[str, Place] = {}
        self._by_name: dict[str, Place] = {}
        bundled = data_dir() / "outlets.tsv"
        for key, home, country in read_rows(bundled):
            place = self._place(home, country)
            if place is None:
                raise GazetteerMissing(f"{bundled.name}: no place {home!r} ({country})")
            self._add(key, place)
        if extra is not None:
            self._add_rows(extra, extra_name)

    def _add_rows(self, text: str, name: str) -> None:
        for number, line in enumerate(text.splitlines(), 1):
            if not line.strip() or line.startswith("#"):
                continue
            cols = [c.strip() for c in line.split("\t")]
            if len(cols) != 3 or not all(cols):
                raise ConfigError(
                    f"{name}, line {number}: expected 3 tab-separated columns"
                    " (domain or outlet name, home place, country code)"
                )
            key, home, country = cols
            place = self._place(home, country.upper())
            if place is None:
                raise ConfigError(f"{name}, line {number}: no place {home!r} in {country}")
            self._add(key, place)

    def _place(self, home: str, country: str) -> Place | None:
        readings = [e for e in self._gazetteer.readings(home) if e.country == country]
        return self._gazetteer.place(readings[0]) if readings else None

    def _add(self, key: str, place: Place) -> None:
        if "." in key and " " not in key and key == key.lower():
            self._by_domain[key.removeprefix("www.")] = place
        else:
            self._by_name[" ".join(key.split()).casefold()] = place

    def home(self, url: str | None = None, outlet: str | None = None) -> Place | None:
        """The home of the outlet at ``url`` (its domain or any subdomain), else of the
        outlet called ``outlet``; None when neither is known."""
        if url:
            labels = _host(url).split(".")
            for i in range(len(labels) - 1):
                place = self._by_domain.get(".".join(labels[i:]))
                if place is not None:
                    return place
        if outlet:
            return self._by_name.get(" ".join(outlet.split()).casefold())
        return None


# An outlet is local when at least this many of its stories, and at least this share of
# them, name a place in one first-level division
_MIN_STORIES = 3
_MIN_SHARE = 0.5


def learn_homes(
    gazetteer: Gazetteer, stories: Iterable[tuple[str, list[Place | None]]]
) -> dict[str, Place]:
    """Each local outlet's home, from its stories: ``(outlet, the story's places)`` pairs,
    the places as read without a home. The home is the first-level division that most of
    an outlet's stories name a town or county in, when at least three stories and half of
    them do: a paper whose stories keep naming Nebraska towns is a Nebraska paper, and
    "Columbus" in its next story is Columbus, Nebraska. A national outlet, whose stories
    spread over the country, gets none."""
    counts: dict[str, Counter[tuple[str, str]]] = defaultdict(Counter)
    totals: Counter[str] = Counter()
    for outlet, places in stories:
        totals[outlet] += 1
        counts[outlet].update(
            {
                (p.country, p.admin1)
                for p in places
                if p is not None and p.country and p.admin1
                and p.precision not in ("country", "region")
            }
        )
    homes: dict[str, Place] = {}
    for outlet, divisions in counts.items():
        if not divisions:
            continue
        (division, n), = divisions.most_common(1)
        if n >= _MIN_STORIES and n >= _MIN_SHARE * totals[outlet]:
            entry = gazetteer.division(*division)
            if entry is not None:
                homes[outlet] = gazetteer.place(entry)
    return homes
