"""PostgreSQL engine (psycopg 3) for the team server."""

from __future__ import annotations

import sqlalchemy as sa

# Arbitrary constant naming khronika's migration lock among a database's advisory locks.
MIGRATION_LOCK_ID = 0x6B68726F  # "khro"
POOL_SIZE = 8
MAX_OVERFLOW = 32


def normalise_postgres_url(url: str) -> str:
    """``postgresql://`` and ``postgres://`` mean psycopg 3, the driver khronika depends on."""
    for prefix in ("postgresql://", "postgres://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url[len(prefix) :]
    return url


def make_postgres_engine(url: str) -> sa.Engine:
    # pre_ping: the server may have been restarted between two requests of a long-lived app.
    return sa.create_engine(
        normalise_postgres_url(url),
        pool_size=POOL_SIZE,
        max_overflow=MAX_OVERFLOW,
        pool_pre_ping=True,
    )


def lock_for_migration(conn: sa.Connection) -> None:
    # Two processes opening a fresh database at once would both run migration 1; the lock is
    # released with the transaction.
    conn.execute(sa.select(sa.func.pg_advisory_xact_lock(MIGRATION_LOCK_ID)))
