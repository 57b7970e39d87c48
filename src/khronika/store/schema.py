"""The tables as of the latest schema version: what queries are written against."""

from __future__ import annotations

from khronika.store.migrations import schema_migrations
from khronika.store.migrations.m0001_initial import (
    api_tokens,
    audit_log,
    claims,
    documents,
    metadata,
    rejections,
    users,
)

__all__ = [
    "api_tokens",
    "audit_log",
    "claims",
    "documents",
    "metadata",
    "rejections",
    "schema_migrations",
    "users",
]
