"""Shared fixtures of the web tests: a seeded store on SQLite and PostgreSQL, users, clients.

The store fixture is parametrized like the store contract tests: a ``tmp_path`` SQLite file,
and a fresh schema in the PostgreSQL of ``KHRONIKA_TEST_PG`` (``scripts/pg start``). When
PostgreSQL is unreachable the postgres cases fail; they never skip.

The seed is written here by hand (no NLP run, so the tests stay fast): Russian and English
reports, two accounts of one incident, and a document whose text carries markup.
"""

from __future__ import annotations

import re
import socket
import threading
import time
import warnings
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

import httpx
import pytest
import sqlalchemy as sa
import uvicorn
from fastapi import FastAPI

from khronika.export.redact import Redactor
from khronika.model import Claim, Count, DateRange, Document, Evidence, Place, Span
from khronika.store import SqlStore, open_store
from khronika.store.postgres import normalise_postgres_url
from khronika.web import WebSettings, create_app
from khronika.web.auth import hash_password, hash_token, new_token

from .conftest import PG_URL, PgSchemas

with warnings.catch_warnings():
    # Starlette's TestClient warns about its httpx dependency on import; nothing we can act on.
    warnings.simplefilter("ignore")
    from fastapi.testclient import TestClient

PASSWORD = "correct horse battery"
BASE_URL = "http://127.0.0.1:8000"
XSS_TEXT = (
    "Police raided a hostel on Lenina street. <script>alert(1)</script> "
    "Officers detained 12 migrants there. <img src=x onerror=alert(1)>"
)
REVIEWERS = 20

# One argon2id hash for every test account: hashing costs ~50 ms and 64 MiB a time, and the
# store only keeps the string, so sharing it changes nothing the tests look at.
_PASSWORD_HASH = hash_password(PASSWORD)


# -- the seed ---------------------------------------------------------------------------------


def _claim(
    doc: Document, n: int, sentence: str, *, event_type: str, count: tuple[str, int] | None,
    date_text: str | None, when: date | None, place: tuple[str, str, str, float, float] | None,
    trigger: str, incident_id: str | None = None, certainty: str = "reported",
) -> Claim:
    base = doc.text.index(sentence)

    def span(text: str | None) -> Span | None:
        if text is None:
            return None
        at = base + sentence.index(text)
        return Span(at, at + len(text), text)

    cnt = None
    if count is not None:
        cnt = Count(count[1], count[1], "exact", count[0], span(count[0]))
    location = Place(None, None, None, None, "unknown")
    if place is not None:
        text, name, admin1, lat, lon = place
        location = Place(name, "RU", lat, lon, "city", text, admin1=admin1, span=span(text))
    return Claim(
        doc_id=doc.id,
        claim_id=f"c:{doc.id}:{n}",
        event_type=event_type,  # type: ignore[arg-type]
        date=DateRange(when, when, "day" if when else "unknown", date_text, span(date_text)),
        location=location,
        actors=("police",),
        targets=("migrants",),
        count=cnt,
        attribution=(),
        certainty=certainty,  # type: ignore[arg-type]
        evidence=Evidence(sentence, base, base + len(sentence)),
        trigger=span(trigger),
        incident_id=incident_id,
        components=("khronika.test.v1",),
    )


def seed(store: SqlStore) -> dict[str, str]:
    """Documents and claims; returns names → claim or document ids the tests refer to."""
    ids: dict[str, str] = {}
    ru = Document(
        id="doc-ru", language="ru", outlet="Тестовые вести", published=date(2024, 3, 20),
        text=(
            "Вчера в Новосибирске полиция провела рейд на овощной базе. "
            "15 марта в Новосибирске задержали сорок мигрантов."
        ),
    )
    s1 = "Вчера в Новосибирске полиция провела рейд на овощной базе."
    s2 = "15 марта в Новосибирске задержали сорок мигрантов."
    nsk = ("Новосибирске", "Novosibirsk", "53", 55.0415, 82.9346)
    store.save_document(ru, [
        _claim(ru, 0, s1, event_type="raid", count=None, date_text="Вчера",
               when=date(2024, 3, 19), place=nsk, trigger="рейд", incident_id="inc-nsk"),
        _claim(ru, 1, s2, event_type="detention", count=("сорок", 40), date_text="15 марта",
               when=date(2024, 3, 15), place=nsk, trigger="задержали"),
    ])
    ids["ru_raid"], ids["ru_detention"] = "c:doc-ru:0", "c:doc-ru:1"

    en = Document(
        id="doc-en", language="en", outlet="Test Wire", published=date(2024, 3, 21),
        text="On March 19 police raided a vegetable depot in Novosibirsk, a source said.",
    )
    store.save_document(en, [
        _claim(en, 0, en.text, event_type="raid", count=None, date_text="March 19",
               when=date(2024, 3, 19), place=("Novosibirsk", "Novosibirsk", "53", 55.04, 82.93),
               trigger="raided", incident_id="inc-nsk", certainty="unconfirmed"),
    ])
    ids["en_raid"] = "c:doc-en:0"

    xss = Document(id="doc-xss", language="en", outlet="<b>Hostile</b>", text=XSS_TEXT,
                   title="<script>alert(1)</script>")
    sentence = "Officers detained 12 migrants there. <img src=x onerror=alert(1)>"
    store.save_document(xss, [
        _claim(xss, 0, sentence, event_type="detention", count=("12", 12), date_text=None,
               when=None, place=None, trigger="detained"),
    ])
    ids["xss_doc"], ids["xss_claim"] = "doc-xss", "c:doc-xss:0"

    # One claim per concurrent reviewer, in Moscow.
    bulk_text = " ".join(f"Задержаны {n + 1} человек на рынке номер {n}." for n in range(REVIEWERS))
    bulk = Document(id="doc-bulk", language="ru", text=bulk_text, published=date(2024, 4, 2))
    claims = []
    for n in range(REVIEWERS):
        sentence = f"Задержаны {n + 1} человек на рынке номер {n}."
        claims.append(_claim(
            bulk, n, sentence, event_type="detention", count=(str(n + 1), n + 1),
            date_text=None, when=date(2024, 4, 1),
            place=("рынке", "Moscow", "48", 55.75, 37.62), trigger="Задержаны",
        ))
    store.save_document(bulk, claims)
    ids["bulk_prefix"] = "c:doc-bulk:"
    return ids


# -- stores ----------------------------------------------------------------------------------


@pytest.fixture(scope="session")
def web_pg_schemas() -> Iterator[PgSchemas]:
    engine = sa.create_engine(normalise_postgres_url(PG_URL))
    try:
        with engine.connect() as conn:
            conn.exec_driver_sql("SELECT 1")
    except sa.exc.OperationalError as exc:
        pytest.fail(f"PostgreSQL is not reachable at {PG_URL} (scripts/pg start): {exc.orig}")
    schemas = PgSchemas(engine, "kw")
    yield schemas
    schemas.drop_all()
    engine.dispose()


@dataclass
class Seeded:
    store: SqlStore
    ids: dict[str, str]
    token: str  # an API token of the reviewer "rita"
    viewer_token: str


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def seeded(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Seeded]:
    if request.param == "sqlite":
        url = str(tmp_path / "web.db")
    else:
        url = request.getfixturevalue("web_pg_schemas").new_url()
    store = open_store(url)
    ids = seed(store)
    store.add_user("ada", "admin", _PASSWORD_HASH)
    store.add_user("rita", "reviewer", _PASSWORD_HASH)
    store.add_user("vic", "viewer", _PASSWORD_HASH)
    for n in range(REVIEWERS):
        store.add_user(f"rev{n}", "reviewer", _PASSWORD_HASH)
    token, viewer_token = new_token(), new_token()
    store.add_token("rita", hash_token(token), label="tests")
    store.add_token("vic", hash_token(viewer_token), label="tests")
    yield Seeded(store, ids, token, viewer_token)
    store.close()


@pytest.fixture(scope="session")
def web_redactor(resources: Any) -> Redactor:
    """The API redacts names with the NLP: built once for every test app."""
    return Redactor(resources.nlp, gazetteer=resources.geocoder.gazetteer)


@pytest.fixture
def app(seeded: Seeded, web_redactor: Redactor) -> FastAPI:
    return create_app(WebSettings(secret_key="test-secret"), seeded.store,
                      redactor=web_redactor)


@pytest.fixture
def anon(app: FastAPI) -> TestClient:
    return TestClient(app, base_url=BASE_URL)


def csrf_of(html: str) -> str:
    match = re.search(r'name="csrf_token" value="([^"]+)"', html)
    assert match, "page has no CSRF field"
    return match.group(1)


def version_of(html: str) -> int:
    match = re.search(r'name="expected_version" value="(\d+)"', html)
    assert match, "page has no version field"
    return int(match.group(1))


def log_in(client: TestClient | httpx.Client, username: str) -> str:
    """Log in through the form; returns the session's CSRF token."""
    token = csrf_of(client.get("/login").text)
    response = client.post(
        "/login",
        data={"username": username, "password": PASSWORD, "csrf_token": token, "next": "/"},
        follow_redirects=False,
    )
    assert response.status_code == 303, response.text
    return csrf_of(client.get("/claims").text)


def client_for(app: FastAPI, username: str) -> tuple[TestClient, str]:
    client = TestClient(app, base_url=BASE_URL)
    return client, log_in(client, username)


# -- a real server, for concurrency and the browser --------------------------------------------


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


class LiveServer:
    """uvicorn serving an app on 127.0.0.1 in a thread; stopped by ``stop()``."""

    def __init__(self, app: FastAPI) -> None:
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        config = uvicorn.Config(app, host="127.0.0.1", port=self.port, log_level="warning",
                                lifespan="off")
        self.server = uvicorn.Server(config)
        self.thread = threading.Thread(target=self.server.run, daemon=True)

    def start(self) -> LiveServer:
        self.thread.start()
        deadline = time.monotonic() + 15
        while not self.server.started:
            if time.monotonic() > deadline or not self.thread.is_alive():
                raise RuntimeError("the test server did not start")
            time.sleep(0.02)
        return self

    def stop(self) -> None:
        self.server.should_exit = True
        self.thread.join(timeout=10)


@pytest.fixture
def live(app: FastAPI) -> Iterator[LiveServer]:
    server = LiveServer(app).start()
    yield server
    server.stop()
