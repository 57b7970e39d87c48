"""``/admin/users``: an admin's account page, the web twin of ``khronika users``.

List, add, change a role, set a password, delete. Every change is a POST (CSRF-checked by the
middleware) answered with a redirect back to the list, which then says what happened: a
reload never repeats it. The store's own rules hold here as on the command line (the last
admin can be neither deleted nor demoted; passwords long and uncommon).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Annotated
from urllib.parse import quote, urlencode

from fastapi import APIRouter, Form, HTTPException, Request
from fastapi.responses import RedirectResponse, Response

from khronika.errors import AccountError, StoreError
from khronika.store.base import ROLES, Role, Store, User
from khronika.web.accounts import add_user, change_password
from khronika.web.auth import MIN_PASSWORD, ArgonGate, Busy
from khronika.web.context import page_context, public_message

router = APIRouter(include_in_schema=False)

# What the list page says after a change: fixed sentences, the account named by the caller.
DONE = {
    "added": "Added {name}.",
    "role": "{name} is now {role}.",
    "password": "Set a new password for {name}; their sessions ended.",
    "deleted": "Deleted {name}; their audit entries stay.",
}


def _admin(request: Request) -> User:
    user: User = request.state.user
    if user.role != "admin":
        raise HTTPException(403, f"{user.username} is not an admin; accounts are for admins")
    return user


def _store(request: Request) -> Store:
    store: Store = request.app.state.store
    return store


@router.get("/admin/users")
def user_list(request: Request) -> Response:
    _admin(request)
    return _list_page(request, error=None, typed={}, status=200)


def _list_page(
    request: Request, *, error: str | None, typed: dict[str, str], status: int
) -> Response:
    users = _store(request).list_users()
    done = request.query_params.get("done", "")
    name = request.query_params.get("name", "")
    known = {u.username: u for u in users}
    message = None
    if done in DONE and name:
        role = known[name].role if name in known else ""
        message = DONE[done].format(name=name, role=role)
    response: Response = request.app.state.templates.TemplateResponse(
        request, "admin_users.html",
        page_context(request, users=users, roles=ROLES, message=message, error=error,
                     typed=typed, min_length=MIN_PASSWORD),
        status_code=status,
    )
    return response


def _done(what: str, name: str) -> Response:
    return RedirectResponse(f"/admin/users?{urlencode({'done': what, 'name': name})}",
                            status_code=303)


@router.post("/admin/users")
def user_add(
    request: Request,
    username: Annotated[str, Form(max_length=200)],
    role: Annotated[str, Form(max_length=20)],
    password: Annotated[str, Form(max_length=1000)],
) -> Response:
    _admin(request)
    typed = {"username": username, "role": role}
    try:
        _hashing(request, add_user, _store(request), username, _role(role), password)
    except (AccountError, StoreError) as exc:
        return _list_page(request, error=_said(request, exc), typed=typed, status=400)
    return _done("added", username)


@router.post("/admin/users/{username}/role")
def user_role(
    request: Request, username: str, role: Annotated[str, Form(max_length=20)]
) -> Response:
    me = _admin(request)
    try:
        _store(request).set_role(username, _role(role))
    except (AccountError, StoreError) as exc:
        return _list_page(request, error=_said(request, exc), typed={}, status=400)
    if username == me.username and role != "admin":
        return RedirectResponse("/claims", status_code=303)  # no longer allowed here
    return _done("role", username)


@router.post("/admin/users/{username}/password")
def user_password(
    request: Request, username: str, password: Annotated[str, Form(max_length=1000)]
) -> Response:
    _admin(request)
    try:
        _hashing(request, change_password, _store(request), username, password)
    except (AccountError, StoreError) as exc:
        return _list_page(request, error=_said(request, exc), typed={}, status=400)
    return _done("password", username)


@router.get("/admin/users/{username}/delete")
def user_delete_form(request: Request, username: str) -> Response:
    """A page that asks before deleting: the list's button leads here, not to the deed."""
    _admin(request)
    user = _store(request).get_user(username)
    if user is None:
        raise HTTPException(404, f"user {username} does not exist")
    response: Response = request.app.state.templates.TemplateResponse(
        request, "admin_user_delete.html",
        page_context(request, account=user, action=f"/admin/users/{quote(username)}/delete"),
    )
    return response


@router.post("/admin/users/{username}/delete")
def user_delete(request: Request, username: str) -> Response:
    me = _admin(request)
    try:
        _store(request).delete_user(username)
    except (AccountError, StoreError) as exc:
        return _list_page(request, error=_said(request, exc), typed={}, status=400)
    if username == me.username:
        return RedirectResponse("/login", status_code=303)  # the session went with it
    return _done("deleted", username)


def _role(value: str) -> Role:
    if value not in ROLES:
        raise AccountError(f"role {value!r} is not one of {', '.join(ROLES)}")
    return value


def _hashing(request: Request, fn: Callable[..., object], *args: object) -> None:
    """Run an account change that hashes a password through the login's argon2 gate, so a
    burst of admin clicks cannot take more memory than logins may."""
    gate: ArgonGate = request.app.state.argon
    try:
        gate.run(fn, *args)
    except Busy:
        raise AccountError("the server is busy checking logins; try again shortly") from None


def _said(request: Request, exc: AccountError | StoreError) -> str:
    return public_message(exc.message, getattr(_store(request), "where", ""))
