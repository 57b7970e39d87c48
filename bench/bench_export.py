"""Export time and peak memory for N synthetic claims per format.

    .venv/bin/python bench/bench_export.py                        # N = 100_000
    .venv/bin/python bench/bench_export.py --n 1000000 --db /tmp/k1m.db   # keep the store
    .venv/bin/python bench/bench_export.py --n 1000000 --db /tmp/k1m.db --redact

Claims are stored 8 to a document (so 1 M claims are 125 k documents) in an SQLite store,
written in bulk (filling is not timed; with ``--db`` an existing store of N claims is reused).
A few claims are accepted or rejected and 30 % belong to an incident. Each format runs in a
fresh process so its peak RSS is its own.

Names: every document names private people, so ``--redact`` exercises redaction on every
claim. Its cost is natasha's analysis of each document (0.05-0.2 s), which at 125 k
documents would be hours and says nothing about the export, so the documents' texts come
from a pool of ``--texts`` distinct reports and the bench's redactor analyses each distinct
text once: the table's time is the export with redaction applied to every claim, and the
per-document natasha cost is printed beside it (multiply by a real corpus's documents).
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
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any, ClassVar

from khronika.model import Claim, Count, DateRange, Evidence, Lang, Place

CLAIMS_PER_DOC = 8
INSERT_ROWS = 20_000
PLACES = [
    Place("Moscow", "RU", 55.7558, 37.6173, "city", "в Москве", "Москва", 524901, "48"),
    Place("Kazan", "RU", 55.7887, 49.1221, "city", "в Казани", "Казань", 551487, "73"),
    Place(None, None, None, None, "unknown"),
]
# Reports in the shape of the ones the pipeline reads, each naming two private people.
GIVEN = ["Алишер", "Рустам", "Бахром", "Фаррух", "Шухрат", "Зарина", "Дильноза", "Тимур"]
SURNAMES = ["Каримов", "Юсупов", "Рахимов", "Назаров", "Саидов", "Исмаилов", "Турсунов"]
TEMPLATE = (
    "{place_in} {day} января полицейские задержали {given}а {surname}а и ещё {n} мигрантов, "
    "сообщает «Фонтанка». Об этом рассказал его брат {given2} {surname2}. По словам "
    "адвоката, {surname}а отпустили вечером."
)


def texts(k: int) -> list[str]:
    rnd = random.Random(2)
    out = []
    for i in range(k):
        place = PLACES[i % 2]
        given, given2 = rnd.sample([g for g in GIVEN if not g.endswith("а")], 2)  # +а: a case
        surname, surname2 = rnd.sample(SURNAMES, 2)
        place_in = "В" + (place.text or "")[1:]
        text = TEMPLATE.format(place_in=place_in, day=1 + i % 28, n=5 + i, given=given,
                               surname=surname, given2=given2, surname2=surname2)  # fmt: skip
        out.append(text)
    return out


def fill(db: Path, n: int, k: int) -> None:
    """N claims in bulk through the store's own tables and JSON codec (not its per-document
    save, which at a million claims would take longer than every export together)."""
    import sqlalchemy as sa

    from khronika.store import open_store
    from khronika.store.codec import claim_to_json, document_to_json
    from khronika.store.engine import make_engine
    from khronika.store.schema import claims, documents

    open_store(db).close()  # creates and migrates the schema
    engine, _ = make_engine(db)
    pool = texts(k)
    rnd = random.Random(1)
    now = datetime.now(UTC)
    base = Claim(
        doc_id="", claim_id="", event_type="detention",
        date=DateRange(None, None, "day"), location=PLACES[0], actors=("police",),
        targets=("migrants",), count=None, attribution=("Fontanka",), certainty="reported",
        evidence=Evidence("", 0, 0),
    )  # fmt: skip
    doc_rows: list[dict[str, Any]] = []
    claim_rows: list[dict[str, Any]] = []

    def flush(conn: sa.Connection) -> None:
        if doc_rows:
            conn.execute(documents.insert(), doc_rows)
            conn.execute(claims.insert(), claim_rows)
        doc_rows.clear()
        claim_rows.clear()

    with engine.begin() as conn:
        for d in range(0, n, CLAIMS_PER_DOC):
            doc_id = f"d{d}"
            text = pool[(d // CLAIMS_PER_DOC) % len(pool)]
            sentence = text[: text.index(".") + 1]
            from khronika.model import Document

            doc = Document(doc_id, text, "ru", outlet="Outlet", title="Рейд на рынке")
            doc_rows.append({
                "id": doc_id, "language": "ru", "source": "bench", "record": None, "url": None,
                "outlet": doc.outlet, "title": doc.title, "published": None,
                "data": document_to_json(doc), "saved_at": now,
            })  # fmt: skip
            for i in range(min(CLAIMS_PER_DOC, n - d)):
                day = date(2024, 1, 1) + timedelta(days=rnd.randrange(300))
                count = rnd.randrange(1, 500)
                place = rnd.choice(PLACES)
                claim = replace(
                    base, doc_id=doc_id, claim_id=f"{doc_id}-{i}",
                    date=DateRange(day, day, "day", f"{day.day} января"), location=place,
                    count=Count(count, count, "exact", str(count)),
                    evidence=Evidence(sentence, 0, len(sentence)),
                )  # fmt: skip
                r = rnd.random()
                claim_rows.append({
                    "claim_id": claim.claim_id, "doc_id": doc_id, "seq": i,
                    "event_type": claim.event_type, "date_start": day, "date_end": day,
                    "country": place.country, "admin1": place.admin1,
                    "certainty": claim.certainty,
                    "review_state": "accepted" if r < 0.05 else
                    "rejected" if r < 0.07 else "unreviewed",
                    "incident_id": f"inc{rnd.randrange(max(1, n // 10))}" if r < 0.3 else None,
                    "version": 1, "data": claim_to_json(claim), "reviewed": None,
                    "updated_at": now,
                })  # fmt: skip
            if len(claim_rows) >= INSERT_ROWS:
                flush(conn)
        flush(conn)
    engine.dispose()


def stored_claims(db: Path) -> int:
    import sqlite3

    with sqlite3.connect(db) as conn:
        return int(conn.execute("SELECT count(*) FROM claims").fetchone()[0])


def peak_rss_mb() -> float:
    """This process's peak RSS. Linux keeps ru_maxrss across exec, so a child would report
    its parent's peak (the fill's); VmHWM belongs to the process's own memory map."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def one(db: Path, fmt: str, args: argparse.Namespace) -> None:
    from khronika.export.records import ExportQuery
    from khronika.export.redact import Names, Redactor
    from khronika.export.run import export_to_file
    from khronika.store import open_store

    class TextCachedRedactor(Redactor):
        """Analyses each distinct text once (the synthetic documents repeat a pool)."""

        analysed = 0
        seconds = 0.0
        by_text: ClassVar[dict[tuple[str, str], Names]] = {}

        def names_in(self, text: str, lang: Lang) -> Names:
            found = self.by_text.get((text, lang))
            if found is None:
                start = time.perf_counter()
                found = super().names_in(text, lang)
                TextCachedRedactor.seconds += time.perf_counter() - start
                TextCachedRedactor.analysed += 1
                self.by_text[(text, lang)] = found
            return found

    redactor = None
    if args.redact:
        from khronika.nlp import build_nlp

        redactor = TextCachedRedactor(build_nlp())
        redactor.names_in("Иван Петров задержан.", "ru")  # natasha's first call loads lazily
        TextCachedRedactor.analysed, TextCachedRedactor.seconds = 0, 0.0
    store = open_store(db)
    out = db.with_suffix("." + fmt)
    query = ExportQuery(level=args.level, count_sources=args.sources)
    start, cpu = time.perf_counter(), time.process_time()
    stats = export_to_file(store, out, format=fmt, query=query, redactor=redactor)  # type: ignore[arg-type]
    seconds, cpu = time.perf_counter() - start, time.process_time() - cpu
    store.close()
    peak_mb = peak_rss_mb()
    size_mb = out.stat().st_size / 1e6
    out.unlink()
    names = "redacted" if args.redact else "names kept"
    line = (f"| {fmt:8} | {names:10} | {stats.rows:>9} | {seconds:6.1f} s | {cpu:6.1f} s "
            f"| {peak_mb:5.0f} MB | {size_mb:6.1f} MB |")  # fmt: skip
    if redactor is not None and TextCachedRedactor.analysed:
        nlp = TextCachedRedactor.seconds
        each = nlp / TextCachedRedactor.analysed
        line += (f" of which natasha {nlp:.1f} s for {TextCachedRedactor.analysed} texts, "
                 f"{each * 1000:.0f} ms/document")  # fmt: skip
    print(line, flush=True)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--n", type=int, default=100_000)
    parser.add_argument("--formats", default="jsonl,csv,geojson,parquet")
    parser.add_argument("--redact", action="store_true")
    parser.add_argument("--level", default="claim", choices=("claim", "incident"))
    parser.add_argument("--sources", action="store_true", help="count incident sources")
    parser.add_argument("--texts", type=int, default=64, help="distinct document texts")
    parser.add_argument("--db", type=Path, help="store to fill once and reuse")
    parser.add_argument("--one", nargs=2, metavar=("DB", "FORMAT"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.one:
        one(Path(args.one[0]), args.one[1], args)
        return
    with tempfile.TemporaryDirectory() as folder:
        db = args.db or Path(folder) / "bench.db"
        if db.exists() and stored_claims(db) == args.n:
            print(f"reusing {db}: {args.n} claims")
        else:
            for stale in db.parent.glob(db.name + "*"):
                stale.unlink()
            start = time.perf_counter()
            fill(db, args.n, args.texts)
            print(f"filled {args.n} claims in {time.perf_counter() - start:.1f} s")
        print(f"level {args.level}{', sources counted' if args.sources else ''}; "
              f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs")  # fmt: skip
        # under other load the wall time stretches; the CPU time (user + system) much less
        print("| format | names | rows | time | CPU | peak RSS | file |\n"
              "|---|---|---|---|---|---|---|")  # fmt: skip
        for fmt in args.formats.split(","):
            cmd = [sys.executable, __file__, "--one", str(db), fmt, "--level", args.level]
            cmd += ["--redact"] if args.redact else []
            cmd += ["--sources"] if args.sources else []
            subprocess.run(cmd, check=True, env=os.environ.copy())


if __name__ == "__main__":
    main()
