"""The tables as of the latest schema version: what queries are written against.

Migration 1's tables are copied into this module's own ``metadata`` and given the columns
later migrations added, so the migrations' own table objects never change.
"""

from __future__ import annotations

import sqlalchemy as sa

from khronika.store.migrations import m0001_initial, m0002_sessions, schema_migrations

metadata = sa.MetaData()
for _table in m0001_initial.metadata.sorted_tables:
    _table.to_metadata(metadata)
for _name, _column in m0002_sessions.new_columns():
    metadata.tables[_name].append_column(_column)
m0002_sessions.sessions.to_metadata(metadata)

documents = metadata.tables["documents"]
claims = metadata.tables["claims"]
rejections = metadata.tables["rejections"]
audit_log = metadata.tables["audit_log"]
users = metadata.tables["users"]
api_tokens = metadata.tables["api_tokens"]
sessions = metadata.tables["sessions"]

__all__ = [
    "api_tokens",
    "audit_log",
    "claims",
    "documents",
    "metadata",
    "rejections",
    "schema_migrations",
    "sessions",
    "users",
]
