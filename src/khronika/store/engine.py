"""Where a store lives (file path or URL) → an SQLAlchemy engine, and transaction helpers."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import sqlalchemy as sa

from khronika.errors import StoreError
from khronika.store.postgres import lock_for_migration, make_postgres_engine
from khronika.store.sqlite import make_sqlite_engine


def make_engine(url_or_path: str | Path) -> tuple[sa.Engine, str]:
    """Return the engine and a name for messages (the file path, or the URL without password).

    A plain path or ``sqlite:///path`` opens an SQLite file; ``postgresql://…`` a server.
    """
    if isinstance(url_or_path, Path) or "://" not in url_or_path:
        path = Path(url_or_path)
    elif url_or_path.startswith("sqlite:///"):
        path = Path(url_or_path[len("sqlite:///") :])
    elif url_or_path.startswith(("postgresql", "postgres://")):
        engine = make_postgres_engine(url_or_path)
        return engine, engine.url.render_as_string(hide_password=True)
    else:
        raise StoreError(
            f"{url_or_path}: not a store location; give a file path, sqlite:///FILE or "
            "postgresql://USER@HOST:PORT/DATABASE"
        )
    if str(path) in ("", ":memory:"):
        raise StoreError(
            "an in-memory SQLite store would vanish with its first connection; give a file path"
        )
    if not path.parent.is_dir():
        raise StoreError(f"{path}: folder {path.parent} does not exist")
    return make_sqlite_engine(path), str(path)


@contextmanager
def write_transaction(engine: sa.Engine, *, durable: bool = False) -> Iterator[sa.Connection]:
    """One transaction that will write; commits on success, rolls back on any exception.

    ``durable`` asks SQLite for an fsync at commit (``sqlite.py`` says why only some writes).
    """
    with engine.connect() as conn:
        conn.execution_options(khronika_write=True, khronika_durable=durable)
        with conn.begin():
            yield conn


@contextmanager
def read_transaction(engine: sa.Engine) -> Iterator[sa.Connection]:
    with engine.connect() as conn, conn.begin():
        yield conn


def lock_schema(conn: sa.Connection) -> None:
    """Serialise migrations between processes (SQLite's BEGIN IMMEDIATE already does)."""
    if conn.dialect.name == "postgresql":
        lock_for_migration(conn)
