"""Where a store lives: paths, URLs, SQLite pragmas, and clear errors when it cannot open."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from khronika.errors import StoreError
from khronika.store import LATEST_VERSION, open_store
from khronika.store.postgres import normalise_postgres_url


@pytest.mark.parametrize("form", ["path", "str", "url"])
def test_store_open_sqlite_locations(tmp_path: Path, form: str) -> None:
    db = tmp_path / "khronika.db"
    location = {"path": db, "str": str(db), "url": f"sqlite:///{db}"}[form]
    store = open_store(location)
    try:
        assert store.schema_version() == LATEST_VERSION
        assert store.where == str(db)
    finally:
        store.close()
    assert db.exists()


def test_store_sqlite_file_is_wal_with_foreign_keys(tmp_path: Path) -> None:
    db = tmp_path / "khronika.db"
    open_store(db).close()
    with sqlite3.connect(db) as conn:
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    store = open_store(db)
    try:
        with store._engine.connect() as conn:  # pragmas are per connection: ask one
            pragmas = {
                name: conn.exec_driver_sql(f"PRAGMA {name}").scalar()
                for name in ("foreign_keys", "busy_timeout", "synchronous")
            }
        assert pragmas == {"foreign_keys": 1, "busy_timeout": 30000, "synchronous": 1}
    finally:
        store.close()


@pytest.mark.parametrize(
    ("location", "message"),
    [
        ("mysql://root@localhost/khronika", "not a store location"),
        (":memory:", "in-memory"),
        ("/no/such/folder/khronika.db", "does not exist"),
        # Port 1 on loopback refuses at once: no waiting on a timeout.
        ("postgresql://postgres@127.0.0.1:1/test", "cannot open the store"),
    ],
)
def test_store_open_errors_name_the_location(location: str, message: str) -> None:
    with pytest.raises(StoreError, match=message):
        open_store(location)


def test_store_open_postgres_error_hides_password() -> None:
    with pytest.raises(StoreError) as info:
        open_store("postgresql://ann:s3cret@127.0.0.1:1/test")
    assert "s3cret" not in str(info.value)


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("postgresql://u@h/db", "postgresql+psycopg://u@h/db"),
        ("postgres://u@h/db", "postgresql+psycopg://u@h/db"),
        ("postgresql+psycopg://u@h/db", "postgresql+psycopg://u@h/db"),
    ],
)
def test_store_postgres_urls_use_psycopg(url: str, expected: str) -> None:
    assert normalise_postgres_url(url) == expected


def test_store_not_a_database_file(tmp_path: Path) -> None:
    db = tmp_path / "notes.db"
    db.write_text("это не база данных, а заметки\n" * 100)
    with pytest.raises(StoreError, match=r"notes\.db"):
        open_store(db)
