"""``SqlStore``: the ``Store`` on SQLAlchemy Core, the same code for SQLite and PostgreSQL."""

from __future__ import annotations

import json
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import replace
from datetime import UTC, datetime
from typing import Any, cast

import sqlalchemy as sa
from sqlalchemy.dialects import postgresql, sqlite

from khronika.errors import ConflictError, NotFoundError, StoreError
from khronika.model import Claim, Document, Rejection
from khronika.store import codec
from khronika.store.accounts import AccountsMixin
from khronika.store.base import (
    AuditEntry,
    ClaimFilter,
    ClaimReview,
    ExportRow,
    ReviewState,
    StoreCounts,
)
from khronika.store.engine import read_transaction, write_transaction
from khronika.store.migrations import LATEST_VERSION, current_version
from khronika.store.review import apply_review
from khronika.store.schema import api_tokens, audit_log, claims, documents, rejections, users
from khronika.store.sqlite import sqlite_integrity_problems

# Rows fetched per round trip when streaming; large enough to amortise, small in memory.
STREAM_BATCH = 500
# Rows per round trip for exports: their rows are read back to back, so bigger batches pay.
EXPORT_BATCH = 5_000
# Bound parameters per IN (...) list: SQLite's default limit is 32766, PostgreSQL's 65535.
IN_CHUNK = 500


class SqlStore(AccountsMixin):
    def __init__(self, engine: sa.Engine, where: str) -> None:
        self._engine = engine
        self.where = where  # file path or password-less URL, for messages
        # Built once: a statement built per call is compiled (cache key and all) per call,
        # which was most of a document's store time.
        self._insert_document = (
            self._insert(documents).on_conflict_do_nothing().returning(documents.c.id)
        )
        self._insert_claims = claims.insert()

    def __repr__(self) -> str:
        return f"<SqlStore {self.where}>"

    # -- pipeline writes -------------------------------------------------------------------

    def save_document(self, doc: Document, claims_: Sequence[Claim]) -> bool:
        return self.save_documents([(doc, claims_)])[0]

    def save_documents(self, items: Sequence[tuple[Document, Sequence[Claim]]]) -> list[bool]:
        """Each document with its claims, all in one transaction (a commit per document was
        a third of a run's store time); True for those not stored before."""
        for doc, claims_ in items:
            for claim in claims_:
                if claim.doc_id != doc.id:
                    raise StoreError(
                        f"claim {claim.claim_id} belongs to document {claim.doc_id}, not {doc.id}"
                    )
        if not items:
            return []
        now = _now()
        what = f"saving document {items[0][0].id}" + (
            f" and {len(items) - 1} more" if len(items) > 1 else ""
        )
        # One multi-row INSERT for the documents and one for the claims of those inserted:
        # a statement per document was most of the writer's time. A document twice in one
        # batch is stored once, by its first occurrence; later copies build no rows.
        first: dict[str, int] = {}
        for index, (doc, _) in enumerate(items):
            first.setdefault(doc.id, index)
        with self._errors(what), write_transaction(self._engine) as conn:
            unique = [self._document_row(items[index][0], now) for index in first.values()]
            # RETURNING rather than rowcount: drivers disagree on rowcount after DO NOTHING.
            inserted = {row[0] for row in conn.execute(self._insert_document, unique)}
            saved = [
                doc.id in inserted and first[doc.id] == index
                for index, (doc, _) in enumerate(items)
            ]
            claim_rows = [
                row
                for ok, (doc, claims_) in zip(saved, items, strict=True)
                if ok
                for row in self._claim_rows(doc, claims_, now)
            ]
            if claim_rows:
                conn.execute(self._insert_claims, claim_rows)
        return saved

    @staticmethod
    def _document_row(doc: Document, now: datetime) -> dict[str, Any]:
        return {
            "id": doc.id,
            "language": doc.language,
            "source": _column_text(doc.source) or "",
            "record": _column_text(doc.record),
            "url": _column_text(doc.url),
            "outlet": _column_text(doc.outlet),
            "title": _column_text(doc.title),
            "published": doc.published,
            "data": codec.document_to_json(doc),
            "saved_at": now,
        }

    @staticmethod
    def _claim_rows(doc: Document, claims_: Sequence[Claim], now: datetime) -> list[dict[str, Any]]:
        return [
            {
                **_claim_columns(claim),
                "claim_id": claim.claim_id,
                "doc_id": doc.id,
                "seq": seq,
                "review_state": "unreviewed",
                "version": 1,
                "data": codec.claim_to_json(claim),
                "reviewed": None,
                "updated_at": now,
            }
            for seq, claim in enumerate(claims_)
        ]

    def save_rejection(self, rejection: Rejection) -> None:
        row = {
            "source": _column_text(rejection.source) or "",
            "record": _column_text(rejection.record),
            "record_key": _column_text(rejection.record) or "",
            "code": rejection.code,
            "stage": rejection.stage,
            "message": _column_text(rejection.message) or "",
            "doc_id": rejection.doc_id,
            "created_at": _now(),
        }
        with self._errors("saving a rejection"), write_transaction(self._engine) as conn:
            conn.execute(self._insert(rejections).values(row).on_conflict_do_nothing())

    def set_incident_ids(self, mapping: Mapping[str, str]) -> None:
        items = list(mapping.items())
        with self._errors("setting incident ids"), write_transaction(self._engine) as conn:
            ids = [claim_id for claim_id, _ in items]
            found: set[str] = set()
            for start in range(0, len(ids), IN_CHUNK):
                chunk = ids[start : start + IN_CHUNK]
                found.update(
                    conn.execute(
                        sa.select(claims.c.claim_id).where(claims.c.claim_id.in_(chunk))
                    ).scalars()
                )
            missing = [claim_id for claim_id in ids if claim_id not in found]
            if missing:
                raise NotFoundError(
                    f"set_incident_ids: {len(missing)} unknown claim ids, e.g. {missing[0]}"
                )
            if items:
                conn.execute(
                    claims.update()
                    .where(claims.c.claim_id == sa.bindparam("b_claim_id"))
                    .values(incident_id=sa.bindparam("b_incident_id")),
                    [{"b_claim_id": c, "b_incident_id": i} for c, i in items],
                )

    # -- reads -----------------------------------------------------------------------------

    def has_document(self, doc_id: str) -> bool:
        query = sa.select(documents.c.id).where(documents.c.id == doc_id)
        with self._errors("reading"), read_transaction(self._engine) as conn:
            return conn.execute(query).first() is not None

    def get_document(self, doc_id: str) -> Document | None:
        query = sa.select(documents.c.data).where(documents.c.id == doc_id)
        with self._errors("reading"), read_transaction(self._engine) as conn:
            data = conn.execute(query).scalar()
        return None if data is None else codec.document_from_json(data)

    def iter_claims(self, filters: ClaimFilter | None = None) -> Iterator[Claim]:
        query = _filtered(
            sa.select(claims.c.data, claims.c.reviewed, claims.c.incident_id),
            filters or ClaimFilter(),
        )
        for row in self._stream(query, "reading claims"):
            yield _claim_from_row(row.reviewed or row.data, row.incident_id)

    def iter_export_rows(
        self,
        filters: ClaimFilter | None = None,
        batch_size: int = EXPORT_BATCH,
        *,
        with_documents: bool = False,
    ) -> Iterator[ExportRow]:
        c, d = claims.c, documents.c
        columns = [
            c.data, c.reviewed, c.incident_id, c.review_state, d.outlet, d.url, d.published, c.pk,
        ]
        if with_documents:
            columns.append(d.data)
        query = _filtered(
            sa.select(*columns).select_from(claims.join(documents, c.doc_id == d.id)),
            filters or ClaimFilter(),
        )
        loads = codec.loads_claim
        doc: Document | None = None
        for found in self._stream(query, "reading claims for export", batch_size):
            row = cast("tuple[Any, ...]", found)  # a Row is a tuple; typed as one column
            claim = loads(row[1] or row[0])
            # incident_id lives in its column: clustering reassigns it without rewriting JSON
            claim["incident_id"] = row[2]
            if with_documents and (doc is None or doc.id != claim["doc_id"]):
                doc = codec.document_from_json(row[8])
            yield ExportRow(claim, row[3], row[4], row[5], row[6], doc, row[7])

    def get_claim(self, claim_id: str) -> Claim | None:
        review = self.get_review(claim_id)
        return None if review is None else review.claim

    def get_review(self, claim_id: str) -> ClaimReview | None:
        query = sa.select(
            claims.c.data,
            claims.c.reviewed,
            claims.c.incident_id,
            claims.c.review_state,
            claims.c.version,
        ).where(claims.c.claim_id == claim_id)
        with self._errors("reading"), read_transaction(self._engine) as conn:
            row = conn.execute(query).first()
        if row is None:
            return None
        original = codec.claim_from_json(row.data)
        current = _claim_from_row(row.reviewed or row.data, row.incident_id)
        return ClaimReview(current, original, row.review_state, row.version)

    def count(self) -> StoreCounts:
        def total(table: sa.Table) -> sa.ScalarSelect[int]:
            return sa.select(sa.func.count()).select_from(table).scalar_subquery()

        incidents = (
            sa.select(sa.func.count(sa.distinct(claims.c.incident_id)))
            .where(claims.c.incident_id.is_not(None))
            .scalar_subquery()
        )
        query = sa.select(total(documents), total(claims), total(rejections), incidents)
        with self._errors("counting"), read_transaction(self._engine) as conn:
            row = conn.execute(query).one()
        return StoreCounts(*(int(n) for n in row))

    def iter_rejections(self) -> Iterator[Rejection]:
        query = sa.select(rejections).order_by(rejections.c.pk)
        for row in self._stream(query, "reading rejections"):
            yield Rejection(
                source=row.source,
                stage=row.stage,
                code=row.code,
                message=row.message,
                record=row.record,
                doc_id=row.doc_id,
            )

    # -- review ----------------------------------------------------------------------------

    def save_review(
        self, claim_id: str, user: str, changes: Mapping[str, object], expected_version: int
    ) -> int:
        with (
            self._errors(f"saving a review of {claim_id}"),
            write_transaction(self._engine, durable=True) as conn,
        ):
            # FOR UPDATE makes a concurrent reviewer on PostgreSQL wait for this transaction
            # and then see the new version; SQLite's BEGIN IMMEDIATE already serialises.
            row = conn.execute(
                sa.select(
                    claims.c.data,
                    claims.c.reviewed,
                    claims.c.incident_id,
                    claims.c.review_state,
                    claims.c.version,
                )
                .where(claims.c.claim_id == claim_id)
                .with_for_update()
            ).first()
            if row is None:
                raise NotFoundError(f"claim {claim_id} is not stored")
            if row.version != expected_version:
                raise _conflict(claim_id, expected_version, row.version)
            current = codec.claim_to_full_dict(
                _claim_from_row(row.reviewed or row.data, row.incident_id)
            )
            outcome = apply_review(current, row.review_state, changes)
            if not outcome.diffs:
                return int(row.version)
            now = _now()
            values: dict[str, Any] = {
                "version": expected_version + 1,
                "review_state": outcome.review_state,
                "updated_at": now,
            }
            if outcome.edited:
                values |= _claim_columns(outcome.claim)
                values["incident_id"] = outcome.claim.incident_id
                values["reviewed"] = codec.claim_to_json(outcome.claim)
            updated = conn.execute(
                claims.update()
                .where(claims.c.claim_id == claim_id, claims.c.version == expected_version)
                .values(values)
            )
            if updated.rowcount != 1:
                raise _conflict(claim_id, expected_version, expected_version + 1)
            conn.execute(
                audit_log.insert(),
                [
                    {
                        "claim_id": claim_id,
                        "version": expected_version + 1,
                        "username": user,
                        "at": now,
                        "field": field,
                        "old": codec.dumps(old),
                        "new": codec.dumps(new),
                    }
                    for field, old, new in outcome.diffs
                ],
            )
            return expected_version + 1

    def audit_log(self, claim_id: str) -> list[AuditEntry]:
        query = (
            sa.select(audit_log).where(audit_log.c.claim_id == claim_id).order_by(audit_log.c.pk)
        )
        with self._errors("reading the audit log"), read_transaction(self._engine) as conn:
            rows = conn.execute(query).all()
        return [
            AuditEntry(
                claim_id=row.claim_id,
                version=row.version,
                user=row.username,
                at=_utc(row.at),
                field=row.field,
                old=json.loads(row.old),
                new=json.loads(row.new),
            )
            for row in rows
        ]

    # -- users -----------------------------------------------------------------------------

    # -- maintenance -----------------------------------------------------------------------

    def schema_version(self) -> int:
        with self._errors("reading the schema version"), read_transaction(self._engine) as conn:
            return current_version(conn)

    def integrity_check(self) -> list[str]:
        problems: list[str] = []
        with self._errors("checking integrity"), read_transaction(self._engine) as conn:
            if conn.dialect.name == "sqlite":
                problems += sqlite_integrity_problems(conn)
            version = current_version(conn)
            if version != LATEST_VERSION:
                problems.append(f"schema version {version}, expected {LATEST_VERSION}")
            problems += _orphans(conn)
        problems += self._undecodable_claims()
        return problems

    def close(self) -> None:
        self._engine.dispose()

    # -- helpers ---------------------------------------------------------------------------

    def _insert(self, table: sa.Table) -> Any:
        # Both dialects' INSERT … ON CONFLICT DO NOTHING: idempotent without a failed statement.
        if self._engine.dialect.name == "postgresql":
            return postgresql.insert(table)
        return sqlite.insert(table)

    def _stream(
        self, query: sa.Select[Any], doing: str, batch_size: int = STREAM_BATCH
    ) -> Iterator[sa.Row[Any]]:
        # stream_results is a server-side cursor on PostgreSQL; SQLite's cursor always steps.
        with self._errors(doing), self._engine.connect() as conn:
            result = conn.execution_options(stream_results=True, yield_per=batch_size).execute(
                query
            )
            yield from result

    def _undecodable_claims(self) -> list[str]:
        problems = []
        query = sa.select(claims.c.claim_id, claims.c.doc_id, claims.c.data, claims.c.reviewed)
        for row in self._stream(query.order_by(claims.c.pk), "checking claims"):
            for column in ("data", "reviewed"):
                text = getattr(row, column)
                if text is None:
                    continue
                try:
                    claim = codec.claim_from_json(text)
                except (ValueError, KeyError, TypeError, AttributeError) as exc:
                    problems.append(f"claim {row.claim_id}: {column} is not a claim ({exc!r})")
                    continue
                if (claim.claim_id, claim.doc_id) != (row.claim_id, row.doc_id):
                    problems.append(
                        f"claim {row.claim_id}: {column} names claim {claim.claim_id} "
                        f"of document {claim.doc_id}"
                    )
        return problems

    def _errors(self, doing: str) -> _StoreErrors:
        return _StoreErrors(f"{self.where}: {doing}")


class _StoreErrors:
    """Turns driver and SQLAlchemy failures into ``StoreError`` naming the store and action."""

    def __init__(self, context: str) -> None:
        self.context = context

    def __enter__(self) -> None:
        return None

    def __exit__(
        self, kind: type[BaseException] | None, exc: BaseException | None, tb: object
    ) -> None:
        if isinstance(exc, sa.exc.SQLAlchemyError | UnicodeError):
            detail = getattr(exc, "orig", None) or exc
            raise StoreError(f"{self.context} failed: {detail}") from exc


def _filtered(query: sa.Select[Any], f: ClaimFilter) -> sa.Select[Any]:
    c = claims.c
    if f.date_from is not None:
        query = query.where(sa.func.coalesce(c.date_end, c.date_start) >= f.date_from)
    if f.date_to is not None:
        query = query.where(sa.func.coalesce(c.date_start, c.date_end) <= f.date_to)
    if f.event_types:
        query = query.where(c.event_type.in_(f.event_types))
    if f.country is not None:
        query = query.where(c.country == f.country)
    if f.admin1 is not None:
        query = query.where(c.admin1 == f.admin1)
    if f.certainties:
        query = query.where(c.certainty.in_(f.certainties))
    if f.review_states:
        query = query.where(c.review_state.in_(f.review_states))
    if f.incident_id is not None:
        query = query.where(c.incident_id == f.incident_id)
    if f.doc_id is not None:
        query = query.where(c.doc_id == f.doc_id)
    query = query.order_by(c.pk)
    if f.limit is not None:
        query = query.limit(f.limit)
    if f.offset:
        query = query.offset(f.offset)
    return query


def _orphans(conn: sa.Connection) -> list[str]:
    # Foreign keys forbid these, but SQLite only enforces them on connections that switched
    # them on, and a restore or a manual edit can bypass them on either database.
    checks = [
        ("claim", claims.c.claim_id, claims, documents, claims.c.doc_id == documents.c.id),
        (
            "audit entry for claim",
            audit_log.c.claim_id,
            audit_log,
            claims,
            audit_log.c.claim_id == claims.c.claim_id,
        ),
        (
            "token of user",
            api_tokens.c.username,
            api_tokens,
            users,
            api_tokens.c.username == users.c.username,
        ),
    ]
    problems = []
    for what, label, child, parent, on in checks:
        key = next(iter(parent.primary_key.columns)) if parent is not claims else claims.c.pk
        query = (
            sa.select(label)
            .select_from(child.outerjoin(parent, on))
            .where(key.is_(None))
            .limit(100)
        )
        problems += [f"orphan {what} {value}" for value in conn.execute(query).scalars()]
    return problems


def _claim_columns(claim: Claim) -> dict[str, Any]:
    return {
        "event_type": claim.event_type,
        "date_start": claim.date.start,
        "date_end": claim.date.end,
        "country": _column_text(claim.location.country),
        "admin1": _column_text(claim.location.admin1),
        "certainty": claim.certainty,
        "incident_id": claim.incident_id,
    }


def _claim_from_row(data: str, incident_id: str | None) -> Claim:
    # incident_id lives in its column: clustering reassigns it without rewriting the JSON.
    return replace(codec.claim_from_json(data), incident_id=incident_id)


def _column_text(value: str | None) -> str | None:
    # PostgreSQL text cannot hold NUL; filter columns drop it, the JSON keeps it escaped.
    return None if value is None else value.replace("\x00", "")


def _conflict(claim_id: str, expected: int, actual: int) -> ConflictError:
    return ConflictError(
        f"claim {claim_id} is at version {actual}, the review was made on version {expected}; "
        "reload the claim and review it again",
        claim_id=claim_id,
        expected=expected,
        actual=actual,
    )


def _now() -> datetime:
    return datetime.now(UTC)


def _utc(value: datetime) -> datetime:
    # SQLite hands back the naive UTC wall time that was written; PostgreSQL an aware value.
    return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


__all__ = ["ReviewState", "SqlStore"]
