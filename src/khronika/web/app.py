"""The team server: ``create_app(settings, store)`` builds a FastAPI app, with no globals.

Layers, outermost first: security headers (CSP self-only) → ``AuthMiddleware`` (login gate)
→ ``CsrfMiddleware`` (origin + token on every state change) → routes. Every HTML page is
rendered by Jinja2 with autoescaping on, so scraped text is always shown as text.
"""

from __future__ import annotations

import json
from importlib import resources as importlib_resources
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

import jinja2
from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates
from starlette.datastructures import MutableHeaders
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from khronika.errors import ConflictError, KhronikaError, NotFoundError, StoreError
from khronika.store.base import Store

if TYPE_CHECKING:
    from khronika.export.redact import Redactor
from khronika.web.auth import (
    ArgonGate,
    AuthMiddleware,
    LoginLimiter,
    SessionCodec,
    parse_networks,
)
from khronika.web.context import page_context, public_message
from khronika.web.csrf import CsrfMiddleware
from khronika.web.labels import audit_words, field_label, label, short_date
from khronika.web.limits import BodyLimit
from khronika.web.names import LazyRedactor
from khronika.web.routes import accounts, api, login, pages
from khronika.web.settings import WebSettings

# How to run this app under uvicorn. uvicorn's own proxy-header handling trusts
# X-Forwarded-For from 127.0.0.1 by default, which let a client behind a local proxy (or on
# the machine) pick any address and escape the login limit; the app reads the header itself,
# from the proxies a team configures (``WebSettings.trusted_proxies``).
SERVER_OPTIONS: dict[str, Any] = {"proxy_headers": False}

WEB_DIR = Path(str(importlib_resources.files("khronika.web")))


def create_app(
    settings: WebSettings, store: Store, *, redactor: Redactor | None = None
) -> FastAPI:
    app = FastAPI(
        title="khronika",
        summary="Reviewed incident claims: raids, detentions, coerced recruitment.",
        # FastAPI's own doc pages load scripts from a CDN; /docs (routes/pages.py) serves
        # Swagger UI from static/vendor instead.
        docs_url=None,
        redoc_url=None,
        openapi_url="/api/openapi.json",
    )
    app.state.settings = settings
    app.state.store = store
    app.state.redactor = LazyRedactor(redactor)
    app.state.codec = SessionCodec(settings.secret_key)
    app.state.limiter = LoginLimiter(settings.login_max_failures, settings.login_window_seconds)
    app.state.argon = ArgonGate(
        settings.login_concurrency, settings.login_wait_seconds, settings.login_queue
    )
    app.state.proxies = parse_networks(settings.trusted_proxies)
    app.state.templates = _templates(settings)

    app.mount("/static", StaticFiles(directory=WEB_DIR / "static"), name="static")
    app.include_router(login.router)
    app.include_router(accounts.router)
    app.include_router(pages.router)
    app.include_router(api.router)

    app.add_exception_handler(KhronikaError, _khronika_error)
    app.add_exception_handler(StarletteHTTPException, _http_error)

    # add_middleware wraps: the last added runs first.
    app.add_middleware(CsrfMiddleware)
    app.add_middleware(
        AuthMiddleware, store=store, codec=app.state.codec, idle=settings.session_idle_seconds
    )
    app.add_middleware(BodyLimit, max_bytes=settings.max_body_bytes)
    app.add_middleware(SecurityHeaders, csp=content_security_policy(settings))
    return app


def content_security_policy(settings: WebSettings) -> str:
    img = "'self' data:"
    if settings.tile_url:
        parts = urlsplit(settings.tile_url.replace("{s}", "a"))
        img += f" {parts.scheme}://{parts.netloc}" if parts.netloc else ""
        if "{s}" in settings.tile_url:
            wildcard = urlsplit(settings.tile_url.replace("{s}.", "").replace("{s}", ""))
            img += f" {wildcard.scheme}://*.{wildcard.netloc}"
    return (
        "default-src 'self'; script-src 'self'; style-src 'self'; "
        f"img-src {img}; connect-src 'self'; object-src 'none'; base-uri 'none'; "
        "form-action 'self'; frame-ancestors 'none'"
    )


class SecurityHeaders:
    def __init__(self, app: ASGIApp, *, csp: str) -> None:
        self.app = app
        self.csp = csp

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = MutableHeaders(scope=message)
                headers["Content-Security-Policy"] = self.csp
                headers["X-Content-Type-Options"] = "nosniff"
                headers["Referrer-Policy"] = "same-origin"
                headers["X-Frame-Options"] = "DENY"
                if not str(scope["path"]).startswith("/static/"):
                    headers.setdefault("Cache-Control", "no-store")
            await send(message)

        await self.app(scope, receive, send_with_headers)


def _templates(settings: WebSettings) -> Jinja2Templates:
    loaders: list[jinja2.BaseLoader] = []
    if settings.template_dir is not None:
        loaders.append(jinja2.FileSystemLoader(settings.template_dir))
    loaders.append(jinja2.FileSystemLoader(WEB_DIR / "templates"))
    env = jinja2.Environment(
        loader=jinja2.ChoiceLoader(loaders),
        autoescape=True,  # every template, whatever its file name
        undefined=jinja2.StrictUndefined,
    )
    # Jinja's own tojson escapes every non-ASCII letter (\u0441…), unreadable for Cyrillic; the
    # result is still autoescaped as text.
    env.filters["json"] = lambda value: json.dumps(value, ensure_ascii=False, sort_keys=True)
    env.filters["label"] = label
    env.filters["short_date"] = short_date
    env.filters["field_label"] = field_label
    env.globals["audit_words"] = audit_words
    return Jinja2Templates(env=env)


def wants_json(request: Request) -> bool:
    return request.url.path.startswith("/api/")


async def _khronika_error(request: Request, exc: Exception) -> Response:
    status = 500
    if isinstance(exc, ConflictError):
        status = 409
    elif isinstance(exc, NotFoundError):
        status = 404
    elif isinstance(exc, StoreError):
        status = 422  # a reviewer's value the store refused: a bad request, not a crash
    message = public_message(str(exc), getattr(request.app.state.store, "where", ""))
    if wants_json(request):
        return JSONResponse({"error": message}, status_code=status)
    return _error_page(request, status, message)


async def _http_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, StarletteHTTPException)
    if wants_json(request):
        return JSONResponse({"error": exc.detail}, status_code=exc.status_code)
    return _error_page(request, exc.status_code, str(exc.detail))


def _error_page(request: Request, status: int, message: str) -> Response:
    templates: Jinja2Templates = request.app.state.templates
    return templates.TemplateResponse(
        request, "error.html", page_context(request, status=status, message=message),
        status_code=status,
    )
