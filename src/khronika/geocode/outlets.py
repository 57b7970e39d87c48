"""Where a news outlet sits, from its address or its name.

A local paper writes about its own town: "Железногорск" in a story from Krasnoyarsk's
NGS24 is the closed town beside Krasnoyarsk, not the one near Kursk. The outlet's home is
one more settled place of the document for :func:`khronika.geocode.resolve.resolve_document`.
The bundled table (``data/geo/outlets.tsv``) lists regional outlets only: a national one
reports on the whole country and has no home to lean on.
"""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urlsplit

from khronika.errors import GazetteerMissing
from khronika.geocode.gazetteer import Gazetteer, _data_dir, _rows
from khronika.model import Place


def _host(url: str) -> str:
    try:
        host = urlsplit(url if "//" in url else "//" + url).hostname or ""
    except ValueError:  # a malformed address in a document's metadata names no outlet
        return ""
    return host.lower().removeprefix("www.")


class OutletHomes:
    def __init__(self, gazetteer: Gazetteer, path: Path | None = None) -> None:
        path = path or _data_dir() / "outlets.tsv"
        self._by_domain: dict[str, Place] = {}
        self._by_name: dict[str, Place] = {}
        for key, home, country in _rows(path):
            readings = [e for e in gazetteer.readings(home) if e.country == country]
            if not readings:
                raise GazetteerMissing(f"{path.name}: no place {home!r} ({country})")
            place = gazetteer.place(readings[0])
            if "." in key and " " not in key and key == key.lower():
                self._by_domain[key] = place
            else:
                self._by_name[key.casefold()] = place

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
