"""Numbered, transactional migrations recorded in ``schema_migrations``.

Each migration is a function of one connection and runs in its own transaction together with
the row that records it, so a failure leaves the database at the previous version. Add a
migration by appending ``(N, name, upgrade)`` to ``MIGRATIONS``; never edit a released one.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime

import sqlalchemy as sa

from khronika.errors import MigrationFailed, SchemaTooNew
from khronika.store.engine import lock_schema, write_transaction
from khronika.store.migrations import m0001_initial, m0002_sessions

Migration = tuple[int, str, Callable[[sa.Connection], None]]

MIGRATIONS: tuple[Migration, ...] = (
    (1, "initial", m0001_initial.upgrade),
    (2, "sessions", m0002_sessions.upgrade),
)
LATEST_VERSION = MIGRATIONS[-1][0]

schema_migrations = sa.Table(
    "schema_migrations",
    sa.MetaData(),  # apart from the data tables: it exists before migration 1 runs
    sa.Column("version", sa.Integer, primary_key=True, autoincrement=False),
    sa.Column("name", sa.String(100), nullable=False),
    sa.Column("applied_at", sa.DateTime(timezone=True), nullable=False),
)


def current_version(conn: sa.Connection) -> int:
    if not sa.inspect(conn).has_table("schema_migrations"):
        return 0
    return int(conn.execute(sa.select(sa.func.max(schema_migrations.c.version))).scalar() or 0)


def check_version(version: int, where: str) -> None:
    if version > LATEST_VERSION:
        raise SchemaTooNew(
            f"{where}: the store has schema version {version}, but this khronika knows "
            f"versions up to {LATEST_VERSION}; it was written by a newer khronika. "
            "Upgrade khronika (pip install -U khronika) to open it."
        )


def migrate(engine: sa.Engine, *, where: str) -> int:
    """Bring the schema to ``LATEST_VERSION``; return the version found before migrating."""
    found: int | None = None
    while True:
        with write_transaction(engine) as conn:
            lock_schema(conn)
            # Checked under the lock: another process may have migrated while we waited.
            version = current_version(conn)
            found = version if found is None else found
            check_version(version, where)
            if version == LATEST_VERSION:
                return found
            schema_migrations.create(conn, checkfirst=True)
            number, name, upgrade = next(m for m in MIGRATIONS if m[0] > version)
            try:
                upgrade(conn)
            except sa.exc.SQLAlchemyError as exc:
                raise MigrationFailed(
                    f"{where}: migration {number} ({name}) failed and was rolled back: {exc}"
                ) from exc
            conn.execute(
                schema_migrations.insert().values(
                    version=number, name=name, applied_at=datetime.now(UTC)
                )
            )
