"""The review pages and the HTTP API on real stores (SQLite and PostgreSQL), and the CLI."""

from __future__ import annotations

import json
from pathlib import Path

from fastapi import FastAPI
from typer.testing import CliRunner

import khronika.cli.web  # noqa: F401  (registers serve and users until cli/__init__ does)
from khronika.cli import app as cli_app
from tests.test_web_fixtures import BASE_URL, Seeded, TestClient, client_for, version_of

pytest_plugins = ["tests.test_web_fixtures"]


def _api(app: FastAPI, token: str) -> TestClient:
    return TestClient(app, base_url=BASE_URL, headers={"Authorization": f"Bearer {token}"})


def test_web_queue_marks_values_and_filters(app: FastAPI, seeded: Seeded) -> None:
    client, _ = client_for(app, "vic")
    html = client.get("/claims").text
    assert '<mark class="m-count" title="count">сорок</mark>' in html
    assert '<mark class="m-date" title="date">15 марта</mark>' in html
    assert '<mark class="m-trigger" title="trigger">raided</mark>' in html
    raids = client.get("/claims", params={"event_type": "raid"}).text
    assert "на овощной базе" in raids and "мигрантов.</span>" not in raids
    unconfirmed = client.get("/claims", params={"certainty": "unconfirmed"}).text
    assert "vegetable depot" in unconfirmed and "овощной базе" not in unconfirmed
    moscow = client.get("/claims", params={"region": "48"}).text
    assert "</mark> номер 3." in moscow and "Новосибирске" not in moscow.split("<tbody>")[1]
    march = client.get("/claims", params={"date_from": "2024-03-18", "date_to": "2024-03-31"})
    assert "на овощной базе" in march.text and "мигрантов.</span>" not in march.text
    assert client.get("/claims", params={"event_type": "picnic"}).status_code == 400
    assert client.get("/claims", params={"date_from": "March"}).status_code == 400


def test_web_edit_form_saves_fields_and_audit(app: FastAPI, seeded: Seeded) -> None:
    client, token = client_for(app, "rita")
    claim_id = seeded.ids["ru_raid"]
    page = client.get(f"/claims/{claim_id}").text
    form = {
        "csrf_token": token, "expected_version": str(version_of(page)), "action": "edit",
        "event_type": "raid", "certainty": "asserted", "count_qualifier": "about",
        "count_min": "30", "count_max": "30", "date_start": "2024-03-19",
        "date_end": "2024-03-19", "date_precision": "day", "loc_name": "Novosibirsk",
        "loc_country": "ru", "loc_admin1": "53", "loc_lat": "55.0415", "loc_lon": "82.9346",
        "loc_precision": "city", "actors": "police, migration_service",
        "targets": "migrants", "attribution": "МВД", "incident_id": "inc-nsk",
    }
    saved = client.post(f"/claims/{claim_id}/review", data=form, follow_redirects=False)
    assert saved.status_code == 303
    review = seeded.store.get_review(claim_id)
    assert review is not None and review.review_state == "edited" and review.version == 2
    claim = review.claim
    assert claim.count is not None and (claim.count.min, claim.count.qualifier) == (30, "about")
    assert claim.certainty == "asserted" and claim.actors == ("police", "migration_service")
    assert claim.attribution == ("МВД",) and claim.location.country == "RU"
    fields = {e.field for e in seeded.store.audit_log(claim_id)}
    assert fields == {"count", "certainty", "actors", "attribution", "review_state"}
    shown = client.get(f"/claims/{claim_id}").text
    assert "rita" in shown and "МВД" in shown and "migration_service" in shown


def test_web_bad_form_value_saves_nothing(app: FastAPI, seeded: Seeded) -> None:
    client, token = client_for(app, "rita")
    claim_id = seeded.ids["en_raid"]
    page = client.get(f"/claims/{claim_id}").text
    for bad in ({"count_qualifier": "exact", "count_min": "ten"},
                {"count_qualifier": "range", "count_min": "9", "count_max": "3"},
                {"loc_lat": "95"}, {"actors": "aliens"}, {"date_start": "19 March"}):
        form = {"csrf_token": token, "expected_version": str(version_of(page)),
                "action": "edit", "event_type": "raid", "certainty": "reported", **bad}
        response = client.post(f"/claims/{claim_id}/review", data=form, follow_redirects=False)
        assert response.status_code == 422, bad
    review = seeded.store.get_review(claim_id)
    assert review is not None and review.version == 1 and review.review_state == "unreviewed"


def test_web_incident_accounts_side_by_side(app: FastAPI, seeded: Seeded) -> None:
    client, _ = client_for(app, "vic")
    listing = client.get("/incidents").text
    assert "/incidents/inc-nsk" in listing
    page = client.get("/incidents/inc-nsk").text
    assert page.count('class="account"') == 2
    assert "на овощной базе" in page and "vegetable depot" in page
    assert "Test Wire" in page and "Тестовые вести" in page
    assert client.get("/incidents/none-such").status_code == 404


def test_web_api_claims_pages_and_detail(app: FastAPI, seeded: Seeded) -> None:
    api = _api(app, seeded.token)
    first = api.get("/api/claims", params={"limit": 10}).json()
    assert len(first["items"]) == 10 and first["next"]
    second = api.get(first["next"]).json()
    third = api.get(second["next"]).json()
    ids = [c["claim_id"] for page in (first, second, third) for c in page["items"]]
    assert len(ids) == len(set(ids)) == 24 and third["next"] is None
    raids = api.get("/api/claims", params={"event_type": "raid"}).json()["items"]
    assert {c["claim_id"] for c in raids} == {seeded.ids["ru_raid"], seeded.ids["en_raid"]}
    detail = api.get(f"/api/claims/{seeded.ids['ru_detention']}").json()
    assert detail["count"]["min"] == 40 and detail["review_state"] == "unreviewed"
    assert detail["original"]["count"]["min"] == 40 and detail["audit"] == []
    assert api.get("/api/claims/c:missing").status_code == 404
    assert api.get("/api/claims", params={"limit": 0}).status_code == 400


def test_web_api_review_conflict_and_export(app: FastAPI, seeded: Seeded) -> None:
    api = _api(app, seeded.token)
    claim_id = seeded.ids["ru_detention"]
    change = {"count": {"min": 50, "max": 50, "qualifier": "exact", "text": "пятьдесят"}}
    ok = api.post(f"/api/claims/{claim_id}/review",
                  json={"expected_version": 1, "changes": change})
    assert ok.status_code == 200 and ok.json()["version"] == 2
    stale = api.post(f"/api/claims/{claim_id}/review",
                     json={"expected_version": 1, "changes": {"review_state": "rejected"}})
    assert stale.status_code == 409 and "K304" in stale.json()["error"]
    refused = api.post(f"/api/claims/{claim_id}/review",
                       json={"expected_version": 2, "changes": {"doc_id": "other"}})
    assert refused.status_code == 422
    audit = api.get(f"/api/claims/{claim_id}").json()["audit"]
    assert [(e["field"], e["user"]) for e in audit] == [("count", "rita"),
                                                        ("review_state", "rita")]
    lines = api.get("/api/export", params={"format": "jsonl"}).text.splitlines()
    exported = {d["claim_id"]: d for d in map(json.loads, lines)}
    assert len(exported) == 24
    assert exported[claim_id]["count"]["min"] == 50
    assert exported[claim_id]["review_state"] == "edited"
    assert exported[seeded.ids["ru_raid"]]["review_state"] == "unreviewed"
    assert api.get("/api/export", params={"format": "xlsx"}).status_code == 400


def test_web_api_documents_incidents_map(app: FastAPI, seeded: Seeded) -> None:
    api = _api(app, seeded.viewer_token)
    doc = api.get("/api/documents/doc-xss").json()
    assert "<script>alert(1)</script>" in doc["text"]  # JSON carries the text verbatim
    incidents = api.get("/api/incidents").json()["items"]
    assert incidents == [{
        "incident_id": "inc-nsk", "claim_ids": [seeded.ids["ru_raid"], seeded.ids["en_raid"]],
        "doc_ids": ["doc-ru", "doc-en"], "event_types": ["raid"], "places": ["Novosibirsk"],
        "dates": ["2024-03-19"],
    }]
    geo = api.get("/api/map.geojson", params={"region": "53"}).json()
    assert geo["type"] == "FeatureCollection" and len(geo["features"]) == 3
    lon, lat = geo["features"][0]["geometry"]["coordinates"]
    assert 82 < lon < 84 and 54 < lat < 56
    schema = api.get("/api/openapi.json").json()
    assert "/api/claims/{claim_id}/review" in schema["paths"]


def test_web_cli_users_and_token(tmp_path: Path) -> None:
    db = str(tmp_path / "cli.db")
    runner = CliRunner()
    added = runner.invoke(cli_app, ["users", "add", "zoe", "--role", "viewer",
                                    "--password-stdin", "--db", db],
                          input="a long enough password\n")
    assert added.exit_code == 0, added.output
    short = runner.invoke(cli_app, ["users", "add", "zed", "--password-stdin", "--db", db],
                          input="short\n")
    assert short.exit_code == 1
    bad_role = runner.invoke(cli_app, ["users", "add", "zed", "--role", "boss",
                                       "--password-stdin", "--db", db], input="x" * 12 + "\n")
    assert bad_role.exit_code == 2
    made = runner.invoke(cli_app, ["users", "token", "zoe", "--db", db])
    assert made.exit_code == 0
    token = made.stdout.strip()
    assert token.startswith("khr_")
    from khronika.store import open_store
    from khronika.web import WebSettings, create_app

    store = open_store(db)
    try:
        client = _api(create_app(WebSettings(), store), token)
        assert client.get("/api/claims").json()["items"] == []
    finally:
        store.close()
    for args in (["serve", "--help"], ["users", "--help"], ["users", "add", "--help"]):
        assert runner.invoke(cli_app, args).exit_code == 0
