"""Security of the team server, on SQLite and PostgreSQL: the login gate, CSRF, roles,
concurrent reviewers, escaping, headers, rate limits, tokens."""

from __future__ import annotations

import re
import threading
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor

import httpx
import pytest
from fastapi import FastAPI
from fastapi.routing import APIRoute
from starlette.routing import BaseRoute

from tests.test_web_fixtures import (
    BASE_URL,
    PASSWORD,
    REVIEWERS,
    LiveServer,
    Seeded,
    TestClient,
    client_for,
    csrf_of,
    log_in,
    version_of,
)

# The shared fixtures (seeded store on SQLite and PostgreSQL, app, clients, live server).
pytest_plugins = ["tests.test_web_fixtures"]


def _all_routes(routes: list[BaseRoute]) -> Iterator[BaseRoute]:
    for route in routes:
        # FastAPI keeps included routers whole and matches through them at request time.
        inner = getattr(route, "original_router", None)
        if inner is not None:
            yield from _all_routes(inner.routes)
        else:
            yield route


def _routes(app: FastAPI) -> list[tuple[str, str]]:
    """(method, concrete path) for every route the app declares, path parameters filled."""
    found = []
    for route in _all_routes(app.routes):
        path = getattr(route, "path", "")
        methods = getattr(route, "methods", None) or set()
        if not path or path.startswith("/static"):
            continue
        concrete = re.sub(r"\{[^}]+\}", "c:doc-ru:0", path)
        for method in sorted(methods - {"HEAD"}):
            found.append((method, concrete))
    return found


def test_web_every_route_but_login_needs_a_user(app: FastAPI, anon: TestClient) -> None:
    routes = _routes(app)
    assert len(routes) >= 15  # the pages, the API and the OpenAPI schema are all listed
    for method, path in routes:
        response = anon.request(method, path, follow_redirects=False)
        if path == "/login":
            assert response.status_code in (200, 403), (method, path)  # 403: POST w/o CSRF
            continue
        assert response.status_code in (401, 403, 303), (method, path, response.status_code)
        if response.status_code == 303:
            assert response.headers["location"].startswith("/login"), (method, path)
        if path.startswith("/api/"):
            assert response.status_code in (401, 403), (method, path)


def test_web_api_routes_declared_in_openapi(app: FastAPI) -> None:
    api_paths = {
        r.path for r in _all_routes(app.routes) if isinstance(r, APIRoute) and r.include_in_schema
    }
    assert {"/api/claims", "/api/claims/{claim_id}", "/api/incidents",
            "/api/documents/{doc_id}", "/api/export"} <= api_paths


def test_web_bad_or_forged_session_is_a_stranger(anon: TestClient) -> None:
    anon.cookies.set("khronika_session", "eyJ1IjoiYWRhIn0.forged.signature")
    assert anon.get("/claims", follow_redirects=False).status_code == 303
    assert anon.get("/api/claims").status_code == 401
    bad = anon.get("/api/claims", headers={"Authorization": "Bearer khr_not-a-token"})
    assert bad.status_code == 401


def test_web_post_without_csrf_token_is_refused(app: FastAPI, seeded: Seeded) -> None:
    client, token = client_for(app, "rita")
    claim_id = seeded.ids["ru_detention"]
    page = client.get(f"/claims/{claim_id}").text
    form = {"expected_version": str(version_of(page)), "action": "accept"}
    for method, path in _routes(app):
        if method != "POST":
            continue
        refused = client.post(path, data=form, follow_redirects=False)
        assert refused.status_code == 403, path
    wrong = client.post(f"/claims/{claim_id}/review", data={**form, "csrf_token": "x" * 43},
                        follow_redirects=False)
    assert wrong.status_code == 403
    # the claim is untouched, and the same form with the token goes through
    assert seeded.store.get_review(claim_id).review_state == "unreviewed"  # type: ignore[union-attr]
    ok = client.post(f"/claims/{claim_id}/review", data={**form, "csrf_token": token},
                     follow_redirects=False)
    assert ok.status_code == 303
    assert seeded.store.get_review(claim_id).review_state == "accepted"  # type: ignore[union-attr]


@pytest.mark.parametrize(
    "headers",
    [
        {"Sec-Fetch-Site": "cross-site"},
        {"Sec-Fetch-Site": "same-site"},
        {"Origin": "https://attacker.example"},
        {"Origin": "null"},
    ],
)
def test_web_cross_site_post_refused_even_with_token(
    app: FastAPI, seeded: Seeded, headers: dict[str, str]
) -> None:
    client, token = client_for(app, "rita")
    claim_id = seeded.ids["ru_raid"]
    response = client.post(
        f"/claims/{claim_id}/review",
        data={"csrf_token": token, "expected_version": "1", "action": "reject"},
        headers=headers,
        follow_redirects=False,
    )
    assert response.status_code == 403
    assert seeded.store.get_review(claim_id).version == 1  # type: ignore[union-attr]


def test_web_same_origin_headers_pass(app: FastAPI, seeded: Seeded) -> None:
    client, token = client_for(app, "rita")
    response = client.post(
        f"/claims/{seeded.ids['ru_raid']}/review",
        data={"csrf_token": token, "expected_version": "1", "action": "accept"},
        headers={"Sec-Fetch-Site": "same-origin", "Origin": BASE_URL},
        follow_redirects=False,
    )
    assert response.status_code == 303


def test_web_viewer_cannot_edit(app: FastAPI, seeded: Seeded) -> None:
    client, token = client_for(app, "vic")
    claim_id = seeded.ids["ru_detention"]
    page = client.get(f"/claims/{claim_id}")
    assert page.status_code == 200
    assert "Save changes" not in page.text and 'value="accept"' not in page.text
    for action in ("accept", "reject", "edit"):
        response = client.post(
            f"/claims/{claim_id}/review",
            data={"csrf_token": token, "expected_version": "1", "action": action,
                  "event_type": "raid", "certainty": "asserted"},
            follow_redirects=False,
        )
        assert response.status_code == 403, action
    api = TestClient(app, base_url=BASE_URL)
    response = api.post(
        f"/api/claims/{claim_id}/review",
        json={"expected_version": 1, "changes": {"review_state": "accepted"}},
        headers={"Authorization": f"Bearer {seeded.viewer_token}"},
    )
    assert response.status_code == 403
    review = seeded.store.get_review(claim_id)
    assert review is not None and review.version == 1 and review.review_state == "unreviewed"
    assert seeded.store.audit_log(claim_id) == []


def test_web_concurrent_reviewers_lose_no_update(live: LiveServer, seeded: Seeded) -> None:
    barrier = threading.Barrier(REVIEWERS)

    def review(n: int) -> int:
        with httpx.Client(base_url=live.url, timeout=60) as client:
            token = log_in(client, f"rev{n}")
            claim_id = f"{seeded.ids['bulk_prefix']}{n}"
            page = client.get(f"/claims/{claim_id}").text
            barrier.wait(timeout=60)  # everyone submits at once
            response = client.post(
                f"/claims/{claim_id}/review",
                data={**_edit_form(page, token), "count_min": str(100 + n),
                      "count_max": str(100 + n), "loc_name": f"Market {n}"},
                follow_redirects=False,
            )
            return response.status_code

    with ThreadPoolExecutor(REVIEWERS) as pool:
        statuses = list(pool.map(review, range(REVIEWERS)))
    assert statuses == [303] * REVIEWERS
    for n in range(REVIEWERS):
        claim_id = f"{seeded.ids['bulk_prefix']}{n}"
        review_ = seeded.store.get_review(claim_id)
        assert review_ is not None
        assert review_.claim.count is not None and review_.claim.count.min == 100 + n
        assert review_.claim.location.name == f"Market {n}"
        assert review_.version == 2 and review_.review_state == "edited"
        assert {e.user for e in seeded.store.audit_log(claim_id)} == {f"rev{n}"}


def test_web_two_reviewers_same_claim_one_conflict(live: LiveServer, seeded: Seeded) -> None:
    claim_id = seeded.ids["ru_detention"]
    barrier = threading.Barrier(2)

    def review(who: str, number: int) -> tuple[str, int, str]:
        with httpx.Client(base_url=live.url, timeout=60) as client:
            token = log_in(client, who)
            page = client.get(f"/claims/{claim_id}").text
            barrier.wait(timeout=30)
            response = client.post(
                f"/claims/{claim_id}/review",
                data={**_edit_form(page, token), "count_min": str(number),
                      "count_max": str(number)},
                follow_redirects=False,
            )
            return who, response.status_code, response.text

    with ThreadPoolExecutor(2) as pool:
        results = list(pool.map(review, ["rita", "ada"], [41, 42]))
    statuses = sorted(status for _, status, _ in results)
    assert statuses == [303, 409]
    winner = next(who for who, status, _ in results if status == 303)
    conflict_page = next(text for _, status, text in results if status == 409)
    assert "Someone else changed this claim first" in conflict_page
    assert "Nothing you sent was saved" in conflict_page
    review_ = seeded.store.get_review(claim_id)
    assert review_ is not None and review_.version == 2
    assert review_.claim.count is not None
    assert review_.claim.count.min == {"rita": 41, "ada": 42}[winner]
    assert {e.user for e in seeded.store.audit_log(claim_id)} == {winner}


def _edit_form(page: str, token: str) -> dict[str, str]:
    """The claim page's edit form as a browser would submit it, unchanged."""
    form = page[page.index('<form class="edit"'):]
    form = form[: form.index("</form>")]
    data: dict[str, str] = {}
    for name, value in re.findall(r'<input (?:type="\w+" )?name="(\w+)"[^>]*?value="([^"]*)"',
                                  form):
        data[name] = value
    for name, body in re.findall(r'<select name="(\w+)">(.*?)</select>', form, re.S):
        chosen = re.search(r"<option(?: value=\"([^\"]*)\")? selected>([^<]*)</option>", body)
        data[name] = (chosen.group(1) if chosen.group(1) is not None else chosen.group(2)
                      ) if chosen else ""
    data["csrf_token"] = token
    return data


def test_web_scraped_markup_renders_as_text(app: FastAPI, seeded: Seeded) -> None:
    client, _ = client_for(app, "vic")
    pages = [
        client.get(f"/documents/{seeded.ids['xss_doc']}").text,
        client.get(f"/claims/{seeded.ids['xss_claim']}").text,
        client.get("/claims").text,
    ]
    for html in pages:
        assert "<script>alert(1)</script>" not in html
        assert "<img src=x onerror" not in html
        assert "<b>Hostile</b>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in pages[0]
    assert "&lt;img src=x onerror=alert(1)&gt;" in pages[0]
    assert "&lt;img src=x onerror=alert(1)&gt;" in pages[1]


def test_web_headers_csp_and_cookie_flags(anon: TestClient) -> None:
    response = anon.get("/login")
    csp = response.headers["content-security-policy"]
    assert "default-src 'self'" in csp and "script-src 'self'" in csp
    assert "unsafe-inline" not in csp and "frame-ancestors 'none'" in csp
    cookie = response.headers["set-cookie"].lower()
    assert "httponly" in cookie and "samesite=lax" in cookie
    assert response.headers["x-content-type-options"] == "nosniff"


def test_web_tile_server_origin_allowed_in_csp(seeded: Seeded) -> None:
    from khronika.web import WebSettings, create_app

    settings = WebSettings(secret_key="k", tile_url="https://tiles.example.org/{z}/{x}/{y}.png")
    client = TestClient(create_app(settings, seeded.store), base_url=BASE_URL)
    csp = client.get("/login").headers["content-security-policy"]
    assert "img-src 'self' data: https://tiles.example.org" in csp


def test_web_login_rate_limited_per_user_and_address(anon: TestClient) -> None:
    token = csrf_of(anon.get("/login").text)
    for _ in range(5):
        wrong = anon.post("/login", data={"username": "rita", "password": "wrong password",
                                          "csrf_token": token})
        assert wrong.status_code == 401
        assert "Wrong username or password" in wrong.text
    locked = anon.post("/login", data={"username": "rita", "password": PASSWORD,
                                       "csrf_token": token}, follow_redirects=False)
    assert locked.status_code == 429 and int(locked.headers["retry-after"]) > 0
    # another user from the same address is not locked out by rita's failures
    other = anon.post("/login", data={"username": "ada", "password": PASSWORD,
                                      "csrf_token": token}, follow_redirects=False)
    assert other.status_code == 303


def test_web_unknown_user_and_wrong_password_look_alike(anon: TestClient) -> None:
    token = csrf_of(anon.get("/login").text)
    nobody = anon.post("/login", data={"username": "nobody", "password": "x" * 10,
                                       "csrf_token": token})
    wrong = anon.post("/login", data={"username": "ada", "password": "x" * 10,
                                      "csrf_token": token})
    assert nobody.status_code == wrong.status_code == 401
    assert "Wrong username or password" in nobody.text and "nobody" not in nobody.text


def test_web_login_next_is_never_offsite(anon: TestClient) -> None:
    token = csrf_of(anon.get("/login").text)
    for target in ("//evil.example/", "https://evil.example/", "/\\evil.example"):
        response = anon.post("/login", data={"username": "ada", "password": PASSWORD,
                                             "csrf_token": token, "next": target},
                             follow_redirects=False)
        assert response.headers["location"] == "/", target
        token = _fresh_token(anon)


def _fresh_token(client: TestClient) -> str:
    client.cookies.clear()
    return csrf_of(client.get("/login").text)


def test_web_password_hash_is_argon2id_and_token_stored_hashed(seeded: Seeded) -> None:
    user = seeded.store.get_user("rita")
    assert user is not None and user.password_hash.startswith("$argon2id$")
    assert PASSWORD not in user.password_hash
    from khronika.web.auth import hash_token

    assert seeded.store.user_for_token(seeded.token) is None  # the raw token is not stored
    assert seeded.store.user_for_token(hash_token(seeded.token)) == user


def test_web_logout_ends_the_session(app: FastAPI) -> None:
    client, token = client_for(app, "ada")
    assert client.get("/claims", follow_redirects=False).status_code == 200
    out = client.post("/logout", data={"csrf_token": token}, follow_redirects=False)
    assert out.status_code == 303
    assert client.get("/claims", follow_redirects=False).status_code == 303
