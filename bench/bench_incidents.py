"""Incident grouping: time and peak memory for 10 k, 100 k and 1 M synthetic claims.

    .venv/bin/python bench/bench_incidents.py            # all three sizes
    .venv/bin/python bench/bench_incidents.py --n 100000  # one size

Each size runs in its own process, so "peak RSS" is that size's own high-water mark
(claims in memory included; "grouping +RSS" is what grouping added on top). The synthetic
record: 2,000 towns in 85 regions, town sizes Zipf-like (the largest town gets ~8% of the
incidents), incidents spread over five years per 100 k claims (``--years`` fixes the
span), each told by 1–4 documents with 1–4 claims each (raid, detentions, escorts, later
court orders), ±20% count noise, a few claims at region level or undated. Pairwise
precision/recall against the generating incidents is printed as a sanity check.
"""

from __future__ import annotations

import argparse
import random
import resource
import subprocess
import sys
import time
from datetime import date, timedelta

from khronika.dedup import DocInfo, cluster_incidents
from khronika.evaluate_incidents import pairwise_incident_scores
from khronika.model import Claim, Count, DateRange, Evidence, Place

SIZES = (10_000, 100_000, 1_000_000)
_KINDS = ("raid", "detention", "escort_to_enlistment_office", "summons", "deportation")


def synthetic(
    n: int, years: int, seed: int = 7
) -> tuple[list[Claim], dict[str, DocInfo], dict[str, str]]:
    rng = random.Random(seed)
    towns = [
        (f"town{t}", rng.uniform(43.0, 68.0), rng.uniform(30.0, 135.0), f"{t % 85:02d}", 10_000 + t)
        for t in range(2000)
    ]
    weights = [1.0 / (rank + 1) ** 0.9 for rank in range(len(towns))]
    regions = {t[3]: t for t in towns}  # a region's "centre": its last town
    base = date(2020, 1, 1)
    claims: list[Claim] = []
    docs: dict[str, DocInfo] = {}
    truth: dict[str, str] = {}
    incident = 0
    while len(claims) < n:
        incident += 1
        name, lat, lon, admin1, gid = rng.choices(towns, weights)[0]
        day = base + timedelta(days=rng.randrange(years * 365))
        detained = rng.randint(5, 400)
        for d in range(rng.randint(1, 4)):
            doc_id = f"doc{incident}-{d}"
            docs[doc_id] = DocInfo(f"outlet{rng.randrange(50)}", None, day + timedelta(days=1))
            for k in range(rng.randint(1, 4)):
                kind = _KINDS[k] if rng.random() < 0.8 else rng.choice(_KINDS)
                when = day + timedelta(days=3) if kind == "deportation" else day
                span: DateRange = DateRange(when, when, "day")
                place = Place(name, "RU", lat, lon, "city", geonameid=gid, admin1=admin1)
                roll = rng.random()
                if roll < 0.03:
                    span = DateRange(None, None, "unknown")
                elif roll < 0.06:
                    r = regions[admin1]
                    place = Place(f"region{admin1}", "RU", r[1], r[2], "region", admin1=admin1)
                count = None
                if kind != "raid":
                    value = max(1, int(detained * rng.uniform(0.8, 1.2)))
                    if kind != "detention":
                        value = max(1, value // 8)
                    count = Count(value, value, "exact")
                cid = f"c{len(claims)}"
                claims.append(
                    Claim(doc_id, cid, kind, span, place, (), (), count, (), "reported",  # type: ignore[arg-type]
                          Evidence(f"{kind} in {name}", 0, 10))
                )
                truth[cid] = f"I{incident}"
    return claims[:n], docs, truth


def rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def one(n: int, years: int) -> None:
    t0 = time.perf_counter()
    claims, docs, truth = synthetic(n, years)
    made, before = time.perf_counter() - t0, rss_mb()
    t0 = time.perf_counter()
    mapping = cluster_incidents(claims, documents=docs)
    took = time.perf_counter() - t0
    scores = pairwise_incident_scores(mapping, {c.claim_id: truth[c.claim_id] for c in claims})
    print(
        f"{n:>9,} claims  grouping {took:7.1f} s  ({n / took:,.0f} claims/s)  "
        f"incidents {len(set(mapping.values())):,}  peak RSS {rss_mb():,.0f} MB  "
        f"grouping +RSS {rss_mb() - before:,.0f} MB  "
        f"pair P {scores['incident_pair_precision']:.3f} R {scores['incident_pair_recall']:.3f}"
        f"  ({years} years; generation {made:.1f} s)",
        flush=True,
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, help="one size only (in this process)")
    parser.add_argument(
        "--years", type=int,
        help="span of the record; default 5 years per 100 k claims, so that reports per "
        "town and day stay as dense as at 100 k (a fixed span makes big towns ever busier)",
    )
    args = parser.parse_args()
    if args.n:
        one(args.n, args.years or max(5, 5 * args.n // 100_000))
        return
    for n in SIZES:
        extra = ["--years", str(args.years)] if args.years else []
        subprocess.run([sys.executable, __file__, "--n", str(n), *extra], check=True)


if __name__ == "__main__":
    main()
