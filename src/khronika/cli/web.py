"""`khronika serve` and `khronika users`: the team server and its accounts."""

from __future__ import annotations

import os
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, Annotated

import typer

from khronika.cli.common import DEFAULT_DB, DbOption, app, db_exists, fail

if TYPE_CHECKING:
    from khronika.store import Store

users_app = typer.Typer(
    no_args_is_help=True, rich_markup_mode=None, help="Accounts of the team server."
)
app.add_typer(users_app, name="users")


@app.command("serve")
def serve_cmd(
    db: DbOption = DEFAULT_DB,
    host: Annotated[str, typer.Option(help="Address to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port to listen on.")] = 8000,
    tile_url: Annotated[
        str,
        typer.Option(
            envvar="KHRONIKA_TILE_URL",
            help="Your team's tile server, e.g. https://tiles.example.org/{z}/{x}/{y}.png "
            "(default: none; the map shows bundled boundaries and works offline).",
        ),
    ] = "",
    tile_attribution: Annotated[
        str, typer.Option(envvar="KHRONIKA_TILE_ATTRIBUTION", help="Credit line for the tiles.")
    ] = "",
    secure_cookies: Annotated[
        bool, typer.Option(help="Send the session cookie over HTTPS only (behind TLS).")
    ] = False,
    trusted_proxy: Annotated[
        list[str] | None,
        typer.Option(
            envvar="KHRONIKA_TRUSTED_PROXIES", metavar="ADDRESS",
            help="Address or network of your reverse proxy (repeatable); only requests from "
            "these have X-Forwarded-For read. Default: none.",
        ),
    ] = None,
) -> None:
    """Serve the review UI and the HTTP API (login required; see `khronika users add`).

    Sessions are signed with KHRONIKA_SECRET_KEY from the environment; without it a random
    key is made at start and everyone logs in again after a restart.
    """
    import uvicorn

    from khronika.store import open_store
    from khronika.web import WebSettings, create_app
    from khronika.web.app import SERVER_OPTIONS
    from khronika.web.auth import parse_networks

    proxies = tuple(p for item in trusted_proxy or () for p in item.replace(",", " ").split())
    try:
        parse_networks(proxies)
    except ValueError as exc:
        fail(f"--trusted-proxy: {exc}")
    if not db_exists(db):
        fail(f"{db}: no such store (make one with `khronika run`, or give --db)")
    secret = os.environ.get("KHRONIKA_SECRET_KEY", "")
    settings = WebSettings(
        secret_key=secret or WebSettings().secret_key,
        tile_url=tile_url,
        tile_attribution=tile_attribution,
        secure_cookies=secure_cookies,
        trusted_proxies=proxies,
    )
    store = open_store(db)
    try:
        typer.echo(f"khronika: serving {store!r} on http://{host}:{port}/", err=True)
        app = create_app(settings, store)
        # Every page hides private people's names with the NLP models: load them while the
        # first user logs in, not during their first page.
        threading.Thread(target=app.state.redactor.get, daemon=True).start()
        uvicorn.run(app, host=host, port=port, log_level="info", **SERVER_OPTIONS)
    finally:
        store.close()


@users_app.command("add")
def users_add_cmd(
    name: Annotated[str, typer.Argument(help="Username.")],
    role: Annotated[str, typer.Option(help="admin, reviewer or viewer.")] = "reviewer",
    password_stdin: Annotated[
        bool, typer.Option("--password-stdin", help="Read the password from stdin.")
    ] = False,
    db: DbOption = DEFAULT_DB,
) -> None:
    """Add an account; the password is asked for (or read from stdin) and stored as argon2id.

    Passwords need 12 characters or more, must not be the username or a common password.
    """
    from khronika.web.accounts import add_user

    _role(role)
    password = _password(password_stdin)
    with _store(db, create=True) as store:
        add_user(store, name, role, password)  # type: ignore[arg-type]
    typer.echo(f"added {name} ({role})", err=True)


@users_app.command("list")
def users_list_cmd(db: DbOption = DEFAULT_DB) -> None:
    """Accounts: name, role, created, last login (UTC)."""
    with _store(db) as store:
        users = store.list_users()
    if not users:
        typer.echo("no users (add one with `khronika users add NAME --role admin`)", err=True)
        return
    width = max(len(u.username) for u in users)
    for u in users:
        last = u.last_login.strftime("%Y-%m-%d %H:%M") if u.last_login else "never"
        typer.echo(f"{u.username:<{width}}  {u.role:<8}  created "
                   f"{u.created_at:%Y-%m-%d %H:%M}  last login {last}")


@users_app.command("delete")
def users_delete_cmd(
    name: Annotated[str, typer.Argument(help="Username.")],
    db: DbOption = DEFAULT_DB,
) -> None:
    """Delete an account, its sessions and its API tokens (its audit entries stay)."""
    with _store(db) as store:
        store.delete_user(name)
    typer.echo(f"deleted {name}", err=True)


@users_app.command("passwd")
def users_passwd_cmd(
    name: Annotated[str, typer.Argument(help="Username.")],
    password_stdin: Annotated[
        bool, typer.Option("--password-stdin", help="Read the new password from stdin.")
    ] = False,
    db: DbOption = DEFAULT_DB,
) -> None:
    """Set a new password; every session of the account ends."""
    from khronika.web.accounts import change_password

    password = _password(password_stdin)
    with _store(db) as store:
        change_password(store, name, password)
    typer.echo(f"changed the password of {name}; its sessions ended", err=True)


@users_app.command("role")
def users_role_cmd(
    name: Annotated[str, typer.Argument(help="Username.")],
    role: Annotated[str, typer.Argument(metavar="ROLE", help="admin, reviewer or viewer.")],
    db: DbOption = DEFAULT_DB,
) -> None:
    """Change an account's role (takes effect on its next request)."""
    _role(role)
    with _store(db) as store:
        store.set_role(name, role)  # type: ignore[arg-type]
    typer.echo(f"{name} is now {role}", err=True)


@users_app.command("token")
def users_token_cmd(
    name: Annotated[str, typer.Argument(help="Username the token acts as.")],
    label: Annotated[str, typer.Option(help="What the token is for.")] = "",
    days: Annotated[
        int, typer.Option(metavar="N", help="Expire after N days (0: never).")
    ] = 90,
    read_only: Annotated[
        bool, typer.Option("--read-only", help="Refuse the token's writes (403).")
    ] = False,
    db: DbOption = DEFAULT_DB,
) -> None:
    """Make an API token and print it once; only its hash is stored."""
    from datetime import UTC, datetime, timedelta

    from khronika.web.auth import hash_token, new_token

    if days < 0:
        fail("--days must not be negative")
    expires = datetime.now(UTC) + timedelta(days=days) if days else None
    token = new_token()
    with _store(db) as store:
        store.add_token(name, hash_token(token), label=label, expires_at=expires,
                        read_only=read_only)
    typer.echo(token)


@users_app.command("tokens")
def users_tokens_cmd(
    name: Annotated[str | None, typer.Argument(help="Only this user's tokens.")] = None,
    db: DbOption = DEFAULT_DB,
) -> None:
    """API tokens: id, user, label, created, expiry, read-only."""
    with _store(db) as store:
        tokens = store.list_tokens(name)
    if not tokens:
        typer.echo("no tokens", err=True)
    for t in tokens:
        expires = f"{t.expires_at:%Y-%m-%d}" if t.expires_at else "never"
        mode = "read-only" if t.read_only else "read-write"
        typer.echo(f"{t.token_id}  {t.username}  {mode}  created {t.created_at:%Y-%m-%d}  "
                   f"expires {expires}  {t.label}")


@users_app.command("revoke")
def users_revoke_cmd(
    token_id: Annotated[str, typer.Argument(metavar="ID", help="Id from `users tokens`.")],
    db: DbOption = DEFAULT_DB,
) -> None:
    """Revoke an API token at once."""
    with _store(db) as store:
        store.revoke_token(token_id)
    typer.echo(f"revoked {token_id}", err=True)


def _role(role: str) -> None:
    from khronika.store import ROLES

    if role not in ROLES:
        typer.echo(f"Error: the role must be one of {', '.join(ROLES)}", err=True)
        raise typer.Exit(2)


def _password(from_stdin: bool) -> str:
    if from_stdin:
        return sys.stdin.readline().rstrip("\r\n")
    password: str = typer.prompt("Password", hide_input=True, confirmation_prompt=True)
    return password


@contextmanager
def _store(db: str, *, create: bool = False) -> Iterator[Store]:
    """The store, closed after; a KhronikaError becomes the one-line ``Error: [Kxxx] …``."""
    from khronika.errors import KhronikaError
    from khronika.store import open_store

    if not create and not db_exists(db):
        fail(f"{db}: no such store (make one with `khronika run`, or give --db)")
    try:
        store = open_store(db)
    except KhronikaError as exc:
        fail(str(exc))
    try:
        yield store
    except KhronikaError as exc:
        fail(str(exc))
    finally:
        store.close()
