"""The one conftest: session-scoped heavy resources, a Hypothesis profile, no network."""

from __future__ import annotations

import itertools
import os
import secrets
import socket
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest
import sqlalchemy as sa
from hypothesis import HealthCheck, settings

if TYPE_CHECKING:
    from playwright.sync_api import Browser

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
DEV = SHARED / "corpus" / "dev"

PG_URL = os.environ.get("KHRONIKA_TEST_PG", "postgresql://postgres@127.0.0.1:54329/test")


class PgSchemas:
    """Hands out fresh schemas in the test database and drops them all at the end."""

    def __init__(self, engine: sa.Engine, prefix: str = "kt") -> None:
        self.engine = engine
        self.prefix = f"{prefix}_{os.getpid()}_{secrets.token_hex(3)}"
        self.counter = itertools.count()
        self.created: list[str] = []

    def new_url(self) -> str:
        schema = f"{self.prefix}_{next(self.counter)}"
        with self.engine.begin() as conn:
            conn.exec_driver_sql(f"CREATE SCHEMA {schema}")
        self.created.append(schema)
        return f"{PG_URL}?options=-csearch_path%3D{schema}"

    def drop_all(self) -> None:
        with self.engine.begin() as conn:
            for schema in self.created:
                conn.exec_driver_sql(f"DROP SCHEMA IF EXISTS {schema} CASCADE")
        self.created.clear()

settings.register_profile(
    "ci", deadline=None, max_examples=150, suppress_health_check=[HealthCheck.too_slow]
)
settings.load_profile("ci")


@pytest.fixture(scope="session")
def nlp() -> Any:
    from khronika.nlp import build_nlp

    return build_nlp()


@pytest.fixture(scope="session")
def gazetteer() -> Any:
    from khronika.geocode import load_gazetteer

    return load_gazetteer()


@pytest.fixture(scope="session")
def geocoder(gazetteer: Any, nlp: Any) -> Any:
    from khronika.geocode import Geocoder

    return Geocoder(gazetteer, nlp)


@pytest.fixture(scope="session")
def resources() -> Any:
    """The rules alone (no sentence model): unit and golden tests pin what the rules do;
    the bundled model's own tests build it (tests/test_learn_*.py)."""
    from khronika.pipeline import build_resources
    from khronika.settings import ExtractSettings

    return build_resources(ExtractSettings(model="none"))


@pytest.fixture(scope="session")
def codebook(resources: Any) -> Any:
    return resources.codebook


@pytest.fixture(autouse=True)
def _no_network(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Tests talk to loopback only (the throwaway PostgreSQL, the test web server)."""
    real_connect = socket.socket.connect

    def guarded(self: socket.socket, address: Any) -> Any:
        host = address[0] if isinstance(address, tuple) else address
        if isinstance(host, str) and self.family in (socket.AF_INET, socket.AF_INET6):
            if not (host.startswith("127.") or host in ("localhost", "::1")):
                raise OSError(f"tests may not reach the network ({host})")
        return real_connect(self, address)

    monkeypatch.setattr(socket.socket, "connect", guarded)
    yield


CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--disable-sync",
]


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    """Debian's chromium through Playwright (``playwright install`` cannot download here)."""
    from playwright.sync_api import sync_playwright

    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is missing: run scripts/browser")
    with sync_playwright() as p:
        launched = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield launched
        launched.close()
