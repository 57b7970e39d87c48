"""Migration 2: server-side sessions, token expiry and read-only tokens, users' last login.

A signed cookie alone cannot be taken back: logging out only deleted it from the browser, and
a copy kept working until it expired. Sessions now live in ``sessions`` (only the SHA-256 of
their id), so logout, a password change or an admin's delete ends them at once.
"""

from __future__ import annotations

import sqlalchemy as sa

_WHEN = sa.DateTime(timezone=True)

# Tables as this migration knows them; ``users`` is a stub that lets the foreign key resolve.
_metadata = sa.MetaData()
sa.Table("users", _metadata, sa.Column("username", sa.String(100), primary_key=True))
sessions = sa.Table(
    "sessions",
    _metadata,
    sa.Column("id_hash", sa.String(64), primary_key=True),
    sa.Column("username", sa.String(100), sa.ForeignKey("users.username"), nullable=False),
    sa.Column("csrf", sa.String(100), nullable=False),
    sa.Column("created_at", _WHEN, nullable=False),
    sa.Column("seen_at", _WHEN, nullable=False),
    sa.Column("expires_at", _WHEN, nullable=False),
)
sa.Index("ix_sessions_username", sessions.c.username)



def new_columns() -> tuple[tuple[str, sa.Column[object]], ...]:
    """(table, column) added to migration 1's tables; fresh objects on every call, because a
    column belongs to one table object."""
    return (
        ("users", sa.Column("last_login_at", _WHEN)),
        ("api_tokens", sa.Column("expires_at", _WHEN)),
        ("api_tokens", sa.Column("read_only", sa.Boolean, nullable=False,
                                 server_default=sa.false())),
    )


def upgrade(conn: sa.Connection) -> None:
    dialect = conn.dialect
    for table, column in new_columns():
        ddl = f"ALTER TABLE {table} ADD COLUMN {column.name} {column.type.compile(dialect)}"
        if not column.nullable:
            default = "false" if dialect.name == "postgresql" else "0"
            ddl += f" NOT NULL DEFAULT {default}"
        conn.exec_driver_sql(ddl)
    _metadata.create_all(conn, tables=[sessions], checkfirst=False)
