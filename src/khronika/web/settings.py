"""``WebSettings``: what a team can set for its server (the CLI fills it from flags and env)."""

from __future__ import annotations

import secrets
from dataclasses import dataclass, field
from pathlib import Path


@dataclass(frozen=True, slots=True)
class WebSettings:
    """What a team can set for its server; the CLI fills it from flags and the environment."""

    # Signs session cookies. Random per process unless set: sessions then end on restart.
    secret_key: str = field(default_factory=lambda: secrets.token_urlsafe(32))
    # A team's own tile server, e.g. "https://tiles.example.org/{z}/{x}/{y}.png"; empty means
    # the map shows only the bundled country boundaries and works with no network at all.
    tile_url: str = ""
    tile_attribution: str = ""
    # Mark the session cookie Secure: set it when the server is behind HTTPS.
    secure_cookies: bool = False
    # A logged-in session ends after this long without a request, and in any case this long
    # after login.
    session_idle_seconds: float = 4 * 3600
    session_max_seconds: float = 24 * 3600
    page_size: int = 50
    login_max_failures: int = 5
    login_window_seconds: float = 15 * 60
    # Addresses or networks of the team's reverse proxies ("127.0.0.1", "10.0.0.0/8"): only
    # requests from these have their X-Forwarded-For read, for the login rate limit.
    trusted_proxies: tuple[str, ...] = ()
    # argon2 verifications at once (64 MiB each), logins that may wait for one, and how long.
    login_concurrency: int = 2
    login_queue: int = 32
    login_wait_seconds: float = 15.0
    # Largest request body accepted (a review edit is a few KiB).
    max_body_bytes: int = 256 * 1024
    # Extra template folder searched before the bundled one, to override any template.
    template_dir: Path | None = None
