"""The export's streaming read and its fast paths: ``Store.iter_export_rows`` against the
per-claim reads it replaces (SQLite and PostgreSQL), stored order across review states,
Parquet over several batches, and the same export with and without orjson."""

from __future__ import annotations

import io
import json
import os
import secrets
from collections.abc import Iterator
from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa

from khronika.export.records import ExportQuery, iter_records
from khronika.export.run import export
from khronika.model import Claim, Count, DateRange, Document, Evidence, Place
from khronika.store import ClaimFilter, SqlStore, open_store
from khronika.store.postgres import normalise_postgres_url

PG_URL = os.environ.get("KHRONIKA_TEST_PG", "postgresql://postgres@127.0.0.1:54329/test")
KAZAN = Place("Kazan", "RU", 55.7887, 49.1221, "city", "в Казани", "Казань", 551487, "73")


def claim(doc_id: str, n: int, **changes: Any) -> Claim:
    base = Claim(
        doc_id=doc_id,
        claim_id=f"{doc_id}-{n}",
        event_type="raid",
        date=DateRange(date(2024, 3, 2), date(2024, 3, 2), "day", "2 марта"),
        location=KAZAN,
        actors=("police", "migration_service"),
        targets=("migrants",),
        count=Count(12, 12, "exact", "12 человек"),
        attribution=("Бизнес Онлайн",),
        certainty="reported",
        evidence=Evidence("В Казани 2 марта в ходе рейда задержали 12 человек.", 0, 51),
    )
    return replace(base, **changes)


def document(doc_id: str, outlet: str | None, **changes: Any) -> Document:
    doc = Document(doc_id, "В Казани 2 марта в ходе рейда задержали 12 человек.", "ru",
                   outlet=outlet, url=f"https://example.org/{doc_id}")  # fmt: skip
    return replace(doc, **changes)


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def store(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[SqlStore]:
    if request.param == "sqlite":
        s = open_store(tmp_path / "k.db")
        yield s
        s.close()
        return
    admin = sa.create_engine(normalise_postgres_url(PG_URL))
    schema = f"kx_{os.getpid()}_{secrets.token_hex(3)}"
    with admin.begin() as conn:
        conn.exec_driver_sql(f"CREATE SCHEMA {schema}")
    s = open_store(f"{PG_URL}?options=-csearch_path%3D{schema}")
    try:
        yield s
    finally:
        s.close()
        with admin.begin() as conn:
            conn.exec_driver_sql(f"DROP SCHEMA {schema} CASCADE")
        admin.dispose()


@pytest.fixture
def filled(store: SqlStore) -> SqlStore:
    store.save_document(
        document("x", "Бизнес Онлайн", published=date(2024, 3, 3)),
        [claim("x", 0), claim("x", 1, event_type="detention", count=Count(3, None, "more_than"))],
    )
    store.save_document(document("y", None), [claim("y", 0, attribution=())])
    store.save_document(
        document("z", "Fontanka", language="en", title="Raid at a market"),
        [claim("z", 0, location=Place(None, None, None, None, "unknown"), count=None),
         claim("z", 1, date=DateRange(None, None, "unknown"))],
    )  # fmt: skip
    store.set_incident_ids({"x-0": "inc-a", "y-0": "inc-a", "z-1": "inc-b"})
    store.save_review("x-1", "ann", {"review_state": "rejected"}, 1)
    edit = {"count": {"min": 14, "max": 14, "qualifier": "exact", "text": "14 человек"}}
    store.save_review("y-0", "ann", edit, 1)
    store.save_review("z-0", "ann", {"review_state": "accepted"}, 1)
    return store


def test_export_rows_equal_the_per_claim_reads(filled: SqlStore) -> None:
    rows = list(filled.iter_export_rows())
    assert [r.to_claim() for r in rows] == list(filled.iter_claims())  # stored order
    for row in rows:
        review = filled.get_review(row.claim["claim_id"])
        doc = filled.get_document(row.doc_id)
        assert review is not None and doc is not None
        assert row.review_state == review.review_state
        assert (row.outlet, row.url, row.published) == (doc.outlet, doc.url, doc.published)
        assert row.document is None  # only read when asked for
    by_id = {r.claim["claim_id"]: r for r in rows}
    assert by_id["y-0"].claim["count"]["min"] == 14  # the reviewed version
    assert by_id["y-0"].review_state == "edited"
    assert by_id["x-0"].claim["incident_id"] == "inc-a"
    assert by_id["z-0"].claim["count"] is None


@pytest.mark.parametrize(
    "filters",
    [
        ClaimFilter(review_states=("accepted", "rejected")),
        ClaimFilter(event_types=("detention",), country="RU"),
        ClaimFilter(date_from=date(2024, 3, 1), limit=2, offset=1),
        ClaimFilter(incident_id="inc-a"),
    ],
)
def test_export_rows_filter_like_iter_claims(filled: SqlStore, filters: ClaimFilter) -> None:
    rows = [r.claim["claim_id"] for r in filled.iter_export_rows(filters)]
    assert rows == [c.claim_id for c in filled.iter_claims(filters)]


def test_export_rows_stream_in_small_batches_with_documents(filled: SqlStore) -> None:
    rows = list(filled.iter_export_rows(batch_size=2, with_documents=True))
    assert [r.claim["claim_id"] for r in rows] == [c.claim_id for c in filled.iter_claims()]
    for row in rows:
        assert row.document == filled.get_document(row.doc_id)
    assert rows[0].document is rows[1].document  # one object for a document's claims
    assert rows[-1].document is not None and rows[-1].document.title == "Raid at a market"


def test_export_keeps_stored_order_across_review_states(filled: SqlStore) -> None:
    buf = io.StringIO()
    export(filled, buf, format="jsonl", redactor=None)
    lines = [json.loads(x) for x in buf.getvalue().splitlines()]
    assert [r["claim_id"] for r in lines] == ["x-0", "x-1", "y-0", "z-0", "z-1"]
    assert [r["review_state"] for r in lines] == [
        "unreviewed", "rejected", "edited", "accepted", "unreviewed",
    ]  # fmt: skip


def test_export_parquet_over_several_batches(filled: SqlStore, tmp_path: Path) -> None:
    import pyarrow.parquet as pq

    from khronika.export.parquet import ParquetWriter, schema

    out = tmp_path / "x.parquet"
    with out.open("wb") as stream:
        writer = ParquetWriter(stream, timestamp=1, batch_rows=2)
        for record in iter_records(filled, ExportQuery(), redactor=None):
            writer.write(record)
        writer.close()
    parquet = pq.ParquetFile(out)
    assert parquet.metadata.num_row_groups == 3  # 2 + 2 + 1
    table = parquet.read()
    assert table.schema.equals(schema())
    assert table.column("claim_id").to_pylist() == ["x-0", "x-1", "y-0", "z-0", "z-1"]
    assert table.column("date_start").to_pylist()[-1] is None
    assert table.column("count_min").to_pylist() == [12, 3, 14, None, 12]


def _all_formats(store: SqlStore, **query: Any) -> dict[str, str]:
    texts = {}
    for fmt in ("jsonl", "csv", "geojson"):
        buf = io.StringIO()
        export(store, buf, format=fmt, query=ExportQuery(**query), redactor=None, timestamp=7)
        texts[fmt] = buf.getvalue()
    return texts


def test_export_same_text_without_orjson(filled: SqlStore, monkeypatch: pytest.MonkeyPatch) -> None:
    pytest.importorskip("orjson")
    fast = _all_formats(filled) | {"incident": _all_formats(filled, level="incident")["jsonl"]}
    import khronika.export.formats as formats
    import khronika.store.codec as codec

    monkeypatch.setattr(codec, "orjson", None)
    monkeypatch.setattr(formats, "orjson", None)
    slow = _all_formats(filled) | {"incident": _all_formats(filled, level="incident")["jsonl"]}
    assert slow == fast


def test_export_count_beyond_64_bits_stays_exact(store: SqlStore) -> None:
    huge = 2**70  # nonsense a parser could still read from a garbled page
    store.save_document(document("h", "Outlet"), [claim("h", 0, count=Count(huge, huge, "exact"))])
    row = next(store.iter_export_rows())
    assert row.claim["count"]["min"] == huge and isinstance(row.claim["count"]["min"], int)
    line = json.loads(_all_formats(store)["jsonl"])
    assert line["count"] == {"min": huge, "max": huge, "qualifier": "exact", "text": None}
    assert store.get_claim("h-0") == claim("h", 0, count=Count(huge, huge, "exact"))
