"""The server's promises under attack (issue 17), on SQLite and PostgreSQL: sessions end when
they should, tokens obey their limits, logins cannot be flooded or spoofed, the review API
validates like the form, filters and errors never crash or leak."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import httpx
import pytest
import uvicorn
from fastapi import FastAPI
from starlette.requests import HTTPConnection
from typer.testing import CliRunner

import khronika.cli.web  # noqa: F401  (registers serve and users)
from khronika.cli import app as cli_app
from khronika.export.redact import Redactor
from khronika.store import open_store
from khronika.web import WebSettings, create_app
from khronika.web.app import SERVER_OPTIONS, public_message
from khronika.web.auth import (
    ArgonGate,
    Busy,
    client_address,
    hash_token,
    new_token,
    parse_networks,
    password_problem,
    username_problem,
)
from tests.test_web_fixtures import (
    BASE_URL,
    PASSWORD,
    Seeded,
    TestClient,
    client_for,
    csrf_of,
    free_port,
)

pytest_plugins = ["tests.test_web_fixtures"]


def _app(seeded: Seeded, redactor: Redactor | None = None, **settings: object) -> FastAPI:
    # no redactor unless given: the API and the pages build one (seconds) only when asked
    return create_app(WebSettings(secret_key="test-secret", **settings), seeded.store,  # type: ignore[arg-type]
                      redactor=redactor)


def _api(app: FastAPI, token: str) -> TestClient:
    return TestClient(app, base_url=BASE_URL, headers={"Authorization": f"Bearer {token}"})


# -- sessions ----------------------------------------------------------------------------------


def test_session_cookie_saved_before_logout_is_dead(app: FastAPI, seeded: Seeded) -> None:
    client, token = client_for(app, "rita")
    saved = dict(client.cookies)
    client.post("/logout", data={"csrf_token": token}, follow_redirects=False)
    thief = TestClient(app, base_url=BASE_URL, cookies=saved)
    assert thief.get("/claims", follow_redirects=False).status_code == 303
    # a write with the old cookie and its CSRF token is refused as well
    claim_id = seeded.ids["ru_raid"]
    write = thief.post(f"/claims/{claim_id}/review",
                       data={"csrf_token": token, "review_state": "rejected",
                             "expected_version": "1"}, follow_redirects=False)
    assert write.status_code in (303, 401, 403)
    review = seeded.store.get_review(claim_id)
    assert review is not None and review.review_state == "unreviewed"


def test_password_change_ends_every_other_session(app: FastAPI, seeded: Seeded) -> None:
    laptop, _ = client_for(app, "rita")
    phone, token = client_for(app, "rita")
    new = "a different long passphrase"
    changed = phone.post("/account/password", data={
        "csrf_token": token, "current": PASSWORD, "new": new, "repeat": new})
    assert changed.status_code == 200 and "Password changed" in changed.text
    assert laptop.get("/claims", follow_redirects=False).status_code == 303
    assert phone.get("/claims", follow_redirects=False).status_code == 200  # a fresh session
    weak = phone.post("/account/password", data={
        "csrf_token": csrf_of(phone.get("/account/password").text), "current": new,
        "new": "rita12345678", "repeat": "rita12345678"})
    assert weak.status_code == 400 and "username" in weak.text


def test_session_idle_and_absolute_expiry(seeded: Seeded, web_redactor: Redactor) -> None:
    # the queue hides names: with the redactor built, no request outlasts the idle second
    idle_app = _app(seeded, web_redactor, session_idle_seconds=1.0)
    client, _ = client_for(idle_app, "vic")
    assert client.get("/claims", follow_redirects=False).status_code == 200
    time.sleep(1.3)
    assert client.get("/claims", follow_redirects=False).status_code == 303
    short_app = _app(seeded, web_redactor, session_max_seconds=1.0)
    client, _ = client_for(short_app, "vic")
    time.sleep(1.3)
    assert client.get("/claims", follow_redirects=False).status_code == 303


def test_tokens_read_only_expiring_listed_revoked(app: FastAPI, seeded: Seeded) -> None:
    store = seeded.store
    reader, old = new_token(), new_token()
    store.add_token("rita", hash_token(reader), label="dashboard", read_only=True)
    store.add_token("rita", hash_token(old), expires_at=datetime.now(UTC) - timedelta(1))
    claim_id = seeded.ids["ru_raid"]
    body = {"expected_version": 1, "changes": {"review_state": "accepted"}}
    assert _api(app, reader).get("/api/claims").status_code == 200
    refused = _api(app, reader).post(f"/api/claims/{claim_id}/review", json=body)
    assert refused.status_code == 403 and "read-only" in refused.text
    assert _api(app, old).get("/api/claims").status_code == 401
    listed = {t.label: t for t in store.list_tokens("rita")}
    assert listed["dashboard"].read_only and not listed["tests"].read_only
    assert all(len(t.token_id) == 12 and t.token_id not in reader for t in listed.values())
    store.revoke_token(listed["tests"].token_id)
    assert _api(app, seeded.token).get("/api/claims").status_code == 401


# -- login -------------------------------------------------------------------------------------


def test_rotating_forwarded_for_does_not_escape_the_limit(app: FastAPI) -> None:
    port = free_port()
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port,
                                           log_level="warning", lifespan="off",
                                           **SERVER_OPTIONS))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    while not server.started:
        time.sleep(0.02)
    try:
        with httpx.Client(base_url=f"http://127.0.0.1:{port}") as client:
            token = csrf_of(client.get("/login").text)
            codes = [
                client.post("/login", headers={"X-Forwarded-For": f"203.0.113.{n}"},
                            data={"username": "rita", "password": "wrong password",
                                  "csrf_token": token}).status_code
                for n in range(7)
            ]
    finally:
        server.should_exit = True
        thread.join(timeout=10)
    assert codes[:5] == [401] * 5 and codes[5:] == [429, 429]


def _conn(peer: str, forwarded: str) -> HTTPConnection:
    return HTTPConnection({"type": "http", "client": (peer, 1234),
                           "headers": [(b"x-forwarded-for", forwarded.encode())]})


def test_forwarded_for_read_only_from_configured_proxies() -> None:
    proxies = parse_networks(["10.0.0.0/8", "::1"])
    assert client_address(_conn("198.51.100.7", "1.2.3.4")) == "198.51.100.7"
    assert client_address(_conn("198.51.100.7", "1.2.3.4"), proxies) == "198.51.100.7"
    assert client_address(_conn("10.1.1.1", "1.2.3.4"), proxies) == "1.2.3.4"
    # a client writing its own header in front of the proxy's cannot choose its address
    assert client_address(_conn("10.1.1.1", "6.6.6.6, 1.2.3.4, 10.2.2.2"), proxies) == "1.2.3.4"


def test_argon_work_in_flight_is_bounded() -> None:
    gate = ArgonGate(slots=1, wait=0.1, queue=1)
    inside = threading.Event()
    release = threading.Event()
    holder = threading.Thread(target=gate.run, args=(lambda: (inside.set(), release.wait(5)),))
    holder.start()
    inside.wait(5)
    started = time.monotonic()
    with pytest.raises(Busy):
        gate.run(lambda: None)
    assert time.monotonic() - started < 2  # refused quickly, not queued for long
    release.set()
    holder.join()
    assert gate.run(lambda: 42) == 42


def test_login_answers_503_when_argon_slots_are_taken(seeded: Seeded) -> None:
    app = _app(seeded, login_concurrency=1, login_wait_seconds=0.05, login_queue=0)
    client = TestClient(app, base_url=BASE_URL)
    token = csrf_of(client.get("/login").text)
    busy = client.post("/login", data={"username": "rita", "password": "wrong password",
                                       "csrf_token": token})
    assert busy.status_code == 503 and busy.headers["retry-after"]


@pytest.mark.parametrize(("username", "password", "problem"), [
    ("ann", "short pass", "12 characters"),
    ("annabelle", "annabelle123", "username"),
    ("ann", "qwerty123456", "common"),
    ("ann", "Password1234", "common"),
    ("ann", "aaaaaaaaaaaaaa", "simple"),
])
def test_password_policy_refuses(username: str, password: str, problem: str) -> None:
    found = password_problem(username, password)
    assert found is not None and problem in found


def test_password_policy_accepts_a_passphrase() -> None:
    assert password_problem("ann", "lantern orchard violet") is None
    assert password_problem("ann", "ann's lantern orchard") is None


@pytest.mark.parametrize("name", ["", "   ", "ann\x1b[31m", "ann\n", " ann", "x" * 101])
def test_usernames_must_be_printable(name: str) -> None:
    assert username_problem(name) is not None
    assert username_problem("ann-marie.o") is None and username_problem("Анна") is None


# -- review API validation, body size --------------------------------------------------------


@pytest.mark.parametrize("changes", [
    {"location": {"lat": 200.0, "lon": 10.0, "precision": "point"}},
    {"location": {"lat": 10.0, "lon": -181.0, "precision": "point"}},
    {"count": {"min": 50, "max": 5, "qualifier": "range"}},
    {"count": {"min": -5, "max": 5, "qualifier": "range"}},
    {"date": {"start": "2024-03-20", "end": "2024-03-01", "precision": "day"}},
    {"actors": ["hackers"]},
    {"targets": ["martians"]},
])
def test_review_api_validates_like_the_form(
    app: FastAPI, seeded: Seeded, changes: dict[str, object]
) -> None:
    claim_id = seeded.ids["ru_detention"]
    api = _api(app, seeded.token)
    response = api.post(f"/api/claims/{claim_id}/review",
                        json={"expected_version": 1, "changes": changes})
    assert response.status_code == 422, response.text
    review = seeded.store.get_review(claim_id)
    assert review is not None and review.version == 1


def test_review_api_body_size_is_bounded(app: FastAPI, seeded: Seeded) -> None:
    claim_id = seeded.ids["ru_detention"]
    api = _api(app, seeded.token)
    huge = '{"expected_version": 1, "changes": {"attribution": ["' + "x" * 400_000 + '"]}}'
    declared = api.post(f"/api/claims/{claim_id}/review", content=huge,
                        headers={"content-type": "application/json"})
    assert declared.status_code == 413

    def chunks() -> Iterator[bytes]:
        for _ in range(40):
            yield b"x" * 16_384

    streamed = api.post(f"/api/claims/{claim_id}/review", content=chunks(),
                        headers={"content-type": "application/json"})
    assert streamed.status_code == 413
    review = seeded.store.get_review(claim_id)
    assert review is not None and review.version == 1


# -- filters and error bodies ------------------------------------------------------------------


def test_huge_offset_is_a_400_not_a_500(app: FastAPI, seeded: Seeded) -> None:
    api = _api(app, seeded.token)
    for path in ("/api/claims", "/api/incidents"):
        response = api.get(path, params={"offset": "1" * 30})
        assert response.status_code == 400, (path, response.text)
    assert api.get("/claims", params={"offset": "9" * 30}).status_code in (400, 303)


def test_nul_in_an_export_filter_is_refused_before_streaming(app: FastAPI, seeded: Seeded) -> None:
    api = _api(app, seeded.token)
    for name in ("doc_id", "country", "region", "incident_id"):
        response = api.get("/api/export", params={"format": "jsonl", name: "doc\x00ru"})
        assert response.status_code == 400, (name, response.status_code)
        assert "NUL" in response.json()["error"]


def test_error_bodies_never_show_the_store_location(app: FastAPI, seeded: Seeded) -> None:
    api = _api(app, seeded.token)
    claim_id = seeded.ids["ru_detention"]
    # too long for PostgreSQL's column: the driver's error names the store
    response = api.post(f"/api/claims/{claim_id}/review",
                        json={"expected_version": 1, "changes": {"incident_id": "i" * 300}})
    assert seeded.store.where not in response.text
    assert "postgresql://" not in response.text and "web.db" not in response.text
    assert public_message("postgresql://u:pw@db/x: failed", "") == "<url> failed"
    assert public_message("/srv/k.db: reading failed", "/srv/k.db") == "the store: reading failed"


# -- accounts from the command line -----------------------------------------------------------


def test_users_commands_list_passwd_role_delete(tmp_path: Path) -> None:
    db = str(tmp_path / "k.db")
    open_store(db).close()
    run = CliRunner().invoke
    ok = run(cli_app, ["users", "add", "ann", "--role", "admin", "--password-stdin", "--db", db],
             input="lantern orchard violet\n")
    assert ok.exit_code == 0, ok.output
    weak = run(cli_app, ["users", "add", "bob", "--password-stdin", "--db", db],
               input="bob\n")
    assert weak.exit_code == 1 and "[K702]" in weak.output and "Traceback" not in weak.output
    run(cli_app, ["users", "add", "bob", "--role", "viewer", "--password-stdin", "--db", db],
        input="copper kettle morning\n")
    listed = run(cli_app, ["users", "list", "--db", db]).output
    assert "ann" in listed and "admin" in listed and "last login never" in listed
    assert "bob" in listed and "viewer" in listed
    assert run(cli_app, ["users", "role", "bob", "reviewer", "--db", db]).exit_code == 0
    last_admin = run(cli_app, ["users", "role", "ann", "viewer", "--db", db])
    assert last_admin.exit_code == 1 and "[K702]" in last_admin.output
    passwd = run(cli_app, ["users", "passwd", "bob", "--password-stdin", "--db", db],
                 input="silver harbour lantern\n")
    assert passwd.exit_code == 0, passwd.output
    missing = run(cli_app, ["users", "delete", "carl", "--db", db])
    assert missing.exit_code == 1 and "[K305]" in missing.output
    assert run(cli_app, ["users", "delete", "bob", "--db", db]).exit_code == 0
    store = open_store(db)
    try:
        assert [u.username for u in store.list_users()] == ["ann"]
    finally:
        store.close()


def test_store_accounts_on_both_backends(seeded: Seeded) -> None:
    store = seeded.store
    store.create_session(hash_token("sid"), "vic", "csrf",
                         expires_at=datetime.now(UTC) + timedelta(hours=1))
    store.set_role("vic", "reviewer")
    assert store.get_user("vic").role == "reviewer"  # type: ignore[union-attr]
    store.set_password("vic", "new-hash")
    assert store.get_session(hash_token("sid")) is None  # the password change ended it
    store.record_login("vic")
    assert store.get_user("vic").last_login is not None  # type: ignore[union-attr]
    store.delete_user("vic")
    assert store.get_user("vic") is None and store.list_tokens("vic") == []
