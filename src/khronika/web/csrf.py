"""Cross-site request forgery protection, checked before any route sees a state-changing request.

Two independent checks, both required for POST/PUT/PATCH/DELETE made with a session cookie:

1. Where the request comes from. Browsers send ``Sec-Fetch-Site`` on every request (Chrome
   76+, Firefox 90+, Safari 16.4+); anything but ``same-origin`` (or ``none``, a typed URL) is
   refused. Older browsers send ``Origin`` on cross-origin POSTs; one that names another host
   than the request's own is refused. The browser sets these headers, a page cannot forge
   them, so a form on another site posting here is turned away even if SameSite were lax.
2. A token bound to the session. The signed session cookie carries a random token; every
   form repeats it in a hidden ``csrf_token`` field (or a script in ``X-CSRF-Token``). A
   forged request cannot read our cookie or our pages, so it cannot know the token. The
   comparison is constant-time.

Requests authenticated by an API token (``Authorization: Bearer``) carry no ambient
credential a browser would attach on its own, so they are not subject to either check.
The login form is covered too: its session holds a token before anyone has logged in.
"""

from __future__ import annotations

import hmac
from urllib.parse import parse_qs, urlsplit

from starlette.datastructures import Headers
from starlette.responses import JSONResponse, PlainTextResponse, Response
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from khronika.web.auth import Session

SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})
CSRF_FIELD = "csrf_token"
CSRF_HEADER = "x-csrf-token"
# Review forms are a few kilobytes; a body past this is not one of ours.
MAX_FORM_BYTES = 1 << 20


class CsrfMiddleware:
    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] in SAFE_METHODS:
            await self.app(scope, receive, send)
            return
        state = scope.get("state", {})
        if state.get("via_token"):
            await self.app(scope, receive, send)
            return
        headers = Headers(scope=scope)
        problem = _cross_site(headers)
        body = b""
        if problem is None:
            session: Session | None = state.get("session")
            body, too_large = await _read_body(receive)
            if too_large:
                problem = "request body too large"
            else:
                sent = headers.get(CSRF_HEADER) or _form_token(headers, body)
                if session is None or not sent:
                    problem = "missing CSRF token"
                elif not hmac.compare_digest(sent.encode(), session.csrf.encode()):
                    problem = "CSRF token does not match the session"
        if problem is not None:
            await _refusal(scope, problem)(scope, receive, send)
            return
        await self.app(scope, _replay(body, receive), send)


def _cross_site(headers: Headers) -> str | None:
    site = headers.get("sec-fetch-site")
    if site is not None and site not in ("same-origin", "none"):
        return f"cross-site request refused (Sec-Fetch-Site: {site})"
    origin = headers.get("origin")
    if origin is not None and origin != "null":
        host = headers.get("host", "")
        if urlsplit(origin).netloc != host:
            return "cross-origin request refused (Origin does not match Host)"
    elif origin == "null":
        return "request from an opaque origin refused"
    return None


async def _read_body(receive: Receive) -> tuple[bytes, bool]:
    chunks: list[bytes] = []
    size = 0
    while True:
        message = await receive()
        if message["type"] == "http.disconnect":
            break
        chunk = message.get("body", b"")
        size += len(chunk)
        if size > MAX_FORM_BYTES:
            return b"", True
        chunks.append(chunk)
        if not message.get("more_body", False):
            break
    return b"".join(chunks), False


def _form_token(headers: Headers, body: bytes) -> str | None:
    if not headers.get("content-type", "").startswith("application/x-www-form-urlencoded"):
        return None
    values = parse_qs(body.decode("latin-1"), max_num_fields=200).get(CSRF_FIELD)
    return values[0] if values else None


def _replay(body: bytes, upstream: Receive) -> Receive:
    # The body was consumed to read the token: hand it over again, then pass through (a
    # streaming response listens there for the client going away).
    sent = False

    async def receive() -> Message:
        nonlocal sent
        if not sent:
            sent = True
            return {"type": "http.request", "body": body, "more_body": False}
        return await upstream()

    return receive


def _refusal(scope: Scope, problem: str) -> Response:
    if str(scope["path"]).startswith("/api/"):
        return JSONResponse({"error": problem}, status_code=403)
    return PlainTextResponse(f"403 Forbidden: {problem}", status_code=403)
