"""Accounts of the team server in the store: users, API tokens and sessions.

A mixin of ``SqlStore`` (it uses the store's engine and error wrapper), kept apart because
accounts change for other reasons than claims do. Only hashes of tokens and session ids are
stored. Rules that keep a team able to work — never remove or demote the last admin — are
checked here, inside the write transaction, so two admins acting at once cannot both pass.
"""

from __future__ import annotations

from contextlib import AbstractContextManager
from datetime import UTC, datetime, timedelta
from typing import Any

import sqlalchemy as sa

from khronika.errors import AccountError, NotFoundError, StoreError
from khronika.store.base import ROLES, Role, StoredSession, TokenAccess, TokenInfo, User
from khronika.store.engine import read_transaction, write_transaction
from khronika.store.schema import api_tokens, sessions, users

TOKEN_ID_LENGTH = 12
# A session's last-seen time is written at most this often: not a write per request.
TOUCH_EVERY = timedelta(minutes=1)


class AccountsMixin:
    _engine: sa.Engine

    def _errors(self, doing: str) -> AbstractContextManager[None]:
        raise NotImplementedError

    def _insert(self, table: sa.Table) -> Any:
        raise NotImplementedError

    # -- users -----------------------------------------------------------------------------

    def add_user(self, username: str, role: Role, password_hash: str) -> None:
        if role not in ROLES:
            raise StoreError(f"role {role!r} is not one of {ROLES}")
        row = {"username": username, "role": role, "password_hash": password_hash,
               "created_at": _now()}
        with (
            self._errors(f"adding user {username}"),
            write_transaction(self._engine, durable=True) as conn,
        ):
            inserted = conn.execute(
                self._insert(users).values(row).on_conflict_do_nothing()
                .returning(users.c.username)
            ).first()
            if inserted is None:
                raise StoreError(f"user {username} already exists")

    def get_user(self, username: str) -> User | None:
        query = sa.select(users).where(users.c.username == username)
        with self._errors("reading users"), read_transaction(self._engine) as conn:
            row = conn.execute(query).first()
        return None if row is None else _user(row)

    def list_users(self) -> list[User]:
        query = sa.select(users).order_by(users.c.username)
        with self._errors("reading users"), read_transaction(self._engine) as conn:
            return [_user(row) for row in conn.execute(query)]

    def delete_user(self, username: str) -> None:
        with (
            self._errors(f"deleting user {username}"),
            write_transaction(self._engine, durable=True) as conn,
        ):
            _require_user(conn, username)
            _keep_an_admin(conn, username, f"cannot delete {username}")
            conn.execute(sessions.delete().where(sessions.c.username == username))
            conn.execute(api_tokens.delete().where(api_tokens.c.username == username))
            # The audit log keeps the name as text: who made an edit stays on record.
            conn.execute(users.delete().where(users.c.username == username))

    def set_password(self, username: str, password_hash: str) -> None:
        """A new password ends every session of the user (not API tokens: revoke those)."""
        with (
            self._errors(f"changing the password of {username}"),
            write_transaction(self._engine, durable=True) as conn,
        ):
            _require_user(conn, username)
            conn.execute(users.update().where(users.c.username == username)
                         .values(password_hash=password_hash))
            conn.execute(sessions.delete().where(sessions.c.username == username))

    def set_role(self, username: str, role: Role) -> None:
        if role not in ROLES:
            raise AccountError(f"role {role!r} is not one of {', '.join(ROLES)}")
        with (
            self._errors(f"changing the role of {username}"),
            write_transaction(self._engine, durable=True) as conn,
        ):
            _require_user(conn, username)
            if role != "admin":
                _keep_an_admin(conn, username, f"cannot make {username} a {role}")
            conn.execute(users.update().where(users.c.username == username).values(role=role))

    def record_login(self, username: str) -> None:
        with (
            self._errors(f"recording a login of {username}"),
            write_transaction(self._engine) as conn,
        ):
            conn.execute(users.update().where(users.c.username == username)
                         .values(last_login_at=_now()))

    # -- API tokens ------------------------------------------------------------------------

    def add_token(
        self, username: str, token_hash: str, *, label: str = "",
        expires_at: datetime | None = None, read_only: bool = False,
    ) -> None:
        with (
            self._errors(f"adding a token for {username}"),
            write_transaction(self._engine, durable=True) as conn,
        ):
            _require_user(conn, username)
            conn.execute(api_tokens.insert().values(
                token_hash=token_hash, username=username, label=label, created_at=_now(),
                expires_at=expires_at, read_only=read_only,
            ))

    def user_for_token(self, token_hash: str) -> User | None:
        access = self.token_access(token_hash)
        return None if access is None else access.user

    def token_access(self, token_hash: str) -> TokenAccess | None:
        query = (
            sa.select(users, api_tokens.c.expires_at.label("token_expires"),
                      api_tokens.c.read_only)
            .join(api_tokens).where(api_tokens.c.token_hash == token_hash)
        )
        with self._errors("reading tokens"), read_transaction(self._engine) as conn:
            row = conn.execute(query).first()
        if row is None:
            return None
        if row.token_expires is not None and _utc(row.token_expires) <= _now():
            return None
        return TokenAccess(_user(row), bool(row.read_only))

    def list_tokens(self, username: str | None = None) -> list[TokenInfo]:
        query = sa.select(api_tokens).order_by(api_tokens.c.username, api_tokens.c.created_at)
        if username is not None:
            query = query.where(api_tokens.c.username == username)
        with self._errors("reading tokens"), read_transaction(self._engine) as conn:
            return [
                TokenInfo(row.token_hash[:TOKEN_ID_LENGTH], row.username, row.label,
                          _utc(row.created_at),
                          None if row.expires_at is None else _utc(row.expires_at),
                          bool(row.read_only))
                for row in conn.execute(query)
            ]

    def revoke_token(self, token_id: str) -> None:
        if len(token_id) != TOKEN_ID_LENGTH or not all(c in "0123456789abcdef" for c in token_id):
            raise AccountError(f"{token_id!r} is not a token id (see `khronika users tokens`)")
        with (
            self._errors(f"revoking token {token_id}"),
            write_transaction(self._engine, durable=True) as conn,
        ):
            gone = conn.execute(
                api_tokens.delete().where(api_tokens.c.token_hash.startswith(token_id))
            ).rowcount
        if not gone:
            raise NotFoundError(f"no token with id {token_id}")

    # -- sessions --------------------------------------------------------------------------

    def create_session(
        self, id_hash: str, username: str, csrf: str, *, expires_at: datetime
    ) -> None:
        now = _now()
        with (
            self._errors(f"starting a session for {username}"),
            write_transaction(self._engine, durable=True) as conn,
        ):
            # Sessions that ran out are cleared as new ones begin: no separate cleaner.
            conn.execute(sessions.delete().where(sessions.c.expires_at <= now))
            conn.execute(sessions.insert().values(
                id_hash=id_hash, username=username, csrf=csrf, created_at=now, seen_at=now,
                expires_at=expires_at,
            ))

    def get_session(self, id_hash: str) -> StoredSession | None:
        query = sa.select(sessions).where(sessions.c.id_hash == id_hash)
        with self._errors("reading sessions"), read_transaction(self._engine) as conn:
            row = conn.execute(query).first()
        if row is None:
            return None
        return StoredSession(row.username, row.csrf, _utc(row.created_at), _utc(row.seen_at),
                             _utc(row.expires_at))

    def touch_session(self, id_hash: str) -> None:
        now = _now()
        with self._errors("updating a session"), write_transaction(self._engine) as conn:
            conn.execute(
                sessions.update()
                .where(sessions.c.id_hash == id_hash, sessions.c.seen_at < now - TOUCH_EVERY)
                .values(seen_at=now)
            )

    def delete_session(self, id_hash: str) -> None:
        with self._errors("ending a session"), write_transaction(self._engine) as conn:
            conn.execute(sessions.delete().where(sessions.c.id_hash == id_hash))

    def delete_sessions(self, username: str) -> int:
        with self._errors("ending sessions"), write_transaction(self._engine) as conn:
            return int(conn.execute(
                sessions.delete().where(sessions.c.username == username)
            ).rowcount)


def _require_user(conn: sa.Connection, username: str) -> None:
    known = conn.execute(sa.select(users.c.username).where(users.c.username == username)).first()
    if known is None:
        raise NotFoundError(f"user {username} does not exist")


def _keep_an_admin(conn: sa.Connection, username: str, doing: str) -> None:
    admins = conn.execute(
        sa.select(users.c.username).where(users.c.role == "admin").with_for_update()
    ).scalars().all()
    if admins == [username]:
        raise AccountError(f"{doing}: it is the only admin (make another admin first)")


def _user(row: sa.Row[Any]) -> User:
    last = row.last_login_at
    return User(row.username, row.role, row.password_hash, _utc(row.created_at),
                None if last is None else _utc(last))


def _now() -> datetime:
    return datetime.now(UTC)


def _utc(value: datetime) -> datetime:
    # SQLite hands back the naive UTC wall time that was written; PostgreSQL an aware value.
    return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)
