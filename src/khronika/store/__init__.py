"""Storage: ``open_store(path_or_url)`` gives a migrated ``Store`` on SQLite or PostgreSQL.

>>> store = open_store("khronika.db")                        # doctest: +SKIP
>>> store = open_store("postgresql://user@host:5432/khronika")  # doctest: +SKIP
"""

from __future__ import annotations

from pathlib import Path

import sqlalchemy as sa

from khronika.errors import ConflictError, NotFoundError, StoreError
from khronika.store.base import (
    REVIEW_STATES,
    REVIEWABLE_FIELDS,
    ROLES,
    AuditEntry,
    ClaimFilter,
    ClaimReview,
    ExportRow,
    ReviewState,
    Role,
    Store,
    StoreCounts,
    StoredSession,
    TokenAccess,
    TokenInfo,
    User,
)
from khronika.store.engine import make_engine
from khronika.store.migrations import LATEST_VERSION, migrate
from khronika.store.sql import SqlStore


def open_store(url_or_path: str | Path) -> SqlStore:
    """Open (creating if needed) the store and migrate it to the latest schema.

    Raises ``SchemaTooNew`` when a newer khronika wrote the store, ``StoreError`` when it
    cannot be reached.
    """
    engine, where = make_engine(url_or_path)
    try:
        migrate(engine, where=where)
    except sa.exc.SQLAlchemyError as exc:
        engine.dispose()
        raise StoreError(f"{where}: cannot open the store: {getattr(exc, 'orig', exc)}") from exc
    except BaseException:
        engine.dispose()
        raise
    return SqlStore(engine, where)


__all__ = [
    "LATEST_VERSION",
    "REVIEWABLE_FIELDS",
    "REVIEW_STATES",
    "ROLES",
    "AuditEntry",
    "ClaimFilter",
    "ClaimReview",
    "ConflictError",
    "ExportRow",
    "NotFoundError",
    "ReviewState",
    "Role",
    "SqlStore",
    "Store",
    "StoreCounts",
    "StoredSession",
    "TokenAccess",
    "TokenInfo",
    "User",
    "open_store",
]
