"""Migration 1: documents, claims, rejections, review audit log, users and API tokens.

These table objects are also what queries use (``store/schema.py``) while 1 is the latest
version. A later migration must not edit them: it copies what it needs into its own module,
alters the database with explicit DDL, and ``schema.py`` then describes the new shape
(``test_store_schema_matches_migrations`` compares the two).
"""

from __future__ import annotations

import sqlalchemy as sa

metadata = sa.MetaData()

# SQLite only auto-increments an INTEGER PRIMARY KEY (the rowid alias), not a BIGINT one.
_PK = sa.BigInteger().with_variant(sa.Integer(), "sqlite")
_ID = sa.String(200)  # document and claim ids are content hashes; 200 leaves room for prefixes
_WHEN = sa.DateTime(timezone=True)

documents = sa.Table(
    "documents",
    metadata,
    sa.Column("id", _ID, primary_key=True),
    sa.Column("language", sa.String(8), nullable=False),
    sa.Column("source", sa.Text, nullable=False),
    sa.Column("record", sa.Text),
    sa.Column("url", sa.Text),
    sa.Column("outlet", sa.Text),
    sa.Column("title", sa.Text),
    sa.Column("published", sa.Date),
    sa.Column("data", sa.Text, nullable=False),  # the whole Document as JSON, text included
    sa.Column("saved_at", _WHEN, nullable=False),
)

claims = sa.Table(
    "claims",
    metadata,
    # Insertion order: documents in the order saved, claims in document order.
    sa.Column("pk", _PK, primary_key=True, autoincrement=True),
    sa.Column("claim_id", _ID, nullable=False, unique=True),
    sa.Column("doc_id", _ID, sa.ForeignKey("documents.id"), nullable=False),
    sa.Column("seq", sa.Integer, nullable=False),
    sa.Column("event_type", sa.String(40), nullable=False),
    sa.Column("date_start", sa.Date),
    sa.Column("date_end", sa.Date),
    sa.Column("country", sa.String(100)),
    sa.Column("admin1", sa.String(200)),
    sa.Column("certainty", sa.String(20), nullable=False),
    sa.Column("review_state", sa.String(20), nullable=False, server_default="unreviewed"),
    sa.Column("incident_id", _ID),
    sa.Column("version", sa.Integer, nullable=False, server_default="1"),
    sa.Column("data", sa.Text, nullable=False),  # the claim as extracted (codec JSON)
    sa.Column("reviewed", sa.Text),  # the claim with reviewers' edits, None when unedited
    sa.Column("updated_at", _WHEN, nullable=False),
    sa.UniqueConstraint("doc_id", "seq", name="uq_claims_doc_seq"),
    sa.CheckConstraint(
        "review_state IN ('unreviewed', 'accepted', 'rejected', 'edited')",
        name="ck_claims_review_state",
    ),
    sa.CheckConstraint("version >= 1", name="ck_claims_version"),
)
sa.Index("ix_claims_event_type", claims.c.event_type)
sa.Index("ix_claims_dates", claims.c.date_start, claims.c.date_end)
sa.Index("ix_claims_place", claims.c.country, claims.c.admin1)
sa.Index("ix_claims_incident", claims.c.incident_id)
sa.Index("ix_claims_review_state", claims.c.review_state)

rejections = sa.Table(
    "rejections",
    metadata,
    sa.Column("pk", _PK, primary_key=True, autoincrement=True),
    sa.Column("source", sa.Text, nullable=False),
    sa.Column("record", sa.Text),
    # NULL never equals NULL in a unique index (SQLite has no NULLS NOT DISTINCT): the key
    # column holds record or "" so that re-running a record-less rejection adds nothing.
    sa.Column("record_key", sa.Text, nullable=False),
    sa.Column("code", sa.String(20), nullable=False),
    sa.Column("stage", sa.String(60), nullable=False),
    sa.Column("message", sa.Text, nullable=False),
    sa.Column("doc_id", _ID),
    sa.Column("created_at", _WHEN, nullable=False),
    sa.UniqueConstraint("source", "record_key", "code", name="uq_rejections_key"),
)

audit_log = sa.Table(
    "audit_log",
    metadata,
    sa.Column("pk", _PK, primary_key=True, autoincrement=True),
    sa.Column("claim_id", _ID, sa.ForeignKey("claims.claim_id"), nullable=False),
    sa.Column("version", sa.Integer, nullable=False),
    sa.Column("username", sa.String(100), nullable=False),
    sa.Column("at", _WHEN, nullable=False),
    sa.Column("field", sa.String(40), nullable=False),
    sa.Column("old", sa.Text),  # JSON
    sa.Column("new", sa.Text),  # JSON
)
sa.Index("ix_audit_log_claim", audit_log.c.claim_id, audit_log.c.pk)

users = sa.Table(
    "users",
    metadata,
    sa.Column("username", sa.String(100), primary_key=True),
    sa.Column("role", sa.String(20), nullable=False),
    sa.Column("password_hash", sa.Text, nullable=False),
    sa.Column("created_at", _WHEN, nullable=False),
    sa.CheckConstraint("role IN ('admin', 'reviewer', 'viewer')", name="ck_users_role"),
)

api_tokens = sa.Table(
    "api_tokens",
    metadata,
    sa.Column("token_hash", sa.String(200), primary_key=True),
    sa.Column("username", sa.String(100), sa.ForeignKey("users.username"), nullable=False),
    sa.Column("label", sa.Text, nullable=False, server_default=""),
    sa.Column("created_at", _WHEN, nullable=False),
)

# The audit log is evidence of who changed what: the database itself refuses to rewrite it,
# so not even a bug in a later version of this package can.
_SQLITE_APPEND_ONLY = (
    "CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log "
    "BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END",
    "CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log "
    "BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END",
)
_POSTGRES_APPEND_ONLY = (
    "CREATE FUNCTION khronika_audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS "
    "$$ BEGIN RAISE EXCEPTION 'audit_log is append-only'; END $$",
    "CREATE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE OR TRUNCATE ON audit_log "
    "FOR EACH STATEMENT EXECUTE FUNCTION khronika_audit_log_append_only()",
)


def upgrade(conn: sa.Connection) -> None:
    metadata.create_all(conn, checkfirst=False)
    dialect = conn.dialect.name
    for statement in _SQLITE_APPEND_ONLY if dialect == "sqlite" else _POSTGRES_APPEND_ONLY:
        conn.exec_driver_sql(statement)
