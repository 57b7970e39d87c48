"""Export time and peak memory for N synthetic claims per format.

    .venv/bin/python bench/bench_export.py                 # N = 100_000
    .venv/bin/python bench/bench_export.py --n 1000000
    .venv/bin/python bench/bench_export.py --redact        # names redacted (natasha per doc)

Claims are stored 8 to a document in a temporary SQLite store (filling it is not timed).
Each format runs in a fresh process so its peak RSS is its own.
"""

from __future__ import annotations

import argparse
import os
import random
import resource
import subprocess
import sys
import tempfile
import time
from dataclasses import replace
from datetime import date, timedelta
from pathlib import Path

from khronika.model import Claim, Count, DateRange, Document, Evidence, Place

CLAIMS_PER_DOC = 8
PLACES = [
    Place("Moscow", "RU", 55.7558, 37.6173, "city", "в Москве", "Москва", 524901, "48"),
    Place("Kazan", "RU", 55.7887, 49.1221, "city", "в Казани", "Казань", 551487, "73"),
    Place(None, None, None, None, "unknown"),
]
TEXT = "В {place} {day} января полицейские задержали {n} мигрантов, сообщает «Фонтанка»."


def fill(db: Path, n: int) -> None:
    from khronika.store import open_store

    rnd = random.Random(1)
    store = open_store(db)
    base = Claim(
        doc_id="", claim_id="", event_type="detention",
        date=DateRange(None, None, "day"), location=PLACES[0], actors=("police",),
        targets=("migrants",), count=None, attribution=("Fontanka",), certainty="reported",
        evidence=Evidence("", 0, 0),
    )  # fmt: skip
    incidents: dict[str, str] = {}
    for d in range(0, n, CLAIMS_PER_DOC):
        doc_id = f"d{d}"
        claims = []
        texts = []
        for i in range(min(CLAIMS_PER_DOC, n - d)):
            day = date(2024, 1, 1) + timedelta(days=rnd.randrange(300))
            count = rnd.randrange(1, 500)
            place = rnd.choice(PLACES)
            text = TEXT.format(place=place.text or "России", day=day.day, n=count)
            texts.append(text)
            claim = replace(
                base, doc_id=doc_id, claim_id=f"{doc_id}-{i}",
                date=DateRange(day, day, "day", f"{day.day} января"), location=place,
                count=Count(count, count, "exact", str(count)), evidence=Evidence(text, 0, 80),
            )  # fmt: skip
            claims.append(claim)
            if rnd.random() < 0.3:
                incidents[claim.claim_id] = f"inc{rnd.randrange(max(1, n // 10))}"
        store.save_document(Document(doc_id, " ".join(texts), "ru", outlet="Outlet"), claims)
    store.set_incident_ids(incidents)
    store.close()


def one(db: Path, fmt: str, redact: bool) -> None:
    from khronika.export.redact import Redactor
    from khronika.export.run import export_to_file
    from khronika.store import open_store

    redactor = None
    if redact:
        from khronika.nlp import build_nlp

        redactor = Redactor(build_nlp())
    store = open_store(db)
    out = db.with_suffix("." + fmt)
    start = time.perf_counter()
    stats = export_to_file(store, out, format=fmt, redactor=redactor)  # type: ignore[arg-type]
    seconds = time.perf_counter() - start
    store.close()
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    size_mb = out.stat().st_size / 1e6
    print(f"{fmt:8} {stats.rows:>9} rows  {seconds:7.1f} s  peak RSS {peak_mb:6.0f} MB  "
          f"file {size_mb:7.1f} MB", flush=True)  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--n", type=int, default=100_000)
    parser.add_argument("--formats", default="jsonl,csv,geojson,parquet")
    parser.add_argument("--redact", action="store_true")
    parser.add_argument("--one", nargs=2, metavar=("DB", "FORMAT"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.one:
        one(Path(args.one[0]), args.one[1], args.redact)
        return
    with tempfile.TemporaryDirectory() as folder:
        db = Path(folder) / "bench.db"
        start = time.perf_counter()
        fill(db, args.n)
        print(f"filled {args.n} claims in {time.perf_counter() - start:.1f} s "
              f"({'names redacted' if args.redact else '--include-names'})")  # fmt: skip
        for fmt in args.formats.split(","):
            cmd = [sys.executable, __file__, "--one", str(db), fmt]
            subprocess.run(cmd + (["--redact"] if args.redact else []), check=True,
                           env=os.environ.copy())  # fmt: skip


if __name__ == "__main__":
    main()
