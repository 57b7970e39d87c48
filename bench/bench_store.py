"""Store throughput: save, stream and review, on SQLite (NORMAL and FULL sync) and PostgreSQL.

    .venv/bin/python bench/bench_store.py [--docs 2000] [--claims 3] [--pg URL]

Prints one line per figure. PostgreSQL runs when --pg is given (``scripts/pg start`` prints a
URL); the bench works in a fresh schema there and drops it afterwards.
"""

from __future__ import annotations

import argparse
import functools
import secrets
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from pathlib import Path

import sqlalchemy as sa

from khronika.model import Claim, Count, DateRange, Document, Evidence, Place
from khronika.store import SqlStore, open_store
from khronika.store import engine as store_engine
from khronika.store import sql as store_sql
from khronika.store.postgres import normalise_postgres_url

TEXT = "В пятницу в Москве полицейские задержали не менее 3000 мигрантов, сообщает «Фонтанка». " * 8


def make_doc(i: int) -> Document:
    return Document(f"doc{i:07}", TEXT, "ru", source="bench.jsonl", published=date(2024, 1, 2))


def make_claims(doc: Document, n: int) -> list[Claim]:
    return [
        Claim(
            doc_id=doc.id,
            claim_id=f"{doc.id}-{k}",
            event_type="detention",
            date=DateRange(date(2023, 12, 29), date(2023, 12, 29), "day", "в пятницу"),
            location=Place("Moscow", "RU", 55.7558, 37.6173, "city", "в Москве", "Москва",
                           524901, "Moscow"),
            actors=("police",),
            targets=("migrants",),
            count=Count(3000, None, "at_least", "не менее 3000"),
            attribution=("Fontanka",),
            certainty="reported",
            evidence=Evidence(TEXT[:90], 0, 90),
            components=("khronika.events.v1",),
        )
        for k in range(n)
    ]


@contextmanager
def durable_saves(on: bool) -> Iterator[None]:
    # Pipeline saves use synchronous=NORMAL; this measures what FULL would cost them.
    original = store_sql.write_transaction
    if on:
        store_sql.write_transaction = functools.partial(  # type: ignore[assignment]
            store_engine.write_transaction, durable=True
        )
    try:
        yield
    finally:
        store_sql.write_transaction = original  # type: ignore[assignment]


def run(label: str, store: SqlStore, docs: int, claims: int) -> None:
    batch = [(d, make_claims(d, claims)) for d in map(make_doc, range(docs))]
    start = time.perf_counter()
    for doc, doc_claims in batch:
        store.save_document(doc, doc_claims)
    took = time.perf_counter() - start
    print(
        f"{label}: save_document  {docs / took:8.0f} docs/s  "
        f"({docs * claims / took:.0f} claims/s, {took * 1000 / docs:.2f} ms/doc)"
    )

    start = time.perf_counter()
    for doc, doc_claims in batch[: docs // 4]:
        store.save_document(doc, doc_claims)
    took = time.perf_counter() - start
    print(f"{label}: re-run (skip)  {docs // 4 / took:8.0f} docs/s")

    start = time.perf_counter()
    n = sum(1 for _ in store.iter_claims())
    took = time.perf_counter() - start
    print(f"{label}: iter_claims    {n / took:8.0f} claims/s  ({n} claims)")

    reviews = min(500, docs)
    start = time.perf_counter()
    for i in range(reviews):
        store.save_review(f"doc{i:07}-0", "bench", {"certainty": "asserted"}, 1)
    took = time.perf_counter() - start
    print(f"{label}: save_review    {reviews / took:8.0f} reviews/s (synchronous=FULL on SQLite)")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--docs", type=int, default=2000)
    parser.add_argument("--claims", type=int, default=3)
    parser.add_argument("--pg", help="PostgreSQL URL, e.g. from scripts/pg start")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as tmp:
        for sync in ("NORMAL", "FULL"):
            db = Path(tmp) / f"bench-{sync}.db"
            store = open_store(db)
            with durable_saves(sync == "FULL"):
                run(f"sqlite {sync:6}", store, args.docs, args.claims)
            store.close()
            print(f"sqlite {sync:6}: file size     {db.stat().st_size / args.docs:8.0f} bytes/doc")

    if args.pg:
        schema = f"bench_{secrets.token_hex(4)}"
        admin = sa.create_engine(normalise_postgres_url(args.pg))
        with admin.begin() as conn:
            conn.exec_driver_sql(f"CREATE SCHEMA {schema}")
        try:
            store = open_store(f"{args.pg}?options=-csearch_path%3D{schema}")
            run("postgres     ", store, args.docs, args.claims)
            store.close()
        finally:
            with admin.begin() as conn:
                conn.exec_driver_sql(f"DROP SCHEMA {schema} CASCADE")
            admin.dispose()


if __name__ == "__main__":
    main()
