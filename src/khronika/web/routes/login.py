"""``/login`` and ``/logout``: the only open page, and the way out."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Form, Request
from fastapi.responses import RedirectResponse, Response

from khronika.errors import AccountError
from khronika.store.base import Store
from khronika.web.accounts import change_password
from khronika.web.auth import (
    MIN_PASSWORD,
    ArgonGate,
    Busy,
    LoginLimiter,
    Session,
    SessionCodec,
    check_login,
    client_address,
    end_session,
    new_session,
    set_session_cookie,
    start_session,
)
from khronika.web.context import page_context
from khronika.web.settings import WebSettings

router = APIRouter(include_in_schema=False)


@router.get("/login")
def login_form(request: Request, next: str = "/") -> Response:
    if request.state.user is not None:
        return RedirectResponse(_local(next), status_code=303)
    return _form(request, next=next, error=None, status=200)


@router.post("/login")
def login(
    request: Request,
    username: Annotated[str, Form(max_length=200)],
    password: Annotated[str, Form(max_length=1000)],
    next: Annotated[str, Form()] = "/",
) -> Response:
    limiter: LoginLimiter = request.app.state.limiter
    address = client_address(request, request.app.state.proxies)
    wait = limiter.retry_after(username, address)
    if wait:
        response = _form(
            request, next=next, status=429,
            error=f"Too many failed attempts. Try again in {wait // 60 + 1} minutes.",
        )
        response.headers["Retry-After"] = str(wait)
        return response
    gate: ArgonGate = request.app.state.argon
    try:
        user = gate.run(check_login, request.app.state.store, username, password)
    except Busy:
        response = _form(request, next=next, status=503,
                         error="The server is busy checking other logins. Try again shortly.")
        response.headers["Retry-After"] = "2"
        return response
    if user is None:
        limiter.failed(username, address)
        return _form(request, next=next, error="Wrong username or password.", status=401)
    limiter.succeeded(username, address)
    response = RedirectResponse(_local(next), status_code=303)
    # A new session (and CSRF token) at login, so a token planted before it is worthless.
    settings: WebSettings = request.app.state.settings
    store: Store = request.app.state.store
    _set(request, response,
         start_session(store, user.username, lifetime=settings.session_max_seconds))
    return response


@router.post("/logout")
def logout(request: Request) -> Response:
    end_session(request.app.state.store, request.state.session)
    response = RedirectResponse("/login", status_code=303)
    _set(request, response, new_session(None))
    return response


def _form(request: Request, *, next: str, error: str | None, status: int) -> Response:
    session = request.state.session
    fresh = session is None or session.username is not None
    if fresh:
        session = new_session(None)
        request.state.session = session
    response: Response = request.app.state.templates.TemplateResponse(
        request, "login.html",
        page_context(request, next=_local(next), error=error, user=None),
        status_code=status,
    )
    if fresh:
        _set(request, response, session)
    return response


def _set(request: Request, response: Response, session: Session) -> None:
    codec: SessionCodec = request.app.state.codec
    set_session_cookie(
        response, codec, session, secure=request.app.state.settings.secure_cookies
    )


def _local(target: str) -> str:
    # Only paths on this server: "//evil.example" or "https://…" would make the login page an
    # open redirect.
    if not target.startswith("/") or target.startswith("//") or "\\" in target:
        return "/"
    return target


@router.get("/account/password")
def password_form(request: Request) -> Response:
    return _password_page(request, error=None, done=False, status=200)


@router.post("/account/password")
def password_change(
    request: Request,
    current: Annotated[str, Form(max_length=1000)],
    new: Annotated[str, Form(max_length=1000)],
    repeat: Annotated[str, Form(max_length=1000)],
) -> Response:
    """The logged-in user's own password. Every session of the account ends (a cookie copied
    elsewhere included); this browser gets a fresh one."""
    store: Store = request.app.state.store
    username: str = request.state.user.username
    gate: ArgonGate = request.app.state.argon
    try:
        user = gate.run(check_login, store, username, current)
    except Busy:
        return _password_page(request, error="The server is busy. Try again shortly.",
                              done=False, status=503)
    if user is None:
        return _password_page(request, error="The current password is wrong.", done=False,
                              status=400)
    if new != repeat:
        return _password_page(request, error="The two new passwords differ.", done=False,
                              status=400)
    try:
        change_password(store, username, new)
    except AccountError as exc:
        return _password_page(request, error=exc.message, done=False, status=400)
    settings: WebSettings = request.app.state.settings
    session = start_session(store, username, lifetime=settings.session_max_seconds)
    request.state.session = session
    response = _password_page(request, error=None, done=True, status=200)
    _set(request, response, session)
    return response


def _password_page(request: Request, *, error: str | None, done: bool, status: int) -> Response:
    response: Response = request.app.state.templates.TemplateResponse(
        request, "password.html",
        page_context(request, error=error, done=done, min_length=MIN_PASSWORD),
        status_code=status,
    )
    return response
