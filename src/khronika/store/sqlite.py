"""SQLite engine: one file, WAL, foreign keys on, writers queue instead of failing.

Durability choice: ``journal_mode=WAL`` with ``synchronous=NORMAL`` for pipeline writes. In WAL
mode a commit is in the WAL file before ``COMMIT`` returns, so a SIGKILL of the process loses
nothing committed and never leaves half a transaction (the next open rolls the WAL forward to
the last whole commit). What NORMAL gives up is the fsync per commit: after a power cut or an OS
crash the last few documents may be gone, and an idempotent re-run of the same input puts them
back. Human work cannot be re-run, so review, user and token writes switch that transaction to
``synchronous=FULL`` (see ``begin_write``).
"""

from __future__ import annotations

import sqlite3
import time
from pathlib import Path
from typing import Any

import sqlalchemy as sa
from sqlalchemy import event

# A writer waits this long for another writer's transaction before "database is locked";
# per-document transactions last milliseconds, so 30 s only runs out when something is stuck.
BUSY_TIMEOUT_MS = 30_000
# Threads of the review server each hold a connection; 20 concurrent writers are tested.
POOL_SIZE = 8
MAX_OVERFLOW = 32


def make_sqlite_engine(path: Path) -> sa.Engine:
    engine = sa.create_engine(
        f"sqlite:///{path}",
        pool_size=POOL_SIZE,
        max_overflow=MAX_OVERFLOW,
        connect_args={"check_same_thread": False, "timeout": BUSY_TIMEOUT_MS / 1000},
    )
    event.listen(engine, "connect", _on_connect)
    event.listen(engine, "begin", _on_begin)
    return engine


def _on_connect(dbapi_connection: sqlite3.Connection, _record: Any) -> None:
    # The driver's own implicit BEGIN is deferred, which lets two writers both read and then
    # fail with SQLITE_BUSY_SNAPSHOT on their first write; we issue BEGIN ourselves instead.
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    try:
        _switch_to_wal(cursor)
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
        cursor.execute("PRAGMA synchronous=NORMAL")
    finally:
        cursor.close()


def _switch_to_wal(cursor: sqlite3.Cursor) -> None:
    # Turning a new file to WAL needs it to itself, and SQLite answers "database is locked"
    # at once, without the busy handler, when another connection opens it in that moment
    # (several processes or threads opening a fresh store): wait and try again.
    deadline = time.monotonic() + BUSY_TIMEOUT_MS / 1000
    while True:
        try:
            cursor.execute("PRAGMA journal_mode=WAL")
            return
        except sqlite3.OperationalError as exc:
            if "locked" not in str(exc) or time.monotonic() > deadline:
                raise
            time.sleep(0.02)


def _on_begin(conn: sa.Connection) -> None:
    options = conn.get_execution_options()
    if options.get("khronika_write"):
        sync = "FULL" if options.get("khronika_durable") else "NORMAL"
        conn.exec_driver_sql(f"PRAGMA synchronous={sync}")
        # IMMEDIATE takes the write lock up front, so concurrent writers queue on
        # busy_timeout rather than deadlocking on a read-to-write upgrade.
        conn.exec_driver_sql("BEGIN IMMEDIATE")
    else:
        conn.exec_driver_sql("BEGIN")


def sqlite_integrity_problems(conn: sa.Connection) -> list[str]:
    problems = [
        f"sqlite integrity_check: {row[0]}"
        for row in conn.exec_driver_sql("PRAGMA integrity_check")
        if row[0] != "ok"
    ]
    problems += [
        f"foreign key broken: {row[0]} rowid {row[1]} refers to missing {row[2]}"
        for row in conn.exec_driver_sql("PRAGMA foreign_key_check")
    ]
    return problems
