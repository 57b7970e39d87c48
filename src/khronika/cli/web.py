"""`khronika serve` and `khronika users`: the team server and its accounts."""

from __future__ import annotations

import os
import sys
from typing import Annotated

import typer

from khronika.cli import DEFAULT_DB, DbOption, _db_exists, _fail, app

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
) -> None:
    """Serve the review UI and the HTTP API (login required; see `khronika users add`).

    Sessions are signed with KHRONIKA_SECRET_KEY from the environment; without it a random
    key is made at start and everyone logs in again after a restart.
    """
    import uvicorn

    from khronika.store import open_store
    from khronika.web import WebSettings, create_app

    if not _db_exists(db):
        _fail(f"{db}: no such store (make one with `khronika run`, or give --db)")
    secret = os.environ.get("KHRONIKA_SECRET_KEY", "")
    settings = WebSettings(
        secret_key=secret or WebSettings().secret_key,
        tile_url=tile_url,
        tile_attribution=tile_attribution,
        secure_cookies=secure_cookies,
    )
    store = open_store(db)
    try:
        typer.echo(f"khronika: serving {store!r} on http://{host}:{port}/", err=True)
        uvicorn.run(create_app(settings, store), host=host, port=port, log_level="info")
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
    """Add an account; the password is asked for (or read from stdin) and stored as argon2id."""
    from khronika.store import ROLES, open_store
    from khronika.web.auth import hash_password

    if role not in ROLES:
        typer.echo(f"Error: --role must be one of {', '.join(ROLES)}", err=True)
        raise typer.Exit(2)
    if password_stdin:
        password = sys.stdin.readline().rstrip("\r\n")
    else:
        password = typer.prompt("Password", hide_input=True, confirmation_prompt=True)
    if len(password) < 8:
        _fail("the password must have at least 8 characters")
    store = open_store(db)
    try:
        store.add_user(name, role, hash_password(password))
    finally:
        store.close()
    typer.echo(f"added {name} ({role})", err=True)


@users_app.command("token")
def users_token_cmd(
    name: Annotated[str, typer.Argument(help="Username the token acts as.")],
    label: Annotated[str, typer.Option(help="What the token is for.")] = "",
    db: DbOption = DEFAULT_DB,
) -> None:
    """Make an API token and print it once; only its hash is stored."""
    from khronika.store import open_store
    from khronika.web.auth import hash_token, new_token

    token = new_token()
    store = open_store(db)
    try:
        store.add_token(name, hash_token(token), label=label)
    finally:
        store.close()
    typer.echo(token)
