"""Who is asking: passwords, API tokens, signed session cookies, and the login gate.

- Passwords are hashed with argon2id (argon2-cffi's defaults, RFC 9106's second
  recommendation); the store keeps only the hash string.
- API tokens are 32 random bytes shown once; the store keeps their SHA-256. A slow hash buys
  nothing for a secret with 256 bits of entropy, and a fast one lets every API request check
  its token without a 50 ms argon2 round.
- The session cookie is signed with itsdangerous (HMAC-SHA1 over the secret key) and holds a
  CSRF token and, after login, a random session id whose SHA-256 keys a row of the store's
  ``sessions`` table; it is HttpOnly and SameSite=Lax. The row, not the cookie, says who is
  logged in: logout and a password change delete it, and it runs out after an idle time and
  an absolute lifetime (``WebSettings``), so a copied cookie dies with the session.
- API tokens may expire and may be read-only: a read-only token's writes get 403.
- The user's role is read from the store on every request, so changing a role or deleting
  a user takes effect at once.
- ``AuthMiddleware`` sits in front of every route: ``/login`` and ``/static`` are open, the
  rest answer 401 (``/api``) or redirect to ``/login`` without a user. A gate in front of the
  router cannot be forgotten by a new route, which a per-route dependency could.
"""

from __future__ import annotations

import hashlib
import ipaddress
import secrets
import threading
import time
from collections import deque
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from functools import cache
from importlib import resources as importlib_resources
from typing import Any, TypeVar
from urllib.parse import quote

import anyio.to_thread
from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from itsdangerous import BadSignature, URLSafeTimedSerializer
from starlette.requests import HTTPConnection
from starlette.responses import JSONResponse, RedirectResponse, Response
from starlette.types import ASGIApp, Receive, Scope, Send

from khronika.store.base import Role, Store, User

SESSION_COOKIE = "khronika_session"
# The cookie's own lifetime; the server-side row decides earlier (``WebSettings``'s idle and
# absolute session limits), and logout ends it at once.
SESSION_MAX_AGE = 36 * 3600
READ_METHODS = ("GET", "HEAD", "OPTIONS")
# Paths open without a user: the login form and the static files it needs.
OPEN_PATHS = ("/login",)
OPEN_PREFIXES = ("/static/",)

_hasher = PasswordHasher()  # argon2id, t=3, m=64 MiB, p=4


def hash_password(password: str) -> str:
    return _hasher.hash(password)


def verify_password(password_hash: str, password: str) -> bool:
    try:
        return _hasher.verify(password_hash, password)
    except (VerificationError, InvalidHashError):
        return False


# A hash to verify against when the username is unknown, so that a wrong username costs the
# same argon2 time as a wrong password and response times do not reveal which users exist.
_DUMMY_HASH = _hasher.hash(secrets.token_hex(16))


def check_login(store: Store, username: str, password: str) -> User | None:
    user = store.get_user(username)
    if user is None:
        verify_password(_DUMMY_HASH, password)
        return None
    return user if verify_password(user.password_hash, password) else None


def new_token() -> str:
    return "khr_" + secrets.token_urlsafe(32)


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


@dataclass(frozen=True, slots=True)
class Session:
    username: str | None  # None before login: the session then only carries a CSRF token
    csrf: str
    sid: str | None = None  # the id of the server-side session row; None before login


class SessionCodec:
    """Signs and reads the session cookie: the CSRF token and the session id, never the user.

    Who is logged in lives in the store's ``sessions`` table, so logging out, changing the
    password or deleting the account ends a session even where a copy of the cookie was kept.
    """

    def __init__(self, secret_key: str) -> None:
        self._serializer = URLSafeTimedSerializer(secret_key, salt="khronika.session.v2")

    def dumps(self, session: Session) -> str:
        return self._serializer.dumps({"c": session.csrf, "s": session.sid})

    def loads(self, cookie: str | None) -> Session | None:
        if not cookie:
            return None
        try:
            data: Any = self._serializer.loads(cookie, max_age=SESSION_MAX_AGE)
        except BadSignature:
            return None
        if not isinstance(data, dict) or not isinstance(data.get("c"), str):
            return None
        sid = data.get("s")
        return Session(None, data["c"], sid if isinstance(sid, str) else None)


def new_session(username: str | None) -> Session:
    return Session(username, secrets.token_urlsafe(32))


def start_session(store: Store, username: str, *, lifetime: float) -> Session:
    """A server-side session for ``username``, with a fresh id and CSRF token."""
    sid = secrets.token_urlsafe(32)
    csrf = secrets.token_urlsafe(32)
    expires = datetime.now(UTC) + timedelta(seconds=lifetime)
    store.create_session(hash_token(sid), username, csrf, expires_at=expires)
    store.record_login(username)
    return Session(username, csrf, sid)


def end_session(store: Store, session: Session | None) -> None:
    if session is not None and session.sid is not None:
        store.delete_session(hash_token(session.sid))


def resume_session(store: Store, session: Session, *, idle: float) -> tuple[Session, User | None]:
    """The session's user when its row exists and has run out neither its idle time nor its
    absolute lifetime; otherwise a logged-out session keeping the cookie's CSRF token."""
    if session.sid is None:
        return session, None
    id_hash = hash_token(session.sid)
    stored = store.get_session(id_hash)
    now = datetime.now(UTC)
    if stored is None or stored.expires_at <= now or now - stored.seen_at > timedelta(seconds=idle):
        if stored is not None:
            store.delete_session(id_hash)
        return Session(None, session.csrf), None
    user = store.get_user(stored.username)
    if user is None:
        return Session(None, session.csrf), None
    store.touch_session(id_hash)
    return Session(user.username, stored.csrf, session.sid), user


def set_session_cookie(
    response: Response, codec: SessionCodec, session: Session, *, secure: bool
) -> None:
    response.set_cookie(
        SESSION_COOKIE,
        codec.dumps(session),
        max_age=SESSION_MAX_AGE,
        httponly=True,
        samesite="lax",
        secure=secure,
        path="/",
    )


class LoginLimiter:
    """Refuses logins for a (username, client address) pair after repeated failures.

    ``max_failures`` failures within ``window`` seconds lock that pair until the oldest one
    leaves the window. Keyed on both so that one attacker cannot lock a user out from every
    address, and guessing many usernames from one address meets the limit per name.
    """

    def __init__(self, max_failures: int = 5, window: float = 15 * 60) -> None:
        self.max_failures = max_failures
        self.window = window
        self._failures: dict[tuple[str, str], deque[float]] = {}
        self._lock = threading.Lock()

    def retry_after(self, username: str, address: str) -> int:
        """Seconds until a login may be tried again; 0 when it may be tried now."""
        now = time.monotonic()
        with self._lock:
            times = self._failures.get((username, address))
            if not times:
                return 0
            while times and now - times[0] > self.window:
                times.popleft()
            if len(times) < self.max_failures:
                return 0
            return max(1, int(self.window - (now - times[0])) + 1)

    def failed(self, username: str, address: str) -> None:
        with self._lock:
            self._failures.setdefault((username, address), deque()).append(time.monotonic())

    def succeeded(self, username: str, address: str) -> None:
        with self._lock:
            self._failures.pop((username, address), None)


T = TypeVar("T")
Network = ipaddress.IPv4Network | ipaddress.IPv6Network


def parse_networks(specs: Iterable[str]) -> tuple[Network, ...]:
    """``"10.0.0.1"``, ``"10.0.0.0/8"``, ``"::1"`` → networks; a bad one raises ValueError."""
    return tuple(ipaddress.ip_network(spec.strip(), strict=False) for spec in specs if spec.strip())


def _trusted(address: str, proxies: tuple[Network, ...]) -> bool:
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return False
    return any(ip in net for net in proxies)


def client_address(conn: HTTPConnection, proxies: tuple[Network, ...] = ()) -> str:
    """The address a request came from, for rate limits.

    ``X-Forwarded-For`` is anyone's to write: it is read only when the peer is one of the
    team's configured proxies, and then from the right, skipping further trusted proxies, so
    a value the client put in front of the chain is never taken as its address.
    """
    peer = conn.client.host if conn.client else "unknown"
    if not proxies or not _trusted(peer, proxies):
        return peer
    hops = [h.strip() for h in ",".join(conn.headers.getlist("x-forwarded-for")).split(",")]
    for hop in reversed([h for h in hops if h]):
        if not _trusted(hop, proxies):
            return hop
    return peer


class ArgonGate:
    """Bounds the argon2 verifications in flight: each takes 64 MiB and ~50 ms of a core, so
    twenty wrong logins at once took a gigabyte. ``slots`` run at once; up to ``queue`` more
    wait (holding no memory) at most ``wait`` seconds; a login beyond that is answered 503
    at once, so a flood costs neither memory nor worker threads."""

    def __init__(self, slots: int = 2, wait: float = 15.0, queue: int = 32) -> None:
        self._slots = threading.BoundedSemaphore(max(1, slots))
        self._queue = max(0, queue)
        self._waiting = 0
        self._lock = threading.Lock()
        self.wait = wait

    def run(self, fn: Callable[..., T], *args: Any) -> T:
        with self._lock:
            if self._waiting >= self._queue:
                raise Busy
            self._waiting += 1
        try:
            acquired = self._slots.acquire(timeout=self.wait)
        finally:
            with self._lock:
                self._waiting -= 1
        if not acquired:
            raise Busy
        try:
            return fn(*args)
        finally:
            self._slots.release()


class Busy(Exception):
    """Every argon2 slot stayed taken for the gate's wait."""


# -- accounts ---------------------------------------------------------------------------------

MIN_PASSWORD = 12
MAX_USERNAME = 100


@cache
def common_passwords() -> frozenset[str]:
    """The bundled list (``data/auth/common-passwords.txt``; its header says where it comes
    from), read once per process."""
    text = (
        importlib_resources.files("khronika.data").joinpath("auth/common-passwords.txt")
        .read_text(encoding="utf-8")
    )
    return frozenset(
        line.strip().lower() for line in text.splitlines()
        if line.strip() and not line.startswith("#")
    )


def username_problem(username: str) -> str | None:
    if not username or not username.strip():
        return "the username must not be empty"
    if len(username) > MAX_USERNAME:
        return f"the username must have at most {MAX_USERNAME} characters"
    if not username.isprintable() or username != username.strip():
        return "the username must be printable, without control characters or outer spaces"
    return None


def password_problem(username: str, password: str) -> str | None:
    """Why a password is refused, or None. NIST SP 800-63B's rules: a length floor, no
    composition rules, and no password found on a list of commonly used ones."""
    if len(password) < MIN_PASSWORD:
        return f"the password must have at least {MIN_PASSWORD} characters"
    folded = password.casefold()
    rest = folded.replace(username.casefold(), "") if username else folded
    if rest != folded and (len(rest) < 6 or not any(c.isalpha() for c in rest)):
        return "the password must not be the username, nor the username and some digits"
    if folded in common_passwords() or len(set(folded)) < 4:
        return "the password is too common or too simple; choose a longer passphrase"
    return None


def can_edit(role: Role) -> bool:
    return role in ("admin", "reviewer")


class AuthMiddleware:
    """Puts ``user``, ``session`` and ``via_token`` on ``scope["state"]``; turns strangers away."""

    def __init__(
        self, app: ASGIApp, *, store: Store, codec: SessionCodec, idle: float
    ) -> None:
        self.app = app
        self.store = store
        self.codec = codec
        self.idle = idle

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        conn = HTTPConnection(scope)
        state = scope.setdefault("state", {})
        session = self.codec.loads(conn.cookies.get(SESSION_COOKIE))
        user: User | None = None
        via_token = read_only = False
        authorization = conn.headers.get("authorization", "")
        if authorization.lower().startswith("bearer "):
            # The store is synchronous: run it in a worker thread, off the event loop.
            token_hash = hash_token(authorization[7:].strip())
            access = await anyio.to_thread.run_sync(self.store.token_access, token_hash)
            if access is not None:
                user, via_token, read_only = access.user, True, access.read_only
        elif session is not None and session.sid is not None:
            session, user = await anyio.to_thread.run_sync(
                lambda: resume_session(self.store, session, idle=self.idle)
            )
        state["user"] = user
        state["session"] = session
        state["via_token"] = via_token
        path: str = scope["path"]
        if user is None and not _is_open(path):
            response: Response
            if path.startswith("/api/") or path == "/api" or authorization:
                response = JSONResponse(
                    {"error": "authentication required"},
                    status_code=401,
                    headers={"WWW-Authenticate": "Bearer"},
                )
            else:
                target = path + (f"?{conn.url.query}" if conn.url.query else "")
                response = RedirectResponse(f"/login?next={quote(target)}", status_code=303)
            await response(scope, receive, send)
            return
        if read_only and scope["method"] not in READ_METHODS:
            refused = JSONResponse(
                {"error": "this API token is read-only"}, status_code=403
            )
            await refused(scope, receive, send)
            return
        await self.app(scope, receive, send)


def _is_open(path: str) -> bool:
    return path in OPEN_PATHS or path.startswith(OPEN_PREFIXES)
