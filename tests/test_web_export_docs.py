"""Export from the web in every format with the page's filters; API docs served offline."""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path

import pytest
from fastapi import FastAPI
from playwright.sync_api import Page

from tests.test_browser_review import _log_in, _shots, page  # noqa: F401
from tests.test_web_fixtures import BASE_URL, LiveServer, Seeded, TestClient

pytest_plugins = ["tests.test_web_fixtures"]


def _api(app: FastAPI, token: str) -> TestClient:
    return TestClient(app, base_url=BASE_URL, headers={"Authorization": f"Bearer {token}"})


def test_web_export_every_format_keeps_filters(app: FastAPI, seeded: Seeded) -> None:
    api = _api(app, seeded.token)
    every = api.get("/api/export", params={"format": "jsonl"})
    assert every.status_code == 200 and "ndjson" in every.headers["content-type"]
    rows = [json.loads(line) for line in every.text.splitlines()]
    types = {r["event_type"] for r in rows}
    assert len(types) > 1
    chosen = sorted(types)[0]
    picked = api.get("/api/export", params={"format": "jsonl", "event_type": chosen})
    only = [json.loads(line) for line in picked.text.splitlines()]
    assert only and {r["event_type"] for r in only} == {chosen}
    assert len(only) < len(rows)

    table = api.get("/api/export", params={"format": "csv", "event_type": chosen})
    assert table.headers["content-type"].startswith("text/csv")
    assert 'filename="khronika-claims.csv"' in table.headers["content-disposition"]
    assert len(list(csv.DictReader(io.StringIO(table.text)))) == len(only)

    geo = api.get("/api/export", params={"format": "geojson"}).json()
    assert geo["type"] == "FeatureCollection" and geo["features"]

    parquet = api.get("/api/export", params={"format": "parquet", "event_type": chosen})
    assert parquet.content[:4] == b"PAR1"
    import pyarrow.parquet as pq

    assert pq.read_table(io.BytesIO(parquet.content)).num_rows == len(only)
    assert api.get("/api/export", params={"format": "xlsx"}).status_code == 400


@pytest.mark.browser
@pytest.mark.parametrize("seeded", ["sqlite"], indirect=True)
def test_browser_queue_export_links_and_offline_api_docs(
    page: Page, live: LiveServer, seeded: Seeded, tmp_path: Path  # noqa: F811
) -> None:
    p = page
    _log_in(p, live, "rita")
    p.goto(f"{live.url}/claims?event_type=detention")
    for fmt in ("csv", "geojson", "parquet", "jsonl"):
        href = p.locator(f"a.export-{fmt}").get_attribute("href") or ""
        assert f"format={fmt}" in href and "event_type=detention" in href
    with p.expect_download() as download:
        p.click("a.export-csv")
    assert download.value.suggested_filename == "khronika-claims.csv"
    assert Path(download.value.path()).stat().st_size > 0

    requested: list[str] = []
    failed: list[str] = []
    p.on("request", lambda r: requested.append(r.url))
    p.on("response", lambda r: failed.append(r.url) if r.status >= 400 else None)
    p.goto(f"{live.url}/docs")
    p.wait_for_selector(".swagger-ui .opblock-tag", timeout=15_000)
    assert p.locator(".opblock-summary-path", has_text="/api/export").count() >= 1
    assert all(u.startswith(live.url) or u.startswith("data:") for u in requested), requested
    assert not failed, failed
    p.screenshot(path=str(_shots(tmp_path) / "api-docs.png"), full_page=False)


def test_openapi_has_typed_response_schemas(app: FastAPI, seeded: Seeded) -> None:
    doc = _api(app, seeded.token).get("/api/openapi.json").json()

    def schema_of(path: str, method: str = "get") -> str:
        content = doc["paths"][path][method]["responses"]["200"]["content"]
        return str(content["application/json"]["schema"]["$ref"]).rsplit("/", 1)[-1]

    assert schema_of("/api/claims") == "ClaimPage"
    assert schema_of("/api/claims/{claim_id}") == "ClaimDetailOut"
    assert schema_of("/api/documents/{doc_id}") == "DocumentOut"
    assert schema_of("/api/map.geojson") == "MapOut"
    claim = doc["components"]["schemas"]["ReviewedClaimOut"]["properties"]
    assert {"event_type", "count", "evidence", "review_state", "version"} <= set(claim)


@pytest.mark.browser
@pytest.mark.parametrize("seeded", ["sqlite"], indirect=True)
def test_browser_queue_labels_sources_dates_and_phone_layout(
    page: Page, live: LiveServer, seeded: Seeded, tmp_path: Path  # noqa: F811
) -> None:
    p = page
    _log_in(p, live, "rita")
    options = p.locator("select[name=event_type] option")
    assert options.count() == 9
    assert "Escort to enlistment office" in options.all_inner_texts()
    box = p.locator("select[name=event_type]").bounding_box()
    last = options.nth(8).bounding_box()
    assert box and last and last["y"] + last["height"] <= box["y"] + box["height"] + 1
    row = p.locator("tr", has_text="задержали сорок мигрантов")
    assert row.locator("td.type").inner_text() == "Detention"
    when = row.locator(".when")
    assert "Mar" in when.inner_text()
    assert when.bounding_box()["height"] < 30  # type: ignore[index]  # one line
    assert p.locator("th", has_text="Source").count() == 1
    p.screenshot(path=str(_shots(tmp_path) / "review-queue.png"), full_page=False)

    p.set_viewport_size({"width": 390, "height": 800})
    p.mouse.wheel(0, 1500)
    p.wait_for_timeout(200)
    nav = p.locator("header.top nav").bounding_box()
    assert nav and 0 <= nav["y"] and nav["x"] + nav["width"] <= 391
    assert p.locator("header.top nav a", has_text="Map").is_visible()
    p.screenshot(path=str(_shots(tmp_path) / "review-queue-phone.png"), full_page=False)


def test_timeline_axis_is_continuous() -> None:
    from collections import Counter

    from khronika.web.routes.pages import _timeline_rows, month_range

    assert month_range("2023-11", "2024-02") == ["2023-11", "2023-12", "2024-01", "2024-02"]
    rows = _timeline_rows(Counter({("2024-01", "raid"): 2, ("2024-04", "detention"): 1}),
                          {"2024-01": 1})
    assert [(r[0], r[1], r[4]) for r in rows] == [
        ("2024-01", 2, 1), ("2024-02", 0, 0), ("2024-03", 0, 0), ("2024-04", 1, 0)]


@pytest.mark.browser
@pytest.mark.parametrize("seeded", ["sqlite"], indirect=True)
def test_browser_timeline_incidents_and_colours(
    page: Page, live: LiveServer, seeded: Seeded, tmp_path: Path  # noqa: F811
) -> None:
    p = page
    _log_in(p, live, "rita")
    p.goto(f"{live.url}/timeline")
    keys = p.locator("ul.keys rect")
    assert keys.count() == 9
    fills = {keys.nth(i).evaluate("e => getComputedStyle(e).fill") for i in range(9)}
    assert len(fills) == 9
    labels = p.locator("svg.timeline text").all_text_contents()
    assert "2024-03" in labels and any("incident" in t for t in labels)
    p.screenshot(path=str(_shots(tmp_path) / "timeline.png"), full_page=False)


def test_document_runs_mark_each_claim_once() -> None:
    from khronika.web.document_marks import document_runs, safe_link

    assert safe_link("https://example.org/a") == "https://example.org/a"
    assert safe_link("javascript:alert(1)") is None and safe_link(None) is None
    assert document_runs("no claims here", []) == [document_runs("no claims here", [])[0]]


@pytest.mark.browser
@pytest.mark.parametrize("seeded", ["sqlite"], indirect=True)
def test_browser_document_and_claim_show_outlet_and_marks(
    page: Page, live: LiveServer, seeded: Seeded, tmp_path: Path  # noqa: F811
) -> None:
    p = page
    _log_in(p, live, "rita")
    p.goto(f"{live.url}/documents/doc-ru")
    marks = p.locator("pre.doc-text mark.m-claim")
    assert marks.count() == 2
    assert "задержали сорок мигрантов" in " ".join(marks.all_inner_texts())
    assert p.locator(".meta .outlet").inner_text() == "Тестовые вести"
    assert "20 Mar 2024" in p.locator(".meta").first.inner_text()
    p.locator("a.claim-ref").first.click()
    p.wait_for_url(re.compile(r"/claims/"))
    meta = p.locator(".meta").first.inner_text()
    assert "Тестовые вести" in meta and "20 Mar 2024" in meta
    p.goto(f"{live.url}/documents/doc-ru")
    p.screenshot(path=str(_shots(tmp_path) / "document.png"), full_page=False)
