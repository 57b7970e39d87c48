"""Who is asking: passwords, API tokens, signed session cookies, and the login gate.

- Passwords are hashed with argon2id (argon2-cffi's defaults, RFC 9106's second
  recommendation); the store keeps only the hash string.
- API tokens are 32 random bytes shown once; the store keeps their SHA-256. A slow hash buys
  nothing for a secret with 256 bits of entropy, and a fast one lets every API request check
  its token without a 50 ms argon2 round.
- The session is a cookie signed with itsdangerous (HMAC-SHA1 over the secret key) holding
  the username, a CSRF token and the issue time; it is HttpOnly and SameSite=Lax, and is
  refused after ``SESSION_MAX_AGE``. The user's role is read from the store on every request,
  so changing a role or deleting a user takes effect at once.
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
# A working day and a half: long enough not to interrupt a review shift, short enough that a
# cookie left on a shared machine expires by the next day's end.
SESSION_MAX_AGE = 36 * 3600
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


class SessionCodec:
    """Signs and reads the session cookie."""

    def __init__(self, secret_key: str) -> None:
        self._serializer = URLSafeTimedSerializer(secret_key, salt="khronika.session")

    def dumps(self, session: Session) -> str:
        return self._serializer.dumps({"u": session.username, "c": session.csrf})

    def loads(self, cookie: str | None) -> Session | None:
        if not cookie:
            return None
        try:
            data: Any = self._serializer.loads(cookie, max_age=SESSION_MAX_AGE)
        except BadSignature:
            return None
        if not isinstance(data, dict) or not isinstance(data.get("c"), str):
            return None
        username = data.get("u")
        return Session(username if isinstance(username, str) else None, data["c"])


def new_session(username: str | None) -> Session:
    return Session(username, secrets.token_urlsafe(32))


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
    twenty wrong logins at once took a gigabyte. A login that cannot start one within
    ``wait`` seconds is answered 503 at once instead of queueing its memory."""

    def __init__(self, slots: int = 2, wait: float = 2.0) -> None:
        self._slots = threading.BoundedSemaphore(max(1, slots))
        self.wait = wait

    def run(self, fn: Callable[..., T], *args: Any) -> T:
        if not self._slots.acquire(timeout=self.wait):
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
    if username and username.casefold() in folded and len(folded) < 2 * len(username) + 4:
        return "the password must not be (or merely extend) the username"
    if folded in common_passwords() or len(set(folded)) < 4:
        return "the password is too common or too simple; choose a longer passphrase"
    return None


def can_edit(role: Role) -> bool:
    return role in ("admin", "reviewer")


class AuthMiddleware:
    """Puts ``user``, ``session`` and ``via_token`` on ``scope["state"]``; turns strangers away."""

    def __init__(self, app: ASGIApp, *, store: Store, codec: SessionCodec) -> None:
        self.app = app
        self.store = store
        self.codec = codec

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        conn = HTTPConnection(scope)
        state = scope.setdefault("state", {})
        session = self.codec.loads(conn.cookies.get(SESSION_COOKIE))
        user: User | None = None
        via_token = False
        authorization = conn.headers.get("authorization", "")
        if authorization.lower().startswith("bearer "):
            # The store is synchronous: run it in a worker thread, off the event loop.
            token_hash = hash_token(authorization[7:].strip())
            user = await anyio.to_thread.run_sync(self.store.user_for_token, token_hash)
            via_token = user is not None
        elif session is not None and session.username is not None:
            user = await anyio.to_thread.run_sync(self.store.get_user, session.username)
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
        await self.app(scope, receive, send)


def _is_open(path: str) -> bool:
    return path in OPEN_PATHS or path.startswith(OPEN_PREFIXES)
