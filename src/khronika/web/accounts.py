"""Account changes with the server's rules applied, shared by ``khronika users`` and the
password form: usernames printable, passwords long and uncommon, sessions ended on change."""

from __future__ import annotations

from khronika.errors import AccountError, NotFoundError
from khronika.store.base import Role, Store
from khronika.web.auth import hash_password, password_problem, username_problem


def add_user(store: Store, username: str, role: Role, password: str) -> None:
    problem = username_problem(username) or password_problem(username, password)
    if problem:
        raise AccountError(problem)
    store.add_user(username, role, hash_password(password))


def change_password(store: Store, username: str, password: str) -> None:
    """Set a new password; the store ends every session of the account in the same step."""
    if store.get_user(username) is None:
        raise NotFoundError(f"user {username} does not exist")
    problem = password_problem(username, password)
    if problem:
        raise AccountError(problem)
    store.set_password(username, hash_password(password))
